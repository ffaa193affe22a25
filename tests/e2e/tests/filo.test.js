// FiLo on a dev node through @polkadot/api: the dev curator (Charlie) opens a stack, lends to
// Bob against a CALIBER receipt issued by Dave and valued by Eve and Ferdie, and Bob pays the
// loan off. Bad input surfaces by name and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { govern } from '../lib/govern.js';
import { bridgeIn } from '../lib/bridge.js';
import { receiptInfo } from '../lib/caliber.js';
import { stackTerms, loanView, stackView } from '../lib/filo.js';
import { USD, USD6, USDAI } from '../lib/units.js';

let node, api;
let alice, bob, charlie, dave, eve, ferdie;
let stackId, loanId, receiptId, collection;

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) =>
    keyring.addFromUri(`//${n}`),
  );
  collection = (await api.call.caliberApi.collection()).unwrap().toNumber();

  // Dollars arrive through the treasury bridge: the dev relayers credit USDC straight into USDai.
  await bridgeIn(api, [
    [alice, 2_000_000n * USD6, true],
    [bob, 100_000n * USD6, true],
    [charlie, 100_000n * USD6, true],
  ]);
  await sendAndFinalize(api, api.tx.usdai.stake(2_000_000n * USD, 1), alice);
});

after(async () => {
  if (node) await node.stop();
});

const terms = stackTerms({ amortization: { StraightLine: { annualRateBps: 3_500 } } });

test('a curator opens a stack and governance caps it', async () => {
  const { events } = await sendAndFinalize(api, api.tx.filo.openStack(50_000n * USD, terms), charlie);
  stackId = findEvent(events, 'filo', 'StackOpened').data.stack.toNumber();

  // A governance call is refused to a signed account, and to root too unless it comes through
  // the guard.
  const cap = () => api.tx.filo.setStackCap(stackId, 5_000_000n * USD);
  await assert.rejects(sendAndFinalize(api, cap(), charlie), /BadOrigin/);
  const direct = await sendAndFinalize(api, api.tx.sudo.sudo(cap()), alice);
  const refused = findEvent(direct.events, 'sudo', 'Sudid').data.sudoResult;
  assert.ok(refused.isErr && refused.asErr.isBadOrigin, 'root without the guard is refused');
  assert.ok((await stackView(api, stackId)).capacity.isNone);

  // sudo.sudo(guard.submit(..)): the dev chain's guard has no delay, so even this risk-raising
  // change applies at once and nothing is left pending.
  const capped = await govern(api, cap(), alice, { finalized: true });
  assert.equal(findEvent(capped.events, 'filo', 'StackCapSet').data.stack.toNumber(), stackId);
  assert.equal((await api.call.guardApi.delay()).toNumber(), 0);
  assert.equal((await api.call.guardApi.pendingChanges()).length, 0);
  const view = await stackView(api, stackId);
  assert.equal(view.stack.firstLoss.toBigInt(), 50_000n * USD);
  assert.equal(view.capacity.unwrap().toBigInt(), 5_000_000n * USD);
});

test('the documents loan is quoted, proposed and accepted against a receipt', async () => {
  const quote = (await api.call.filoApi.quoteSchedule(416_500n * USD, 1_500, 36, 'Act365', {
    StraightLine: { annualRateBps: 3_500 },
  })).unwrap();
  assert.equal(quote[0].interest.toBigInt(), 5_134_931_506_849_315_068_494n);
  assert.equal(quote[0].principal.toBigInt(), 12_147_916_666_666_666_666_666n);

  const info = receiptInfo({
    serialsHash: '0x' + '33'.repeat(32),
    bailmentHash: '0x' + '44'.repeat(32),
    policyId: 'POL-7',
    coverage: 700_000n * USD,
    appraisal: 600_000n * USD,
  });
  const issued = await sendAndFinalize(api, api.tx.caliber.issueReceipt(bob.address, info), dave);
  receiptId = findEvent(issued.events, 'caliber', 'ReceiptIssued').data.receipt.toNumber();
  await Promise.all([
    sendAndFinalize(api, api.tx.caliber.postValuation(receiptId, 600_000n * USD), eve),
    sendAndFinalize(api, api.tx.caliber.postValuation(receiptId, 600_000n * USD), ferdie),
  ]);

  // An APR outside the stack's range is refused by name.
  await assert.rejects(
    sendAndFinalize(api, api.tx.filo.proposeLoan(stackId, bob.address, [receiptId], USD, 2_500, 36), charlie),
    /filo\.AprOutOfRange/,
  );
  // More than 70% of the receipt's value is refused at acceptance, and nothing moves.
  const tooMuch = await sendAndFinalize(
    api,
    api.tx.filo.proposeLoan(stackId, bob.address, [receiptId], 420_001n * USD, 1_500, 36),
    charlie,
  );
  const tooMuchId = findEvent(tooMuch.events, 'filo', 'LoanProposed').data.loan.toNumber();
  const bobBefore = (await api.query.assets.account(USDAI, bob.address)).unwrap().balance.toBigInt();
  await assert.rejects(sendAndFinalize(api, api.tx.filo.acceptLoan(tooMuchId), bob), /filo\.LtvExceeded/);
  assert.equal((await api.query.assets.account(USDAI, bob.address)).unwrap().balance.toBigInt(), bobBefore);

  const proposed = await sendAndFinalize(
    api,
    api.tx.filo.proposeLoan(stackId, bob.address, [receiptId], 416_500n * USD, 1_500, 36),
    charlie,
  );
  loanId = findEvent(proposed.events, 'filo', 'LoanProposed').data.loan.toNumber();
  const accepted = await sendAndFinalize(api, api.tx.filo.acceptLoan(loanId), bob);
  assert.ok(findEvent(accepted.events, 'filo', 'LoanAccepted'));
  const bobAfter = (await api.query.assets.account(USDAI, bob.address)).unwrap().balance.toBigInt();
  assert.equal(bobAfter - bobBefore, 416_500n * USD);

  const view = await loanView(api, loanId);
  assert.equal(view.loan.status.toString(), 'Active');
  assert.equal(view.schedule.length, 36);
  // The pledged receipt cannot move.
  await assert.rejects(
    sendAndFinalize(api, api.tx.nfts.transfer(collection, receiptId, alice.address), bob),
    /nfts\.ItemLocked/,
  );
});

test('the borrower pays the loan off and the receipt is free again', async () => {
  const payoff = (await loanView(api, loanId)).payoff.toBigInt();
  assert.ok(payoff > 416_500n * USD);
  const { events } = await sendAndFinalize(api, api.tx.filo.repay(loanId, payoff + 1_000n * USD), bob);
  assert.ok(findEvent(events, 'filo', 'LoanClosed'));
  const view = await loanView(api, loanId);
  assert.equal(view.loan.status.toString(), 'Repaid');
  assert.equal((await api.call.caliberApi.receipt(receiptId)).unwrap().receipt.status.toString(), 'Free');
  const nav = await api.call.usdaiApi.nav();
  assert.equal(nav.principal.toBigInt(), 0n);
});
