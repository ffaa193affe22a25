// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {UsdaiGateway} from "../src/UsdaiGateway.sol";
import {TBillFund} from "../src/TBillFund.sol";
import {TestStablecoin} from "../src/TestStablecoin.sol";

/// @notice Fixed EIP-712 vectors shared with the chain (pallet-treasury-bridge) and the relayer:
///         the gateway's digests at a fixed domain equal the hard-coded bytes, the hand-built
///         ones, and those in test-vectors.json (computed with viem, cross-checked with cast, i.e.
///         alloy); forge's RFC 6979 signatures by anvil's first dev key equal the file's too.
contract TestVectorsTest is TestBase {
    uint256 internal constant KEY = 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;
    address internal constant KEY_ADDRESS = 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;
    address internal constant VERIFYING_CONTRACT = 0x5FbDB2315678afecb367f032d93F642f64180aa3;
    uint256 internal constant CHAIN_ID = 31337;

    bytes32 internal constant DOMAIN_SEPARATOR = 0x047369858e01b8a9debfb59991e5cd8dcfc44749797b999e205ed3d96ecb5ee7;
    bytes32 internal constant WITHDRAWAL_DIGEST = 0x93f160cce306586ddd1e5db63d01762848854a81d3998c9ae4098f357029c144;
    bytes32 internal constant TO_SLEEVE_DIGEST = 0x41bbb8b064f5ca57cecd7f9730ff14647fc265445e8c5388f3c2e115ff777534;
    bytes32 internal constant RECALL_DIGEST = 0xe37a6790eb04bb27f12c06247f7b3e71eee454cbd3870883edf60dde4cedc206;
    bytes32 internal constant RELAYER_SET_DIGEST = 0x1d2b7525eade54f19816355b13e62de443ebeec59fb40876c43d79dc2b685edb;

    // Withdrawal
    uint64 internal constant W_NONCE = 7;
    bytes32 internal constant W_WHO = 0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d;
    uint32 internal constant W_ASSET = 1;
    uint128 internal constant W_AMOUNT = 1234567890;
    address internal constant W_DESTINATION = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
    // ToSleeve
    uint64 internal constant T_NONCE = 8;
    uint32 internal constant T_ASSET = 2;
    uint128 internal constant T_AMOUNT = 5000000000;
    // Recall
    uint64 internal constant R_NONCE = type(uint64).max;
    uint32 internal constant R_ASSET = 1;
    uint128 internal constant R_AMOUNT = type(uint128).max;
    // RelayerSet
    uint32 internal constant S_EPOCH = 2;
    uint32 internal constant S_THRESHOLD = 2;

    UsdaiGateway internal gateway;
    string internal json;

    function _relayerSetSigners() internal pure returns (address[] memory s) {
        s = new address[](3);
        s[0] = 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC;
        s[1] = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
        s[2] = 0x90F79bf6EB2c4f870365E785982E1f101E93b906;
    }

    function setUp() public {
        vm.chainId(CHAIN_ID);
        address[] memory one = new address[](1);
        one[0] = KEY_ADDRESS;
        // The dev key's first contract lands at the vectors' verifying contract (CREATE, nonce 0):
        // a real gateway with a 1-of-1 set of the dev key at epoch 1.
        vm.prank(KEY_ADDRESS);
        gateway = new UsdaiGateway(address(this), address(0), 1, one, 1);
        vm.assertEq(address(gateway), VERIFYING_CONTRACT);
        json = vm.readFile("test-vectors.json");
    }

    function _sig(bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(KEY, digest);
        return abi.encodePacked(r, s, v);
    }

    function _typed(bytes32 structHash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", DOMAIN_SEPARATOR, structHash));
    }

    function test_vector_domain() public view {
        bytes32 byHand = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("USDai Gateway"),
                keccak256("1"),
                CHAIN_ID,
                VERIFYING_CONTRACT
            )
        );
        vm.assertEq(byHand, DOMAIN_SEPARATOR);
        vm.assertEq(gateway.domainSeparator(), DOMAIN_SEPARATOR);
        vm.assertEq(vm.parseJsonBytes32(json, ".domainSeparator"), DOMAIN_SEPARATOR);
        vm.assertEq(vm.parseJsonUint(json, ".domain.chainId"), CHAIN_ID);
        vm.assertEq(vm.parseJsonAddress(json, ".domain.verifyingContract"), VERIFYING_CONTRACT);
        vm.assertEq(vm.parseJsonString(json, ".domain.name"), "USDai Gateway");
        vm.assertEq(vm.parseJsonString(json, ".domain.version"), "1");
        vm.assertEq(vm.parseJsonAddress(json, ".signer.address"), KEY_ADDRESS);
        vm.assertEq(vm.addr(KEY), KEY_ADDRESS);
    }

    function test_vector_withdrawal() public view {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Withdrawal(uint64 nonce,bytes32 who,uint32 asset,uint128 amount,address destination)"),
                W_NONCE,
                W_WHO,
                W_ASSET,
                W_AMOUNT,
                W_DESTINATION
            )
        );
        vm.assertEq(_typed(structHash), WITHDRAWAL_DIGEST);
        vm.assertEq(gateway.withdrawalDigest(W_NONCE, W_WHO, W_ASSET, W_AMOUNT, W_DESTINATION), WITHDRAWAL_DIGEST);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.withdrawal.structHash"), structHash);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.withdrawal.digest"), WITHDRAWAL_DIGEST);
        vm.assertEq(vm.parseJsonUint(json, ".messages.withdrawal.fields.nonce"), W_NONCE);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.withdrawal.fields.who"), W_WHO);
        vm.assertEq(vm.parseJsonUint(json, ".messages.withdrawal.fields.asset"), W_ASSET);
        vm.assertEq(vm.parseJsonUint(json, ".messages.withdrawal.fields.amount"), W_AMOUNT);
        vm.assertEq(vm.parseJsonAddress(json, ".messages.withdrawal.fields.destination"), W_DESTINATION);
        vm.assertEq(vm.parseJsonBytes(json, ".messages.withdrawal.signature"), _sig(WITHDRAWAL_DIGEST));
    }

    function test_vector_toSleeve() public view {
        bytes32 structHash = keccak256(
            abi.encode(keccak256("ToSleeve(uint64 nonce,uint32 asset,uint128 amount)"), T_NONCE, T_ASSET, T_AMOUNT)
        );
        vm.assertEq(_typed(structHash), TO_SLEEVE_DIGEST);
        vm.assertEq(gateway.toSleeveDigest(T_NONCE, T_ASSET, T_AMOUNT), TO_SLEEVE_DIGEST);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.toSleeve.structHash"), structHash);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.toSleeve.digest"), TO_SLEEVE_DIGEST);
        vm.assertEq(vm.parseJsonUint(json, ".messages.toSleeve.fields.nonce"), T_NONCE);
        vm.assertEq(vm.parseJsonUint(json, ".messages.toSleeve.fields.asset"), T_ASSET);
        vm.assertEq(vm.parseJsonUint(json, ".messages.toSleeve.fields.amount"), T_AMOUNT);
        vm.assertEq(vm.parseJsonBytes(json, ".messages.toSleeve.signature"), _sig(TO_SLEEVE_DIGEST));
    }

    function test_vector_recall() public view {
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Recall(uint64 nonce,uint32 asset,uint128 amount)"), R_NONCE, R_ASSET, R_AMOUNT)
        );
        vm.assertEq(_typed(structHash), RECALL_DIGEST);
        vm.assertEq(gateway.recallDigest(R_NONCE, R_ASSET, R_AMOUNT), RECALL_DIGEST);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.recall.structHash"), structHash);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.recall.digest"), RECALL_DIGEST);
        vm.assertEq(vm.parseJsonUint(json, ".messages.recall.fields.nonce"), R_NONCE);
        vm.assertEq(vm.parseJsonUint(json, ".messages.recall.fields.asset"), R_ASSET);
        vm.assertEq(vm.parseJsonUint(json, ".messages.recall.fields.amount"), R_AMOUNT);
        vm.assertEq(vm.parseJsonBytes(json, ".messages.recall.signature"), _sig(RECALL_DIGEST));
    }

    function test_vector_relayerSet() public view {
        address[] memory s = _relayerSetSigners();
        bytes32 packed = keccak256(
            abi.encodePacked(
                bytes32(uint256(uint160(s[0]))), bytes32(uint256(uint160(s[1]))), bytes32(uint256(uint160(s[2])))
            )
        );
        vm.assertEq(packed, keccak256(abi.encodePacked(s)));
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("RelayerSet(uint32 epoch,address[] signers,uint32 threshold)"), S_EPOCH, packed, S_THRESHOLD
            )
        );
        vm.assertEq(_typed(structHash), RELAYER_SET_DIGEST);
        vm.assertEq(gateway.relayerSetDigest(S_EPOCH, s, S_THRESHOLD), RELAYER_SET_DIGEST);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.relayerSet.structHash"), structHash);
        vm.assertEq(vm.parseJsonBytes32(json, ".messages.relayerSet.digest"), RELAYER_SET_DIGEST);
        vm.assertEq(vm.parseJsonUint(json, ".messages.relayerSet.fields.epoch"), S_EPOCH);
        vm.assertEq(vm.parseJsonUint(json, ".messages.relayerSet.fields.threshold"), S_THRESHOLD);
        address[] memory fromJson = vm.parseJsonAddressArray(json, ".messages.relayerSet.fields.signers");
        vm.assertEq(fromJson.length, 3);
        for (uint256 i = 0; i < 3; i++) vm.assertEq(fromJson[i], s[i]);
        vm.assertEq(vm.parseJsonBytes(json, ".messages.relayerSet.signature"), _sig(RELAYER_SET_DIGEST));
    }

    /// The file's signatures execute on a real gateway at the vectors' domain whose signer set is
    /// the dev key alone (the Recall's u128::MAX amount cannot be funded; its digest is checked above).
    function test_vector_signaturesExecuteOnGateway() public {
        TestStablecoin usdc = new TestStablecoin("USDC", "USDC", address(this));
        TestStablecoin usdt = new TestStablecoin("USDT", "USDT", address(this));
        TBillFund fund = new TBillFund(usdt, "fund", "f", address(this), 0);
        usdt.setMinter(address(fund), true);
        gateway.setAsset(W_ASSET, address(usdc), address(0));
        gateway.setAsset(T_ASSET, address(usdt), address(fund));
        usdc.mint(address(gateway), W_AMOUNT);
        usdt.mint(address(gateway), T_AMOUNT);
        bytes[] memory sigs = new bytes[](1);

        sigs[0] = vm.parseJsonBytes(json, ".messages.withdrawal.signature");
        gateway.executeWithdrawal(W_NONCE, W_WHO, W_ASSET, W_AMOUNT, W_DESTINATION, sigs);
        vm.assertEq(usdc.balanceOf(W_DESTINATION), W_AMOUNT);

        sigs[0] = vm.parseJsonBytes(json, ".messages.toSleeve.signature");
        gateway.executeToSleeve(T_NONCE, T_ASSET, T_AMOUNT, sigs);
        vm.assertEq(usdt.balanceOf(address(fund)), T_AMOUNT);

        sigs[0] = vm.parseJsonBytes(json, ".messages.relayerSet.signature");
        gateway.updateSigners(S_EPOCH, _relayerSetSigners(), S_THRESHOLD, sigs);
        vm.assertEq(gateway.signerEpoch(), S_EPOCH);
        vm.assertEq(gateway.threshold(), S_THRESHOLD);
    }
}
