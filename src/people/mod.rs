//! Finding other people to talk to.

pub mod api;
mod search_box;
mod search_result;

pub use search_box::UserSearch;
