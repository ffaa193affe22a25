//! What the registry's calls are to pallets/guard (`governance_class.rs`): each governance call
//! in both directions where it depends on the state, the other calls `None`, and classifying
//! writes nothing.

use crate::{mock::*, Call, GpuModel, ValuationParams};
use frame_support::assert_ok;
use sp_runtime::StateVersion;
use usdai_primitives::governance::{Classification, Domain, GovernedCall};

const LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Parameters));
const RAISING: Option<Classification> = Some(Classification::raising(Domain::Parameters));
const REGISTRY_LOWERING: Option<Classification> = Some(Classification::lowering(Domain::Registry));
const REGISTRY_RAISING: Option<Classification> = Some(Classification::raising(Domain::Registry));

/// `call`'s classification; fails if classifying it changed the storage.
fn class(call: Call<Test>) -> Option<Classification> {
	let before = sp_io::storage::root(StateVersion::V1);
	let class = call.classify();
	assert_eq!(sp_io::storage::root(StateVersion::V1), before, "classify wrote to storage");
	class
}

/// The mock's genesis parameters.
fn genesis_params() -> ValuationParams {
	ValuationParams {
		min_posts: 2,
		max_age: 30 * DAY,
		max_step_bps: 1_000,
		default_depreciation_bps: DEFAULT_RATE,
	}
}

fn set_params(change: impl FnOnce(&mut ValuationParams)) -> Option<Classification> {
	let mut params = genesis_params();
	change(&mut params);
	class(Call::<Test>::set_params { params })
}

fn set_depreciation(model: GpuModel, rate_bps: Option<u32>) -> Option<Classification> {
	class(Call::<Test>::set_depreciation { model, rate_bps })
}

#[test]
fn holders_custodians_and_appraisers_calls_are_not_governance_calls() {
	ExtBuilder::default().build_and_execute(|| {
		let receipt = issue_appraised(300_000 * USD);
		let insurance = h100_batch().insurance;
		assert_eq!(class(Call::<Test>::issue_receipt { holder: ALICE, info: h100_batch() }), None);
		assert_eq!(class(Call::<Test>::post_valuation { receipt, value: USD }), None);
		assert_eq!(class(Call::<Test>::renew_insurance { receipt, insurance }), None);
		assert_eq!(class(Call::<Test>::request_release { receipt }), None);
		assert_eq!(class(Call::<Test>::cancel_release { receipt }), None);
		assert_eq!(class(Call::<Test>::confirm_release { receipt }), None);
	});
}

#[test]
fn registering_raises_and_deregistering_lowers() {
	ExtBuilder::default().build_and_execute(|| {
		let info = custodian_info("dc-2");
		assert_eq!(
			class(Call::<Test>::register_custodian { custodian: BOB, info }),
			REGISTRY_RAISING
		);
		assert_eq!(
			class(Call::<Test>::suspend_custodian { custodian: CUSTODIAN }),
			REGISTRY_LOWERING
		);
		assert_eq!(
			class(Call::<Test>::remove_custodian { custodian: OTHER_CUSTODIAN }),
			REGISTRY_LOWERING
		);
		assert_ok!(Caliber::suspend_custodian(RuntimeOrigin::root(), CUSTODIAN));
		assert_eq!(
			class(Call::<Test>::resume_custodian { custodian: CUSTODIAN }),
			REGISTRY_RAISING
		);
		assert_eq!(class(Call::<Test>::add_appraiser { appraiser: APPRAISER_4 }), REGISTRY_RAISING);
		assert_eq!(
			class(Call::<Test>::remove_appraiser { appraiser: APPRAISER_1 }),
			REGISTRY_LOWERING
		);
		// Even the removal that leaves fewer appraisers than `min_posts` (2): values stop
		// moving and go stale, no quorum falls.
		assert_ok!(Caliber::remove_appraiser(RuntimeOrigin::root(), APPRAISER_1));
		assert_eq!(
			class(Call::<Test>::remove_appraiser { appraiser: APPRAISER_2 }),
			REGISTRY_LOWERING
		);
	});
}

#[test]
fn valuation_parameters_lower_only_when_each_is_as_strict() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(set_params(|_| {}), LOWERING);
		assert_eq!(
			set_params(|p| {
				p.min_posts = 3;
				p.max_age = 10 * DAY;
				p.max_step_bps = 500;
				p.default_depreciation_bps = 3_000;
			}),
			LOWERING
		);
		assert_eq!(set_params(|p| p.min_posts = 3), LOWERING);
		assert_eq!(set_params(|p| p.min_posts = 1), RAISING);
		assert_eq!(set_params(|p| p.max_age = 29 * DAY), LOWERING);
		assert_eq!(set_params(|p| p.max_age = 31 * DAY), RAISING);
		assert_eq!(set_params(|p| p.max_step_bps = 999), LOWERING);
		assert_eq!(set_params(|p| p.max_step_bps = 1_001), RAISING);
		assert_eq!(set_params(|p| p.default_depreciation_bps = DEFAULT_RATE + 1), LOWERING);
		assert_eq!(set_params(|p| p.default_depreciation_bps = DEFAULT_RATE - 1), RAISING);
		// One looser field is enough.
		assert_eq!(
			set_params(|p| {
				p.min_posts = 3;
				p.max_age = 31 * DAY;
			}),
			RAISING
		);
	});
}

#[test]
fn depreciation_lowers_only_when_the_models_rate_does_not_fall() {
	ExtBuilder::default().build_and_execute(|| {
		// H100-SXM has its own rate (20%), above the default (15%).
		assert_eq!(set_depreciation(GpuModel::H100Sxm, Some(H100_RATE)), LOWERING);
		assert_eq!(set_depreciation(GpuModel::H100Sxm, Some(H100_RATE + 1)), LOWERING);
		assert_eq!(set_depreciation(GpuModel::H100Sxm, Some(H100_RATE - 1)), RAISING);
		assert_eq!(set_depreciation(GpuModel::H100Sxm, None), RAISING);
		// A100 uses the default.
		assert_eq!(set_depreciation(GpuModel::A100, None), LOWERING);
		assert_eq!(set_depreciation(GpuModel::A100, Some(DEFAULT_RATE)), LOWERING);
		assert_eq!(set_depreciation(GpuModel::A100, Some(DEFAULT_RATE + 1)), LOWERING);
		assert_eq!(set_depreciation(GpuModel::A100, Some(DEFAULT_RATE - 1)), RAISING);
		// With a default above H100-SXM's own rate, going back to the default lowers.
		let params = ValuationParams { default_depreciation_bps: 2_500, ..genesis_params() };
		assert_ok!(Caliber::set_params(RuntimeOrigin::root(), params));
		assert_eq!(set_depreciation(GpuModel::H100Sxm, None), LOWERING);
		assert_eq!(set_depreciation(GpuModel::A100, Some(2_400)), RAISING);
	});
}
