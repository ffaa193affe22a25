// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title USD.AI gateway: the EVM end of the treasury bridge
/// @notice Custodies the bridged stablecoins on the EVM chain. Users deposit here (the chain's
///         relayers attest each `Deposited` event, in nonce order, to the treasury-bridge pallet);
///         the chain's outbound messages (withdrawals, moves of idle capital to the T-bill sleeve
///         and recalls from it) are executed here once a threshold of the relayers' EVM keys has
///         signed them (EIP-712, domain `USDai Gateway` / `1`).
/// @dev Trust model:
///      - the signer set (threshold of relayer keys) authorises every outflow and its own rotation;
///        nobody else, the owner included, can change it;
///      - the owner (use a multisig/timelock) registers assets and their sleeve vaults, sets the
///        withdrawal rate limits and the guardian, and unpauses;
///      - the guardian (a hot key) can only pause.
///      Inbound deposits and `SleeveReturned` share one nonce sequence starting at 0: the chain's
///      channel nonce. Outbound nonces are the chain's `NextOutboundNonce` and execute at most once
///      each, in any order.
contract UsdaiGateway is EIP712, Ownable2Step, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------------------------------
    // EIP-712 types
    // ------------------------------------------------------------------------------------------

    /// @notice EIP-712 type hash of a withdrawal to an EVM address.
    bytes32 public constant WITHDRAWAL_TYPEHASH =
        keccak256("Withdrawal(uint64 nonce,bytes32 who,uint32 asset,uint128 amount,address destination)");
    /// @notice EIP-712 type hash of a move of reserve capital into the asset's sleeve vault.
    bytes32 public constant TO_SLEEVE_TYPEHASH = keccak256("ToSleeve(uint64 nonce,uint32 asset,uint128 amount)");
    /// @notice EIP-712 type hash of a recall of capital from the asset's sleeve vault.
    bytes32 public constant RECALL_TYPEHASH = keccak256("Recall(uint64 nonce,uint32 asset,uint128 amount)");
    /// @notice EIP-712 type hash of a signer-set rotation (signed by the current set).
    bytes32 public constant RELAYER_SET_TYPEHASH = keccak256("RelayerSet(uint32 epoch,address[] signers,uint32 threshold)");

    /// @notice Upper bound on the size of a signer set (gas bound; the chain allows 16).
    uint256 public constant MAX_SIGNERS = 64;

    // ------------------------------------------------------------------------------------------
    // Storage
    // ------------------------------------------------------------------------------------------

    /// @dev A registered chain asset: its ERC-20 and the ERC-4626 sleeve vault (or zero).
    struct AssetConfig {
        IERC20 token;
        IERC4626 vault;
    }

    /// @dev Reverse entry token → asset id (`registered` distinguishes asset id 0 from "none").
    struct TokenEntry {
        bool registered;
        uint32 asset;
    }

    /// @dev Withdrawal rate limit of one asset and its current window.
    struct OutflowLimit {
        uint64 period;
        uint64 windowStart;
        uint128 maxPerPeriod;
        uint128 used;
    }

    /// @notice The account allowed to pause (besides the owner).
    address public guardian;

    uint64 private _nextNonce;
    uint32 private _signerEpoch;
    uint32 private _threshold;
    address[] private _signers;
    mapping(uint32 epoch => mapping(address signer => bool)) private _isSigner;
    mapping(uint64 nonce => bool) private _executed;
    mapping(uint32 asset => AssetConfig) private _assets;
    mapping(address token => TokenEntry) private _tokenAsset;
    mapping(uint32 asset => OutflowLimit) private _outflow;

    // ------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------

    /// @notice A user deposit, to be credited on the chain to `recipient`.
    /// @param nonce position in the inbound sequence (shared with `SleeveReturned`), from 0
    /// @param asset the chain's asset id of the token
    /// @param from the depositor
    /// @param amount the amount actually received by the gateway (fee-on-transfer safe)
    /// @param recipient the 32-byte chain account credited
    /// @param intoUsdai whether the chain deposits the credited stablecoin into USDai
    event Deposited(
        uint64 indexed nonce, uint32 indexed asset, address indexed from, uint128 amount, bytes32 recipient, bool intoUsdai
    );

    /// @notice Capital came back from the sleeve vault for the chain's recall `recall`.
    /// @param nonce position in the inbound sequence (shared with `Deposited`)
    /// @param recall the outbound nonce of the recall
    /// @param asset the chain's asset id
    /// @param amount the amount returned (the recall's full amount)
    event SleeveReturned(uint64 indexed nonce, uint64 indexed recall, uint32 asset, uint128 amount);

    /// @notice Outbound withdrawal `nonce` paid `amount` of `asset` to `destination`.
    /// @param nonce the outbound nonce
    /// @param who the chain account that withdrew
    /// @param asset the chain's asset id
    /// @param amount the amount paid
    /// @param destination the EVM recipient
    event WithdrawalExecuted(
        uint64 indexed nonce, bytes32 indexed who, uint32 asset, uint128 amount, address destination
    );

    /// @notice Outbound message `nonce` moved `amount` of `asset` into its sleeve vault for `shares`.
    /// @param nonce the outbound nonce
    /// @param asset the chain's asset id
    /// @param amount the assets deposited into the vault
    /// @param shares the vault shares received
    event MovedToSleeve(uint64 indexed nonce, uint32 asset, uint128 amount, uint256 shares);

    /// @notice The signer set changed (by a threshold signature of the previous set, or at deployment).
    /// @param epoch the new signer epoch
    /// @param signers the new signers, ascending
    /// @param threshold the number of signatures needed
    event SignersUpdated(uint32 indexed epoch, address[] signers, uint32 threshold);

    /// @notice Asset `asset` is `token`, with sleeve vault `vault` (zero: none).
    /// @param asset the chain's asset id
    /// @param token the ERC-20
    /// @param vault the ERC-4626 sleeve vault over `token`, or zero
    event AssetSet(uint32 indexed asset, address indexed token, address indexed vault);

    /// @notice The withdrawal rate limit of `asset` changed (`period` 0: no limit).
    /// @param asset the chain's asset id
    /// @param period the window length in seconds
    /// @param maxPerPeriod the most that may be withdrawn per window
    event OutflowLimitSet(uint32 indexed asset, uint64 period, uint128 maxPerPeriod);

    /// @notice The guardian changed.
    /// @param previous the former guardian
    /// @param guardian the new guardian
    event GuardianSet(address indexed previous, address indexed guardian);

    // ------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------

    /// @notice An address that must be set is zero.
    error ZeroAddress();
    /// @notice An amount that must be positive is zero.
    error ZeroAmount();
    /// @notice A deposit's recipient is the zero account.
    error ZeroRecipient();
    /// @notice The token is not registered as an asset.
    /// @param token the token
    error UnknownToken(address token);
    /// @notice The asset is not registered.
    /// @param asset the asset id
    error UnknownAsset(uint32 asset);
    /// @notice The asset has no sleeve vault.
    /// @param asset the asset id
    error NoSleeveVault(uint32 asset);
    /// @notice The token is already registered for another asset.
    /// @param token the token
    /// @param asset the asset it is registered for
    error TokenAlreadyRegistered(address token, uint32 asset);
    /// @notice An asset's token can never change once registered.
    /// @param asset the asset id
    /// @param token its registered token
    error AssetTokenFixed(uint32 asset, address token);
    /// @notice The vault's underlying asset is not the asset's token.
    /// @param vault the vault
    error VaultAssetMismatch(address vault);
    /// @notice The sleeve vault cannot be replaced while the gateway holds shares of it.
    /// @param vault the current vault
    /// @param shares the shares the gateway holds
    error SleeveNotEmpty(address vault, uint256 shares);
    /// @notice The outbound nonce was executed already.
    /// @param nonce the nonce
    error AlreadyExecuted(uint64 nonce);
    /// @notice Fewer signatures than the threshold.
    /// @param given signatures given
    /// @param threshold signatures needed
    error InsufficientSignatures(uint256 given, uint256 threshold);
    /// @notice Signatures are not in strictly ascending order of their signers (or a duplicate).
    /// @param signer the out-of-order signer
    error SignaturesNotAscending(address signer);
    /// @notice A signature is not by a member of the current signer set.
    /// @param signer the recovered address
    error NotSigner(address signer);
    /// @notice A signature is not 65 bytes long.
    /// @param length its length
    error InvalidSignatureLength(uint256 length);
    /// @notice A rotation's epoch is not the current one plus one.
    /// @param epoch the epoch given
    /// @param expected the epoch expected
    error InvalidEpoch(uint32 epoch, uint32 expected);
    /// @notice A signer set is empty, too large, unsorted, has duplicates or the zero address.
    error InvalidSignerSet();
    /// @notice A threshold is 0 or larger than the signer set.
    /// @param threshold the threshold
    /// @param signers the set's size
    error InvalidThreshold(uint32 threshold, uint256 signers);
    /// @notice The withdrawal exceeds the asset's allowance in the current window (retry later).
    /// @param asset the asset id
    /// @param amount the amount asked
    /// @param available what the window still allows
    error OutflowLimitExceeded(uint32 asset, uint128 amount, uint128 available);
    /// @notice The sleeve vault moved a different amount than asked.
    /// @param expected the amount asked
    /// @param actual the amount moved
    error SleeveMismatch(uint256 expected, uint256 actual);
    /// @notice The sleeve vault returned no shares for a deposit.
    error NoSharesMinted();
    /// @notice The caller is neither the guardian nor the owner.
    /// @param caller the caller
    error NotGuardian(address caller);
    /// @notice Ownership cannot be renounced (nobody could unpause or register assets).
    error RenounceDisabled();

    // ------------------------------------------------------------------------------------------
    // Construction and administration
    // ------------------------------------------------------------------------------------------

    /// @notice Deploys the gateway with its first signer set.
    /// @param owner_ the owner (asset registry, rate limits, guardian, unpause)
    /// @param guardian_ the account that may pause (zero: only the owner)
    /// @param epoch the signer epoch of `signers` (the chain's `SignerEpoch`)
    /// @param signers_ the signer addresses, strictly ascending, non-zero
    /// @param threshold_ signatures needed, `1 ≤ threshold_ ≤ signers_.length`
    constructor(address owner_, address guardian_, uint32 epoch, address[] memory signers_, uint32 threshold_)
        EIP712("USDai Gateway", "1")
        Ownable(owner_)
    {
        guardian = guardian_;
        emit GuardianSet(address(0), guardian_);
        _installSigners(epoch, signers_, threshold_);
    }

    /// @notice Registers asset `asset` as `token`, with sleeve vault `vault` (zero: none), or
    ///         changes its vault. Owner only.
    /// @dev The token of an asset never changes once set (the chain's books count that token), and
    ///      one token serves one asset. The vault must be an ERC-4626 over `token`, and may change
    ///      only while the gateway holds none of the current vault's shares. The token's decimals
    ///      must equal the chain asset's (6 for USDC/USDT): the owner's responsibility.
    /// @param asset the chain's asset id
    /// @param token the ERC-20
    /// @param vault the ERC-4626 sleeve vault over `token`, or zero
    function setAsset(uint32 asset, address token, address vault) external onlyOwner {
        if (token == address(0)) revert ZeroAddress();
        AssetConfig storage config = _assets[asset];
        address current = address(config.token);
        if (current == address(0)) {
            TokenEntry memory entry = _tokenAsset[token];
            if (entry.registered) revert TokenAlreadyRegistered(token, entry.asset);
            _tokenAsset[token] = TokenEntry({registered: true, asset: asset});
            config.token = IERC20(token);
        } else if (current != token) {
            revert AssetTokenFixed(asset, current);
        }
        if (vault != address(0) && IERC4626(vault).asset() != token) revert VaultAssetMismatch(vault);
        address oldVault = address(config.vault);
        if (oldVault != address(0) && oldVault != vault) {
            uint256 shares = IERC20(oldVault).balanceOf(address(this));
            if (shares != 0) revert SleeveNotEmpty(oldVault, shares);
        }
        config.vault = IERC4626(vault);
        emit AssetSet(asset, token, vault);
    }

    /// @notice Sets the withdrawal rate limit of `asset`: at most `maxPerPeriod` per window of
    ///         `period` seconds (`period` 0: no limit). Owner only.
    /// @dev The current window and what it has used are kept, so a lower limit applies at once.
    /// @param asset the chain's asset id (must be registered)
    /// @param period the window length in seconds, 0 to disable the limit
    /// @param maxPerPeriod the most that may be withdrawn per window
    function setOutflowLimit(uint32 asset, uint64 period, uint128 maxPerPeriod) external onlyOwner {
        if (address(_assets[asset].token) == address(0)) revert UnknownAsset(asset);
        OutflowLimit storage limit = _outflow[asset];
        limit.period = period;
        limit.maxPerPeriod = maxPerPeriod;
        emit OutflowLimitSet(asset, period, maxPerPeriod);
    }

    /// @notice Sets the guardian (zero: only the owner can pause). Owner only.
    /// @param guardian_ the new guardian
    function setGuardian(address guardian_) external onlyOwner {
        emit GuardianSet(guardian, guardian_);
        guardian = guardian_;
    }

    /// @notice Stops deposits and every execution. Guardian or owner.
    function pause() external {
        if (msg.sender != guardian && msg.sender != owner()) revert NotGuardian(msg.sender);
        _pause();
    }

    /// @notice Restarts deposits and executions. Owner only.
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Disabled: without an owner nobody could unpause.
    function renounceOwnership() public view override onlyOwner {
        revert RenounceDisabled();
    }

    // ------------------------------------------------------------------------------------------
    // Inbound: deposits
    // ------------------------------------------------------------------------------------------

    /// @notice Deposits `amount` of a registered `token` for `recipient` on the chain.
    /// @dev Credits what the gateway actually received (balance delta), so a fee-on-transfer token
    ///      is credited net. Emits `Deposited` with the next inbound nonce.
    /// @param token the ERC-20 (must be registered)
    /// @param amount the amount to pull from the caller (approve it first)
    /// @param recipient the 32-byte chain account to credit (non-zero)
    /// @param intoUsdai whether the chain deposits the credit into USDai
    /// @return nonce the inbound nonce of the deposit
    function deposit(address token, uint128 amount, bytes32 recipient, bool intoUsdai)
        external
        nonReentrant
        whenNotPaused
        returns (uint64 nonce)
    {
        TokenEntry memory entry = _tokenAsset[token];
        if (!entry.registered) revert UnknownToken(token);
        if (amount == 0) revert ZeroAmount();
        if (recipient == bytes32(0)) revert ZeroRecipient();

        IERC20 erc20 = IERC20(token);
        uint256 before = erc20.balanceOf(address(this));
        erc20.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = erc20.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();

        nonce = _nextNonce++;
        emit Deposited(nonce, entry.asset, msg.sender, SafeCast.toUint128(received), recipient, intoUsdai);
    }

    // ------------------------------------------------------------------------------------------
    // Outbound: signed messages
    // ------------------------------------------------------------------------------------------

    /// @notice Pays the chain's withdrawal `nonce`: `amount` of `asset` to `destination`.
    /// @dev Needs `threshold` signatures of the current set over `withdrawalDigest(...)`. Subject
    ///      to the asset's rate limit (`OutflowLimitExceeded`: retry in a later window).
    /// @param nonce the outbound nonce
    /// @param who the chain account that withdrew
    /// @param asset the chain's asset id
    /// @param amount the amount to pay
    /// @param destination the EVM recipient
    /// @param sigs 65-byte signatures, strictly ascending by signer
    function executeWithdrawal(
        uint64 nonce,
        bytes32 who,
        uint32 asset,
        uint128 amount,
        address destination,
        bytes[] calldata sigs
    ) external nonReentrant whenNotPaused {
        IERC20 token = _assets[asset].token;
        if (address(token) == address(0)) revert UnknownAsset(asset);
        if (destination == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _useNonce(nonce);
        _verify(withdrawalDigest(nonce, who, asset, amount, destination), sigs);
        _consumeOutflow(asset, amount);

        emit WithdrawalExecuted(nonce, who, asset, amount, destination);
        token.safeTransfer(destination, amount);
    }

    /// @notice Executes the chain's `ToSleeve` message `nonce`: deposits `amount` of `asset` into
    ///         its sleeve vault, the gateway receiving the shares.
    /// @dev Reverts if the vault takes a different amount or mints no shares.
    /// @param nonce the outbound nonce
    /// @param asset the chain's asset id
    /// @param amount the amount to move
    /// @param sigs 65-byte signatures, strictly ascending by signer
    function executeToSleeve(uint64 nonce, uint32 asset, uint128 amount, bytes[] calldata sigs)
        external
        nonReentrant
        whenNotPaused
    {
        AssetConfig memory config = _assets[asset];
        if (address(config.token) == address(0)) revert UnknownAsset(asset);
        if (address(config.vault) == address(0)) revert NoSleeveVault(asset);
        if (amount == 0) revert ZeroAmount();
        _useNonce(nonce);
        _verify(toSleeveDigest(nonce, asset, amount), sigs);

        uint256 tokensBefore = config.token.balanceOf(address(this));
        uint256 sharesBefore = IERC20(address(config.vault)).balanceOf(address(this));
        config.token.forceApprove(address(config.vault), amount);
        config.vault.deposit(amount, address(this));
        config.token.forceApprove(address(config.vault), 0);
        uint256 spent = tokensBefore - config.token.balanceOf(address(this));
        if (spent != amount) revert SleeveMismatch(amount, spent);
        uint256 shares = IERC20(address(config.vault)).balanceOf(address(this)) - sharesBefore;
        if (shares == 0) revert NoSharesMinted();

        emit MovedToSleeve(nonce, asset, amount, shares);
    }

    /// @notice Executes the chain's `Recall` message `nonce`: withdraws `amount` of `asset` from its
    ///         sleeve vault and emits `SleeveReturned` with the next inbound nonce.
    /// @dev Reverts unless the gateway receives at least `amount` (a vault short of liquidity:
    ///      retry later). `SleeveReturned` always carries `amount`, never more: the chain refuses
    ///      a return larger than the recall.
    /// @param nonce the outbound nonce of the recall
    /// @param asset the chain's asset id
    /// @param amount the recall's full amount
    /// @param sigs 65-byte signatures, strictly ascending by signer
    function executeRecall(uint64 nonce, uint32 asset, uint128 amount, bytes[] calldata sigs)
        external
        nonReentrant
        whenNotPaused
    {
        AssetConfig memory config = _assets[asset];
        if (address(config.token) == address(0)) revert UnknownAsset(asset);
        if (address(config.vault) == address(0)) revert NoSleeveVault(asset);
        if (amount == 0) revert ZeroAmount();
        _useNonce(nonce);
        _verify(recallDigest(nonce, asset, amount), sigs);

        uint256 before = config.token.balanceOf(address(this));
        config.vault.withdraw(amount, address(this), address(this));
        uint256 received = config.token.balanceOf(address(this)) - before;
        if (received < amount) revert SleeveMismatch(amount, received);

        emit SleeveReturned(_nextNonce++, nonce, asset, amount);
    }

    /// @notice Replaces the signer set, signed by the current set over `relayerSetDigest(...)`.
    /// @dev `epoch` must be the current epoch plus one, so a rotation cannot be replayed. Allowed
    ///      while paused (rotating compromised keys out is what a pause is for).
    /// @param epoch the new signer epoch (current + 1)
    /// @param signers_ the new signers, strictly ascending, non-zero
    /// @param threshold_ signatures needed, `1 ≤ threshold_ ≤ signers_.length`
    /// @param sigs 65-byte signatures of the current set, strictly ascending by signer
    function updateSigners(uint32 epoch, address[] calldata signers_, uint32 threshold_, bytes[] calldata sigs)
        external
        nonReentrant
    {
        uint32 expected = _signerEpoch + 1;
        if (epoch != expected) revert InvalidEpoch(epoch, expected);
        _verify(relayerSetDigest(epoch, signers_, threshold_), sigs);
        _installSigners(epoch, signers_, threshold_);
    }

    // ------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------

    /// @notice The nonce the next `Deposited` or `SleeveReturned` will carry.
    /// @return the next inbound nonce
    function nextNonce() external view returns (uint64) {
        return _nextNonce;
    }

    /// @notice Whether outbound message `nonce` was executed.
    /// @param nonce the outbound nonce
    /// @return true once executed
    function executed(uint64 nonce) external view returns (bool) {
        return _executed[nonce];
    }

    /// @notice The current signer epoch.
    /// @return the epoch
    function signerEpoch() external view returns (uint32) {
        return _signerEpoch;
    }

    /// @notice The current signers, ascending.
    /// @return the signer addresses
    function signers() external view returns (address[] memory) {
        return _signers;
    }

    /// @notice The number of signatures needed.
    /// @return the threshold
    function threshold() external view returns (uint32) {
        return _threshold;
    }

    /// @notice Whether `account` is in the current signer set.
    /// @param account the address
    /// @return true if it is a current signer
    function isSigner(address account) external view returns (bool) {
        return _isSigner[_signerEpoch][account];
    }

    /// @notice The token of `asset` (zero if unregistered).
    /// @param asset the chain's asset id
    /// @return the ERC-20
    function assetToken(uint32 asset) external view returns (address) {
        return address(_assets[asset].token);
    }

    /// @notice The sleeve vault of `asset` (zero if none).
    /// @param asset the chain's asset id
    /// @return the ERC-4626 vault
    function assetVault(uint32 asset) external view returns (address) {
        return address(_assets[asset].vault);
    }

    /// @notice The asset id of `token`.
    /// @param token the ERC-20
    /// @return registered whether it is registered
    /// @return asset its asset id (0 if unregistered)
    function tokenAsset(address token) external view returns (bool registered, uint32 asset) {
        TokenEntry memory entry = _tokenAsset[token];
        return (entry.registered, entry.asset);
    }

    /// @notice The withdrawal rate limit of `asset` and its current window.
    /// @param asset the chain's asset id
    /// @return period the window length in seconds (0: no limit)
    /// @return maxPerPeriod the most per window
    /// @return windowStart when the current window started
    /// @return used what the current window has used
    function outflowLimit(uint32 asset)
        external
        view
        returns (uint64 period, uint128 maxPerPeriod, uint64 windowStart, uint128 used)
    {
        OutflowLimit memory limit = _outflow[asset];
        return (limit.period, limit.maxPerPeriod, limit.windowStart, limit.used);
    }

    /// @notice How much of `asset` may be withdrawn now (`type(uint128).max` without a limit).
    /// @param asset the chain's asset id
    /// @return the available amount
    function availableOutflow(uint32 asset) public view returns (uint128) {
        OutflowLimit memory limit = _outflow[asset];
        if (limit.period == 0) return type(uint128).max;
        uint128 used = _windowExpired(limit.windowStart, limit.period) ? 0 : limit.used;
        return used >= limit.maxPerPeriod ? 0 : limit.maxPerPeriod - used;
    }

    /// @notice The EIP-712 domain separator (name `USDai Gateway`, version `1`, this chain, this contract).
    /// @return the separator
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The EIP-712 digest signers sign for a withdrawal.
    /// @param nonce the outbound nonce
    /// @param who the chain account that withdrew
    /// @param asset the chain's asset id
    /// @param amount the amount
    /// @param destination the EVM recipient
    /// @return the digest
    function withdrawalDigest(uint64 nonce, bytes32 who, uint32 asset, uint128 amount, address destination)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(WITHDRAWAL_TYPEHASH, nonce, who, asset, amount, destination)));
    }

    /// @notice The EIP-712 digest signers sign for a move to the sleeve.
    /// @param nonce the outbound nonce
    /// @param asset the chain's asset id
    /// @param amount the amount
    /// @return the digest
    function toSleeveDigest(uint64 nonce, uint32 asset, uint128 amount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(TO_SLEEVE_TYPEHASH, nonce, asset, amount)));
    }

    /// @notice The EIP-712 digest signers sign for a recall.
    /// @param nonce the outbound nonce
    /// @param asset the chain's asset id
    /// @param amount the recall's full amount
    /// @return the digest
    function recallDigest(uint64 nonce, uint32 asset, uint128 amount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(RECALL_TYPEHASH, nonce, asset, amount)));
    }

    /// @notice The EIP-712 digest the current set signs for a rotation.
    /// @param epoch the new epoch
    /// @param signers_ the new signers
    /// @param threshold_ the new threshold
    /// @return the digest
    function relayerSetDigest(uint32 epoch, address[] calldata signers_, uint32 threshold_)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(RELAYER_SET_TYPEHASH, epoch, keccak256(abi.encodePacked(signers_)), threshold_))
        );
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    /// @dev Marks outbound `nonce` executed, reverting if it already was.
    function _useNonce(uint64 nonce) private {
        if (_executed[nonce]) revert AlreadyExecuted(nonce);
        _executed[nonce] = true;
    }

    /// @dev Checks `sigs` over `digest`: at least `threshold`, each by a member of the current set,
    ///      in strictly ascending order of signer (so no signer counts twice). `v` may be 27/28
    ///      or 0/1; high-`s` (malleable) signatures are rejected by `ECDSA.recover`.
    function _verify(bytes32 digest, bytes[] calldata sigs) private view {
        uint256 needed = _threshold;
        if (sigs.length < needed) revert InsufficientSignatures(sigs.length, needed);
        uint32 epoch = _signerEpoch;
        address previous = address(0);
        for (uint256 i = 0; i < sigs.length; ++i) {
            address signer = _recover(digest, sigs[i]);
            if (signer <= previous) revert SignaturesNotAscending(signer);
            if (!_isSigner[epoch][signer]) revert NotSigner(signer);
            previous = signer;
        }
    }

    /// @dev Recovers the signer of a 65-byte r ‖ s ‖ v signature.
    function _recover(bytes32 digest, bytes calldata sig) private pure returns (address) {
        if (sig.length != 65) revert InvalidSignatureLength(sig.length);
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (v < 27) v += 27;
        return ECDSA.recover(digest, v, r, s);
    }

    /// @dev Validates and installs a signer set.
    function _installSigners(uint32 epoch, address[] memory signers_, uint32 threshold_) private {
        uint256 n = signers_.length;
        if (n == 0 || n > MAX_SIGNERS) revert InvalidSignerSet();
        if (threshold_ == 0 || threshold_ > n) revert InvalidThreshold(threshold_, n);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            address signer = signers_[i];
            if (signer <= previous) revert InvalidSignerSet();
            _isSigner[epoch][signer] = true;
            previous = signer;
        }
        _signerEpoch = epoch;
        _signers = signers_;
        _threshold = threshold_;
        emit SignersUpdated(epoch, signers_, threshold_);
    }

    /// @dev Whether the limit's window ended: a new one starts with a withdrawal a full period
    ///      after the window's start.
    function _windowExpired(uint64 windowStart, uint64 period) private view returns (bool) {
        // A timestamp skewed by a few seconds moves a window's end by as much: harmless here.
        // forge-lint: disable-next-line(block-timestamp)
        return block.timestamp >= uint256(windowStart) + period;
    }

    /// @dev Takes `amount` from `asset`'s window, starting a new window when the current one ended.
    function _consumeOutflow(uint32 asset, uint128 amount) private {
        OutflowLimit storage limit = _outflow[asset];
        uint64 period = limit.period;
        if (period == 0) return;
        uint128 used = limit.used;
        if (_windowExpired(limit.windowStart, period)) {
            limit.windowStart = SafeCast.toUint64(block.timestamp);
            used = 0;
        }
        uint128 max = limit.maxPerPeriod;
        uint128 available = used >= max ? 0 : max - used;
        if (amount > available) revert OutflowLimitExceeded(asset, amount, available);
        limit.used = used + amount;
    }
}
