//! What must hold after every block: each protocol pallet's own invariants (`do_try_state`),
//! and what no single pallet can see: conservation of every token, the USDai backing, the
//! sUSDai share value against NAV, and the books of the vault against filo's loans, qev's
//! tickets and caliber's pledges.

use frame_support::traits::fungibles::Inspect;
use std::collections::BTreeMap;
use usdai_primitives::{
	assets::{SUSDAI, USDAI},
	AssetId, Balance,
};
use usdai_runtime::{Assets, Caliber, Filo, Gauges, Qev, Runtime, TreasuryBridge, Usdai};

/// A broken check: its name and what it saw.
pub type Broken = (String, String);

fn ensure(ok: bool, check: &str, message: impl FnOnce() -> String) -> Result<(), Broken> {
	if ok {
		Ok(())
	} else {
		Err((check.to_string(), message()))
	}
}

/// What the checks carry from block to block: in tolerant mode, the dust that the
/// [`known`](crate::known) dust leaks have already taken out of the balances (or burnt without
/// booking), so that later blocks are checked against it instead of failing on it again.
#[derive(Clone, Debug, Default)]
pub struct Baselines {
	/// Absorb the known dust leaks (count them) instead of failing.
	pub tolerate_known: bool,
	/// Per asset: supply − the sum of the balances, absorbed so far.
	pub dust: BTreeMap<AssetId, Balance>,
	/// Per bridged asset: credited − withdrawn − supply, absorbed so far.
	pub bridge: BTreeMap<AssetId, Balance>,
	/// Known leaks absorbed, by check.
	pub hits: BTreeMap<String, u64>,
}

/// Runs every check; the first that fails is returned.
pub fn all(b: &mut Baselines) -> Result<(), Broken> {
	dust(b)?;
	pallets(b)?;
	assets(b)?;
	native()?;
	backing()?;
	shares()?;
	vault_vs_loans()?;
	queue_vs_vault()?;
	pledges()?;
	Ok(())
}

/// Every pallet's `integrity_test` (its constants are consistent), as SRLabs' harness runs it.
pub fn integrity() -> Result<(), String> {
	use frame_support::traits::IntegrityTest;
	sp_io::TestExternalities::default().execute_with(|| {
		crate::chain::catching(usdai_runtime::AllPalletsWithSystem::integrity_test)
	})
}

/// The bridge's own supply check, when the only difference it can see is dust absorbed in
/// [`Baselines::bridge`].
const BRIDGE_SUPPLY: &str = "bridged supply differs from credited minus withdrawn";

/// Each protocol pallet's `do_try_state`.
pub fn pallets(b: &Baselines) -> Result<(), Broken> {
	let run = |name: &str, r: Result<(), sp_runtime::TryRuntimeError>| {
		r.map_err(|e| (format!("{name}::do_try_state"), format!("{e:?}")))
	};
	run("usdai", Usdai::do_try_state())?;
	run("caliber", Caliber::do_try_state())?;
	run("filo", Filo::do_try_state())?;
	run("qev", Qev::do_try_state())?;
	run("gauges", Gauges::do_try_state())?;
	match TreasuryBridge::do_try_state() {
		Err(e)
			if format!("{e:?}").contains(BRIDGE_SUPPLY)
				&& b.bridge.values().any(|g| *g > 0)
				&& bridge_gaps()
					.iter()
					.all(|(id, g)| b.bridge.get(id).copied().unwrap_or(0) == *g) =>
		{
			Ok(())
		},
		r => run("treasury_bridge", r),
	}
}

/// At most this many minimum balances of dust per block are told apart from a plain
/// conservation break (see [`dust`]).
const DUST_MARGIN: u128 = 64;

fn balances_of(id: AssetId) -> Balance {
	pallet_assets::Account::<Runtime>::iter_prefix(id)
		.map(|(_, a)| a.balance)
		.fold(0, |a, b| a.saturating_add(b))
}

/// Per bridged asset: what the bridge booked (credited − withdrawn) above the supply.
fn bridge_gaps() -> Vec<(AssetId, Balance)> {
	pallet_treasury_bridge::InflowLimits::<Runtime>::iter_keys()
		.map(|id| {
			let t = pallet_treasury_bridge::Bridged::<Runtime>::get(id);
			let booked = t.credited.saturating_sub(t.withdrawn);
			(id, booked.saturating_sub(Assets::total_issuance(id)))
		})
		.collect()
}

/// Dust that left balances without leaving the books, told apart from other breaks (which the
/// checks below report) so that a known cause does not hide others: a token whose supply grew
/// above its balances by less than [`DUST_MARGIN`] minimum balances since the last block, and
/// a bridged token whose supply fell below what the bridge booked by as little. In tolerant
/// mode each is absorbed into [`Baselines`] and counted.
pub fn dust(b: &mut Baselines) -> Result<(), Broken> {
	for (id, details) in pallet_assets::Asset::<Runtime>::iter() {
		let sum = balances_of(id);
		let margin = details.min_balance.saturating_mul(DUST_MARGIN);
		let base = b.dust.get(&id).copied().unwrap_or(0);
		let gap = details.supply.saturating_sub(sum);
		if gap > base && gap - base < margin {
			ensure(b.tolerate_known, "assets.dust_unaccounted", || {
				format!(
					"asset {id}: supply {} exceeds the balances ({sum}) by {gap}, less than \
					 {DUST_MARGIN} minimum balances: dust left the accounts but not the supply",
					details.supply
				)
			})?;
			*b.hits.entry("assets.dust_unaccounted".into()).or_default() += 1;
			b.dust.insert(id, gap);
		}
	}
	for (id, gap) in bridge_gaps() {
		let min = pallet_assets::Asset::<Runtime>::get(id).map(|d| d.min_balance).unwrap_or(1);
		let base = b.bridge.get(&id).copied().unwrap_or(0);
		if gap > base && gap - base < min.saturating_mul(DUST_MARGIN) {
			ensure(b.tolerate_known, "bridge.dust_unbooked", || {
				format!(
					"asset {id}: supply {} below credited − withdrawn by {gap}: dust was burnt \
					 without being booked as withdrawn",
					Assets::total_issuance(id)
				)
			})?;
			*b.hits.entry("bridge.dust_unbooked".into()).or_default() += 1;
			b.bridge.insert(id, gap);
		}
	}
	Ok(())
}

/// For every token: supply = the sum of the balances (less the dust absorbed), and the
/// account, sufficient and approval counters agree with the accounts.
pub fn assets(b: &Baselines) -> Result<(), Broken> {
	use pallet_assets::{Account, Approvals, Asset, ExistenceReason};
	for (id, details) in Asset::<Runtime>::iter() {
		let mut sum: Balance = 0;
		let mut accounts = 0u32;
		let mut sufficients = 0u32;
		for (_, account) in Account::<Runtime>::iter_prefix(id) {
			sum = sum.checked_add(account.balance).ok_or_else(|| {
				("assets.conservation".to_string(), format!("asset {id}: balances overflow"))
			})?;
			accounts += 1;
			if matches!(account.reason, ExistenceReason::Sufficient) {
				sufficients += 1;
			}
		}
		let supply = details.supply.saturating_sub(b.dust.get(&id).copied().unwrap_or(0));
		ensure(supply == sum, "assets.conservation", || {
			format!("asset {id}: supply {} but the balances add up to {sum}", details.supply)
		})?;
		ensure(details.accounts == accounts, "assets.accounts", || {
			format!("asset {id}: {} accounts counted, {accounts} exist", details.accounts)
		})?;
		ensure(details.sufficients == sufficients, "assets.sufficients", || {
			format!("asset {id}: {} sufficients counted, {sufficients} exist", details.sufficients)
		})?;
		let approvals = Approvals::<Runtime>::iter_prefix((id,)).count() as u32;
		ensure(details.approvals == approvals, "assets.approvals", || {
			format!("asset {id}: {} approvals counted, {approvals} exist", details.approvals)
		})?;
	}
	Ok(())
}

/// CHIP: total issuance = the sum of free and reserved balances; holds fit in the reserved
/// balance; no account has consumers without providers.
pub fn native() -> Result<(), Broken> {
	let mut total: Balance = 0;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		total = total.saturating_add(info.data.free).saturating_add(info.data.reserved);
		ensure(!(info.consumers > 0 && info.providers == 0), "native.refcounts", || {
			format!("{}: {} consumers, no provider", crate::actors::name(&who), info.consumers)
		})?;
		let held: Balance = pallet_balances::Holds::<Runtime>::get(&who)
			.iter()
			.map(|h| h.amount)
			.fold(0, |a, b| a.saturating_add(b));
		ensure(held <= info.data.reserved, "native.holds", || {
			format!(
				"{}: {held} held but {} reserved",
				crate::actors::name(&who),
				info.data.reserved
			)
		})?;
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	ensure(issuance == total, "native.conservation", || {
		format!("total issuance {issuance} but accounts hold {total}")
	})
}

/// USDai supply ≤ the stablecoin reserve (scaled to 18 decimals) + the T-bill sleeve, and the
/// reserve account holds what the books say.
pub fn backing() -> Result<(), Broken> {
	let mut backing: Balance = 0;
	for (asset, reserve) in pallet_usdai::Reserves::<Runtime>::iter() {
		let held = Assets::balance(asset, Usdai::reserve_account());
		ensure(held >= reserve, "usdai.reserve_held", || {
			format!("asset {asset}: reserve {reserve} but the account holds {held}")
		})?;
		let decimals = pallet_usdai::Stablecoins::<Runtime>::get(asset).map(|i| i.decimals);
		let scale = decimals
			.and_then(|d| 18u8.checked_sub(d))
			.and_then(|e| 10u128.checked_pow(u32::from(e)))
			.ok_or_else(|| {
				("usdai.backing".to_string(), format!("reserve of {asset} unscalable"))
			})?;
		backing = backing.saturating_add(reserve.saturating_mul(scale));
	}
	let sleeve = pallet_usdai::Ledger::<Runtime>::get().sleeve;
	let supply = Assets::total_issuance(USDAI);
	ensure(supply <= backing.saturating_add(sleeve), "usdai.backing", || {
		format!("USDai supply {supply} above reserves {backing} + sleeve {sleeve}")
	})
}

/// sUSDai shares × the redemption price ≤ NAV, and the deposit price is never below the
/// redemption price (a stake and an immediate exit never gain).
pub fn shares() -> Result<(), Broken> {
	let supply = Assets::total_issuance(SUSDAI);
	if supply == 0 {
		return Ok(());
	}
	let prices = Usdai::share_prices();
	let nav = Usdai::redemption_nav().map_err(|e| ("susdai.nav".to_string(), format!("{e:?}")))?;
	let value = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		supply,
		prices.redemption,
		1_000_000_000_000_000_000,
		sp_runtime::Rounding::Down,
	)
	.unwrap_or(Balance::MAX);
	ensure(value <= nav, "susdai.value", || {
		format!("{supply} shares at {} are worth {value}, above NAV {nav}", prices.redemption)
	})?;
	ensure(prices.deposit >= prices.redemption, "susdai.prices", || {
		format!("deposit price {} below redemption price {}", prices.deposit, prices.redemption)
	})
}

/// The vault's principal is what filo's stacks have outstanding, and its impairments are at
/// most the principal of loans in default or at auction.
pub fn vault_vs_loans() -> Result<(), Broken> {
	use pallet_filo::LoanStatus;
	let ledger = pallet_usdai::Ledger::<Runtime>::get();
	let outstanding: Balance = pallet_filo::Stacks::<Runtime>::iter_values()
		.map(|s| s.outstanding)
		.fold(0, |a, b| a.saturating_add(b));
	ensure(ledger.principal == outstanding, "vault.principal", || {
		format!("vault principal {} but stacks have {outstanding} outstanding", ledger.principal)
	})?;
	let troubled: Balance = pallet_filo::Loans::<Runtime>::iter_values()
		.filter(|l| matches!(l.status, LoanStatus::Defaulted { .. } | LoanStatus::Auction))
		.map(|l| l.balance)
		.fold(0, |a, b| a.saturating_add(b));
	ensure(ledger.impaired <= troubled, "vault.impaired", || {
		format!("vault impaired {} but loans in default hold {troubled}", ledger.impaired)
	})
}

/// Shares locked in the vault are exactly those waiting in qev's tickets.
pub fn queue_vs_vault() -> Result<(), Broken> {
	let locked = pallet_usdai::LockedShares::<Runtime>::get();
	let waiting = pallet_qev::TotalShares::<Runtime>::get();
	ensure(locked == waiting, "qev.locked_shares", || {
		format!("vault locks {locked} shares, tickets wait with {waiting}")
	})
}

/// Every receipt caliber holds pledged belongs to a live filo loan, and every live loan has
/// its receipts pledged.
pub fn pledges() -> Result<(), Broken> {
	use pallet_filo::LoanStatus;
	let mut pledged: BTreeMap<usdai_primitives::LoanId, usize> = BTreeMap::new();
	for (loan, receipts) in pallet_caliber::LoanReceipts::<Runtime>::iter() {
		pledged.insert(loan, receipts.len());
		let status = pallet_filo::Loans::<Runtime>::get(loan).map(|l| l.status);
		ensure(
			matches!(
				status,
				Some(LoanStatus::Active | LoanStatus::Defaulted { .. } | LoanStatus::Auction)
			),
			"pledges.live_loan",
			|| format!("receipts pledged to loan {loan}, which is {status:?}"),
		)?;
	}
	for (id, loan) in pallet_filo::Loans::<Runtime>::iter() {
		if matches!(
			loan.status,
			LoanStatus::Active | LoanStatus::Defaulted { .. } | LoanStatus::Auction
		) {
			ensure(pledged.get(&id).is_some_and(|n| *n > 0), "pledges.collateral", || {
				format!("loan {id} is {:?} without pledged receipts", loan.status)
			})?;
		}
	}
	Ok(())
}
