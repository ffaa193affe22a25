//! What the vault provides: to filo ([`LendingVault`]), the QEV (queue-extractable value)
//! queue ([`RedemptionVault`]), the treasury bridge ([`BridgeVault`], [`ReserveSleeve`]), the
//! gauges ([`LendableCapital`], [`FeeSource`], [`BackstopVault`]) and other pallets'
//! benchmarks (`VaultBenchmarkHelper`); to pallet-assets (`FrozenBalance`, the hook that notes
//! debits for the Allo points) and to itself (`HolderCursor` for [`AssetHolders`],
//! [`TransferEvents`] for [`AssetTransfers`]). Each method calls into the feature module that
//! keeps the logic; a method that changes state runs it in a storage layer, so that a failure
//! changes nothing, also outside a dispatch.

use crate::{pallet::*, AssetHolders, AssetTransfers, RawKey, TransferEvents};
use alloc::vec::Vec;
use sp_runtime::{DispatchError, DispatchResult};
use usdai_primitives::{
	bridge::{BridgeVault, ReserveSleeve},
	holders::HolderCursor,
	vault::{
		BackstopVault, FeeSource, InterestSplit, LendableCapital, LendingVault, RedemptionRate,
		RedemptionVault,
	},
	AssetId, Balance,
};

// ---- filo (`lending.rs`) and the QEV queue (`redemption.rs`) ----

impl<T: Config> LendingVault<T::AccountId> for Pallet<T> {
	fn idle_liquidity() -> Balance {
		Self::liquidity()
	}

	fn draw(to: &T::AccountId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_draw(to, amount))
	}

	fn repay_principal(from: &T::AccountId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_repay_principal(from, amount))
	}

	fn receive_interest(
		from: &T::AccountId,
		amount: Balance,
	) -> Result<InterestSplit, DispatchError> {
		frame_support::storage::with_storage_layer(|| Self::do_receive_interest(from, amount))
	}

	fn accrue_interest(amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_accrue_interest(amount))
	}

	fn reverse_accrued_interest(amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_reverse_accrued_interest(amount))
	}

	fn impair(amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_impair(amount))
	}

	fn reverse_impairment(amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_reverse_impairment(amount))
	}

	fn realise_loss(amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_realise_loss(amount))
	}

	/// Pays at most the loss `realise_loss` booked (see `Pallet::do_cover_loss`).
	fn cover_loss(amount: Balance) -> Result<Balance, DispatchError> {
		frame_support::storage::with_storage_layer(|| Self::do_cover_loss(amount))
	}
}

impl<T: Config> RedemptionVault<T::AccountId> for Pallet<T> {
	fn lock_shares(who: &T::AccountId, shares: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_lock_shares(who, shares))
	}

	fn unlock_shares(who: &T::AccountId, shares: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_unlock_shares(who, shares))
	}

	fn redemption_value(shares: Balance) -> Result<Balance, DispatchError> {
		Self::shares_value(shares)
	}

	fn redemption_rate() -> Result<RedemptionRate, DispatchError> {
		Self::current_redemption_rate()
	}

	fn settle_locked(shares: Balance, paid: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_settle_locked(shares, paid))
	}

	fn pay_settled(to: &T::AccountId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_pay_settled(to, amount))
	}

	fn settled_unpaid() -> Balance {
		Ledger::<T>::get().settled_unpaid
	}

	fn available_liquidity() -> Balance {
		Self::liquidity()
	}
}

// ---- the treasury bridge (`mint.rs`, `sleeve.rs`) ----

impl<T: Config> BridgeVault<T::AccountId> for Pallet<T> {
	/// `do_deposit` with no minimum out: the deposit gets the caps, limits, pauses and breaker
	/// of an ordinary `deposit`.
	fn deposit(
		who: &T::AccountId,
		asset: AssetId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		frame_support::storage::with_storage_layer(|| Self::do_deposit(who, asset, amount, 0))
	}

	fn reserve(asset: AssetId) -> Balance {
		Reserves::<T>::get(asset)
	}
}

impl<T: Config> ReserveSleeve<T::AccountId> for Pallet<T> {
	fn sleeve_value() -> Balance {
		Ledger::<T>::get().sleeve
	}

	fn move_to_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_move_to_sleeve(asset, amount))
	}

	fn recall_from_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_recall_from_sleeve(asset, amount))
	}

	fn report_sleeve_value(value: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_report_sleeve_value(value))
	}
}

// ---- the gauges and the CHIP lockers (`lockers.rs`) ----

impl<T: Config> LendableCapital for Pallet<T> {
	fn lendable_capital() -> Balance {
		Self::lendable()
	}
}

impl<T: Config> FeeSource<T::AccountId> for Pallet<T> {
	fn take_fees(to: &T::AccountId) -> Result<Balance, DispatchError> {
		frame_support::storage::with_storage_layer(|| Self::do_take_fees(to))
	}
}

impl<T: Config> BackstopVault<T::AccountId> for Pallet<T> {
	fn uncovered_loss() -> Balance {
		UncoveredLoss::<T>::get()
	}

	fn cover_loss_from(from: &T::AccountId, amount: Balance) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| Self::do_cover_loss_from(from, amount))
	}
}

// ---- Allo points (`points_tracker.rs`, `holders.rs`) ----

/// The vault as pallet-assets' `Freezer`: it freezes nothing and notes every USDai and sUSDai
/// debit for the points. Also called where nothing is debited (balance checks, read-only
/// queries): an extra observation there is harmless, and writes in read-only calls are dropped.
impl<T: Config> pallet_assets::FrozenBalance<AssetId, T::AccountId, Balance> for Pallet<T> {
	fn frozen_balance(asset: AssetId, who: &T::AccountId) -> Option<Balance> {
		Self::note_balance_fall(asset, who, true);
		None
	}

	fn died(asset: AssetId, who: &T::AccountId) {
		Self::note_balance_fall(asset, who, false);
	}

	fn contains_freezes(_asset: AssetId) -> bool {
		false
	}
}

/// No events read: receivers earn from their next observation.
impl<RuntimeEvent, AccountId> TransferEvents<RuntimeEvent, AccountId> for () {
	fn credited(_: RuntimeEvent) -> Option<(AssetId, AccountId)> {
		None
	}
}

impl<T, I> TransferEvents<<T as frame_system::Config>::RuntimeEvent, T::AccountId>
	for AssetTransfers<T, I>
where
	T: pallet_assets::Config<I, AssetId = AssetId>,
	I: 'static,
	<T as frame_system::Config>::RuntimeEvent: TryInto<pallet_assets::Event<T, I>>,
{
	fn credited(
		event: <T as frame_system::Config>::RuntimeEvent,
	) -> Option<(AssetId, T::AccountId)> {
		Self::receiver(event)
	}
}

impl<T, I> HolderCursor<T::AccountId> for AssetHolders<T, I>
where
	T: pallet_assets::Config<I, AssetId = AssetId>,
	I: 'static,
{
	/// A raw storage key of `pallet_assets::Account` (100 bytes for 32-byte account ids).
	type Cursor = RawKey;

	fn next_holders(
		asset: AssetId,
		cursor: Option<Self::Cursor>,
		max: u32,
	) -> (Vec<T::AccountId>, Option<Self::Cursor>) {
		Self::walk(asset, cursor, max)
	}
}

// ---- other pallets' benchmarks (`benchmark_helper.rs`) ----

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> usdai_primitives::vault::VaultBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn open_stablecoin() -> AssetId {
		crate::benchmark_helper::open_stablecoin::<T>()
	}

	fn fund_usdai(who: &T::AccountId, amount: Balance) {
		crate::benchmark_helper::fund_usdai::<T>(who, amount)
	}

	fn fund_shares(who: &T::AccountId, shares: Balance) {
		crate::benchmark_helper::fund_shares::<T>(who, shares)
	}

	fn stake(who: &T::AccountId, usdai: Balance) {
		crate::benchmark_helper::stake::<T>(who, usdai)
	}

	fn provide_liquidity(amount: Balance) {
		crate::benchmark_helper::provide_liquidity::<T>(amount)
	}

	fn accrue_locker_fees(amount: Balance) {
		crate::benchmark_helper::accrue_locker_fees::<T>(amount)
	}

	fn set_uncovered_loss(amount: Balance) {
		crate::benchmark_helper::set_uncovered_loss::<T>(amount)
	}

	fn limit_mints(max_per_period: Balance) {
		crate::benchmark_helper::limit_mints::<T>(max_per_period)
	}
}
