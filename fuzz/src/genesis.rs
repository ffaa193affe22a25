//! The genesis state of the `development` preset, built natively: the preset's JSON patch over
//! the default `RuntimeGenesisConfig`, as the node's chain-spec builder merges them, then
//! `build_storage`. No wasm is involved, so the fuzzer builds with `SKIP_WASM_BUILD=1`.

use serde_json::Value;
use sp_runtime::{BuildStorage, Storage};
use usdai_runtime::{genesis_config_presets::get_preset, RuntimeGenesisConfig};

/// Genesis storage of the runtime preset `preset` (e.g. `"development"`).
pub fn preset_storage(preset: &str) -> Result<Storage, String> {
	let patch = get_preset(&sp_genesis_builder::PresetId::from(preset))
		.ok_or_else(|| format!("no preset {preset}"))?;
	let patch: Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).map_err(|e| e.to_string())?;
	config.build_storage()
}

/// The `development` preset's genesis storage.
pub fn dev_storage() -> Storage {
	preset_storage(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.unwrap_or_else(|e| panic!("the development preset builds: {e}"))
}

/// Applies a JSON merge patch: objects merge key by key, anything else replaces.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (k, v) in patch {
				merge(base.entry(k).or_insert(Value::Null), v);
			}
		},
		(base, patch) => *base = patch,
	}
}
