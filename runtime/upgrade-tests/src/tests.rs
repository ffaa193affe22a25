// Test code: panics are the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, StorageVersion},
};
use frame_try_runtime::UpgradeCheckSelect;
use pallet_treasury_bridge::{Deposit, DepositAction};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;
use usdai_primitives::governance::Domain;
use usdai_runtime::{
	asset_ids::USDC,
	genesis_config_presets::{dev_relayers, DEV_BRIDGE_CHANNEL, DEV_RELAYER_THRESHOLD},
	AccountId, Beacon, Executive, Filo, Qev, Runtime, RuntimeGenesisConfig, RuntimeOrigin, System,
	TreasuryBridge,
};
use usdai_test_support::{
	builders::Terms,
	units::{USD, USD6},
};

/// Overlays a genesis preset (a JSON patch) on the full default config, as the chain-spec
/// builder does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis state of `preset`, built natively (this build has no wasm blob).
fn genesis(preset: &str) -> sp_io::TestExternalities {
	let patch = usdai_runtime::genesis_config_presets::get_preset(&preset.into())
		.expect("the preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn who(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// A registry change as governance enacts it (through the risk guard).
fn registrar() -> RuntimeOrigin {
	RuntimeOrigin::from(pallet_guard::Origin::Enacted(Domain::Registry))
}

/// `dollars` of USDai for `to`, bridged in: the dev relayers attest a USDC deposit.
fn fund(to: &AccountId, dollars: u128) {
	let nonce = pallet_treasury_bridge::Channels::<Runtime>::get(DEV_BRIDGE_CHANNEL)
		.expect("the dev channel is open")
		.next_nonce;
	let deposit = Deposit {
		channel: DEV_BRIDGE_CHANNEL,
		nonce,
		source_tx: sp_core::H256::from_low_u64_be(nonce + 1),
		asset: USDC,
		amount: dollars * USD6,
		action: DepositAction::Credit { recipient: to.clone(), into_usdai: true },
	};
	for relayer in dev_relayers().into_iter().take(DEV_RELAYER_THRESHOLD as usize) {
		assert_ok!(TreasuryBridge::attest_deposit(RuntimeOrigin::signed(relayer), deposit.clone()));
	}
}

/// A chain that has lived: curators registered by governance (besides genesis's), two of them
/// with stacks holding first-loss, one removed again, dollars bridged in.
fn a_lived_chain() {
	let curators = [Sr25519Keyring::Charlie, Sr25519Keyring::One, Sr25519Keyring::Two];
	for c in curators {
		if !pallet_filo::Curators::<Runtime>::contains_key(who(c)) {
			assert_ok!(Filo::register_curator(registrar(), who(c)));
		}
	}
	assert_ok!(Filo::register_curator(registrar(), who(Sr25519Keyring::Ferdie)));
	assert_ok!(Filo::remove_curator(registrar(), who(Sr25519Keyring::Ferdie)));
	for c in [Sr25519Keyring::Charlie, Sr25519Keyring::One] {
		fund(&who(c), 200_000);
		let terms = usdai_test_support::stack_terms!(Terms::example());
		assert_ok!(Filo::open_stack(RuntimeOrigin::signed(who(c)), 100_000 * USD, terms));
	}
}

/// Puts the storage of every pallet the next release migrates back as the current release
/// wrote it. FiLo version 0: the curators in the plain map under `Curators`, no counted
/// registry. The beacon and the queue at version 0 (the beacon set at genesis, no
/// commit-reveal storage).
pub(crate) fn as_current_release() {
	pallet_filo::migrations::v1::as_version_0::<Runtime>();
	StorageVersion::new(0).put::<Beacon>();
	StorageVersion::new(0).put::<Qev>();
}

fn v0_curators() -> Vec<AccountId> {
	let mut all: Vec<_> =
		pallet_filo::migrations::v1::v0::Curators::<Runtime>::iter_keys().collect();
	all.sort();
	all
}

fn curators() -> Vec<AccountId> {
	let mut all: Vec<_> = pallet_filo::Curators::<Runtime>::iter_keys().collect();
	all.sort();
	all
}

/// Runs the upgrade as `try-runtime` does: every migration with its pre- and post-checks,
/// every pallet's storage version and `try_state`, the whole state decoded.
fn upgrade() -> frame_support::weights::Weight {
	Executive::try_runtime_upgrade(UpgradeCheckSelect::All).expect("the upgrade's checks pass")
}

#[test]
fn the_next_release_migrates_a_lived_chain_within_a_block_and_only_once() {
	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		genesis(preset).execute_with(|| {
			a_lived_chain();
			as_current_release();
			let registry = v0_curators();
			assert!(registry.len() >= 3, "{preset}: the test's curators are registered");
			assert!(curators().is_empty());
			assert_eq!(Filo::on_chain_storage_version(), StorageVersion::new(0));
			// The beacon and the queue migrate too; the beacon genesis set is kept.
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(0));
			let beacon = Beacon::beacon();
			assert!(beacon.is_some());

			let weight = upgrade();

			// Within one block: a single-block migration must leave room for the block.
			let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
			assert!(weight.all_lte(max), "{preset}: the upgrade weighs {weight} > {max}");
			// Migrated: FiLo at version 1, its counter counting the same curators.
			assert_eq!(Filo::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Qev::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Beacon::beacon(), beacon, "{preset}: the genesis beacon is kept");
			assert_eq!(pallet_filo::Curators::<Runtime>::count() as usize, registry.len());
			assert_eq!(curators(), registry);
			assert!(v0_curators().is_empty(), "{preset}: the old map is cleared");
			// The migrated registry works: a migrated curator opens another stack.
			fund(&who(Sr25519Keyring::Two), 200_000);
			let terms = usdai_test_support::stack_terms!(Terms::example());
			assert_ok!(Filo::open_stack(
				RuntimeOrigin::signed(who(Sr25519Keyring::Two)),
				100_000 * USD,
				terms
			));

			// Idempotent: the upgrade run again changes nothing.
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			upgrade();
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "{preset}");
		});
	}
}

#[test]
fn the_next_release_is_one_spec_version_up_and_migrates_filo_beacon_and_qev_to_version_1() {
	assert_eq!(usdai_runtime::VERSION.spec_version, 116);
	assert_eq!(pallet_filo::Pallet::<Runtime>::in_code_storage_version(), StorageVersion::new(1));
	assert_eq!(Beacon::in_code_storage_version(), StorageVersion::new(1));
	assert_eq!(Qev::in_code_storage_version(), StorageVersion::new(1));
}

/// A chain that ran a release before sealed bids (spec 114): no beacon pallet storage at all
/// (not even its version: the executive then writes version 1 before the migrations run), and
/// commit-reveal's storage (a commitment per bidding ticket, the reveals of the last round).
/// The upgrade sets drand's quicknet as its beacon, clears commit-reveal, and the queue takes
/// sealed bids again.
#[test]
fn a_chain_from_before_sealed_bids_follows_quicknet_after_the_upgrade() {
	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		genesis(preset).execute_with(|| {
			a_lived_chain();
			as_current_release();
			pallet_beacon::migrations::v1::as_before_the_beacon::<Runtime>();
			pallet_qev::migrations::v1::as_version_0::<Runtime>(&[0, 1, 2, 7, 99]);
			assert!(Beacon::beacon().is_none());
			assert_eq!(Qev::on_chain_storage_version(), StorageVersion::new(0));
			// Without a beacon nothing can be sealed: the queue names no round to seal to.
			assert!(pallet_qev::Pallet::<Runtime>::sealed_round().is_none(), "{preset}");

			let weight = upgrade();
			let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
			assert!(weight.all_lte(max), "{preset}: the upgrade weighs {weight} > {max}");

			assert_eq!(Beacon::beacon(), Some(pallet_beacon::BeaconInfo::quicknet()), "{preset}");
			assert_eq!(Beacon::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(Qev::on_chain_storage_version(), StorageVersion::new(1));
			use pallet_qev::migrations::v1::v0;
			assert_eq!(v0::Commitments::<Runtime>::iter_keys().count(), 0, "{preset}");
			assert!(!v0::Reveals::<Runtime>::exists() && !v0::RevealedRound::<Runtime>::exists());
			// Sealed bids are back: the queue names the quicknet round to seal to.
			assert!(pallet_qev::Pallet::<Runtime>::sealed_round().is_some(), "{preset}");

			// Idempotent.
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			upgrade();
			assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root, "{preset}");
		});
	}
}

#[test]
fn a_chain_that_already_migrated_is_left_alone() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		a_lived_chain();
		// A chain started on the next release: genesis wrote version 1 into the counted registry.
		assert_eq!(Filo::on_chain_storage_version(), StorageVersion::new(1));
		let count = pallet_filo::Curators::<Runtime>::count();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		upgrade();
		assert_eq!(pallet_filo::Curators::<Runtime>::count(), count);
		// Only the last-upgrade marker is written (the version did not change: same value).
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
	});
}

/// The checks are not vacuous: a chain at version 0 that already has a counted registry (a
/// half-applied migration, or a release that got its layout wrong) fails `pre_upgrade`, and the
/// upgrade with it. (A counter or curator gone wrong after the migration fails `post_upgrade`:
/// FiLo's unit tests.)
#[test]
fn a_broken_state_fails_the_upgrade_checks() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		a_lived_chain();
		as_current_release();
		frame_support::storage::unhashed::put(
			&pallet_filo::Curators::<Runtime>::counter_storage_final_key(),
			&1u32,
		);
		assert!(Executive::try_runtime_upgrade(UpgradeCheckSelect::PreAndPost).is_err());
	});
}
