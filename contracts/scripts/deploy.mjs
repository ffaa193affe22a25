#!/usr/bin/env node
// Deploys the EVM side of the USD.AI bridge for a test network: TestStablecoin USDC (asset 1) and
// USDT (asset 2), a TBillFund over each (made a minter of its token), and the UsdaiGateway with
// both assets registered with their funds. Optionally mints test tokens and sets withdrawal rate
// limits. Writes { chainId, gateway, assets: { "1": { token, vault }, "2": {…} }, deployBlock }.
//
// Reads the compiled artifacts from out/ (run `forge build` or `scripts/contracts.sh build` first).
// Run `node scripts/deploy.mjs --help` for the options.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPublicClient, createWalletClient, defineChain, getAddress, http, isAddress, parseUnits } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_RATE = '1585489599'; // ≈ 5 % a year (1e18 = 100 % a second)

const HELP = `Usage: node scripts/deploy.mjs [options]

Deploys TestStablecoin USDC (asset 1) and USDT (asset 2), a TBillFund for each and the
UsdaiGateway, registers both assets with their funds, and writes a deployment JSON.
Every option may also come from the environment variable in brackets.

Required:
  --rpc-url URL            JSON-RPC endpoint                                  [RPC_URL]
  --private-key KEY        deployer key (0x…, 32 bytes)                       [DEPLOYER_KEY]
  --signers A,B,…          initial signer addresses (sorted here)             [SIGNERS]
  --threshold N            signatures needed, 1 ≤ N ≤ number of signers       [THRESHOLD]

Options:
  --epoch E                signer epoch of the initial set: the chain's
                           SignerEpoch of that set (default 1)                [SIGNER_EPOCH]
  --owner ADDR             owner of every contract (default: the deployer)    [OWNER]
  --owner-key KEY          the owner's key, to accept ownership at once when
                           the owner is not the deployer (Ownable2Step)       [OWNER_KEY]
  --guardian ADDR          pause guardian (default: the owner)                [GUARDIAN]
  --rate R                 fund yield per second, 1e18 = 100 %/s
                           (default ${DEFAULT_RATE} ≈ 5 %/year)                [FUND_RATE]
  --mint A,B,…             mint test USDC and USDT to these addresses         [MINT_TO]
  --mint-amount X          whole tokens each (default 1000000)                [MINT_AMOUNT]
  --outflow-period S       withdrawal rate-limit window in seconds (0: none)  [OUTFLOW_PERIOD]
  --outflow-max X          whole tokens per window, per asset                 [OUTFLOW_MAX]
  --out FILE               deployment JSON (default deployment.json)          [DEPLOYMENT_OUT]
  -h, --help               this help

Example (anvil's dev keys):
  node scripts/deploy.mjs --rpc-url http://127.0.0.1:8545 \\
    --private-key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 \\
    --signers 0x70997970C51812dc3A010C7d01b50e0d17dc79C8,0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC \\
    --threshold 2 --mint 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 --out deployment.json
`;

function fail(message) {
  process.stderr.write(`deploy: ${message}\n`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'rpc-url': { type: 'string' },
        'private-key': { type: 'string' },
        signers: { type: 'string' },
        threshold: { type: 'string' },
        epoch: { type: 'string' },
        owner: { type: 'string' },
        'owner-key': { type: 'string' },
        guardian: { type: 'string' },
        rate: { type: 'string' },
        mint: { type: 'string' },
        'mint-amount': { type: 'string' },
        'outflow-period': { type: 'string' },
        'outflow-max': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${e.message}\n\n${HELP}`);
  }
  if (parsed.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const env = process.env;
  const pick = (flag, name, fallback) => parsed[flag] ?? (env[name] === undefined || env[name] === '' ? fallback : env[name]);
  return {
    rpcUrl: pick('rpc-url', 'RPC_URL'),
    privateKey: pick('private-key', 'DEPLOYER_KEY'),
    signers: pick('signers', 'SIGNERS'),
    threshold: pick('threshold', 'THRESHOLD'),
    epoch: pick('epoch', 'SIGNER_EPOCH', '1'),
    owner: pick('owner', 'OWNER'),
    ownerKey: pick('owner-key', 'OWNER_KEY'),
    guardian: pick('guardian', 'GUARDIAN'),
    rate: pick('rate', 'FUND_RATE', DEFAULT_RATE),
    mint: pick('mint', 'MINT_TO', ''),
    mintAmount: pick('mint-amount', 'MINT_AMOUNT', '1000000'),
    outflowPeriod: pick('outflow-period', 'OUTFLOW_PERIOD', '0'),
    outflowMax: pick('outflow-max', 'OUTFLOW_MAX', '0'),
    out: pick('out', 'DEPLOYMENT_OUT', 'deployment.json'),
  };
}

const address = (value, what) => {
  if (!value || !isAddress(value, { strict: false })) fail(`${what}: not an address: ${value}`);
  return getAddress(value);
};
const key = (value, what) => {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value ?? '')) fail(`${what}: expected a 0x-prefixed 32-byte hex key`);
  return value;
};
const integer = (value, what, max) => {
  if (!/^\d+$/.test(value ?? '')) fail(`${what}: not a non-negative integer: ${value}`);
  const n = BigInt(value);
  if (max !== undefined && n > max) fail(`${what}: above ${max}`);
  return n;
};

function artifact(name) {
  const file = join(ROOT, 'out', `${name}.sol`, `${name}.json`);
  let json;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    fail(`cannot read ${file}: run \`forge build\` (or scripts/contracts.sh build) first`);
  }
  return { abi: json.abi, bytecode: json.bytecode.object };
}

async function main() {
  const o = options();
  if (!o.rpcUrl) fail('--rpc-url (RPC_URL) is required');
  const deployer = privateKeyToAccount(key(o.privateKey, '--private-key'));
  if (!o.signers) fail('--signers (SIGNERS) is required');
  const signers = o.signers.split(',').map((s) => address(s.trim(), '--signers'));
  signers.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  for (let i = 1; i < signers.length; i++) {
    if (signers[i] === signers[i - 1]) fail(`--signers: duplicate ${signers[i]}`);
  }
  const threshold = Number(integer(o.threshold, '--threshold', 0xffffffffn));
  if (threshold < 1 || threshold > signers.length) fail(`--threshold must be in [1, ${signers.length}]`);
  const epoch = Number(integer(o.epoch, '--epoch', 0xffffffffn));
  const owner = o.owner ? address(o.owner, '--owner') : deployer.address;
  const guardian = o.guardian ? address(o.guardian, '--guardian') : owner;
  const ownerAccount = o.ownerKey ? privateKeyToAccount(key(o.ownerKey, '--owner-key')) : undefined;
  if (ownerAccount && ownerAccount.address !== owner) fail('--owner-key is not the key of --owner');
  const rate = integer(o.rate, '--rate', 10n ** 18n);
  const mintTo = o.mint ? o.mint.split(',').map((s) => address(s.trim(), '--mint')) : [];
  const mintAmount = parseUnits(String(integer(o.mintAmount, '--mint-amount')), 6);
  const outflowPeriod = integer(o.outflowPeriod, '--outflow-period', 2n ** 64n - 1n);
  const outflowMax = parseUnits(String(integer(o.outflowMax, '--outflow-max')), 6);
  if (outflowPeriod > 0n && outflowMax === 0n) fail('--outflow-max is required with --outflow-period');

  const transport = http(o.rpcUrl);
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain = defineChain({
    id: chainId,
    name: `chain-${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [o.rpcUrl] } },
  });
  const client = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ account: deployer, chain, transport });
  const log = (line) => process.stdout.write(`${line}\n`);

  const receiptOf = async (hash, what) => {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') fail(`${what}: transaction ${hash} reverted`);
    return receipt;
  };
  const deploy = async (name, args) => {
    const { abi, bytecode } = artifact(name);
    const hash = await wallet.deployContract({ abi, bytecode, args });
    const receipt = await receiptOf(hash, `deploy ${name}`);
    log(`  ${name.padEnd(14)} ${getAddress(receipt.contractAddress)} (block ${receipt.blockNumber})`);
    return { address: getAddress(receipt.contractAddress), abi, receipt };
  };
  const send = async (contract, functionName, args, account = deployer) => {
    const w = account === deployer ? wallet : createWalletClient({ account, chain, transport });
    const hash = await w.writeContract({ address: contract.address, abi: contract.abi, functionName, args });
    return receiptOf(hash, `${functionName}(${args.join(', ')})`);
  };

  log(`chain ${chainId}, deployer ${deployer.address}`);
  const assets = {};
  const tokens = [];
  const funds = [];
  for (const [id, symbol, name] of [
    [1, 'USDC', 'USD Coin (test)'],
    [2, 'USDT', 'Tether USD (test)'],
  ]) {
    const token = await deploy('TestStablecoin', [name, symbol, deployer.address]);
    const fund = await deploy('TBillFund', [token.address, `T-bill fund ${symbol}`, `tb${symbol}`, deployer.address, rate]);
    await send(token, 'setMinter', [fund.address, true]);
    for (const to of mintTo) await send(token, 'mint', [to, mintAmount]);
    assets[String(id)] = { token: token.address, vault: fund.address };
    tokens.push(token);
    funds.push(fund);
  }

  const gateway = await deploy('UsdaiGateway', [deployer.address, guardian, epoch, signers, threshold]);
  const deployBlock = Number(gateway.receipt.blockNumber);
  for (const [id, { token, vault }] of Object.entries(assets)) {
    await send(gateway, 'setAsset', [Number(id), token, vault]);
    if (outflowPeriod > 0n) await send(gateway, 'setOutflowLimit', [Number(id), outflowPeriod, outflowMax]);
  }

  if (owner !== deployer.address) {
    for (const contract of [gateway, ...tokens, ...funds]) {
      await send(contract, 'transferOwnership', [owner]);
      if (ownerAccount) await send(contract, 'acceptOwnership', [], ownerAccount);
    }
    log(ownerAccount
      ? `  ownership transferred to ${owner}`
      : `  ownership offered to ${owner}: it must call acceptOwnership() on the gateway, both tokens and both funds`);
  }

  const deployment = { chainId, gateway: gateway.address, assets, deployBlock };
  const out = resolve(o.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(deployment, null, 2)}\n`);
  log(`gateway ${gateway.address}: owner ${owner}, guardian ${guardian}`);
  log(`signers (epoch ${epoch}, threshold ${threshold}): ${signers.join(', ')}`);
  if (mintTo.length) log(`minted ${o.mintAmount} USDC and USDT to ${mintTo.join(', ')}`);
  if (outflowPeriod > 0n) log(`withdrawal limit: ${o.outflowMax} per ${outflowPeriod} s per asset`);
  log(`wrote ${out}`);
}

main().catch((e) => fail(e.shortMessage ?? e.message ?? String(e)));
