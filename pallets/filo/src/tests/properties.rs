//! Property tests: for any schedule the principal payments add up to the principal exactly.

use crate::{schedule::schedule, Amortization, DayCount, LoanTerms};
use proptest::prelude::*;

fn day_count() -> impl Strategy<Value = DayCount> {
	prop_oneof![Just(DayCount::Act365), Just(DayCount::Thirty360)]
}

fn amortization() -> impl Strategy<Value = Amortization> {
	prop_oneof![
		Just(Amortization::LevelPayment),
		(1u32..=10_000).prop_map(|annual_rate_bps| Amortization::StraightLine { annual_rate_bps }),
	]
}

proptest! {
	#[test]
	fn principal_payments_sum_to_the_principal(
		principal in 1u128..=1_000_000_000_000_000_000_000_000_000u128,
		apr_bps in 0u32..=10_000,
		periods in 1u32..=120,
		day_count in day_count(),
		amortization in amortization(),
	) {
		let terms = LoanTerms { principal, apr_bps, periods, day_count, amortization };
		let rows = schedule(&terms).unwrap();
		prop_assert_eq!(rows.len() as u32, periods);
		prop_assert_eq!(rows.iter().map(|r| r.principal).sum::<u128>(), principal);
		prop_assert_eq!(rows.last().unwrap().balance_after, 0);
		let mut balance = principal;
		for r in &rows {
			// Each row's balance is the previous one less its principal: nothing appears or
			// vanishes.
			prop_assert_eq!(r.balance_after, balance - r.principal);
			// Interest is the exact rate rounded up: never below it, less than a unit above.
			let (num, den) = match day_count {
				DayCount::Act365 => (u128::from(apr_bps) * 30, 3_650_000u128),
				DayCount::Thirty360 => (u128::from(apr_bps), 120_000u128),
			};
			prop_assert!(r.interest * den >= balance * num);
			if r.interest > 0 {
				prop_assert!((r.interest - 1) * den < balance * num);
			}
			balance = r.balance_after;
		}
	}
}

mod pallet {
	use crate::{mock::*, *};
	use frame_support::assert_ok;
	use proptest::prelude::*;

	fn vault_account() -> AccountId {
		pallet_usdai::Pallet::<Test>::vault_account()
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(24))]

		/// Random repayments at random times: every unit the borrower pays reaches the curator
		/// or the vault, and principal repaid plus the balance is the principal.
		#[test]
		fn random_repayments_create_and_destroy_nothing(
			payments in prop::collection::vec((1u64..500, 1u128..250_000), 1..8),
		) {
			ExtBuilder::default().build_and_execute(|| {
				let s = stack(50_000);
				let id = loan(s, 595_000, 416_500 * USD, 1_500, 12);
				let mut repaid = 0u128;
				for (blocks, dollars) in payments {
					run_to(System::block_number() + blocks);
					let (b, c, v) = (usdai_of(&BORROWER), usdai_of(&CURATOR), usdai_of(&vault_account()));
					System::reset_events();
					if Filo::repay(RuntimeOrigin::signed(BORROWER), id, dollars * USD).is_err() {
						continue;
					}
					let paid = b - usdai_of(&BORROWER);
					assert!(paid <= dollars * USD);
					assert_eq!(paid, (usdai_of(&CURATOR) - c) + (usdai_of(&vault_account()) - v));
					for e in filo_events() {
						if let Event::Repaid { late_fees, interest, principal, .. } = e {
							assert_eq!(late_fees + interest + principal, paid);
							repaid += principal;
						}
					}
				}
				let balance = Loans::<Test>::get(id).unwrap().balance;
				assert_eq!(repaid + balance, 416_500 * USD);
			});
		}

		/// Whatever ends an auction (a bid in any round, or the curator's take in any round)
		/// and whatever the stack's first-loss, the receipts never leave for less than the
		/// round's reserve, and the vault books no more loss than it would after a bid of the
		/// same price: the debt less the price less the first-loss, never more than the debt
		/// less the price.
		#[test]
		fn no_auction_outcome_books_more_than_the_debt_less_the_price(
			first_loss in 42_000u128..=600_000,
			rounds in 0u32..6,
			curator_takes in any::<bool>(),
			bid_over in 0u128..300_000,
		) {
			use crate::tests::default::DEFAULTABLE;
			const DEBT: Balance = 416_500 * USD;
			ExtBuilder::default().build_and_execute(|| {
				let s = stack(first_loss);
				let id = loan(s, 595_000, DEBT, 1_500, 36);
				run_to(DEFAULTABLE);
				assert_ok!(Filo::declare_default(RuntimeOrigin::signed(ANYONE), id));
				run_to(DEFAULTABLE + 14 * DAY + 1);
				while Auctions::<Test>::get(id).unwrap().round < rounds {
					run_to(Auctions::<Test>::get(id).unwrap().end + 1);
				}
				let reserve = Auctions::<Test>::get(id).unwrap().reserve;
				filo_events();
				if curator_takes {
					assert_ok!(Filo::take_collateral(RuntimeOrigin::signed(CURATOR), id));
				} else {
					let amount = reserve + bid_over * USD;
					assert_ok!(Filo::bid(RuntimeOrigin::signed(BIDDER), id, amount));
					run_to(Auctions::<Test>::get(id).unwrap().end + 1);
				}
				let (proceeds, principal, paid_by_first_loss, booked) = filo_events()
					.into_iter()
					.find_map(|e| match e {
						Event::AuctionSettled {
							proceeds,
							principal_recovered,
							first_loss_paid,
							insurance_paid,
							vault_loss,
							..
						} => Some((
							proceeds,
							principal_recovered,
							first_loss_paid,
							insurance_paid + vault_loss,
						)),
						_ => None,
					})
					.unwrap();
				assert!(proceeds >= reserve);
				assert_eq!(principal, proceeds.min(DEBT));
				assert_eq!(principal + paid_by_first_loss + booked, DEBT);
				assert_eq!(booked, DEBT.saturating_sub(proceeds).saturating_sub(first_loss * USD));
				assert!(booked <= DEBT.saturating_sub(proceeds));
			});
		}
	}
}
