//! The records of the queue: tickets and their place in it.

use codec::{Decode, DecodeWithMemTracking, Encode, Input, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use usdai_primitives::{
	beacon::{BeaconRound, PulseSignature},
	Balance, BasisPoints,
};

/// Identifier of a redemption ticket.
pub type TicketId = u64;

/// A ticket's storage key in `Tickets`: its id, big-endian. Under the `Identity` hasher keys are
/// ordered by their bytes, so tickets requested one after the other sit side by side in the
/// trie, and the tickets a block fills (the queue's head, mostly consecutive requests) share
/// their paths: a fill's reads and writes cost the same however many tickets exist. Ids are
/// assigned by the chain in sequence, so nobody can choose keys to unbalance the trie.
pub type TicketKey = [u8; 8];

/// The `Tickets` key of ticket `id`.
pub fn ticket_key(id: TicketId) -> TicketKey {
	id.to_be_bytes()
}

/// The ticket id a `Tickets` key stands for.
pub fn ticket_id(key: TicketKey) -> TicketId {
	TicketId::from_be_bytes(key)
}

/// A ticket's place in the queue as a storage key: the bid level inverted and the request
/// sequence number, both big-endian. Under the `Identity` hasher keys are ordered by their bytes,
/// so the first key of the queue is the highest bid level's earliest request: the next ticket
/// to fill is one storage seek away however long the queue is.
pub type Position = [u8; 10];

/// The queue key of `level` and `seq`.
pub fn position(level: BasisPoints, seq: u64) -> Position {
	let inverted = u16::MAX.saturating_sub(u16::try_from(level).unwrap_or(u16::MAX));
	let mut key = [0u8; 10];
	let (l, s) = key.split_at_mut(2);
	l.copy_from_slice(&inverted.to_be_bytes());
	s.copy_from_slice(&seq.to_be_bytes());
	key
}

/// sUSDai locked to leave the vault, waiting for liquidity.
#[derive(Clone, Debug, PartialEq, Eq, Encode, MaxEncodedLen, TypeInfo)]
pub struct Ticket<AccountId> {
	/// Who is paid (and may cancel or transfer it).
	pub owner: AccountId,
	/// Shares still waiting (zero once filled in full: the ticket then only holds proceeds).
	pub shares: Balance,
	/// Shares when requested.
	pub requested: Balance,
	/// Least USDai the whole request must pay, as a limit on the price: the ticket fills, in
	/// full or in part, only at a price at which all `requested` shares would pay this net of
	/// its fee. Each fill's pay rounds down (a few base units per partial fill).
	pub min_out: Balance,
	/// Bid level in basis points: its bid, which ranks the ticket.
	pub level: BasisPoints,
	/// Order within its level (FIFO): the request number, or a later number when it was sent to
	/// the back for a `min_out` the price could not meet.
	pub seq: u64,
	/// Native deposit held from the account that requested it.
	pub deposit: Balance,
	/// The account the deposit is held from.
	pub depositor: AccountId,
	/// USDai its fills have paid and the owner has not yet claimed. The vault holds it apart
	/// from its NAV (`RedemptionVault::settled_unpaid`).
	pub claimable: Balance,
	/// The fee its fills pay, in basis points: the one price of the round whose bid ranked it
	/// (at most its bid, `level`); zero for a ticket that never won a round.
	pub fee_bps: BasisPoints,
}

/// Tickets written before sealed bids (storage version 0) end at `claimable` and paid their
/// level: they decode with `fee_bps = level`, and take the new layout when next written. A
/// chain upgrading to sealed bids therefore needs no pass over its tickets.
impl<AccountId: Decode> Decode for Ticket<AccountId> {
	fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
		let owner = AccountId::decode(input)?;
		let shares = Balance::decode(input)?;
		let requested = Balance::decode(input)?;
		let min_out = Balance::decode(input)?;
		let level = BasisPoints::decode(input)?;
		let seq = u64::decode(input)?;
		let deposit = Balance::decode(input)?;
		let depositor = AccountId::decode(input)?;
		let claimable = Balance::decode(input)?;
		let fee_bps = match input.remaining_len()? {
			Some(0) => level,
			_ => BasisPoints::decode(input)?,
		};
		Ok(Self {
			owner,
			shares,
			requested,
			min_out,
			level,
			seq,
			deposit,
			depositor,
			claimable,
			fee_bps,
		})
	}
}

impl<AccountId: Decode> DecodeWithMemTracking for Ticket<AccountId> {}

impl<AccountId> Ticket<AccountId> {
	/// Whether the ticket still waits in the queue.
	pub fn is_waiting(&self) -> bool {
		self.shares > 0
	}
}

/// Totals of one bid level.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct LevelTotals {
	/// Tickets waiting at the level.
	pub tickets: u32,
	/// Their shares.
	pub shares: Balance,
}

/// What settlement may do in a block, reserved in `on_initialize`.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct SettlementBudget {
	/// Tickets it may fill.
	pub fills: u32,
	/// Tickets it may pass over for their `min_out` (sent to the back): it looks at most at
	/// `fills + skips` tickets and stops rather than skip more than this.
	pub skips: u32,
	/// Bid levels it may visit: each visit, a fill or a skip, writes its level's totals.
	pub levels: u32,
}

/// A bid sealed to a beacon round, kept until the round's pulse opens it.
#[derive(
	CloneNoBound,
	DebugNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct SealedBid<AccountId, MaxLen>
where
	AccountId: Clone + core::fmt::Debug + PartialEq + Eq,
	MaxLen: Get<u32>,
{
	/// The ticket's owner when it was sealed: the plaintext must name it, and it must still own
	/// the ticket when the bid is opened (a transfer voids it).
	pub owner: AccountId,
	/// The compact tlock ciphertext (usdai-timelock) of a [`BidPlaintext`].
	pub ciphertext: BoundedVec<u8, MaxLen>,
}

/// What a sealed bid says once opened: SCALE-encoded, it is the ciphertext's plaintext. It
/// names the ticket, its owner and the round, so that a ciphertext copied to another ticket,
/// by another owner or into another round opens to no bid.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct BidPlaintext<AccountId> {
	/// The ticket bid for.
	pub ticket: TicketId,
	/// Its owner, who sealed the bid.
	pub owner: AccountId,
	/// The beacon round it is sealed to (the queue round's closing round).
	pub round: BeaconRound,
	/// The bid, in basis points of the ticket's fills (at most `MaxBidBps`).
	pub bid_bps: BasisPoints,
}

/// Why a sealed bid counts as no bid.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum VoidReason {
	/// The round's pulse does not open it: garbage, sealed to another round or key, altered.
	Undecryptable,
	/// It opens, but not to a bid (the plaintext is not a `BidPlaintext`).
	NotABid,
	/// It opens to a bid for another ticket, owner or round: a copied ciphertext.
	Mismatch,
	/// The bid is above `MaxBidBps`.
	TooHigh,
	/// The ticket ended, changed owner or was filled in full before the round opened.
	TicketChanged,
	/// The beacon's pulse for the round did not come within `PulseTimeout`: the round's bids
	/// lapse unopened (the owners bid again in a later round).
	NoPulse,
}

/// The round whose bids are being opened, a batch a block.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct OpeningRound {
	/// The beacon round the bids were sealed to.
	pub round: BeaconRound,
	/// Its pulse, copied from the beacon; `None` when it never came and the bids lapse.
	pub signature: Option<PulseSignature>,
}
