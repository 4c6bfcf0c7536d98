//! Searching the messages of one's own conversations.

use crate::{error::AppError, protocol::UserView};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

/// How many results a page holds.
pub const RESULTS_PER_PAGE: u64 = 20;

/// One message found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundMessage {
    pub conversation_id: i64,
    /// The conversation's name as its list shows it: the other person, or "Everyone".
    pub conversation_title: String,
    pub seq: i64,
    pub sender: UserView,
    pub body: String,
    /// Whether it is a photo (its caption is the text).
    pub photo: bool,
    pub sent_at_ms: i64,
    /// Where the next page starts (pass as `before`).
    pub cursor: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSearchPage {
    /// Newest first.
    pub found: Vec<FoundMessage>,
    /// Pass back as `before` for the next page; `None` on the last one.
    pub next: Option<i64>,
}

/// Messages of the user's own conversations containing every word of `query` (each word
/// also matching longer words it starts), newest first, a page at a time.
#[server(prefix = "/api", endpoint = "chat/search", input = GetUrl)]
pub async fn search_messages(
    query: String,
    #[server(default)] before: Option<i64>,
) -> Result<MessageSearchPage, AppError> {
    use crate::server::{limits, model::message_search, request};
    let (state, user) = request::require_user().await?;
    let words = super::terms::search_words(&query)?;
    limits::per_user(&state, |r| &r.searches_per_user, user.id).await?;
    message_search::search(&state.db, user.id, &words, before).await
}
