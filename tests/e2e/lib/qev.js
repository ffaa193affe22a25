// The QEV (queue-extractable value) redemption queue as the tests read it, and the dev-chain
// setup its sealed-bid tests share: a vault whose cash is out on a loan, so redemptions wait.
import { Keyring } from '@polkadot/keyring';
import { sendAndFinalize, sleep } from './node.js';
import { findEvent } from './events.js';
import { govern } from './govern.js';
import { bridgeIn } from './bridge.js';
import { gpuReceipt } from './caliber.js';
import { stackTerms } from './filo.js';
import { USD, USD6 } from './units.js';

/** `qevApi.ticket(id)`, unwrapped: the ticket, its position in the queue and its expected fill. */
export async function ticketView(at, id) {
  return (await at.call.qevApi.ticket(id)).unwrap();
}

/**
 * Makes redemptions wait on a `dev`/`dev-fast` chain: each of `holders` (key pairs) bridges in
 * and stakes 1,000 USDai, then all the vault's cash goes out on a loan to Bob (from Charlie's
 * stack, against Dave's GPU receipt valued by the dev appraisers Eve and Ferdie; Alice, sudo,
 * raises the stack's cap). A ticket requested afterwards waits in the queue, and can take
 * sealed bids, until Bob repays. Resolves with `{ loanId, stack }`.
 */
export async function lendOutTheVault(api, holders) {
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) =>
    keyring.addFromUri(`//${n}`),
  );
  await bridgeIn(api, [...holders.map((who) => [who, 1_000n * USD6, true]), [charlie, 10_000n * USD6, true]]);
  for (const who of holders) {
    await sendAndFinalize(api, api.tx.usdai.stake(1_000n * USD, 1), who);
  }
  const opened = await sendAndFinalize(api, api.tx.filo.openStack(5_000n * USD, stackTerms()), charlie);
  const stack = findEvent(opened.events, 'filo', 'StackOpened').data.stack.toNumber();
  await govern(api, api.tx.filo.setStackCap(stack, 1_000_000n * USD), alice, { finalized: true });
  const issued = await sendAndFinalize(api, api.tx.caliber.issueReceipt(bob.address, gpuReceipt(0, 10_000n * USD)), dave);
  const receipt = findEvent(issued.events, 'caliber', 'ReceiptIssued').data.receipt.toNumber();
  await sendAndFinalize(api, api.tx.caliber.postValuation(receipt, 10_000n * USD), eve);
  await sendAndFinalize(api, api.tx.caliber.postValuation(receipt, 10_000n * USD), ferdie);
  const liquidity = (await api.call.qevApi.queueSummary()).liquidity.toBigInt();
  const proposed = await sendAndFinalize(
    api,
    api.tx.filo.proposeLoan(stack, bob.address, [receipt], liquidity, 1_500, 12),
    charlie,
  );
  const loanId = findEvent(proposed.events, 'filo', 'LoanProposed').data.loan.toNumber();
  await sendAndFinalize(api, api.tx.filo.acceptLoan(loanId), bob);
  const left = (await api.call.qevApi.queueSummary()).liquidity.toBigInt();
  if (left !== 0n) throw new Error(`the vault still has ${left} to redeem from after the loan`);
  return { loanId, stack };
}

/**
 * The round the queue takes sealed bids for (`qevApi.sealedRound()`, unwrapped:
 * `{ round, bidsUntil }`) with at least `seconds` of bidding left by the chain's clock: if the
 * open one closes sooner, waits for the next, so that bids sent now land in one round.
 */
export async function roundOpenFor(api, seconds) {
  let open = (await api.call.qevApi.sealedRound()).unwrap();
  const now = Math.floor((await api.query.timestamp.now()).toNumber() / 1000);
  if (open.bidsUntil.toNumber() - now < seconds) {
    while ((await api.call.qevApi.sealedRound()).unwrap().round.eq(open.round)) await sleep(1_000);
    open = (await api.call.qevApi.sealedRound()).unwrap();
  }
  return open;
}
