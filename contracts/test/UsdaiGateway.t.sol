// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";
import {GatewayBase} from "./GatewayBase.sol";
import {FeeToken, HookToken, PlainToken, ShortVault} from "./Mocks.sol";
import {UsdaiGateway} from "../src/UsdaiGateway.sol";
import {TBillFund} from "../src/TBillFund.sol";
import {TestStablecoin} from "../src/TestStablecoin.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract UsdaiGatewayTest is GatewayBase {
    // ===========================================================================================
    // Construction
    // ===========================================================================================

    function test_constructor_installsSigners() public view {
        vm.assertEq(gateway.signerEpoch(), EPOCH);
        vm.assertEq(gateway.threshold(), 3);
        address[] memory s = gateway.signers();
        vm.assertEq(s.length, 4);
        for (uint256 i = 0; i < 4; i++) {
            vm.assertEq(s[i], signerAddrs[i]);
            vm.assertTrue(gateway.isSigner(s[i]));
        }
        vm.assertEq(gateway.owner(), owner);
        vm.assertEq(gateway.guardian(), guardian);
        vm.assertEq(gateway.nextNonce(), 0);
    }

    function test_constructor_rejectsEmptySet() public {
        vm.expectRevert(UsdaiGateway.InvalidSignerSet.selector);
        new UsdaiGateway(owner, guardian, 0, new address[](0), 1);
    }

    function test_constructor_rejectsThresholdZero() public {
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidThreshold.selector, 0, 4));
        new UsdaiGateway(owner, guardian, 0, signerAddrs, 0);
    }

    function test_constructor_rejectsThresholdAboveSet() public {
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidThreshold.selector, 5, 4));
        new UsdaiGateway(owner, guardian, 0, signerAddrs, 5);
    }

    function test_constructor_rejectsUnsorted() public {
        address[] memory s = new address[](2);
        s[0] = signerAddrs[1];
        s[1] = signerAddrs[0];
        vm.expectRevert(UsdaiGateway.InvalidSignerSet.selector);
        new UsdaiGateway(owner, guardian, 0, s, 1);
    }

    function test_constructor_rejectsDuplicate() public {
        address[] memory s = new address[](2);
        s[0] = signerAddrs[0];
        s[1] = signerAddrs[0];
        vm.expectRevert(UsdaiGateway.InvalidSignerSet.selector);
        new UsdaiGateway(owner, guardian, 0, s, 1);
    }

    function test_constructor_rejectsZeroSigner() public {
        address[] memory s = new address[](2);
        s[0] = address(0);
        s[1] = signerAddrs[0];
        vm.expectRevert(UsdaiGateway.InvalidSignerSet.selector);
        new UsdaiGateway(owner, guardian, 0, s, 1);
    }

    function test_constructor_rejectsZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new UsdaiGateway(address(0), guardian, 0, signerAddrs, 1);
    }

    // ===========================================================================================
    // Deposits
    // ===========================================================================================

    function test_deposit_emitsConsecutiveNonces() public {
        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.Deposited(0, USDC, user, 100e6, ALICE, false);
        vm.prank(user);
        uint64 n0 = gateway.deposit(address(usdc), 100e6, ALICE, false);

        bytes32 bob = bytes32(uint256(0xB0B));
        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.Deposited(1, USDT, user, 7e6, bob, true);
        vm.prank(user);
        uint64 n1 = gateway.deposit(address(usdt), 7e6, bob, true);

        vm.assertEq(n0, 0);
        vm.assertEq(n1, 1);
        vm.assertEq(gateway.nextNonce(), 2);
        vm.assertEq(usdc.balanceOf(address(gateway)), 100e6);
        vm.assertEq(usdt.balanceOf(address(gateway)), 7e6);
    }

    function test_deposit_rejectsUnregisteredToken() public {
        PlainToken other = new PlainToken();
        other.mint(user, 10);
        vm.prank(user);
        other.approve(address(gateway), 10);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.UnknownToken.selector, address(other)));
        vm.prank(user);
        gateway.deposit(address(other), 10, ALICE, false);
    }

    function test_deposit_rejectsZeroAmount() public {
        vm.expectRevert(UsdaiGateway.ZeroAmount.selector);
        vm.prank(user);
        gateway.deposit(address(usdc), 0, ALICE, false);
    }

    function test_deposit_rejectsZeroRecipient() public {
        vm.expectRevert(UsdaiGateway.ZeroRecipient.selector);
        vm.prank(user);
        gateway.deposit(address(usdc), 1e6, bytes32(0), false);
    }

    function test_deposit_creditsBalanceDeltaOfFeeOnTransferToken() public {
        FeeToken fee = new FeeToken(100); // 1 %
        vm.prank(owner);
        gateway.setAsset(7, address(fee), address(0));
        fee.mint(user, 1000e6);
        vm.prank(user);
        fee.approve(address(gateway), type(uint256).max);

        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.Deposited(0, 7, user, 990e6, ALICE, false);
        vm.prank(user);
        gateway.deposit(address(fee), 1000e6, ALICE, false);
        vm.assertEq(fee.balanceOf(address(gateway)), 990e6);
    }

    function test_deposit_rejectsFullFeeToken() public {
        FeeToken fee = new FeeToken(10_000); // everything burnt
        vm.prank(owner);
        gateway.setAsset(7, address(fee), address(0));
        fee.mint(user, 10);
        vm.prank(user);
        fee.approve(address(gateway), 10);
        vm.expectRevert(UsdaiGateway.ZeroAmount.selector);
        vm.prank(user);
        gateway.deposit(address(fee), 10, ALICE, false);
    }

    function test_deposit_reentrancyViaTokenHookReverts() public {
        HookToken hook = new HookToken();
        vm.prank(owner);
        gateway.setAsset(9, address(hook), address(0));
        hook.mint(user, 100);
        vm.prank(user);
        hook.approve(address(gateway), 100);
        hook.arm(address(gateway), abi.encodeCall(UsdaiGateway.deposit, (address(hook), 1, ALICE, false)));
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        vm.prank(user);
        gateway.deposit(address(hook), 10, ALICE, false);
        vm.assertEq(gateway.nextNonce(), 0);
    }

    function testFuzz_deposit_creditsAmount(uint128 amount, bytes32 recipient, bool intoUsdai) public {
        amount = uint128(bound(amount, 1, 1_000_000e6));
        if (recipient == bytes32(0)) recipient = ALICE;
        vm.recordLogs();
        vm.prank(user);
        gateway.deposit(address(usdc), amount, recipient, intoUsdai);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        Vm.Log memory log = logs[logs.length - 1];
        vm.assertEq(log.topics[0], keccak256("Deposited(uint64,uint32,address,uint128,bytes32,bool)"));
        vm.assertEq(uint256(log.topics[1]), 0);
        vm.assertEq(uint256(log.topics[2]), USDC);
        vm.assertEq(address(uint160(uint256(log.topics[3]))), user);
        (uint128 a, bytes32 r, bool into) = abi.decode(log.data, (uint128, bytes32, bool));
        vm.assertEq(a, amount);
        vm.assertEq(r, recipient);
        vm.assertEq(into, intoUsdai);
    }

    // ===========================================================================================
    // Withdrawals and signatures
    // ===========================================================================================

    function test_withdrawal_paysOnceSecondReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(3, ALICE, USDC, 200e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);

        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.WithdrawalExecuted(3, ALICE, USDC, 200e6, dest);
        gateway.executeWithdrawal(3, ALICE, USDC, 200e6, dest, sigs);
        vm.assertEq(usdc.balanceOf(dest), 200e6);
        vm.assertTrue(gateway.executed(3));

        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.AlreadyExecuted.selector, 3));
        gateway.executeWithdrawal(3, ALICE, USDC, 200e6, dest, sigs);
        vm.assertEq(usdc.balanceOf(dest), 200e6);
    }

    function test_withdrawal_noncesInAnyOrder() public {
        _deposit(usdc, 500e6);
        _withdraw(9, USDC, 1e6);
        _withdraw(2, USDC, 1e6);
        _withdraw(0, USDC, 1e6);
        vm.assertTrue(gateway.executed(0) && gateway.executed(2) && gateway.executed(9));
        vm.assertFalse(gateway.executed(1));
        vm.assertEq(usdc.balanceOf(dest), 3e6);
    }

    function test_withdrawal_allSignersAboveThresholdAccepted() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, _sigs(keys, d));
        vm.assertEq(usdc.balanceOf(dest), 5e6);
    }

    function test_withdrawal_belowThresholdReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(2), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InsufficientSignatures.selector, 2, 3));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_duplicateSignatureReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigsAsGiven(_keys3(keys[0], keys[1], keys[1]), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.SignaturesNotAscending.selector, signerAddrs[1]));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_unsortedSignaturesRevert() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigsAsGiven(_keys3(keys[0], keys[2], keys[1]), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.SignaturesNotAscending.selector, signerAddrs[1]));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_outsiderSignatureReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_keys3(keys[0], keys[1], OUTSIDER), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.NotSigner.selector, vm.addr(OUTSIDER)));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_otherGatewaysSignaturesRevert() public {
        _deposit(usdc, 500e6);
        UsdaiGateway other = new UsdaiGateway(owner, guardian, EPOCH, signerAddrs, 3);
        bytes32 d = other.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_otherChainsSignaturesRevert() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.chainId(42161);
        vm.assertTrue(gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest) != d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_wrongContentReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 6e6, dest, sigs); // amount
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, address(0xE71), sigs); // destination
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(2, ALICE, USDC, 5e6, dest, sigs); // nonce
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, bytes32(uint256(1)), USDC, 5e6, dest, sigs); // who
        _deposit(usdt, 500e6);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDT, 5e6, dest, sigs); // asset
    }

    function test_withdrawal_signatureOfAnotherKindReverts() public {
        // A ToSleeve signature over the same nonce, asset and amount does not authorise a
        // withdrawal: the type hash differs.
        _deposit(usdc, 500e6);
        bytes32 d = gateway.toSleeveDigest(1, USDC, 5e6);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_malleableSignatureReverts() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        // Flip the first signature to its high-s twin (same signer for plain ecrecover).
        (bytes32 r, bytes32 s, uint8 v) = _split(sigs[0]);
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes32 highS = bytes32(n - uint256(s));
        vm.assertEq(ecrecover(d, v == 27 ? 28 : 27, r, highS), signerAddrs[0]);
        sigs[0] = abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_acceptsV0And1() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        for (uint256 i = 0; i < sigs.length; i++) {
            (bytes32 r, bytes32 s, uint8 v) = _split(sigs[i]);
            sigs[i] = abi.encodePacked(r, s, v - 27);
        }
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
        vm.assertEq(usdc.balanceOf(dest), 5e6);
    }

    function test_withdrawal_rejectsBadV() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        (bytes32 r, bytes32 s,) = _split(sigs[0]);
        sigs[0] = abi.encodePacked(r, s, uint8(29));
        vm.expectRevert(ECDSA.ECDSAInvalidSignature.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_rejectsShortSignature() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        (bytes32 r, bytes32 s,) = _split(sigs[0]);
        sigs[0] = abi.encodePacked(r, s); // EIP-2098-like 64 bytes
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidSignatureLength.selector, 64));
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sigs);
    }

    function test_withdrawal_rejectsZeroDestinationAndUnknownAsset() public {
        _deposit(usdc, 500e6);
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, address(0));
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(UsdaiGateway.ZeroAddress.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, address(0), sigs);

        d = gateway.withdrawalDigest(1, ALICE, 77, 5e6, dest);
        sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.UnknownAsset.selector, 77));
        gateway.executeWithdrawal(1, ALICE, 77, 5e6, dest, sigs);
    }

    function test_withdrawal_insufficientBalanceRevertsAndNonceStaysUsable() public {
        _deposit(usdc, 1e6);
        bytes32 d = gateway.withdrawalDigest(4, ALICE, USDC, 5e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(IERC20Errors.ERC20InsufficientBalance.selector);
        gateway.executeWithdrawal(4, ALICE, USDC, 5e6, dest, sigs);
        vm.assertFalse(gateway.executed(4));
        _deposit(usdc, 10e6);
        gateway.executeWithdrawal(4, ALICE, USDC, 5e6, dest, sigs);
        vm.assertEq(usdc.balanceOf(dest), 5e6);
    }

    function test_withdrawal_reentrancyViaTokenHookReverts() public {
        HookToken hook = new HookToken();
        vm.prank(owner);
        gateway.setAsset(9, address(hook), address(0));
        hook.mint(address(gateway), 100);
        bytes32 d2 = gateway.withdrawalDigest(2, ALICE, 9, 10, dest);
        bytes memory inner =
            abi.encodeCall(UsdaiGateway.executeWithdrawal, (2, ALICE, 9, 10, dest, _sigs(_first(3), d2)));
        hook.arm(address(gateway), inner);
        bytes32 d1 = gateway.withdrawalDigest(1, ALICE, 9, 10, dest);
        bytes[] memory sigs = _sigs(_first(3), d1);
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        gateway.executeWithdrawal(1, ALICE, 9, 10, dest, sigs);
        vm.assertFalse(gateway.executed(1));
        vm.assertFalse(gateway.executed(2));
    }

    // ===========================================================================================
    // Signer-set rotation
    // ===========================================================================================

    function _newSet() internal pure returns (uint256[] memory ks, address[] memory addrs) {
        uint256[4] memory raw = [uint256(0x6161), 0x6262, 0x6363, 0x5151]; // keeps one old key
        (ks, addrs) = _sorted(raw);
    }

    function _rotate(uint32 epoch, address[] memory addrs, uint32 t, uint256[] memory signingKeys) internal {
        bytes32 d = gateway.relayerSetDigest(epoch, addrs, t);
        gateway.updateSigners(epoch, addrs, t, _sigs(signingKeys, d));
    }

    function test_rotation_byCurrentSetWorks() public {
        (, address[] memory addrs) = _newSet();
        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.SignersUpdated(EPOCH + 1, addrs, 2);
        _rotate(EPOCH + 1, addrs, 2, _first(3));
        vm.assertEq(gateway.signerEpoch(), EPOCH + 1);
        vm.assertEq(gateway.threshold(), 2);
        address[] memory s = gateway.signers();
        vm.assertEq(s.length, 4);
        for (uint256 i = 0; i < 4; i++) vm.assertEq(s[i], addrs[i]);
    }

    function test_rotation_epochMustBeCurrentPlusOne() public {
        (uint256[] memory newKeys, address[] memory addrs) = _newSet();
        bytes32 d = gateway.relayerSetDigest(EPOCH + 2, addrs, 2);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidEpoch.selector, EPOCH + 2, EPOCH + 1));
        gateway.updateSigners(EPOCH + 2, addrs, 2, sigs);

        d = gateway.relayerSetDigest(EPOCH, addrs, 2);
        sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidEpoch.selector, EPOCH, EPOCH + 1));
        gateway.updateSigners(EPOCH, addrs, 2, sigs);

        // A rotation cannot be replayed.
        d = gateway.relayerSetDigest(EPOCH + 1, addrs, 2);
        sigs = _sigs(_first(3), d);
        gateway.updateSigners(EPOCH + 1, addrs, 2, sigs);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InvalidEpoch.selector, EPOCH + 1, EPOCH + 2));
        gateway.updateSigners(EPOCH + 1, addrs, 2, sigs);
        // The new set signs the next one.
        _rotate(EPOCH + 2, signerAddrs, 3, _firstOf(newKeys, 2));
        vm.assertEq(gateway.signerEpoch(), EPOCH + 2);
    }

    function test_rotation_oldSetStopsWorking() public {
        _deposit(usdc, 500e6);
        (uint256[] memory newKeys, address[] memory addrs) = _newSet();
        // Signed by the old set before the rotation, executed after it.
        bytes32 d = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes[] memory oldSigs = _sigs(_first(3), d);
        _rotate(EPOCH + 1, addrs, 2, _first(3));

        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, oldSigs);

        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, _sigs(_firstOf(newKeys, 2), d));
        vm.assertEq(usdc.balanceOf(dest), 5e6);
        for (uint256 i = 0; i < 4; i++) {
            bool kept = signerAddrs[i] == vm.addr(0x5151);
            vm.assertEq(gateway.isSigner(signerAddrs[i]), kept);
        }
    }

    function test_rotation_needsThreshold() public {
        (, address[] memory addrs) = _newSet();
        bytes32 d = gateway.relayerSetDigest(EPOCH + 1, addrs, 2);
        bytes[] memory sigs = _sigs(_first(2), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InsufficientSignatures.selector, 2, 3));
        gateway.updateSigners(EPOCH + 1, addrs, 2, sigs);
    }

    function test_rotation_contentIsSigned() public {
        (, address[] memory addrs) = _newSet();
        bytes32 d = gateway.relayerSetDigest(EPOCH + 1, addrs, 2);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.updateSigners(EPOCH + 1, addrs, 1, sigs); // threshold lowered
        addrs[3] = address(uint160(addrs[3]) + 1);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.updateSigners(EPOCH + 1, addrs, 2, sigs); // a signer swapped
    }

    function _expectRotationRevert(address[] memory addrs, uint32 t, bytes memory err) internal {
        bytes32 d = gateway.relayerSetDigest(EPOCH + 1, addrs, t);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(err);
        gateway.updateSigners(EPOCH + 1, addrs, t, sigs);
    }

    function test_rotation_rejectsInvalidNewSet() public {
        (, address[] memory addrs) = _newSet();
        _expectRotationRevert(addrs, 0, abi.encodeWithSelector(UsdaiGateway.InvalidThreshold.selector, 0, 4));
        _expectRotationRevert(addrs, 5, abi.encodeWithSelector(UsdaiGateway.InvalidThreshold.selector, 5, 4));
        _expectRotationRevert(new address[](0), 1, abi.encodeWithSelector(UsdaiGateway.InvalidSignerSet.selector));
        (addrs[0], addrs[1]) = (addrs[1], addrs[0]);
        _expectRotationRevert(addrs, 2, abi.encodeWithSelector(UsdaiGateway.InvalidSignerSet.selector));
        addrs[0] = addrs[1];
        _expectRotationRevert(addrs, 2, abi.encodeWithSelector(UsdaiGateway.InvalidSignerSet.selector));
        vm.assertEq(gateway.signerEpoch(), EPOCH);
    }

    function test_rotation_ownerCannotChangeSigners() public {
        (uint256[] memory newKeys, address[] memory addrs) = _newSet();
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.InsufficientSignatures.selector, 0, 3));
        gateway.updateSigners(EPOCH + 1, addrs, 1, new bytes[](0));
        // Signed by keys the owner controls (the would-be new set) instead of the current set.
        bytes32 d = gateway.relayerSetDigest(EPOCH + 1, addrs, 1);
        bytes[] memory sigs = _sigs(_keys3(newKeys[0], newKeys[1], newKeys[2]), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.updateSigners(EPOCH + 1, addrs, 1, sigs);
        vm.stopPrank();
        vm.assertEq(gateway.signerEpoch(), EPOCH);
    }

    function test_rotation_allowedWhilePaused() public {
        vm.prank(guardian);
        gateway.pause();
        (, address[] memory addrs) = _newSet();
        _rotate(EPOCH + 1, addrs, 2, _first(3));
        vm.assertEq(gateway.signerEpoch(), EPOCH + 1);
    }

    function _firstOf(uint256[] memory ks, uint256 n) internal pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i = 0; i < n; i++) out[i] = ks[i];
    }

    // ===========================================================================================
    // Rate limit
    // ===========================================================================================

    function test_rateLimit_capsAWindowAndRollsOver() public {
        _deposit(usdc, 1000e6);
        vm.prank(owner);
        gateway.setOutflowLimit(USDC, 1 days, 100e6);
        vm.assertEq(gateway.availableOutflow(USDC), 100e6);

        vm.warp(1_700_000_100);
        _withdraw(1, USDC, 60e6);
        (,, uint64 start, uint128 used) = gateway.outflowLimit(USDC);
        vm.assertEq(start, 1_700_000_100);
        vm.assertEq(used, 60e6);
        vm.assertEq(gateway.availableOutflow(USDC), 40e6);

        bytes32 d = gateway.withdrawalDigest(2, ALICE, USDC, 50e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.OutflowLimitExceeded.selector, USDC, 50e6, 40e6));
        gateway.executeWithdrawal(2, ALICE, USDC, 50e6, dest, sigs);
        vm.assertFalse(gateway.executed(2)); // retried later

        // One second before the window's end: still the same window.
        vm.warp(1_700_000_100 + 1 days - 1);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.OutflowLimitExceeded.selector, USDC, 50e6, 40e6));
        gateway.executeWithdrawal(2, ALICE, USDC, 50e6, dest, sigs);
        _withdraw(3, USDC, 40e6); // exactly the rest
        vm.assertEq(gateway.availableOutflow(USDC), 0);

        // A full period after the window's start: a new window starts at this withdrawal.
        vm.warp(1_700_000_100 + 1 days + 500);
        vm.assertEq(gateway.availableOutflow(USDC), 100e6);
        gateway.executeWithdrawal(2, ALICE, USDC, 50e6, dest, sigs);
        (,, start, used) = gateway.outflowLimit(USDC);
        vm.assertEq(start, 1_700_000_100 + 1 days + 500);
        vm.assertEq(used, 50e6);
        // The new window runs from its own start, not from the old window's end.
        vm.warp(1_700_000_100 + 2 days + 10);
        vm.assertEq(gateway.availableOutflow(USDC), 50e6);
        vm.warp(1_700_000_100 + 2 days + 500);
        vm.assertEq(gateway.availableOutflow(USDC), 100e6);
        vm.assertEq(usdc.balanceOf(dest), 150e6);
    }

    function test_rateLimit_perAsset() public {
        _deposit(usdc, 1000e6);
        _deposit(usdt, 1000e6);
        vm.prank(owner);
        gateway.setOutflowLimit(USDC, 1 hours, 10e6);
        _withdraw(1, USDT, 500e6); // USDT unlimited
        bytes32 d = gateway.withdrawalDigest(2, ALICE, USDC, 11e6, dest);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.OutflowLimitExceeded.selector, USDC, 11e6, 10e6));
        gateway.executeWithdrawal(2, ALICE, USDC, 11e6, dest, sigs);
    }

    function test_rateLimit_onlyOwnerAndRegisteredAsset() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, user));
        vm.prank(user);
        gateway.setOutflowLimit(USDC, 1 days, 1);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.UnknownAsset.selector, 42));
        vm.prank(owner);
        gateway.setOutflowLimit(42, 1 days, 1);
    }

    function testFuzz_rateLimit_neverExceededInAnyWindow(uint64[8] memory gaps, uint128[8] memory amounts) public {
        _deposit(usdc, 1_000_000e6);
        uint64 period = 1000;
        uint128 max = 100e6;
        vm.prank(owner);
        gateway.setOutflowLimit(USDC, period, max);
        uint256 t = block.timestamp;
        uint256[8] memory times;
        uint256[8] memory paid;
        for (uint256 i = 0; i < 8; i++) {
            t += bound(gaps[i], 0, 2 * period);
            vm.warp(t);
            uint128 amount = uint128(bound(amounts[i], 1, max));
            bytes32 d = gateway.withdrawalDigest(uint64(i), ALICE, USDC, amount, dest);
            bytes[] memory sigs = _sigs(_first(3), d);
            uint128 available = gateway.availableOutflow(USDC);
            if (amount > available) {
                vm.expectRevert(
                    abi.encodeWithSelector(UsdaiGateway.OutflowLimitExceeded.selector, USDC, amount, available)
                );
            }
            gateway.executeWithdrawal(uint64(i), ALICE, USDC, amount, dest, sigs);
            times[i] = t;
            paid[i] = amount > available ? 0 : amount;
        }
        // In every interval of `period` seconds starting at a withdrawal, at most 2 × max (two
        // windows overlap it); within one window at most max: check the window bookkeeping.
        for (uint256 i = 0; i < 8; i++) {
            uint256 sum = 0;
            for (uint256 j = i; j < 8 && times[j] < times[i] + period; j++) sum += paid[j];
            vm.assertLe(sum, 2 * uint256(max));
        }
        (,,, uint128 used) = gateway.outflowLimit(USDC);
        vm.assertLe(used, max);
    }

    // ===========================================================================================
    // Pause
    // ===========================================================================================

    function test_pause_guardianPausesOwnerUnpauses() public {
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.NotGuardian.selector, user));
        vm.prank(user);
        gateway.pause();

        vm.prank(guardian);
        gateway.pause();
        vm.assertTrue(gateway.paused());

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vm.prank(guardian);
        gateway.unpause();

        vm.prank(owner);
        gateway.unpause();
        vm.assertFalse(gateway.paused());

        vm.prank(owner); // the owner may pause too
        gateway.pause();
        vm.assertTrue(gateway.paused());
    }

    function test_pause_blocksDepositAndEveryExecute() public {
        _deposit(usdc, 500e6);
        bytes32 dw = gateway.withdrawalDigest(1, ALICE, USDC, 5e6, dest);
        bytes32 ds = gateway.toSleeveDigest(2, USDC, 5e6);
        bytes32 dr = gateway.recallDigest(3, USDC, 5e6);
        bytes[] memory sw = _sigs(_first(3), dw);
        bytes[] memory ss = _sigs(_first(3), ds);
        bytes[] memory sr = _sigs(_first(3), dr);

        vm.prank(guardian);
        gateway.pause();

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(user);
        gateway.deposit(address(usdc), 1e6, ALICE, false);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sw);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        gateway.executeToSleeve(2, USDC, 5e6, ss);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        gateway.executeRecall(3, USDC, 5e6, sr);

        vm.prank(owner);
        gateway.unpause();
        gateway.executeWithdrawal(1, ALICE, USDC, 5e6, dest, sw);
        gateway.executeToSleeve(2, USDC, 5e6, ss);
        gateway.executeRecall(3, USDC, 5e6, sr);
    }

    function test_setGuardian_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian));
        vm.prank(guardian);
        gateway.setGuardian(user);
        vm.prank(owner);
        gateway.setGuardian(user);
        vm.prank(user);
        gateway.pause();
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.NotGuardian.selector, guardian));
        vm.prank(guardian);
        gateway.pause();
    }

    // ===========================================================================================
    // Sleeve
    // ===========================================================================================

    function test_toSleeve_depositsIntoFundAndValueGrows() public {
        _deposit(usdc, 10_000e6);
        vm.expectEmit(true, false, false, false, address(gateway));
        emit UsdaiGateway.MovedToSleeve(4, USDC, 8_000e6, 0);
        _toSleeve(4, USDC, 8_000e6);
        vm.assertTrue(gateway.executed(4));
        vm.assertEq(usdc.balanceOf(address(gateway)), 2_000e6);
        vm.assertEq(usdc.balanceOf(address(usdcFund)), 8_000e6);
        uint256 shares = usdcFund.balanceOf(address(gateway));
        vm.assertGt(shares, 0);
        vm.assertEq(usdc.allowance(address(gateway), address(usdcFund)), 0);
        uint256 v0 = usdcFund.convertToAssets(shares);
        vm.assertApproxEqAbs(v0, 8_000e6, 1);

        vm.warp(block.timestamp + 365 days);
        uint256 v1 = usdcFund.convertToAssets(shares);
        // 5 % a year, simple interest: ≈ 8,400 USDC.
        vm.assertApproxEqAbs(v1, 8_400e6, 1e6);
        vm.assertEq(usdc.balanceOf(address(usdcFund)), 8_000e6); // no transaction happened
    }

    function test_toSleeve_onceAndSigned() public {
        _deposit(usdc, 10_000e6);
        bytes32 d = gateway.toSleeveDigest(4, USDC, 1_000e6);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectPartialRevert(UsdaiGateway.NotSigner.selector);
        gateway.executeToSleeve(4, USDC, 2_000e6, sigs);
        gateway.executeToSleeve(4, USDC, 1_000e6, sigs);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.AlreadyExecuted.selector, 4));
        gateway.executeToSleeve(4, USDC, 1_000e6, sigs);
        // The outbound numbering is shared: a withdrawal with nonce 4 is refused too.
        bytes32 dw = gateway.withdrawalDigest(4, ALICE, USDC, 1e6, dest);
        bytes[] memory sw = _sigs(_first(3), dw);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.AlreadyExecuted.selector, 4));
        gateway.executeWithdrawal(4, ALICE, USDC, 1e6, dest, sw);
    }

    function test_recall_withdrawsAndEmitsSleeveReturnedInDepositSequence() public {
        _deposit(usdc, 10_000e6); // inbound 0
        _deposit(usdt, 5e6); // inbound 1
        _toSleeve(4, USDC, 8_000e6);
        vm.warp(block.timestamp + 30 days);

        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.SleeveReturned(2, 6, USDC, 3_000e6);
        _recall(6, USDC, 3_000e6);
        vm.assertTrue(gateway.executed(6));
        vm.assertEq(usdc.balanceOf(address(gateway)), 5_000e6);
        vm.assertEq(gateway.nextNonce(), 3);
        // What is left in the fund is worth the rest plus the yield.
        uint256 left = usdcFund.convertToAssets(usdcFund.balanceOf(address(gateway)));
        vm.assertGt(left, 5_000e6);

        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.Deposited(3, USDC, user, 1e6, ALICE, false);
        _deposit(usdc, 1e6);

        bytes32 d = gateway.recallDigest(6, USDC, 3_000e6);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.AlreadyExecuted.selector, 6));
        gateway.executeRecall(6, USDC, 3_000e6, sigs);
    }

    function test_recall_vaultReturningLessReverts() public {
        PlainToken token = new PlainToken();
        ShortVault vault = new ShortVault(token);
        vm.prank(owner);
        gateway.setAsset(5, address(token), address(vault));
        token.mint(address(gateway), 1_000e6);
        _toSleeve(1, 5, 1_000e6);

        vault.setBps(10_000, 9_000); // pays 90 %
        bytes32 d = gateway.recallDigest(2, 5, 500e6);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.SleeveMismatch.selector, 500e6, 450e6));
        gateway.executeRecall(2, 5, 500e6, sigs);
        vm.assertFalse(gateway.executed(2));
        vm.assertEq(gateway.nextNonce(), 0);

        vault.setBps(10_000, 10_000); // liquidity back: the same message executes
        gateway.executeRecall(2, 5, 500e6, sigs);
        vm.assertEq(gateway.nextNonce(), 1);
    }

    function test_toSleeve_vaultTakingLessReverts() public {
        PlainToken token = new PlainToken();
        ShortVault vault = new ShortVault(token);
        vm.prank(owner);
        gateway.setAsset(5, address(token), address(vault));
        token.mint(address(gateway), 1_000e6);
        vault.setBps(5_000, 10_000);
        bytes32 d = gateway.toSleeveDigest(1, 5, 1_000e6);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.SleeveMismatch.selector, 1_000e6, 500e6));
        gateway.executeToSleeve(1, 5, 1_000e6, sigs);
        vm.assertFalse(gateway.executed(1));
    }

    function test_sleeve_needsVault() public {
        PlainToken token = new PlainToken();
        vm.prank(owner);
        gateway.setAsset(5, address(token), address(0));
        bytes32 d = gateway.toSleeveDigest(1, 5, 1);
        bytes[] memory sigs = _sigs(_first(3), d);
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.NoSleeveVault.selector, 5));
        gateway.executeToSleeve(1, 5, 1, sigs);
    }

    // ===========================================================================================
    // Asset registry and ownership
    // ===========================================================================================

    function test_setAsset_rules() public {
        PlainToken token = new PlainToken();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, user));
        vm.prank(user);
        gateway.setAsset(5, address(token), address(0));

        vm.startPrank(owner);
        vm.expectRevert(UsdaiGateway.ZeroAddress.selector);
        gateway.setAsset(5, address(0), address(0));
        // One token, one asset.
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.TokenAlreadyRegistered.selector, address(usdc), USDC));
        gateway.setAsset(5, address(usdc), address(0));
        // An asset's token never changes.
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.AssetTokenFixed.selector, USDC, address(usdc)));
        gateway.setAsset(USDC, address(token), address(0));
        // The vault must be over the token.
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.VaultAssetMismatch.selector, address(usdtFund)));
        gateway.setAsset(USDC, address(usdc), address(usdtFund));
        vm.stopPrank();

        (bool registered, uint32 asset) = gateway.tokenAsset(address(usdt));
        vm.assertTrue(registered);
        vm.assertEq(asset, USDT);
        vm.assertEq(gateway.assetToken(USDT), address(usdt));
        vm.assertEq(gateway.assetVault(USDT), address(usdtFund));
        (registered,) = gateway.tokenAsset(address(token));
        vm.assertFalse(registered);
    }

    function test_setAsset_assetZeroIsAnAsset() public {
        PlainToken token = new PlainToken();
        vm.prank(owner);
        gateway.setAsset(0, address(token), address(0));
        token.mint(user, 5);
        vm.startPrank(user);
        token.approve(address(gateway), 5);
        vm.expectEmit(true, true, true, true, address(gateway));
        emit UsdaiGateway.Deposited(0, 0, user, 5, ALICE, false);
        gateway.deposit(address(token), 5, ALICE, false);
        vm.stopPrank();
    }

    function test_setAsset_vaultChangeOnlyWhenEmpty() public {
        vm.prank(owner);
        usdcFund.setRate(0); // exact share arithmetic: everything can be recalled
        _deposit(usdc, 100e6);
        _toSleeve(1, USDC, 50e6);
        TBillFund other = new TBillFund(usdc, "other", "o", owner, 0);
        uint256 shares = usdcFund.balanceOf(address(gateway));
        vm.expectRevert(abi.encodeWithSelector(UsdaiGateway.SleeveNotEmpty.selector, address(usdcFund), shares));
        vm.prank(owner);
        gateway.setAsset(USDC, address(usdc), address(other));

        _recall(2, USDC, 50e6);
        vm.assertEq(usdcFund.balanceOf(address(gateway)), 0);
        vm.prank(owner);
        gateway.setAsset(USDC, address(usdc), address(other));
        vm.assertEq(gateway.assetVault(USDC), address(other));
    }

    function test_ownership_twoStepAndNoRenounce() public {
        vm.expectRevert(UsdaiGateway.RenounceDisabled.selector);
        vm.prank(owner);
        gateway.renounceOwnership();
        vm.prank(owner);
        gateway.transferOwnership(user);
        vm.assertEq(gateway.owner(), owner);
        vm.prank(user);
        gateway.acceptOwnership();
        vm.assertEq(gateway.owner(), user);
    }

    // ===========================================================================================
    // Digests by hand
    // ===========================================================================================

    function _domain(address verifyingContract) internal view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes("USDai Gateway")),
                keccak256(bytes("1")),
                block.chainid,
                verifyingContract
            )
        );
    }

    function _typed(bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", _domain(address(gateway)), structHash));
    }

    function test_digests_matchHandComputed() public view {
        vm.assertEq(gateway.domainSeparator(), _domain(address(gateway)));
        bytes32 w = keccak256(
            abi.encode(
                keccak256("Withdrawal(uint64 nonce,bytes32 who,uint32 asset,uint128 amount,address destination)"),
                uint64(11),
                ALICE,
                uint32(2),
                uint128(123_456),
                dest
            )
        );
        vm.assertEq(gateway.withdrawalDigest(11, ALICE, 2, 123_456, dest), _typed(w));

        bytes32 t = keccak256(
            abi.encode(keccak256("ToSleeve(uint64 nonce,uint32 asset,uint128 amount)"), uint64(12), uint32(1), uint128(7))
        );
        vm.assertEq(gateway.toSleeveDigest(12, 1, 7), _typed(t));

        bytes32 r = keccak256(
            abi.encode(
                keccak256("Recall(uint64 nonce,uint32 asset,uint128 amount)"), uint64(13), uint32(2), type(uint128).max
            )
        );
        vm.assertEq(gateway.recallDigest(13, 2, type(uint128).max), _typed(r));

        bytes32 packed;
        {
            bytes memory enc;
            for (uint256 i = 0; i < signerAddrs.length; i++) {
                enc = bytes.concat(enc, bytes32(uint256(uint160(signerAddrs[i]))));
            }
            packed = keccak256(enc);
        }
        bytes32 s = keccak256(
            abi.encode(
                keccak256("RelayerSet(uint32 epoch,address[] signers,uint32 threshold)"), uint32(5), packed, uint32(3)
            )
        );
        vm.assertEq(gateway.relayerSetDigest(5, signerAddrs, 3), _typed(s));
    }

    // ===========================================================================================
    // Helpers
    // ===========================================================================================

    function _split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
    }

    function bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        if (hi <= lo) return lo;
        return lo + x % (hi - lo + 1);
    }
}
