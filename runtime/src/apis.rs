//! The runtime APIs the node and clients call (Polkadot.js: `api.call.*`).

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, AssetId, Aura, Balance, Block, Caliber, Executive, Filo, Grandpa, InherentDataExt,
	Nonce, Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment,
	Usdai, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Without a session pallet there is no key-ownership proof to check.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// `KeyOwnerProof` is the empty `Void` type: no proof can be made.
			None
		}
	}

	impl pallet_usdai::runtime_api::UsdaiApi<Block, AccountId> for Runtime {
		fn share_prices() -> pallet_usdai::SharePrices {
			Usdai::share_prices()
		}

		fn nav() -> pallet_usdai::NavBreakdown {
			Usdai::nav()
		}

		fn points_of(who: AccountId) -> u128 {
			Usdai::points_of(&who)
		}

		fn preview_deposit(asset: AssetId, amount: Balance) -> Option<Balance> {
			Usdai::preview_deposit(asset, amount)
		}

		fn preview_stake(usdai: Balance) -> Option<Balance> {
			Usdai::preview_stake(usdai)
		}
	}

	impl pallet_caliber::runtime_api::CaliberApi<Block, AccountId> for Runtime {
		fn receipt(id: usdai_primitives::ReceiptId) -> Option<pallet_caliber::ReceiptView<AccountId>> {
			Caliber::receipt_view(id)
		}

		fn custodian(who: AccountId) -> Option<pallet_caliber::Custodian> {
			Caliber::custodian_view(&who)
		}

		fn collection() -> Option<usdai_primitives::CollectionId> {
			Caliber::collection_id()
		}
	}

	impl pallet_filo::runtime_api::FiloApi<Block, AccountId, crate::BlockNumber> for Runtime {
		fn loan(
			id: usdai_primitives::LoanId,
		) -> Option<pallet_filo::runtime_api::LoanView<AccountId, crate::BlockNumber>> {
			Filo::loan_view(id)
		}

		fn stack(id: usdai_primitives::StackId) -> Option<pallet_filo::runtime_api::StackView<AccountId>> {
			Filo::stack_view(id)
		}

		fn quote_schedule(
			principal: Balance,
			apr_bps: u32,
			periods: u32,
			day_count: Option<pallet_filo::DayCount>,
			amortization: Option<pallet_filo::Amortization>,
		) -> Option<Vec<pallet_filo::Installment>> {
			Filo::quote(principal, apr_bps, periods, day_count, amortization)
		}
	}

	impl pallet_qev::runtime_api::QevApi<Block, AccountId> for Runtime {
		fn ticket(id: pallet_qev::TicketId) -> Option<pallet_qev::runtime_api::TicketView<AccountId>> {
			crate::Qev::ticket_view(id)
		}

		fn queue_summary() -> pallet_qev::runtime_api::QueueSummary {
			crate::Qev::queue_summary()
		}

		fn sealed_round() -> Option<pallet_qev::runtime_api::SealedRound> {
			crate::Qev::sealed_round()
		}
	}

	impl pallet_beacon::runtime_api::BeaconApi<Block> for Runtime {
		fn beacon() -> Option<pallet_beacon::BeaconInfo> {
			crate::Beacon::beacon()
		}

		fn wanted_rounds() -> Vec<u64> {
			crate::Beacon::wanted_rounds()
		}

		fn pulse(round: u64) -> Option<[u8; 48]> {
			crate::Beacon::pulse(round)
		}

		fn latest_round() -> Option<u64> {
			crate::Beacon::latest_round()
		}
	}

	impl pallet_gauges::runtime_api::GaugesApi<Block, AccountId> for Runtime {
		fn current_weights() -> pallet_gauges::runtime_api::EpochWeights {
			crate::Gauges::current_weights()
		}

		fn next_weights() -> pallet_gauges::runtime_api::EpochWeights {
			crate::Gauges::next_weights()
		}

		fn locker(who: AccountId) -> pallet_gauges::runtime_api::LockerView {
			crate::Gauges::locker(&who)
		}

		fn claimable_bribes(
			who: AccountId,
			epoch: pallet_gauges::EpochIndex,
			stack: usdai_primitives::StackId,
		) -> Vec<(AssetId, Balance)> {
			crate::Gauges::claimable_bribes(&who, epoch, stack)
		}

		fn claimable_fees(who: AccountId) -> Balance {
			crate::Gauges::claimable_fees(&who)
		}
	}

	impl pallet_guard::runtime_api::GuardApi<Block, crate::BlockNumber, crate::Hash> for Runtime {
		fn pending_changes() -> Vec<pallet_guard::runtime_api::PendingChangeInfo<crate::BlockNumber, crate::Hash>> {
			crate::Guard::pending_changes()
		}

		fn delay() -> crate::BlockNumber {
			crate::Guard::delay()
		}
	}

	impl pallet_treasury_bridge::runtime_api::TreasuryBridgeApi<Block, AccountId, crate::BlockNumber> for Runtime {
		fn bridge_state() -> pallet_treasury_bridge::runtime_api::BridgeState<AccountId, crate::BlockNumber> {
			crate::TreasuryBridge::bridge_state()
		}

		fn channels() -> Vec<pallet_treasury_bridge::runtime_api::ChannelView<AccountId>> {
			crate::TreasuryBridge::channel_views()
		}

		fn outbound(
			from: pallet_treasury_bridge::MessageNonce,
			max: u32,
		) -> Vec<(pallet_treasury_bridge::MessageNonce, pallet_treasury_bridge::OutboundMessage<AccountId>, u32)> {
			crate::TreasuryBridge::outbound_view(from, max)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();

			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use sp_storage::TrackedStorageKey;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
			use baseline::Pallet as BaselineBench;
			use super::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}

			use frame_support::traits::WhitelistedStorageKeys;
			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed check must stop it with a backtrace.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			// try-runtime is an off-chain tool: a failed check must stop it with a backtrace.
			#[allow(clippy::expect_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
