//! The gateway's signers: EVM key registration, the signer set that follows the relayers, the
//! gateway's EIP-712 domain, and the signatures relayers post for outbound messages and
//! rotations.

use crate::{dev_keys, eip712, mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResultWithPostInfo};
use sp_core::{H160, H256};

/// Development key `i`'s secret; relayer `R1` uses key 1, `R2` key 2, and so on.
fn secret(i: u32) -> [u8; 32] {
	dev_keys::secret(i)
}

fn address(i: u32) -> H160 {
	dev_keys::address(&secret(i))
}

/// `relayer` registers development key `i`.
fn register(relayer: AccountId, i: u32) -> DispatchResultWithPostInfo {
	let proof = dev_keys::sign(&secret(i), &TreasuryBridge::evm_key_proof_digest(&relayer));
	TreasuryBridge::register_evm_key(RuntimeOrigin::signed(relayer), address(i), proof)
}

/// Every genesis relayer registers its key (R1 key 1 … R4 key 4): signer set 1.
fn register_all() {
	for (i, r) in RELAYERS.iter().enumerate() {
		assert_ok!(register(*r, i as u32 + 1));
	}
	assert_eq!(SignerEpoch::<Test>::get(), 1);
}

const GATEWAY: GatewayInfo =
	GatewayInfo { channel: ETH, chain_id: 31_337, address: H160([0x5f; 20]) };

fn set_gateway(gateway: GatewayInfo) {
	assert_ok!(TreasuryBridge::set_gateway(RuntimeOrigin::root(), Some(gateway)));
}

/// A withdrawal of 40 USDC by ALICE to `0xab…ab`; returns its nonce.
fn withdrawal() -> MessageNonce {
	credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
	assert_ok!(TreasuryBridge::request_withdrawal(
		RuntimeOrigin::signed(ALICE),
		USDC,
		40 * USD6,
		vec![0xab; 20].try_into().unwrap()
	));
	NextOutboundNonce::<Test>::get() - 1
}

/// Key `i`'s signature of outbound message `nonce` for `gateway`.
fn outbound_signature(i: u32, nonce: MessageNonce, gateway: &GatewayInfo) -> EcdsaSignature {
	dev_keys::sign(&secret(i), &TreasuryBridge::outbound_digest(nonce, gateway).unwrap())
}

fn submit(subject: SignatureSubject, signature: EcdsaSignature) -> DispatchResultWithPostInfo {
	TreasuryBridge::submit_signature(RuntimeOrigin::signed(BOB), subject, signature)
}

/// Key `i`'s signature of the gateway's rotation to signer set `epoch`.
fn rotation_signature(i: u32, epoch: u32) -> EcdsaSignature {
	let set = SignerSets::<Test>::get(epoch).unwrap();
	let hash = eip712::relayer_set(epoch, &set.signers, set.threshold);
	dev_keys::sign(&secret(i), &eip712::digest(&Gateway::<Test>::get().unwrap(), hash))
}

fn signers_of(nonce: MessageNonce) -> Vec<H160> {
	OutboundSignatures::<Test>::get(nonce)
		.map(|s| s.signatures.iter().map(|(k, _)| *k).collect())
		.unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// EVM keys and the signer set
// ---------------------------------------------------------------------------------------------

#[test]
fn a_relayer_registers_a_key_it_proves_it_holds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(register(ALICE, 9), Error::<Test>::NotRelayer);
		// The proof of another key, of another relayer, or for another chain does not do.
		let proof = dev_keys::sign(&secret(2), &TreasuryBridge::evm_key_proof_digest(&R1));
		assert_noop!(
			TreasuryBridge::register_evm_key(RuntimeOrigin::signed(R1), address(1), proof),
			Error::<Test>::InvalidKeyProof
		);
		let r2s = dev_keys::sign(&secret(1), &TreasuryBridge::evm_key_proof_digest(&R2));
		assert_noop!(
			TreasuryBridge::register_evm_key(RuntimeOrigin::signed(R1), address(1), r2s),
			Error::<Test>::InvalidKeyProof
		);
		let proof = dev_keys::sign(&secret(1), &TreasuryBridge::evm_key_proof_digest(&R1));
		frame_system::BlockHash::<Test>::insert(0, H256::repeat_byte(1));
		assert_noop!(
			TreasuryBridge::register_evm_key(RuntimeOrigin::signed(R1), address(1), proof),
			Error::<Test>::InvalidKeyProof
		);
		assert_ok!(register(R1, 1));
		assert_eq!(RelayerEvmKeys::<Test>::get(R1), Some(address(1)));
		assert_eq!(EvmKeyOwner::<Test>::get(address(1)), Some(R1));
		assert_eq!(bridge_events(), vec![Event::EvmKeyRegistered { relayer: R1, key: address(1) }]);
		assert_noop!(register(R1, 1), Error::<Test>::AlreadyRegistered);
		// Nobody else may take a registered key.
		assert_noop!(register(R2, 1), Error::<Test>::KeyInUse);
		// Not every relayer has a key: no signer set yet.
		assert_eq!(SignerEpoch::<Test>::get(), 0);
	});
}

#[test]
fn registration_pays_no_fee_only_when_it_succeeds() {
	ExtBuilder::default().build_and_execute(|| {
		let post = register(R1, 1).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
	});
}

#[test]
fn the_signer_set_follows_the_relayers_keys_and_threshold() {
	ExtBuilder::default().build_and_execute(|| {
		for (i, r) in [R1, R2, R3].into_iter().enumerate() {
			assert_ok!(register(r, i as u32 + 1));
		}
		assert_eq!(SignerEpoch::<Test>::get(), 0);
		bridge_events();
		assert_ok!(register(R4, 4));
		let mut keys = vec![address(1), address(2), address(3), address(4)];
		keys.sort();
		let set = SignerSets::<Test>::get(1).unwrap();
		assert_eq!(set.signers.to_vec(), keys);
		assert_eq!(set.threshold, 3);
		assert_eq!(
			bridge_events(),
			vec![
				Event::EvmKeyRegistered { relayer: R4, key: address(4) },
				Event::SignerSetChanged {
					epoch: 1,
					signers: keys.clone().try_into().unwrap(),
					threshold: 3
				},
			]
		);
		// A relayer replaces its key: set 2.
		assert_ok!(register(R1, 11));
		assert_eq!(SignerEpoch::<Test>::get(), 2);
		assert!(SignerSets::<Test>::get(2).unwrap().signers.contains(&address(11)));
		assert!(!SignerSets::<Test>::get(2).unwrap().signers.contains(&address(1)));
		// Its old key stays its own.
		assert_noop!(register(R2, 1), Error::<Test>::KeyInUse);
		// The same relayers with another threshold: set 3.
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			RELAYERS.to_vec().try_into().unwrap(),
			4
		));
		assert_eq!(SignerEpoch::<Test>::get(), 3);
		assert_eq!(SignerSets::<Test>::get(3).unwrap().threshold, 4);
		// The same set again changes nothing.
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			RELAYERS.to_vec().try_into().unwrap(),
			4
		));
		assert_eq!(SignerEpoch::<Test>::get(), 3);
		// A relayer without a key: the gateway keeps set 3 until it registers one.
		assert_ok!(TreasuryBridge::set_relayers(
			RuntimeOrigin::root(),
			vec![R1, R2, R3, BOB].try_into().unwrap(),
			3
		));
		assert_eq!(SignerEpoch::<Test>::get(), 3);
		assert_ok!(register(BOB, 5));
		assert_eq!(SignerEpoch::<Test>::get(), 4);
		assert!(SignerSets::<Test>::get(4).unwrap().signers.contains(&address(5)));
		assert!(!SignerSets::<Test>::get(4).unwrap().signers.contains(&address(4)));
	});
}

#[test]
fn only_the_last_signer_sets_are_kept() {
	ExtBuilder::default().build_and_execute(|| {
		register_all();
		set_gateway(GATEWAY);
		// Rotate R1's key over and over.
		for k in 0..SIGNER_SET_HISTORY + 2 {
			assert_ok!(register(R1, 100 + k));
			let epoch = SignerEpoch::<Test>::get();
			// The set before signs each rotation (R2's key is in every set).
			assert_ok!(submit(SignatureSubject::SignerSet(epoch), rotation_signature(2, epoch)));
		}
		let epoch = SignerEpoch::<Test>::get();
		assert_eq!(epoch, SIGNER_SET_HISTORY + 3);
		assert_eq!(SignerSets::<Test>::iter().count() as u32, SIGNER_SET_HISTORY);
		assert!(SignerSets::<Test>::get(epoch - SIGNER_SET_HISTORY).is_none());
		assert!(SignerSets::<Test>::get(epoch - SIGNER_SET_HISTORY + 1).is_some());
		// Rotation signatures go with their set; those of the oldest kept set stay (a gateway that
		// far behind still needs them), though the set that made them is gone.
		assert!(SignerSetSignatures::<Test>::get(epoch - SIGNER_SET_HISTORY).is_empty());
		assert_eq!(SignerSetSignatures::<Test>::get(epoch - SIGNER_SET_HISTORY + 1).len(), 1);
		assert_eq!(SignerSetSignatures::<Test>::get(epoch).len(), 1);
		// But no new signature of it can be checked.
		assert_noop!(
			submit(
				SignatureSubject::SignerSet(epoch - SIGNER_SET_HISTORY + 1),
				rotation_signature(3, epoch - SIGNER_SET_HISTORY + 1)
			),
			Error::<Test>::UnknownSignerSet
		);
	});
}

// ---------------------------------------------------------------------------------------------
// The gateway
// ---------------------------------------------------------------------------------------------

#[test]
fn governance_sets_the_gateway_of_an_open_channel() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			TreasuryBridge::set_gateway(RuntimeOrigin::signed(ALICE), Some(GATEWAY)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			TreasuryBridge::set_gateway(
				RuntimeOrigin::root(),
				Some(GatewayInfo { channel: 9, ..GATEWAY })
			),
			Error::<Test>::UnknownChannel
		);
		assert_noop!(
			TreasuryBridge::set_gateway(
				RuntimeOrigin::root(),
				Some(GatewayInfo { address: H160::zero(), ..GATEWAY })
			),
			Error::<Test>::InvalidGateway
		);
		set_gateway(GATEWAY);
		assert_eq!(Gateway::<Test>::get(), Some(GATEWAY));
		assert_eq!(bridge_events(), vec![Event::GatewaySet { gateway: Some(GATEWAY) }]);
		assert_ok!(TreasuryBridge::set_gateway(RuntimeOrigin::root(), None));
		assert_eq!(Gateway::<Test>::get(), None);
	});
}

// ---------------------------------------------------------------------------------------------
// EIP-712
// ---------------------------------------------------------------------------------------------

/// The digests are the gateway contract's: `contracts/test-vectors.json` holds what Solidity
/// (and alloy, through `cast`) computes for fixed messages, and the chain must compute the same
/// bytes, or signatures it keeps would be refused on the EVM side.
#[test]
fn digests_match_the_gateway_contract() {
	let vectors: serde_json::Value =
		serde_json::from_str(include_str!("../../../../contracts/test-vectors.json")).unwrap();
	let hex32 = |v: &serde_json::Value| -> [u8; 32] {
		let s = v.as_str().unwrap().trim_start_matches("0x");
		let mut out = [0u8; 32];
		let bytes: Vec<u8> = (0..s.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
			.collect();
		out[32 - bytes.len()..].copy_from_slice(&bytes);
		out
	};
	let address = |v: &serde_json::Value| H160::from_slice(&hex32(v)[12..]);
	let int = |v: &serde_json::Value| -> u128 {
		v.as_u64().map(u128::from).unwrap_or_else(|| v.as_str().unwrap().parse().unwrap())
	};
	let domain = &vectors["domain"];
	let gateway = GatewayInfo {
		channel: 0,
		chain_id: int(&domain["chainId"]) as u64,
		address: address(&domain["verifyingContract"]),
	};
	assert_eq!(
		eip712::domain_separator(&gateway),
		hex32(&vectors["domainSeparator"]),
		"domain separator"
	);
	let signer = address(&vectors["signer"]["address"]);
	let secret = hex32(&vectors["signer"]["privateKey"]);
	assert_eq!(dev_keys::address(&secret), signer);
	let mut checked = 0;
	for (name, m) in vectors["messages"].as_object().unwrap() {
		let f = &m["fields"];
		let kind = m["type"].as_str().unwrap().split('(').next().unwrap();
		let hash = match kind {
			"Withdrawal" => eip712::withdrawal(
				int(&f["nonce"]) as u64,
				hex32(&f["who"]),
				int(&f["asset"]) as u32,
				int(&f["amount"]),
				&address(&f["destination"]),
			),
			"ToSleeve" => eip712::to_sleeve(
				int(&f["nonce"]) as u64,
				int(&f["asset"]) as u32,
				int(&f["amount"]),
			),
			"Recall" => {
				eip712::recall(int(&f["nonce"]) as u64, int(&f["asset"]) as u32, int(&f["amount"]))
			},
			"RelayerSet" => {
				let signers: Vec<H160> =
					f["signers"].as_array().unwrap().iter().map(address).collect();
				eip712::relayer_set(int(&f["epoch"]) as u32, &signers, int(&f["threshold"]) as u32)
			},
			other => panic!("unknown type {other}"),
		};
		assert_eq!(hash, hex32(&m["structHash"]), "{name}: struct hash");
		let digest = eip712::digest(&gateway, hash);
		assert_eq!(digest, hex32(&m["digest"]), "{name}: digest");
		// The signature the EVM side made (RFC 6979) is the one the chain's keys make, and the
		// chain recovers its signer.
		let hex = m["signature"].as_str().unwrap().trim_start_matches("0x");
		let signature: Vec<u8> = (0..hex.len())
			.step_by(2)
			.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
			.collect();
		let signature: EcdsaSignature = signature.try_into().unwrap();
		assert_eq!(dev_keys::sign(&secret, &digest), signature, "{name}: signature");
		assert_eq!(recover_signer(&signature, &digest), Some(signer), "{name}: signer");
		checked += 1;
	}
	assert_eq!(checked, 4, "one vector of each message type");
}

#[test]
fn only_signatures_the_gateway_accepts_recover() {
	let digest = [7u8; 32];
	let good = dev_keys::sign(&secret(1), &digest);
	assert_eq!(recover_signer(&good, &digest), Some(address(1)));
	// v as 0/1 (the gateway's ecrecover wants 27/28).
	let mut v01 = good;
	v01[64] -= 27;
	assert_eq!(recover_signer(&v01, &digest), None);
	// The malleable twin: s' = n − s with v flipped recovers the same key in libsecp256k1, but
	// OpenZeppelin's ECDSA refuses it.
	const N: [u8; 32] = [
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36,
		0x41, 0x41,
	];
	let mut high = good;
	let mut borrow = 0i16;
	for i in (0..32).rev() {
		let d = N[i] as i16 - good[32 + i] as i16 - borrow;
		high[32 + i] = d.rem_euclid(256) as u8;
		borrow = if d < 0 { 1 } else { 0 };
	}
	high[64] = if good[64] == 27 { 28 } else { 27 };
	assert!(sp_io::crypto::secp256k1_ecdsa_recover(&high, &digest).is_ok());
	assert_eq!(recover_signer(&high, &digest), None);
	// Another digest recovers another key (or none): never the signer.
	assert_ne!(recover_signer(&good, &[8u8; 32]), Some(address(1)));
}

// ---------------------------------------------------------------------------------------------
// Outbound signatures
// ---------------------------------------------------------------------------------------------

#[test]
fn withdrawals_are_for_evm_addresses() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&deposit(ETH, 0, USDC, 100 * USD6, ALICE));
		for destination in
			[vec![], vec![0xab; 19], vec![0xab; 21], vec![0xab; 32], vec![0xab; 64], vec![0; 20]]
		{
			assert_noop!(
				TreasuryBridge::request_withdrawal(
					RuntimeOrigin::signed(ALICE),
					USDC,
					40 * USD6,
					destination.try_into().unwrap()
				),
				Error::<Test>::InvalidDestination
			);
		}
	});
}

#[test]
fn outbound_messages_gather_signatures_of_the_current_set() {
	ExtBuilder::default().build_and_execute(|| {
		let nonce = withdrawal();
		assert_noop!(submit(SignatureSubject::Outbound(nonce), [0; 65]), Error::<Test>::NoGateway);
		set_gateway(GATEWAY);
		let sig = outbound_signature(1, nonce, &GATEWAY);
		assert_noop!(submit(SignatureSubject::Outbound(nonce), sig), Error::<Test>::NoSignerSet);
		register_all();
		bridge_events();
		let post = submit(SignatureSubject::Outbound(nonce), sig).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
		assert_eq!(
			bridge_events(),
			vec![Event::SignatureSubmitted {
				subject: SignatureSubject::Outbound(nonce),
				signer: address(1)
			}]
		);
		assert_noop!(submit(SignatureSubject::Outbound(nonce), sig), Error::<Test>::AlreadySigned);
		// A key outside the set.
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), outbound_signature(9, nonce, &GATEWAY)),
			Error::<Test>::NotSigner
		);
		// A set key's signature of other contents: another domain, another message.
		let other = GatewayInfo { chain_id: 1, ..GATEWAY };
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), outbound_signature(2, nonce, &other)),
			Error::<Test>::NotSigner
		);
		let garbage = [0x11; 65];
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), garbage),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce + 1), outbound_signature(2, nonce, &GATEWAY)),
			Error::<Test>::UnknownMessage
		);
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(3, nonce, &GATEWAY)
		));
		assert_eq!(signers_of(nonce), vec![address(1), address(3)]);
		// The message executed: its signatures go, and later ones are replays.
		let late = outbound_signature(2, nonce, &GATEWAY);
		for r in [R1, R2, R3] {
			assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(r), nonce));
		}
		assert!(OutboundSignatures::<Test>::get(nonce).is_none());
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), late),
			Error::<Test>::AlreadyProcessed
		);
	});
}

#[test]
fn a_halt_stops_outbound_signatures_but_not_rotations() {
	ExtBuilder::default().build_and_execute(|| {
		let nonce = withdrawal();
		set_gateway(GATEWAY);
		register_all();
		assert_ok!(register(R1, 11));
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), outbound_signature(2, nonce, &GATEWAY)),
			Error::<Test>::BridgeHalted
		);
		assert_ok!(submit(SignatureSubject::SignerSet(2), rotation_signature(1, 2)));
	});
}

#[test]
fn signatures_of_a_replaced_set_make_room_for_the_new_one() {
	ExtBuilder::default().build_and_execute(|| {
		let nonce = withdrawal();
		set_gateway(GATEWAY);
		register_all();
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(1, nonce, &GATEWAY)
		));
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(2, nonce, &GATEWAY)
		));
		// R1 moves to key 11: set 2. Key 1 no longer signs outbound messages.
		assert_ok!(register(R1, 11));
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), outbound_signature(1, nonce, &GATEWAY)),
			Error::<Test>::NotSigner
		);
		// Key 2 signed under set 1; under set 2 it signs again, and the old signatures go.
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(2, nonce, &GATEWAY)
		));
		let stored = OutboundSignatures::<Test>::get(nonce).unwrap();
		assert_eq!(stored.epoch, 2);
		assert_eq!(signers_of(nonce), vec![address(2)]);
	});
}

#[test]
fn a_signed_message_stays_bound_to_its_gateway() {
	ExtBuilder::default().build_and_execute(|| {
		let nonce = withdrawal();
		set_gateway(GATEWAY);
		register_all();
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(1, nonce, &GATEWAY)
		));
		// A new gateway: the signed message is still signed for the old one only, so it can
		// never be paid by both.
		let new = GatewayInfo { address: H160([0x77; 20]), ..GATEWAY };
		set_gateway(new);
		assert_noop!(
			submit(SignatureSubject::Outbound(nonce), outbound_signature(2, nonce, &new)),
			Error::<Test>::NotSigner
		);
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(2, nonce, &GATEWAY)
		));
		// Also when it is signed anew under a later set.
		assert_ok!(register(R1, 11));
		assert_ok!(submit(
			SignatureSubject::Outbound(nonce),
			outbound_signature(3, nonce, &GATEWAY)
		));
		assert_eq!(OutboundSignatures::<Test>::get(nonce).unwrap().gateway, GATEWAY);
		// A message first signed after the change is the new gateway's.
		credit(&deposit(ETH, 1, USDC, 100 * USD6, BOB));
		assert_ok!(TreasuryBridge::request_withdrawal(
			RuntimeOrigin::signed(BOB),
			USDC,
			40 * USD6,
			vec![0xcd; 20].try_into().unwrap()
		));
		let later = nonce + 1;
		assert_ok!(submit(SignatureSubject::Outbound(later), outbound_signature(2, later, &new)));
	});
}

#[test]
fn recalls_and_moves_to_the_sleeve_are_signed_too() {
	ExtBuilder::default().build_and_execute(|| {
		credit(&into_usdai(deposit(ETH, 0, USDC, 1_000 * USD6, ALICE)));
		assert_ok!(TreasuryBridge::set_sleeve_target(RuntimeOrigin::root(), 5_000));
		assert_ok!(TreasuryBridge::rebalance_sleeve(RuntimeOrigin::signed(BOB), USDC));
		let to_sleeve = NextOutboundNonce::<Test>::get() - 1;
		set_gateway(GATEWAY);
		register_all();
		let Some(OutboundMessage::ToSleeve { asset, amount }) = Outbound::<Test>::get(to_sleeve)
		else {
			panic!("a move to the sleeve")
		};
		let digest = eip712::digest(&GATEWAY, eip712::to_sleeve(to_sleeve, asset, amount));
		assert_eq!(TreasuryBridge::outbound_digest(to_sleeve, &GATEWAY).unwrap(), digest);
		assert_ok!(submit(
			SignatureSubject::Outbound(to_sleeve),
			dev_keys::sign(&secret(1), &digest)
		));
		for r in [R1, R2, R3] {
			assert_ok!(TreasuryBridge::attest_withdrawal(RuntimeOrigin::signed(r), to_sleeve));
		}
		assert_ok!(TreasuryBridge::request_recall(RuntimeOrigin::root(), USDC, 100 * USD6));
		let recall = NextOutboundNonce::<Test>::get() - 1;
		let digest = eip712::digest(&GATEWAY, eip712::recall(recall, USDC, 100 * USD6));
		assert_eq!(TreasuryBridge::outbound_digest(recall, &GATEWAY).unwrap(), digest);
		assert_ok!(submit(SignatureSubject::Outbound(recall), dev_keys::sign(&secret(2), &digest)));
		// The return completes the recall and its signatures go.
		let back = Deposit {
			action: DepositAction::SleeveReturn { recall },
			..deposit(ETH, 1, USDC, 100 * USD6, ALICE)
		};
		credit(&back);
		assert!(!Outbound::<Test>::contains_key(recall));
		assert!(OutboundSignatures::<Test>::get(recall).is_none());
	});
}

// ---------------------------------------------------------------------------------------------
// Rotations
// ---------------------------------------------------------------------------------------------

#[test]
fn the_set_before_signs_each_rotation() {
	ExtBuilder::default().build_and_execute(|| {
		set_gateway(GATEWAY);
		register_all();
		// Set 1 is the gateway's at deployment: nothing signs it.
		assert_noop!(
			submit(SignatureSubject::SignerSet(1), rotation_signature(1, 1)),
			Error::<Test>::UnknownSignerSet
		);
		assert_noop!(
			submit(SignatureSubject::SignerSet(2), rotation_signature(1, 1)),
			Error::<Test>::UnknownSignerSet
		);
		assert_ok!(register(R1, 11));
		// Key 11 is only in set 2: it cannot sign the move to it; key 1 (set 1) can, after
		// being replaced, from any account.
		assert_noop!(
			submit(SignatureSubject::SignerSet(2), rotation_signature(11, 2)),
			Error::<Test>::NotSigner
		);
		assert_ok!(submit(SignatureSubject::SignerSet(2), rotation_signature(1, 2)));
		assert_noop!(
			submit(SignatureSubject::SignerSet(2), rotation_signature(1, 2)),
			Error::<Test>::AlreadySigned
		);
		assert_ok!(submit(SignatureSubject::SignerSet(2), rotation_signature(4, 2)));
		let signed: Vec<H160> =
			SignerSetSignatures::<Test>::get(2).iter().map(|(k, _)| *k).collect();
		assert_eq!(signed, vec![address(1), address(4)]);
		// A signature over another set's contents recovers another key.
		let wrong = {
			let hash = eip712::relayer_set(2, &[address(9)], 1);
			dev_keys::sign(&secret(2), &eip712::digest(&GATEWAY, hash))
		};
		assert_noop!(submit(SignatureSubject::SignerSet(2), wrong), Error::<Test>::NotSigner);
	});
}
