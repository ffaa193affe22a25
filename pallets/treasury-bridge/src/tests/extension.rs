//! `CheckAttestation`: failing attestations are refused in transaction validation.

use crate::{mock::*, *};
use frame_support::{assert_ok, dispatch::DispatchInfo};
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
};

fn validate(
	who: AccountId,
	call: Call<Test>,
) -> Result<sp_runtime::transaction_validity::ValidTransaction, TransactionValidityError> {
	CheckAttestation::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(who),
			&RuntimeCall::TreasuryBridge(call),
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|(valid, _, _)| valid)
}

fn custom(e: Error<Test>) -> TransactionValidityError {
	let sp_runtime::DispatchError::Module(m) = sp_runtime::DispatchError::from(e) else {
		unreachable!()
	};
	InvalidTransaction::Custom(m.error[0]).into()
}

#[test]
fn non_relayer_attestations_are_invalid_transactions() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, USD6, ALICE);
		assert_eq!(
			validate(ALICE, Call::attest_deposit { deposit: d }),
			Err(InvalidTransaction::BadSigner.into())
		);
		assert_eq!(
			validate(ALICE, Call::attest_nav { report: nav(0, GENESIS_TIME) }),
			Err(InvalidTransaction::BadSigner.into())
		);
		assert_eq!(
			validate(ALICE, Call::attest_withdrawal { nonce: 0 }),
			Err(InvalidTransaction::BadSigner.into())
		);
	});
}

#[test]
fn valid_attestations_pass_with_a_tag_per_relayer_and_subject() {
	ExtBuilder::default().build_and_execute(|| {
		let d = deposit(ETH, 0, USDC, USD6, ALICE);
		let v1 = validate(R1, Call::attest_deposit { deposit: d.clone() }).unwrap();
		let v2 = validate(R2, Call::attest_deposit { deposit: d.clone() }).unwrap();
		assert_eq!(v1.provides.len(), 1);
		assert_ne!(v1.provides, v2.provides);
		assert_ok!(validate(R1, Call::attest_nav { report: nav(0, GENESIS_TIME) }));
	});
}

#[test]
fn replays_duplicates_and_out_of_order_attestations_are_refused_in_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		let d0 = deposit(ETH, 0, USDC, USD6, ALICE);
		assert_ok!(attest(R1, &d0));
		assert_eq!(
			validate(R1, Call::attest_deposit { deposit: d0.clone() }),
			Err(InvalidTransaction::Stale.into())
		);
		assert_ok!(attest(R2, &d0));
		assert_ok!(attest(R3, &d0));
		assert_eq!(
			validate(R4, Call::attest_deposit { deposit: d0 }),
			Err(InvalidTransaction::Stale.into())
		);
		assert_eq!(
			validate(R1, Call::attest_deposit { deposit: deposit(ETH, 5, USDC, USD6, ALICE) }),
			Err(custom(Error::<Test>::NonceOutOfOrder))
		);
		assert_eq!(
			validate(R1, Call::attest_deposit { deposit: deposit(ETH, 1, USDAI, USD6, ALICE) }),
			Err(custom(Error::<Test>::UnsupportedAsset))
		);
		assert_eq!(
			validate(R1, Call::attest_withdrawal { nonce: 3 }),
			Err(custom(Error::<Test>::UnknownMessage))
		);
		assert_ok!(TreasuryBridge::halt(RuntimeOrigin::signed(GUARDIAN)));
		assert_eq!(
			validate(R1, Call::attest_deposit { deposit: deposit(ETH, 1, USDC, USD6, ALICE) }),
			Err(custom(Error::<Test>::BridgeHalted))
		);
	});
}

#[test]
fn other_calls_pass_untouched() {
	ExtBuilder::default().build_and_execute(|| {
		let call = Call::request_withdrawal {
			asset: USDC,
			amount: 1,
			destination: vec![1; 20].try_into().unwrap(),
		};
		let valid = validate(ALICE, call).unwrap();
		assert!(valid.provides.is_empty());
		assert_eq!(
			CheckAttestation::<Test>::new()
				.validate_only(
					RuntimeOrigin::none(),
					&RuntimeCall::TreasuryBridge(Call::attest_withdrawal { nonce: 0 }),
					&DispatchInfo::default(),
					0,
					TransactionSource::External,
					0,
				)
				.map(|_| ()),
			Err(InvalidTransaction::BadSigner.into())
		);
	});
}

#[test]
fn stale_and_repeated_nav_votes_are_refused_in_the_pool() {
	ExtBuilder::default().build_and_execute(|| {
		let r = nav(0, GENESIS_TIME + 10);
		assert_ok!(TreasuryBridge::attest_nav(RuntimeOrigin::signed(R1), r));
		// The same vote again, or an older one, never reaches a block.
		assert_eq!(
			validate(R1, Call::attest_nav { report: r }),
			Err(InvalidTransaction::Stale.into())
		);
		assert_eq!(
			validate(R1, Call::attest_nav { report: nav(0, GENESIS_TIME + 5) }),
			Err(custom(Error::<Test>::StaleReport))
		);
		// Another relayer's vote for an older moment is fine: it displaces nothing.
		assert_ok!(validate(R2, Call::attest_nav { report: nav(0, GENESIS_TIME + 5) }));
		// A report measured before the last sleeve move or return is refused.
		let old = nav(0, GENESIS_TIME + 20);
		TreasuryBridge::sleeve_moved(0);
		assert_eq!(
			validate(R2, Call::attest_nav { report: old }),
			Err(custom(Error::<Test>::StaleReport))
		);
	});
}
