//! Curators, the parameters and stacks: opening, first-loss in and out, caps; which stacks
//! are open to pallets/gauges' votes and bribes (`StackInspect`, in `impls.rs`).

use crate::{loans::LoanOf, pallet::*, types::*};
use frame_support::{
	ensure,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{DepositConsequence, Provenance},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{AccountIdConversion, UniqueSaturatedInto, Zero},
	ArithmeticError, DispatchError, DispatchResult, Rounding,
};
use usdai_primitives::{
	tokens::{dust_after, dustless},
	Balance, LoanId, StackId, BPS_DENOMINATOR,
};

impl<T: Config> Pallet<T> {
	/// What the counted registry of the next release (`next-release`) adds to registering
	/// or removing a curator: its counter read and written. The weights were measured on the
	/// current release; the release's own benchmark run takes this in and removes it.
	pub(crate) fn registry_counter() -> frame_support::weights::Weight {
		#[cfg(feature = "next-release")]
		return T::DbWeight::get().reads_writes(1, 1);
		#[cfg(not(feature = "next-release"))]
		frame_support::weights::Weight::zero()
	}

	/// The account holding `stack`'s first-loss USDai.
	pub fn stack_account(stack: StackId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating((b"stack", stack))
	}

	/// The account holding auction bids.
	pub fn escrow_account() -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(b"auction")
	}

	/// The parameters, or `ParamsNotSet`.
	pub(crate) fn params() -> Result<FiloParams<BlockNumberFor<T>>, Error<T>> {
		Params::<T>::get().ok_or(Error::<T>::ParamsNotSet)
	}

	/// Moves `amount` USDai from `from` to `to`: all that `from` holds, or leaving it at least
	/// USDai's minimum balance. A move that would leave `from` dust fails with `LeavesDust` (the
	/// pallet's own accounts never get there: their debits are sized so that they do not).
	pub(crate) fn transfer_usdai(
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if amount.is_zero() || from == to {
			return Ok(());
		}
		let usdai = T::UsdaiAsset::get();
		let keep = dustless::<_, T::Assets>(usdai, from, amount).ok_or(Error::<T>::LeavesDust)?;
		T::Assets::transfer(usdai, from, to, amount, keep).map(|_| ())
	}

	/// USDai's minimum balance: an account holding less is reaped.
	pub(crate) fn usdai_minimum() -> Balance {
		T::Assets::minimum_balance(T::UsdaiAsset::get())
	}

	/// What debiting `amount` from `who` would leave behind as dust (more than nothing, less
	/// than the minimum balance); zero when it would leave nothing or at least the minimum.
	pub(crate) fn usdai_dust_after(who: &T::AccountId, amount: Balance) -> Balance {
		dust_after::<_, T::Assets>(T::UsdaiAsset::get(), who, amount)
	}

	/// Fails with `LeavesDust` when debiting `amounts` from `who`, one after the other, would
	/// leave it dust after any of them. (When `who` lacks the USDai, the debit itself fails
	/// with the token's error.)
	pub(crate) fn ensure_dustless_debits(
		who: &T::AccountId,
		amounts: &[Balance],
	) -> DispatchResult {
		let min = Self::usdai_minimum();
		let mut left = T::Assets::balance(T::UsdaiAsset::get(), who);
		for amount in amounts.iter().filter(|a| !a.is_zero()) {
			let Some(rest) = left.checked_sub(*amount) else { return Ok(()) };
			ensure!(rest.is_zero() || rest >= min, Error::<T>::LeavesDust);
			left = rest;
		}
		Ok(())
	}

	/// Whether `who` cannot receive `amount` USDai because it is less than the minimum balance
	/// and `who` holds none.
	pub(crate) fn cannot_receive(who: &T::AccountId, amount: Balance) -> bool {
		!amount.is_zero()
			&& T::Assets::can_deposit(T::UsdaiAsset::get(), who, amount, Provenance::Extant)
				== DepositConsequence::BelowMinimum
	}

	/// The least an auction's proceeds may be (the smallest bid, the lowest price the curator
	/// takes at): twice USDai's minimum balance. The escrow pays the proceeds out in up to four
	/// parts. The auction fee and the surplus are each at least the minimum or go to the vault,
	/// and with proceeds of twice the minimum the larger of the vault's two parts (principal,
	/// interest) is at least the minimum: paid last, no part leaves the escrow dust.
	pub(crate) fn min_proceeds() -> Balance {
		Self::usdai_minimum().saturating_mul(2)
	}

	pub(crate) fn do_register_curator(who: T::AccountId) -> DispatchResult {
		ensure!(!Curators::<T>::contains_key(&who), Error::<T>::CuratorExists);
		Curators::<T>::insert(&who, ());
		Self::deposit_event(Event::CuratorRegistered { curator: who });
		Ok(())
	}

	pub(crate) fn do_remove_curator(who: T::AccountId) -> DispatchResult {
		ensure!(Curators::<T>::contains_key(&who), Error::<T>::NotCurator);
		Curators::<T>::remove(&who);
		Self::deposit_event(Event::CuratorRemoved { curator: who });
		Ok(())
	}

	/// Checks the parameters' bounds.
	pub(crate) fn ensure_valid_params(params: &FiloParams<BlockNumberFor<T>>) -> DispatchResult {
		let bps = BPS_DENOMINATOR;
		ensure!(
			params.max_ltv_bps > 0
				&& params.max_ltv_bps <= bps
				&& params.min_first_loss_bps <= bps
				&& params.min_curator_fee_bps <= params.max_curator_fee_bps
				&& params.max_curator_fee_bps <= bps
				&& !params.period_blocks.is_zero()
				&& !params.proposal_blocks.is_zero()
				&& !params.auction_blocks.is_zero()
				&& params.auction_fee_bps <= bps
				&& params.reserve_bps <= bps
				&& params.reserve_step_bps <= bps
				&& params.reserve_floor_bps <= params.reserve_bps
				&& params.min_increment_bps <= bps,
			Error::<T>::InvalidParams
		);
		Ok(())
	}

	pub(crate) fn do_set_params(params: FiloParams<BlockNumberFor<T>>) -> DispatchResult {
		Self::ensure_valid_params(&params)?;
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}

	pub(crate) fn do_set_stack_cap(stack: StackId, cap: Option<Balance>) -> DispatchResult {
		ensure!(Stacks::<T>::contains_key(stack), Error::<T>::UnknownStack);
		StackCaps::<T>::set(stack, cap);
		Self::deposit_event(Event::StackCapSet { stack, cap });
		Ok(())
	}

	/// Checks a stack's terms against the parameters.
	pub(crate) fn ensure_valid_terms(terms: &StackTerms) -> DispatchResult {
		let params = Self::params()?;
		let amortizes = match terms.amortization {
			Amortization::LevelPayment => true,
			Amortization::StraightLine { annual_rate_bps } => annual_rate_bps > 0,
		};
		ensure!(
			terms.max_ltv_bps > 0
				&& terms.max_ltv_bps <= params.max_ltv_bps
				&& terms.min_apr_bps <= terms.max_apr_bps
				&& terms.curator_fee_bps >= params.min_curator_fee_bps
				&& terms.curator_fee_bps <= params.max_curator_fee_bps
				&& terms.max_loans > 0
				&& amortizes,
			Error::<T>::InvalidTerms
		);
		Ok(())
	}

	/// Opens a stack for `curator` with `first_loss` USDai.
	pub(crate) fn do_open_stack(
		curator: T::AccountId,
		first_loss: Balance,
		terms: StackTerms,
	) -> Result<StackId, DispatchError> {
		ensure!(Curators::<T>::contains_key(&curator), Error::<T>::NotCurator);
		Self::ensure_valid_terms(&terms)?;
		ensure!(!first_loss.is_zero(), Error::<T>::ZeroAmount);
		let id = NextStackId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdOverflow)?;
		Self::transfer_usdai(&curator, &Self::stack_account(id), first_loss)?;
		Stacks::<T>::insert(
			id,
			Stack {
				curator: curator.clone(),
				terms,
				first_loss,
				outstanding: 0,
				live_loans: 0,
				in_default: 0,
			},
		);
		NextStackId::<T>::put(next);
		Self::deposit_event(Event::StackOpened { stack: id, curator, first_loss });
		Ok(id)
	}

	pub(crate) fn do_add_first_loss(
		curator: T::AccountId,
		stack: StackId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		Stacks::<T>::try_mutate(stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			ensure!(s.curator == curator, Error::<T>::NotStackCurator);
			s.first_loss = s.first_loss.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Self::transfer_usdai(&curator, &Self::stack_account(stack), amount)
		})?;
		Self::deposit_event(Event::FirstLossAdded { stack, amount });
		Ok(())
	}

	/// First-loss `stack` must hold for `outstanding` principal, rounded up.
	pub(crate) fn required_first_loss(outstanding: Balance) -> Result<Balance, DispatchError> {
		let params = Self::params()?;
		Ok(crate::schedule::mul_div(
			outstanding,
			u128::from(params.min_first_loss_bps),
			u128::from(BPS_DENOMINATOR),
			Rounding::Up,
		)?)
	}

	/// Withdraws first-loss.
	///
	/// First-loss is the senior side's protection while a loan may still default: it may not
	/// shrink while any loan of the stack is in default, late, or past a due date it has not
	/// been brought up to date since (not only once a default is declared).
	pub(crate) fn do_withdraw_first_loss(
		curator: T::AccountId,
		stack: StackId,
		amount: Balance,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let account = Self::stack_account(stack);
		let swept = Stacks::<T>::try_mutate(stack, |maybe| {
			let s = maybe.as_mut().ok_or(Error::<T>::UnknownStack)?;
			ensure!(s.curator == curator, Error::<T>::NotStackCurator);
			ensure!(s.in_default == 0, Error::<T>::StackInDefault);
			ensure!(!Self::may_be_overdue(stack), Error::<T>::LoanOverdue);
			let left = s.first_loss.checked_sub(amount).ok_or(Error::<T>::FirstLossTooLow)?;
			ensure!(left >= Self::required_first_loss(s.outstanding)?, Error::<T>::FirstLossTooLow);
			s.first_loss = left;
			// With no first-loss left, dust that nobody books would be reaped with the account:
			// it goes along to the curator. With some left, the move fails rather than leave the
			// first-loss as dust (`LeavesDust`): the curator may take all or leave the minimum.
			let swept = if left.is_zero() { Self::usdai_dust_after(&account, amount) } else { 0 };
			let paid = amount.checked_add(swept).ok_or(ArithmeticError::Overflow)?;
			Self::transfer_usdai(&account, &curator, paid)?;
			Ok::<_, DispatchError>(swept)
		})?;
		if !swept.is_zero() {
			Self::deposit_event(Event::DustSwept { account, to: Some(curator), amount: swept });
		}
		Self::deposit_event(Event::FirstLossWithdrawn { stack, amount });
		Ok(())
	}

	/// Whether an active loan of `stack` is late, or has passed a due date since it was last
	/// brought up to date (with a positive rate, an installment is then due and unpaid). One
	/// read: the stack's earliest entry in [`StackDueDates`].
	pub(crate) fn may_be_overdue(stack: StackId) -> bool {
		let now: u64 = Self::now().unique_saturated_into();
		StackDueDates::<T>::iter_key_prefix(stack)
			.next()
			.is_some_and(|key| Self::due_key_date(&key) <= now)
	}

	/// The date from which active `loan` may be overdue: the due date it became late at, else
	/// its next due date. `None` for a loan that is not active (defaults are counted apart).
	pub(crate) fn watch_date(loan: &LoanOf<T>) -> Option<BlockNumberFor<T>> {
		if loan.status != LoanStatus::Active {
			return None;
		}
		loan.overdue_since.or_else(|| Self::next_due(loan))
	}

	/// Moves loan `id`'s entry in [`StackDueDates`] from the date it watched `before` a change
	/// to the one it watches after.
	pub(crate) fn rewatch(
		stack: StackId,
		id: LoanId,
		before: Option<BlockNumberFor<T>>,
		after: Option<BlockNumberFor<T>>,
	) {
		if before == after {
			return;
		}
		if let Some(at) = before {
			StackDueDates::<T>::remove(stack, Self::due_key(at, id));
		}
		if let Some(at) = after {
			StackDueDates::<T>::insert(stack, Self::due_key(at, id), ());
		}
	}

	/// The [`DueKey`] of `loan` watched from `at`.
	pub(crate) fn due_key(at: BlockNumberFor<T>, loan: LoanId) -> DueKey {
		let at: u64 = at.unique_saturated_into();
		let mut key = [0u8; 16];
		let (date, id) = key.split_at_mut(8);
		date.copy_from_slice(&at.to_be_bytes());
		id.copy_from_slice(&loan.to_be_bytes());
		key
	}

	/// The date a [`DueKey`] holds.
	pub(crate) fn due_key_date(key: &DueKey) -> u64 {
		let mut date = [0u8; 8];
		date.copy_from_slice(key.split_at(8).0);
		u64::from_be_bytes(date)
	}

	/// Whether `stack` may be voted for and bribed (`StackInspect`): from `open_stack` on, for
	/// as long as its curator is registered. A removed curator's stack cannot lend again (no
	/// proposal of it can be accepted), so capacity and bribes directed at it would be wasted.
	/// Stacks are never deleted.
	pub(crate) fn stack_is_open(stack: StackId) -> bool {
		Stacks::<T>::get(stack).is_some_and(|s| Curators::<T>::contains_key(&s.curator))
	}
}
