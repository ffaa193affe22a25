// CALIBER receipts as the tests issue them (`caliber.issueReceipt`): the dev custodian (Dave)
// issues, the dev appraisers (Eve, Ferdie) value them.

/**
 * The info of a receipt for eight H100s in the dev data centre (`us-tx-dal-01`), appraised at
 * `appraisal`, insured under `policyId` for `coverage` (default: the appraisal) until a year from
 * now. `overrides` replaces any top-level field.
 */
export function receiptInfo({
  serialsHash, bailmentHash, policyId, appraisal, coverage = appraisal, ...overrides
}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    model: 'H100Sxm',
    count: 8,
    serialsHash,
    dataCentre: 'us-tx-dal-01',
    bailmentHash,
    insurance: { policyId, coverage, expiry: now + 365 * 86_400 },
    appraisal,
    ...overrides,
  };
}

/** The receipt info of GPU batch number `i` (serials hash `i + 1`), appraised and insured for `value`. */
export function gpuReceipt(i, value) {
  return receiptInfo({
    serialsHash: '0x' + (i + 1).toString(16).padStart(64, '0'),
    bailmentHash: '0x' + '44'.repeat(32),
    policyId: `TP-${i}`,
    appraisal: value,
  });
}
