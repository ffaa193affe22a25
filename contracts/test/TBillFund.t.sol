// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {TBillFund} from "../src/TBillFund.sol";
import {TestStablecoin} from "../src/TestStablecoin.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract TBillFundTest is TestBase {
    uint256 internal constant RATE = 1_585_489_599; // ≈ 5 % a year
    address internal owner = address(0x0A);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    TestStablecoin internal usdc;
    TBillFund internal fund;

    function setUp() public {
        vm.warp(1_700_000_000);
        usdc = new TestStablecoin("USD Coin (test)", "USDC", owner);
        fund = new TBillFund(usdc, "T-bill fund USDC", "tbUSDC", owner, RATE);
        vm.startPrank(owner);
        usdc.setMinter(address(fund), true);
        usdc.mint(alice, 1_000_000e6);
        usdc.mint(bob, 1_000_000e6);
        vm.stopPrank();
        vm.prank(alice);
        usdc.approve(address(fund), type(uint256).max);
        vm.prank(bob);
        usdc.approve(address(fund), type(uint256).max);
    }

    function _expected(uint256 principal, uint256 secs) internal pure returns (uint256) {
        return principal + principal * RATE * secs / 1e18;
    }

    function test_metadata() public view {
        vm.assertEq(fund.asset(), address(usdc));
        vm.assertEq(fund.decimals(), 12); // 6 + offset 6
        vm.assertEq(fund.ratePerSecond(), RATE);
        vm.assertEq(fund.owner(), owner);
    }

    function test_valueGrowsWithTimeWithoutATransaction() public {
        vm.prank(alice);
        uint256 shares = fund.deposit(10_000e6, alice);
        uint256 v0 = fund.convertToAssets(shares);
        vm.assertApproxEqAbs(v0, 10_000e6, 1);

        vm.warp(block.timestamp + 1 days);
        vm.assertEq(fund.totalAssets(), _expected(10_000e6, 1 days));
        vm.assertGt(fund.convertToAssets(shares), v0);
        vm.assertEq(usdc.balanceOf(address(fund)), 10_000e6); // nothing minted yet
        vm.assertEq(fund.pendingYield(), _expected(10_000e6, 1 days) - 10_000e6);

        vm.warp(block.timestamp + 364 days);
        vm.assertApproxEqAbs(fund.convertToAssets(shares), 10_500e6, 1e6);
    }

    function test_accrueMintsPendingWithoutChangingThePrice() public {
        vm.prank(alice);
        uint256 shares = fund.deposit(10_000e6, alice);
        vm.warp(block.timestamp + 10 days);
        uint256 before = fund.convertToAssets(shares);
        fund.accrue();
        vm.assertEq(usdc.balanceOf(address(fund)), _expected(10_000e6, 10 days));
        vm.assertEq(fund.pendingYield(), 0);
        vm.assertEq(fund.lastAccrual(), block.timestamp);
        vm.assertEq(fund.convertToAssets(shares), before);
    }

    function test_depositAndWithdrawAccrueFirst() public {
        vm.prank(alice);
        uint256 aliceShares = fund.deposit(10_000e6, alice);
        vm.warp(block.timestamp + 100 days);
        uint256 aliceValue = fund.convertToAssets(aliceShares);

        // Bob's deposit mints the accrual and does not dilute Alice's yield.
        vm.prank(bob);
        uint256 bobShares = fund.deposit(10_000e6, bob);
        vm.assertEq(fund.lastAccrual(), block.timestamp);
        vm.assertEq(usdc.balanceOf(address(fund)), _expected(10_000e6, 100 days) + 10_000e6);
        vm.assertApproxEqAbs(fund.convertToAssets(aliceShares), aliceValue, 1);
        vm.assertApproxEqAbs(fund.convertToAssets(bobShares), 10_000e6, 1);

        // Alice takes out all her value.
        vm.warp(block.timestamp + 1);
        uint256 max = fund.maxWithdraw(alice);
        vm.assertGe(max, aliceValue);
        vm.prank(alice);
        fund.withdraw(max, alice, alice);
        vm.assertEq(usdc.balanceOf(alice), 1_000_000e6 - 10_000e6 + max);
        vm.assertEq(fund.lastAccrual(), block.timestamp);
    }

    function test_setRateAccruesAtTheOldRateFirst() public {
        vm.prank(alice);
        fund.deposit(10_000e6, alice);
        vm.warp(block.timestamp + 30 days);
        uint256 pending = fund.pendingYield();
        vm.prank(owner);
        fund.setRate(0);
        vm.assertEq(usdc.balanceOf(address(fund)), 10_000e6 + pending);
        vm.warp(block.timestamp + 30 days);
        vm.assertEq(fund.totalAssets(), 10_000e6 + pending);
    }

    function test_setRateOnlyOwnerAndCapped() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        fund.setRate(1);
        vm.expectRevert(abi.encodeWithSelector(TBillFund.RateTooHigh.selector, 1e18 + 1));
        vm.prank(owner);
        fund.setRate(1e18 + 1);
    }

    function test_addYieldOnlyOwner() public {
        vm.prank(alice);
        uint256 shares = fund.deposit(1_000e6, alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        fund.addYield(1);
        vm.prank(owner);
        fund.addYield(10e6);
        vm.assertApproxEqAbs(fund.convertToAssets(shares), 1_010e6, 1);
    }

    function test_needsMinterRoleToAccrue() public {
        vm.prank(alice);
        fund.deposit(1_000e6, alice);
        vm.prank(owner);
        usdc.setMinter(address(fund), false);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(TestStablecoin.NotMinter.selector, address(fund)));
        vm.prank(alice);
        fund.deposit(1e6, alice);
    }

    /// The classic first-depositor attack: deposit 1 base unit, donate a lot, and hope the
    /// victim's deposit rounds to zero shares. The decimals offset makes it a loss for the attacker.
    function test_inflationAttackIsUnprofitable() public {
        vm.prank(owner);
        fund.setRate(0);
        address attacker = address(0xBAD);
        vm.prank(owner);
        usdc.mint(attacker, 10_001e6);
        vm.startPrank(attacker);
        usdc.approve(address(fund), type(uint256).max);
        uint256 attackerShares = fund.deposit(1, attacker);
        usdc.transfer(address(fund), 10_000e6); // donation
        vm.stopPrank();

        vm.prank(alice);
        uint256 victimShares = fund.deposit(1_000e6, alice);
        vm.assertGt(victimShares, 0);
        // The victim loses at most a rounding of ~0.01 % to the donation.
        vm.assertGe(fund.convertToAssets(victimShares), 999_900_000);
        // The attacker gets back about half of what it put in (the virtual shares keep the rest).
        vm.assertLt(fund.convertToAssets(attackerShares), 5_001e6);
    }

    function testFuzz_totalAssetsIsBalancePlusSimpleInterest(uint96 amount, uint32 secs) public {
        uint256 a = uint256(amount) % 1_000_000e6 + 1;
        vm.prank(alice);
        fund.deposit(a, alice);
        vm.warp(block.timestamp + secs);
        vm.assertEq(fund.totalAssets(), a + a * RATE * uint256(secs) / 1e18);
    }
}

contract TestStablecoinTest is TestBase {
    address internal owner = address(0x0A);
    address internal minter = address(0x11);
    TestStablecoin internal token;

    function setUp() public {
        token = new TestStablecoin("USD Coin (test)", "USDC", owner);
    }

    function test_decimalsAndMetadata() public view {
        vm.assertEq(token.decimals(), 6);
        vm.assertEq(token.symbol(), "USDC");
        vm.assertEq(token.totalSupply(), 0);
    }

    function test_ownerAndMintersMint() public {
        vm.prank(owner);
        token.mint(address(1), 5);
        vm.expectRevert(abi.encodeWithSelector(TestStablecoin.NotMinter.selector, minter));
        vm.prank(minter);
        token.mint(address(1), 5);
        vm.prank(owner);
        token.setMinter(minter, true);
        vm.assertTrue(token.isMinter(minter));
        vm.prank(minter);
        token.mint(address(1), 5);
        vm.assertEq(token.balanceOf(address(1)), 10);
        vm.prank(owner);
        token.setMinter(minter, false);
        vm.expectRevert(abi.encodeWithSelector(TestStablecoin.NotMinter.selector, minter));
        vm.prank(minter);
        token.mint(address(1), 5);
    }

    function test_setMinterOnlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, minter));
        vm.prank(minter);
        token.setMinter(minter, true);
    }
}
