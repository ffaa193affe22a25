//! The deadline list (cure-window ends and round ends, sorted and bounded) and the work of
//! `on_initialize` on it. Separate from default and auction, which only add, move and remove
//! their loan's deadline: this is where the hook decides what is due and what to retry.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	traits::Get,
	weights::{Weight, WeightMeter},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError, DispatchResult,
};
use usdai_primitives::LoanId;

impl<T: Config> Pallet<T> {
	/// Adds a deadline, keeping the list sorted.
	pub(crate) fn push_deadline(at: BlockNumberFor<T>, loan: LoanId) -> DispatchResult {
		Deadlines::<T>::try_mutate(|list| {
			let pos = list.partition_point(|(b, l)| (*b, *l) <= (at, loan));
			list.try_insert(pos, (at, loan)).map_err(|_| Error::<T>::TooManyDeadlines.into())
		})
	}

	/// Removes `loan`'s deadline, if any.
	pub(crate) fn remove_deadline(loan: LoanId) {
		Deadlines::<T>::mutate(|list| list.retain(|(_, l)| *l != loan));
	}

	/// Moves `loan`'s deadline to `at`.
	pub(crate) fn reschedule_deadline(loan: LoanId, at: BlockNumberFor<T>) -> DispatchResult {
		Self::remove_deadline(loan);
		Self::push_deadline(at, loan)
	}

	/// Processes due deadlines, at most `MaxDeadlinesPerBlock`: closed cure windows open
	/// auctions, ended rounds settle or restart. A deadline whose work fails is kept and
	/// retried a day later (anyone may retry sooner with `start_auction` or
	/// `settle_auction`), so no loan is stranded. Returns the weight used: a meter charged
	/// `process_deadlines_empty`, then each processed deadline's price as it is taken up.
	pub(crate) fn do_process_deadlines(now: BlockNumberFor<T>) -> Weight {
		let mut meter = WeightMeter::new();
		meter.consume(T::WeightInfo::process_deadlines_empty());
		let due: alloc::vec::Vec<LoanId> = Deadlines::<T>::get()
			.iter()
			.take_while(|(at, _)| *at <= now)
			.take(T::MaxDeadlinesPerBlock::get() as usize)
			.map(|(_, loan)| *loan)
			.collect();
		for id in due {
			let status = Loans::<T>::get(id).map(|l| l.status);
			let result = frame_support::storage::with_storage_layer(|| match status {
				Some(LoanStatus::Defaulted { .. }) => {
					meter.consume(T::WeightInfo::process_deadline_start_auction());
					Self::do_start_auction(id)
				},
				Some(LoanStatus::Auction) => {
					meter.consume(T::WeightInfo::settle_auction(T::MaxReceiptsPerLoan::get()));
					Self::do_settle_auction(id).map(|_| ())
				},
				// A deadline of a loan that is neither in default nor at auction (none is left
				// behind, but the hook does not rely on it) is dropped: it reads the loan and
				// rewrites the list, charged as an auction opening, which does more.
				_ => {
					meter.consume(T::WeightInfo::process_deadline_start_auction());
					Self::remove_deadline(id);
					Ok::<_, DispatchError>(())
				},
			});
			if let Err(e) = result {
				log::error!(target: "runtime::filo", "deadline of loan {id} failed: {e:?}");
				let retry = now.saturating_add(T::BlocksPerDay::get().max(One::one()));
				if let Err(e) = Self::reschedule_deadline(id, retry) {
					log::error!(target: "runtime::filo", "deadline of loan {id} not kept: {e:?}");
				}
			}
		}
		meter.consumed()
	}
}
