#!/usr/bin/env node
// Sealed QEV bids from the command line, and the local beacon of development chains.
//
//   node sealed-bid.js bid    --ticket 3 --bid-bps 250 [--suri //Bob] [--ws ws://127.0.0.1:9944]
//   node sealed-bid.js seal   --ticket 3 --bid-bps 250 --owner <address> [--ws ...]
//   node sealed-bid.js beacon [--secret <hex>] [--ws ...]
//   node sealed-bid.js beacon --http [PORT] [--secret <hex>] [--ws ...]
//
// `seal` prints the round and the ciphertext for `qev.commitBid(ticket, round, ciphertext)`
// (to paste into Polkadot.js apps, or to sign elsewhere); `bid` seals and submits it with the
// account of `--suri`; `beacon` plays drand's part on a development chain: it signs the rounds
// the chain waits for with the development key (public, never for value) and submits them.
// Encryption needs only the chain's beacon key and the round, both read from the node.
//
// `beacon --http PORT` submits nothing: it serves drand's HTTP API on 127.0.0.1:PORT (a free
// port without one) for the beacon of `--secret` on the chain's schedule, and prints the
// `--drand-url` and `--chain-hash` to run usdai-beacon-feeder with, which then feeds the chain
// as it feeds a production chain from drand's relays (see serveDrandHttp in lib/timelock.js).

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { chainBeacon, publicKeyOf, sealBid, serveDrandHttp, startLocalBeacon, DEV_BEACON } from './lib/timelock.js';

function options(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1]?.startsWith('--') ? true : argv[++i];
  }
  return out;
}

const [command, ...rest] = process.argv.slice(2);
const opts = options(rest);
const usage = 'usage: sealed-bid.js bid|seal|beacon [--ws URL] (see the header of this file)';
if (!['bid', 'seal', 'beacon'].includes(command)) {
  console.error(usage);
  process.exit(2);
}

const api = await ApiPromise.create({ provider: new WsProvider(opts.ws ?? 'ws://127.0.0.1:9944'), noInitWarn: true });

if (command === 'beacon' && 'http' in opts) {
  const secretKey = opts.secret ?? DEV_BEACON.secretKey;
  const port = opts.http === undefined || opts.http === true ? 0 : Number(opts.http);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error('--http takes a TCP port');
    process.exit(2);
  }
  // drand's schedule is the chain's: the feeder refuses a drand whose key or schedule differ.
  const beacon = await chainBeacon(api);
  await api.disconnect();
  if (publicKeyOf(secretKey) !== beacon.publicKey) {
    console.warn('warning: --secret is not the key of the chain\'s beacon: usdai-beacon-feeder will refuse this drand');
  }
  const drand = await serveDrandHttp({ secretKey, beacon, port });
  console.log(`drand HTTP API at ${drand.url}, chain hash ${drand.chainHash} (Ctrl-C to stop); feed the chain with:`);
  console.log(`  usdai-beacon-feeder --chain-url ${opts.ws ?? 'ws://127.0.0.1:9944'} --drand-url ${drand.url} --chain-hash ${drand.chainHash}`);
} else if (command === 'beacon') {
  const secretKey = opts.secret ?? DEV_BEACON.secretKey;
  console.log('local beacon: feeding the rounds the chain waits for (Ctrl-C to stop)');
  startLocalBeacon(api, { secretKey, log: (m) => console.log(m) });
} else {
  const ticket = Number(opts.ticket);
  const bidBps = Number(opts['bid-bps']);
  if (!Number.isInteger(ticket) || !Number.isInteger(bidBps)) {
    console.error('--ticket and --bid-bps are whole numbers');
    process.exit(2);
  }
  const signer = command === 'bid' ? new Keyring({ type: 'sr25519' }).addFromUri(opts.suri ?? '//Alice') : null;
  const owner = signer ? signer.address : opts.owner;
  if (!owner) {
    console.error('seal needs --owner');
    process.exit(2);
  }
  const { round, ciphertext, bidsUntil } = await sealBid(api, { ticket, owner, bidBps });
  if (command === 'seal') {
    console.log(JSON.stringify({ ticket, round, ciphertext, bidsUntil }, null, 2));
  } else {
    await new Promise((ok, fail) => {
      api.tx.qev.commitBid(ticket, round, ciphertext).signAndSend(signer, ({ status, dispatchError }) => {
        if (dispatchError) {
          const d = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : null;
          fail(new Error(d ? `${d.section}.${d.name}: ${d.docs.join(' ')}` : dispatchError.toString()));
        } else if (status.isInBlock) {
          console.log(`bid sealed to round ${round} in block ${status.asInBlock.toHex()}; bids close at ${new Date(bidsUntil * 1000).toISOString()}`);
          ok();
        }
      }).catch(fail);
    });
  }
  await api.disconnect();
}
