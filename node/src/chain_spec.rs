//! The chain specifications the node knows by name, and loading others from files.

use sc_service::{ChainType, Properties};
use usdai_primitives::chip;

/// The chain-spec type of this node.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format that wallets (Polkadot.js) show.
pub fn properties() -> Properties {
	let mut p = Properties::new();
	p.insert("tokenSymbol".into(), chip::SYMBOL.into());
	p.insert("tokenDecimals".into(), chip::DECIMALS.into());
	p.insert("ss58Format".into(), chip::SS58_FORMAT.into());
	p
}

/// Which build of the runtime a chain runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RuntimeBuild {
	/// The production runtime (6-second blocks, real days).
	Production,
	/// The `fast-runtime` build (3-second blocks, a "day" of two blocks), for end-to-end tests.
	Fast,
}

fn wasm(build: RuntimeBuild) -> Result<&'static [u8], String> {
	let blob = match build {
		RuntimeBuild::Production => usdai_runtime::WASM_BINARY,
		RuntimeBuild::Fast => usdai_runtime_fast::WASM_BINARY,
	};
	blob.ok_or_else(|| match build {
		RuntimeBuild::Production => "this node was built without the wasm runtime \
		                             (SKIP_WASM_BUILD): rebuild it without that variable to run a \
		                             chain"
			.to_string(),
		RuntimeBuild::Fast => "this node was built without the fast runtime's wasm \
		                       (SKIP_WASM_BUILD or SKIP_USDAI_RUNTIME_FAST_WASM_BUILD, which \
		                       scripts/run-dev.sh sets): rebuild it without them to run a `-fast` \
		                       chain"
			.to_string(),
	})
}

/// A one-validator development chain (Alice), preset `development`.
pub fn development_chain_spec(build: RuntimeBuild) -> Result<ChainSpec, String> {
	chain_spec(
		build,
		("USD.AI Development", "usdai_dev", "usdai-dev"),
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// A local three-validator testnet (Alice, Bob, Charlie), preset `local_testnet`.
pub fn local_chain_spec(build: RuntimeBuild) -> Result<ChainSpec, String> {
	chain_spec(
		build,
		("USD.AI Local Testnet", "usdai_local", "usdai-local"),
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// The spec of a built-in chain: its `(name, id, protocol id)`, marked ` (fast-runtime)`,
/// `_fast` and `-fast` on the fast build so that its databases and peers never mix with the
/// production chain's.
fn chain_spec(
	build: RuntimeBuild,
	(name, id, protocol): (&str, &str, &str),
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let (name, id, protocol) = match build {
		RuntimeBuild::Production => (name.to_string(), id.to_string(), protocol.to_string()),
		RuntimeBuild::Fast => {
			(format!("{name} (fast-runtime)"), format!("{id}_fast"), format!("{protocol}-fast"))
		},
	};
	Ok(ChainSpec::builder(wasm(build)?, None)
		.with_name(&name)
		.with_id(&id)
		.with_chain_type(chain_type)
		.with_protocol_id(&protocol)
		.with_properties(properties())
		.with_genesis_config_preset_name(preset)
		.build())
}

/// Loads `id`: a built-in name (`dev`, `local`, or `dev-fast`, `local-fast` for the same chains
/// on the `fast-runtime` build that the end-to-end tests use) or the path of a chain-spec JSON
/// file.
pub fn load_spec(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec(RuntimeBuild::Production)?),
		"" | "local" | "local_testnet" => Box::new(local_chain_spec(RuntimeBuild::Production)?),
		"dev-fast" => Box::new(development_chain_spec(RuntimeBuild::Fast)?),
		"local-fast" => Box::new(local_chain_spec(RuntimeBuild::Fast)?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain `{id}`: expected `dev`, `local`, `dev-fast`, `local-fast` or the path of a chain-spec \
					 JSON file"
				));
			}
			Box::new(
				ChainSpec::from_json_file(path.clone())
					.map_err(|e| format!("cannot load chain spec `{}`: {e}", path.display()))?,
			)
		},
	})
}
