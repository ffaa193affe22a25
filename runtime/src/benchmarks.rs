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
	[pallet_gauges, Gauges]
	[pallet_treasury_bridge, TreasuryBridge]
);

use super::{
	AccountId, AssetId, Assets, Balance, Balances, Caliber, Filo, Runtime, RuntimeOrigin, Usdai,
	UNIT,
};
use usdai_primitives::{assets::USDC, ReceiptId, StackId};

use crate::genesis_config_presets::text;

/// Lifts the vault's caps and mint limits for USDC: benchmarks move more than a day's mint
/// limit and the reserve cap.
#[allow(clippy::expect_used)]
fn open_vault_limits() {
	Usdai::set_stablecoin(RuntimeOrigin::root(), USDC, Balance::MAX / 4, true)
		.expect("governance reconfigures USDC");
	pallet_usdai::Limits::<Runtime>::put(pallet_usdai::MintLimits {
		supply_cap: Balance::MAX / 4,
		period: 1,
		max_per_period: Balance::MAX / 8,
	});
}

/// Prepares FiLo's benchmarks with the real vault and receipts: USDai through deposits, a
/// benchmark custodian and appraiser in caliber. Benchmark setup aborts on a broken
/// precondition.
pub struct FiloBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_filo::BenchmarkHelper<AccountId> for FiloBenchmarkHelper {
	fn fund_usdai(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		open_vault_limits();
		let usdc = amount / 1_000_000_000_000;
		<Assets as Mutate<AccountId>>::mint_into(USDC, who, usdc).expect("USDC minted");
		Usdai::deposit(RuntimeOrigin::signed(who.clone()), USDC, usdc, 0).expect("deposited");
	}

	fn provide_liquidity(amount: Balance) {
		let lp = AccountId::from([0x11; 32]);
		Self::fund_usdai(&lp, amount);
		Usdai::stake(RuntimeOrigin::signed(lp), amount, 1).expect("staked");
	}

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
			Caliber::register_custodian(RuntimeOrigin::root(), custodian.clone(), info)
				.expect("registered");
			Caliber::add_appraiser(RuntimeOrigin::root(), appraiser.clone()).expect("added");
			let params = pallet_caliber::ValuationParams { min_posts: 1, ..Default::default() };
			Caliber::set_params(RuntimeOrigin::root(), params).expect("set");
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
}

/// Prepares the queue's benchmarks with the real vault: sUSDai through deposits and stakes.
pub struct QevBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_qev::BenchmarkHelper<AccountId> for QevBenchmarkHelper {
	fn fund_shares(who: &AccountId, shares: Balance) {
		use frame_support::traits::fungible::Mutate;
		Balances::mint_into(who, 10 * UNIT).expect("funded");
		// A little more USDai than shares: the first stake pays for the dead shares.
		let usdai = shares.saturating_add(UNIT);
		<FiloBenchmarkHelper as pallet_filo::BenchmarkHelper<AccountId>>::fund_usdai(who, usdai);
		Usdai::stake(RuntimeOrigin::signed(who.clone()), usdai, 1).expect("staked");
	}

	fn provide_liquidity(amount: Balance) {
		<FiloBenchmarkHelper as pallet_filo::BenchmarkHelper<AccountId>>::provide_liquidity(amount);
	}
}

/// Prepares the gauges' benchmarks with the real filo stacks, vault and pallet-assets.
pub struct GaugesBenchmarkHelper;

/// One USDai (18 decimals).
const USD: Balance = 1_000_000_000_000_000_000;

#[allow(clippy::expect_used)]
impl pallet_gauges::BenchmarkHelper<AccountId> for GaugesBenchmarkHelper {
	fn stack(i: u32) -> StackId {
		let curator = AccountId::from([0xCC; 32]);
		if !pallet_filo::Curators::<Runtime>::contains_key(&curator) {
			Filo::register_curator(RuntimeOrigin::root(), curator.clone()).expect("registered");
		}
		while pallet_filo::NextStackId::<Runtime>::get() <= i {
			Self::fund_usdai(&curator, 1_000 * USD);
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

	fn accrue_fees(amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		// A cent more than the fees, so that a small amount can open the vault's account (the
		// vault's books ignore the extra).
		let min = crate::genesis_config_presets::USDAI_MIN_BALANCE;
		<Assets as Mutate<AccountId>>::mint_into(
			usdai_primitives::assets::USDAI,
			&Usdai::vault_account(),
			amount.saturating_add(min),
		)
		.expect("minted");
		pallet_usdai::Ledger::<Runtime>::mutate(|l| {
			l.protocol_fees = l.protocol_fees.saturating_add(amount)
		});
		pallet_usdai::LockerFees::<Runtime>::mutate(|f| *f = f.saturating_add(amount));
	}

	fn uncovered_loss(amount: Balance) {
		pallet_usdai::UncoveredLoss::<Runtime>::put(amount);
	}

	fn fund_usdai(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		Balances::mint_into(who, 10 * UNIT).expect("funded");
		<FiloBenchmarkHelper as pallet_filo::BenchmarkHelper<AccountId>>::fund_usdai(who, amount);
	}
}

/// Prepares the treasury bridge's benchmarks: USDC, which the vault accepts without limits.
pub struct BridgeBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_treasury_bridge::BenchmarkHelper<AccountId> for BridgeBenchmarkHelper {
	fn bridged_asset() -> AssetId {
		open_vault_limits();
		USDC
	}

	fn stake(who: &AccountId, usdai: Balance) {
		Usdai::stake(RuntimeOrigin::signed(who.clone()), usdai, 0).expect("stakes its USDai");
	}

	fn limit_vault_mints(max_per_period: Balance) {
		pallet_usdai::Limits::<Runtime>::mutate(|l| {
			if let Some(l) = l {
				l.max_per_period = max_per_period;
			}
		});
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
