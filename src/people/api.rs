//! Finding other people.

use crate::{error::AppError, protocol::UserView};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSearchPage {
    pub users: Vec<UserView>,
    /// Pass back as `after` for the next page; `None` on the last one.
    pub next: Option<String>,
}

/// Other users whose name starts with `query` (first) or contains it, ignoring case.
#[server(prefix = "/api", endpoint = "users/search", input = GetUrl)]
pub async fn search_users(
    query: String,
    after: Option<String>,
) -> Result<UserSearchPage, AppError> {
    use crate::server::{limits, model::user_search, request};
    let (state, user) = request::require_user().await?;
    limits::per_user(&state, |r| &r.searches_per_user, user.id).await?;
    user_search::search(&state.db, user.id, &query, after.as_deref()).await
}
