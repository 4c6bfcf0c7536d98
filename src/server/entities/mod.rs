//! SeaORM entities: the database rows, kept apart from the wire types in `protocol`.

pub mod conversation;
pub mod member;
pub mod message;
pub mod password_reset;
pub mod reaction;
pub mod session;
pub mod user;
