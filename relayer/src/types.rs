//! The bridge's records as the relayer works with them: plain Rust mirrors of the
//! `pallet_treasury_bridge::types` the chain stores, free of subxt's generated types, so that the
//! duties (deposits, outbound, NAV, keys) can be unit-tested against in-memory fakes. `chain.rs`
//! converts between these and the generated types.

use alloy::primitives::{Address, B256};

/// A 32-byte chain account (`AccountId32`).
pub type AccountId = [u8; 32];

/// Identifier of a source channel (one gateway on one EVM chain).
pub type ChannelId = u32;

/// Sequence number of an inbound message on a channel, or of an outbound message.
pub type MessageNonce = u64;

/// The chain's asset id of a bridged stablecoin (USDC 1, USDT 2).
pub type AssetId = u32;

/// An amount in a stablecoin's base units.
pub type Balance = u128;

/// A 65-byte secp256k1 signature `r ‖ s ‖ v` with `v` ∈ {27, 28}.
pub type EcdsaSignature = [u8; 65];

/// What an inbound transfer is for (`DepositAction`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepositAction {
	/// A user's deposit, credited to `recipient` (and deposited into USDai when `into_usdai`).
	Credit {
		/// The chain account credited.
		recipient: AccountId,
		/// Whether the chain mints USDai with it at once.
		into_usdai: bool,
	},
	/// Sleeve capital returned for the outbound recall `recall`.
	SleeveReturn {
		/// The outbound nonce of the recall it answers.
		recall: MessageNonce,
	},
}

/// An inbound transfer as relayers attest it (`Deposit`). Every field must be byte-identical
/// across relayers: the chain counts votes per digest of the SCALE encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deposit {
	/// The source channel.
	pub channel: ChannelId,
	/// Its nonce on the channel.
	pub nonce: MessageNonce,
	/// The hash of the EVM transaction that emitted the event.
	pub source_tx: B256,
	/// The bridged stablecoin.
	pub asset: AssetId,
	/// Amount in its base units.
	pub amount: Balance,
	/// What the transfer is for.
	pub action: DepositAction,
}

/// The part of a channel's state (`ChannelState`) the relayer needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChannelState {
	/// The only nonce that may be attested now.
	pub next_nonce: MessageNonce,
	/// Conflicting attestations froze the channel; governance must resolve it.
	pub frozen: bool,
}

/// A message from the chain to the gateway, waiting for relayers (`OutboundMessage`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutboundMessage {
	/// Pay `amount` of `asset` to `destination` (an EVM address when it is 20 bytes long).
	Withdrawal {
		/// The chain account that withdrew.
		who: AccountId,
		/// The stablecoin.
		asset: AssetId,
		/// Amount in base units.
		amount: Balance,
		/// Destination bytes as the chain stores them.
		destination: Vec<u8>,
	},
	/// Move `amount` of `asset` into the asset's sleeve vault.
	ToSleeve {
		/// The stablecoin.
		asset: AssetId,
		/// Amount in base units.
		amount: Balance,
	},
	/// Take `amount` of `asset` back out of the sleeve vault.
	Recall {
		/// The stablecoin.
		asset: AssetId,
		/// Amount requested (what the signatures cover).
		amount: Balance,
		/// Amount not yet returned; the chain accepts signatures only while it is positive.
		remaining: Balance,
	},
}

impl OutboundMessage {
	/// A short name for logs and metrics.
	pub fn kind(&self) -> &'static str {
		match self {
			Self::Withdrawal { .. } => "withdrawal",
			Self::ToSleeve { .. } => "to_sleeve",
			Self::Recall { .. } => "recall",
		}
	}

	/// Whether relayers confirm its execution with `attest_withdrawal` (a recall completes through
	/// its inbound `SleeveReturn` instead).
	pub fn is_confirmable(&self) -> bool {
		matches!(self, Self::Withdrawal { .. } | Self::ToSleeve { .. })
	}

	/// Whether it moves sleeve capital (and so must be settled before a NAV report).
	pub fn moves_sleeve(&self) -> bool {
		matches!(self, Self::ToSleeve { .. } | Self::Recall { .. })
	}
}

/// The sleeve's value as relayers report it (`NavReport`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NavReport {
	/// Value in USDai base units (18 decimals).
	pub value: Balance,
	/// When it was measured: the EVM block's timestamp (Unix seconds).
	pub timestamp: u64,
	/// The chain's `SleeveSequence` it was measured against.
	pub sequence: u64,
}

/// The gateway the chain signs outbound messages for (`GatewayInfo`): its EIP-712 domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GatewayInfo {
	/// The channel its deposits arrive on.
	pub channel: ChannelId,
	/// The EVM chain id.
	pub chain_id: u64,
	/// The gateway contract.
	pub address: Address,
}

/// A signer set of the gateway (`SignerSet`): relayer EVM keys, sorted ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignerSet {
	/// The signers, strictly ascending.
	pub signers: Vec<Address>,
	/// Signatures needed.
	pub threshold: u32,
}

impl SignerSet {
	/// Whether `key` is a member.
	pub fn contains(&self, key: &Address) -> bool {
		self.signers.contains(key)
	}

	/// The position of `key` in the sorted set.
	pub fn index_of(&self, key: &Address) -> Option<usize> {
		self.signers.iter().position(|s| s == key)
	}

	/// How many of `signatures` are by distinct members of this set.
	pub fn count_members(&self, signatures: &[(Address, EcdsaSignature)]) -> usize {
		let mut seen: Vec<&Address> = Vec::with_capacity(signatures.len());
		for (signer, _) in signatures {
			if self.contains(signer) && !seen.contains(&signer) {
				seen.push(signer);
			}
		}
		seen.len()
	}

	/// Whether `signatures` reach this set's threshold.
	pub fn is_reached_by(&self, signatures: &[(Address, EcdsaSignature)]) -> bool {
		let needed = usize::try_from(self.threshold).unwrap_or(usize::MAX);
		needed > 0 && self.count_members(signatures) >= needed
	}
}

/// What a posted signature covers (`SignatureSubject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignatureSubject {
	/// Outbound message `nonce`.
	Outbound(MessageNonce),
	/// The rotation to signer epoch `epoch` (signed by set `epoch − 1`).
	SignerSet(u32),
}

/// How the chain answered a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxOutcome {
	/// In a block and dispatched successfully.
	Included,
	/// The pool refused it as `Stale` (a replay, or this relayer's vote is already in): the work is
	/// done, nothing to retry.
	AlreadyDone,
	/// Refused by the pool or failed in the block; the pallet error's name when known (for example
	/// `BridgeHalted`, `ChannelFrozen`, `NonceOutOfOrder`), otherwise a description.
	Rejected(String),
}

impl TxOutcome {
	/// Whether the subject needs no further action from this relayer.
	pub fn is_done(&self) -> bool {
		matches!(self, Self::Included | Self::AlreadyDone)
	}

	/// Whether the refusal means "wait, the bridge is stopped": retry later, never skip.
	pub fn is_backoff(&self) -> bool {
		match self {
			Self::Rejected(reason) => is_backoff_reason(reason),
			_ => false,
		}
	}
}

/// Pallet errors after which the relayer backs off and retries later.
pub fn is_backoff_reason(reason: &str) -> bool {
	matches!(reason, "BridgeHalted" | "ChannelFrozen")
}

#[cfg(test)]
mod tests {
	use super::*;

	fn addr(b: u8) -> Address {
		Address::repeat_byte(b)
	}

	#[test]
	fn threshold_counts_distinct_members_only() {
		let set = SignerSet { signers: vec![addr(1), addr(2), addr(3)], threshold: 2 };
		let sig = [0u8; 65];
		assert!(!set.is_reached_by(&[(addr(1), sig), (addr(1), sig)]));
		assert!(!set.is_reached_by(&[(addr(1), sig), (addr(9), sig)]));
		assert!(set.is_reached_by(&[(addr(3), sig), (addr(1), sig)]));
		let empty = SignerSet { signers: vec![], threshold: 0 };
		assert!(!empty.is_reached_by(&[]));
	}

	#[test]
	fn backoff_reasons() {
		assert!(TxOutcome::Rejected("BridgeHalted".into()).is_backoff());
		assert!(TxOutcome::Rejected("ChannelFrozen".into()).is_backoff());
		assert!(!TxOutcome::Rejected("NonceOutOfOrder".into()).is_backoff());
		assert!(TxOutcome::AlreadyDone.is_done());
	}
}
