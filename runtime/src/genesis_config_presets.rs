//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (Alice, Bob and
//! Charlie validate). Both create the chain's four tokens with their metadata, the CALIBER
//! collection with a dev custodian (Dave) and two dev appraisers (Eve, Ferdie), FiLo's parameters
//! with a dev curator (Charlie), the treasury bridge with four dev relayers (the stash accounts
//! of Alice, Bob, Charlie and Dave; three attest a deposit) on channel 1, and fund the
//! well-known dev accounts with CHIP.

use crate::{
	constants::{
		pallet_ids::{TreasuryBridgePalletId, UsdaiPalletId},
		tokens::{STABLECOIN_MIN_BALANCE, USDAI_MIN_BALANCE},
	},
	AccountId, AssetsConfig, BalancesConfig, BeaconConfig, CaliberConfig, FiloConfig, GuardConfig,
	RiskCouncilConfig, RuntimeGenesisConfig, SudoConfig, TreasuryBridgeConfig, UsdaiConfig, DAYS,
	HOURS, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::traits::AccountIdConversion;
use usdai_primitives::{
	assets::{STABLECOIN_DECIMALS, SUSDAI, USDAI, USDAI_DECIMALS, USDC, USDT},
	AssetId, Balance,
};

/// CHIP given to each endowed dev account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// Reserve cap of each accepted stablecoin: 100 million (6 decimals).
pub const USDAI_STABLECOIN_CAP: Balance = 100_000_000 * 1_000_000;

/// USDai supply cap: one billion.
pub const USDAI_SUPPLY_CAP: Balance = 1_000_000_000 * 1_000_000_000_000_000_000;

/// USDai minted per day beyond which the circuit breaker trips: ten million.
pub const USDAI_MINT_PER_DAY: Balance = 10_000_000 * 1_000_000_000_000_000_000;

/// Bond held from the dev custodian: 10,000 CHIP.
pub const DEV_CUSTODIAN_BOND: Balance = 10_000 * UNIT;

/// Data centres of the dev custodian.
pub const DEV_DATA_CENTRES: [&str; 2] = ["us-tx-dal-01", "us-va-ash-02"];

/// Per-model yearly depreciation (basis points): older and consumer-grade parts lose value
/// faster. Models not listed use the default in [`caliber_params`].
pub const GPU_DEPRECIATION: [(pallet_caliber::GpuModel, u32); 8] = [
	(pallet_caliber::GpuModel::A100, 2_500),
	(pallet_caliber::GpuModel::H100Sxm, 2_000),
	(pallet_caliber::GpuModel::H100Pcie, 2_000),
	(pallet_caliber::GpuModel::H200, 1_800),
	(pallet_caliber::GpuModel::B200, 1_500),
	(pallet_caliber::GpuModel::Gb200, 1_500),
	(pallet_caliber::GpuModel::L40s, 2_000),
	(pallet_caliber::GpuModel::Mi300x, 2_000),
];

/// How appraisals become values: two posts younger than 90 days, at most 20% per update, 20% a
/// year for unlisted models.
pub fn caliber_params() -> pallet_caliber::ValuationParams {
	pallet_caliber::ValuationParams {
		min_posts: 2,
		max_age: 90 * 24 * 60 * 60,
		max_step_bps: 2_000,
		default_depreciation_bps: 2_000,
	}
}

/// `s` as a bounded text (the dev texts are all within their bounds).
pub(crate) fn text<S: frame_support::traits::Get<u32>>(
	s: &str,
) -> frame_support::BoundedVec<u8, S> {
	frame_support::BoundedVec::truncate_from(s.as_bytes().to_vec())
}

/// The dev custodian's registration.
pub fn dev_custodian_info() -> pallet_caliber::CustodianInfo {
	pallet_caliber::CustodianInfo {
		name: text("Dave's GPU Warehouse LLC"),
		jurisdiction: text("US-DE"),
		data_centres: frame_support::BoundedVec::truncate_from(
			DEV_DATA_CENTRES.iter().map(|dc| text(dc)).collect::<Vec<_>>(),
		),
		insurance_provider: text("Example Mutual Insurance"),
		bond: DEV_CUSTODIAN_BOND,
	}
}

/// FiLo's parameters (DESIGN §4.3): 70% LTV bound, 10% first-loss, curator fee 3–10%, 30-day
/// periods, 30-day grace at 5% penalty, 14-day cure, 3-day auctions extended by an hour on late
/// bids, 2% auction fee, 50% reserve lowered by 10% of the value each round without a bid down
/// to 20%, 1% increments.
pub fn filo_params() -> pallet_filo::FiloParams<crate::BlockNumber> {
	pallet_filo::FiloParams {
		max_ltv_bps: 7_000,
		min_first_loss_bps: 1_000,
		min_curator_fee_bps: 300,
		max_curator_fee_bps: 1_000,
		period_blocks: 30 * DAYS,
		proposal_blocks: 7 * DAYS,
		grace_blocks: 30 * DAYS,
		penalty_apr_bps: 500,
		cure_blocks: 14 * DAYS,
		auction_blocks: 3 * DAYS,
		extension_blocks: HOURS,
		auction_fee_bps: 200,
		reserve_bps: 5_000,
		reserve_step_bps: 1_000,
		reserve_floor_bps: 2_000,
		min_increment_bps: 100,
	}
}

/// One token of the chain's public interface as created at genesis.
pub struct GenesisAsset {
	/// pallet-assets id.
	pub id: AssetId,
	/// Display name.
	pub name: &'static str,
	/// Ticker.
	pub symbol: &'static str,
	/// Decimals.
	pub decimals: u8,
	/// Smallest balance an account may hold.
	pub min_balance: Balance,
}

/// The tokens every preset creates (DESIGN §3). All are "sufficient": a depositor can hold
/// dollars without holding CHIP.
pub const GENESIS_ASSETS: [GenesisAsset; 4] = [
	GenesisAsset {
		id: USDC,
		name: "USD Coin (bridged)",
		symbol: "USDC",
		decimals: STABLECOIN_DECIMALS,
		min_balance: STABLECOIN_MIN_BALANCE,
	},
	GenesisAsset {
		id: USDT,
		name: "Tether USD (bridged)",
		symbol: "USDT",
		decimals: STABLECOIN_DECIMALS,
		min_balance: STABLECOIN_MIN_BALANCE,
	},
	GenesisAsset {
		id: USDAI,
		name: "USDai",
		symbol: "USDai",
		decimals: USDAI_DECIMALS,
		min_balance: USDAI_MIN_BALANCE,
	},
	GenesisAsset {
		id: SUSDAI,
		name: "Staked USDai",
		symbol: "sUSDai",
		decimals: USDAI_DECIMALS,
		min_balance: USDAI_MIN_BALANCE,
	},
];

/// The account that owns (issues, administers) a genesis token: the vault for USDai and sUSDai,
/// the treasury bridge for the bridged stablecoins. Both are keyless pallet accounts.
pub fn asset_owner(id: AssetId) -> AccountId {
	if id == USDAI || id == SUSDAI {
		UsdaiPalletId::get().into_account_truncating()
	} else {
		TreasuryBridgePalletId::get().into_account_truncating()
	}
}

/// The dev relayers: the stash accounts of Alice, Bob, Charlie and Dave.
pub fn dev_relayers() -> Vec<AccountId> {
	[
		Sr25519Keyring::AliceStash,
		Sr25519Keyring::BobStash,
		Sr25519Keyring::CharlieStash,
		Sr25519Keyring::DaveStash,
	]
	.iter()
	.map(|k| k.to_account_id())
	.collect()
}

/// Attestations that credit a deposit: three of the four dev relayers (at least ⌈2n/3⌉).
pub const DEV_RELAYER_THRESHOLD: u32 = 3;

/// The dev bridge's source channel (Ethereum).
pub const DEV_BRIDGE_CHANNEL: u32 = 1;

/// Most of a bridged stablecoin credited per day before the excess queues: ten million dollars.
pub const BRIDGE_INFLOW_PER_DAY: Balance = 10_000_000 * 1_000_000;

/// The first risk council of the dev and local chains: Alice, Bob and Charlie (a motion passes
/// with two of them). A real network names its own in its chain spec; afterwards a registrar
/// referendum changes it.
pub fn dev_council() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// Who governs a chain from genesis.
pub struct GenesisGovernance {
	/// The sudo key, on `development` only (a convenience that a real network never has).
	pub sudo: Option<AccountId>,
	/// The first risk council.
	pub council: Vec<AccountId>,
	/// The guard's delay for risk-raising changes; `None`: the runtime's default (two days).
	/// `development` has none, so that root (sudo) applies every change at once.
	pub guard_delay: Option<crate::BlockNumber>,
}

fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	governance: GenesisGovernance,
) -> Value {
	let inflow = pallet_treasury_bridge::InflowLimit::<crate::BlockNumber> {
		period: DAYS,
		max_per_period: BRIDGE_INFLOW_PER_DAY,
	};
	let bridged_assets = vec![(USDC, inflow), (USDT, inflow)];
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: governance.sudo },
		risk_council: RiskCouncilConfig { members: governance.council },
		guard: GuardConfig { delay: governance.guard_delay },
		// The development beacon (its secret is public, see `usdai_timelock::dev`) on
		// quicknet's schedule: the local beacon signs its pulses. A production chain spec
		// names drand's quicknet key instead.
		beacon: BeaconConfig {
			public_key: usdai_timelock::dev::PUBLIC_KEY.to_vec(),
			genesis_time: usdai_timelock::quicknet::GENESIS_TIME,
			period: usdai_timelock::quicknet::PERIOD,
		},
		usdai: UsdaiConfig {
			stablecoins: vec![
				(USDC, USDAI_STABLECOIN_CAP, true),
				(USDT, USDAI_STABLECOIN_CAP, true),
			],
			limits: Some(pallet_usdai::MintLimits {
				supply_cap: USDAI_SUPPLY_CAP,
				period: DAYS,
				max_per_period: USDAI_MINT_PER_DAY,
			}),
			fees: pallet_usdai::FeeConfig { protocol_bps: 1_000, insurance_bps: 500 },
			vesting_period: 8 * HOURS,
		},
		caliber: CaliberConfig {
			custodians: vec![(Sr25519Keyring::Dave.to_account_id(), dev_custodian_info())],
			appraisers: vec![
				Sr25519Keyring::Eve.to_account_id(),
				Sr25519Keyring::Ferdie.to_account_id(),
			],
			params: caliber_params(),
			depreciation: GPU_DEPRECIATION.to_vec(),
		},
		filo: FiloConfig {
			params: Some(filo_params()),
			curators: vec![Sr25519Keyring::Charlie.to_account_id()],
		},
		treasury_bridge: TreasuryBridgeConfig {
			relayers: dev_relayers(),
			threshold: DEV_RELAYER_THRESHOLD,
			channels: vec![DEV_BRIDGE_CHANNEL],
			assets: bridged_assets,
			sleeve_target: 0,
		},
		assets: AssetsConfig {
			assets: GENESIS_ASSETS
				.iter()
				.map(|a| (a.id, asset_owner(a.id), true, a.min_balance))
				.collect::<Vec<_>>(),
			metadata: GENESIS_ASSETS
				.iter()
				.map(|a| (
					a.id,
					a.name.as_bytes().to_vec(),
					a.symbol.as_bytes().to_vec(),
					a.decimals
				))
				.collect::<Vec<_>>(),
		},
	})
}

fn authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The well-known dev accounts (Alice … Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The `development` preset: Alice authors and finalizes alone and is sudo; the guard has no
/// delay, so governance calls made through `sudo.sudo(guard.submit(..))` apply at once.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		GenesisGovernance {
			sudo: Some(Sr25519Keyring::Alice.to_account_id()),
			council: dev_council(),
			guard_delay: Some(0),
		},
	)
}

/// The `local_testnet` preset, the shape of a real network: Alice, Bob and Charlie validate, and
/// there is no sudo key. Genesis names the first risk council and the relayers; everything else
/// is decided by CHIP referendum, and the guard holds risk-raising changes back for its default
/// delay (two days).
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		dev_accounts(),
		GenesisGovernance { sudo: None, council: dev_council(), guard_delay: None },
	)
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
