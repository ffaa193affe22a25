#!/usr/bin/env node
// Writes test-vectors.json: EIP-712 digests (and signatures by anvil's first dev key) of one
// message of each type the gateway verifies, computed with viem. The forge test
// test/TestVectors.t.sol checks that the gateway computes the same digests and that forge's
// signer gives the same signatures; `--check` compares them with `cast wallet sign --data`
// (alloy's EIP-712, what the relayer uses). The chain side and the relayer assert the same
// digests from this file.
//
//   node scripts/test-vectors.mjs            # (re)write test-vectors.json
//   node scripts/test-vectors.mjs --check    # also compare every signature with cast's
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashTypedData, hashDomain, hashStruct, keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const account = privateKeyToAccount(PRIVATE_KEY);

const domain = {
  name: 'USDai Gateway',
  version: '1',
  chainId: 31337,
  verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
};
const domainTypes = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

const types = {
  Withdrawal: [
    { name: 'nonce', type: 'uint64' },
    { name: 'who', type: 'bytes32' },
    { name: 'asset', type: 'uint32' },
    { name: 'amount', type: 'uint128' },
    { name: 'destination', type: 'address' },
  ],
  ToSleeve: [
    { name: 'nonce', type: 'uint64' },
    { name: 'asset', type: 'uint32' },
    { name: 'amount', type: 'uint128' },
  ],
  Recall: [
    { name: 'nonce', type: 'uint64' },
    { name: 'asset', type: 'uint32' },
    { name: 'amount', type: 'uint128' },
  ],
  RelayerSet: [
    { name: 'epoch', type: 'uint32' },
    { name: 'signers', type: 'address[]' },
    { name: 'threshold', type: 'uint32' },
  ],
};

// One message of each type. `who` is //Alice's AccountId32; amounts are base units (6 decimals);
// the Recall uses u128::MAX to exercise the top bits.
const messages = {
  withdrawal: {
    primaryType: 'Withdrawal',
    message: {
      nonce: 7n,
      who: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
      asset: 1,
      amount: 1234567890n,
      destination: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    },
  },
  toSleeve: {
    primaryType: 'ToSleeve',
    message: { nonce: 8n, asset: 2, amount: 5000000000n },
  },
  recall: {
    primaryType: 'Recall',
    message: { nonce: 18446744073709551615n, asset: 1, amount: 340282366920938463463374607431768211455n },
  },
  relayerSet: {
    primaryType: 'RelayerSet',
    message: {
      epoch: 2,
      signers: [
        '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
      ],
      threshold: 2,
    },
  },
};

const typeString = (name) => `${name}(${types[name].map((f) => `${f.type} ${f.name}`).join(',')})`;
const jsonValue = (v) => (typeof v === 'bigint' ? v.toString() : v);

const out = {
  description:
    'EIP-712 vectors of the USDai gateway (contracts/src/UsdaiGateway.sol). digest = keccak256(0x1901 ‖ domainSeparator ‖ structHash); '
    + 'signature = r ‖ s ‖ v (v = 27/28, RFC 6979) by signer.privateKey over digest. uint64/uint128 values are decimal strings. '
    + 'Regenerate with `node scripts/test-vectors.mjs`; checked by test/TestVectors.t.sol.',
  domain: { ...domain, typeHash: keccak256(toHex(`EIP712Domain(${domainTypes.map((f) => `${f.type} ${f.name}`).join(',')})`)) },
  domainSeparator: hashDomain({ domain, types: { EIP712Domain: domainTypes } }),
  signer: { privateKey: PRIVATE_KEY, address: account.address },
  messages: {},
};

for (const [key, { primaryType, message }] of Object.entries(messages)) {
  const typed = { domain, types, primaryType, message };
  const digest = hashTypedData(typed);
  const signature = await account.signTypedData(typed);
  out.messages[key] = {
    type: typeString(primaryType),
    typeHash: keccak256(toHex(typeString(primaryType))),
    fields: Object.fromEntries(Object.entries(message).map(([k, v]) => [k, jsonValue(v)])),
    structHash: hashStruct({ data: message, primaryType, types }),
    digest,
    signature,
  };
}

writeFileSync(join(root, 'test-vectors.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${join(root, 'test-vectors.json')}`);

if (process.argv.includes('--check')) {
  const cast = join(root, 'node_modules/@foundry-rs/cast-linux-amd64/bin/cast');
  const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
  try {
    for (const [key, { primaryType, message }] of Object.entries(messages)) {
      const file = join(dir, `${key}.json`);
      const typedJson = {
        types: { EIP712Domain: domainTypes, ...Object.fromEntries([[primaryType, types[primaryType]]]) },
        primaryType,
        domain,
        message: Object.fromEntries(Object.entries(message).map(([k, v]) => [k, jsonValue(v)])),
      };
      writeFileSync(file, JSON.stringify(typedJson));
      const viaCast = execFileSync(cast, ['wallet', 'sign', '--private-key', PRIVATE_KEY, '--data', '--from-file', file])
        .toString().trim();
      const viaHash = execFileSync(cast, ['wallet', 'sign', '--private-key', PRIVATE_KEY, '--no-hash', out.messages[key].digest])
        .toString().trim();
      const ours = out.messages[key].signature;
      const ok = viaCast.toLowerCase() === ours.toLowerCase() && viaHash.toLowerCase() === ours.toLowerCase();
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: cast typed-data signature ${ok ? '=' : '≠'} viem signature of digest ${out.messages[key].digest}`);
      if (!ok) {
        console.log(`  viem ${ours}\n  cast ${viaCast}\n  cast --no-hash ${viaHash}`);
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
