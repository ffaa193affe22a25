//! The queue's storage migrations (see `docs/releasing.md`: the next release's change is
//! written behind the crate feature `next-release` and rehearsed on a live network first).

/// Version 1: the commit-reveal bids' storage is cleared.
///
/// Before sealed bids (spec 114 and older) a bid was a hash commitment (`Commitments`, one per
/// ticket) revealed into `Reveals` for the round `RevealedRound`. Sealed bids replaced them
/// (`SealedBids`); nothing reads the old items any more, so a chain that ran them keeps dead
/// keys until this migration removes them. A commitment or reveal that was pending at the
/// upgrade is dropped: its ticket keeps the level it had, as an unrevealed bid always did, and
/// its owner bids again, sealed.
///
/// Tickets need no pass: one written in the old layout (without `fee_bps`) decodes with its
/// level as its fee (`Ticket`'s `Decode`).
///
/// The old commitments are bounded by the tickets (one each, `MaxTicketsPerAccount` an
/// account), not by a constant: the migration removes at most [`MAX_REMOVALS`] keys in its one
/// block and logs what is left (dead keys, read by nothing, harmless). A chain of this
/// project's size holds a few hundred at most.
#[cfg(feature = "next-release")]
pub mod v1 {
	use crate::pallet::{Config, Pallet};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, frame_support::ensure, sp_runtime::TryRuntimeError};

	/// Most old commitments removed in the upgrade's block.
	pub const MAX_REMOVALS: u32 = 10_000;

	/// The storage as version 0 declared it.
	pub mod v0 {
		use crate::pallet::{Config, Pallet};
		use crate::TicketId;
		use frame_support::{pallet_prelude::*, storage_alias, Twox64Concat};

		/// A ticket's commitment: the round and `blake2_256((ticket, bid_bps, salt, owner))`.
		#[storage_alias]
		pub type Commitments<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, TicketId, (u64, sp_core::H256), OptionQuery>;

		/// The bids revealed in `RevealedRound` (its bound was `MaxRevealsPerRound`, 1,000 in
		/// the runtime; read unbounded here, it is only removed).
		#[storage_alias]
		pub type Reveals<T: Config> = StorageValue<
			Pallet<T>,
			alloc::vec::Vec<(TicketId, usdai_primitives::BasisPoints)>,
			ValueQuery,
		>;

		/// The round whose reveals `Reveals` held.
		#[storage_alias]
		pub type RevealedRound<T: Config> = StorageValue<Pallet<T>, u64, ValueQuery>;
	}

	/// Puts back what a chain of version 0 could hold: a commitment for each of `tickets`, a
	/// reveal of the first, the round; version 0. The starting state of the migration's tests,
	/// here and in `runtime/upgrade-tests`.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn as_version_0<T: Config>(tickets: &[crate::TicketId]) {
		for (i, ticket) in tickets.iter().enumerate() {
			let round = u64::try_from(i).unwrap_or_default();
			v0::Commitments::<T>::insert(ticket, (round, sp_core::H256::repeat_byte(0xc0)));
		}
		if let Some(first) = tickets.first() {
			v0::Reveals::<T>::put(alloc::vec![(*first, 250)]);
		}
		v0::RevealedRound::<T>::put(7);
		frame_support::traits::StorageVersion::new(0).put::<Pallet<T>>();
	}

	/// Removes the commit-reveal storage. Unchecked: run it only through [`MigrateV0ToV1`].
	pub struct ClearCommitReveal<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for ClearCommitReveal<T> {
		fn on_runtime_upgrade() -> Weight {
			let removed = v0::Commitments::<T>::clear(MAX_REMOVALS, None);
			if removed.maybe_cursor.is_some() {
				log::warn!(
					target: "runtime::qev",
					"v1: {MAX_REMOVALS} old commitments removed; more remain (dead keys)"
				);
			}
			v0::Reveals::<T>::kill();
			v0::RevealedRound::<T>::kill();
			log::info!(
				target: "runtime::qev",
				"v1: commit-reveal storage cleared ({} commitments)",
				removed.unique
			);
			// A read and a removal per key, and the two values removed.
			T::DbWeight::get()
				.reads_writes(u64::from(removed.loops), u64::from(removed.unique))
				.saturating_add(T::DbWeight::get().writes(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(Vec::new())
		}

		/// Nothing of commit-reveal is left (for a chain within the bound).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), TryRuntimeError> {
			ensure!(v0::Commitments::<T>::iter_keys().next().is_none(), "commitments remain");
			ensure!(!v0::Reveals::<T>::exists(), "reveals remain");
			ensure!(!v0::RevealedRound::<T>::exists(), "the revealed round remains");
			Ok(())
		}
	}

	/// The migration from version 0 to 1: clears commit-reveal once and sets the storage
	/// version to 1. At any other version it does nothing.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		ClearCommitReveal<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
