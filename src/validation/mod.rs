//! Parse-don't-validate newtypes shared by the browser forms and the server.

mod client_id;
mod email;
mod message_body;
mod password;
mod reaction_emoji;
mod username;

pub use client_id::ClientId;
pub use email::Email;
pub use message_body::MessageBody;
pub use password::Password;
pub use reaction_emoji::ReactionEmoji;
pub use username::Username;
