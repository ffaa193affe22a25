//! The pallets whose benchmarks `usdai-node benchmark pallet` can run.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_assets, Assets]
	[pallet_nfts, Nfts]
	[pallet_usdai, Usdai]
	[pallet_caliber, Caliber]
);
