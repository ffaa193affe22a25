//! The macros that write what every mock runtime had copied. Each names the crates as the
//! calling mock does (`frame_support`, `frame_system`, `sp_runtime`, `pallet_balances`,
//! `pallet_assets`, `pallet_usdai`, `pallet_nfts`, `pallet_timestamp`, `pallet_caliber`,
//! `pallet_filo`): the mock's crate needs them as (dev-)dependencies, and a pallet's own mock
//! names itself with `use crate as pallet_x;`.
//!
//! The configuration impls are written inside `const _: () = { ... };` with their own
//! `use frame_support::derive_impl;` (`#[derive_impl]` calls itself again by that name) and
//! their own parameter types, so that they add no name to the mock but the runtime's.

/// The mock runtime every pallet's tests start from: the runtime `$runtime` (with `System` at
/// index 0 and `Balances` at index 1, then the given pallets at their indices), its `Block`,
/// frame-system's configuration (`$account` accounts looked up as themselves, balances in
/// [`crate::Balance`], plus the items given in `system { ... }`) and pallet-balances' (an
/// existential deposit of one).
///
/// ```ignore
/// pub type AccountId = u128;
///
/// usdai_test_support::mock_runtime! {
///     Test, AccountId;
///     2: Assets = pallet_assets,
///     3: Usdai = pallet_usdai;
///     system { type BaseCallFilter = frame_support::traits::Everything; }
/// }
/// ```
#[macro_export]
macro_rules! mock_runtime {
	(
		$runtime:ident, $account:ty;
		$($index:tt: $name:ident = $pallet:ident),+ $(,)?
	) => {
		$crate::mock_runtime! {
			$runtime, $account;
			$($index: $name = $pallet),+;
			system {}
		}
	};
	(
		$runtime:ident, $account:ty;
		$($index:tt: $name:ident = $pallet:ident),+;
		system { $($system:tt)* }
	) => {
		type Block = frame_system::mocking::MockBlock<$runtime>;

		#[frame_support::runtime]
		mod runtime {
			#[runtime::runtime]
			#[runtime::derive(
				RuntimeCall,
				RuntimeEvent,
				RuntimeError,
				RuntimeOrigin,
				RuntimeFreezeReason,
				RuntimeHoldReason,
				RuntimeSlashReason,
				RuntimeLockId,
				RuntimeTask,
				RuntimeViewFunction
			)]
			pub struct $runtime;

			#[runtime::pallet_index(0)]
			pub type System = frame_system;
			#[runtime::pallet_index(1)]
			pub type Balances = pallet_balances;
			$(
				#[runtime::pallet_index($index)]
				pub type $name = $pallet;
			)+
		}

		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = Block;
				type AccountId = $account;
				type Lookup = sp_runtime::traits::IdentityLookup<$account>;
				type AccountData = pallet_balances::AccountData<$crate::Balance>;
				$($system)*
			}

			// The runtime's hold and freeze reasons come with the preset (`inject_runtime_type`).
			#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
			impl pallet_balances::Config for $runtime {
				type Balance = $crate::Balance;
				type ExistentialDeposit = frame_support::traits::ConstU128<1>;
				type AccountStore = System;
			}
		};
	};
}

/// [`mock_runtime!`] with pallet-assets (`Assets`) at index 2 and the real vault (pallet-usdai,
/// `Usdai`) at index 3, configured by [`impl_mock_assets!`] (the vault notes USDai and sUSDai
/// debits for its points: it is the freezer) and [`impl_mock_usdai!`] with its defaults, then
/// the given pallets: the runtime of a pallet that lends, redeems or bridges through the vault.
///
/// ```ignore
/// usdai_test_support::vault_runtime!(Test, AccountId; 4: Qev = pallet_qev);
/// ```
#[macro_export]
macro_rules! vault_runtime {
	($runtime:ident, $account:ty; $($index:tt: $name:ident = $pallet:ident),+ $(,)?) => {
		$crate::mock_runtime! {
			$runtime, $account;
			2: Assets = pallet_assets,
			3: Usdai = pallet_usdai,
			$($index: $name = $pallet),+
		}
		$crate::impl_mock_assets!($runtime, $account, freezer: Usdai);
		$crate::impl_mock_usdai!($runtime, $account);
	};
}

/// pallet-assets' configuration in the mocks: asset ids [`crate::AssetId`] and balances
/// [`crate::Balance`] held in `Balances`, any signed account may create an asset, root forces,
/// no deposits, and `Freezer` the given pallet (the real vault, pallet-usdai, notes USDai and
/// sUSDai debits for its points through it) or none.
///
/// ```ignore
/// usdai_test_support::impl_mock_assets!(Test, AccountId, freezer: Usdai);
/// usdai_test_support::impl_mock_assets!(Test, AccountId);
/// ```
#[macro_export]
macro_rules! impl_mock_assets {
	($runtime:ident, $account:ty $(,)?) => {
		$crate::impl_mock_assets!($runtime, $account, freezer: ());
	};
	($runtime:ident, $account:ty, freezer: $freezer:ty $(,)?) => {
		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
			impl pallet_assets::Config for $runtime {
				type Balance = $crate::Balance;
				type AssetId = $crate::AssetId;
				type AssetIdParameter = $crate::AssetId;
				type Currency = Balances;
				type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
					frame_system::EnsureSigned<$account>,
				>;
				type ForceOrigin = frame_system::EnsureRoot<$account>;
				type AssetDeposit = frame_support::traits::ConstU128<0>;
				type AssetAccountDeposit = frame_support::traits::ConstU128<0>;
				type MetadataDepositBase = frame_support::traits::ConstU128<0>;
				type MetadataDepositPerByte = frame_support::traits::ConstU128<0>;
				type ApprovalDeposit = frame_support::traits::ConstU128<0>;
				type Freezer = $freezer;
				type Holder = ();
				type CallbackHandle = ();
			}
		};
	};
}

/// The real vault's (pallet-usdai's) configuration in the mocks: USDai and sUSDai are
/// [`crate::assets::USDAI`] and [`crate::assets::SUSDAI`] in `Assets`, root governs, at most
/// four stablecoins, fees up to 20% and the insurance cut up to 10%, half of each protocol fee
/// to CHIP lockers, 1,000 dead shares, vesting up to 1,000 blocks. What differs between mocks
/// is given: blocks per day (100 unless given), the emergency origin (root unless given) and
/// the points accounting's bounds `(MaxPointsVisitsPerBlock, MaxPointsPendingPerBlock,
/// MaxPointsScannedEvents)` (3, 64 and 1,024 unless given).
///
/// ```ignore
/// usdai_test_support::impl_mock_usdai!(Test, AccountId);
/// usdai_test_support::impl_mock_usdai!(Test, AccountId, blocks_per_day: DAY);
/// usdai_test_support::impl_mock_usdai!(
///     Test, AccountId, blocks_per_day: DAY,
///     emergency: EnsureEmergency,
///     points: (MaxPointsVisits, MaxPointsPending, MaxPointsScanned),
/// );
/// ```
#[macro_export]
macro_rules! impl_mock_usdai {
	($runtime:ident, $account:ty $(,)?) => {
		$crate::impl_mock_usdai!($runtime, $account, blocks_per_day: 100);
	};
	($runtime:ident, $account:ty, blocks_per_day: $day:expr $(,)?) => {
		$crate::impl_mock_usdai!(
			$runtime, $account, blocks_per_day: $day,
			emergency: frame_system::EnsureRoot<$account>,
			points: (
				frame_support::traits::ConstU32<3>,
				frame_support::traits::ConstU32<64>,
				frame_support::traits::ConstU32<1_024>
			),
		);
	};
	(
		$runtime:ident, $account:ty, blocks_per_day: $day:expr,
		emergency: $emergency:ty,
		points: ($visits:ty, $pending:ty, $scanned:ty) $(,)?
	) => {
		const _: () = {
			frame_support::parameter_types! {
				pub const UsdaiPalletId: frame_support::PalletId =
					frame_support::PalletId(*b"usdai/vt");
				/// Half of each protocol fee goes to CHIP lockers.
				pub const LockerFeeShare: sp_runtime::Perbill =
					sp_runtime::Perbill::from_percent(50);
			}

			impl pallet_usdai::Config for $runtime {
				type RuntimeEvent = RuntimeEvent;
				type Assets = Assets;
				type Holders = pallet_usdai::AssetHolders<$runtime>;
				type PalletId = UsdaiPalletId;
				type UsdaiAsset = frame_support::traits::ConstU32<{ $crate::assets::USDAI }>;
				type SusdaiAsset = frame_support::traits::ConstU32<{ $crate::assets::SUSDAI }>;
				type GovernanceOrigin = frame_system::EnsureRoot<$account>;
				type EmergencyOrigin = $emergency;
				type MaxStablecoins = frame_support::traits::ConstU32<4>;
				type MaxProtocolFeeBps = frame_support::traits::ConstU32<2_000>;
				type MaxInsuranceBps = frame_support::traits::ConstU32<1_000>;
				type LockerFeeShare = LockerFeeShare;
				type DeadShares = frame_support::traits::ConstU128<1_000>;
				type MaxVestingPeriod = frame_support::traits::ConstU64<1_000>;
				type BlocksPerDay = frame_support::traits::ConstU64<{ $day }>;
				type MaxPointsVisitsPerBlock = $visits;
				type TransferEvents = pallet_usdai::AssetTransfers<$runtime>;
				type MaxPointsPendingPerBlock = $pending;
				type MaxPointsScannedEvents = $scanned;
				type WeightInfo = ();
			}
		};
	};
}

/// The real receipts' configuration in the mocks: pallet-timestamp (the registry's clock),
/// pallet-nfts with every feature enabled and `Caliber` as the locker of its items (real
/// `MultiSignature` signatures: the mock's accounts are `AccountId32`), and pallet-caliber with
/// its runtime's `Timestamp`, root governance, 1,024 GPUs per receipt, depreciation up to 50% a
/// year and a one-day valuation period. `MaxAppraisers` and `MaxReceiptsPerLoan` are given.
///
/// ```ignore
/// usdai_test_support::impl_mock_caliber!(
///     Test, AccountId, max_appraisers: ConstU32<5>, max_receipts_per_loan: ConstU32<4>
/// );
/// ```
#[macro_export]
macro_rules! impl_mock_caliber {
	(
		$runtime:ident, $account:ty,
		max_appraisers: $appraisers:ty,
		max_receipts_per_loan: $receipts:ty $(,)?
	) => {
		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
			impl pallet_timestamp::Config for $runtime {}

			frame_support::parameter_types! {
				pub storage NftFeatures: pallet_nfts::PalletFeatures =
					pallet_nfts::PalletFeatures::all_enabled();
				pub const CaliberPalletId: frame_support::PalletId =
					frame_support::PalletId(*b"usdai/cl");
			}

			type AccountPublic = <sp_runtime::MultiSignature as sp_runtime::traits::Verify>::Signer;

			impl pallet_nfts::Config for $runtime {
				type RuntimeEvent = RuntimeEvent;
				type CollectionId = u32;
				type ItemId = u32;
				type Currency = Balances;
				type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
					frame_system::EnsureSigned<$account>,
				>;
				type ForceOrigin = frame_system::EnsureRoot<$account>;
				type Locker = Caliber;
				type CollectionDeposit = frame_support::traits::ConstU128<2>;
				type ItemDeposit = frame_support::traits::ConstU128<1>;
				type MetadataDepositBase = frame_support::traits::ConstU128<1>;
				type AttributeDepositBase = frame_support::traits::ConstU128<1>;
				type DepositPerByte = frame_support::traits::ConstU128<1>;
				type StringLimit = frame_support::traits::ConstU32<256>;
				type KeyLimit = frame_support::traits::ConstU32<64>;
				type ValueLimit = frame_support::traits::ConstU32<256>;
				type ApprovalsLimit = frame_support::traits::ConstU32<10>;
				type ItemAttributesApprovalsLimit = frame_support::traits::ConstU32<2>;
				type MaxTips = frame_support::traits::ConstU32<10>;
				type MaxDeadlineDuration = frame_support::traits::ConstU64<10000>;
				type MaxAttributesPerCall = frame_support::traits::ConstU32<2>;
				type Features = NftFeatures;
				type OffchainSignature = sp_runtime::MultiSignature;
				type OffchainPublic = AccountPublic;
				type WeightInfo = ();
				#[cfg(feature = "runtime-benchmarks")]
				type Helper = ();
				type BlockNumberProvider = System;
			}

			impl pallet_caliber::Config for $runtime {
				type NativeBalance = Balances;
				type RuntimeHoldReason = RuntimeHoldReason;
				type UnixTime = Timestamp;
				type PalletId = CaliberPalletId;
				type GovernanceOrigin = frame_system::EnsureRoot<$account>;
				type MaxAppraisers = $appraisers;
				type MaxGpusPerReceipt = frame_support::traits::ConstU32<1_024>;
				type MaxReceiptsPerLoan = $receipts;
				type MaxDepreciationBps = frame_support::traits::ConstU32<5_000>;
				type ValuationPeriod = frame_support::traits::ConstU64<86_400>;
				type WeightInfo = ();
			}
		};
	};
}

/// Adds the real vault's genesis to `$storage` (a `&mut sp_runtime::Storage`): the stablecoins
/// `(id, owner)` and the vault's USDai and sUSDai in pallet-assets
/// ([`crate::genesis::vault_tokens`]), then pallet-usdai's genesis with each stablecoin
/// accepted up to 1,000,000,000 dollars, mints open (a supply cap of a quarter of the largest
/// balance, an eighth of it per one-block period), fees of 10% and 5% to the insurance fund and
/// a ten-block vesting window.
///
/// ```ignore
/// usdai_test_support::open_vault_genesis!(Test, &mut storage, [(USDC, 0)]);
/// ```
#[macro_export]
macro_rules! open_vault_genesis {
	($runtime:ident, $storage:expr, [$(($asset:expr, $owner:expr)),+ $(,)?] $(,)?) => {{
		use $crate::__private::sp_runtime::BuildStorage as _;
		let storage: &mut $crate::__private::sp_runtime::Storage = $storage;
		let vault = pallet_usdai::Pallet::<$runtime>::vault_account();
		$crate::genesis::vault_tokens::<$runtime>(storage, vec![$(($asset, $owner)),+], vault);
		pallet_usdai::GenesisConfig::<$runtime> {
			stablecoins: vec![$(($asset, 1_000_000_000 * $crate::units::USD6, true)),+],
			limits: Some(pallet_usdai::MintLimits {
				supply_cap: $crate::Balance::MAX / 4,
				period: 1,
				max_per_period: $crate::Balance::MAX / 8,
			}),
			fees: pallet_usdai::FeeConfig { protocol_bps: 1_000, insurance_bps: 500 },
			vesting_period: 10,
		}
		.assimilate_storage(storage)
		.expect("the vault's genesis builds");
	}};
}

/// A [`crate::builders::Receipt`] as the `pallet_caliber::ReceiptInfo` a custodian issues (a
/// batch of H100-SXM).
///
/// ```ignore
/// let info = usdai_test_support::receipt_info!(Receipt::h100(value, 2 * value, START + YEAR));
/// ```
#[macro_export]
macro_rules! receipt_info {
	($receipt:expr $(,)?) => {{
		let receipt: $crate::builders::Receipt = $receipt;
		pallet_caliber::ReceiptInfo {
			model: pallet_caliber::GpuModel::H100Sxm,
			count: receipt.count,
			serials_hash: $crate::__private::sp_core::H256::repeat_byte(receipt.serials),
			data_centre: $crate::text(receipt.data_centre),
			bailment_hash: $crate::__private::sp_core::H256::repeat_byte(receipt.bailment),
			insurance: pallet_caliber::Insurance {
				policy_id: $crate::text(receipt.policy),
				coverage: receipt.coverage,
				expiry: receipt.expiry,
			},
			appraisal: receipt.appraisal,
		}
	}};
}

/// A [`crate::builders::Terms`] as the `pallet_filo::StackTerms` a curator opens a stack with
/// (ACT/365, straight-line amortization).
///
/// ```ignore
/// let terms = usdai_test_support::stack_terms!(Terms::example().max_loans(3));
/// ```
#[macro_export]
macro_rules! stack_terms {
	($terms:expr $(,)?) => {{
		let terms: $crate::builders::Terms = $terms;
		pallet_filo::StackTerms {
			max_ltv_bps: terms.max_ltv_bps,
			min_apr_bps: terms.min_apr_bps,
			max_apr_bps: terms.max_apr_bps,
			curator_fee_bps: terms.curator_fee_bps,
			max_loans: terms.max_loans,
			day_count: pallet_filo::DayCount::Act365,
			amortization: pallet_filo::Amortization::StraightLine {
				annual_rate_bps: terms.annual_rate_bps,
			},
		}
	}};
}

/// The bounds a mock keeps small and the tests of a call's worst case raise to the runtime's:
/// a thread-local `$cell` holding the mock's bounds (`$mock`, of type `$bounds`: a `u32`, a
/// tuple or a struct of `u32`s), and for each bound a `Get<u32>` type reading it (the field
/// given after the colon, or the whole value). The mock's `ExtBuilder` sets `$cell` before it
/// builds (`BOUNDS.with(|b| b.set(RUNTIME_BOUNDS))`).
///
/// ```ignore
/// usdai_test_support::test_bounds!(static BOUNDS: (u32, u32) = MOCK_BOUNDS; TestMaxA: 0, TestMaxB: 1);
/// usdai_test_support::test_bounds!(static MAX_APPRAISERS: u32 = 5; TestMaxAppraisers);
/// ```
#[macro_export]
macro_rules! test_bounds {
	(
		static $cell:ident: $bounds:ty = $mock:expr;
		$($name:ident $(: $field:tt)?),+ $(,)?
	) => {
		std::thread_local! {
			static $cell: core::cell::Cell<$bounds> = const { core::cell::Cell::new($mock) };
		}
		$(
			#[doc = concat!(
				"A bound of the test (`", stringify!($cell), $(".", stringify!($field),)? "`)."
			)]
			#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, scale_info::TypeInfo)]
			pub struct $name;
			impl frame_support::traits::Get<u32> for $name {
				fn get() -> u32 {
					$cell.with(|bounds| bounds.get()$(.$field)?)
				}
			}
		)+
	};
}
