//! Benchmarks of the bridge's calls, its queue hook and its transaction extension
//! (frame-benchmarking v2), against the real vault, which `Config::VaultBenchmarkHelper`
//! prepares.
//!
//! Attestations are measured with `MaxRelayers` relayers and a threshold of all of them: the
//! longest vote lists. Each benchmark measures its call's dearest path in storage (the
//! storage-counting tests, `tests/weights.rs`, check every path against it):
//! `attest_deposit_credit` a user credit paid into USDai in part and queued for the rest,
//! `attest_deposit_return` a sleeve return that completes its recall after a write-down.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungibles::Inspect, Contains, EnsureOrigin, Get, UnixTime};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Saturating;
use usdai_primitives::{vault::VaultBenchmarkHelper as _, AssetId, Balance, BPS_DENOMINATOR};

/// A withdrawal's destination: an EVM address.
fn evm_destination() -> Destination {
	alloc::vec![0xab; EVM_ADDRESS_LEN].try_into().expect("fits")
}

/// Relayer `i`'s development EVM key, registered as the relayer does (with its proof).
fn register_key<T: Config>(relayer: &T::AccountId, i: u32) -> EvmAddress {
	let secret = crate::dev_keys::secret(i);
	let key = crate::dev_keys::address(&secret);
	let proof = crate::dev_keys::sign(&secret, &Pallet::<T>::evm_key_proof_digest(relayer));
	Pallet::<T>::do_register_evm_key(relayer.clone(), key, proof).expect("registers");
	key
}

/// A gateway on the first open channel.
fn gateway<T: Config>() -> GatewayInfo {
	let info = GatewayInfo {
		channel: channel::<T>(),
		chain_id: 42_161,
		address: EvmAddress::repeat_byte(0x5f),
	};
	Pallet::<T>::do_set_gateway(Some(info)).expect("sets");
	info
}

/// Signer sets numbered so that the next one prunes the oldest kept (its set and rotation
/// signatures are written away).
fn deep_signer_history<T: Config>() {
	SignerEpoch::<T>::put(SIGNER_SET_HISTORY.saturating_mul(4));
}

/// `MaxRelayers` relayers, all needed.
fn relayers<T: Config>() -> Vec<T::AccountId> {
	let n = T::MaxRelayers::get();
	let set: Vec<T::AccountId> = (0..n).map(|i| account("relayer", i, 0)).collect();
	Pallet::<T>::do_set_relayers(set, n).expect("a full set is valid");
	Relayers::<T>::get().to_vec()
}

/// The bridged asset (a stablecoin the vault accepts without limits), with an allowance that
/// never binds.
fn asset<T: Config>() -> AssetId {
	let asset = T::VaultBenchmarkHelper::open_stablecoin();
	assert!(T::Stablecoins::contains(&asset), "the vault's stablecoin is one the bridge mints");
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

/// Credits a million units into the vault for USDai (so that it has a reserve), with `staked`
/// a tenth of the USDai staked for sUSDai (idle cash that bears a write-down, holders the yield
/// vests to), and moves half of the reserves to the sleeve. Returns the relayers and the asset.
fn with_sleeve<T: Config>(staked: bool) -> (Vec<T::AccountId>, AssetId) {
	let relayers = relayers::<T>();
	let asset = asset::<T>();
	let channel = channel::<T>();
	let holder: T::AccountId = account("holder", 0, 0);
	let amount = units::<T>(asset, 1_000_000);
	let d = next_deposit::<T>(channel, asset, amount, holder.clone(), true);
	votes::<T>(&relayers, &d, relayers.len());
	if staked {
		let usdai = amount.saturating_mul(Pallet::<T>::scale(asset).expect("bridged"));
		T::VaultBenchmarkHelper::stake(&holder, usdai.checked_div(10).unwrap_or_default());
	}
	SleeveTarget::<T>::put(T::MaxSleeveTargetBps::get().min(BPS_DENOMINATOR / 2));
	Pallet::<T>::do_rebalance_sleeve(asset).expect("moves");
	(relayers, asset)
}

/// Every relayer attests `report`: it is accepted.
fn accept_nav<T: Config>(relayers: &[T::AccountId], report: NavReport) {
	for r in relayers {
		Pallet::<T>::do_attest_nav(r.clone(), report).expect("attests");
	}
	assert_eq!(LastNav::<T>::get().map(|l| l.report), Some(report));
}

/// A NAV report of `value` now, at the current sleeve sequence.
fn nav_now<T: Config>(value: Balance) -> NavReport {
	NavReport {
		value,
		timestamp: T::UnixTime::now().as_secs(),
		sequence: SleeveSequence::<T>::get(),
	}
}

/// The most the sleeve's value may move in a NAV period: `MaxNavChangeBps` of it.
fn nav_bound<T: Config>() -> Balance {
	T::Sleeve::sleeve_value()
		.saturating_mul(Balance::from(T::MaxNavChangeBps::get()))
		.checked_div(Balance::from(BPS_DENOMINATOR))
		.unwrap_or_default()
}

/// On a staked sleeve: a recall of all of it, in another bridged asset than the sleeve's when
/// there is one (the vault's reserve holds none of it: the return's mint creates the account),
/// then a write-down of the sleeve by the NAV bound, so that the return recovers it as yield.
/// Returns the relayers, the recall, its asset and its amount.
fn recall_after_write_down<T: Config>() -> (Vec<T::AccountId>, MessageNonce, AssetId, Balance) {
	let (relayers, asset) = with_sleeve::<T>(true);
	let back = InflowLimits::<T>::iter_keys().find(|a| *a != asset).unwrap_or(asset);
	let scale = Pallet::<T>::scale(back).expect("bridged");
	let amount = T::Sleeve::sleeve_value().checked_div(scale).expect("a positive scale");
	let recall = Pallet::<T>::do_request_recall(back, amount).expect("recalls");
	let fallen = T::Sleeve::sleeve_value().saturating_sub(nav_bound::<T>());
	accept_nav::<T>(&relayers, nav_now::<T>(fallen));
	(relayers, recall, back, amount)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A vote that does not reach the threshold, on a sleeve return (its recall is read too).
	#[benchmark]
	fn attest_deposit_vote() {
		let (relayers, asset) = with_sleeve::<T>(false);
		let channel = channel::<T>();
		let amount = units::<T>(asset, 1_000);
		let recall = Pallet::<T>::do_request_recall(asset, amount).expect("recalls");
		let d = Deposit {
			action: DepositAction::SleeveReturn { recall },
			..next_deposit::<T>(channel, asset, amount, account("to", 0, 0), false)
		};
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(2));
		let voter = relayers[n.saturating_sub(2)].clone();
		#[extrinsic_call]
		attest_deposit(RawOrigin::Signed(voter), d);
		assert!(PendingDeposits::<T>::contains_key(channel));
	}

	/// The last vote on a user credit: the inflow allowance takes part of it, which is paid into
	/// USDai for a fresh recipient and trips the vault's circuit breaker; the rest is queued.
	///
	/// The setup and the vote share one block, so that the inflow period and the vault's mint
	/// period (a block each here) the earlier deposit opened are both running at the vote. The
	/// benchmark harness moves a state at block 0 (the production runtime's genesis; the mock
	/// starts at 1) to block 1 just before the measured call: with the setup at block 0 both
	/// periods had ended by the vote, and the credit was paid whole (nothing queued, the breaker
	/// not tripped), a cheaper path than the weight test counts. Moving to the next block first
	/// keeps the harness from moving it, on both runtimes.
	#[benchmark]
	fn attest_deposit_credit() {
		let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(next);
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let channel = channel::<T>();
		let part = units::<T>(asset, 100);
		let limit = InflowLimit { period: 1u32.into(), max_per_period: part.saturating_mul(2) };
		Pallet::<T>::do_set_inflow_limit(asset, Some(limit)).expect("limit");
		// An earlier deposit into USDai in this period takes half of the allowance; the vault's
		// mint limit is one base unit short of both.
		let earlier = next_deposit::<T>(channel, asset, part, account("to", 1, 0), true);
		votes::<T>(&relayers, &earlier, relayers.len());
		let usdai = part.saturating_mul(Pallet::<T>::scale(asset).expect("bridged"));
		T::VaultBenchmarkHelper::limit_mints(usdai.saturating_mul(2).saturating_sub(1));
		let to: T::AccountId = account("to", 0, 0);
		let amount = part.saturating_add(part / 2);
		let d = next_deposit::<T>(channel, asset, amount, to.clone(), true);
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(1));
		let voter = relayers[n.saturating_sub(1)].clone();
		#[extrinsic_call]
		attest_deposit(RawOrigin::Signed(voter), d);
		assert!(!PendingDeposits::<T>::contains_key(channel));
		assert_eq!(T::Assets::balance(asset, &to), 0);
		assert_eq!(Queues::<T>::get(asset).total, amount.saturating_sub(part));
	}

	/// The last vote on a sleeve return that completes its recall after a write-down: the cash
	/// above the sleeve's book is booked as yield, into a reserve account the mint creates.
	#[benchmark]
	fn attest_deposit_return() {
		let (relayers, recall, asset, amount) = recall_after_write_down::<T>();
		let channel = channel::<T>();
		let d = Deposit {
			action: DepositAction::SleeveReturn { recall },
			..next_deposit::<T>(channel, asset, amount, account("to", 0, 0), false)
		};
		let n = relayers.len();
		votes::<T>(&relayers, &d, n.saturating_sub(1));
		let voter = relayers[n.saturating_sub(1)].clone();
		#[extrinsic_call]
		attest_deposit(RawOrigin::Signed(voter), d);
		assert!(!Outbound::<T>::contains_key(recall));
		assert_eq!(RecallOutstanding::<T>::get(), 0);
	}

	/// The last confirmation of a withdrawal.
	#[benchmark]
	fn attest_withdrawal() {
		let relayers = relayers::<T>();
		let asset = asset::<T>();
		let who: T::AccountId = account("who", 0, 0);
		let amount = units::<T>(asset, 10);
		Pallet::<T>::pay(&who, asset, amount, false).expect("mints");
		let nonce = Pallet::<T>::do_request_withdrawal(who, asset, amount, evm_destination())
			.expect("withdraws");
		let n = relayers.len();
		for r in relayers.iter().take(n.saturating_sub(1)) {
			Pallet::<T>::do_attest_withdrawal(r.clone(), nonce).expect("confirms");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(relayers[n.saturating_sub(1)].clone()), nonce);
		assert!(!Outbound::<T>::contains_key(nonce));
	}

	/// The last vote on a NAV report: growth reaches the vault, which has no sUSDai holders yet
	/// (its account is created for the yield).
	#[benchmark]
	fn attest_nav() {
		let (relayers, _) = with_sleeve::<T>(false);
		let report = nav_now::<T>(T::Sleeve::sleeve_value().saturating_add(nav_bound::<T>()));
		let n = relayers.len();
		for r in relayers.iter().take(n.saturating_sub(1)) {
			Pallet::<T>::do_attest_nav(r.clone(), report).expect("attests");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(relayers[n.saturating_sub(1)].clone()), report);
		assert_eq!(LastNav::<T>::get().map(|l| l.report), Some(report));
	}

	/// All of the caller's stablecoin (its account goes), with another withdrawal of its
	/// waiting (its count is read and written).
	#[benchmark]
	fn request_withdrawal() {
		let asset = asset::<T>();
		let who: T::AccountId = account("who", 0, 0);
		let amount = units::<T>(asset, 10);
		if T::MaxWithdrawalsPerAccount::get() > 1 {
			Pallet::<T>::pay(&who, asset, amount.saturating_mul(2), false).expect("mints");
			Pallet::<T>::do_request_withdrawal(who.clone(), asset, amount, evm_destination())
				.expect("withdraws");
		} else {
			Pallet::<T>::pay(&who, asset, amount, false).expect("mints");
		}
		let nonce = NextOutboundNonce::<T>::get();
		let destination: Destination = alloc::vec![1u8; EVM_ADDRESS_LEN].try_into().expect("fits");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), asset, amount, destination);
		assert!(Outbound::<T>::contains_key(nonce));
		assert_eq!(T::Assets::balance(asset, &who), 0);
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
	/// The new relayers all have keys: the signer set is renumbered and the oldest kept pruned.
	fn set_relayers(r: Linear<1, { T::MaxRelayers::get() }>) -> Result<(), BenchmarkError> {
		let set: Vec<T::AccountId> = (0..r).map(|i| account("relayer", i, 1)).collect();
		deep_signer_history::<T>();
		for (i, relayer) in set.iter().enumerate() {
			let key = crate::dev_keys::address(&crate::dev_keys::secret(i as u32));
			RelayerEvmKeys::<T>::insert(relayer, key);
			EvmKeyOwner::<T>::insert(key, relayer);
		}
		let epoch = SignerEpoch::<T>::get();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, set.try_into().expect("bounded"), r);
		assert_eq!(Threshold::<T>::get(), r);
		assert_eq!(SignerEpoch::<T>::get(), epoch.saturating_add(1));
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

	/// Stopping bridging an unused asset: its limit, window, queue and totals go (dearer than
	/// bridging one or changing its limit).
	#[benchmark]
	fn set_inflow_limit() -> Result<(), BenchmarkError> {
		let asset = asset::<T>();
		assert_eq!(T::Assets::total_issuance(asset), 0, "the benchmark needs an unused asset");
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, asset, None);
		assert!(!InflowLimits::<T>::contains_key(asset));
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
		let (_, asset) = with_sleeve::<T>(false);
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

	/// Retrying a held sleeve return after a write-down: the recall completes, the cash goes
	/// into a reserve account the mint creates and what the write-down took comes back as yield
	/// (the dearer of the two retries; a user credit only goes back into its queue).
	#[benchmark]
	fn retry_held_credit() {
		let (_, recall, asset, amount) = recall_after_write_down::<T>();
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

	/// `on_initialize` paying `n` queued credits, each into USDai for a fresh recipient, spread
	/// over every bridged asset: each asset's queue served also costs its window, its totals and
	/// the vault's reserve of it. `n` starts at `MaxAssets` (or the per-block bound) so that every
	/// run serves every asset and the cost is linear in `n`; fewer credits cost less. The last
	/// credit trips the vault's circuit breaker.
	#[benchmark]
	fn process_queues(
		n: Linear<
			{ T::MaxAssets::get().min(T::MaxQueueCreditsPerBlock::get()) },
			{ T::MaxQueueCreditsPerBlock::get() },
		>,
	) {
		let relayers = relayers::<T>();
		let first = asset::<T>();
		let channel = channel::<T>();
		let mut assets: Vec<AssetId> = alloc::vec![first];
		assets.extend(InflowLimits::<T>::iter_keys().filter(|a| *a != first));
		// Credit `i` goes to asset `i mod assets`.
		let len = u32::try_from(assets.len()).expect("bounded by MaxAssets");
		let mut queued: u64 = 0;
		for (k, asset) in (0u32..).zip(assets.iter().copied()) {
			let credits = (k..n).step_by(assets.len()).count();
			if credits == 0 {
				continue;
			}
			// A small allowance, spent, so that the deposits queue; the next period pays them.
			let each = units::<T>(asset, 10);
			let allowance = each.saturating_mul(credits as Balance);
			let limit = InflowLimit { period: 1u32.into(), max_per_period: allowance };
			Pallet::<T>::do_set_inflow_limit(asset, Some(limit)).expect("limit");
			Inflow::<T>::insert(
				asset,
				InflowWindow {
					start: frame_system::Pallet::<T>::block_number(),
					credited: allowance,
				},
			);
			for i in (k..n).step_by(assets.len()) {
				let d = next_deposit::<T>(channel, asset, each, account("to", i, 0), true);
				votes::<T>(&relayers, &d, relayers.len());
			}
			queued = queued.saturating_add(Queues::<T>::get(asset).len());
		}
		assert_eq!(queued, u64::from(n));
		assert!(n < len || assets.iter().all(|a| !Queues::<T>::get(a).is_empty()));
		// Each credit is worth ten whole units of USDai.
		let usdai =
			units::<T>(first, 10).saturating_mul(Pallet::<T>::scale(first).expect("bridged"));
		if n > 1 {
			let all = usdai.saturating_mul(Balance::from(n));
			T::VaultBenchmarkHelper::limit_mints(all.saturating_sub(1));
		}
		let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(next);
		#[block]
		{
			Pallet::<T>::do_process_queues();
		}
		assert!(assets.iter().all(|a| Queues::<T>::get(a).is_empty()));
	}

	/// The last relayer's key completes a full set: the signer set is renumbered, reading every
	/// relayer's key, and the oldest kept set pruned.
	#[benchmark]
	fn register_evm_key() {
		let relayers = relayers::<T>();
		deep_signer_history::<T>();
		let n = relayers.len();
		for (i, r) in relayers.iter().take(n.saturating_sub(1)).enumerate() {
			register_key::<T>(r, i as u32);
		}
		let last = relayers[n.saturating_sub(1)].clone();
		let secret = crate::dev_keys::secret(n as u32);
		let key = crate::dev_keys::address(&secret);
		let proof = crate::dev_keys::sign(&secret, &Pallet::<T>::evm_key_proof_digest(&last));
		let epoch = SignerEpoch::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(last), key, proof);
		assert_eq!(SignerEpoch::<T>::get(), epoch.saturating_add(1));
	}

	/// The last signature a withdrawal can gather: `MaxRelayers − 1` already stored.
	#[benchmark]
	fn submit_signature() {
		let relayers = relayers::<T>();
		let info = gateway::<T>();
		for (i, r) in relayers.iter().enumerate() {
			register_key::<T>(r, i as u32);
		}
		let asset = asset::<T>();
		let who: T::AccountId = account("who", 0, 0);
		let amount = units::<T>(asset, 10);
		Pallet::<T>::pay(&who, asset, amount, false).expect("mints");
		let nonce = Pallet::<T>::do_request_withdrawal(who, asset, amount, evm_destination())
			.expect("withdraws");
		let digest = Pallet::<T>::outbound_digest(nonce, &info).expect("signable");
		let n = relayers.len() as u32;
		for i in 0..n.saturating_sub(1) {
			let signature = crate::dev_keys::sign(&crate::dev_keys::secret(i), &digest);
			Pallet::<T>::do_submit_signature(SignatureSubject::Outbound(nonce), signature)
				.expect("signs");
		}
		let last = crate::dev_keys::sign(&crate::dev_keys::secret(n.saturating_sub(1)), &digest);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), SignatureSubject::Outbound(nonce), last);
		let stored = OutboundSignatures::<T>::get(nonce).expect("stored");
		assert_eq!(stored.signatures.len() as u32, n);
	}

	/// The last signature of a rotation between two full sets: `MaxRelayers − 1` stored.
	#[benchmark]
	fn submit_rotation_signature() {
		let relayers = relayers::<T>();
		let info = gateway::<T>();
		let n = relayers.len() as u32;
		for (i, r) in relayers.iter().enumerate() {
			register_key::<T>(r, i as u32);
		}
		// Every relayer moves to a new key: the last move numbers the full new set.
		for (i, r) in relayers.iter().enumerate() {
			register_key::<T>(r, n.saturating_add(i as u32));
		}
		let epoch = SignerEpoch::<T>::get();
		let set = SignerSets::<T>::get(epoch).expect("the new set");
		let digest = eip712::digest(&info, eip712::relayer_set(epoch, &set.signers, set.threshold));
		// The set before the last move: every old key but the last relayer's.
		let previous = SignerSets::<T>::get(epoch.saturating_sub(1)).expect("the set before");
		let signers: Vec<u32> = (0..n.saturating_sub(1))
			.map(|i| n.saturating_add(i))
			.chain(core::iter::once(n.saturating_sub(1)))
			.collect();
		assert!(signers.iter().all(|i| previous
			.signers
			.contains(&crate::dev_keys::address(&crate::dev_keys::secret(*i)))));
		for i in signers.iter().take(signers.len().saturating_sub(1)) {
			let signature = crate::dev_keys::sign(&crate::dev_keys::secret(*i), &digest);
			Pallet::<T>::do_submit_signature(SignatureSubject::SignerSet(epoch), signature)
				.expect("signs");
		}
		let last_key = signers[signers.len().saturating_sub(1)];
		let last = crate::dev_keys::sign(&crate::dev_keys::secret(last_key), &digest);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		submit_signature(RawOrigin::Signed(caller), SignatureSubject::SignerSet(epoch), last);
		assert_eq!(SignerSetSignatures::<T>::get(epoch).len() as u32, n);
	}

	#[benchmark]
	fn set_gateway() -> Result<(), BenchmarkError> {
		let info = GatewayInfo {
			channel: channel::<T>(),
			chain_id: 1,
			address: EvmAddress::repeat_byte(1),
		};
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(info));
		assert_eq!(Gateway::<T>::get(), Some(info));
		Ok(())
	}

	/// The transaction extension's dearest check: a NAV report after an accepted one, replacing
	/// the relayer's own vote (a deposit or a confirmation reads less).
	#[benchmark]
	fn check_attestation() {
		let (relayers, _) = with_sleeve::<T>(false);
		let sleeve = T::Sleeve::sleeve_value();
		let accepted = nav_now::<T>(sleeve);
		accept_nav::<T>(&relayers, accepted);
		let voter = relayers[0].clone();
		let mine = NavReport { timestamp: accepted.timestamp.saturating_add(1), ..accepted };
		Pallet::<T>::do_attest_nav(voter.clone(), mine).expect("votes");
		let report = NavReport {
			value: sleeve.saturating_add(1),
			timestamp: accepted.timestamp.saturating_add(2),
			..accepted
		};
		#[block]
		{
			Pallet::<T>::check_nav_attestation(&voter, &report).expect("valid");
		}
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
