//! The live side of chat: one WebSocket per tab at `/ws`, carrying all of a user's
//! conversations, and the hub that fans new messages out to the connected ones.

mod connection;
mod hub;
mod upgrade;

pub use hub::{ConnectionId, Frame, Hub};
pub use upgrade::upgrade;
