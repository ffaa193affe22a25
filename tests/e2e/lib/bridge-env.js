// The environment of the bridge-evm/ tests: a dev node of the fast runtime (`dev-fast`, 3-second
// blocks), anvil with the contracts, the chain pointed at the gateway, three relayers (2 of 3),
// and a watch over the chain's events, with the helpers the tests share: users, EVM deposits,
// waiting for their credit, the attestations behind it, and how long it took.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { startNode } from './node.js';
import { assetBalance } from './chain.js';
import { ANVIL_KEYS, anvilBinary, tailOf } from './evm.js';
import { checkRelayerBinary } from './relayers.js';
import { accountHex, send, setupBridge, BRIDGE_CHANNEL, devKey } from './bridge-dev.js';
import { watchChain } from './watch.js';
import { CHIP, USDC } from './units.js';

export class BridgeEnv {
  constructor({ node, bridge, watch, dir }) {
    Object.assign(this, { node, bridge, watch, dir });
    this.api = node.api;
    this.evm = bridge.evm;
    this.gateway = bridge.gateway;
    this.relayers = bridge.relayers;
    this.keyring = new Keyring({ type: 'sr25519' });
    this.alice = devKey('//Alice');
  }

  /** The EVM token of chain asset `asset`. */
  token(asset = USDC) {
    return this.bridge.assets[String(asset)].token;
  }

  /** The T-bill fund (the sleeve vault) of chain asset `asset`. */
  fund(asset = USDC) {
    return this.bridge.assets[String(asset)].vault;
  }

  /** A fresh chain account for a test (`//BridgeE2E//name`). */
  user(name) {
    return this.keyring.addFromUri(`//BridgeE2E//${name}`);
  }

  /** Gives `who` some CHIP from Alice so that it can sign. */
  async fundChip(who, amount = 10n * CHIP) {
    await send(this.api, this.api.tx.balances.transferKeepAlive(who.address, amount), this.alice);
  }

  /** `who`'s balance of chain asset `id`. */
  balance(id, who) {
    return assetBalance(this.api, id, who);
  }

  /** The bridge channel's `{ nextNonce (bigint), frozen }`. */
  async channel() {
    const c = (await this.api.query.treasuryBridge.channels(BRIDGE_CHANNEL)).unwrap();
    return { nextNonce: c.nextNonce.toBigInt(), frozen: c.frozen.isTrue };
  }

  /** The relayer (of `this.relayers`) whose chain account is `address`. */
  relayerOf(address) {
    return this.relayers.find((r) => r.account === address.toString());
  }

  /**
   * A deposit on the gateway from anvil account `key` (default 0) of `amount` of `asset` for
   * chain account `recipient`, mined. Resolves with the `Deposited` log's fields plus `hash`,
   * `evmBlock` and `evmTimestamp` (seconds).
   */
  async deposit({ key = ANVIL_KEYS[0], asset = USDC, amount, recipient, intoUsdai }) {
    const { hash, log } = await this.evm.deposit(key, {
      gateway: this.gateway, token: this.token(asset), amount, recipient: accountHex(recipient), intoUsdai,
    });
    const block = await this.evm.block(log.blockNumber);
    return { ...log, hash, evmBlock: log.blockNumber, evmTimestamp: block.timestamp };
  }

  /** Resolves with the `DepositCredited` record of `nonce` (searching from position `from`). */
  waitCredited(nonce, { from = 0, timeoutMs = 90_000 } = {}) {
    return this.watch.waitFor('treasuryBridge', 'DepositCredited',
      (d) => d.channel.toNumber() === BRIDGE_CHANNEL && d.nonce.toBigInt() === BigInt(nonce),
      { from, timeoutMs, what: `the credit of deposit ${nonce}` });
  }

  /**
   * The attestations of deposit `nonce` recorded from `from`: `{ relayer, votes, record, deposit }`
   * where `deposit` is what the relayer's `attest_deposit` extrinsic carried:
   * `{ nonce, sourceTx, asset, amount, recipient, intoUsdai, recall }`.
   */
  async attestations(nonce, from = 0) {
    const records = this.watch.all('treasuryBridge', 'DepositAttested',
      (d) => d.channel.toNumber() === BRIDGE_CHANNEL && d.nonce.toBigInt() === BigInt(nonce), from);
    const out = [];
    for (const record of records) {
      const xt = await this.watch.extrinsicOf(record);
      const [deposit] = xt.method.args;
      const credit = deposit.action.isCredit ? deposit.action.asCredit : null;
      out.push({
        relayer: record.event.data.relayer.toString(),
        votes: record.event.data.votes.toNumber(),
        record,
        deposit: {
          nonce: deposit.nonce.toBigInt(),
          sourceTx: deposit.sourceTx.toHex(),
          asset: deposit.asset.toNumber(),
          amount: deposit.amount.toBigInt(),
          recipient: credit?.recipient.toString(),
          intoUsdai: credit ? credit.intoUsdai.isTrue : undefined,
          recall: deposit.action.isSleeveReturn ? deposit.action.asSleeveReturn.recall.toBigInt() : undefined,
        },
      });
    }
    return out;
  }

  /**
   * How long the chain took to credit a deposit: from the EVM block holding it (`dep`, from
   * `deposit`) to the chain block of `credited` (a record), in seconds of block time, EVM
   * blocks and chain blocks (from `chainFrom`, the chain's head when the deposit was made).
   */
  async latency(dep, credited, chainFrom) {
    const evmHead = await this.evm.head();
    return {
      seconds: credited.timestamp / 1000 - Number(dep.evmTimestamp),
      evmBlocks: Number(evmHead - dep.evmBlock),
      chainBlocks: credited.n - chainFrom,
    };
  }

  /**
   * Runs `fn`; if it throws, prints the tail of every relayer's log (and anvil's and the node's)
   * before passing the error on.
   */
  async guard(fn) {
    try {
      return await fn();
    } catch (e) {
      process.stderr.write(`\n===== logs after a failure (${this.dir}) =====\n${this.bridge.relayerSet.tails(60)}\n`
        + `----- anvil (${this.bridge.anvil.logFile}) -----\n${tailOf(this.bridge.anvil.logFile, 20)}\n`
        + `----- node (${this.node.logFile}) -----\n${tailOf(this.node.logFile, 30)}\n`);
      throw e;
    }
  }

  /**
   * Stops the chain's node (its blocks stop; the watch stops with its connection), runs
   * `whileDown()`, and starts the node again on the same base path and ports, so that the
   * relayers find it at the same URL. Afterwards `this.api` is the new connection and
   * `this.watch` a new watch from the restarted node's next block (what the old one recorded
   * is gone: read earlier blocks through `this.api`). Resolves with `whileDown`'s result.
   */
  async restartNode(whileDown = async () => {}) {
    this.watch.stop();
    let result;
    await this.node.restart({ whileDown: async () => { result = await whileDown(); } });
    this.api = this.node.api;
    this.watch = await watchChain(this.api);
    return result;
  }

  async stop() {
    this.watch.stop();
    await this.bridge.stop();
    await this.node.stop();
  }
}

/**
 * Starts a `dev-fast` node and the bridge around it (lib/bridge-dev.js's `setupBridge`, with the
 * funds earning only by `addYield`), relayers acting `confirmations` EVM blocks deep.
 * `nodeOptions` go to lib/node.js's `startNode` (`rpcPort`, `p2pPort`, `dir`).
 */
export async function startBridgeEnv({ label, confirmations = 2, relayerSettings = {}, nodeOptions = {} }) {
  checkRelayerBinary();
  anvilBinary();
  const node = await startNode(['--dev', '--chain', 'dev-fast'], nodeOptions);
  const dir = mkdtempSync(join(tmpdir(), `usdai-bridge-${label}-`));
  try {
    const bridge = await setupBridge({
      api: node.api,
      wsUrl: node.wsUrl,
      dir,
      fundRate: 0,
      relayerSettings: { confirmations, ...relayerSettings },
      log: (line) => process.stderr.write(`[bridge ${label}] ${line}\n`),
    });
    const watch = await watchChain(node.api);
    return new BridgeEnv({ node, bridge, watch, dir });
  } catch (e) {
    process.stderr.write(`[bridge ${label}] setup failed; node log tail:\n${tailOf(node.logFile, 30)}\n`);
    await node.stop();
    throw e;
  }
}
