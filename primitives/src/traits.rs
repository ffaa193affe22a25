//! Traits through which the protocol's pallets talk to each other. Each is implemented by the
//! pallet that owns the state and wired in the runtime; pallet unit tests mock them.

use crate::Balance;
use sp_runtime::{DispatchError, DispatchResult};

/// How a payment of interest into the vault was split.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub struct InterestSplit {
	/// Protocol fee, sent to the protocol's fee account.
	pub protocol_fee: Balance,
	/// Cut for the insurance fund.
	pub insurance: Balance,
	/// What is left for sUSDai holders (vests into the share price).
	pub to_vault: Balance,
}

/// The lending side of the USDai vault, used by filo (loans) and the treasury bridge (T-bill
/// sleeve). Amounts are USDai base units (18 decimals).
///
/// Every method either changes the vault's books consistently or fails and changes nothing.
pub trait VaultAccounting<AccountId> {
	/// USDai the vault holds and may lend or pay out now.
	fn idle_liquidity() -> Balance;

	/// Lends `amount` of idle USDai to `to`; it counts as outstanding principal.
	fn draw(to: &AccountId, amount: Balance) -> DispatchResult;

	/// `from` pays back `amount` of outstanding principal (repayment or recovery).
	fn repay_principal(from: &AccountId, amount: Balance) -> DispatchResult;

	/// `from` pays `amount` of interest. The protocol fee and the insurance cut are taken; the
	/// rest vests into the share price. Interest previously reported as accrued is released.
	fn receive_interest(from: &AccountId, amount: Balance) -> Result<InterestSplit, DispatchError>;

	/// Interest has accrued on loans but is not paid yet: it counts in the deposit price only.
	fn accrue_interest(amount: Balance) -> DispatchResult;

	/// Interest reported as accrued will not be paid (the loan defaulted): forget it.
	fn reverse_accrued_interest(amount: Balance) -> DispatchResult;

	/// Writes `amount` of outstanding principal down now (a loan is in default): both share
	/// prices fall at once.
	fn impair(amount: Balance) -> DispatchResult;

	/// Undoes an earlier impairment (the borrower cured).
	fn reverse_impairment(amount: Balance) -> DispatchResult;

	/// `amount` of outstanding principal is lost for good (after recoveries, first-loss and
	/// insurance). It is first taken from the impairment already booked.
	fn realise_loss(amount: Balance) -> DispatchResult;

	/// The insurance fund pays up to `amount` into the vault to cover a loss; returns what it
	/// paid (less when the fund is short).
	fn cover_loss(amount: Balance) -> Result<Balance, DispatchError>;
}

/// The T-bill sleeve of the USDai reserve, driven by the treasury bridge. Amounts of
/// stablecoin are in its base units; values in USDai base units.
pub trait ReserveSleeve<AccountId> {
	/// Value of the sleeve as last reported.
	fn sleeve_value() -> Balance;

	/// `amount` of stablecoin `asset` leaves the reserve for the sleeve (burnt here; the bridge
	/// sends it out).
	fn move_to_sleeve(asset: crate::AssetId, amount: Balance) -> DispatchResult;

	/// `amount` of stablecoin `asset` came back from the sleeve into the reserve (minted here on
	/// the bridge's verified attestation).
	fn recall_from_sleeve(asset: crate::AssetId, amount: Balance) -> DispatchResult;

	/// Relayers attested the sleeve's value: growth becomes sUSDai yield (after fees), a fall is
	/// borne by the vault, then the insurance fund; a fall neither can absorb is refused.
	fn report_sleeve_value(value: Balance) -> DispatchResult;
}

/// The redemption price of sUSDai as a fraction: `nav` USDai for `supply` shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RedemptionRate {
	/// The vault's NAV at the redemption price (vesting yield excluded).
	pub nav: Balance,
	/// sUSDai in existence, locked shares included.
	pub supply: Balance,
}

impl RedemptionRate {
	/// USDai that `shares` are worth, rounded down (in the vault's favour).
	pub fn value(&self, shares: Balance) -> Result<Balance, sp_runtime::ArithmeticError> {
		crate::mul_div(shares, self.nav, self.supply, sp_runtime::Rounding::Down)
	}
}

/// What the QEV redemption queue needs from the vault. Amounts of shares are sUSDai base units.
pub trait RedemptionVault<AccountId> {
	/// Moves `shares` of `who`'s sUSDai into the queue's escrow (a ticket).
	fn lock_shares(who: &AccountId, shares: Balance) -> DispatchResult;

	/// Gives `shares` back from escrow to `who` (a cancelled ticket).
	fn unlock_shares(who: &AccountId, shares: Balance) -> DispatchResult;

	/// USDai that `shares` are worth at the redemption price, rounded down.
	fn redemption_value(shares: Balance) -> Result<Balance, DispatchError>;

	/// The redemption price as a fraction, read once for a block of fills.
	fn redemption_rate() -> Result<RedemptionRate, DispatchError>;

	/// Settles a block of the queue's fills at once: burns `shares` from escrow and sets `paid`
	/// of the vault's idle USDai aside for the tickets that were filled (it leaves NAV). `paid`
	/// may not exceed the shares' redemption value: the difference (bid fees and roundings)
	/// stays in the vault, raising the price for the holders who remain.
	fn settle_locked(shares: Balance, paid: Balance) -> DispatchResult;

	/// Pays `amount` of the USDai set aside by `settle_locked` to `to` (a ticket's holder
	/// collecting its fills).
	fn pay_settled(to: &AccountId, amount: Balance) -> DispatchResult;

	/// USDai set aside by `settle_locked` and not yet paid.
	fn settled_unpaid() -> Balance;

	/// USDai available to pay redemptions now.
	fn available_liquidity() -> Balance;
}

/// Walks the holders of a token in bounded steps, for accounting that has no transfer hook
/// (Allo points). Implemented in the runtime over pallet-assets' account storage.
pub trait HolderCursor<AccountId> {
	/// An opaque, bounded position in the walk.
	type Cursor: codec::FullCodec
		+ codec::MaxEncodedLen
		+ scale_info::TypeInfo
		+ Clone
		+ Eq
		+ core::fmt::Debug;

	/// Up to `max` holders of `asset` after `cursor` (from the start when `None`), and the cursor
	/// to continue from (`None` when the walk is complete).
	fn next_holders(
		asset: crate::AssetId,
		cursor: Option<Self::Cursor>,
		max: u32,
	) -> (alloc::vec::Vec<AccountId>, Option<Self::Cursor>);
}

/// CALIBER receipts as loan collateral, used by filo. Implemented by pallets/caliber.
///
/// A receipt stands for a batch of GPUs in an insured custodian's care. Values are USDai base
/// units (18 decimals). Every method either succeeds in full or fails and changes nothing.
pub trait Collateral<AccountId> {
	/// Who holds `receipt` now, if it exists.
	fn holder(receipt: crate::ReceiptId) -> Option<AccountId>;

	/// What `receipts` are worth as collateral now: for each, its depreciated appraisal capped at
	/// its insurance coverage, summed. Fails on an unknown receipt.
	fn collateral_value(receipts: &[crate::ReceiptId]) -> Result<Balance, DispatchError>;

	/// Whether every one of `receipts` is held by `holder` and may be pledged to a new loan now
	/// (insurance in force, a confirmed and fresh valuation, an active custodian, not pledged and
	/// no release pending). The error says why not.
	fn ensure_eligible(holder: &AccountId, receipts: &[crate::ReceiptId]) -> DispatchResult;

	/// Pledges `receipts` (each eligible and held by `holder`) to `loan`: from now on they cannot
	/// be transferred, burnt or released until `unlock` or `seize`.
	fn lock(
		loan: crate::LoanId,
		holder: &AccountId,
		receipts: &[crate::ReceiptId],
	) -> DispatchResult;

	/// Releases every receipt pledged to `loan` (the loan was repaid).
	fn unlock(loan: crate::LoanId) -> DispatchResult;

	/// Transfers every receipt pledged to `loan` to `to` and releases the pledge (the loan
	/// defaulted: `to` is the auction's escrow or its winner).
	fn seize(loan: crate::LoanId, to: &AccountId) -> DispatchResult;

	/// The receipts pledged to `loan`.
	fn pledged(loan: crate::LoanId) -> alloc::vec::Vec<crate::ReceiptId>;
}

/// How much a FiLo stack may have lent out at most. Implemented by pallets/gauges (votes direct
/// the vault's lendable capital); until then by a governance-set cap per stack in pallets/filo.
pub trait Capacity {
	/// The most outstanding principal `stack` may carry now; `None`: the stack may not lend.
	fn capacity(stack: crate::StackId) -> Option<Balance>;
}
