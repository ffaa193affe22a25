//! A small mock of each trait of usdai-primitives, so that a pallet's tests may choose a mock
//! or the real pallet behind the trait (the mocks of filo, qev and the treasury bridge use the
//! real vault, pallet-usdai; the gauges' mock uses the mocks of the vault and of the stacks
//! here).
//!
//! Each mock keeps its state in storage parameters (`parameter_types! { pub storage ... }`) or
//! plain storage keys of the test externalities: a test's state starts afresh with each
//! externalities, and the tests that count a call's storage accesses count the mock's reads and
//! writes as they would count the real pallet's. A test sets the state through the parameters
//! (`Capital::set(&1_000)`) or the mock's functions ([`set_cap`], [`MockCollateral::issue`],
//! ...).
//!
//! | trait | mock | state |
//! | --- | --- | --- |
//! | `capacity::Capacity` | [`MockCaps`] | [`Caps`] ([`set_cap`]) |
//! | `capacity::StackInspect` | [`MockStacks`] | stacks `1..=N`, [`ClosedStack`] |
//! | `vault::LendableCapital` | [`MockCapital`] | [`Capital`] |
//! | `vault::FeeSource` | [`MockFees`] | USDai in the pot account |
//! | `vault::BackstopVault`, `vault::VaultBenchmarkHelper` | [`MockVault`] | [`UncoveredLoss`], [`Capital`] |
//! | `vault::LendingVault` | [`MockLendingVault`] | [`IdleLiquidity`], [`Principal`], ... |
//! | `vault::RedemptionVault` | [`MockRedemptionVault`] | [`LockedShares`], [`RedemptionNav`], ... |
//! | `bridge::BridgeVault` | [`MockBridgeVault`] | [`Reserves`] |
//! | `bridge::ReserveSleeve` | [`MockSleeve`] | [`Reserves`], [`SleeveValue`] |
//! | `collateral::Collateral` | [`MockCollateral`] | receipts ([`MockCollateral::issue`]) |
//! | `holders::HolderCursor` | [`MockHolders`] | holders ([`MockHolders::set`]) |
//!
//! The mocks of [`LendingVault`], [`RedemptionVault`], [`BridgeVault`] and [`ReserveSleeve`]
//! keep the books only and move no tokens: for the tests of a consumer's own accounting. Where
//! tokens must move, the real vault serves.

use core::marker::PhantomData;
use frame_support::{
	assert_ok,
	pallet_prelude::{Decode, Encode},
	parameter_types,
	storage::unhashed,
	traits::{fungibles::Mutate, tokens::Preservation, Get},
};
use sp_runtime::{DispatchError, DispatchResult};
use std::collections::BTreeMap;
use usdai_primitives::{
	assets::USDAI,
	bridge::{BridgeVault, ReserveSleeve},
	capacity::{Capacity, StackInspect},
	collateral::Collateral,
	holders::HolderCursor,
	vault::{
		BackstopVault, FeeSource, InterestSplit, LendableCapital, LendingVault, RedemptionRate,
		RedemptionVault, VaultBenchmarkHelper,
	},
	AssetId, Balance, LoanId, ReceiptId, StackId,
};

/// USDai base units in one base unit of a 6-decimal stablecoin.
const STABLECOIN_TO_USDAI: Balance = 1_000_000_000_000;

parameter_types! {
	/// The vault's lendable capital ([`MockCapital`]).
	pub storage Capital: Balance = 1_000_000;
	/// The vault's loss left after first-loss and insurance ([`MockVault`]).
	pub storage UncoveredLoss: Balance = 0;
	/// Stacks `1..=N` of [`MockStacks`] exist unless closed here.
	pub storage ClosedStack: StackId = 0;
	/// Governance's caps per stack ([`MockCaps`]; filo's `GovernanceCaps` in the runtime).
	pub storage Caps: BTreeMap<StackId, Balance> = Default::default();
}

/// The ceiling under the gauges: the caps in [`Caps`]; a stack without one may not lend.
pub struct MockCaps;
impl Capacity for MockCaps {
	fn capacity(stack: StackId) -> Option<Balance> {
		Caps::get().get(&stack).copied()
	}
}

/// Sets (or with `None` removes) governance's cap for `stack` ([`MockCaps`]).
pub fn set_cap(stack: StackId, cap: Option<Balance>) {
	let mut caps = Caps::get();
	match cap {
		Some(cap) => caps.insert(stack, cap),
		None => caps.remove(&stack),
	};
	Caps::set(&caps);
}

/// Stacks `1..=N::get()` exist, but [`ClosedStack`].
pub struct MockStacks<N>(PhantomData<N>);
impl<N: Get<StackId>> StackInspect for MockStacks<N> {
	fn stack_exists(stack: StackId) -> bool {
		(1..=N::get()).contains(&stack) && stack != ClosedStack::get()
	}
}

/// The vault's lendable capital is [`Capital`].
pub struct MockCapital;
impl LendableCapital for MockCapital {
	fn lendable_capital() -> Balance {
		Capital::get()
	}
}

/// The fee source hands over all the USDai in the account `Pot` (in runtime `T`'s
/// pallet-assets).
pub struct MockFees<T, Pot>(PhantomData<(T, Pot)>);
impl<T, Pot> FeeSource<T::AccountId> for MockFees<T, Pot>
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
	Pot: Get<T::AccountId>,
{
	fn take_fees(to: &T::AccountId) -> Result<Balance, DispatchError> {
		let pot = Pot::get();
		let amount = pallet_assets::Pallet::<T>::balance(USDAI, &pot);
		if amount > 0 {
			<pallet_assets::Pallet<T> as Mutate<T::AccountId>>::transfer(
				USDAI,
				&pot,
				to,
				amount,
				Preservation::Expendable,
			)?;
		}
		Ok(amount)
	}
}

/// The vault's uncovered loss is [`UncoveredLoss`]; payments against it go to the account
/// `Vault` (in runtime `T`'s pallet-assets).
///
/// It also prepares benchmarks through its own bookkeeping (`VaultBenchmarkHelper`): USDai
/// minted straight to accounts, the lockers' fees into the account `Pot` (where [`MockFees`]
/// takes them), the uncovered loss in [`UncoveredLoss`], lendable liquidity in [`Capital`]. It
/// has no shares and no mint limits.
pub struct MockVault<T, Vault, Pot>(PhantomData<(T, Vault, Pot)>);
impl<T, Vault, Pot> BackstopVault<T::AccountId> for MockVault<T, Vault, Pot>
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
	Vault: Get<T::AccountId>,
{
	fn uncovered_loss() -> Balance {
		UncoveredLoss::get()
	}

	fn cover_loss_from(from: &T::AccountId, amount: Balance) -> DispatchResult {
		let left = UncoveredLoss::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("more than the uncovered loss"))?;
		<pallet_assets::Pallet<T> as Mutate<T::AccountId>>::transfer(
			USDAI,
			from,
			&Vault::get(),
			amount,
			Preservation::Expendable,
		)?;
		UncoveredLoss::set(&left);
		Ok(())
	}
}

impl<T, Vault, Pot> VaultBenchmarkHelper<T::AccountId> for MockVault<T, Vault, Pot>
where
	T: pallet_assets::Config<AssetId = AssetId, Balance = Balance>,
	Pot: Get<T::AccountId>,
{
	fn open_stablecoin() -> AssetId {
		// The mock takes no deposits: USDai stands in for the stablecoin.
		USDAI
	}

	fn fund_usdai(who: &T::AccountId, amount: Balance) {
		assert_ok!(<pallet_assets::Pallet<T> as Mutate<T::AccountId>>::mint_into(
			USDAI, who, amount
		));
	}

	fn fund_shares(_who: &T::AccountId, _shares: Balance) {
		unimplemented!("the mock vault has no shares");
	}

	fn stake(_who: &T::AccountId, _usdai: Balance) {
		unimplemented!("the mock vault has no shares");
	}

	fn provide_liquidity(amount: Balance) {
		Capital::set(&(Capital::get() + amount));
	}

	fn accrue_locker_fees(amount: Balance) {
		assert_ok!(<pallet_assets::Pallet<T> as Mutate<T::AccountId>>::mint_into(
			USDAI,
			&Pot::get(),
			amount
		));
	}

	fn set_uncovered_loss(amount: Balance) {
		UncoveredLoss::set(&amount);
	}

	fn limit_mints(_max_per_period: Balance) {
		unimplemented!("the mock vault has no mint limits");
	}
}

parameter_types! {
	/// USDai [`MockLendingVault`] may lend.
	pub storage IdleLiquidity: Balance = 0;
	/// Principal lent out by [`MockLendingVault`] and not paid back.
	pub storage Principal: Balance = 0;
	/// Interest reported as accrued to [`MockLendingVault`] and not paid yet.
	pub storage AccruedInterest: Balance = 0;
	/// Principal [`MockLendingVault`] has written down.
	pub storage Impairment: Balance = 0;
	/// Principal [`MockLendingVault`] has lost for good.
	pub storage RealisedLoss: Balance = 0;
	/// What the insurance fund of [`MockLendingVault`] may pay.
	pub storage InsuranceFund: Balance = 0;
}

/// The lending side of a vault that keeps its books in [`IdleLiquidity`], [`Principal`],
/// [`AccruedInterest`], [`Impairment`], [`RealisedLoss`] and [`InsuranceFund`] and moves no
/// tokens. Interest goes to the vault in full (no fees).
pub struct MockLendingVault;
impl<AccountId> LendingVault<AccountId> for MockLendingVault {
	fn idle_liquidity() -> Balance {
		IdleLiquidity::get()
	}

	fn draw(_to: &AccountId, amount: Balance) -> DispatchResult {
		let left = IdleLiquidity::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("not enough idle liquidity"))?;
		IdleLiquidity::set(&left);
		Principal::set(&(Principal::get() + amount));
		Ok(())
	}

	fn repay_principal(_from: &AccountId, amount: Balance) -> DispatchResult {
		let left = Principal::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("more than the outstanding principal"))?;
		Principal::set(&left);
		IdleLiquidity::set(&(IdleLiquidity::get() + amount));
		Ok(())
	}

	fn receive_interest(
		_from: &AccountId,
		amount: Balance,
	) -> Result<InterestSplit, DispatchError> {
		AccruedInterest::set(&AccruedInterest::get().saturating_sub(amount));
		IdleLiquidity::set(&(IdleLiquidity::get() + amount));
		Ok(InterestSplit { protocol_fee: 0, insurance: 0, to_vault: amount })
	}

	fn accrue_interest(amount: Balance) -> DispatchResult {
		AccruedInterest::set(&(AccruedInterest::get() + amount));
		Ok(())
	}

	fn reverse_accrued_interest(amount: Balance) -> DispatchResult {
		AccruedInterest::set(&AccruedInterest::get().saturating_sub(amount));
		Ok(())
	}

	fn impair(amount: Balance) -> DispatchResult {
		Impairment::set(&(Impairment::get() + amount));
		Ok(())
	}

	fn reverse_impairment(amount: Balance) -> DispatchResult {
		Impairment::set(&Impairment::get().saturating_sub(amount));
		Ok(())
	}

	fn realise_loss(amount: Balance) -> DispatchResult {
		let left = Principal::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("more than the outstanding principal"))?;
		Principal::set(&left);
		Impairment::set(&Impairment::get().saturating_sub(amount));
		RealisedLoss::set(&(RealisedLoss::get() + amount));
		Ok(())
	}

	fn cover_loss(amount: Balance) -> Result<Balance, DispatchError> {
		let fund = InsuranceFund::get();
		let paid = amount.min(fund);
		InsuranceFund::set(&(fund - paid));
		IdleLiquidity::set(&(IdleLiquidity::get() + paid));
		Ok(paid)
	}
}

parameter_types! {
	/// sUSDai [`MockRedemptionVault`] holds in the queue's escrow.
	pub storage LockedShares: Balance = 0;
	/// The NAV of [`MockRedemptionVault`] at the redemption price.
	pub storage RedemptionNav: Balance = 0;
	/// The sUSDai of [`MockRedemptionVault`] in existence.
	pub storage ShareSupply: Balance = 0;
	/// USDai [`MockRedemptionVault`] has set aside for filled tickets and not paid yet.
	pub storage SettledUnpaid: Balance = 0;
	/// USDai [`MockRedemptionVault`] may pay redemptions with.
	pub storage AvailableLiquidity: Balance = 0;
}

/// The redemption side of a vault that keeps its books in [`LockedShares`], [`RedemptionNav`],
/// [`ShareSupply`], [`SettledUnpaid`] and [`AvailableLiquidity`] and moves no tokens.
pub struct MockRedemptionVault;
impl<AccountId> RedemptionVault<AccountId> for MockRedemptionVault {
	fn lock_shares(_who: &AccountId, shares: Balance) -> DispatchResult {
		LockedShares::set(&(LockedShares::get() + shares));
		Ok(())
	}

	fn unlock_shares(_who: &AccountId, shares: Balance) -> DispatchResult {
		let left = LockedShares::get()
			.checked_sub(shares)
			.ok_or(DispatchError::Other("more than the locked shares"))?;
		LockedShares::set(&left);
		Ok(())
	}

	fn redemption_value(shares: Balance) -> Result<Balance, DispatchError> {
		let rate = <Self as RedemptionVault<AccountId>>::redemption_rate()?;
		Ok(rate.value(shares)?)
	}

	fn redemption_rate() -> Result<RedemptionRate, DispatchError> {
		Ok(RedemptionRate { nav: RedemptionNav::get(), supply: ShareSupply::get() })
	}

	fn settle_locked(shares: Balance, paid: Balance) -> DispatchResult {
		let locked = LockedShares::get()
			.checked_sub(shares)
			.ok_or(DispatchError::Other("more than the locked shares"))?;
		let liquidity = AvailableLiquidity::get()
			.checked_sub(paid)
			.ok_or(DispatchError::Other("more than the available liquidity"))?;
		LockedShares::set(&locked);
		AvailableLiquidity::set(&liquidity);
		SettledUnpaid::set(&(SettledUnpaid::get() + paid));
		ShareSupply::set(&ShareSupply::get().saturating_sub(shares));
		RedemptionNav::set(&RedemptionNav::get().saturating_sub(paid));
		Ok(())
	}

	fn pay_settled(_to: &AccountId, amount: Balance) -> DispatchResult {
		let left = SettledUnpaid::get()
			.checked_sub(amount)
			.ok_or(DispatchError::Other("more than the settled USDai"))?;
		SettledUnpaid::set(&left);
		Ok(())
	}

	fn settled_unpaid() -> Balance {
		SettledUnpaid::get()
	}

	fn available_liquidity() -> Balance {
		AvailableLiquidity::get()
	}
}

parameter_types! {
	/// Each stablecoin in the reserve of [`MockBridgeVault`] and [`MockSleeve`], in its base
	/// units.
	pub storage Reserves: BTreeMap<AssetId, Balance> = Default::default();
	/// The value of the sleeve of [`MockSleeve`], in USDai base units.
	pub storage SleeveValue: Balance = 0;
}

fn add_reserve(asset: AssetId, amount: Balance) {
	let mut reserves = Reserves::get();
	*reserves.entry(asset).or_default() += amount;
	Reserves::set(&reserves);
}

fn take_reserve(asset: AssetId, amount: Balance) -> DispatchResult {
	let mut reserves = Reserves::get();
	let held = reserves.entry(asset).or_default();
	*held = held.checked_sub(amount).ok_or(DispatchError::Other("more than the reserve"))?;
	Reserves::set(&reserves);
	Ok(())
}

/// A vault that takes every deposit of a stablecoin into [`Reserves`] and mints USDai 1:1 (every
/// stablecoin counted as 6 decimals); it moves no tokens.
pub struct MockBridgeVault;
impl<AccountId> BridgeVault<AccountId> for MockBridgeVault {
	fn deposit(
		_who: &AccountId,
		asset: AssetId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		add_reserve(asset, amount);
		Ok(amount * STABLECOIN_TO_USDAI)
	}

	fn reserve(asset: AssetId) -> Balance {
		Reserves::get().get(&asset).copied().unwrap_or_default()
	}
}

/// A T-bill sleeve between [`Reserves`] and [`SleeveValue`] (every stablecoin counted as 6
/// decimals); it moves no tokens.
pub struct MockSleeve;
impl<AccountId> ReserveSleeve<AccountId> for MockSleeve {
	fn sleeve_value() -> Balance {
		SleeveValue::get()
	}

	fn move_to_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		take_reserve(asset, amount)?;
		SleeveValue::set(&(SleeveValue::get() + amount * STABLECOIN_TO_USDAI));
		Ok(())
	}

	fn recall_from_sleeve(asset: AssetId, amount: Balance) -> DispatchResult {
		add_reserve(asset, amount);
		SleeveValue::set(&SleeveValue::get().saturating_sub(amount * STABLECOIN_TO_USDAI));
		Ok(())
	}

	fn report_sleeve_value(value: Balance) -> DispatchResult {
		SleeveValue::set(&value);
		Ok(())
	}
}

/// Where [`MockCollateral`] keeps its receipts: id to (holder, value, the loan it is pledged
/// to).
const RECEIPTS_KEY: &[u8] = b"usdai-test-support/MockCollateral/receipts";

/// CALIBER receipts as plain records: each has a holder and a value (always eligible), and may
/// be pledged to a loan. [`MockCollateral::issue`] adds one.
pub struct MockCollateral<AccountId>(PhantomData<AccountId>);

type MockReceipts<AccountId> = BTreeMap<ReceiptId, (AccountId, Balance, Option<LoanId>)>;

impl<AccountId: Encode + Decode + Clone + PartialEq> MockCollateral<AccountId> {
	fn receipts() -> MockReceipts<AccountId> {
		unhashed::get(RECEIPTS_KEY).unwrap_or_default()
	}

	fn put(receipts: &MockReceipts<AccountId>) {
		unhashed::put(RECEIPTS_KEY, receipts);
	}

	/// Issues `receipt` to `holder`, worth `value`, pledged to no loan.
	pub fn issue(receipt: ReceiptId, holder: AccountId, value: Balance) {
		let mut receipts = Self::receipts();
		receipts.insert(receipt, (holder, value, None));
		Self::put(&receipts);
	}
}

impl<AccountId: Encode + Decode + Clone + PartialEq> Collateral<AccountId>
	for MockCollateral<AccountId>
{
	fn holder(receipt: ReceiptId) -> Option<AccountId> {
		Self::receipts().get(&receipt).map(|(holder, _, _)| holder.clone())
	}

	fn collateral_value(receipts: &[ReceiptId]) -> Result<Balance, DispatchError> {
		let all = Self::receipts();
		receipts.iter().try_fold(0, |sum: Balance, id| {
			let (_, value, _) = all.get(id).ok_or(DispatchError::Other("unknown receipt"))?;
			Ok::<Balance, DispatchError>(sum + value)
		})
	}

	fn ensure_eligible(holder: &AccountId, receipts: &[ReceiptId]) -> DispatchResult {
		let all = Self::receipts();
		for id in receipts {
			let (held_by, _, loan) = all.get(id).ok_or(DispatchError::Other("unknown receipt"))?;
			if held_by != holder {
				return Err(DispatchError::Other("not the receipt's holder"));
			}
			if loan.is_some() {
				return Err(DispatchError::Other("the receipt is pledged"));
			}
		}
		Ok(())
	}

	fn lock(loan: LoanId, holder: &AccountId, receipts: &[ReceiptId]) -> DispatchResult {
		Self::ensure_eligible(holder, receipts)?;
		let mut all = Self::receipts();
		for id in receipts {
			if let Some((_, _, pledged)) = all.get_mut(id) {
				*pledged = Some(loan);
			}
		}
		Self::put(&all);
		Ok(())
	}

	fn unlock(loan: LoanId) -> DispatchResult {
		let mut all = Self::receipts();
		for (_, _, pledged) in all.values_mut() {
			if *pledged == Some(loan) {
				*pledged = None;
			}
		}
		Self::put(&all);
		Ok(())
	}

	fn seize(loan: LoanId, to: &AccountId) -> DispatchResult {
		let mut all = Self::receipts();
		for (holder, _, pledged) in all.values_mut() {
			if *pledged == Some(loan) {
				*holder = to.clone();
				*pledged = None;
			}
		}
		Self::put(&all);
		Ok(())
	}

	fn pledged(loan: LoanId) -> Vec<ReceiptId> {
		Self::receipts()
			.into_iter()
			.filter(|(_, (_, _, pledged))| *pledged == Some(loan))
			.map(|(id, _)| id)
			.collect()
	}
}

/// Where [`MockHolders`] keeps each token's holders.
const HOLDERS_KEY: &[u8] = b"usdai-test-support/MockHolders/holders";

/// Each token's holders as a list set by the test ([`MockHolders::set`]); the cursor is the
/// index of the next holder.
pub struct MockHolders<AccountId>(PhantomData<AccountId>);

impl<AccountId: Encode + Decode + Clone> MockHolders<AccountId> {
	/// `asset`'s holders, in the walk's order.
	pub fn set(asset: AssetId, holders: Vec<AccountId>) {
		let mut all: BTreeMap<AssetId, Vec<AccountId>> =
			unhashed::get(HOLDERS_KEY).unwrap_or_default();
		all.insert(asset, holders);
		unhashed::put(HOLDERS_KEY, &all);
	}
}

impl<AccountId: Encode + Decode + Clone> HolderCursor<AccountId> for MockHolders<AccountId> {
	type Cursor = u32;

	fn next_holders(
		asset: AssetId,
		cursor: Option<u32>,
		max: u32,
	) -> (Vec<AccountId>, Option<u32>) {
		let all: BTreeMap<AssetId, Vec<AccountId>> = unhashed::get(HOLDERS_KEY).unwrap_or_default();
		let holders = all.get(&asset).cloned().unwrap_or_default();
		let from = cursor.unwrap_or(0) as usize;
		let page: Vec<AccountId> = holders.iter().skip(from).take(max as usize).cloned().collect();
		let next = from + page.len();
		(page, (next < holders.len()).then_some(next as u32))
	}
}
