//! Finding other people to talk to.

pub mod api;
mod search_box;
mod search_result;
mod search_results;

pub use search_box::UserSearch;
pub use search_results::UserSearchResults;
