//! Inbound deposits: attestations, crediting in nonce order, the inflow limit and its queue.
//!
//! Nothing that cannot be carried out blocks anything behind it: a credited deposit whose
//! recipient cannot receive it, or a queued credit that cannot be paid when its turn comes, is
//! held aside (`held.rs`), and a deposit is never split into a part below the asset's minimum
//! balance, which nobody without an account could receive.

use crate::{pallet::*, types::*, weights::WeightInfo};
use frame_support::{
	dispatch::{DispatchResultWithPostInfo, Pays, PostDispatchInfo},
	ensure,
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{DepositConsequence, Provenance},
	},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::Zero, ArithmeticError, Saturating};
use usdai_primitives::{
	bridge::{BridgeVault, ReserveSleeve},
	tokens::dustless,
	AssetId, Balance,
};

impl<T: Config> Pallet<T> {
	/// The digest relayers agree on: `blake2_256` of the deposit's SCALE encoding.
	pub fn deposit_digest(deposit: &Deposit<T::AccountId>) -> H256 {
		H256(sp_io::hashing::blake2_256(&deposit.encode()))
	}

	/// Checks that `who` may attest `deposit` now, changing nothing. Used in transaction
	/// validation and at dispatch.
	pub fn check_deposit_attestation(
		who: &T::AccountId,
		deposit: &Deposit<T::AccountId>,
	) -> DispatchResult {
		Self::ensure_running()?;
		Self::ensure_relayer(who)?;
		let state = Channels::<T>::get(deposit.channel).ok_or(Error::<T>::UnknownChannel)?;
		ensure!(deposit.nonce >= state.next_nonce, Error::<T>::AlreadyProcessed);
		ensure!(deposit.nonce == state.next_nonce, Error::<T>::NonceOutOfOrder);
		ensure!(!state.frozen, Error::<T>::ChannelFrozen);
		let digest = Self::deposit_digest(deposit);
		if let Some(pinned) = state.pinned {
			ensure!(pinned == digest, Error::<T>::DigestNotAccepted);
		}
		Self::check_deposit_contents(deposit)?;
		if let Some(pending) = PendingDeposits::<T>::get(deposit.channel) {
			ensure!(
				pending.digest != digest || !Self::has_voted(&pending.votes, who),
				Error::<T>::AlreadyAttested
			);
		}
		Ok(())
	}

	/// Whether the deposit is well formed. Whether its recipient can receive it is not asked:
	/// one that cannot is held aside when credited, so that the channel moves on.
	fn check_deposit_contents(deposit: &Deposit<T::AccountId>) -> DispatchResult {
		Self::ensure_bridged(deposit.asset)?;
		ensure!(!deposit.amount.is_zero(), Error::<T>::ZeroAmount);
		match &deposit.action {
			DepositAction::Credit { .. } => {},
			DepositAction::SleeveReturn { recall } => match Outbound::<T>::get(recall) {
				Some(OutboundMessage::Recall { asset, remaining, .. })
					if asset == deposit.asset && deposit.amount <= remaining => {},
				_ => return Err(Error::<T>::InvalidSleeveReturn.into()),
			},
		}
		Ok(())
	}

	/// `who` attests `deposit`; credits it when the threshold is reached.
	pub fn do_attest_deposit(
		who: T::AccountId,
		deposit: Deposit<T::AccountId>,
	) -> DispatchResultWithPostInfo {
		Self::check_deposit_attestation(&who, &deposit)?;
		let channel = deposit.channel;
		let nonce = deposit.nonce;
		let digest = Self::deposit_digest(&deposit);
		let mut state = Channels::<T>::get(channel).ok_or(Error::<T>::UnknownChannel)?;
		let epoch = RelayerEpoch::<T>::get();
		let mut pending = match PendingDeposits::<T>::get(channel) {
			Some(p) if p.digest == digest => p,
			Some(p) if p.votes.epoch == epoch => {
				// Two relayers of the current set vouch for different contents: one of them
				// lies or was compromised. Nothing is credited until governance decides.
				state.frozen = true;
				Channels::<T>::insert(channel, state);
				Self::deposit_event(Event::DepositConflict {
					channel,
					nonce,
					attested: p.digest,
					conflicting: digest,
					relayer: who,
				});
				return Ok(Self::feeless(T::WeightInfo::attest_deposit_vote()));
			},
			// Nothing yet, or only votes of a former relayer set: start afresh.
			_ => PendingDeposit { deposit, digest, votes: Self::new_votes() },
		};
		let votes = Self::add_vote(&mut pending.votes, &who)?;
		let threshold = Threshold::<T>::get();
		Self::deposit_event(Event::DepositAttested {
			channel,
			nonce,
			digest,
			relayer: who,
			votes,
			threshold,
		});
		if votes < threshold {
			PendingDeposits::<T>::insert(channel, pending);
			return Ok(Self::feeless(T::WeightInfo::attest_deposit_vote()));
		}
		let weight = match pending.deposit.action {
			DepositAction::Credit { .. } => T::WeightInfo::attest_deposit_credit(),
			DepositAction::SleeveReturn { .. } => T::WeightInfo::attest_deposit_return(),
		};
		Self::credit(pending.deposit)?;
		PendingDeposits::<T>::remove(channel);
		state.next_nonce = nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		state.credited = state.credited.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		state.pinned = None;
		Channels::<T>::insert(channel, state);
		Ok(Self::feeless(weight))
	}

	/// A successful relayer call: no fee, `weight` used.
	pub(crate) fn feeless(weight: Weight) -> PostDispatchInfo {
		PostDispatchInfo { actual_weight: Some(weight), pays_fee: Pays::No }
	}

	/// Carries out a deposit that reached the threshold. What cannot be carried out is held
	/// aside; only a full queue (`InflowQueueFull`) or a full hold (`TooManyHeldCredits`)
	/// refuses it.
	fn credit(deposit: Deposit<T::AccountId>) -> DispatchResult {
		let Deposit { channel, nonce, asset, amount, action, .. } = deposit;
		match action {
			DepositAction::Credit { recipient, into_usdai } => {
				if !Self::can_receive(asset, &recipient, amount) {
					let action = DepositAction::Credit { recipient, into_usdai };
					let error = Error::<T>::CannotReceive.into();
					return Self::hold(channel, nonce, asset, amount, action, error);
				}
				let limit = InflowLimits::<T>::get(asset).ok_or(Error::<T>::UnsupportedAsset)?;
				let mut window = Self::current_window(asset, &limit);
				// Queued credits come first: a new deposit waits behind them.
				let allowance = if Queues::<T>::get(asset).is_empty() {
					limit.max_per_period.saturating_sub(window.credited)
				} else {
					0
				};
				let mut now = Self::payable_part(asset, amount, allowance);
				if !now.is_zero() {
					let paid = Self::can_receive(asset, &recipient, now)
						&& frame_support::storage::with_storage_layer(|| {
							Self::pay(&recipient, asset, now, into_usdai)
						})
						.is_ok();
					if paid {
						window.credited =
							window.credited.checked_add(now).ok_or(ArithmeticError::Overflow)?;
						Inflow::<T>::insert(asset, window);
					} else {
						now = 0;
					}
				}
				let queued = amount.saturating_sub(now);
				if !queued.is_zero() {
					Self::enqueue(
						asset,
						QueuedCredit {
							channel,
							nonce,
							recipient: recipient.clone(),
							amount: queued,
							into_usdai,
						},
					)?;
				}
				Self::deposit_event(Event::DepositCredited {
					channel,
					nonce,
					recipient,
					asset,
					credited: now,
					queued,
				});
			},
			DepositAction::SleeveReturn { recall } => {
				if let Err(error) = frame_support::storage::with_storage_layer(|| {
					Self::return_to_reserve(channel, nonce, recall, asset, amount)
				}) {
					let action = DepositAction::SleeveReturn { recall };
					return Self::hold(channel, nonce, asset, amount, action, error);
				}
			},
		}
		Ok(())
	}

	/// Completes `amount` of recall `recall` with the cash that came back: into the reserve, off
	/// the sleeve.
	pub(crate) fn return_to_reserve(
		channel: ChannelId,
		nonce: MessageNonce,
		recall: MessageNonce,
		asset: AssetId,
		amount: Balance,
	) -> DispatchResult {
		Self::complete_recall(recall, asset, amount)?;
		let before = T::Sleeve::sleeve_value();
		T::Sleeve::recall_from_sleeve(asset, amount)?;
		Self::sleeve_moved(before);
		Self::record_credit(asset, amount)?;
		Self::deposit_event(Event::SleeveReturned { channel, nonce, recall, asset, amount });
		Ok(())
	}

	/// How much of `amount` of `asset` to pay with `allowance` left: all of it when the
	/// allowance covers it, otherwise a part that leaves neither the part nor the rest below
	/// the asset's minimum balance (a rest below it could be received by nobody without an
	/// account, and the recipient's may be gone by then), or nothing.
	pub(crate) fn payable_part(asset: AssetId, amount: Balance, allowance: Balance) -> Balance {
		if amount <= allowance {
			return amount;
		}
		let min = T::Assets::minimum_balance(asset);
		let part = if amount.saturating_sub(allowance) < min {
			amount.saturating_sub(min)
		} else {
			allowance
		};
		if part < min {
			0
		} else {
			part
		}
	}

	/// Whether `who` can receive `amount` of `asset` minted now.
	pub(crate) fn can_receive(asset: AssetId, who: &T::AccountId, amount: Balance) -> bool {
		T::Assets::can_deposit(asset, who, amount, Provenance::Minted)
			== DepositConsequence::Success
	}

	/// The inflow window of `asset` as of now (a new one when the period has passed).
	fn current_window(
		asset: AssetId,
		limit: &InflowLimit<BlockNumberFor<T>>,
	) -> InflowWindow<BlockNumberFor<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let window = Inflow::<T>::get(asset);
		if now.saturating_sub(window.start) >= limit.period {
			InflowWindow { start: now, credited: 0 }
		} else {
			window
		}
	}

	/// Appends `credit` to `asset`'s queue.
	pub(crate) fn enqueue(asset: AssetId, credit: QueuedCredit<T::AccountId>) -> DispatchResult {
		let mut queue = Queues::<T>::get(asset);
		ensure!(queue.len() < u64::from(T::MaxQueuedPerAsset::get()), Error::<T>::InflowQueueFull);
		queue.total = queue.total.checked_add(credit.amount).ok_or(ArithmeticError::Overflow)?;
		CreditQueue::<T>::insert(asset, queue.tail, credit);
		queue.tail = queue.tail.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		Queues::<T>::insert(asset, queue);
		Ok(())
	}

	/// Mints `amount` of `asset` to `recipient` and, when asked, deposits it into the vault for
	/// USDai on its behalf. A refusal of the vault leaves the stablecoin with the recipient, and
	/// so does a deposit that would leave dust in the recipient's account (what it held before,
	/// below a minimum balance governance raised since): the recipient may deposit all of it.
	pub(crate) fn pay(
		recipient: &T::AccountId,
		asset: AssetId,
		amount: Balance,
		into_usdai: bool,
	) -> DispatchResult {
		T::Assets::mint_into(asset, recipient, amount)?;
		Self::record_credit(asset, amount)?;
		if into_usdai {
			let result = match dustless::<_, T::Assets>(asset, recipient, amount) {
				Some(_) => frame_support::storage::with_storage_layer(|| {
					T::BridgeVault::deposit(recipient, asset, amount)
				}),
				None => Err(Error::<T>::LeavesDust.into()),
			};
			match result {
				Ok(usdai) => Self::deposit_event(Event::DepositedToVault {
					recipient: recipient.clone(),
					asset,
					amount,
					usdai,
				}),
				Err(error) => Self::deposit_event(Event::VaultDepositFailed {
					recipient: recipient.clone(),
					asset,
					amount,
					error,
				}),
			}
		}
		Ok(())
	}

	/// Counts `amount` of `asset` as minted by the bridge.
	pub(crate) fn record_credit(asset: AssetId, amount: Balance) -> DispatchResult {
		Bridged::<T>::try_mutate(asset, |t| {
			t.credited = t.credited.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})
	}

	/// Pays queued credits within each asset's allowance: at most `MaxQueueCreditsPerBlock`
	/// entries a block, oldest first per asset. A head that cannot be paid now is held aside
	/// (or, with no room to hold it, goes to the end of the queue), so that it never blocks the
	/// ones behind it. Returns the weight used.
	pub fn do_process_queues() -> Weight {
		let mut meter = WeightMeter::new();
		if Halted::<T>::get() {
			meter.consume(T::WeightInfo::process_queues(0));
			return meter.consumed();
		}
		let mut budget = T::MaxQueueCreditsPerBlock::get();
		let mut visited: u32 = 0;
		for (asset, limit) in InflowLimits::<T>::iter() {
			if budget == 0 {
				break;
			}
			let mut queue = Queues::<T>::get(asset);
			if queue.is_empty() {
				continue;
			}
			let mut window = Self::current_window(asset, &limit);
			while budget > 0 && !queue.is_empty() {
				let allowance = limit.max_per_period.saturating_sub(window.credited);
				let index = queue.head;
				let Some(mut entry) = CreditQueue::<T>::get(asset, index) else {
					// Unreachable while the invariants hold; never let it block the queue.
					queue.head = queue.head.saturating_add(1);
					continue;
				};
				let amount = Self::payable_part(asset, entry.amount, allowance);
				if amount.is_zero() {
					// Waits for the next period's allowance.
					break;
				}
				budget = budget.saturating_sub(1);
				visited = visited.saturating_add(1);
				let result = if Self::can_receive(asset, &entry.recipient, amount) {
					frame_support::storage::with_storage_layer(|| {
						Self::pay(&entry.recipient, asset, amount, entry.into_usdai)
					})
				} else {
					Err(Error::<T>::CannotReceive.into())
				};
				if let Err(error) = result {
					Self::set_aside(asset, &mut queue, entry, error);
					continue;
				}
				entry.amount = entry.amount.saturating_sub(amount);
				window.credited = window.credited.saturating_add(amount);
				queue.total = queue.total.saturating_sub(amount);
				Self::deposit_event(Event::QueuedCreditPaid {
					channel: entry.channel,
					nonce: entry.nonce,
					recipient: entry.recipient.clone(),
					asset,
					amount,
					remaining: entry.amount,
				});
				if entry.amount.is_zero() {
					CreditQueue::<T>::remove(asset, index);
					queue.head = queue.head.saturating_add(1);
				} else {
					CreditQueue::<T>::insert(asset, index, entry);
				}
			}
			Queues::<T>::insert(asset, queue);
			Inflow::<T>::insert(asset, window);
		}
		meter.consume(T::WeightInfo::process_queues(visited));
		meter.consumed()
	}

	/// Takes the head `entry` of `asset`'s `queue`, which cannot be paid now (`error`), out of
	/// the way: held aside, or, when the hold is full, back at the end of the queue.
	fn set_aside(
		asset: AssetId,
		queue: &mut QueueIndex,
		entry: QueuedCredit<T::AccountId>,
		error: DispatchError,
	) {
		CreditQueue::<T>::remove(asset, queue.head);
		queue.head = queue.head.saturating_add(1);
		let QueuedCredit { channel, nonce, recipient, amount, into_usdai } = entry;
		let action = DepositAction::Credit { recipient: recipient.clone(), into_usdai };
		let held = frame_support::storage::with_storage_layer(|| {
			Self::hold(channel, nonce, asset, amount, action, error)
		});
		if held.is_ok() {
			queue.total = queue.total.saturating_sub(amount);
		} else {
			// The entry keeps its amount in the queue's total; only its place changes.
			CreditQueue::<T>::insert(
				asset,
				queue.tail,
				QueuedCredit { channel, nonce, recipient, amount, into_usdai },
			);
			queue.tail = queue.tail.saturating_add(1);
			Self::deposit_event(Event::QueuedCreditDeferred { channel, nonce, asset });
		}
	}
}
