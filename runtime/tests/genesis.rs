//! The genesis presets create what a fresh chain must have: the four tokens with the right
//! owners and metadata, funded dev accounts and the validator set.

// Test code: panics are the failure report.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing,
	clippy::arithmetic_side_effects
)]

mod common;

use common::genesis_ext;
use frame_support::{assert_noop, dispatch::RawOrigin, traits::fungibles::Inspect};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::AccountIdConversion, DispatchError};
use usdai_runtime::{
	asset_ids::{SUSDAI, USDAI, USDC, USDT},
	constants::pallet_ids::{TreasuryBridgePalletId, UsdaiPalletId},
	genesis_config_presets::{preset_names, ENDOWMENT},
	AccountId, Assets, Balances, Runtime, RuntimeCall, RuntimeOrigin,
};

const PRESETS: [&str; 2] = ["development", "local_testnet"];

fn vault() -> AccountId {
	UsdaiPalletId::get().into_account_truncating()
}

fn bridge() -> AccountId {
	TreasuryBridgePalletId::get().into_account_truncating()
}

#[test]
fn runtime_offers_exactly_the_two_presets() {
	let names: Vec<String> =
		preset_names().into_iter().map(|p| String::from_utf8(p.into()).unwrap()).collect();
	assert_eq!(names, vec!["development".to_string(), "local_testnet".to_string()]);
}

#[test]
fn presets_create_the_four_tokens_with_metadata_and_owners() {
	let expected = [
		(USDC, "USD Coin (bridged)", "USDC", 6u8, bridge()),
		(USDT, "Tether USD (bridged)", "USDT", 6, bridge()),
		(USDAI, "USDai", "USDai", 18, vault()),
		(SUSDAI, "Staked USDai", "sUSDai", 18, vault()),
	];
	for preset in PRESETS {
		genesis_ext(preset).execute_with(|| {
			for (id, name, symbol, decimals, owner) in expected.iter().cloned() {
				let details = pallet_assets::Asset::<Runtime>::get(id)
					.unwrap_or_else(|| panic!("{preset}: asset {id} missing"));
				assert_eq!(details.owner, owner, "{preset}: owner of {symbol}");
				assert_eq!(details.issuer, owner, "{preset}: issuer of {symbol}");
				assert_eq!(details.admin, owner, "{preset}: admin of {symbol}");
				assert!(details.is_sufficient, "{preset}: {symbol} must be sufficient");
				assert_eq!(details.supply, 0, "{preset}: {symbol} starts with no supply");

				let meta = pallet_assets::Metadata::<Runtime>::get(id);
				assert_eq!(meta.name.to_vec(), name.as_bytes(), "{preset}: name of {id}");
				assert_eq!(meta.symbol.to_vec(), symbol.as_bytes(), "{preset}: symbol of {id}");
				assert_eq!(meta.decimals, decimals, "{preset}: decimals of {symbol}");
				assert!(!meta.is_frozen);
			}
			// One cent is the smallest account balance of every dollar token.
			assert_eq!(Assets::minimum_balance(USDC), 10_000);
			assert_eq!(Assets::minimum_balance(USDAI), 10_000_000_000_000_000);
		});
	}
}

#[test]
fn presets_fund_dev_accounts_and_set_sudo() {
	for preset in PRESETS {
		genesis_ext(preset).execute_with(|| {
			for k in [
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
				Sr25519Keyring::Eve,
				Sr25519Keyring::Ferdie,
			] {
				assert_eq!(
					Balances::free_balance(k.to_account_id())
						+ Balances::reserved_balance(k.to_account_id()),
					ENDOWMENT,
					"{preset}: {k:?}"
				);
			}
			// Dave is the dev custodian: his CALIBER bond is held.
			assert_eq!(
				Balances::reserved_balance(Sr25519Keyring::Dave.to_account_id()),
				usdai_runtime::genesis_config_presets::DEV_CUSTODIAN_BOND
			);
			// Only the development chain keeps a sudo key (a convenience); the local one is
			// governed as a real network is.
			let sudo = (preset == "development").then(|| Sr25519Keyring::Alice.to_account_id());
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), sudo, "{preset}");
		});
	}
}

#[test]
fn development_has_one_validator_and_local_testnet_three() {
	genesis_ext("development").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
	});
	genesis_ext("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 3);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 3);
	});
}

#[test]
fn no_account_can_create_or_mint_the_chain_tokens() {
	genesis_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		// A look-alike dollar cannot be created by a signed account.
		assert_noop!(
			Assets::create(RuntimeOrigin::signed(alice.clone()), 7.into(), alice.clone().into(), 1),
			DispatchError::BadOrigin
		);
		// Nor can anyone but the owning pallet mint USDai or a bridged stablecoin.
		// (Amounts above every token's minimum balance, so permission is what refuses them.)
		for id in [USDC, USDT, USDAI, SUSDAI] {
			assert_noop!(
				Assets::mint(
					RuntimeOrigin::signed(alice.clone()),
					id.into(),
					alice.clone().into(),
					1_000_000_000_000_000_000_000
				),
				pallet_assets::Error::<Runtime>::NoPermission
			);
		}
		assert_eq!(Assets::total_issuance(USDAI), 0);
	});
}

#[test]
fn governance_can_still_create_assets() {
	genesis_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let call = RuntimeCall::Assets(pallet_assets::Call::force_create {
			id: 7.into(),
			owner: alice.clone().into(),
			is_sufficient: false,
			min_balance: 1,
		});
		let dispatch = sp_runtime::traits::Dispatchable::dispatch(call, RawOrigin::Root.into());
		assert!(dispatch.is_ok(), "{dispatch:?}");
		assert!(pallet_assets::Asset::<Runtime>::contains_key(7));
	});
}
