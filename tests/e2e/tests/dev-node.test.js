// A dev chain started from the built binary produces and finalizes blocks, describes its
// token to wallets, has the four genesis assets, and accepts a transaction signed by
// @polkadot/api (the same client Polkadot.js apps uses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { startNode, waitForFinalized, sendAndFinalize } from '../lib/node.js';
import { findEvent } from '../lib/events.js';
import { CHIP, USD, USD6, USDC, USDT, USDAI, SUSDAI } from '../lib/units.js';

let node;

before(async () => {
  node = await startNode(['--dev']);
});

after(async () => {
  if (node) await node.stop();
});

test('dev node produces and finalizes blocks', async () => {
  const finalized = await waitForFinalized(node.api, 3);
  assert.ok(finalized >= 3);
  const best = (await node.api.rpc.chain.getHeader()).number.toNumber();
  assert.ok(best >= finalized, `best ${best} >= finalized ${finalized}`);
});

test('chain reports CHIP with 18 decimals and ss58 format 42', async () => {
  const props = JSON.parse(JSON.stringify(await node.api.rpc.system.properties()));
  assert.deepEqual(props.tokenSymbol, ['CHIP']);
  assert.deepEqual(props.tokenDecimals, [18]);
  assert.equal(props.ss58Format, 42);
  // What wallets derive from them: amounts formatted as CHIP with 18 decimals.
  assert.deepEqual([...node.api.registry.chainTokens].map(String), ['CHIP']);
  assert.deepEqual([...node.api.registry.chainDecimals].map(Number), [18]);
  assert.equal(node.api.registry.chainSS58, 42);
  assert.equal((await node.api.rpc.system.chain()).toString(), 'USD.AI Development');
  assert.equal(node.api.runtimeVersion.specName.toString(), 'usdai');
});

test('the four genesis assets exist with the right metadata', async () => {
  const expected = [
    [USDC, 'USD Coin (bridged)', 'USDC', 6],
    [USDT, 'Tether USD (bridged)', 'USDT', 6],
    [USDAI, 'USDai', 'USDai', 18],
    [SUSDAI, 'Staked USDai', 'sUSDai', 18],
  ];
  for (const [id, name, symbol, decimals] of expected) {
    const asset = await node.api.query.assets.asset(id);
    assert.ok(asset.isSome, `asset ${id} exists`);
    const details = asset.unwrap();
    assert.equal(details.supply.toBigInt(), 0n, `${symbol} starts with no supply`);
    assert.equal(details.isSufficient.isTrue, true, `${symbol} is sufficient`);
    const meta = await node.api.query.assets.metadata(id);
    assert.equal(meta.name.toUtf8(), name);
    assert.equal(meta.symbol.toUtf8(), symbol);
    assert.equal(meta.decimals.toNumber(), decimals);
  }
  // Nothing else was created at genesis.
  const all = await node.api.query.assets.asset.entries();
  assert.deepEqual(all.map(([k]) => k.args[0].toNumber()).sort((a, b) => a - b), [USDC, USDT, USDAI, SUSDAI]);
});

test('a CHIP transfer signed with @polkadot/api is finalized', async () => {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const amount = CHIP;
  const before = (await node.api.query.system.account(bob.address)).data.free.toBigInt();
  const { events } = await sendAndFinalize(
    node.api,
    node.api.tx.balances.transferKeepAlive(bob.address, amount),
    alice,
  );
  assert.ok(findEvent(events, 'system', 'ExtrinsicSuccess'));
  const after = (await node.api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(after - before, amount);
});

test('a signed account cannot mint USDai', async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  await assert.rejects(
    sendAndFinalize(node.api, node.api.tx.assets.mint(USDAI, alice.address, 1_000n * USD), alice),
    /assets\.NoPermission/,
  );
  const supply = (await node.api.query.assets.asset(USDAI)).unwrap().supply.toBigInt();
  assert.equal(supply, 0n);
});

test('the vault answers through api.call.usdaiApi and refuses bad input by name', async () => {
  const prices = await node.api.call.usdaiApi.sharePrices();
  assert.equal(prices.deposit.toBigInt(), USD);
  assert.equal(prices.redemption.toBigInt(), USD);
  const nav = await node.api.call.usdaiApi.nav();
  assert.equal(nav.totalShares.toBigInt(), 0n);
  const preview = await node.api.call.usdaiApi.previewDeposit(USDC, 5n * USD6 / 2n);
  assert.equal(preview.unwrap().toBigInt(), 5n * USD / 2n);

  const keyring = new Keyring({ type: 'sr25519' });
  const bob = keyring.addFromUri('//Bob');
  await assert.rejects(
    sendAndFinalize(node.api, node.api.tx.usdai.deposit(7, 1_000_000n, 0), bob),
    /usdai\.UnsupportedAsset/,
  );
  await assert.rejects(
    sendAndFinalize(node.api, node.api.tx.usdai.deposit(USDC, USD6, 0), bob),
    /usdai\.InsufficientBalance/,
  );
});
