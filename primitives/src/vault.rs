//! What the USDai vault (pallets/usdai) provides to the pallets that lend from it, redeem from
//! it and steer it: filo draws loans ([`LendingVault`]), the QEV queue redeems shares
//! ([`RedemptionVault`]), the gauges take the lockers' fee share ([`FeeSource`]), read the
//! lendable capital ([`LendableCapital`]) and sell the backstop ([`BackstopVault`]). What the
//! treasury bridge needs from it is in [`crate::bridge`].

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

/// The lending side of the USDai vault: what FiLo draws loans from and pays back into.
/// Implemented by pallets/usdai; filo's `Config::LendingVault`. Amounts are USDai base units
/// (18 decimals).
///
/// Every method either changes the vault's books consistently or fails and changes nothing.
pub trait LendingVault<AccountId> {
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

/// What the QEV (queue-extractable value) redemption queue needs from the vault. Implemented
/// by pallets/usdai; qev's `Config::RedemptionVault`. Amounts of shares are sUSDai base units.
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

/// The vault's capital that gauge votes divide between stacks, in USDai base units.
/// Implemented by pallets/usdai; gauges' `Config::Capital`.
pub trait LendableCapital {
	/// What the stacks may lend in total now: each stack's capacity is its gauge weight's share
	/// of this.
	fn lendable_capital() -> Balance;
}

/// The lockers' share of the protocol fee. Implemented by pallets/usdai; gauges' `Config::Fees`.
pub trait FeeSource<AccountId> {
	/// Moves the lockers' share of the protocol fees collected since the last call, in USDai, to
	/// `to` and returns how much it moved (zero when there is nothing). Called once per epoch.
	fn take_fees(to: &AccountId) -> Result<Balance, DispatchError>;
}

/// The vault's losses that nobody has covered yet: what the CHIP backstop sale pays down.
/// Implemented by pallets/usdai; gauges' `Config::Backstop`.
pub trait BackstopVault<AccountId> {
	/// Realised loss, in USDai, left after the stack's first-loss and the insurance fund.
	fn uncovered_loss() -> Balance;

	/// `from` pays `amount` USDai into the vault against the uncovered loss (at most
	/// `uncovered_loss()`). Either all of it is credited or nothing changes.
	fn cover_loss_from(from: &AccountId, amount: Balance) -> DispatchResult;
}

/// Sets the vault up for other pallets' benchmarks, through the vault's own calls and books, so
/// that no benchmark helper writes the vault's storage. Implemented by pallets/usdai (with the
/// `runtime-benchmarks` feature); a consumer's `Config::VaultBenchmarkHelper` names it, or its
/// mock vault. Benchmark setup only: a broken precondition aborts the benchmark.
pub trait VaultBenchmarkHelper<AccountId> {
	/// Lifts the vault's caps and mint limits for one accepted stablecoin and returns it, so that
	/// deposits of any size go through.
	fn open_stablecoin() -> crate::AssetId;

	/// Gives `who` `amount` USDai, minted through an ordinary deposit of that stablecoin.
	fn fund_usdai(who: &AccountId, amount: Balance);

	/// Gives `who` at least `shares` sUSDai, staked through the vault from USDai it is given.
	fn fund_shares(who: &AccountId, shares: Balance);

	/// `who` stakes `usdai` of the USDai it holds.
	fn stake(who: &AccountId, usdai: Balance);

	/// Adds `amount` USDai of idle, lendable liquidity to the vault (staked by an account of its
	/// own).
	fn provide_liquidity(amount: Balance);

	/// Books `amount` USDai of protocol fees set aside for the lockers, backed by USDai in the
	/// vault's account.
	fn accrue_locker_fees(amount: Balance);

	/// Books `amount` USDai of realised loss that nobody covered.
	fn set_uncovered_loss(amount: Balance);

	/// Caps what the vault mints per period at `max_per_period`.
	fn limit_mints(max_per_period: Balance);
}
