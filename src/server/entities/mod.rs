//! SeaORM entities: the database rows, kept apart from the wire types in `protocol`.

pub mod block;
pub mod conversation;
pub mod group_removal;
pub mod member;
pub mod message;
pub mod password_reset;
pub mod presence;
pub mod reaction;
pub mod read_receipts_off;
pub mod session;
pub mod user;
