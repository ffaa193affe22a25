//! Curators, configuration and stacks: opening, first-loss in and out, caps, `StackInspect`.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn a_curator_opens_a_stack_with_first_loss_held_in_its_account() {
	ExtBuilder::default().build_and_execute(|| {
		let before = usdai_of(&CURATOR);
		let id = stack(50_000);
		assert_eq!(usdai_of(&CURATOR), before - 50_000 * USD);
		assert_eq!(usdai_of(&Filo::stack_account(id)), 50_000 * USD);
		let s = Stacks::<Test>::get(id).unwrap();
		assert_eq!(
			(s.curator, s.first_loss, s.outstanding, s.live_loans),
			(CURATOR, 50_000 * USD, 0, 0)
		);
		assert!(filo_events().contains(&Event::StackOpened {
			stack: id,
			curator: CURATOR,
			first_loss: 50_000 * USD
		}));
	});
}

#[test]
fn only_curators_open_stacks_and_terms_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(BORROWER), USD, terms()),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(CURATOR), 0, terms()),
			Error::<Test>::ZeroAmount
		);
		let bad = [
			StackTerms { max_ltv_bps: 7_001, ..terms() },
			StackTerms { max_ltv_bps: 0, ..terms() },
			StackTerms { min_apr_bps: 2_001, ..terms() },
			StackTerms { curator_fee_bps: 299, ..terms() },
			StackTerms { curator_fee_bps: 1_001, ..terms() },
			StackTerms { max_loans: 0, ..terms() },
			StackTerms {
				amortization: Amortization::StraightLine { annual_rate_bps: 0 },
				..terms()
			},
		];
		for t in bad {
			assert_noop!(
				Filo::open_stack(RuntimeOrigin::signed(CURATOR), USD, t),
				Error::<Test>::InvalidTerms
			);
		}
		// A curator without the USDai opens nothing.
		assert!(Filo::open_stack(RuntimeOrigin::signed(CURATOR), 2_000_000 * USD, terms()).is_err());
		assert_eq!(NextStackId::<Test>::get(), 0);
	});
}

#[test]
fn governance_registers_curators_and_sets_config_and_caps() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Filo::register_curator(RuntimeOrigin::signed(ANYONE), ANYONE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Filo::register_curator(RuntimeOrigin::root(), CURATOR),
			Error::<Test>::CuratorExists
		);
		assert_ok!(Filo::register_curator(RuntimeOrigin::root(), ANYONE));
		assert_ok!(Filo::remove_curator(RuntimeOrigin::root(), ANYONE));
		assert_noop!(
			Filo::remove_curator(RuntimeOrigin::root(), ANYONE),
			Error::<Test>::NotCurator
		);

		for bad in [
			FiloParams { max_ltv_bps: 0, ..config() },
			FiloParams { max_ltv_bps: 10_001, ..config() },
			FiloParams { min_curator_fee_bps: 1_001, ..config() },
			FiloParams { period_blocks: 0, ..config() },
			FiloParams { auction_blocks: 0, ..config() },
			FiloParams { reserve_bps: 10_001, ..config() },
		] {
			assert_noop!(
				Filo::set_config(RuntimeOrigin::root(), bad),
				Error::<Test>::InvalidConfig
			);
		}
		assert_ok!(Filo::set_config(
			RuntimeOrigin::root(),
			FiloParams { max_ltv_bps: 6_000, ..config() }
		));
		// The stricter bound applies to new stacks.
		assert_noop!(
			Filo::open_stack(RuntimeOrigin::signed(CURATOR), USD, terms()),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Filo::set_stack_cap(RuntimeOrigin::root(), 9, Some(USD)),
			Error::<Test>::UnknownStack
		);
	});
}

#[test]
fn first_loss_is_added_and_withdrawn_by_the_curator_down_to_the_required_share() {
	ExtBuilder::default().build_and_execute(|| {
		let s = stack(50_000);
		assert_noop!(
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR_2), s, USD),
			Error::<Test>::NotStackCurator
		);
		assert_noop!(
			Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Filo::add_first_loss(RuntimeOrigin::signed(CURATOR), s, 10_000 * USD));
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 60_000 * USD);

		// A 416,500 loan needs 41,650 of first-loss (10%).
		loan(s, 595_000, 416_500 * USD, 1_500, 36);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 18_351 * USD),
			Error::<Test>::FirstLossTooLow
		);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 60_001 * USD),
			Error::<Test>::FirstLossTooLow
		);
		assert_noop!(
			Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR_2), s, USD),
			Error::<Test>::NotStackCurator
		);
		let before = usdai_of(&CURATOR);
		assert_ok!(Filo::withdraw_first_loss(RuntimeOrigin::signed(CURATOR), s, 18_350 * USD));
		assert_eq!(usdai_of(&CURATOR), before + 18_350 * USD);
		assert_eq!(Stacks::<Test>::get(s).unwrap().first_loss, 41_650 * USD);
	});
}

#[test]
fn gauges_see_exactly_the_opened_stacks() {
	use usdai_primitives::gauges::StackInspect;
	ExtBuilder::default().build_and_execute(|| {
		assert!(!<Filo as StackInspect>::stack_exists(0));
		let id = stack(50_000);
		assert_eq!(id, 0);
		assert!(<Filo as StackInspect>::stack_exists(id));
		assert!(!<Filo as StackInspect>::stack_exists(id + 1));
		assert!(!<Filo as StackInspect>::stack_exists(StackId::MAX));
	});
}
