//! Counterexamples the fuzzer found, shrunk and written out as named tests: each replays its
//! steps from the `development` genesis through the fuzzer's executor (blocks, hooks and every
//! check after every block) and expects no failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use pallet_treasury_bridge::{Deposit, DepositAction};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use usdai_fuzz::{chain, genesis, replay, Step, Who};
use usdai_primitives::assets::USDC;
use usdai_runtime::{
	genesis_config_presets::{dev_relayers, DEV_BRIDGE_CHANNEL},
	AccountId, RuntimeCall,
};

/// A dollar of a bridged stablecoin (6 decimals).
const USD6: u128 = 1_000_000;
/// A dollar of USDai (18 decimals).
const USD: u128 = 1_000_000_000_000_000_000;

fn who(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn signed(k: Sr25519Keyring, call: RuntimeCall) -> Step {
	Step::Call { who: Who::Signed(who(k)), call }
}

/// Three dev relayers attest deposit `nonce`: `amount` base units of USDC for `to`.
fn credit(nonce: u64, to: &AccountId, amount: u128, into_usdai: bool) -> Vec<Step> {
	credit_of(USDC, nonce, to, amount, into_usdai)
}

/// Three dev relayers attest deposit `nonce`: `amount` base units of `asset` for `to`.
fn credit_of(asset: u32, nonce: u64, to: &AccountId, amount: u128, into_usdai: bool) -> Vec<Step> {
	let deposit = Deposit {
		channel: DEV_BRIDGE_CHANNEL,
		nonce,
		source_tx: H256::from_low_u64_be(nonce + 1),
		asset,
		amount,
		action: DepositAction::Credit { recipient: to.clone(), into_usdai },
	};
	dev_relayers()
		.into_iter()
		.take(3)
		.map(|r| Step::Call {
			who: Who::Signed(r),
			call: RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_deposit {
				deposit: deposit.clone(),
			}),
		})
		.collect()
}

fn run(steps: &[Step]) {
	chain::quiet_caught_panics();
	if let Err(f) = replay(&genesis::dev_storage(), steps) {
		panic!("{f}");
	}
}

/// Fuzz seed 2 (`--seed 2 --cases 1 --blocks-per-case 20 --calls-per-block 8`): a withdrawal
/// of all but one base unit of USDC burns the amount and, with `Preservation::Expendable`, the
/// dust below USDC's minimum balance too; the bridge books only the amount, so USDC's supply
/// falls below `credited − withdrawn` and `treasury_bridge::do_try_state` breaks ("bridged
/// supply differs from credited minus withdrawn").
#[test]
fn a_withdrawal_that_leaves_dust_keeps_the_bridged_supply_booked() {
	let balance = 2_602_605 * USD6;
	let mut steps = credit(0, &who(Sr25519Keyring::EveStash), balance, false);
	steps.push(signed(
		Sr25519Keyring::EveStash,
		RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::request_withdrawal {
			asset: USDC,
			amount: balance - 1,
			destination: vec![0xab; 20].try_into().unwrap(),
		}),
	));
	run(&steps);
}

/// The harness itself: a deposit withdrawn in full (no dust) keeps every invariant.
#[test]
fn a_withdrawal_of_everything_keeps_every_invariant() {
	let balance = 2_602_605 * USD6;
	let mut steps = credit(0, &who(Sr25519Keyring::EveStash), balance, false);
	steps.push(signed(
		Sr25519Keyring::EveStash,
		RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::request_withdrawal {
			asset: USDC,
			amount: balance,
			destination: vec![0xab; 20].try_into().unwrap(),
		}),
	));
	steps.push(Step::Advance { blocks: 1 });
	run(&steps);
}

/// Fuzz seed 124 (`--seed 124 --cases 1 --blocks-per-case 20 --calls-per-block 10`): staking
/// all USDai but one base unit moves it with `Preservation::Expendable`; pallet-assets removes
/// the one-unit dust from the staker (below USDai's minimum balance, the account is reaped)
/// but frame-support's default `fungibles::Mutate::transfer` credits only the amount and
/// nobody lowers the supply: USDai's supply now exceeds the sum of the balances by the dust.
/// Every pallet transfer with `Expendable` that can leave dust does the same (filo's first-loss
/// moves, gauges' bribes, usdai's stake and redeem).
#[test]
fn a_stake_that_leaves_dust_keeps_the_usdai_supply_equal_to_the_balances() {
	let staker = AccountId::from([0xf1; 32]);
	let mut steps = credit(0, &staker, 290_830 * USD6, true);
	steps.push(Step::Call {
		who: Who::Signed(staker),
		call: RuntimeCall::Usdai(pallet_usdai::Call::stake {
			usdai: 290_830 * USD - 1,
			min_shares: 0,
		}),
	});
	run(&steps);
}

/// Fuzz seed 202 (`--seed 202 --cases 1 --blocks-per-case 20 --calls-per-block 10`):
/// governance's `set_inflow_limit` accepts a token the bridge does not mint (USDai, sUSDai, any
/// asset with at most 18 decimals). The bridge then counts its supply as bridged ("supply of a
/// bridged asset the bridge did not mint"), and deposits of it attested by the relayers would
/// mint it from the bridge's side, around the vault.
#[test]
fn governance_cannot_bridge_a_token_the_bridge_does_not_mint() {
	let mut steps = credit(0, &who(Sr25519Keyring::Bob), 1_000 * USD6, true);
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::set_inflow_limit {
			asset: usdai_primitives::assets::USDAI,
			limit: Some(pallet_treasury_bridge::InflowLimit {
				period: 14_400,
				max_per_period: 10_000 * USD,
			}),
		}),
	});
	run(&steps);
}

/// Fuzz seed 1016 (`--seed 1016 --cases 1`): the curator withdraws all of its stack's
/// first-loss but one base unit. The transfer out of the stack account is `Expendable`, so the
/// account (one base unit, below USDai's minimum balance) is reaped and the unit is lost, while
/// the stack still books one unit of first-loss: "stack account holds less than its
/// first-loss". A withdrawal must take all of it or leave at least the minimum balance.
#[test]
fn withdrawing_first_loss_never_leaves_unbacked_first_loss_behind() {
	let charlie = who(Sr25519Keyring::Charlie);
	let mut steps = credit(0, &charlie, 300_000 * USD6, true);
	let terms = pallet_filo::StackTerms {
		max_ltv_bps: 5_652,
		min_apr_bps: 1_193,
		max_apr_bps: 1_551,
		curator_fee_bps: 926,
		max_loans: 5,
		day_count: pallet_filo::DayCount::Act365,
		amortization: pallet_filo::Amortization::LevelPayment,
	};
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Filo(pallet_filo::Call::open_stack { first_loss: 44_213 * USD, terms }),
	));
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Filo(pallet_filo::Call::withdraw_first_loss {
			stack: 0,
			amount: 44_213 * USD - 1,
		}),
	));
	run(&steps);
}

/// The dev custodian (Dave) issues a receipt worth `value` to `holder`; the dev appraisers
/// (Eve, Ferdie) confirm it.
fn receipt(holder: &AccountId, value: u128, serial: u8) -> Vec<Step> {
	use pallet_caliber::{GpuModel, Insurance, ReceiptInfo};
	let info = ReceiptInfo {
		model: GpuModel::H100Sxm,
		count: 8,
		serials_hash: H256::repeat_byte(serial),
		data_centre: b"us-tx-dal-01".to_vec().try_into().unwrap(),
		bailment_hash: H256::repeat_byte(0xbb),
		insurance: Insurance {
			policy_id: b"POL-1".to_vec().try_into().unwrap(),
			coverage: 2 * value,
			expiry: usdai_fuzz::chain::GENESIS_MILLIS / 1_000 + 365 * 86_400,
		},
		appraisal: value,
	};
	let id = u32::from(serial);
	vec![
		signed(
			Sr25519Keyring::Dave,
			RuntimeCall::Caliber(pallet_caliber::Call::issue_receipt {
				holder: holder.clone(),
				info,
			}),
		),
		signed(
			Sr25519Keyring::Eve,
			RuntimeCall::Caliber(pallet_caliber::Call::post_valuation { receipt: id, value }),
		),
		signed(
			Sr25519Keyring::Ferdie,
			RuntimeCall::Caliber(pallet_caliber::Call::post_valuation { receipt: id, value }),
		),
	]
}

/// Fuzz seed 20134 (`--seed 20134 --cases 1`, twelve more like it in 20 minutes): the sleeve's
/// yield pays a protocol fee whose lockers' share (6,504.27 USDai) reaches the gauges; the two
/// lockers claim it, each rounded down, so one base unit stays in the pot. The last claim moves
/// USDai out of the gauges' account with `Preservation::Expendable`: the account is left with
/// one base unit, below USDai's minimum balance, and is reaped with it, while the pot still
/// counts it as unclaimed ("pallet account holds less than the unclaimed pots"). Bribe pots do
/// the same.
#[test]
fn the_last_fee_claim_never_reaps_the_gauges_account_under_unclaimed_dust() {
	let mut steps = credit(0, &who(Sr25519Keyring::Charlie), 300_000 * USD6, true);
	steps.extend(credit(1, &who(Sr25519Keyring::FerdieStash), 2_979_108 * USD6, true));
	steps.extend(credit(2, &who(Sr25519Keyring::EveStash), 1_843_472 * USD6, true));
	steps.extend(credit(3, &who(Sr25519Keyring::DaveStash), 736_673 * USD6, true));
	let unit = usdai_runtime::UNIT;
	steps.push(signed(
		Sr25519Keyring::Alice,
		RuntimeCall::Gauges(pallet_gauges::Call::lock {
			amount: 500_000 * unit,
			duration: 4_839_228,
		}),
	));
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::set_sleeve_target {
			bps: 3_763,
		}),
	});
	steps.push(signed(
		Sr25519Keyring::Ferdie,
		RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::rebalance_sleeve { asset: USDC }),
	));
	steps.push(Step::Advance { blocks: 17_984 });
	let report = pallet_treasury_bridge::NavReport {
		value: 2_217_845_441_633_010_000_000_000,
		timestamp: 1_767_333_624,
		sequence: 1,
	};
	for r in [Sr25519Keyring::CharlieStash, Sr25519Keyring::AliceStash, Sr25519Keyring::BobStash] {
		steps.push(signed(
			r,
			RuntimeCall::TreasuryBridge(pallet_treasury_bridge::Call::attest_nav { report }),
		));
	}
	steps.push(signed(
		Sr25519Keyring::Ferdie,
		RuntimeCall::Gauges(pallet_gauges::Call::lock {
			amount: 240_000 * unit,
			duration: 12_087_179,
		}),
	));
	steps.push(Step::Advance { blocks: 162_296 });
	for k in [Sr25519Keyring::Ferdie, Sr25519Keyring::Alice] {
		steps.push(signed(k, RuntimeCall::Gauges(pallet_gauges::Call::claim_fees {})));
	}
	run(&steps);
}

/// Fuzz seed 20592 (`--seed 20592 --cases 1`): the vault lends almost all its cash, a holder
/// queues three redemptions, and both loans go into default. With every loan impaired and the
/// idle cash down to one base unit, the redemption price rounds to zero and qev's settlement
/// fills the waiting tickets for nothing: one ends filled in full with nothing to claim, the
/// other loses its remaining shares for no USDai. The holder's shares are burnt, and with them
/// their part of whatever the auctions and cures recover, which passes to the holders who did
/// not queue.
#[test]
fn a_redemption_price_of_zero_never_fills_tickets_for_nothing() {
	let ferdie_stash = who(Sr25519Keyring::FerdieStash);
	let fresh = AccountId::from([0xf1; 32]);
	let dave_stash = who(Sr25519Keyring::DaveStash);
	let mut steps = credit(0, &who(Sr25519Keyring::Charlie), 300_000 * USD6, true);
	steps.extend(credit(1, &ferdie_stash, 1_674_601 * USD6, true));
	steps.push(Step::Call {
		who: Who::Signed(ferdie_stash.clone()),
		call: RuntimeCall::Usdai(pallet_usdai::Call::stake {
			usdai: 1_021_506_610_000_000_000_000_000,
			min_shares: 0,
		}),
	});
	let params = pallet_filo::FiloParams {
		period_blocks: 46,
		proposal_blocks: 882,
		grace_blocks: 11,
		cure_blocks: 243,
		auction_blocks: 140,
		extension_blocks: 11,
		..usdai_runtime::genesis_config_presets::filo_params()
	};
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::Filo(pallet_filo::Call::set_params { params }),
	});
	let terms = pallet_filo::StackTerms {
		max_ltv_bps: 5_982,
		min_apr_bps: 954,
		max_apr_bps: 1_650,
		curator_fee_bps: 785,
		max_loans: 16,
		day_count: pallet_filo::DayCount::Thirty360,
		amortization: pallet_filo::Amortization::LevelPayment,
	};
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Filo(pallet_filo::Call::open_stack { first_loss: 33_593 * USD, terms }),
	));
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::Filo(pallet_filo::Call::set_stack_cap {
			stack: 0,
			cap: Some(50_000_000 * USD),
		}),
	});
	steps.extend(receipt(&fresh, 666_713 * USD, 0));
	steps.extend(receipt(&dave_stash, 272_016 * USD, 1));
	for (loan, borrower, principal, apr_bps, periods) in [
		(0u64, &fresh, 231_320_075_628_000_000_000_000u128, 1_552u32, 29u32),
		(1, &dave_stash, 76_478_386_464_000_000_000_000, 1_099, 20),
	] {
		steps.push(signed(
			Sr25519Keyring::Charlie,
			RuntimeCall::Filo(pallet_filo::Call::propose_loan {
				stack: 0,
				borrower: borrower.clone(),
				receipts: vec![loan as u32].try_into().unwrap(),
				principal,
				apr_bps,
				periods,
			}),
		));
		steps.push(Step::Call {
			who: Who::Signed(borrower.clone()),
			call: RuntimeCall::Filo(pallet_filo::Call::accept_loan { loan }),
		});
	}
	let request = |shares: u128, min_out: u128| Step::Call {
		who: Who::Signed(ferdie_stash.clone()),
		call: RuntimeCall::Qev(pallet_qev::Call::request_redemption { shares, min_out }),
	};
	steps.push(request(520_968_366 * USD / 1_000, 520_968_366 * USD / 1_000));
	steps.push(Step::Advance { blocks: 1 });
	steps.push(request(410_441_351_880_000_000_000_000, 0));
	steps.push(request(25_137_030_111_480_000_000_000, 0));
	steps.push(Step::Advance { blocks: 8_638 });
	steps.push(signed(
		Sr25519Keyring::DaveStash,
		RuntimeCall::Filo(pallet_filo::Call::declare_default { loan: 1 }),
	));
	steps.push(Step::Advance { blocks: 1 });
	steps.push(signed(
		Sr25519Keyring::EveStash,
		RuntimeCall::Filo(pallet_filo::Call::declare_default { loan: 0 }),
	));
	run(&steps);
}

/// Fuzz seed 21137 (`--seed 21137 --cases 1`): a holder queues all of its shares, the one loan
/// defaults and the queue fills the ticket at the lower price from the vault's idle cash, all
/// but 0.0028 sUSDai. The filled shares are burnt from the vault's queue escrow with
/// `Preservation::Expendable`, which leaves the escrow below sUSDai's minimum balance (0.01):
/// the escrow is reaped with the 0.0028 sUSDai that the ticket still has locked ("escrow holds
/// fewer shares than are locked"); the ticket can no longer be cancelled or filled in full.
#[test]
fn settling_a_ticket_never_reaps_the_escrow_under_shares_still_locked() {
	let charlie = who(Sr25519Keyring::Charlie);
	let alice_stash = who(Sr25519Keyring::AliceStash);
	let mut steps = credit(0, &charlie, 300_000 * USD6, true);
	steps.extend(credit(1, &charlie, 2_674_736 * USD6, true));
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Usdai(pallet_usdai::Call::stake {
			usdai: 892_420_800 * USD / 1_000,
			min_shares: 0,
		}),
	));
	let params = pallet_filo::FiloParams {
		period_blocks: 219,
		proposal_blocks: 1_957,
		grace_blocks: 166,
		cure_blocks: 246,
		auction_blocks: 30,
		extension_blocks: 15,
		..usdai_runtime::genesis_config_presets::filo_params()
	};
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::Filo(pallet_filo::Call::set_params { params }),
	});
	let terms = pallet_filo::StackTerms {
		max_ltv_bps: 6_907,
		min_apr_bps: 1_369,
		max_apr_bps: 2_433,
		curator_fee_bps: 867,
		max_loans: 4,
		day_count: pallet_filo::DayCount::Act365,
		amortization: pallet_filo::Amortization::StraightLine { annual_rate_bps: 2_251 },
	};
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Filo(pallet_filo::Call::open_stack { first_loss: 190_388 * USD, terms }),
	));
	steps.push(Step::Call {
		who: Who::Root,
		call: RuntimeCall::Filo(pallet_filo::Call::set_stack_cap {
			stack: 0,
			cap: Some(50_000_000 * USD),
		}),
	});
	steps.extend(receipt(&alice_stash, 321_317 * USD, 0));
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Filo(pallet_filo::Call::propose_loan {
			stack: 0,
			borrower: alice_stash.clone(),
			receipts: vec![0].try_into().unwrap(),
			principal: 195_301_613_672_000_000_000_000,
			apr_bps: 1_394,
			periods: 18,
		}),
	));
	steps.push(signed(
		Sr25519Keyring::AliceStash,
		RuntimeCall::Filo(pallet_filo::Call::accept_loan { loan: 0 }),
	));
	steps.push(signed(
		Sr25519Keyring::Charlie,
		RuntimeCall::Qev(pallet_qev::Call::request_redemption {
			shares: 892_420_790 * USD / 1_000,
			min_out: 0,
		}),
	));
	steps.push(Step::Advance { blocks: 19_864 });
	steps.push(Step::Call {
		who: Who::Signed(AccountId::from([0xf3; 32])),
		call: RuntimeCall::Filo(pallet_filo::Call::declare_default { loan: 0 }),
	});
	run(&steps);
}

/// Fuzz seed 30971 (`--seed 30971 --cases 1`): the USDT reserve holds 0.010001 USDT (one
/// deposit of 10,001 base units, just above USDT's minimum balance of 10,000); a redemption of
/// 0.01 USDai pays 10,000 of them with `Preservation::Expendable`, which leaves the reserve
/// account with one base unit and reaps it, while `Reserves[USDT]` still books that unit
/// ("reserve account holds less than the books").
#[test]
fn a_redemption_never_reaps_the_reserve_under_booked_dust() {
	use usdai_primitives::assets::USDT;
	let alice = who(Sr25519Keyring::Alice);
	let eve = who(Sr25519Keyring::Eve);
	let mut steps = credit(0, &alice, 1_000 * USD6, true);
	steps.extend(credit_of(USDT, 1, &eve, 1_000 * USD6, false));
	steps.push(signed(
		Sr25519Keyring::Eve,
		RuntimeCall::Usdai(pallet_usdai::Call::deposit { asset: USDT, amount: 10_001, min_out: 0 }),
	));
	steps.push(signed(
		Sr25519Keyring::Alice,
		RuntimeCall::Usdai(pallet_usdai::Call::redeem {
			asset: USDT,
			usdai: USD / 100,
			min_out: 0,
		}),
	));
	run(&steps);
}
