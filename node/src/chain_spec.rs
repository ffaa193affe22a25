//! The chain specifications the node knows by name, and loading others from files.

use sc_service::{ChainType, Properties};
use usdai_primitives::chip;
use usdai_runtime::WASM_BINARY;

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

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"this node was built without the wasm runtime (SKIP_WASM_BUILD): rebuild it without \
		 that variable to run a chain"
			.to_string()
	})
}

/// A one-validator development chain (Alice), preset `development`.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("USD.AI Development")
		.with_id("usdai_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id("usdai-dev")
		.with_properties(properties())
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.build())
}

/// A local three-validator testnet (Alice, Bob, Charlie), preset `local_testnet`.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("USD.AI Local Testnet")
		.with_id("usdai_local")
		.with_chain_type(ChainType::Local)
		.with_protocol_id("usdai-local")
		.with_properties(properties())
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.build())
}

/// Loads `id`: a built-in name (`dev`, `local`) or the path of a chain-spec JSON file.
pub fn load_spec(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec()?),
		"" | "local" | "local_testnet" => Box::new(local_chain_spec()?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain `{id}`: expected `dev`, `local` or the path of a chain-spec \
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
