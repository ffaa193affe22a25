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

/**
 * The receipt info of a GPU receipt (`caliber.issueReceipt`): eight H100s numbered by `i`,
 * appraised and insured for `value`, the policy running a year from now.
 */
export function gpuReceipt(i, value) {
  const now = Math.floor(Date.now() / 1000);
  return {
    model: 'H100Sxm',
    count: 8,
    serialsHash: '0x' + (i + 1).toString(16).padStart(64, '0'),
    dataCentre: 'us-tx-dal-01',
    bailmentHash: '0x' + '44'.repeat(32),
    insurance: { policyId: `TP-${i}`, coverage: value, expiry: now + 365 * 86_400 },
    appraisal: value,
  };
}
