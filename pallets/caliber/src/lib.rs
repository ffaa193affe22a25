#![cfg_attr(not(feature = "std"), no_std)]
// Unit tests may unwrap and do plain arithmetic; the pallet's own code may not.
#![cfg_attr(
	test,
	allow(
		clippy::arithmetic_side_effects,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing
	)
)]
#![doc = include_str!("../README.md")]

extern crate alloc;

pub use pallet::*;

mod collateral;
mod custodians;
mod governance_class;
mod impls;
// Also built with `std` so that other pallets' tests and the runtime's can check these
// invariants.
#[cfg(any(test, feature = "std", feature = "try-runtime"))]
mod invariants;
mod receipts;
mod valuation;

pub mod runtime_api;
pub mod types;
pub mod weights;

// Benchmark setup aborts on a broken precondition (it runs only in the benchmark CLI).
#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use receipts::{attribute, ReceiptBurnFilter};
pub use types::*;
pub use weights::WeightInfo;

// The declarations below expand, through FRAME's macros, into code that uses `expect` on
// values the macros guarantee. The pallet's logic lives in the feature modules, which are
// linted in full.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, UnixTime},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use usdai_primitives::{Balance, BasisPoints, CollectionId, LoanId, ReceiptId, UnixSeconds};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the receipt registry. Receipts are pallet-nfts items, so the runtime's
	/// pallet-nfts is part of it.
	#[pallet::config]
	pub trait Config:
		frame_system::Config + pallet_nfts::Config<CollectionId = CollectionId, ItemId = ReceiptId>
	{
		/// The native token, from which custodian bonds are held.
		type NativeBalance: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Balance,
			> + fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The wall clock (pallet-timestamp).
		type UnixTime: UnixTime;

		/// Derives the account that owns the CALIBER collection.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Registers and suspends custodians and appraisers, and sets valuation parameters.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most appraisers governance may register (and so most posts per receipt).
		#[pallet::constant]
		type MaxAppraisers: Get<u32>;

		/// Most GPUs one receipt may stand for.
		#[pallet::constant]
		type MaxGpusPerReceipt: Get<u32>;

		/// Most receipts one loan may pledge.
		#[pallet::constant]
		type MaxReceiptsPerLoan: Get<u32>;

		/// Highest yearly depreciation rate governance may set, in basis points.
		#[pallet::constant]
		type MaxDepreciationBps: Get<BasisPoints>;

		/// Length of a valuation period, in seconds. Within a period a receipt's value stays
		/// within `max_step_bps` of its value at the period's start (depreciated), however many
		/// posts arrive, and each appraiser posts at most once per receipt.
		#[pallet::constant]
		type ValuationPeriod: Get<UnixSeconds>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A custodian's bond, held while it is registered.
		CustodianBond,
	}

	/// The CALIBER collection in pallet-nfts, created at genesis.
	#[pallet::storage]
	pub type Collection<T: Config> = StorageValue<_, CollectionId, OptionQuery>;

	/// Registered custodians.
	#[pallet::storage]
	pub type Custodians<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Custodian, OptionQuery>;

	/// Registered appraisers. At most `MaxAppraisers` entries.
	#[pallet::storage]
	pub type Appraisers<T: Config> = CountedStorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// How appraisals become values.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ValuationParams, ValueQuery>;

	/// Yearly depreciation per GPU model, in basis points; models without an entry use the
	/// default in [`Params`].
	#[pallet::storage]
	pub type Depreciation<T: Config> =
		StorageMap<_, Blake2_128Concat, GpuModel, BasisPoints, OptionQuery>;

	/// The id the next receipt gets.
	#[pallet::storage]
	pub type NextReceiptId<T: Config> = StorageValue<_, ReceiptId, ValueQuery>;

	/// Every receipt that exists (its NFT exists too).
	#[pallet::storage]
	pub type Receipts<T: Config> =
		StorageMap<_, Twox64Concat, ReceiptId, Receipt<T::AccountId>, OptionQuery>;

	/// Each appraiser's latest post per receipt, at most one per appraiser.
	#[pallet::storage]
	pub type Valuations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ReceiptId,
		BoundedVec<ValuationPost<T::AccountId>, T::MaxAppraisers>,
		ValueQuery,
	>;

	/// The receipts pledged to each loan.
	#[pallet::storage]
	pub type LoanReceipts<T: Config> = StorageMap<
		_,
		Twox64Concat,
		LoanId,
		BoundedVec<ReceiptId, T::MaxReceiptsPerLoan>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Custodians registered at genesis; their bonds are held from their balances.
		pub custodians: alloc::vec::Vec<(T::AccountId, CustodianInfo)>,
		/// Appraisers registered at genesis.
		pub appraisers: alloc::vec::Vec<T::AccountId>,
		/// Valuation parameters.
		pub params: ValuationParams,
		/// Per-model yearly depreciation, in basis points.
		pub depreciation: alloc::vec::Vec<(GpuModel, BasisPoints)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::create_collection().expect("the CALIBER collection can be created");
			Pallet::<T>::ensure_valid_params(&self.params).expect("valid valuation parameters");
			Params::<T>::put(self.params);
			for (model, bps) in &self.depreciation {
				Pallet::<T>::do_set_depreciation(model.clone(), Some(*bps))
					.expect("depreciation rates within bounds");
			}
			for (who, info) in &self.custodians {
				Pallet::<T>::do_register_custodian(who.clone(), info.clone())
					.expect("genesis custodians are valid and can pay their bonds");
			}
			for who in &self.appraisers {
				Pallet::<T>::do_add_appraiser(who.clone()).expect("genesis appraisers are valid");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A custodian was registered and its bond held.
		CustodianRegistered { custodian: T::AccountId, bond: Balance },
		/// A custodian was suspended.
		CustodianSuspended { custodian: T::AccountId },
		/// A suspended custodian was reinstated.
		CustodianResumed { custodian: T::AccountId },
		/// A custodian without receipts was removed and its bond released.
		CustodianRemoved { custodian: T::AccountId, bond: Balance },
		/// An appraiser was registered.
		AppraiserAdded { appraiser: T::AccountId },
		/// An appraiser was removed; its posts no longer count.
		AppraiserRemoved { appraiser: T::AccountId },
		/// The valuation parameters changed.
		ParamsSet { params: ValuationParams },
		/// A model's depreciation rate was set (`None`: it uses the default again).
		DepreciationSet { model: GpuModel, rate_bps: Option<BasisPoints> },
		/// A custodian issued a receipt to `holder`.
		ReceiptIssued {
			receipt: ReceiptId,
			custodian: T::AccountId,
			holder: T::AccountId,
			model: GpuModel,
			count: u32,
			appraisal: Balance,
		},
		/// An appraiser posted a value.
		ValuationPosted { receipt: ReceiptId, appraiser: T::AccountId, value: Balance },
		/// Enough fresh posts moved the receipt's value: `median` of the posts, bounded to
		/// `value`.
		ValueUpdated { receipt: ReceiptId, median: Balance, value: Balance },
		/// The custodian renewed (or replaced) a receipt's insurance.
		InsuranceRenewed { receipt: ReceiptId, insurance: Insurance },
		/// The holder asked for the GPUs back.
		ReleaseRequested { receipt: ReceiptId, holder: T::AccountId },
		/// The holder withdrew a release request.
		ReleaseCancelled { receipt: ReceiptId, holder: T::AccountId },
		/// The custodian handed the GPUs over: the receipt burnt. `bailment_hash` identifies the
		/// bailment that ended.
		ReceiptReleased {
			receipt: ReceiptId,
			custodian: T::AccountId,
			holder: T::AccountId,
			bailment_hash: sp_core::H256,
		},
		/// Receipts were pledged to a loan.
		Pledged { loan: LoanId, holder: T::AccountId, receipts: alloc::vec::Vec<ReceiptId> },
		/// A loan's receipts were released from their pledge.
		Unpledged { loan: LoanId, receipts: alloc::vec::Vec<ReceiptId> },
		/// A defaulted loan's receipts were transferred to `to`.
		Seized { loan: LoanId, to: T::AccountId, receipts: alloc::vec::Vec<ReceiptId> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The CALIBER collection does not exist (genesis did not run).
		NoCollection,
		/// The account is already a registered custodian.
		CustodianExists,
		/// The account is not a registered custodian.
		UnknownCustodian,
		/// The custodian is suspended.
		CustodianSuspended,
		/// The custodian is already active.
		CustodianActive,
		/// The custodian still has receipts; suspend it instead.
		CustodianHasReceipts,
		/// A custodian needs a name, a jurisdiction, an insurance provider and at least one data
		/// centre, each data centre named once.
		InvalidCustodianInfo,
		/// The account is already an appraiser.
		AppraiserExists,
		/// The account is not an appraiser.
		NotAppraiser,
		/// `MaxAppraisers` are registered.
		TooManyAppraisers,
		/// Valuation parameters out of bounds: at least one and at most `MaxAppraisers` posts, an
		/// age of at least `ValuationPeriod`, a step of 1–10,000 bps and depreciation up to
		/// `MaxDepreciationBps`.
		InvalidParams,
		/// The depreciation rate is above `MaxDepreciationBps`.
		DepreciationTooHigh,
		/// The model is `Other` with an empty name.
		InvalidModel,
		/// The GPU count is zero or above `MaxGpusPerReceipt`.
		InvalidCount,
		/// The data centre is not one of the custodian's.
		UnknownDataCentre,
		/// The insurance has expired (or expires now).
		InsuranceExpired,
		/// The insurance coverage is zero or the policy id empty.
		InvalidInsurance,
		/// A value of zero.
		ZeroAmount,
		/// The appraiser already posted for this receipt less than `ValuationPeriod` ago.
		AlreadyPostedThisPeriod,
		/// Receipt ids are exhausted.
		IdOverflow,
		/// No such receipt.
		UnknownReceipt,
		/// The caller does not hold the receipt.
		NotOwner,
		/// The caller is not the receipt's custodian.
		NotReceiptCustodian,
		/// The receipt is pledged to a loan.
		Pledged,
		/// The holder has asked for release.
		ReleasePending,
		/// No release was requested.
		NoReleaseRequest,
		/// No appraisers have confirmed the receipt's value yet.
		ValuationUnconfirmed,
		/// The receipt's value is older than the staleness limit.
		ValuationStale,
		/// A pledge names no receipts.
		NoReceipts,
		/// A pledge names more than `MaxReceiptsPerLoan` receipts.
		TooManyReceipts,
		/// A pledge names a receipt twice.
		DuplicateReceipt,
		/// The loan already has receipts pledged.
		LoanHasPledge,
		/// The loan has no receipts pledged.
		NoPledge,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxAppraisers::get() > 0, "MaxAppraisers must be positive");
			assert!(T::MaxGpusPerReceipt::get() > 0, "MaxGpusPerReceipt must be positive");
			assert!(T::MaxReceiptsPerLoan::get() > 0, "MaxReceiptsPerLoan must be positive");
			assert!(T::ValuationPeriod::get() > 0, "ValuationPeriod must be positive");
			assert!(
				T::MaxDepreciationBps::get() <= usdai_primitives::BPS_DENOMINATOR,
				"MaxDepreciationBps above 100% a year"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `custodian` (governance). Holds `info.bond` CHIP from its account.
		///
		/// Emits `CustodianRegistered`. Fails with `CustodianExists`, `InvalidCustodianInfo`, or
		/// the balance error if the bond cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::register_custodian())]
		pub fn register_custodian(
			origin: OriginFor<T>,
			custodian: T::AccountId,
			info: CustodianInfo,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_register_custodian(custodian, info)
		}

		/// Suspend `custodian` (governance): it issues no more receipts and its receipts back no
		/// new loans. It still renews insurance and confirms releases.
		///
		/// Emits `CustodianSuspended`. Fails with `UnknownCustodian` or `CustodianSuspended`.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::suspend_custodian())]
		pub fn suspend_custodian(origin: OriginFor<T>, custodian: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_custodian_status(custodian, CustodianStatus::Suspended)
		}

		/// Reinstate a suspended `custodian` (governance).
		///
		/// Emits `CustodianResumed`. Fails with `UnknownCustodian` or `CustodianActive`.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::resume_custodian())]
		pub fn resume_custodian(origin: OriginFor<T>, custodian: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_custodian_status(custodian, CustodianStatus::Active)
		}

		/// Remove `custodian` (governance) once none of its receipts exist; releases its bond.
		///
		/// Emits `CustodianRemoved`. Fails with `UnknownCustodian` or `CustodianHasReceipts`.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_custodian())]
		pub fn remove_custodian(origin: OriginFor<T>, custodian: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_custodian(custodian)
		}

		/// Register `appraiser` (governance).
		///
		/// Emits `AppraiserAdded`. Fails with `AppraiserExists` or `TooManyAppraisers`.
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::add_appraiser())]
		pub fn add_appraiser(origin: OriginFor<T>, appraiser: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_appraiser(appraiser)
		}

		/// Remove `appraiser` (governance); its posts stop counting at once.
		///
		/// Emits `AppraiserRemoved`. Fails with `NotAppraiser`.
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_appraiser())]
		pub fn remove_appraiser(origin: OriginFor<T>, appraiser: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_appraiser(appraiser)
		}

		/// Set how appraisals become values (governance).
		///
		/// Emits `ParamsSet`. Fails with `InvalidParams`.
		#[pallet::call_index(6)]
		#[pallet::weight(<T as Config>::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: ValuationParams) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}

		/// Set `model`'s yearly depreciation in basis points, or clear it so the model uses the
		/// default (governance). Applies to every receipt of the model from now on.
		///
		/// Emits `DepreciationSet`. Fails with `DepreciationTooHigh` or `InvalidModel`.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::set_depreciation())]
		pub fn set_depreciation(
			origin: OriginFor<T>,
			model: GpuModel,
			rate_bps: Option<BasisPoints>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_depreciation(model, rate_bps)
		}

		/// Issue a receipt to `holder` for a batch of GPUs the calling custodian holds. The NFT is
		/// minted to `holder` with the batch mirrored in its attributes.
		///
		/// Emits `ReceiptIssued`. Fails with `UnknownCustodian`, `CustodianSuspended`,
		/// `InvalidModel`, `InvalidCount`, `UnknownDataCentre`, `InsuranceExpired`,
		/// `InvalidInsurance` or `ZeroAmount`.
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::issue_receipt())]
		pub fn issue_receipt(
			origin: OriginFor<T>,
			holder: T::AccountId,
			info: ReceiptInfo,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_issue_receipt(custodian, holder, info).map(|_| ())
		}

		/// Post the calling appraiser's value for `receipt` (USDai base units), replacing its
		/// earlier post; at most once per receipt per `ValuationPeriod`. Once `min_posts` fresh
		/// posts exist their median sets the value, within `max_step_bps` of the value at the
		/// start of the current period; the first confirmed value is at most the custodian's
		/// appraisal.
		///
		/// Charged for `MaxAppraisers` stored posts, refunded to the posts stored before the call
		/// (each is read, also a removed appraiser's).
		///
		/// Emits `ValuationPosted`, and `ValueUpdated` when enough posts count. Fails with
		/// `NotAppraiser`, `ZeroAmount`, `UnknownReceipt` or `AlreadyPostedThisPeriod`.
		#[pallet::call_index(9)]
		#[pallet::weight(<T as Config>::WeightInfo::post_valuation(T::MaxAppraisers::get()))]
		pub fn post_valuation(
			origin: OriginFor<T>,
			receipt: ReceiptId,
			value: Balance,
		) -> DispatchResultWithPostInfo {
			let appraiser = ensure_signed(origin)?;
			let read = Self::do_post_valuation(appraiser, receipt, value)?;
			Ok(Some(<T as Config>::WeightInfo::post_valuation(read)).into())
		}

		/// Replace `receipt`'s insurance with a renewed or new policy (the receipt's custodian,
		/// even while suspended).
		///
		/// Emits `InsuranceRenewed`. Fails with `UnknownReceipt`, `NotReceiptCustodian`,
		/// `InsuranceExpired` or `InvalidInsurance`.
		#[pallet::call_index(10)]
		#[pallet::weight(<T as Config>::WeightInfo::renew_insurance())]
		pub fn renew_insurance(
			origin: OriginFor<T>,
			receipt: ReceiptId,
			insurance: Insurance,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_renew_insurance(custodian, receipt, insurance)
		}

		/// Ask the custodian for the GPUs of `receipt` back (its holder). The receipt cannot move
		/// until the custodian confirms or the holder cancels.
		///
		/// Emits `ReleaseRequested`. Fails with `UnknownReceipt`, `NotOwner`, `Pledged` or
		/// `ReleasePending`.
		#[pallet::call_index(11)]
		#[pallet::weight(<T as Config>::WeightInfo::request_release())]
		pub fn request_release(origin: OriginFor<T>, receipt: ReceiptId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_request_release(holder, receipt)
		}

		/// Withdraw a release request (the receipt's holder).
		///
		/// Emits `ReleaseCancelled`. Fails with `UnknownReceipt`, `NotOwner` or
		/// `NoReleaseRequest`.
		#[pallet::call_index(12)]
		#[pallet::weight(<T as Config>::WeightInfo::cancel_release())]
		pub fn cancel_release(origin: OriginFor<T>, receipt: ReceiptId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_cancel_release(holder, receipt)
		}

		/// Confirm that the GPUs of `receipt` were handed to its holder (the receipt's custodian,
		/// even while suspended): the receipt and its NFT are burnt.
		///
		/// Emits `ReceiptReleased`. Fails with `UnknownReceipt`, `NotReceiptCustodian` or
		/// `NoReleaseRequest`.
		#[pallet::call_index(13)]
		#[pallet::weight(<T as Config>::WeightInfo::confirm_release())]
		pub fn confirm_release(origin: OriginFor<T>, receipt: ReceiptId) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_confirm_release(custodian, receipt)
		}
	}
}
