//! Configuration of every pallet in the runtime, by area: the chain itself ([`system`]), the
//! tokens ([`tokens`]) and the protocol ([`protocol`]).

mod protocol;
mod system;
mod tokens;

pub use protocol::*;
pub use system::*;
pub use tokens::*;
