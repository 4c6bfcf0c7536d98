//! Search in messages: the words of a query, the server function, how a found message is
//! shown, and the `/search` page.

pub mod api;
pub mod highlight;
mod page;
pub mod terms;

pub use page::SearchMessagesPage;
