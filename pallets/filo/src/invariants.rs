//! Invariants of FiLo, checked by `try_state` (and after every unit test).

use crate::{pallet::*, types::*};
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungibles::Inspect, Get};
use sp_runtime::TryRuntimeError;
use usdai_primitives::{collateral::Collateral, Balance, StackId};

/// What the loans of one stack add up to.
#[derive(Default)]
struct Totals {
	outstanding: Balance,
	live: u32,
	in_default: u32,
	/// The [`StackDueDates`] keys its active loans should have, ascending.
	due_dates: alloc::vec::Vec<DueKey>,
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant of FiLo.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_stacks_and_loans()?;
		Self::check_auctions()?;
		#[cfg(feature = "next-release")]
		Self::check_curator_count()?;
		Ok(())
	}

	/// The curator counter counts the registry (storage version 1).
	#[cfg(feature = "next-release")]
	fn check_curator_count() -> Result<(), TryRuntimeError> {
		let keys = Curators::<T>::iter_keys().count();
		if u32::try_from(keys).ok() != Some(Curators::<T>::count()) {
			return Err("the curator counter differs from the registry".into());
		}
		Ok(())
	}

	/// A stack's outstanding equals the sum of its live loans' balances, its counts match them,
	/// its due dates are those of its active loans, its account holds its first-loss; live loans
	/// have receipts pledged, others none.
	fn check_stacks_and_loans() -> Result<(), TryRuntimeError> {
		let mut totals: BTreeMap<StackId, Totals> = BTreeMap::new();
		for (id, loan) in Loans::<T>::iter() {
			let live = matches!(
				loan.status,
				LoanStatus::Active | LoanStatus::Defaulted { .. } | LoanStatus::Auction
			);
			let pledged = T::Collateral::pledged(id);
			if live == pledged.is_empty() {
				return Err(
					"a live loan without receipts, or receipts pledged to a closed loan".into()
				);
			}
			let proposed = matches!(loan.status, LoanStatus::Proposed { .. });
			if proposed == ProposedReceipts::<T>::get(id).is_empty() {
				return Err("proposed receipts kept for a loan that is not a proposal".into());
			}
			if !live {
				continue;
			}
			let t = totals.entry(loan.stack).or_default();
			t.outstanding =
				t.outstanding.checked_add(loan.balance).ok_or("outstanding overflows")?;
			t.live = t.live.checked_add(1).ok_or("loan count overflows")?;
			if let Some(at) = Self::watch_date(&loan) {
				t.due_dates.push(Self::due_key(at, id));
			}
			if !matches!(loan.status, LoanStatus::Active) {
				t.in_default = t.in_default.checked_add(1).ok_or("loan count overflows")?;
			}
		}
		for (id, stack) in Stacks::<T>::iter() {
			let mut t = totals.remove(&id).unwrap_or_default();
			t.due_dates.sort();
			if t.outstanding != stack.outstanding {
				return Err("stack outstanding differs from the sum of its loans".into());
			}
			if t.live != stack.live_loans || t.in_default != stack.in_default {
				return Err("stack loan counts differ from its loans".into());
			}
			// Stored unhashed, so the keys come in date order.
			let watched: alloc::vec::Vec<DueKey> =
				StackDueDates::<T>::iter_key_prefix(id).collect();
			if watched != t.due_dates {
				return Err("stack's due dates differ from its active loans'".into());
			}
			let held = T::Assets::balance(T::UsdaiAsset::get(), &Self::stack_account(id));
			if held < stack.first_loss {
				return Err("stack account holds less than its first-loss".into());
			}
		}
		if !totals.is_empty() {
			return Err("loans of a stack that does not exist".into());
		}
		if StackDueDates::<T>::iter_keys().any(|(id, _)| !Stacks::<T>::contains_key(id)) {
			return Err("due dates of a stack that does not exist".into());
		}
		Ok(())
	}

	/// Deadlines are sorted and name each defaulted loan and each auction exactly once (a
	/// failed deadline is kept, so no loan is stranded); the escrow holds every best bid.
	fn check_auctions() -> Result<(), TryRuntimeError> {
		let deadlines = Deadlines::<T>::get();
		if deadlines.windows(2).any(|w| matches!(w, [a, b] if a > b)) {
			return Err("deadlines not sorted".into());
		}
		let mut bids: Balance = 0;
		for (id, loan) in Loans::<T>::iter() {
			let listed = deadlines.iter().filter(|(_, l)| *l == id).count();
			let expected = match loan.status {
				LoanStatus::Defaulted { .. } => 1,
				LoanStatus::Auction => {
					let auction = Auctions::<T>::get(id).ok_or("auction missing")?;
					if let Some((_, amount)) = auction.best {
						bids = bids.checked_add(amount).ok_or("bids overflow")?;
					}
					// A failed round end keeps its deadline (retried later), so exactly one.
					1
				},
				_ => 0,
			};
			if listed != expected {
				return Err("deadline list disagrees with loan statuses".into());
			}
		}
		for id in Auctions::<T>::iter_keys() {
			let status = Loans::<T>::get(id).map(|l| l.status);
			if status != Some(LoanStatus::Auction) {
				return Err("auction of a loan not at auction".into());
			}
		}
		let escrow = T::Assets::balance(T::UsdaiAsset::get(), &Self::escrow_account());
		if escrow < bids {
			return Err("auction escrow holds less than the best bids".into());
		}
		Ok(())
	}
}
