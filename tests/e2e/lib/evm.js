// The EVM side of the treasury bridge for the end-to-end tests and the dev tooling: a real anvil
// (the binary the contracts' npm packages ship), the contracts deployed by
// contracts/scripts/deploy.mjs, and what users and operators do on it through viem: approve and
// deposit on the gateway, read its logs and balances, mine, pause mining and reorganize the chain,
// and make the T-bill fund stand-in earn.
import { spawn, execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPublicClient, createWalletClient, defineChain, getAddress, http, parseAbi, parseEventLogs,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { freePort, repoRoot, sleep, withTimeout } from './node.js';

/** The Solidity side of the bridge (`contracts/`). */
export const contractsDir = join(repoRoot, 'contracts');

/** Anvil's well-known dev keys 0–5 (public test keys: never for real money). */
export const ANVIL_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
  '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
];

/** The addresses of `ANVIL_KEYS`, in the same order. */
export const ANVIL_ADDRESSES = ANVIL_KEYS.map((key) => privateKeyToAccount(key).address);

/** Anvil's default chain id. */
export const ANVIL_CHAIN_ID = 31337;

/** What the tests call on the gateway (contracts/src/UsdaiGateway.sol). */
export const gatewayAbi = parseAbi([
  'event Deposited(uint64 indexed nonce, uint32 indexed asset, address indexed from, uint128 amount, bytes32 recipient, bool intoUsdai)',
  'event SleeveReturned(uint64 indexed nonce, uint64 indexed recall, uint32 asset, uint128 amount)',
  'event WithdrawalExecuted(uint64 indexed nonce, bytes32 indexed who, uint32 asset, uint128 amount, address destination)',
  'event MovedToSleeve(uint64 indexed nonce, uint32 asset, uint128 amount, uint256 shares)',
  'function deposit(address token, uint128 amount, bytes32 recipient, bool intoUsdai)',
  'function executeWithdrawal(uint64 nonce, bytes32 who, uint32 asset, uint128 amount, address destination, bytes[] sigs)',
  'function nextNonce() view returns (uint64)',
  'function executed(uint64 nonce) view returns (bool)',
  'function signerEpoch() view returns (uint32)',
  'function signers() view returns (address[])',
  'function threshold() view returns (uint32)',
  'function assetToken(uint32 asset) view returns (address)',
  'function assetVault(uint32 asset) view returns (address)',
  'function withdrawalDigest(uint64 nonce, bytes32 who, uint32 asset, uint128 amount, address destination) view returns (bytes32)',
  'error AlreadyExecuted(uint64 nonce)',
  'error InsufficientSignatures(uint256 given, uint256 threshold)',
  'error SignaturesNotAscending(address signer)',
  'error NotSigner(address signer)',
  'error OutflowLimitExceeded(uint32 asset, uint128 amount, uint128 available)',
  'error EnforcedPause()',
]);

/** The test stablecoin (contracts/src/TestStablecoin.sol): a 6-decimal ERC-20 the owner mints. */
export const tokenAbi = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function balanceOf(address who) view returns (uint256)',
  'function mint(address to, uint256 amount)',
  'function decimals() view returns (uint8)',
]);

/** The T-bill fund stand-in (contracts/src/TBillFund.sol): an ERC-4626 that earns. */
export const fundAbi = parseAbi([
  'function balanceOf(address who) view returns (uint256)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'function addYield(uint256 amount)',
  'function setRate(uint256 ratePerSecond)',
  'function ratePerSecond() view returns (uint256)',
]);

/** The anvil binary: $USDAI_ANVIL, else the one contracts/node_modules ships. */
export function anvilBinary() {
  if (process.env.USDAI_ANVIL) return process.env.USDAI_ANVIL;
  const bin = join(contractsDir, 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');
  if (!existsSync(bin)) {
    throw new Error(`anvil not found at ${bin}: run \`scripts/contracts.sh install\` (or set USDAI_ANVIL)`);
  }
  return bin;
}

/** The last `lines` lines of `file`. */
export function tailOf(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/**
 * A viem client of an EVM JSON-RPC endpoint, with the few anvil methods and contract calls the
 * bridge tests need. Amounts are bigints in base units.
 */
export class Evm {
  constructor(url, chainId = ANVIL_CHAIN_ID) {
    this.url = url;
    this.chain = defineChain({
      id: chainId,
      name: `anvil-${chainId}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [url] } },
    });
    this.transport = http(url, { retryCount: 2 });
    this.client = createPublicClient({ chain: this.chain, transport: this.transport, pollingInterval: 250 });
    this.wallets = new Map();
  }

  /** A wallet client signing with `key`. */
  wallet(key) {
    if (!this.wallets.has(key)) {
      this.wallets.set(key, createWalletClient({ account: privateKeyToAccount(key), chain: this.chain, transport: this.transport }));
    }
    return this.wallets.get(key);
  }

  /** A raw JSON-RPC request. */
  rpc(method, params = []) {
    return this.client.request({ method, params });
  }

  /** The head's number. */
  async head() {
    return this.client.getBlockNumber({ cacheTime: 0 });
  }

  /** Block `n` (a bigint or number). */
  block(n) {
    return this.client.getBlock({ blockNumber: BigInt(n) });
  }

  /** Mines `n` blocks now (with whatever is pending). */
  async mine(n = 1) {
    await this.rpc('anvil_mine', [`0x${n.toString(16)}`]);
  }

  /**
   * Mines every transaction at once in its own block (`true`; quick for a deployment), or only
   * by the clock again (`false`, then `resumeMining`).
   */
  async automine(on) {
    await this.rpc('evm_setAutomine', [on]);
  }

  /** Stops interval mining: transactions wait in the pool until `mine` or `resumeMining`. */
  async pauseMining() {
    await this.rpc('evm_setIntervalMining', [0]);
  }

  /** Mines a block every `seconds` again. */
  async resumeMining(seconds = 1) {
    await this.rpc('evm_setIntervalMining', [seconds]);
  }

  /**
   * Reorganizes the chain: the last `depth` blocks are replaced by as many new ones holding only
   * `txs` (anvil's `anvil_reorg`). Transactions of the dropped blocks are gone, not re-queued.
   */
  async reorg(depth, txs = []) {
    await this.rpc('anvil_reorg', [depth, txs]);
  }

  /** The receipt of `hash` (viem's, `status` 'success' or 'reverted'), or null (pending, unknown or reorganized away). */
  async receiptOrNull(hash) {
    try {
      return await this.client.getTransactionReceipt({ hash });
    } catch (e) {
      if (e.name === 'TransactionReceiptNotFoundError') return null;
      throw e;
    }
  }

  /**
   * Sends a contract call signed by `key`. With `wait` (the default) resolves with the receipt
   * and rejects if it reverted; without, with the hash (for a paused chain: pass `gas` as well,
   * since estimating against the head would miss transactions still pending).
   */
  async write(key, { address, abi, functionName, args, gas }, { wait = true } = {}) {
    const hash = await this.wallet(key).writeContract({ address, abi, functionName, args, gas });
    if (!wait) return hash;
    const receipt = await withTimeout(
      this.client.waitForTransactionReceipt({ hash, pollingInterval: 250 }),
      60_000,
      `receipt of ${functionName}`,
    );
    if (receipt.status !== 'success') throw new Error(`${functionName} (${hash}) reverted`);
    return receipt;
  }

  /** A view call. */
  read(address, abi, functionName, args = [], blockNumber) {
    return this.client.readContract({ address, abi, functionName, args, blockNumber });
  }

  /** `who`'s balance of ERC-20 `token`. */
  balanceOf(token, who) {
    return this.read(token, tokenAbi, 'balanceOf', [who]);
  }

  /** Mints `amount` of test stablecoin `token` to `to` (signed by its owner `key`). */
  mint(key, token, to, amount) {
    return this.write(key, { address: token, abi: tokenAbi, functionName: 'mint', args: [to, amount] });
  }

  /**
   * Approves and deposits `amount` of `token` on `gateway` for the 32-byte chain account
   * `recipient`, signed by `key`. Resolves with `{ hash, approveHash, receipt, log }` (the
   * decoded `Deposited` log) once mined; with `{ wait: false }` (mining paused) sends both
   * transactions with fixed gas and resolves with the hashes only.
   */
  async deposit(key, { gateway, token, amount, recipient, intoUsdai }, { wait = true } = {}) {
    const gas = wait ? undefined : 300_000n;
    const approve = { address: token, abi: tokenAbi, functionName: 'approve', args: [gateway, amount], gas: wait ? undefined : 100_000n };
    const approveHash = wait ? (await this.write(key, approve)).transactionHash : await this.write(key, approve, { wait: false });
    const call = { address: gateway, abi: gatewayAbi, functionName: 'deposit', args: [token, amount, recipient, intoUsdai], gas };
    if (!wait) return { approveHash, hash: await this.write(key, call, { wait: false }) };
    const receipt = await this.write(key, call);
    return { approveHash, hash: receipt.transactionHash, receipt, log: depositedLog(receipt) };
  }

  /** The gateway's `Deposited` logs (optionally of one `nonce`) in `fromBlock..=toBlock`. */
  depositedLogs(gateway, { nonce, fromBlock = 0n, toBlock = 'latest' } = {}) {
    return this.client.getContractEvents({
      address: gateway, abi: gatewayAbi, eventName: 'Deposited', args: nonce === undefined ? {} : { nonce }, fromBlock, toBlock,
    });
  }

  /** The gateway's `SleeveReturned` logs (optionally of one inbound `nonce`). */
  sleeveReturnedLogs(gateway, { nonce, fromBlock = 0n, toBlock = 'latest' } = {}) {
    return this.client.getContractEvents({
      address: gateway, abi: gatewayAbi, eventName: 'SleeveReturned', args: nonce === undefined ? {} : { nonce }, fromBlock, toBlock,
    });
  }

  /** The gateway's `WithdrawalExecuted` logs (optionally of one outbound `nonce`). */
  withdrawalLogs(gateway, { nonce, fromBlock = 0n, toBlock = 'latest' } = {}) {
    return this.client.getContractEvents({
      address: gateway, abi: gatewayAbi, eventName: 'WithdrawalExecuted', args: nonce === undefined ? {} : { nonce }, fromBlock, toBlock,
    });
  }

  /** The gateway's `MovedToSleeve` logs (optionally of one outbound `nonce`). */
  movedToSleeveLogs(gateway, { nonce, fromBlock = 0n, toBlock = 'latest' } = {}) {
    return this.client.getContractEvents({
      address: gateway, abi: gatewayAbi, eventName: 'MovedToSleeve', args: nonce === undefined ? {} : { nonce }, fromBlock, toBlock,
    });
  }

  /** A view of the gateway (`nextNonce`, `executed`, `signers`, `threshold`, `signerEpoch`, …). */
  gateway(gateway, functionName, args = []) {
    return this.read(gateway, gatewayAbi, functionName, args);
  }

  /** `executed(nonce)` on the gateway. */
  executed(gateway, nonce) {
    return this.gateway(gateway, 'executed', [BigInt(nonce)]);
  }

  /** Shares of ERC-4626 `vault` held by `who`. */
  sharesOf(vault, who) {
    return this.read(vault, fundAbi, 'balanceOf', [who]);
  }

  /** `convertToAssets(shares)` of `vault`. */
  convertToAssets(vault, shares, blockNumber) {
    return this.read(vault, fundAbi, 'convertToAssets', [shares], blockNumber);
  }

  /** What `holder`'s shares of `vault` are worth in its token, as the relayers' NAV reads it. */
  async assetsOf(vault, holder) {
    const shares = await this.sharesOf(vault, holder);
    return shares === 0n ? 0n : this.convertToAssets(vault, shares);
  }

  /** Mints `amount` of one-off yield into the fund `vault` (signed by its owner `key`). */
  addYield(key, vault, amount) {
    return this.write(key, { address: vault, abi: fundAbi, functionName: 'addYield', args: [amount] });
  }

  /** Sets the fund's yield per second (1e18 = 100 % a second; signed by its owner `key`). */
  setRate(key, vault, ratePerSecond) {
    return this.write(key, { address: vault, abi: fundAbi, functionName: 'setRate', args: [ratePerSecond] });
  }

  /**
   * Simulates `executeWithdrawal` from `key`'s account: resolves if the gateway would pay,
   * rejects with viem's error (its `cause.data.errorName` names the gateway's error) otherwise.
   */
  simulateWithdrawal(key, gateway, { nonce, who, asset, amount, destination, sigs }) {
    return this.client.simulateContract({
      account: privateKeyToAccount(key),
      address: gateway,
      abi: gatewayAbi,
      functionName: 'executeWithdrawal',
      args: [BigInt(nonce), who, asset, amount, destination, sigs],
    });
  }
}

/** The decoded `Deposited` log of a deposit's receipt (`{ nonce, asset, from, amount, recipient, intoUsdai }` plus the log's place). */
export function depositedLog(receipt) {
  const [log] = parseEventLogs({ abi: gatewayAbi, logs: receipt.logs, eventName: 'Deposited' });
  if (!log) throw new Error(`no Deposited log in ${receipt.transactionHash}`);
  return { ...log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash };
}

/**
 * Starts anvil on `port` (default: a free one) with a block every `blockTime` seconds, logging to
 * `dir/anvil.log`, and resolves once it answers. Returns `{ url, port, evm, proc, logFile, stop }`;
 * `stop()` kills it (SIGTERM, then SIGKILL after 5 s).
 */
export async function startAnvil({ port, blockTime = 1, chainId = ANVIL_CHAIN_ID, dir, timeoutMs = 30_000 } = {}) {
  port ??= await freePort();
  dir ??= mkdtempSync(join(tmpdir(), 'usdai-anvil-'));
  const logFile = join(dir, 'anvil.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const proc = spawn(anvilBinary(), [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--block-time', String(blockTime),
    '--chain-id', String(chainId),
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });

  const url = `http://127.0.0.1:${port}`;
  const evm = new Evm(url, chainId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`anvil exited early (${JSON.stringify(exited)}):\n${tailOf(logFile)}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`anvil did not answer on ${url} within ${timeoutMs} ms:\n${tailOf(logFile)}`);
    }
    try {
      if ((await evm.client.getChainId()) === chainId) break;
    } catch {
      // not up yet
    }
    await sleep(200);
  }

  const stop = async () => {
    if (exited) return;
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await new Promise((ok) => (exited ? ok() : proc.on('exit', ok)));
    clearTimeout(t);
  };
  return { url, port, chainId, blockTime, evm, proc, logFile, stop, get exited() { return exited; } };
}

/** The environment variables deploy.mjs reads (see its `--help`). */
const DEPLOY_ENV = [
  'RPC_URL', 'DEPLOYER_KEY', 'SIGNERS', 'THRESHOLD', 'SIGNER_EPOCH', 'OWNER', 'OWNER_KEY', 'GUARDIAN',
  'FUND_RATE', 'MINT_TO', 'MINT_AMOUNT', 'OUTFLOW_PERIOD', 'OUTFLOW_MAX', 'DEPLOYMENT_OUT',
];

/**
 * Deploys the bridge's contracts with contracts/scripts/deploy.mjs (the same script operators
 * use): USDC (asset 1) and USDT (asset 2), a T-bill fund for each, and the gateway with signer set
 * `signers` (sorted by the script) at `epoch` and `threshold`. `mint` gets `mintAmount` whole
 * tokens of each; `rate` is the funds' yield per second (1e18 = 100 %/s; 0: they earn only by
 * `addYield`). Resolves with the deployment JSON (`{ chainId, gateway, assets, deployBlock }`)
 * plus `file` (where it was written) and `output` (the script's report).
 */
export async function deployContracts({
  rpcUrl, deployerKey = ANVIL_KEYS[0], signers, threshold, epoch = 1, mint = [], mintAmount = 1_000_000,
  rate, outflowPeriod, outflowMax, out,
}) {
  if (!existsSync(join(contractsDir, 'out', 'UsdaiGateway.sol', 'UsdaiGateway.json'))) {
    throw new Error('the contracts are not built: run `scripts/contracts.sh install && scripts/contracts.sh build`');
  }
  if (!existsSync(join(contractsDir, 'node_modules', 'viem'))) {
    throw new Error('contracts/node_modules is missing: run `scripts/contracts.sh install`');
  }
  const args = [
    join(contractsDir, 'scripts', 'deploy.mjs'),
    '--rpc-url', rpcUrl,
    '--private-key', deployerKey,
    '--signers', signers.join(','),
    '--threshold', String(threshold),
    '--epoch', String(epoch),
    '--out', out,
  ];
  if (mint.length) args.push('--mint', mint.join(','), '--mint-amount', String(mintAmount));
  if (rate !== undefined) args.push('--rate', String(rate));
  if (outflowPeriod) args.push('--outflow-period', String(outflowPeriod), '--outflow-max', String(outflowMax));
  // Every flag of the script also has an environment variable (OWNER, MINT_TO, FUND_RATE, …):
  // unset them, so that only what is passed here counts.
  const env = { ...process.env };
  for (const name of DEPLOY_ENV) delete env[name];
  const output = await new Promise((ok, fail) => {
    execFile(process.execPath, args, { cwd: contractsDir, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`deploy.mjs failed: ${error.message}\n${stdout}${stderr}`));
      else ok(stdout + stderr);
    });
  });
  const deployment = JSON.parse(readFileSync(out, 'utf8'));
  deployment.gateway = getAddress(deployment.gateway);
  return { ...deployment, file: out, output };
}
