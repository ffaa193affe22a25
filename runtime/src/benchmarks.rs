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
);

use super::{AccountId, Assets, Balance, Balances, Caliber, Runtime, RuntimeOrigin, Usdai, UNIT};
use usdai_primitives::{assets::USDC, ReceiptId};

use crate::genesis_config_presets::text;

/// Prepares FiLo's benchmarks with the real vault and receipts: USDai through deposits, a
/// benchmark custodian and appraiser in caliber. Benchmark setup aborts on a broken
/// precondition.
pub struct FiloBenchmarkHelper;

#[allow(clippy::expect_used)]
impl pallet_filo::BenchmarkHelper<AccountId> for FiloBenchmarkHelper {
	fn fund_usdai(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		// Benchmarks move more than a day's mint limit and the reserve cap.
		Usdai::set_stablecoin(RuntimeOrigin::root(), USDC, Balance::MAX / 4, true)
			.expect("governance reconfigures USDC");
		pallet_usdai::Limits::<Runtime>::put(pallet_usdai::MintLimits {
			supply_cap: Balance::MAX / 4,
			period: 1,
			max_per_period: Balance::MAX / 8,
		});
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
			model: pallet_caliber::GpuModel::H100Sxm,
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
