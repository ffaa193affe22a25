//! Genesis storage and test externalities, generic over the mock runtime. A mock's
//! `ExtBuilder::build` starts from [`system`], adds each pallet's genesis in turn and ends with
//! [`start`]:
//!
//! ```ignore
//! let mut storage = genesis::system::<Test>();
//! genesis::balances::<Test>(&mut storage, vec![(ALICE, 1_000)]);
//! genesis::assets::<Test>(&mut storage, vec![(USDC, ALICE, true, 1)], &[], vec![]);
//! genesis::start::<Test>(storage, || Timestamp::set_timestamp(START * 1_000))
//! ```
//!
//! The real vault's genesis (pallet-usdai, with its two tokens) is [`crate::open_vault_genesis!`].

use sp_runtime::{traits::One, BuildStorage, Storage};
use usdai_primitives::{
	assets::{SUSDAI, USDAI, USDC, USDT},
	AssetId, Balance,
};

/// frame-system's genesis: where every mock's storage starts.
pub fn system<T: frame_system::Config>() -> Storage {
	frame_system::GenesisConfig::<T>::default()
		.build_storage()
		.expect("frame-system's genesis builds")
}

/// Adds pallet-balances' genesis: `balances` of the native token.
pub fn balances<T: pallet_balances::Config>(
	storage: &mut Storage,
	balances: Vec<(T::AccountId, T::Balance)>,
) {
	pallet_balances::GenesisConfig::<T> { balances, ..Default::default() }
		.assimilate_storage(storage)
		.expect("pallet-balances' genesis builds");
}

/// Adds pallet-assets' genesis: `assets` as `(id, owner, is_sufficient, min_balance)`,
/// `metadata` as `(id, name, symbol, decimals)` and `accounts` as `(id, who, balance)`.
pub fn assets<T>(
	storage: &mut Storage,
	assets: Vec<(AssetId, T::AccountId, bool, Balance)>,
	metadata: &[(AssetId, &str, &str, u8)],
	accounts: Vec<(AssetId, T::AccountId, Balance)>,
) where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
{
	pallet_assets::GenesisConfig::<T> {
		assets,
		metadata: metadata
			.iter()
			.map(|(id, name, symbol, decimals)| {
				(*id, name.as_bytes().to_vec(), symbol.as_bytes().to_vec(), *decimals)
			})
			.collect(),
		accounts,
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(storage)
	.expect("pallet-assets' genesis builds");
}

/// The name and symbol of a stablecoin of the chain in the mocks' metadata.
pub fn stablecoin_metadata(asset: AssetId) -> (&'static str, &'static str) {
	match asset {
		USDC => ("USD Coin", "USDC"),
		USDT => ("Tether USD", "USDT"),
		_ => ("Stablecoin", "USD"),
	}
}

/// Adds the tokens of the real vault to pallet-assets' genesis: each of `stablecoins` as `(id,
/// owner)` (6 decimals), then USDai and sUSDai (18 decimals) owned by `vault`, all sufficient
/// with a minimum balance of one base unit, and no accounts. [`crate::open_vault_genesis!`]
/// calls it with the vault's account.
pub fn vault_tokens<T>(
	storage: &mut Storage,
	stablecoins: Vec<(AssetId, T::AccountId)>,
	vault: T::AccountId,
) where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
{
	let mut tokens: Vec<(AssetId, T::AccountId, bool, Balance)> =
		stablecoins.iter().map(|(id, owner)| (*id, owner.clone(), true, 1)).collect();
	tokens.push((USDAI, vault.clone(), true, 1));
	tokens.push((SUSDAI, vault, true, 1));
	let mut metadata: Vec<(AssetId, &str, &str, u8)> = stablecoins
		.iter()
		.map(|(id, _)| {
			let (name, symbol) = stablecoin_metadata(*id);
			(*id, name, symbol, 6)
		})
		.collect();
	metadata.push((USDAI, "USDai", "USDai", 18));
	metadata.push((SUSDAI, "Staked USDai", "sUSDai", 18));
	assets::<T>(storage, tokens, &metadata, vec![]);
}

/// Test externalities over `storage` at block 1, after `setup` has run in them (a clock set,
/// first deposits, ...).
pub fn start<T: frame_system::Config>(
	storage: Storage,
	setup: impl FnOnce(),
) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		frame_system::Pallet::<T>::set_block_number(One::one());
		setup();
	});
	ext
}
