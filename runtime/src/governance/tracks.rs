//! The referendum tracks: one per kind of decision, each with its own deposit, periods and
//! curves. Periods are written in the runtime's time units, so `fast-runtime` shortens them all
//! (a "day" of two blocks): on `dev-fast` and `local-fast` a parameters referendum is decided in
//! about a minute.
//!
//! | id | track              | origin                  | deposit     | decide  | confirm | enact   |
//! |----|--------------------|-------------------------|-------------|---------|---------|---------|
//! | 0  | root               | root (runtime upgrades) | 100,000 CHIP| 14 days | 1 day   | 1 day   |
//! | 1  | whitelisted_caller | `WhitelistedCaller`     | 10,000 CHIP | 7 days  | 1 hour  | 1 hour  |
//! | 2  | parameters         | `Parameters`            | 10,000 CHIP | 7 days  | 1 day   | 1 hour  |
//! | 3  | registrar          | `Registrar`             | 10,000 CHIP | 7 days  | 1 day   | 1 hour  |
//! | 4  | treasurer          | `Treasurer`             | 1,000 CHIP  | 7 days  | 1 day   | 1 day   |
//!
//! Parameters and registries enact after an hour only: a change that raises risk then waits in
//! pallets/guard for its delay (two days), a lowering applies at once.

use super::origins;
use crate::{Balance, BlockNumber, OriginCaller, RuntimeOrigin, DAYS, HOURS, MINUTES, UNIT};
use alloc::borrow::Cow;
use frame_support::traits::OriginTrait;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::str_array as s;

/// `x` percent as the curves' fixed-point type.
const fn percent(x: i32) -> sp_runtime::FixedI64 {
	sp_runtime::FixedI64::from_rational(x as u128, 100)
}

// Approval (share of conviction-weighted aye votes) and support (share of the active CHIP
// issuance voting aye, without conviction) required over the decision period; Polkadot's
// shapes.
const APP_ROOT: Curve = Curve::make_reciprocal(4, 14, percent(80), percent(50), percent(100));
const SUP_ROOT: Curve = Curve::make_linear(14, 14, percent(0), percent(50));
const APP_WHITELISTED: Curve = Curve::make_reciprocal(1, 7, percent(96), percent(50), percent(100));
const SUP_WHITELISTED: Curve = Curve::make_reciprocal(1, 7, percent(20), percent(5), percent(50));
const APP_PARAMETERS: Curve = Curve::make_linear(7, 7, percent(50), percent(100));
const SUP_PARAMETERS: Curve = Curve::make_reciprocal(3, 7, percent(1), percent(0), percent(50));
const APP_REGISTRAR: Curve = Curve::make_linear(7, 7, percent(50), percent(100));
const SUP_REGISTRAR: Curve = Curve::make_reciprocal(3, 7, percent(1), percent(0), percent(50));
const APP_TREASURER: Curve = Curve::make_reciprocal(2, 7, percent(80), percent(50), percent(100));
const SUP_TREASURER: Curve = Curve::make_linear(7, 7, percent(0), percent(50));

/// The root track.
pub const ROOT: u16 = 0;
/// The whitelisted-caller (fast) track.
pub const WHITELISTED_CALLER: u16 = 1;
/// The protocol-parameters track.
pub const PARAMETERS: u16 = 2;
/// The registries track.
pub const REGISTRAR: u16 = 3;
/// The treasury track.
pub const TREASURER: u16 = 4;

const TRACKS: [Track<u16, Balance, BlockNumber>; 5] = [
	Track {
		id: ROOT,
		info: TrackInfo {
			name: s("root"),
			max_deciding: 1,
			decision_deposit: 100_000 * UNIT,
			prepare_period: 2 * HOURS,
			decision_period: 14 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: DAYS,
			min_approval: APP_ROOT,
			min_support: SUP_ROOT,
		},
	},
	Track {
		id: WHITELISTED_CALLER,
		info: TrackInfo {
			name: s("whitelisted_caller"),
			max_deciding: 10,
			decision_deposit: 10_000 * UNIT,
			prepare_period: 30 * MINUTES,
			decision_period: 7 * DAYS,
			confirm_period: HOURS,
			min_enactment_period: HOURS,
			min_approval: APP_WHITELISTED,
			min_support: SUP_WHITELISTED,
		},
	},
	Track {
		id: PARAMETERS,
		info: TrackInfo {
			name: s("parameters"),
			max_deciding: 10,
			decision_deposit: 10_000 * UNIT,
			prepare_period: 2 * HOURS,
			decision_period: 7 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: HOURS,
			min_approval: APP_PARAMETERS,
			min_support: SUP_PARAMETERS,
		},
	},
	Track {
		id: REGISTRAR,
		info: TrackInfo {
			name: s("registrar"),
			max_deciding: 10,
			decision_deposit: 10_000 * UNIT,
			prepare_period: 2 * HOURS,
			decision_period: 7 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: HOURS,
			min_approval: APP_REGISTRAR,
			min_support: SUP_REGISTRAR,
		},
	},
	Track {
		id: TREASURER,
		info: TrackInfo {
			name: s("treasurer"),
			max_deciding: 10,
			decision_deposit: 1_000 * UNIT,
			prepare_period: 2 * HOURS,
			decision_period: 7 * DAYS,
			confirm_period: DAYS,
			min_enactment_period: DAYS,
			min_approval: APP_TREASURER,
			min_support: SUP_TREASURER,
		},
	},
];

/// The tracks of pallet-referenda, and which origin each referendum enacts its call as.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(origins::Origin::WhitelistedCaller) => Ok(WHITELISTED_CALLER),
			OriginCaller::Origins(origins::Origin::Parameters) => Ok(PARAMETERS),
			OriginCaller::Origins(origins::Origin::Registrar) => Ok(REGISTRAR),
			OriginCaller::Origins(origins::Origin::Treasurer) => Ok(TREASURER),
			_ => Err(()),
		}
	}
}
