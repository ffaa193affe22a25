// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {UsdaiGateway} from "../src/UsdaiGateway.sol";
import {TBillFund} from "../src/TBillFund.sol";
import {TestStablecoin} from "../src/TestStablecoin.sol";

/// @notice A gateway with USDC (asset 1) and USDT (asset 2) test tokens, a T-bill fund each,
///         and a 3-of-4 signer set; helpers to sign its messages.
abstract contract GatewayBase is TestBase {
    uint32 internal constant USDC = 1;
    uint32 internal constant USDT = 2;
    uint32 internal constant EPOCH = 1;
    bytes32 internal constant ALICE = bytes32(uint256(0xA11CE));
    uint256 internal constant RATE = 1_585_489_599; // ≈ 5 % a year

    address internal owner = address(0x0A);
    address internal guardian = address(0x6A);
    address internal user = address(0xBEEF);
    address internal dest = address(0xDE57);

    UsdaiGateway internal gateway;
    TestStablecoin internal usdc;
    TestStablecoin internal usdt;
    TBillFund internal usdcFund;
    TBillFund internal usdtFund;

    /// Private keys of the signer set, ascending by address.
    uint256[] internal keys;
    /// Their addresses, ascending.
    address[] internal signerAddrs;
    /// A key outside the set.
    uint256 internal constant OUTSIDER = 0x0BAD;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        uint256[4] memory raw = [uint256(0x5151), 0x5252, 0x5353, 0x5454];
        (keys, signerAddrs) = _sorted(raw);
        gateway = new UsdaiGateway(owner, guardian, EPOCH, signerAddrs, 3);

        usdc = new TestStablecoin("USD Coin (test)", "USDC", owner);
        usdt = new TestStablecoin("Tether USD (test)", "USDT", owner);
        usdcFund = new TBillFund(usdc, "T-bill fund USDC", "tbUSDC", owner, RATE);
        usdtFund = new TBillFund(usdt, "T-bill fund USDT", "tbUSDT", owner, RATE);
        vm.startPrank(owner);
        usdc.setMinter(address(usdcFund), true);
        usdt.setMinter(address(usdtFund), true);
        gateway.setAsset(USDC, address(usdc), address(usdcFund));
        gateway.setAsset(USDT, address(usdt), address(usdtFund));
        usdc.mint(user, 1_000_000e6);
        usdt.mint(user, 1_000_000e6);
        vm.stopPrank();
        vm.startPrank(user);
        usdc.approve(address(gateway), type(uint256).max);
        usdt.approve(address(gateway), type(uint256).max);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------
    // Keys and signatures
    // ---------------------------------------------------------------------------------------

    function _sorted(uint256[4] memory raw) internal pure returns (uint256[] memory ks, address[] memory addrs) {
        ks = new uint256[](raw.length);
        for (uint256 i = 0; i < raw.length; i++) ks[i] = raw[i];
        _sortByAddress(ks);
        addrs = new address[](ks.length);
        for (uint256 i = 0; i < ks.length; i++) addrs[i] = vm.addr(ks[i]);
    }

    function _sortByAddress(uint256[] memory ks) internal pure {
        for (uint256 i = 1; i < ks.length; i++) {
            for (uint256 j = i; j > 0 && vm.addr(ks[j - 1]) > vm.addr(ks[j]); j--) {
                (ks[j - 1], ks[j]) = (ks[j], ks[j - 1]);
            }
        }
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// Signatures by `ks` in the given order.
    function _sigsAsGiven(uint256[] memory ks, bytes32 digest) internal pure returns (bytes[] memory sigs) {
        sigs = new bytes[](ks.length);
        for (uint256 i = 0; i < ks.length; i++) sigs[i] = _sign(ks[i], digest);
    }

    /// Signatures by `ks`, ordered by ascending signer address.
    function _sigs(uint256[] memory ks, bytes32 digest) internal pure returns (bytes[] memory) {
        uint256[] memory copy = new uint256[](ks.length);
        for (uint256 i = 0; i < ks.length; i++) copy[i] = ks[i];
        _sortByAddress(copy);
        return _sigsAsGiven(copy, digest);
    }

    /// The first `n` keys of the set (ascending).
    function _first(uint256 n) internal view returns (uint256[] memory ks) {
        ks = new uint256[](n);
        for (uint256 i = 0; i < n; i++) ks[i] = keys[i];
    }

    function _keys3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory ks) {
        ks = new uint256[](3);
        ks[0] = a;
        ks[1] = b;
        ks[2] = c;
    }

    // ---------------------------------------------------------------------------------------
    // Flows
    // ---------------------------------------------------------------------------------------

    function _deposit(TestStablecoin token, uint128 amount) internal returns (uint64) {
        vm.prank(user);
        return gateway.deposit(address(token), amount, ALICE, false);
    }

    function _withdraw(uint64 nonce, uint32 asset, uint128 amount) internal {
        bytes32 d = gateway.withdrawalDigest(nonce, ALICE, asset, amount, dest);
        gateway.executeWithdrawal(nonce, ALICE, asset, amount, dest, _sigs(_first(3), d));
    }

    function _toSleeve(uint64 nonce, uint32 asset, uint128 amount) internal {
        bytes32 d = gateway.toSleeveDigest(nonce, asset, amount);
        gateway.executeToSleeve(nonce, asset, amount, _sigs(_first(3), d));
    }

    function _recall(uint64 nonce, uint32 asset, uint128 amount) internal {
        bytes32 d = gateway.recallDigest(nonce, asset, amount);
        gateway.executeRecall(nonce, asset, amount, _sigs(_first(3), d));
    }
}
