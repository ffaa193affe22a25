// CALIBER receipts on a dev node, through @polkadot/api as Polkadot.js apps uses it: the dev
// custodian (Dave) issues a receipt, the dev appraisers (Eve, Ferdie) value it, the holder sees
// it as an NFT, moves it, cannot burn it, and reclaims the GPUs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, sendAndFinalize } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { receiptInfo } from '../lib/caliber.js';
import { USD } from '../lib/units.js';

let node;
let api;
let dave, eve, ferdie, bob, charlie;
let receiptId;
let collection;

const batch = (overrides = {}) => receiptInfo({
  serialsHash: '0x' + '11'.repeat(32),
  bailmentHash: '0x' + '22'.repeat(32),
  policyId: 'POL-2026-0001',
  coverage: 700_000n * USD,
  appraisal: 595_000n * USD,
  ...overrides,
});

before(async () => {
  node = await startNode(['--dev']);
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  [dave, eve, ferdie, bob, charlie] = ['//Dave', '//Eve', '//Ferdie', '//Bob', '//Charlie'].map((u) =>
    keyring.addFromUri(u),
  );
  collection = (await api.call.caliberApi.collection()).unwrap().toNumber();
});

after(async () => {
  if (node) await node.stop();
});

test('the dev custodian issues a receipt that the holder sees as an NFT', async () => {
  const custodian = await api.call.caliberApi.custodian(dave.address);
  assert.ok(custodian.isSome, 'Dave is a registered custodian');
  assert.equal(custodian.unwrap().info.name.toUtf8(), "Dave's GPU Warehouse LLC");

  const { events } = await sendAndFinalize(api, api.tx.caliber.issueReceipt(bob.address, batch()), dave);
  const issued = findEvent(events, 'caliber', 'ReceiptIssued');
  assert.ok(issued, 'ReceiptIssued');
  receiptId = issued.data.receipt.toNumber();
  assert.equal(issued.data.holder.toString(), bob.address);

  const item = await api.query.nfts.item(collection, receiptId);
  assert.equal(item.unwrap().owner.toString(), bob.address);
  const model = await api.query.nfts.attribute(collection, receiptId, 'Pallet', 'model');
  assert.equal(model.unwrap()[0].toUtf8(), 'H100-SXM');

  const view = (await api.call.caliberApi.receipt(receiptId)).unwrap();
  assert.equal(view.holder.toString(), bob.address);
  // The appraisal depreciates by the second (H100: 20% a year) from the block it was issued in.
  const value = view.currentValue.toBigInt();
  assert.ok(value <= 595_000n * USD && value > 594_990n * USD, `value ${value}`);
  assert.equal(view.ineligibility.unwrap().toString(), 'ValuationUnconfirmed');
});

test('two appraisers confirm a value and the receipt becomes eligible', async () => {
  await Promise.all([
    sendAndFinalize(api, api.tx.caliber.postValuation(receiptId, 600_000n * USD), eve),
    sendAndFinalize(api, api.tx.caliber.postValuation(receiptId, 590_000n * USD), ferdie),
  ]);
  const view = (await api.call.caliberApi.receipt(receiptId)).unwrap();
  assert.ok(view.receipt.appraisal.confirmed.isTrue);
  // The lower median of {590k, 600k}, depreciated by the seconds since.
  const value = view.currentValue.toBigInt();
  assert.ok(value <= 590_000n * USD && value > 589_000n * USD, `value ${value}`);
  assert.equal(view.collateralValue.toBigInt(), value);
  assert.ok(view.ineligibility.isNone, 'eligible');
});

test('bad input fails by name and changes nothing', async () => {
  const next = (await api.query.caliber.nextReceiptId()).toNumber();
  await assert.rejects(
    sendAndFinalize(api, api.tx.caliber.issueReceipt(bob.address, batch({ dataCentre: 'nowhere' })), dave),
    /caliber\.UnknownDataCentre/,
  );
  await assert.rejects(
    sendAndFinalize(api, api.tx.caliber.issueReceipt(bob.address, batch()), bob),
    /caliber\.UnknownCustodian/,
  );
  await assert.rejects(
    sendAndFinalize(api, api.tx.caliber.postValuation(receiptId, 1n), bob),
    /caliber\.NotAppraiser/,
  );
  assert.equal((await api.query.caliber.nextReceiptId()).toNumber(), next);
  // Holders cannot burn a receipt through pallet-nfts: the document of title stays.
  await assert.rejects(
    sendAndFinalize(api, api.tx.nfts.burn(collection, receiptId), bob),
    /system\.CallFiltered/,
  );
  assert.ok((await api.query.nfts.item(collection, receiptId)).isSome);
});

test('the holder transfers the receipt, the new holder reclaims the GPUs, the NFT burns', async () => {
  await sendAndFinalize(api, api.tx.nfts.transfer(collection, receiptId, charlie.address), bob);
  await sendAndFinalize(api, api.tx.caliber.requestRelease(receiptId), charlie);
  // While the release is pending the receipt cannot move.
  await assert.rejects(
    sendAndFinalize(api, api.tx.nfts.transfer(collection, receiptId, bob.address), charlie),
    /nfts\.ItemLocked/,
  );
  const { events } = await sendAndFinalize(api, api.tx.caliber.confirmRelease(receiptId), dave);
  const released = findEvent(events, 'caliber', 'ReceiptReleased');
  assert.equal(released.data.holder.toString(), charlie.address);
  assert.equal(released.data.bailmentHash.toHex(), '0x' + '22'.repeat(32));
  assert.ok((await api.query.nfts.item(collection, receiptId)).isNone);
  assert.ok((await api.call.caliberApi.receipt(receiptId)).isNone);
});
