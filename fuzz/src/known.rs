//! Counterexamples the fuzzer found that the pallets do not fix yet. A case that fails with one
//! of them ends there and is counted, not reported (unless `--strict`), so that long runs keep
//! looking for new ones. Each has an `#[ignore]`d regression test in `tests/regressions.rs`;
//! when a fix lands, delete its entry here and un-ignore the test.

use crate::chain::Failure;

/// A known counterexample.
pub struct Known {
	/// The check that breaks (see `checks.rs`).
	pub check: &'static str,
	/// A part of the check's message, when the check alone is too broad.
	pub message: Option<&'static str>,
	/// The regression test that reproduces it.
	pub regression: &'static str,
	/// What goes wrong.
	pub what: &'static str,
}

/// The known counterexamples.
pub const KNOWN: &[Known] = &[
	Known {
		check: "assets.dust_unaccounted",
		message: None,
		regression: "a_stake_that_leaves_dust_keeps_the_usdai_supply_equal_to_the_balances",
		what: "a pallet transfer with Preservation::Expendable leaving the payer below the \
		       asset's minimum balance (e.g. usdai.stake of all USDai but one base unit) removes \
		       the dust from the payer, credits only the amount and leaves the supply unchanged \
		       (frame-support's default fungibles::Mutate::transfer over pallet-assets)",
	},
	Known {
		check: "bridge.dust_unbooked",
		message: None,
		regression: "a_withdrawal_that_leaves_dust_keeps_the_bridged_supply_booked",
		what: "treasury_bridge.request_withdrawal of all but dust burns the dust too \
		       (Preservation::Expendable) but books only the amount as withdrawn",
	},
	Known {
		check: "treasury_bridge::do_try_state",
		message: Some("supply of a bridged asset the bridge did not mint"),
		regression: "governance_cannot_bridge_a_token_the_bridge_does_not_mint",
		what: "treasury_bridge.set_inflow_limit accepts any asset with at most 18 decimals, \
		       USDai and sUSDai included: the bridge then counts a token it did not mint as \
		       bridged, and attested deposits of it would mint it from the bridge",
	},
	Known {
		check: "filo::do_try_state",
		message: Some("stack account holds less than its first-loss"),
		regression: "withdrawing_first_loss_never_leaves_unbacked_first_loss_behind",
		what: "filo.withdraw_first_loss of all but dust moves it with Preservation::Expendable: \
		       the stack account is reaped with the dust, and the stack still books the dust \
		       as first-loss that no account holds",
	},
	Known {
		check: "gauges::do_try_state",
		message: Some("pallet account holds less than the unclaimed pots"),
		regression: "the_last_fee_claim_never_reaps_the_gauges_account_under_unclaimed_dust",
		what: "gauges pays fee shares and bribes out of its account with \
		       Preservation::Expendable: a claim that leaves the account below the asset's \
		       minimum balance (a pot's rounding remainder) reaps it with the remainder, which \
		       the pots still count as unclaimed",
	},
	Known {
		check: "qev::do_try_state",
		message: Some("a ticket filled in full holds nothing to claim"),
		regression: "a_redemption_price_of_zero_never_fills_tickets_for_nothing",
		what: "when every loan is impaired and the vault's idle cash is dust, the redemption \
		       price rounds to zero and qev's settlement fills every waiting ticket for nothing: \
		       the holders' shares are burnt and their claim on later recoveries passes to \
		       the holders who did not queue",
	},
	Known {
		check: "usdai::do_try_state",
		message: Some("escrow holds fewer shares than are locked"),
		regression: "settling_a_ticket_never_reaps_the_escrow_under_shares_still_locked",
		what: "settling the queue burns filled shares from the vault's escrow with \
		       Preservation::Expendable: when the shares still locked are below sUSDai's \
		       minimum balance the escrow is reaped with them",
	},
	Known {
		check: "usdai::do_try_state",
		message: Some("reserve account holds less than the books"),
		regression: "a_redemption_never_reaps_the_reserve_under_booked_dust",
		what: "usdai.redeem pays the stablecoin out of the reserve account with \
		       Preservation::Expendable: a payment that leaves the reserve below the \
		       stablecoin's minimum balance reaps it with the dust the books still count",
	},
];

/// The known counterexample `f` is, if any.
pub fn known(f: &Failure) -> Option<&'static Known> {
	match f {
		Failure::Invariant { check, message } => {
			KNOWN.iter().find(|k| k.check == check && k.message.is_none_or(|m| message.contains(m)))
		},
		_ => None,
	}
}
