//! The cast: the dev accounts of the `development` preset with their roles, accounts without
//! any CHIP, and the protocol's keyless pallet accounts (targets of hostile arguments, never
//! signers).

use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::AccountIdConversion;
use usdai_runtime::{
	constants::pallet_ids::{
		CaliberPalletId, FiloPalletId, GaugesPalletId, TreasuryBridgePalletId,
	},
	AccountId,
};

/// Signers: the twelve dev accounts (funded with CHIP at genesis) and four accounts with
/// nothing (a depositor who only ever holds dollars).
pub fn signers() -> Vec<AccountId> {
	let mut all: Vec<AccountId> = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
		Sr25519Keyring::Dave,
		Sr25519Keyring::Eve,
		Sr25519Keyring::Ferdie,
		Sr25519Keyring::AliceStash,
		Sr25519Keyring::BobStash,
		Sr25519Keyring::CharlieStash,
		Sr25519Keyring::DaveStash,
		Sr25519Keyring::EveStash,
		Sr25519Keyring::FerdieStash,
	]
	.iter()
	.map(|k| k.to_account_id())
	.collect();
	all.extend(fresh());
	all
}

/// Accounts that hold nothing at genesis.
pub fn fresh() -> Vec<AccountId> {
	(1u8..=4).map(|i| AccountId::from([0xf0 + i; 32])).collect()
}

/// Keyless accounts of the protocol: the vault and its reserve, escrow and dead-share
/// accounts, the bridge, filo and its treasury, the gauges, the receipt collection's owner.
pub fn pallet_accounts() -> Vec<AccountId> {
	use usdai_runtime::Usdai;
	vec![
		Usdai::vault_account(),
		Usdai::reserve_account(),
		Usdai::escrow_account(),
		Usdai::dead_account(),
		TreasuryBridgePalletId::get().into_account_truncating(),
		FiloPalletId::get().into_account_truncating(),
		usdai_runtime::governance::TreasuryAccount::get(),
		GaugesPalletId::get().into_account_truncating(),
		CaliberPalletId::get().into_account_truncating(),
	]
}

/// A readable name for `who` in reports.
pub fn name(who: &AccountId) -> String {
	for k in Sr25519Keyring::iter() {
		if k.to_account_id() == *who {
			return format!("{k:?}");
		}
	}
	if let Some(i) = fresh().iter().position(|f| f == who) {
		return format!("Fresh{}", i + 1);
	}
	if let Some(i) = pallet_accounts().iter().position(|p| p == who) {
		let names = [
			"VaultAccount",
			"ReserveAccount",
			"EscrowAccount",
			"DeadAccount",
			"BridgeAccount",
			"FiloAccount",
			"TreasuryAccount",
			"GaugesAccount",
			"CaliberAccount",
		];
		return names.get(i).copied().unwrap_or("PalletAccount").to_string();
	}
	format!("{who}")
}
