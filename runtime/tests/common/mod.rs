//! Helpers shared by the runtime's integration tests.

// Each test file uses a different subset.
#![allow(
	dead_code,
	unused_imports,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

use sc_chain_spec::{ChainType, GenericChainSpec};
use sp_runtime::BuildStorage;
use usdai_runtime::WASM_BINARY;

/// Genesis storage of `preset`, built by the compiled wasm runtime exactly as the node does.
pub fn preset_storage(preset: &str) -> sp_runtime::Storage {
	let wasm = WASM_BINARY.expect("tests need the wasm runtime: build without SKIP_WASM_BUILD");
	GenericChainSpec::<()>::builder(wasm, ())
		.with_name("test")
		.with_id("test")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(preset)
		.build()
		.build_storage()
		.expect("preset builds")
}

/// Externalities holding the genesis state of `preset`, to read and dispatch natively.
pub fn genesis_ext(preset: &str) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(preset_storage(preset));
	ext.execute_with(|| usdai_runtime::System::set_block_number(1));
	ext
}

use frame_support::assert_ok;
use pallet_filo::StackTerms;
use pallet_treasury_bridge::{Deposit, DepositAction};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use usdai_runtime::{
	asset_ids::{USDAI, USDC},
	genesis_config_presets::{dev_relayers, DEV_BRIDGE_CHANNEL, DEV_RELAYER_THRESHOLD},
	AccountId, Assets, Caliber, Runtime, RuntimeOrigin, TreasuryBridge,
};
use usdai_test_support::builders::{Receipt, Terms};
// A dollar of a bridged stablecoin (6 decimals); a dollar of USDai (18 decimals).
pub use usdai_test_support::units::{USD, USD6};
/// 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600;

/// The origin the protocol's pallets take governance calls from: a change the risk guard
/// applied (for tests that are about the change itself, not how governance reached it).
pub fn enacted() -> RuntimeOrigin {
	RuntimeOrigin::from(pallet_guard::Origin::Enacted(
		usdai_primitives::governance::Domain::Parameters,
	))
}

/// The account of a dev key.
pub fn who(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// `a`'s USDai.
pub fn usdai_of(a: &AccountId) -> u128 {
	<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::balance(USDAI, a)
}

/// The next deposit on the dev bridge channel: `dollars` of USDC for `to`, straight into USDai
/// when `into_usdai`.
pub fn next_deposit(to: &AccountId, dollars: u128, into_usdai: bool) -> Deposit<AccountId> {
	let nonce = pallet_treasury_bridge::Channels::<Runtime>::get(DEV_BRIDGE_CHANNEL)
		.expect("the dev channel is open")
		.next_nonce;
	Deposit {
		channel: DEV_BRIDGE_CHANNEL,
		nonce,
		source_tx: H256::from_low_u64_be(nonce + 1),
		asset: USDC,
		amount: dollars * USD6,
		action: DepositAction::Credit { recipient: to.clone(), into_usdai },
	}
}

/// The dev relayers that attest deposits in the tests: as many as the threshold.
pub fn attesting_relayers() -> Vec<AccountId> {
	dev_relayers().into_iter().take(DEV_RELAYER_THRESHOLD as usize).collect()
}

/// `dollars` of USDai for `a`, bridged in: the dev relayers attest a USDC deposit into USDai.
pub fn fund(a: &AccountId, dollars: u128) {
	let deposit = next_deposit(a, dollars, true);
	for relayer in attesting_relayers() {
		assert_ok!(TreasuryBridge::attest_deposit(RuntimeOrigin::signed(relayer), deposit.clone()));
	}
}

/// The dev custodian (Dave) issues a receipt worth `value` to Bob; the dev appraisers (Eve,
/// Ferdie) confirm it.
pub fn receipt(value: u128) -> u32 {
	let id = pallet_caliber::NextReceiptId::<Runtime>::get();
	let receipt = Receipt::h100(value, 2 * value, NOW + 5 * 365 * 86_400)
		.data_centre("us-tx-dal-01")
		.hashes(id as u8, 0xbb);
	let info = usdai_test_support::receipt_info!(receipt);
	let bob = who(Sr25519Keyring::Bob);
	assert_ok!(Caliber::issue_receipt(RuntimeOrigin::signed(who(Sr25519Keyring::Dave)), bob, info));
	for a in [Sr25519Keyring::Eve, Sr25519Keyring::Ferdie] {
		assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(who(a)), id, value));
	}
	id
}

/// A stack's terms: 70% LTV, 10–20% APR, 5% curator fee, ten loans, ACT/365, straight-line
/// amortization at 35% a year.
pub fn terms() -> StackTerms {
	usdai_test_support::stack_terms!(Terms::example())
}
