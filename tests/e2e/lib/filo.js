// FiLo stack terms the tests open stacks with: within the dev genesis limits (LTV up to 70%,
// APR 10–20%, a 5% curator fee, ACT/365).

/** Stack terms with `amortization` (default level payment) and room for `maxLoans` loans. */
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
