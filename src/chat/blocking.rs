//! Blocking over HTTP: from a direct conversation's header, and the list in settings where
//! people are unblocked.

use crate::{error::AppError, protocol::UserView};
use leptos::{prelude::*, server_fn::codec::GetUrl};

/// Blocks (or unblocks) a person: their messages stop reaching the user, they cannot start a
/// conversation with them, and they leave the user's search. They are told nothing. Returns
/// the new setting.
#[server(prefix = "/api", endpoint = "chat/block")]
pub async fn block_person(user_id: i64, blocked: bool) -> Result<bool, AppError> {
    use crate::server::{model::blocks, request};
    let (state, user) = request::require_user().await?;
    if blocked {
        blocks::block(&state.db, user.id, user_id).await?;
    } else {
        blocks::unblock(&state.db, user.id, user_id).await?;
    }
    Ok(blocked)
}

/// The people the user has blocked, the most recent first.
#[server(prefix = "/api", endpoint = "chat/blocked", input = GetUrl)]
pub async fn blocked_people() -> Result<Vec<UserView>, AppError> {
    use crate::server::{model::blocks, request};
    let (state, user) = request::require_user().await?;
    blocks::blocked_people(&state.db, user.id).await
}
