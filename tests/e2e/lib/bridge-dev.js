// Sets up the treasury bridge of a running dev chain against a local EVM chain, the way an
// operator would: anvil, the contracts deployed with the relayers' EVM keys as the gateway's
// first signer set, governance (sudo through the guard) pointing the chain at the gateway, and
// three real usdai-relayer processes. Used by `bridge-dev.js` (scripts/run-dev.sh --bridge) and
// by the bridge-evm/ tests.
//
// The relayers are the dev stash accounts of Alice, Bob and Charlie (funded in the dev genesis),
// two of three attest; their EVM keys are anvil's dev accounts 1, 2 and 3. Each registers its
// EVM key on the chain on its first pass, and with the third the chain's signer set (epoch 1)
// is the one the gateway was deployed with.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring, decodeAddress } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { dispatchErrorName, send, sleep } from './node.js';
import { sudo } from './govern.js';
import { ANVIL_ADDRESSES, ANVIL_KEYS, anvilBinary, deployContracts, startAnvil } from './evm.js';
import { checkRelayerBinary, startRelayers } from './relayers.js';

/** The channel the gateway's deposits arrive on (open in the dev genesis). */
export const BRIDGE_CHANNEL = 1;

/** Relayer attestations (and gateway signatures) that count: two of the three. */
export const RELAYER_THRESHOLD = 2;

/** The dev relayers: chain key (funded dev stash account), EVM key (anvil accounts 1–3). */
export const DEV_BRIDGE_RELAYERS = [
  { name: 'alice-stash', chainKey: '//Alice//stash', evmKey: ANVIL_KEYS[1], evmAddress: ANVIL_ADDRESSES[1] },
  { name: 'bob-stash', chainKey: '//Bob//stash', evmKey: ANVIL_KEYS[2], evmAddress: ANVIL_ADDRESSES[2] },
  { name: 'charlie-stash', chainKey: '//Charlie//stash', evmKey: ANVIL_KEYS[3], evmAddress: ANVIL_ADDRESSES[3] },
];

/**
 * How far NAV reports may move the sleeve: 1 % (the runtime's most, `MaxNavChangeBps`) per hour
 * of wall-clock time, instead of per day, so that a test or a developer can book yield more than
 * once a day.
 */
export const DEV_NAV_LIMIT = { period: 3_600, maxChangeBps: 100 };

/** An sr25519 keypair of the dev keyring (`//Alice`, `//Alice//stash`, …). */
export function devKey(uri) {
  return new Keyring({ type: 'sr25519' }).addFromUri(uri);
}

// Sending, and dispatching as root (`sudo` routes the protocol pallets' governance calls through
// the guard: lib/govern.js), as the bridge tests and `bridge-dev.js` have always imported them.
export { dispatchErrorName, send, sudo };

/** The 32-byte AccountId (hex) of an address or keypair: the gateway's `recipient` / `who`. */
export function accountHex(who) {
  return u8aToHex(decodeAddress(who.address ?? who));
}

/** The signer set `epoch` on the chain as `{ signers (lower-case), threshold }`, or null. */
export async function chainSignerSet(api, epoch) {
  const set = await api.query.treasuryBridge.signerSets(epoch);
  if (set.isNone) return null;
  const { signers, threshold } = set.unwrap();
  return { signers: signers.map((s) => s.toHex().toLowerCase()), threshold: threshold.toNumber() };
}

/** The signer epoch the gateway must be deployed with for `keys` at `threshold` on this chain. */
async function deploymentEpoch(api, addresses, threshold) {
  const current = (await api.query.treasuryBridge.signerEpoch()).toNumber();
  if (current === 0) return 1;
  const set = await chainSignerSet(api, current);
  const wanted = addresses.map((a) => a.toLowerCase()).sort();
  if (set && set.threshold === threshold && JSON.stringify(set.signers) === JSON.stringify(wanted)) return current;
  throw new Error(
    `the chain's signer set ${current} is not the dev relayers' keys at threshold ${threshold}: `
      + 'start from a fresh dev chain (scripts/run-dev.sh keeps no state unless given --base-path)',
  );
}

/**
 * Sets the bridge up on the chain of `api` (reached by the relayers at `wsUrl`), with files and
 * logs under `dir`:
 *
 * 1. anvil on `evmPort` (default: a free port), a block every `blockTime` seconds;
 * 2. the contracts, deployed by contracts/scripts/deploy.mjs with the relayers' EVM keys as the
 *    gateway's signer set (threshold 2) at the chain's next signer epoch, test USDC and USDT
 *    minted to `mintTo` (`mintAmount` whole tokens each) and the funds earning `fundRate` per
 *    second (default: the deploy script's ≈ 5 %/year; 0: only `addYield`);
 * 3. one sudo batch of `guard.submit`s (lib/govern.js; applied at once on a dev chain, executed
 *    once due where the guard has a delay): `set_relayers([//Alice//stash, //Bob//stash,
 *    //Charlie//stash], 2)`, `set_gateway({ channel: 1, chainId, address })` and
 *    `set_nav_limit(navLimit)`;
 * 4. the three relayers (`relayerSettings` over relayers.js's `TEST_SETTINGS`, `metricsPorts`),
 *    then waits until their keys made the chain's signer set the gateway's.
 *
 * Resolves with `{ anvil, evm, deployment, gateway, assets, relayers, epoch, dir, stop() }`.
 * `stop()` stops the relayers and anvil (not the chain).
 */
export async function setupBridge({
  api, wsUrl, dir, evmPort, blockTime = 1, mintTo = [ANVIL_ADDRESSES[0]], mintAmount = 1_000_000, fundRate,
  navLimit = DEV_NAV_LIMIT, relayerSettings = {}, metricsPorts, log = () => {},
}) {
  // Fail before anything starts when a piece is missing.
  checkRelayerBinary();
  anvilBinary();
  const channel = await api.query.treasuryBridge.channels(BRIDGE_CHANNEL);
  if (channel.isNone) throw new Error(`channel ${BRIDGE_CHANNEL} is not open on the chain`);
  const nextNonce = channel.unwrap().nextNonce.toBigInt();
  if (nextNonce !== 0n) {
    throw new Error(
      `channel ${BRIDGE_CHANNEL} has taken ${nextNonce} deposits already, but a new gateway numbers its deposits from 0: `
        + 'start from a fresh dev chain',
    );
  }
  const keys = DEV_BRIDGE_RELAYERS;
  const epoch = await deploymentEpoch(api, keys.map((k) => k.evmAddress), RELAYER_THRESHOLD);

  log(`starting anvil (a block every ${blockTime} s)`);
  const anvil = await startAnvil({ port: evmPort, blockTime, dir });
  const stops = [anvil.stop];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const { evm } = anvil;
    log('deploying the contracts (contracts/scripts/deploy.mjs)');
    // Every transaction in its own block at once: the deployment takes seconds, not a block each.
    await evm.automine(true);
    const deployment = await deployContracts({
      rpcUrl: anvil.url,
      signers: keys.map((k) => k.evmAddress),
      threshold: RELAYER_THRESHOLD,
      epoch,
      mint: mintTo,
      mintAmount,
      rate: fundRate,
      out: join(dir, 'deployment.json'),
    });
    await evm.automine(false);
    await evm.resumeMining(blockTime);

    log('pointing the chain at the gateway (sudo, through the guard: set_relayers, set_gateway, set_nav_limit)');
    const stashes = keys.map((k) => devKey(k.chainKey).address);
    await sudo(api, api.tx.utility.batchAll([
      api.tx.treasuryBridge.setRelayers(stashes, RELAYER_THRESHOLD),
      api.tx.treasuryBridge.setGateway({ channel: BRIDGE_CHANNEL, chainId: anvil.chainId, address: deployment.gateway }),
      api.tx.treasuryBridge.setNavLimit(navLimit),
    ]));

    log('starting three relayers');
    const relayers = await startRelayers({
      chainUrl: wsUrl,
      evmUrl: anvil.url,
      deploymentFile: deployment.file,
      channel: BRIDGE_CHANNEL,
      keys,
      dir,
      settings: relayerSettings,
      metricsPorts,
    });
    stops.push(() => relayers.stop());
    relayers.relayers.forEach((r, i) => { r.account = stashes[i]; });

    log(`waiting for the relayers to register their EVM keys (signer set ${epoch})`);
    const gatewaySigners = (await evm.gateway(deployment.gateway, 'signers')).map((s) => s.toLowerCase());
    const deadline = Date.now() + 120_000;
    for (;;) {
      const current = (await api.query.treasuryBridge.signerEpoch()).toNumber();
      const set = current >= epoch ? await chainSignerSet(api, epoch) : null;
      if (set) {
        if (JSON.stringify(set.signers) !== JSON.stringify(gatewaySigners) || set.threshold !== RELAYER_THRESHOLD) {
          throw new Error(`the chain's signer set ${epoch} ${JSON.stringify(set)} is not the gateway's ${gatewaySigners}`);
        }
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`the relayers did not register their EVM keys within 120 s:\n${relayers.tails()}`);
      }
      await sleep(1_000);
    }

    return {
      api,
      wsUrl,
      dir,
      anvil,
      evm,
      deployment,
      gateway: deployment.gateway,
      assets: deployment.assets,
      relayers: relayers.relayers,
      relayerSet: relayers,
      epoch,
      mintTo,
      mintAmount,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Writes `dir/bridge.env`: shell variables for cast (`source` it). Returns its path. */
export function writeEnvFile(bridge) {
  const file = join(bridge.dir, 'bridge.env');
  const lines = [
    '# The dev bridge (tests/e2e/bridge-dev.js). `source` this file, then use scripts/contracts.sh cast.',
    `export EVM_RPC=${bridge.anvil.url}`,
    `export GATEWAY=${bridge.gateway}`,
    `export USDC=${bridge.assets['1'].token}`,
    `export USDT=${bridge.assets['2'].token}`,
    `export USDC_FUND=${bridge.assets['1'].vault}`,
    `export USDT_FUND=${bridge.assets['2'].vault}`,
    `export EVM_ADDRESS=${ANVIL_ADDRESSES[0]}`,
    `export EVM_KEY=${ANVIL_KEYS[0]}`,
    `export ALICE=${accountHex(devKey('//Alice'))}`,
    `export CHAIN_WS=${bridge.wsUrl}`,
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** What a newcomer needs to use the bridge set up by `setupBridge`, as text. */
export function describeBridge(bridge, envFile) {
  const alice = accountHex(devKey('//Alice'));
  const relayerLines = bridge.relayers.map((r) => `  ${r.name.padEnd(14)} ${r.account}  EVM key ${r.evmAddress}\n`
    + `  ${''.padEnd(14)} ${r.metricsUrl}/metrics  ${r.metricsUrl}/health  log ${r.logFile}`);
  return `
USD.AI bridge (dev)
  chain            ${bridge.wsUrl}, channel ${BRIDGE_CHANNEL}, relayers 2 of 3, signer set ${bridge.epoch}
  EVM (anvil)      ${bridge.anvil.url}, chain id ${bridge.anvil.chainId}, a block every ${bridge.anvil.blockTime} s
  gateway          ${bridge.gateway}
  USDC (asset 1)   ${bridge.assets['1'].token}   T-bill fund ${bridge.assets['1'].vault}
  USDT (asset 2)   ${bridge.assets['2'].token}   T-bill fund ${bridge.assets['2'].vault}
  test tokens      ${bridge.mintAmount} USDC and USDT minted to ${bridge.mintTo.join(', ')}
                   (anvil account 0: key ${ANVIL_KEYS[0]})
  relayers
${relayerLines.join('\n')}
  files            ${bridge.dir} (deployment.json, bridge.env, anvil.log, relayer-*.toml, relayer-*.log)

Deposit 250 USDC on the gateway for Alice, straight into USDai (from the repository root):

  source ${envFile}
  scripts/contracts.sh cast send $USDC "approve(address,uint256)" $GATEWAY 250000000 --rpc-url $EVM_RPC --private-key $EVM_KEY
  scripts/contracts.sh cast send $GATEWAY "deposit(address,uint128,bytes32,bool)" $USDC 250000000 $ALICE true --rpc-url $EVM_RPC --private-key $EVM_KEY

$ALICE is Alice's 32-byte account id (${alice}).
A few blocks later Polkadot.js apps shows treasuryBridge.DepositCredited and usdai.Deposited,
and assets.account(100, ALICE) holds 250 USDai. With \`false\` instead of \`true\` Alice
receives 250 bridged USDC (asset 1) instead.

Withdraw 100 of those USDC: as Alice, treasuryBridge.requestWithdrawal(1, 100000000,
${ANVIL_ADDRESSES[0]}). The relayers sign it, one of them pays it on the gateway:

  scripts/contracts.sh cast call $USDC "balanceOf(address)(uint256)" $EVM_ADDRESS --rpc-url $EVM_RPC

Relayer logs: tail -f ${bridge.dir}/relayer-*.log. Ctrl-C stops the relayers and anvil.
`;
}
