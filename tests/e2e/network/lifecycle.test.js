// The USD.AI money loop end to end on a zombienet network: three validators and a full node on
// the fast-runtime chain (3-second blocks, a two-block "day": a loan period is 60 blocks). Every
// transaction goes in through the full node (Dave's node); the end state is read back from a
// validator too. The walk, in the order the chain's clock allows (each step is the test of that
// number, and they run in this order):
//
// 1. The relayers credit a USDC deposit into USDai; three holders stake it into sUSDai. The
//    custodian issues two CALIBER receipts; both appraisers value them.
// 2. The chain has no sudo: CHIP holders govern by referendum. A registrar referendum registers
//    a new curator (Grace); the guard holds that risk-raising change back for its delay before
//    anyone executes it. The genesis curator (Charlie) and Grace each open a stack with
//    first-loss capital, a parameters referendum caps both (held back and executed the same
//    way), and two loans are proposed and accepted. Together they draw all of the vault's cash:
//    liquidity is zero.
// 3. Two holders queue redemptions; the later one seals a bid to the beacon round at which the
//    queue round closes (timelock encryption, tlock-js), the local beacon submits that round's
//    pulse, the chain opens the bid and ranks it first, and it is filled first when a
//    prepayment brings liquidity. Its bid fee stays in the vault and raises the price for the
//    holders who remain.
// 4. A CHIP holder locks and votes for the first stack; once that epoch is tallied the gauges
//    decide capacity (the voted stack gets the vault's lendable capital, the other none), and
//    the curator's bribe for the epoch goes to the voter.
// 5. The first loan's first installment, paid after its due date, raises the sUSDai price as the
//    yield vests.
// 6. Bad input to each pallet fails by name and changes nothing.
// 7. The second loan is never paid: it is declared in default after its grace period and
//    written down at once.
// 8. The first loan's second installment, paid during the second loan's cure window, raises the
//    price again; nobody cures the second loan.
// 9. The second loan's receipt is auctioned; the winning bid runs the waterfall: auction fee,
//    vault principal, then the loss falls on the stack's first-loss, the insurance fund and
//    sUSDai.
// 10. A validator sees the same end state as the full node.
// 11. The chain upgrades itself to the next release (runtime-fast's second blob: one
//     spec_version up, FiLo's curator registry migrated to a counted map) by a root referendum
//     of CHIP holders and an unsigned `applyAuthorizedUpgrade`. Blocks go on being produced and
//     finalized on every node; every balance, loan, stack, ticket and receipt is the same after
//     the migration as before the upgrade; the curators are all in the new registry and
//     counted; transactions signed for the new runtime go through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { sealBid, startLocalBeacon } from '../lib/timelock.js';
import { startNetwork } from '../lib/network.js';
import { sendAndFinalize } from '../lib/node.js';
import { govern } from '../lib/govern.js';
import { nextRuntimePath, readRuntime, upgradeByReferendum } from '../lib/upgrade.js';
import { findEvent, findEvents, findRecords, nextEvent } from '../lib/events.js';
import * as chain from '../lib/chain.js';
import { assetBalance, treasuryAccount } from '../lib/chain.js';
import { bridgeIn, nextDeposits, DEV_CHANNEL } from '../lib/bridge.js';
import * as caliber from '../lib/caliber.js';
import * as filo from '../lib/filo.js';
import * as qev from '../lib/qev.js';
import { redemptionPrice, interestReceived } from '../lib/usdai.js';
import { CHIP, CENT, USD, USD6, USD6_TO_USD, USDC, USDAI, SUSDAI } from '../lib/units.js';

const BRIDGED = 250_000n * USD;
const STAKE_ALICE = 150_000n * USD + CENT; // she stakes first: the dead shares come out of it
const STAKE_EACH = 5_000n * USD;
const LOAN_A = 100_000n * USD;
const LOAN_B = 60_000n * USD; // LOAN_A + LOAN_B + CENT is everything staked
const FIRST_LOSS_A = 12_000n * USD;
const FIRST_LOSS_B = 8_000n * USD;
const CAP_A = 1_000_000n * USD;
const CAP_B = 60_000n * USD;
const BID_BPS = 300;
const PREPAYMENT = 6_000n * USD;
const BRIBE = 500n * USD;
const WINNING_BID = 50_000n * USD;
const LOCK = 200_000n * CHIP;
const terms = filo.stackTerms();

let net, api;
let alice, bob, charlie, dave, eve, ferdie, mallory, grace;
let collection, receiptA, receiptB, stackA, stackB, loanA, loanB, startA, startB;
let params, eveTicket, ferdieTicket, priceBeforeDefault, cureDeadline;

// ---- helpers: lib/ bound to the full node's `api` (`at`: the state to read, default the best)

const send = (tx, signer) => sendAndFinalize(api, tx, signer, 180_000);
const batch = (calls) => api.tx.utility.batchAll(calls);
const big = (x) => x.toBigInt();
const usdai = (who, at = api) => assetBalance(at, USDAI, who);
const susdai = (who, at = api) => assetBalance(at, SUSDAI, who);
const price = (at = api) => redemptionPrice(at);
const nav = (at = api) => at.call.usdaiApi.nav();
const loanView = (id, at = api) => filo.loanView(at, id);
const stackView = (id, at = api) => filo.stackView(at, id);
const ticketView = (id) => qev.ticketView(api, id);
const stackAccount = (s) => filo.stackAccount(api, s);
const bestNumber = () => chain.bestNumber(api);
const numberOf = (hash) => chain.numberOf(api, hash);
/** The hash of the best block once the chain reaches `n`. */
const bestAt = (n) => chain.bestAt(api, n);
/** The events of finalized blocks `from..=to` as `{ n, hash, event }`. */
const eventsIn = (from, to) => chain.eventsIn(api, from, to);

/** A receipt whose hashes and policy are made of `seed`, insured for 1.5 times its appraisal. */
const receiptInfo = (seed, appraisal) => caliber.receiptInfo({
  serialsHash: '0x' + seed.repeat(32),
  bailmentHash: '0x' + seed.repeat(31) + 'ff',
  policyId: `POL-${seed}`,
  coverage: appraisal * 3n / 2n,
  appraisal,
});

/**
 * Pays the installment of loan A that fell due (what the loan view says is due now, and a little
 * more that prepays principal), checks the split, waits for its yield to vest and checks that
 * the sUSDai price rose by at least the vault's part of it.
 */
async function payInstallment(expectedInterest) {
  const view = await loanView(loanA);
  const due = big(view.dueNow);
  assert.ok(due > 0n, 'an installment is due');
  const [before, p0, curator] = [await nav(), await price(), await usdai(charlie)];
  assert.equal(big(before.unvested), 0n, 'no yield is vesting before the payment');
  const pay = due + 10n * USD;
  const paid = await send(api.tx.filo.repay(loanA, pay), bob);
  const repaid = findEvent(paid.events, 'filo', 'Repaid').data;
  const interest = big(repaid.interest);
  if (expectedInterest !== undefined) assert.equal(interest, expectedInterest);
  assert.ok(interest > 0n);
  assert.equal(big(repaid.curatorFee), interest * 500n / 10_000n, 'the curator takes 5% of the interest');
  assert.equal(big(repaid.lateFees) + interest + big(repaid.principal), pay, 'the whole payment is applied');
  assert.equal((await usdai(charlie)) - curator, big(repaid.curatorFee));

  // The vault's part is split 10% protocol fee, 5% insurance, the rest to sUSDai holders.
  const got = interestReceived(paid.events);
  assert.ok(got.count >= 1);
  for (const s of got.splits) {
    const amount = big(s.protocolFee) + big(s.insurance) + big(s.toVault);
    assert.equal(big(s.protocolFee), amount * 1_000n / 10_000n);
    assert.equal(big(s.insurance), amount * 500n / 10_000n);
  }
  assert.equal(
    got.protocolFee + got.insurance + got.toVault,
    big(repaid.lateFees) + interest - big(repaid.curatorFee),
  );
  const afterPay = await nav(await api.at(paid.blockHash));
  assert.equal(big(afterPay.insuranceFund) - big(before.insuranceFund), got.insurance);

  // Once vested, the price has risen by at least the holders' part (queue fills at the
  // redemption price never lower it).
  await bestAt(got.vestedAt);
  const p1 = await price();
  assert.equal(big((await nav()).unvested), 0n, 'the yield has vested');
  const floor = USD * (big(before.redemptionNav) + got.toVault) / big(before.totalShares);
  assert.ok(p1 > p0, `price ${p1} after the installment, ${p0} before`);
  assert.ok(p1 >= floor, `price ${p1} below ${floor}`);
  return { repaid, p0, p1 };
}

// ---- the walk ------------------------------------------------------------------------------

before(async () => {
  net = await startNetwork('fast');
  api = await net.api('dave');
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob, charlie, dave, eve, ferdie, mallory, grace] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'Mallory', 'Grace']
    .map((n) => keyring.addFromUri(`//${n}`));
  collection = (await api.call.caliberApi.collection()).unwrap().toNumber();
  params = (await api.query.filo.params()).unwrap();
});

after(async () => {
  if (net) await net.stop();
});

test('1. dollars are bridged in and staked; the custodian issues receipts and the appraisers value them', async () => {
  const [bridged, issued] = await Promise.all([
    bridgeIn(api, [[alice, BRIDGED / USD6_TO_USD, true]]),
    send(batch([
      api.tx.caliber.issueReceipt(bob.address, receiptInfo('a1', 200_000n * USD)),
      api.tx.caliber.issueReceipt(mallory.address, receiptInfo('b2', 100_000n * USD)),
    ]), dave),
  ]);
  const credited = findEvent(bridged, 'treasuryBridge', 'DepositCredited').data;
  assert.equal(big(credited.credited), BRIDGED / USD6_TO_USD);
  assert.equal(await usdai(alice), BRIDGED);
  assert.equal(big((await nav()).reserves), BRIDGED, 'the USDC backs the USDai 1:1');
  assert.equal(big((await nav()).usdaiSupply), BRIDGED);

  [receiptA, receiptB] = findEvents(issued.events, 'caliber', 'ReceiptIssued').map((e) => e.data.receipt.toNumber());
  assert.equal((await api.query.nfts.item(collection, receiptA)).unwrap().owner.toString(), bob.address);
  assert.equal((await api.query.nfts.item(collection, receiptB)).unwrap().owner.toString(), mallory.address);
  assert.equal((await api.call.caliberApi.receipt(receiptA)).unwrap().ineligibility.unwrap().toString(), 'ValuationUnconfirmed');

  // Alice hands out dollars (and Mallory and Grace some CHIP for fees) and stakes; the
  // appraisers post.
  const valuations = () => batch([
    api.tx.caliber.postValuation(receiptA, 200_000n * USD),
    api.tx.caliber.postValuation(receiptB, 100_000n * USD),
  ]);
  await Promise.all([
    send(batch([
      api.tx.assets.transfer(USDAI, eve.address, STAKE_EACH),
      api.tx.assets.transfer(USDAI, ferdie.address, STAKE_EACH),
      api.tx.assets.transfer(USDAI, charlie.address, FIRST_LOSS_A + BRIBE + 500n * USD),
      api.tx.assets.transfer(USDAI, grace.address, FIRST_LOSS_B + 100n * USD),
      api.tx.balances.transferKeepAlive(mallory.address, 10n * CHIP),
      api.tx.balances.transferKeepAlive(grace.address, 10n * CHIP),
      api.tx.usdai.stake(STAKE_ALICE, STAKE_ALICE - CENT),
    ]), alice),
    send(valuations(), eve),
    send(valuations(), ferdie),
  ]);
  await Promise.all([eve, ferdie].map((w) => send(api.tx.usdai.stake(STAKE_EACH, STAKE_EACH), w)));

  assert.equal(await susdai(alice), STAKE_ALICE - CENT, 'the dead shares came out of the first stake');
  assert.equal(await susdai(eve), STAKE_EACH);
  assert.equal(await susdai(ferdie), STAKE_EACH);
  const n = await nav();
  assert.equal(big(n.totalShares), STAKE_ALICE + 2n * STAKE_EACH);
  assert.equal(big(n.idle), STAKE_ALICE + 2n * STAKE_EACH);
  const prices = await api.call.usdaiApi.sharePrices();
  assert.equal(big(prices.deposit), USD);
  assert.equal(big(prices.redemption), USD);

  for (const [id, value] of [[receiptA, 200_000n * USD], [receiptB, 100_000n * USD]]) {
    const view = (await api.call.caliberApi.receipt(id)).unwrap();
    assert.ok(view.ineligibility.isNone, `receipt ${id} is eligible`);
    assert.ok(view.receipt.appraisal.confirmed.isTrue);
    // The median of the two posts, depreciated by the second since.
    const v = big(view.collateralValue);
    assert.ok(v <= value && v > value * 999n / 1000n, `value ${v}`);
  }
});

test('2. a curator registered by referendum opens a stack, a referendum caps both stacks, and both loans draw the vault dry', async () => {
  assert.ok((await api.query.sudo.key()).isNone, 'the local chain has no sudo key');
  const delay = (await api.call.guardApi.delay()).toNumber();
  assert.ok(delay > 0, 'the local chain\'s guard has a delay');
  const gov = { finalized: true, timeoutMs: 180_000 };

  // Grace is not a curator yet: she may not open a stack. Charlie, the genesis curator, does.
  await assert.rejects(send(api.tx.filo.openStack(FIRST_LOSS_B, terms), grace), /filo\.NotCurator/);
  const openedA = await send(api.tx.filo.openStack(FIRST_LOSS_A, terms), charlie);
  stackA = findEvent(openedA.events, 'filo', 'StackOpened').data.stack.toNumber();

  // A referendum on the registrar track registers her: the referendum's call goes to the guard,
  // which holds this risk-raising change back for its delay, in plain view, before anyone may
  // execute it (`govern` waits and executes).
  const registered = await govern(api, api.tx.filo.registerCurator(grace.address), alice, { track: 'registrar', ...gov });
  const enactedAt = await numberOf(registered.submitted.blockHash);
  assert.deepEqual(registered.scheduled.map((c) => c.due), [enactedAt + delay], 'the registration waits for the guard\'s delay');
  const pending = findEvent(registered.submitted.events, 'guard', 'Scheduled').data;
  assert.equal(pending.domain.toString(), 'Registry');
  assert.ok((await numberOf(registered.blockHash)) >= enactedAt + delay, 'executed once due');
  assert.equal(findEvent(registered.events, 'filo', 'CuratorRegistered').data.curator.toString(), grace.address);

  const openedB = await send(api.tx.filo.openStack(FIRST_LOSS_B, terms), grace);
  stackB = findEvent(openedB.events, 'filo', 'StackOpened').data.stack.toNumber();
  assert.equal(await usdai(stackAccount(stackA)), FIRST_LOSS_A, 'the first-loss sits in the stack account');
  assert.equal(await usdai(stackAccount(stackB)), FIRST_LOSS_B);
  assert.equal((await stackView(stackB)).stack.curator.toString(), grace.address);
  assert.ok((await stackView(stackA)).capacity.isNone, 'no capacity before governance grants it');

  // A referendum on the parameters track raises both caps: risk-raising too, so held back for
  // the guard's delay as well. The loans are proposed afterwards: a proposal expires if not
  // accepted soon.
  const capped = await govern(api, batch([
    api.tx.filo.setStackCap(stackA, CAP_A),
    api.tx.filo.setStackCap(stackB, CAP_B),
  ]), alice, { track: 'parameters', ...gov });
  const cappedAt = await numberOf(capped.submitted.blockHash);
  assert.deepEqual(
    capped.scheduled.map((c) => c.due),
    [cappedAt + delay, cappedAt + delay],
    'both caps wait for the guard\'s delay',
  );
  assert.ok((await numberOf(capped.blockHash)) >= cappedAt + delay, 'executed once due');
  assert.equal(findEvents(capped.events, 'filo', 'StackCapSet').length, 2);
  const [proposed, proposedB] = await Promise.all([
    send(api.tx.filo.proposeLoan(stackA, bob.address, [receiptA], LOAN_A, 1_200, 12), charlie),
    send(api.tx.filo.proposeLoan(stackB, mallory.address, [receiptB], LOAN_B, 1_500, 12), grace),
  ]);
  assert.equal(big((await stackView(stackA)).capacity.unwrap()), CAP_A);
  assert.equal(big((await stackView(stackB)).capacity.unwrap()), CAP_B);
  loanA = findEvent(proposed.events, 'filo', 'LoanProposed').data.loan.toNumber();
  loanB = findEvent(proposedB.events, 'filo', 'LoanProposed').data.loan.toNumber();

  const [a, b] = await Promise.all([send(api.tx.filo.acceptLoan(loanA), bob), send(api.tx.filo.acceptLoan(loanB), mallory)]);
  assert.equal(big(findEvent(a.events, 'filo', 'LoanAccepted').data.principal), LOAN_A);
  assert.equal(big(findEvent(b.events, 'filo', 'LoanAccepted').data.principal), LOAN_B);
  assert.equal(await usdai(bob), LOAN_A);
  assert.equal(await usdai(mallory), LOAN_B);
  const [va, vb] = [await loanView(loanA), await loanView(loanB)];
  assert.equal(va.loan.status.toString(), 'Active');
  assert.equal(va.schedule.length, 12);
  assert.equal(vb.loan.status.toString(), 'Active');
  startA = va.loan.start.toNumber();
  startB = vb.loan.start.toNumber();
  assert.equal(va.nextDue.unwrap().toNumber(), startA + params.periodBlocks.toNumber());
  assert.ok((await api.call.caliberApi.receipt(receiptB)).unwrap().receipt.status.isPledged);
  assert.equal(big((await stackView(stackA)).stack.outstanding), LOAN_A);

  const n = await nav();
  assert.equal(big(n.principal), LOAN_A + LOAN_B);
  assert.equal(big(n.idle), CENT, 'only the vault account\'s minimum balance is left');
  assert.equal(big((await api.call.qevApi.queueSummary()).liquidity), 0n, 'nothing to redeem from');
});

test('3. a sealed bid puts a later redemption first, it is filled first, and its fee stays with the holders', async () => {
  // Eve queues first, Ferdie after her; there is no cash to fill either.
  const requestedE = await send(api.tx.qev.requestRedemption(STAKE_EACH, 4_500n * USD), eve);
  eveTicket = findEvent(requestedE.events, 'qev', 'RedemptionRequested').data.ticket.toNumber();
  const requestedF = await send(api.tx.qev.requestRedemption(STAKE_EACH, 4_800n * USD), ferdie);
  ferdieTicket = findEvent(requestedF.events, 'qev', 'RedemptionRequested').data.ticket.toNumber();
  assert.equal(await susdai(ferdie), 0n, 'the shares are locked in the ticket');
  assert.equal((await ticketView(eveTicket)).position.unwrap().toNumber(), 1);
  assert.equal((await ticketView(ferdieTicket)).position.unwrap().toNumber(), 2);
  assert.equal(big((await ticketView(ferdieTicket)).expectedFillNow), 0n);

  // Ferdie seals his bid to the round the queue takes bids for, offline, with the chain's beacon
  // key and the round alone (tlock-js). Nobody can read it before the round's pulse; the local
  // beacon plays drand's part and submits the pulse, unsigned, once the round is due.
  const { round, ciphertext } = await sealBid(api, { ticket: ferdieTicket, owner: ferdie.address, bidBps: BID_BPS });
  const sealedTx = await send(api.tx.qev.commitBid(ferdieTicket, round, ciphertext), ferdie);
  assert.equal(findEvent(sealedTx.events, 'qev', 'BidSealed').data.round.toNumber(), round);
  const beacon = startLocalBeacon(api);
  let cleared;
  try {
    cleared = await nextEvent(api, 'qev', 'RoundCleared', { timeoutMs: 180_000, where: (e) => e.data.round.toNumber() === round });
  } finally {
    beacon.stop();
  }
  // A round of one bid clears at that bid: Ferdie's ticket moves ahead of Eve's.
  assert.equal(cleared.data.priceBps.toNumber(), BID_BPS);
  assert.equal(cleared.data.ranked.toNumber(), 1);
  assert.equal((await ticketView(ferdieTicket)).position.unwrap().toNumber(), 1);
  assert.equal((await ticketView(eveTicket)).position.unwrap().toNumber(), 2);
  const summary = await api.call.qevApi.queueSummary();
  assert.deepEqual(summary.levels.map(([l, t]) => [l.toNumber(), t.tickets.toNumber()]), [[BID_BPS, 1], [0, 1]]);

  // Liquidity arrives: Bob prepays principal (before his first due date, so all of it is
  // principal, no interest: the price moves only by the queue).
  assert.ok((await bestNumber()) < startA + params.periodBlocks.toNumber() - 5, 'the prepayment comes before the first due date');
  const prepaid = await send(api.tx.filo.repay(loanA, PREPAYMENT), bob);
  const repaid = findEvent(prepaid.events, 'filo', 'Repaid').data;
  assert.equal(big(repaid.principal), PREPAYMENT);
  assert.equal(big(repaid.interest), 0n);
  const x = await numberOf(prepaid.blockHash);
  const atX = await nav(await api.at(prepaid.blockHash));
  assert.equal(big(atX.redemptionNav), big(atX.totalShares), 'one sUSDai is worth one USDai before the fills');

  // The next block fills Ferdie in full, net of his 3% bid, then Eve with what is left.
  const allFills = findRecords(await eventsIn(x, x + 2), 'qev', 'Filled');
  const fills = allFills.filter(({ n }) => n === allFills[0].n);
  assert.equal(fills[0].n, x + 1, 'filled in the block after the cash arrived');
  assert.equal(fills.length, 2, 'two fills');
  // The block after, Eve also gets the vault's last cent: it was the vault account's minimum
  // balance, unpayable until the fills parked USDai for the tickets in the same account.
  const later = allFills.filter(({ n }) => n !== allFills[0].n).map(({ event }) => event.data);
  assert.ok(later.every((l) => l.ticket.toNumber() === eveTicket && big(l.paid) <= CENT && big(l.fee) === 0n));
  const cent = later.reduce((sum, l) => sum + big(l.paid), 0n);
  const [f, e] = fills.map(({ event }) => event.data);
  assert.equal(f.ticket.toNumber(), ferdieTicket, 'the bidder is served first');
  assert.equal(big(f.shares), STAKE_EACH);
  assert.equal(big(f.fee), STAKE_EACH * BigInt(BID_BPS) / 10_000n);
  assert.equal(big(f.paid), STAKE_EACH - big(f.fee));
  assert.equal(big(f.remaining), 0n);
  assert.equal(e.ticket.toNumber(), eveTicket);
  const rest = PREPAYMENT - big(f.paid);
  assert.equal(big(e.paid), rest, 'Eve gets the rest of the cash');
  assert.equal(big(e.shares), rest);
  assert.equal(big(e.fee), 0n);
  assert.equal(big(e.remaining), STAKE_EACH - rest);

  // The fee stayed in the vault for those who remain: it vests into their price like yield, so
  // that nobody who staked the block before the fill takes a part of it.
  const atFill = await api.at(fills[0].hash);
  const filled = await nav(atFill);
  const burnt = STAKE_EACH + rest;
  const feeKept = big(f.fee);
  assert.equal(big(filled.redemptionNav), big(atX.redemptionNav) - PREPAYMENT - feeKept, 'the fee vests');
  assert.equal(big(filled.totalShares), big(atX.totalShares) - burnt);
  assert.equal(big(filled.settledUnpaid), PREPAYMENT);
  const gain = findRecords(await eventsIn(fills[0].n, fills[0].n), 'usdai', 'GainVesting');
  assert.equal(gain.length, 1);
  assert.equal(big(gain[0].event.data.amount), feeKept);
  const vestedAt = gain[0].event.data.vestedAt.toNumber();
  const atVested = await api.at(await bestAt(vestedAt));
  const vested = await nav(atVested);
  assert.ok(big(vested.redemptionNav) * USD / big(vested.totalShares) > USD, 'once vested, the bid fee raised the sUSDai price');

  // Anyone may claim for the owner; Ferdie's ticket ends.
  const claimed = await send(api.tx.qev.claim(ferdieTicket), ferdie);
  const c = findEvent(claimed.events, 'qev', 'Claimed').data;
  assert.equal(big(c.amount), big(f.paid));
  assert.ok(c.closed.isTrue);
  assert.equal(await usdai(ferdie), big(f.paid));
  assert.equal(big((await ticketView(eveTicket)).ticket.claimable), rest + cent);
});

test('4. a CHIP lock and vote move capacity to the voted stack at the next epoch; the voter takes the bribe', async () => {
  const epochLength = api.consts.gauges.epochLength.toNumber();
  const epochOf = (n) => Math.floor(n / epochLength);
  // Before any vote is in force, the governance caps grant capacity.
  assert.equal(big((await stackView(stackA)).capacity.unwrap()), CAP_A);
  assert.equal(big((await stackView(stackB)).capacity.unwrap()), CAP_B);

  const reserved = (await api.query.system.account(dave.address)).data.reserved.toBigInt();
  const voted = await send(batch([
    // Above the quorum of voting power at which the gauges decide (100,000 CHIP of power).
    api.tx.gauges.lock(LOCK, api.consts.gauges.maxLockDuration.toNumber()),
    api.tx.gauges.vote([[stackA, 1_000_000_000]]),
  ]), dave);
  const from = findEvent(voted.events, 'gauges', 'Voted').data.from.toNumber();
  assert.equal((await api.query.system.account(dave.address)).data.reserved.toBigInt() - reserved, LOCK);
  const next = await api.call.gaugesApi.nextWeights();
  assert.deepEqual(next.gauges.map((g) => [g.stack.toNumber(), g.share.toNumber()]), [[stackA, 1_000_000_000]]);

  // The curator bribes the voters of its stack for an epoch the vote is in force (far enough
  // ahead that the bribe lands before it starts).
  const bribeEpoch = Math.max(from, epochOf((await bestNumber()) + 8) + 1);
  const charlieBefore = await usdai(charlie);
  const bribed = await send(api.tx.gauges.addBribe(stackA, bribeEpoch, USDAI, BRIBE), charlie);
  // The first USDai the gauges' account holds also pays its anchor (USDai's minimum balance,
  // booked to nobody, so that the account is never reaped under unclaimed pots).
  const anchored = findEvent(bribed.events, 'gauges', 'Anchored');
  const anchor = anchored ? anchored.data.amount.toBigInt() : 0n;
  assert.equal(charlieBefore - (await usdai(charlie)), BRIBE + anchor);

  // Epoch `from` is tallied in its first block: the gauges are live.
  const at = await api.at(await bestAt(from * epochLength));
  assert.ok((await at.query.gauges.lastTallied()).toNumber() >= from);
  const weights = await at.call.gaugesApi.currentWeights();
  assert.deepEqual(weights.gauges.map((g) => [g.stack.toNumber(), g.share.toNumber()]), [[stackA, 1_000_000_000]]);
  const capacityA = big((await stackView(stackA, at)).capacity.unwrap());
  const books = await nav(at);
  // The gauge has every vote, but no stack may lend more than the max share of the vault.
  const share = BigInt((await at.query.gauges.maxStackShare()).toNumber());
  const lendable = big(books.idle) + big(books.principal) - big(books.impaired);
  assert.ok(share < 1_000_000_000n, 'a stack cannot get the whole vault');
  assert.equal(capacityA, lendable * share / 1_000_000_000n, 'the max share of the lendable capital');
  assert.equal(big(weights.gauges[0].capacity), capacityA);
  assert.ok(capacityA < CAP_A, 'the gauge grants less than the cap allows');
  assert.ok((await stackView(stackB, at)).capacity.isNone, 'a stack nobody voted for may not lend');

  // Once the bribed epoch is tallied, its only voter takes the whole bribe.
  await bestAt(bribeEpoch * epochLength);
  const claimable = await api.call.gaugesApi.claimableBribes(dave.address, bribeEpoch, stackA);
  assert.deepEqual(claimable.map(([a, v]) => [a.toNumber(), big(v)]), [[USDAI, BRIBE]]);
  const daveBefore = await usdai(dave);
  const claimed = await send(api.tx.gauges.claimBribes(bribeEpoch, stackA), dave);
  assert.ok(findEvent(claimed.events, 'gauges', 'BribesClaimed'));
  assert.equal((await usdai(dave)) - daveBefore, BRIBE);
  assert.equal((await api.call.gaugesApi.claimableBribes(dave.address, bribeEpoch, stackA)).length, 0);
});

test('5. the first installment, paid after its due date, raises the sUSDai price as it vests', async () => {
  await bestAt(startA + params.periodBlocks.toNumber());
  const schedule = (await loanView(loanA)).schedule;
  // The first period's interest was fixed on the full principal when the loan was drawn.
  await payInstallment(big(schedule[0].interest));
});

test('6. bad input to every pallet fails by name and changes nothing', async () => {
  const dest = `0x${'ab'.repeat(20)}`;
  const before = {
    supply: big((await nav()).usdaiSupply),
    nextReceipt: (await api.query.caliber.nextReceiptId()).toNumber(),
    aliceShares: await susdai(alice),
    tickets: (await api.call.qevApi.queueSummary()).tickets.toNumber(),
    votes: JSON.stringify((await api.call.gaugesApi.locker(dave.address)).votes.toJSON()),
    charlie: await usdai(charlie),
    nonce: (await api.query.treasuryBridge.channels(DEV_CHANNEL)).unwrap().nextNonce.toBigInt(),
    bobUsdai: await usdai(bob),
  };
  const epoch = Math.floor((await bestNumber()) / api.consts.gauges.epochLength.toNumber());
  await Promise.all([
    assert.rejects(send(api.tx.usdai.deposit(7, 1_000_000n, 0), eve), /usdai\.UnsupportedAsset/),
    assert.rejects(send(api.tx.caliber.issueReceipt(bob.address, receiptInfo('c3', USD)), bob), /caliber\.UnknownCustodian/),
    assert.rejects(send(api.tx.qev.requestRedemption(USD / 2n, 0), alice), /qev\.BelowMinimum/),
    assert.rejects(send(api.tx.gauges.vote([[999, 1_000_000_000]]), dave), /gauges\.UnknownStack/),
    assert.rejects(send(api.tx.gauges.addBribe(stackA, epoch, USDAI, USD), charlie), /gauges\.EpochNotFuture/),
  ]);
  // Loan B's first installment is overdue, but its grace period has not run out.
  const [deposit] = await nextDeposits(api, [[bob, 1_000n * USD6, true]]);
  await Promise.all([
    assert.rejects(send(api.tx.filo.declareDefault(loanB), eve), /filo\.NotLate/),
    (async () => {
      await assert.rejects(send(api.tx.treasuryBridge.requestWithdrawal(USDC, 20n * USD6, dest), bob), /treasuryBridge\.InsufficientBalance/);
      // A stranger's attestation never reaches a block: the pool refuses it.
      await assert.rejects(send(api.tx.treasuryBridge.attestDeposit(deposit), bob), /Invalid Transaction/);
    })(),
  ]);

  assert.equal(big((await nav()).usdaiSupply), before.supply);
  assert.equal((await api.query.caliber.nextReceiptId()).toNumber(), before.nextReceipt);
  assert.equal(await susdai(alice), before.aliceShares);
  assert.equal((await api.call.qevApi.queueSummary()).tickets.toNumber(), before.tickets);
  assert.equal(JSON.stringify((await api.call.gaugesApi.locker(dave.address)).votes.toJSON()), before.votes);
  assert.equal(await usdai(charlie), before.charlie);
  assert.equal((await loanView(loanB)).loan.status.toString(), 'Active');
  assert.equal((await api.query.treasuryBridge.channels(DEV_CHANNEL)).unwrap().nextNonce.toBigInt(), before.nonce);
  assert.equal(await usdai(bob), before.bobUsdai);
});

test('7. the unpaid loan is declared in default after its grace period and written down at once', async () => {
  const grace = params.graceBlocks.toNumber();
  await bestAt(startB + params.periodBlocks.toNumber() + grace);
  const before = await nav();
  priceBeforeDefault = await price();
  const declared = await send(api.tx.filo.declareDefault(loanB), eve);
  const d = findEvent(declared.events, 'filo', 'Defaulted').data;
  assert.equal(big(d.impaired), LOAN_B);
  const at = await api.at(declared.blockHash);
  cureDeadline = d.cureDeadline.toNumber();
  assert.equal(cureDeadline, (await numberOf(declared.blockHash)) + params.cureBlocks.toNumber());

  const after = await nav(at);
  assert.equal(big(after.impaired), LOAN_B);
  assert.equal(big(after.redemptionNav), big(before.redemptionNav) - LOAN_B, 'no redemption at the old price');
  assert.ok((await price(at)) < priceBeforeDefault);
  const status = (await loanView(loanB, at)).loan.status;
  assert.ok(status.isDefaulted);
  assert.equal(status.asDefaulted.cureDeadline.toNumber(), cureDeadline);
  assert.equal((await stackView(stackB, at)).stack.inDefault.toNumber(), 1);
});

test('8. the second installment, paid during the other loan\'s cure window, raises the price again', async () => {
  await payInstallment();
  assert.ok((await bestNumber()) <= cureDeadline, 'still within the cure window');
  assert.ok((await loanView(loanB)).loan.status.isDefaulted, 'nobody cured');
});

test('9. the receipt is auctioned and the waterfall pays: fee, vault principal, then first-loss, insurance, sUSDai', async () => {
  const startedAt = cureDeadline + 1;
  const started = findRecords(await eventsIn(startedAt, startedAt + 1), 'filo', 'AuctionStarted');
  assert.equal(started.length, 1);
  const reserve = big(started[0].event.data.reserve);
  // Half of the receipt's value (100,000, depreciated by the second).
  assert.ok(reserve <= WINNING_BID && reserve > 49_990n * USD, `reserve ${reserve}`);
  assert.equal((await loanView(loanB)).loan.status.toString(), 'Auction');

  const [aliceBefore, bobBefore] = [await usdai(alice), await usdai(bob)];
  const [low, won] = await Promise.allSettled([
    send(api.tx.filo.bid(loanB, reserve - 1n), bob),
    send(api.tx.filo.bid(loanB, WINNING_BID), alice),
  ]);
  assert.equal(low.status, 'rejected');
  assert.match(low.reason.message, /filo\.BidTooLow/);
  assert.equal(await usdai(bob), bobBefore);
  assert.equal(won.status, 'fulfilled', won.reason?.message);
  const end = findEvent(won.value.events, 'filo', 'BidPlaced').data.end.toNumber();
  assert.equal(aliceBefore - (await usdai(alice)), WINNING_BID, 'the bid is held in escrow');

  // The hook settles the auction in the block after its end.
  const settledIn = findRecords(await eventsIn(end + 1, end + 2), 'filo', 'AuctionSettled');
  assert.equal(settledIn.length, 1);
  const { hash, event } = settledIn[0];
  const s = event.data;
  const header = await api.rpc.chain.getHeader(hash);
  const [pre, post] = [await api.at(header.parentHash), await api.at(hash)];
  const [navPre, navPost] = [await nav(pre), await nav(post)];

  // The vault's principal comes first; the 2% fee is paid only from what is left after the
  // vault, so on a shortfall there is none.
  const fee = 0n;
  const loss = LOAN_B - WINNING_BID;
  const insurancePaid = big(navPre.insuranceFund) < loss - FIRST_LOSS_B ? big(navPre.insuranceFund) : loss - FIRST_LOSS_B;
  assert.equal(s.winner.unwrap().toString(), alice.address);
  assert.equal(big(s.proceeds), WINNING_BID);
  assert.equal(big(s.fee), fee);
  assert.equal(big(s.principalRecovered), WINNING_BID, 'every USDai of the price goes to the vault');
  assert.equal(big(s.interestRecovered), 0n);
  assert.equal(big(s.surplus), 0n);
  assert.equal(big(s.firstLossPaid), FIRST_LOSS_B, 'the stack\'s first-loss is wiped out first');
  assert.ok(insurancePaid > 0n, 'the insurance fund has something to pay');
  assert.equal(big(s.insurancePaid), insurancePaid, 'then the insurance fund');
  assert.equal(big(s.vaultLoss), loss - FIRST_LOSS_B - insurancePaid, 'then sUSDai');
  assert.ok(big(s.vaultLoss) > 0n);

  // The same in balances and books.
  assert.equal((await usdai(treasuryAccount(), post)) - (await usdai(treasuryAccount(), pre)), fee);
  assert.equal(await usdai(stackAccount(stackB), pre), FIRST_LOSS_B);
  assert.equal(await usdai(stackAccount(stackB), post), 0n);
  assert.equal(await usdai(stackAccount(stackA), post), FIRST_LOSS_A, 'stacks are isolated');
  const b = (await stackView(stackB, post)).stack;
  assert.deepEqual([big(b.firstLoss), big(b.outstanding), b.liveLoans.toNumber(), b.inDefault.toNumber()], [0n, 0n, 0, 0]);
  assert.equal(big((await stackView(stackA, post)).stack.firstLoss), FIRST_LOSS_A);
  assert.equal(await usdai(mallory, post), LOAN_B, 'no surplus for the borrower, who never paid');
  assert.equal(big(navPre.principal) - big(navPost.principal), LOAN_B);
  assert.equal(big(navPre.impaired), LOAN_B);
  assert.equal(big(navPost.impaired), 0n);
  assert.equal(big(navPre.insuranceFund) - big(navPost.insuranceFund), insurancePaid);
  assert.equal(big(await post.query.usdai.uncoveredLoss()), big(s.vaultLoss), 'sUSDai bears what is left');
  const blockEvents = findRecords(await eventsIn(header.number.toNumber(), header.number.toNumber()), 'usdai', 'LossRealised');
  assert.equal(big(blockEvents[0].event.data.amount), loss - FIRST_LOSS_B);
  assert.equal((await api.query.nfts.item(collection, receiptB)).unwrap().owner.toString(), alice.address, 'the winner holds the receipt');
  assert.equal((await loanView(loanB, post)).loan.status.toString(), 'Liquidated');
  assert.ok((await price(post)) < priceBeforeDefault, 'the loss reached the sUSDai price');
});

test('10. a validator sees the same end state as the full node', async () => {
  const hash = await api.rpc.chain.getFinalizedHead();
  const n = await numberOf(hash);
  const validator = await net.api('alice');
  await chain.reaches(() => chain.finalizedNumber(validator), n, 60_000, 'alice finalizing');
  assert.equal((await validator.rpc.chain.getBlockHash(n)).toHex(), hash.toHex());
  const state = async (a) => {
    const at = await a.at(hash);
    return {
      alice: await usdai(alice, at),
      mallory: await usdai(mallory, at),
      ferdie: await usdai(ferdie, at),
      nav: (await at.call.usdaiApi.nav()).toJSON(),
      loanB: (await loanView(loanB, at)).loan.status.toString(),
    };
  };
  const [full, val] = [await state(api), await state(validator)];
  assert.deepEqual(val, full);
  assert.equal(val.mallory, LOAN_B);
  assert.equal(val.loanB, 'Liquidated');
});

/** The raw storage under `pallet`'s `item` at block `hash`: sorted `[key, value]` hex pairs. */
async function rawItem(pallet, item, hash) {
  const prefix = u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128)));
  const pairs = [];
  for (let start = null; ;) {
    const keys = await api.rpc.state.getKeysPaged(prefix, 500, start, hash);
    if (keys.length === 0) break;
    const values = await api.rpc.state.queryStorageAt(keys, hash);
    keys.forEach((k, i) => pairs.push([k.toHex(), values[i].toHex()]));
    if (keys.length < 500) break;
    start = keys[keys.length - 1];
  }
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A pallet's on-chain storage version at block `hash`. */
async function storageVersion(pallet, hash) {
  const key = u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(':__STORAGE_VERSION__:', 128)));
  const raw = await api.rpc.state.getStorage(key, hash);
  return raw.isSome ? api.createType('u16', raw.unwrap()).toNumber() : 0;
}

/** FiLo's on-chain storage version at block `hash`. */
const filoStorageVersion = (hash) => storageVersion('Filo', hash);

/** What a holder, borrower or curator owns: every balance, loan, stack, ticket and receipt. */
const HOLDINGS = [
  ['System', 'Account'], ['Assets', 'Account'], ['Assets', 'Asset'],
  ['Filo', 'Loans'], ['Filo', 'Stacks'], ['Qev', 'Tickets'],
  ['Caliber', 'Receipts'], ['Nfts', 'Item'], ['Nfts', 'Account'],
];

test('11. a runtime upgrade by referendum installs the next release; blocks go on and nothing anyone holds moves', async () => {
  const code = readRuntime(nextRuntimePath());
  const version = await api.rpc.state.getRuntimeVersion();
  const curatorsBefore = (await api.query.filo.curators.keys()).map((k) => k.args[0].toString()).sort();
  assert.ok(curatorsBefore.includes(charlie.address) && curatorsBefore.includes(grace.address));
  assert.equal(await filoStorageVersion(await api.rpc.chain.getFinalizedHead()), 0);

  // The old runtime's hooks must not move what is compared while the code changes: the code goes
  // in when no cure window or auction ends in the next blocks.
  const quiet = async () => {
    for (;;) {
      const now = await bestNumber();
      const soon = (await api.query.filo.deadlines()).some(([at]) => at.toNumber() <= now + 6);
      if (!soon) return;
      await bestAt(now + 3);
    }
  };
  const { applied } = await upgradeByReferendum(api, code, { beforeApply: quiet });

  // Block `u` took the code; the next block runs the new runtime, its migration first.
  const u = await numberOf(applied.blockHash);
  const parent = (await api.rpc.chain.getHeader(applied.blockHash)).parentHash;
  await chain.finalizedAt(api, u + 1);
  const migrated = await api.rpc.chain.getBlockHash(u + 1);
  const after = await api.rpc.state.getRuntimeVersion(migrated);
  assert.equal(after.specVersion.toNumber(), version.specVersion.toNumber() + 1, 'one spec_version up');
  assert.equal(after.specName.toString(), version.specName.toString());
  assert.equal(await filoStorageVersion(parent), 0);
  assert.equal(await filoStorageVersion(migrated), 1, 'FiLo migrated to storage version 1');
  // The beacon and the queue go to version 1 too; this chain's genesis set its beacon (the
  // development key), which the migration leaves alone (it sets quicknet only where none is),
  // and it had no commit-reveal storage to clear.
  for (const pallet of ['Beacon', 'Qev']) {
    assert.equal(await storageVersion(pallet, parent), 0, `${pallet} before`);
    assert.equal(await storageVersion(pallet, migrated), 1, `${pallet} migrated to storage version 1`);
  }
  const beaconBefore = await rawItem('Beacon', 'Beacon', parent);
  assert.equal(beaconBefore.length, 1, 'the chain follows a beacon');
  assert.deepEqual(await rawItem('Beacon', 'Beacon', migrated), beaconBefore);

  // Nothing anyone holds moved across the upgrade.
  for (const [pallet, item] of HOLDINGS) {
    assert.deepEqual(await rawItem(pallet, item, migrated), await rawItem(pallet, item, parent), `${pallet}.${item}`);
  }
  // Every curator moved into the counted registry, and the old map is empty.
  const at = await api.at(migrated);
  const registry = (await at.query.filo.curatorRegistry.keys()).map((k) => k.args[0].toString()).sort();
  assert.deepEqual(registry, curatorsBefore);
  assert.equal((await at.query.filo.counterForCuratorRegistry()).toNumber(), curatorsBefore.length);
  assert.deepEqual(await rawItem('Filo', 'Curators', migrated), []);

  // Blocks go on being produced and finalized on every node.
  const validator = await net.api('alice');
  await chain.reaches(() => chain.finalizedNumber(validator), u + 6, chain.blockBudget(12), 'alice finalizing past the upgrade');
  assert.equal((await validator.rpc.state.getRuntimeVersion()).specVersion.toNumber(), after.specVersion.toNumber());

  // Transactions signed for the new runtime go through, and the registry it reads is the
  // migrated one: Bob repays on loan A; Mallory, no curator, cannot open a stack.
  const repaid = await send(api.tx.filo.repay(loanA, 10n * USD), bob);
  assert.ok(findEvent(repaid.events, 'filo', 'Repaid'));
  await assert.rejects(send(api.tx.filo.openStack(FIRST_LOSS_B, terms), mallory), /filo\.NotCurator/);
});
