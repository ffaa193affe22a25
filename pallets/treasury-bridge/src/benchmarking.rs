//! Benchmarks of the bridge's calls, its queue hook and its transaction extension
//! (frame-benchmarking v2), against the real vault the runtime's [`BenchmarkHelper`] names.
//!
//! Attestations are measured with `MaxRelayers` relayers and a threshold of all of them: the
//! longest vote lists. `attest_deposit_credit` is the worst crediting path: the last vote
//! credits the deposit straight into USDai through the vault.

use super::*;
use crate::BenchmarkHelper;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungibles::Inspect, EnsureOrigin, Get, UnixTime};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Saturating;
use usdai_primitives::{AssetId, Balance, BPS_DENOMINATOR};

/// `MaxRelayers` relayers, all needed.
fn relayers<T: Config>() -> Vec<T::AccountId> {
	let n = T::MaxRelayers::get();
	let set: Vec<T::AccountId> = (0..n).map(|i| account("relayer", i, 0)).collect();
	Pallet::<T>::do_set_relayers(set, n).expect("a full set is valid");
	Relayers::<T>::get().to_vec()
}

/// The bridged asset, with an allowance that never binds.
fn asset<T: Config>() -> AssetId {
	let asset = T::BenchmarkHelper::bridged_asset();
	let limit = InflowLimit { period: 1u32.into(), max_per_period: Balance::MAX / 4 };
	Pallet::<T>::do_set_inflow_limit(asset, Some(limit)).expect("asset accepted");
	asset
}

/// An open channel.
fn channel<T: Config>() -> ChannelId {
	match Channels::<T>::iter_keys().next() {
		Some(c) => c,
		None => {
			Pallet::<T>::do_open_channel(0).expect("opens");
			0
		},
	}
}

/// One whole stablecoin unit times `units`.
fn units<T: Config>(asset: AssetId, units: Balance) -> Balance {
	let decimals = <T::Assets as frame_support::traits::fungibles::metadata::Inspect<
		T::AccountId,
	>>::decimals(asset);
	units.saturating_mul(10u128.saturating_pow(u32::from(decimals)))
}

/// The channel's next deposit of `amount` to `recipient`.
fn next_deposit<T: Config>(
	channel: ChannelId,
	asset: AssetId,
	amount: Balance,
	recipient: T::AccountId,
	into_usdai: bool,
) -> Deposit<T::AccountId> {
	let nonce = Channels::<T>::get(channel).expect("open").next_nonce;
	Deposit {
		channel,
		nonce,
		source_tx: H256::repeat_byte(7),
		asset,
		amount,
		action: DepositAction::Credit { recipient, into_usdai },
	}
}

/// `votes` relayers attest `deposit`.
fn votes<T: Config>(relayers: &[T::AccountId], deposit: &Deposit<T::AccountId>, votes: usize) {
	for r in relayers.iter().take(votes) {
		Pallet::<T>::do_attest_deposit(r.clone(), deposit.clone()).expect("attests");
	}
}

/// The next nonce of an open channel, counted as credited (for a credit held aside).
fn credited_nonce<T: Config>() -> (ChannelId, MessageNonce) {
	let channel = channel::<T>();
	let mut state = Channels::<T>::get(channel).expect("open");
	let nonce = state.next_nonce;
	state.next_nonce = nonce.saturating_add(1);
	state.credited = state.credited.saturating_add(1);
	Channels::<T>::insert(channel, state);
	(channel, nonce)
}

/// Credits `amount` into the vault for USDai (so that it has a reserve) and moves half of the
/// reserves to the sleeve. Returns the relayers and the asset.
fn with_sleeve<T: Config>() -> (Vec<T::AccountId>, AssetId) {
	let relayers = relayers::<T>();
	let asset = asset::<T>();
	let channel = channel::<T>();
	let holder: T::AccountId = account("holder", 0, 0);
	let d = next_deposit::<T>(channel, asset, units::<T>(asset, 1_000_000), holder, true);
	votes::<T>(&relayers, &d, relayers.len());
	SleeveTarget::<T>::put(T::MaxSleeveTargetBps::get().min(BPS_DENOMINATOR / 2));
	Pallet::<T>::do_rebalance_sleeve(asset).expect("moves");
	(relayers, asset)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A vote that does not reach the threshold.
	#[benchmark]
	fn attest_deposit_vote() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let d =
			next_deposit::<T>(channel, asset, units::<T>(asset, 100), account("to", 0, 0), true);
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(2));
		let voter = relayers[n.saturating_sub(2)].clone();
		#[extrinsic_call]
		attest_deposit(RawOrigin::Signed(voter), d);
		assert!(PendingDeposits::<T>::contains_key(channel));
	}

	/// The last vote: the deposit is credited straight into USDai.
	#[benchmark]
	fn attest_deposit_credit() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let to: T::AccountId = account("to", 0, 0);
		let d = next_deposit::<T>(channel, asset, units::<T>(asset, 100), to.clone(), true);
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(1));
		let voter = relayers[n.saturating_sub(1)].clone();
		#[extrinsic_call]
		attest_deposit(RawOrigin::Signed(voter), d);
		assert!(!PendingDeposits::<T>::contains_key(channel));
		assert_eq!(T::Assets::balance(asset, &to), 0);
	}

	/// The last confirmation of a withdrawal.
	#[benchmark]
	fn attest_withdrawal() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let who: T::AccountId = account("who", 0, 0);
		let amount = units::<T>(asset, 10);
		Pallet::<T>::pay(&who, asset, amount, false).expect("mints");
		let nonce = Pallet::<T>::do_request_withdrawal(who, asset, amount, Destination::default())
			.expect("withdraws");
		let n = relayers.len();
		for r in relayers.iter().take(n.saturating_sub(1)) {
			Pallet::<T>::do_attest_withdrawal(r.clone(), nonce).expect("confirms");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(relayers[n.saturating_sub(1)].clone()), nonce);
		assert!(!Outbound::<T>::contains_key(nonce));
	}

	/// The last vote on a NAV report: growth reaches the vault.
	#[benchmark]
	fn attest_nav() {
		let (relayers, _) = with_sleeve::<T>();
		let sleeve = T::Sleeve::sleeve_value();
		let growth = sleeve
			.saturating_mul(Balance::from(T::MaxNavChangeBps::get()))
			.checked_div(Balance::from(BPS_DENOMINATOR))
			.unwrap_or_default();
		let report = NavReport {
			value: sleeve.saturating_add(growth),
			timestamp: T::UnixTime::now().as_secs(),
			sequence: SleeveSequence::<T>::get(),
		};
		let n = relayers.len();
		for r in relayers.iter().take(n.saturating_sub(1)) {
			Pallet::<T>::do_attest_nav(r.clone(), report).expect("attests");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(relayers[n.saturating_sub(1)].clone()), report);
		assert_eq!(LastNav::<T>::get().map(|l| l.report), Some(report));
	}

	/// With another withdrawal of the caller's waiting: its count is read and written.
	#[benchmark]
	fn request_withdrawal() {
		let asset = asset::<T>();
		let who: T::AccountId = account("who", 0, 0);
		let amount = units::<T>(asset, 10);
		Pallet::<T>::pay(&who, asset, amount.saturating_mul(2), false).expect("mints");
		if T::MaxWithdrawalsPerAccount::get() > 1 {
			Pallet::<T>::do_request_withdrawal(who.clone(), asset, amount, Destination::default())
				.expect("withdraws");
		}
		let nonce = NextOutboundNonce::<T>::get();
		let destination: Destination =
			alloc::vec![1u8; MAX_DESTINATION_LEN as usize].try_into().expect("fits");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), asset, amount, destination);
		assert!(Outbound::<T>::contains_key(nonce));
	}

	#[benchmark]
	fn rebalance_sleeve() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let holder: T::AccountId = account("holder", 0, 0);
		let d = next_deposit::<T>(channel, asset, units::<T>(asset, 1_000_000), holder, true);
		votes::<T>(&relayers, &d, relayers.len());
		SleeveTarget::<T>::put(T::MaxSleeveTargetBps::get().min(BPS_DENOMINATOR / 2));
		let caller: T::AccountId = whitelisted_caller();
		let nonce = NextOutboundNonce::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset);
		assert!(Outbound::<T>::contains_key(nonce));
	}

	#[benchmark]
	fn set_relayers(r: Linear<1, { T::MaxRelayers::get() }>) -> Result<(), BenchmarkError> {
		let set: Vec<T::AccountId> = (0..r).map(|i| account("relayer", i, 1)).collect();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, set.try_into().expect("bounded"), r);
		assert_eq!(Threshold::<T>::get(), r);
		Ok(())
	}

	#[benchmark]
	fn open_channel() -> Result<(), BenchmarkError> {
		let id = (0..u32::MAX).find(|c| !Channels::<T>::contains_key(c)).unwrap_or_default();
		// Room for one more channel.
		if Channels::<T>::count() >= T::MaxChannels::get() {
			return Err(BenchmarkError::Weightless);
		}
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert!(Channels::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn set_inflow_limit() -> Result<(), BenchmarkError> {
		let asset = asset::<T>();
		let limit = InflowLimit { period: 10u32.into(), max_per_period: 1_000 };
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset, Some(limit));
		assert_eq!(InflowLimits::<T>::get(asset), Some(limit));
		Ok(())
	}

	/// Skipping a frozen nonce.
	#[benchmark]
	fn resolve_conflict() -> Result<(), BenchmarkError> {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let d = next_deposit::<T>(channel, asset, units::<T>(asset, 1), account("to", 0, 0), false);
		let mut other = d.clone();
		other.amount = units::<T>(asset, 2);
		Pallet::<T>::do_attest_deposit(relayers[0].clone(), d).expect("attests");
		Pallet::<T>::do_attest_deposit(relayers[1].clone(), other).expect("conflicts");
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, channel, Resolution::Skip);
		assert!(!Channels::<T>::get(channel).expect("open").frozen);
		Ok(())
	}

	#[benchmark]
	fn set_sleeve_target() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let bps = T::MaxSleeveTargetBps::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bps);
		assert_eq!(SleeveTarget::<T>::get(), bps);
		Ok(())
	}

	#[benchmark]
	fn request_recall() -> Result<(), BenchmarkError> {
		let (_, asset) = with_sleeve::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let nonce = NextOutboundNonce::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset, units::<T>(asset, 1));
		assert!(Outbound::<T>::contains_key(nonce));
		Ok(())
	}

	#[benchmark]
	fn halt() -> Result<(), BenchmarkError> {
		let origin =
			T::EmergencyOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);
		assert!(Halted::<T>::get());
		Ok(())
	}

	#[benchmark]
	fn resume() -> Result<(), BenchmarkError> {
		Halted::<T>::put(true);
		let origin =
			T::EmergencyOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);
		assert!(!Halted::<T>::get());
		Ok(())
	}

	/// Retrying a held sleeve return: the recall completes, the cash goes into the reserve (the
	/// dearer of the two retries; a user credit only goes back into its queue).
	#[benchmark]
	fn retry_held_credit() {
		let (_, asset) = with_sleeve::<T>();
		let amount = units::<T>(asset, 1_000);
		let recall = Pallet::<T>::do_request_recall(asset, amount).expect("recalls");
		let (channel, nonce) = credited_nonce::<T>();
		// As if the vault had refused the return when it was credited.
		let action = DepositAction::SleeveReturn { recall };
		let error = Error::<T>::InvalidSleeveReturn.into();
		Pallet::<T>::hold(channel, nonce, asset, amount, action, error).expect("holds");
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), channel, nonce);
		assert!(!HeldCredits::<T>::contains_key((channel, nonce)));
		assert!(!Outbound::<T>::contains_key(recall));
	}

	/// Paying a held credit to an account that has none of the asset yet.
	#[benchmark]
	fn settle_held_credit() -> Result<(), BenchmarkError> {
		let asset = asset::<T>();
		let to: T::AccountId = account("to", 0, 0);
		let amount = units::<T>(asset, 10);
		let (channel, nonce) = credited_nonce::<T>();
		let action = DepositAction::Credit { recipient: to.clone(), into_usdai: true };
		let error = Error::<T>::CannotReceive.into();
		Pallet::<T>::hold(channel, nonce, asset, amount, action, error).expect("holds");
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, channel, nonce, HeldSettlement::PayTo(to.clone()));
		assert_eq!(T::Assets::balance(asset, &to), amount);
		Ok(())
	}

	#[benchmark]
	fn set_nav_limit() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let limit = NavLimit { period: 3_600, max_change_bps: T::MaxNavChangeBps::get() };
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, limit);
		assert_eq!(NavChangeLimit::<T>::get(), limit);
		Ok(())
	}

	/// `on_initialize` paying `n` queued credits, each into USDai.
	#[benchmark]
	fn process_queues(n: Linear<0, { T::MaxQueueCreditsPerBlock::get() }>) {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		// A small allowance, spent, so that the deposits queue; the next period pays them.
		let each = units::<T>(asset, 10);
		let limit = InflowLimit {
			period: 1u32.into(),
			max_per_period: each.saturating_mul(Balance::from(n.max(1))),
		};
		Pallet::<T>::do_set_inflow_limit(asset, Some(limit)).expect("limit");
		Inflow::<T>::insert(
			asset,
			InflowWindow {
				start: frame_system::Pallet::<T>::block_number(),
				credited: limit.max_per_period,
			},
		);
		for i in 0..n {
			let d = next_deposit::<T>(channel, asset, each, account("to", i, 0), true);
			votes::<T>(&relayers, &d, relayers.len());
		}
		assert_eq!(Queues::<T>::get(asset).len(), u64::from(n));
		let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(next);
		#[block]
		{
			Pallet::<T>::do_process_queues();
		}
		assert!(Queues::<T>::get(asset).is_empty());
	}

	/// The transaction extension's checks of a deposit attestation.
	#[benchmark]
	fn check_attestation() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let d = next_deposit::<T>(channel, asset, units::<T>(asset, 1), account("to", 0, 0), true);
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(1));
		let voter = relayers[n.saturating_sub(1)].clone();
		#[block]
		{
			Pallet::<T>::check_deposit_attestation(&voter, &d).expect("valid");
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
