//! The lockers' side of the vault (`lockers.rs`), what pallets/gauges reads and moves: the
//! uncovered loss and its backstop (`BackstopVault`), the lockers' fee share (`FeeSource`) and
//! the lendable capital (`LendableCapital`).

use crate::{mock::*, Error, Event, Ledger, LockerFees, UncoveredLoss};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::StateVersion;
use usdai_primitives::{
	bridge::ReserveSleeve,
	vault::{BackstopVault, FeeSource, LendableCapital, LendingVault},
};

type Vault = Usdai;

/// Alice stakes 1,000; interest of 1,000 builds a 50 insurance fund (5%) and 100 of protocol
/// fees (10%), half of them the lockers'; then it has all vested.
fn vault_with_insurance() {
	deposit_and_stake(ALICE, 1_000);
	give_usdai(LENDER, 1_000);
	assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 1_000 * USD18));
	run_to_block(1 + VESTING);
	assert_eq!(Ledger::<Test>::get().insurance_fund, 50 * USD18);
}

/// `vault_with_insurance`, then a loan of 200 lost in full: insurance pays 50, 150 is left
/// uncovered.
fn vault_with_uncovered_loss() {
	vault_with_insurance();
	assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 200 * USD18));
	assert_ok!(<Vault as LendingVault<_>>::impair(200 * USD18));
	assert_ok!(<Vault as LendingVault<_>>::realise_loss(200 * USD18));
	assert_eq!(UncoveredLoss::<Test>::get(), 200 * USD18);
	assert_eq!(<Vault as LendingVault<_>>::cover_loss(200 * USD18), Ok(50 * USD18));
	assert_eq!(UncoveredLoss::<Test>::get(), 150 * USD18);
}

fn root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

#[test]
fn realised_losses_are_uncovered_until_insurance_pays_them() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_uncovered_loss();
		assert_eq!(<Vault as BackstopVault<_>>::uncovered_loss(), 150 * USD18);
		let l = Ledger::<Test>::get();
		assert_eq!((l.principal, l.impaired, l.insurance_fund), (0, 0, 0));
		// An empty fund pays nothing and leaves the loss uncovered.
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(10 * USD18), Ok(0));
		assert_eq!(UncoveredLoss::<Test>::get(), 150 * USD18);
	});
}

#[test]
fn cover_loss_never_pays_more_than_the_uncovered_loss() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_insurance();
		let idle = Ledger::<Test>::get().idle;
		// Nothing realised: the fund pays nothing.
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(10 * USD18), Ok(0));
		assert_eq!(Ledger::<Test>::get().insurance_fund, 50 * USD18);

		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 20 * USD18));
		assert_ok!(<Vault as LendingVault<_>>::realise_loss(20 * USD18));
		// Asked for 100 with 50 in the fund: only the 20 realised is paid.
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(100 * USD18), Ok(20 * USD18));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Usdai(Event::LossCovered {
				requested: 100 * USD18,
				paid: 20 * USD18
			})));
		let l = Ledger::<Test>::get();
		assert_eq!((l.insurance_fund, l.idle), (30 * USD18, idle));
		assert_eq!(UncoveredLoss::<Test>::get(), 0);
		assert_eq!(<Vault as LendingVault<_>>::cover_loss(100 * USD18), Ok(0));
		assert_eq!(Ledger::<Test>::get().insurance_fund, 30 * USD18);
	});
}

#[test]
fn the_backstop_pays_the_loss_back_and_raises_the_price() {
	ExtBuilder::default().build_and_execute(|| {
		vault_with_uncovered_loss();
		give_usdai(CHARLIE, 200);
		let before = Usdai::share_prices();
		let nav = Usdai::redemption_nav().unwrap();
		let idle = Ledger::<Test>::get().idle;
		let held = bal(USDAI, Usdai::vault_account());

		assert_ok!(<Vault as BackstopVault<_>>::cover_loss_from(&CHARLIE, 100 * USD18));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Usdai(Event::LossBackstopped { from: CHARLIE, amount: 100 * USD18 })));
		assert_eq!(UncoveredLoss::<Test>::get(), 50 * USD18);
		assert_eq!(<Vault as BackstopVault<_>>::uncovered_loss(), 50 * USD18);
		assert_eq!(bal(USDAI, CHARLIE), 100 * USD18);
		assert_eq!(bal(USDAI, Usdai::vault_account()), held + 100 * USD18);
		assert_eq!(Ledger::<Test>::get().idle, idle + 100 * USD18);
		// The payment vests into the redemption price, like yield.
		assert_eq!(Usdai::redemption_nav().unwrap(), nav);
		run_to_block(System::block_number() + VESTING);
		// The insurance fund's 50 of the setup has vested too.
		assert_eq!(Usdai::redemption_nav().unwrap(), nav + 150 * USD18);
		let after = Usdai::share_prices();
		assert!(after.redemption > before.redemption, "{after:?} {before:?}");
		assert!(after.deposit > before.deposit, "{after:?} {before:?}");

		// The rest pays it off.
		assert_ok!(<Vault as BackstopVault<_>>::cover_loss_from(&CHARLIE, 50 * USD18));
		assert_eq!(UncoveredLoss::<Test>::get(), 0);
	});
}

#[test]
fn the_backstop_refuses_bad_payments_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		// No loss: nothing may be paid.
		give_usdai(CHARLIE, 200);
		assert_noop!(
			<Vault as BackstopVault<_>>::cover_loss_from(&CHARLIE, 1),
			Error::<Test>::ExceedsUncoveredLoss
		);

		vault_with_uncovered_loss();
		assert_noop!(
			<Vault as BackstopVault<_>>::cover_loss_from(&CHARLIE, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			<Vault as BackstopVault<_>>::cover_loss_from(&CHARLIE, 150 * USD18 + 1),
			Error::<Test>::ExceedsUncoveredLoss
		);
		// The payer must hold it.
		assert_noop!(
			<Vault as BackstopVault<_>>::cover_loss_from(&EMERGENCY, USD18),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(UncoveredLoss::<Test>::get(), 150 * USD18);
	});
}

#[test]
fn lockers_get_their_share_of_every_protocol_fee_rounded_down() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		give_usdai(LENDER, 1);
		// 30 base units of interest: a protocol fee of 3, of which the lockers' half is 1.
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 30));
		assert_eq!((Ledger::<Test>::get().protocol_fees, LockerFees::<Test>::get()), (3, 1));
		assert_eq!(Usdai::withdrawable_protocol_fees(), 2);
		// 100 USDai more: a fee of 10, 5 of it the lockers'.
		give_usdai(LENDER, 100);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
		assert_eq!(Ledger::<Test>::get().protocol_fees, 10 * USD18 + 3);
		assert_eq!(LockerFees::<Test>::get(), 5 * USD18 + 1);
	});
}

#[test]
fn lockers_share_the_fee_on_sleeve_growth_too() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 1_000);
		assert_ok!(<Vault as ReserveSleeve<_>>::move_to_sleeve(USDC, 1_000 * USD6));
		// 40 of growth: a 10% fee of 4, 2 of it the lockers'.
		assert_ok!(<Vault as ReserveSleeve<_>>::report_sleeve_value(1_040 * USD18));
		assert_eq!(Ledger::<Test>::get().protocol_fees, 4 * USD18);
		assert_eq!(LockerFees::<Test>::get(), 2 * USD18);
	});
}

#[test]
fn take_fees_moves_exactly_the_lockers_share_once() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 100);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
		let held = bal(USDAI, Usdai::vault_account());

		assert_eq!(<Vault as FeeSource<_>>::take_fees(&CHARLIE), Ok(5 * USD18));
		assert_eq!(last_event(), Event::LockerFeesTaken { to: CHARLIE, amount: 5 * USD18 });
		assert_eq!(bal(USDAI, CHARLIE), 5 * USD18);
		assert_eq!(bal(USDAI, Usdai::vault_account()), held - 5 * USD18);
		assert_eq!(Ledger::<Test>::get().protocol_fees, 5 * USD18);
		assert_eq!(LockerFees::<Test>::get(), 0);
		// The treasury's half stays withdrawable.
		assert_eq!(Usdai::withdrawable_protocol_fees(), 5 * USD18);

		// Nothing new: nothing moves, no event.
		let before = root();
		assert_eq!(<Vault as FeeSource<_>>::take_fees(&CHARLIE), Ok(0));
		assert_eq!(root(), before);
		assert_eq!(bal(USDAI, CHARLIE), 5 * USD18);
	});
}

#[test]
fn take_fees_fails_without_change_when_the_recipient_cannot_receive() {
	ExtBuilder::default().usdai_min(1_000).build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 1);
		// A fee of 10 base units: 5 for the lockers, below USDai's minimum balance.
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100));
		assert_eq!(LockerFees::<Test>::get(), 5);
		assert_noop!(<Vault as FeeSource<_>>::take_fees(&CHARLIE), Error::<Test>::AmountTooSmall);
	});
}

#[test]
fn governance_cannot_withdraw_the_lockers_part() {
	ExtBuilder::default().build_and_execute(|| {
		deposit_and_stake(ALICE, 100);
		give_usdai(LENDER, 100);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
		// 10 collected, 5 of them the lockers'.
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 10 * USD18 + 1),
			Error::<Test>::ExceedsFees
		);
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 10 * USD18),
			Error::<Test>::FeesReservedForLockers
		);
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 5 * USD18 + 1),
			Error::<Test>::FeesReservedForLockers
		);
		assert_ok!(Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 5 * USD18));
		assert_eq!(bal(USDAI, CHARLIE), 5 * USD18);
		assert_eq!(Usdai::withdrawable_protocol_fees(), 0);
		assert_noop!(
			Usdai::withdraw_protocol_fees(RuntimeOrigin::root(), CHARLIE, 1),
			Error::<Test>::FeesReservedForLockers
		);
		// The lockers' part is still there for them.
		assert_eq!(<Vault as FeeSource<_>>::take_fees(&BOB), Ok(5 * USD18));
		assert_eq!(Ledger::<Test>::get().protocol_fees, 0);
	});
}

#[test]
fn lendable_capital_is_idle_plus_principal_less_impairments() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 0);
		// USDai held outside the vault (and its stablecoin reserve) is not lendable.
		give_usdai(BOB, 500);
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 0);
		deposit_and_stake(ALICE, 1_000);
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 1_000 * USD18);
		// Lending moves capital from idle to principal.
		assert_ok!(<Vault as LendingVault<_>>::draw(&BOB, 600 * USD18));
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 1_000 * USD18);
		assert_ok!(<Vault as LendingVault<_>>::impair(100 * USD18));
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 900 * USD18);
		// Interest adds what is left after the fee and the insurance cut.
		give_usdai(LENDER, 100);
		assert_ok!(<Vault as LendingVault<_>>::receive_interest(&LENDER, 100 * USD18));
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 985 * USD18);
		// Donations do not count.
		assert_ok!(Assets::transfer(
			RuntimeOrigin::signed(BOB),
			USDAI,
			Usdai::vault_account(),
			100 * USD18
		));
		assert_eq!(<Vault as LendableCapital>::lendable_capital(), 985 * USD18);
	});
}
