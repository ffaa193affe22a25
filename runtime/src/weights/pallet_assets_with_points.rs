//! pallet-assets' weights as the runtime charges them: the measured ones
//! ([`super::pallet_assets`]), plus, for every call that can debit an account, the note that
//! pallet-usdai's points tracker takes of a USDai or sUSDai debit (`points_note_debit`: the
//! vault is pallet-assets' `Freezer` and notes each debited holder, to settle its Allo points
//! at the end of the block). Written by hand; the two parts are measured.

use core::marker::PhantomData;
use frame_support::weights::Weight;
use pallet_usdai::weights::WeightInfo as _;

/// What a debit's points note costs (see the module's docs).
fn note<T: frame_system::Config>() -> Weight {
	pallet_usdai::weights::SubstrateWeight::<T>::points_note_debit()
}

/// [`super::pallet_assets::WeightInfo`] with the points note added to every debit.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_assets::WeightInfo for WeightInfo<T> {
	fn create() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::create()
	}
	fn force_create() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_create()
	}
	fn start_destroy() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::start_destroy()
	}
	fn destroy_accounts(c: u32) -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::destroy_accounts(c)
	}
	fn destroy_approvals(a: u32) -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::destroy_approvals(a)
	}
	fn finish_destroy() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::finish_destroy()
	}
	fn mint() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::mint()
	}
	fn burn() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::burn()
			.saturating_add(note::<T>())
	}
	fn transfer() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::transfer()
			.saturating_add(note::<T>())
	}
	fn transfer_keep_alive() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::transfer_keep_alive()
			.saturating_add(note::<T>())
	}
	fn force_transfer() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_transfer()
			.saturating_add(note::<T>())
	}
	fn freeze() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::freeze()
	}
	fn thaw() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::thaw()
	}
	fn freeze_asset() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::freeze_asset()
	}
	fn thaw_asset() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::thaw_asset()
	}
	fn transfer_ownership() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::transfer_ownership()
	}
	fn set_team() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::set_team()
	}
	fn set_reserves(n: u32) -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::set_reserves(n)
	}
	fn set_metadata(n: u32, s: u32) -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::set_metadata(n, s)
	}
	fn clear_metadata() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::clear_metadata()
	}
	fn force_set_metadata(n: u32, s: u32) -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_set_metadata(n, s)
	}
	fn force_clear_metadata() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_clear_metadata()
	}
	fn force_asset_status() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_asset_status()
	}
	fn approve_transfer() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::approve_transfer()
	}
	fn transfer_approved() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::transfer_approved()
			.saturating_add(note::<T>())
	}
	fn cancel_approval() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::cancel_approval()
	}
	fn force_cancel_approval() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::force_cancel_approval()
	}
	fn set_min_balance() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::set_min_balance()
	}
	fn touch() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::touch()
	}
	fn touch_other() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::touch_other()
	}
	fn refund() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::refund()
			.saturating_add(note::<T>())
	}
	fn refund_other() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::refund_other()
			.saturating_add(note::<T>())
	}
	fn block() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::block()
	}
	fn transfer_all() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::transfer_all()
			.saturating_add(note::<T>())
	}
	fn total_issuance() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::total_issuance()
	}
	fn balance() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::balance()
	}
	fn allowance() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::allowance()
	}
	fn migration_v2_foreign_asset_set_reserve_weight() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::migration_v2_foreign_asset_set_reserve_weight()
	}
	fn get_metadata() -> Weight {
		<super::pallet_assets::WeightInfo<T> as pallet_assets::WeightInfo>::get_metadata()
	}
}
