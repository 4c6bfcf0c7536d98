//! The chat view: the global room, live over the socket.

pub mod api;
mod avatar;
mod clock;
mod composer;
mod message_item;
mod message_list;
mod page;
mod socket;
#[cfg(feature = "hydrate")]
mod socket_driver;
pub mod timeline;

pub use clock::provide_local_clock;
pub use page::ChatPage;
