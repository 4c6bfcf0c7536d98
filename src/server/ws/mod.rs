//! The live side of chat: one WebSocket per tab at `/ws`, carrying all of a user's
//! conversations, and the registry of this node's sockets that the fan-out delivers to.

mod connection;
mod registry;
mod upgrade;

pub use registry::{CloseReason, ConnectionId, Frame, Registry};
pub use upgrade::upgrade;
