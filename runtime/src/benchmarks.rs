//! The pallets whose benchmarks `usdai-node benchmark pallet` can run.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_assets, Assets]
	[pallet_nfts, Nfts]
	[pallet_usdai, Usdai]
	[pallet_caliber, Caliber]
	[pallet_filo, Filo]
	[pallet_qev, Qev]
	[pallet_beacon, Beacon]
	[pallet_gauges, Gauges]
	[pallet_treasury_bridge, TreasuryBridge]
	[pallet_guard, Guard]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_collective, RiskCouncil]
	[pallet_whitelist, Whitelist]
	[pallet_treasury, Treasury]
);

use super::{
	AccountId, AssetId, Assets, Balance, Balances, Caliber, Filo, Gauges, Runtime, RuntimeOrigin,
	System, Usdai, UNIT,
};
use usdai_primitives::{vault::VaultBenchmarkHelper, ReceiptId, StackId};

use crate::genesis_config_presets::text;

/// What the protocol's pallets take governance calls from: a change the risk guard enacted.
fn governance() -> RuntimeOrigin {
	RuntimeOrigin::from(pallet_guard::Origin::Enacted(
		usdai_primitives::governance::Domain::Parameters,
	))
}
use sp_runtime::Perbill;

/// Prepares FiLo's receipts for its benchmarks with the real caliber: a benchmark custodian and
/// appraiser, receipts issued and valued (the vault prepares itself: filo's
/// `VaultBenchmarkHelper` is `Usdai`). Benchmark setup aborts on a broken precondition.
pub struct FiloBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_filo::BenchmarkHelper<AccountId> for FiloBenchmarkHelper {
	fn eligible_receipt(holder: &AccountId, value: Balance) -> ReceiptId {
		use frame_support::traits::fungible::Mutate;
		let custodian = AccountId::from([0xC0; 32]);
		let appraiser = AccountId::from([0xA0; 32]);
		if pallet_caliber::Custodians::<Runtime>::get(&custodian).is_none() {
			Balances::mint_into(&custodian, 1_000 * UNIT).expect("funded");
			let info = pallet_caliber::CustodianInfo {
				name: text("bench"),
				jurisdiction: text("US-DE"),
				data_centres: frame_support::BoundedVec::truncate_from(alloc::vec![text(
					"bench-dc"
				)]),
				insurance_provider: text("bench"),
				bond: UNIT,
			};
			Caliber::register_custodian(governance(), custodian.clone(), info).expect("registered");
			Caliber::add_appraiser(governance(), appraiser.clone()).expect("added");
			let params = pallet_caliber::ValuationParams { min_posts: 1, ..Default::default() };
			Caliber::set_params(governance(), params).expect("set");
		}
		let id = pallet_caliber::NextReceiptId::<Runtime>::get();
		let info = pallet_caliber::ReceiptInfo {
			// A model without its own depreciation rate: valuing it also reads the default.
			model: pallet_caliber::GpuModel::Other(frame_support::BoundedVec::truncate_from(
				alloc::vec![b'x'; 32],
			)),
			count: 8,
			serials_hash: Default::default(),
			data_centre: text("bench-dc"),
			bailment_hash: Default::default(),
			insurance: pallet_caliber::Insurance {
				policy_id: text("bench"),
				coverage: value.saturating_mul(2),
				expiry: u64::MAX / 2,
			},
			appraisal: value,
		};
		Caliber::issue_receipt(RuntimeOrigin::signed(custodian), holder.clone(), info)
			.expect("issued");
		Caliber::post_valuation(RuntimeOrigin::signed(appraiser), id, value).expect("valued");
		id
	}

	/// The gauges live for `stack`, through their own calls and hook: an account locks twice
	/// the quorum of CHIP for the longest time and votes all of it for `stack`, and the next
	/// epoch is tallied at its first block. By then a lock of the longest time has a little less
	/// power than its amount (207 of 208 epochs left), so the votes carry more than the
	/// quorum, and `stack`'s gauge, the only one, grants it `MaxStackShare` of the lendable
	/// capital (below governance's cap, which stays the ceiling).
	fn live_capacity(stack: StackId) {
		use frame_support::traits::{fungible::Mutate, Get};
		let locker = AccountId::from([0x6C; 32]);
		// Positions change only in a tallied epoch.
		tally_gauges_to(Gauges::current_epoch());
		let amount = pallet_gauges::CapacityQuorum::<Runtime>::get().saturating_mul(2);
		Balances::mint_into(&locker, amount.saturating_add(10 * UNIT)).expect("funded");
		let longest = <Runtime as pallet_gauges::Config>::MaxLockDuration::get();
		Gauges::lock(RuntimeOrigin::signed(locker.clone()), amount, longest).expect("locked");
		let votes = frame_support::BoundedVec::truncate_from(alloc::vec![(stack, Perbill::one())]);
		Gauges::vote(RuntimeOrigin::signed(locker), votes).expect("voted");
		// The votes are in force from the next epoch, once it is tallied.
		tally_gauges_to(Gauges::current_epoch().saturating_add(1));
		assert!(Gauges::is_live(), "the votes reach the gauges' quorum");
		assert!(Gauges::gauge_capacity(stack).is_some(), "the stack's gauge grants capacity");
	}
}

/// Runs the gauges' hook, as each block's `on_initialize` would, until epoch `e` is tallied:
/// at the current block for the epochs already begun (one a block, or straight to the current
/// epoch when nothing is locked), then at the first block of each later one (the block number
/// moves there).
#[allow(clippy::expect_used)]
fn tally_gauges_to(e: pallet_gauges::EpochIndex) {
	use frame_support::traits::Hooks;
	loop {
		let last = pallet_gauges::LastTallied::<Runtime>::get();
		if last >= e {
			return;
		}
		let start = Gauges::epoch_start(last.saturating_add(1)).expect("an epoch's first block");
		let now = System::block_number().max(start);
		System::set_block_number(now);
		Gauges::on_initialize(now);
		assert!(pallet_gauges::LastTallied::<Runtime>::get() > last, "the hook tallies an epoch");
	}
}

/// Prepares the gauges' benchmarks with the real filo stacks and pallet-assets (the vault
/// prepares itself: the gauges' `VaultBenchmarkHelper` is `Usdai`).
pub struct GaugesBenchmarkHelper;

/// One USDai (18 decimals).
const USD: Balance = 1_000_000_000_000_000_000;

#[allow(clippy::expect_used)]
impl pallet_gauges::BenchmarkHelper<AccountId> for GaugesBenchmarkHelper {
	fn stack(i: u32) -> StackId {
		use frame_support::traits::fungible::Mutate;
		let curator = AccountId::from([0xCC; 32]);
		if !pallet_filo::Curators::<Runtime>::contains_key(&curator) {
			Filo::register_curator(governance(), curator.clone()).expect("registered");
		}
		while pallet_filo::NextStackId::<Runtime>::get() <= i {
			Balances::mint_into(&curator, 10 * UNIT).expect("funded");
			<Usdai as VaultBenchmarkHelper<AccountId>>::fund_usdai(&curator, 1_000 * USD);
			let terms = pallet_filo::StackTerms {
				max_ltv_bps: 7_000,
				min_apr_bps: 0,
				max_apr_bps: 10_000,
				curator_fee_bps: 500,
				max_loans: u32::MAX,
				day_count: pallet_filo::DayCount::Act365,
				amortization: pallet_filo::Amortization::LevelPayment,
			};
			Filo::open_stack(RuntimeOrigin::signed(curator.clone()), 1_000 * USD, terms)
				.expect("opened");
		}
		i
	}

	fn bribe_asset(i: u32, who: &AccountId, amount: Balance) -> AssetId {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		let asset = 1_000u32.saturating_add(i);
		if !<Assets as Inspect<AccountId>>::asset_exists(asset) {
			<Assets as Create<AccountId>>::create(asset, who.clone(), true, 1).expect("created");
		}
		<Assets as Mutate<AccountId>>::mint_into(asset, who, amount).expect("minted");
		asset
	}
}

/// pallet-nfts' benchmarks create their collections with `force_create`, which takes the next
/// free id; the genesis already holds the CALIBER collection (0), so theirs start at 1.
pub struct NftsBenchmarkHelper;

impl
	pallet_nfts::BenchmarkHelper<
		crate::CollectionId,
		crate::ItemId,
		sp_runtime::MultiSigner,
		AccountId,
		sp_runtime::MultiSignature,
	> for NftsBenchmarkHelper
{
	fn collection(i: u16) -> crate::CollectionId {
		crate::CollectionId::from(i).saturating_add(1)
	}

	fn item(i: u16) -> crate::ItemId {
		i.into()
	}

	fn signer() -> (sp_runtime::MultiSigner, AccountId) {
		<() as pallet_nfts::BenchmarkHelper<
			crate::CollectionId,
			crate::ItemId,
			sp_runtime::MultiSigner,
			AccountId,
			sp_runtime::MultiSignature,
		>>::signer()
	}

	fn sign(signer: &sp_runtime::MultiSigner, message: &[u8]) -> sp_runtime::MultiSignature {
		<() as pallet_nfts::BenchmarkHelper<
			crate::CollectionId,
			crate::ItemId,
			sp_runtime::MultiSigner,
			AccountId,
			sp_runtime::MultiSignature,
		>>::sign(signer, message)
	}
}

/// The guard's benchmarks: pausing the vault's deposits always lowers risk; registering a
/// curator always raises it (and succeeds for a fresh account).
pub struct GuardBenchmarkHelper;

impl pallet_guard::BenchmarkHelper<crate::RuntimeCall> for GuardBenchmarkHelper {
	fn lowering_call() -> crate::RuntimeCall {
		crate::RuntimeCall::Usdai(pallet_usdai::Call::pause { deposits: true, stakes: false })
	}

	fn raising_call() -> crate::RuntimeCall {
		crate::RuntimeCall::Filo(pallet_filo::Call::register_curator {
			curator: AccountId::from([0xCE; 32]),
		})
	}
}
