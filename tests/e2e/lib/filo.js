// FiLo as the tests use it: the stack terms they open stacks with, stack accounts, and the
// runtime API's views of stacks and loans.
import { stringToU8a } from '@polkadot/util';
import { palletAccount } from './chain.js';

/**
 * Stack terms with `amortization` (default level payment) and room for `maxLoans` loans: within
 * the dev genesis limits (LTV up to 70%, APR 10–20%, a 5% curator fee, ACT/365).
 */
export function stackTerms({ amortization = 'LevelPayment', maxLoans = 10 } = {}) {
  return {
    maxLtvBps: 7_000,
    minAprBps: 1_000,
    maxAprBps: 2_000,
    curatorFeeBps: 500,
    maxLoans,
    dayCount: 'Act365',
    amortization,
  };
}

/** `filoApi.loan(id)`, unwrapped: the loan, its schedule, what is due and the payoff. */
export async function loanView(at, id) {
  return (await at.call.filoApi.loan(id)).unwrap();
}

/** `filoApi.stack(id)`, unwrapped: the stack and its capacity. */
export async function stackView(at, id) {
  return (await at.call.filoApi.stack(id)).unwrap();
}

/** The account holding stack `stack`'s first-loss capital: FiLo's (`usdai/fl`) sub-account `stack` ++ id. */
export function stackAccount(api, stack) {
  return palletAccount('usdai/fl', stringToU8a('stack'), api.createType('u32', stack).toU8a());
}
