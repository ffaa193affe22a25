//! Debits that never leave dust.
//!
//! pallet-assets reaps an account whose balance falls below the asset's minimum balance and
//! takes the rest (the *dust*) with it. Through frame-support's default
//! `fungibles::Mutate::transfer` and `burn_from`, which the pallets use, that dust leaves the
//! account but not the asset's supply, and whatever books counted it are left pointing at
//! nothing. So every pallet debit follows one rule: **it empties the account or leaves at least
//! the minimum balance, never dust in between.** [`dustless`] picks the `Preservation` that
//! makes pallet-assets enforce it, or says that the debit would leave dust (the caller fails
//! with its own typed error, or takes the dust along where that is right for its books).

use frame_support::traits::tokens::{fungibles, Preservation};
use sp_runtime::traits::{Saturating, Zero};

/// How to debit `amount` of `asset` from `who` without leaving dust: `Expendable` when the
/// debit empties the account, `Preserve` when it leaves at least the minimum balance, `None`
/// when what is left would be dust (more than zero, below the minimum balance).
///
/// A debit of more than the balance gets `Expendable` and fails in pallet-assets as it would
/// have anyway (`FundsUnavailable`).
pub fn dustless<AccountId, A: fungibles::Inspect<AccountId>>(
	asset: A::AssetId,
	who: &AccountId,
	amount: A::Balance,
) -> Option<Preservation> {
	let rest = A::balance(asset.clone(), who).saturating_sub(amount);
	if rest.is_zero() {
		Some(Preservation::Expendable)
	} else if rest < A::minimum_balance(asset) {
		None
	} else {
		Some(Preservation::Preserve)
	}
}

/// What is left of `who`'s balance of `asset` after a debit of `amount`, when that is dust
/// (more than zero, below the minimum balance); zero otherwise. A caller that may take the
/// dust along (it belongs to nobody's books) adds this to its debit.
pub fn dust_after<AccountId, A: fungibles::Inspect<AccountId>>(
	asset: A::AssetId,
	who: &AccountId,
	amount: A::Balance,
) -> A::Balance {
	let rest = A::balance(asset.clone(), who).saturating_sub(amount);
	if rest < A::minimum_balance(asset) {
		rest
	} else {
		Zero::zero()
	}
}
