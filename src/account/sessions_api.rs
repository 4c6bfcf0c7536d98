//! The account's sessions (where it is signed in): list them, end one, end all but this one.
//! Each acts on the signed-in user's own sessions only.

use crate::error::AppError;
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    /// "Firefox on Linux".
    pub device: String,
    /// When it was last used (to within a few minutes), Unix ms.
    pub last_seen_ms: i64,
    pub signed_in_ms: i64,
    /// The session this request came with.
    pub current: bool,
}

#[server(prefix = "/api", endpoint = "account/sessions", input = GetUrl)]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    use super::device_name::device_name;
    use crate::server::{model::sessions, request};
    let (state, user) = request::require_user().await?;
    let mut list: Vec<SessionView> = sessions::list(&state.db, user.id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.id,
            device: device_name(&s.user_agent),
            last_seen_ms: s.last_seen_at,
            signed_in_ms: s.created_at,
            current: s.id == user.session_id,
        })
        .collect();
    // This device first, the rest most recently used first (the order they came in).
    list.sort_by_key(|s| !s.current);
    Ok(list)
}

/// Signs one session out: its token stops working at once and its sockets close.
#[server(prefix = "/api", endpoint = "account/sessions/end")]
pub async fn end_session(session_id: i64) -> Result<(), AppError> {
    use crate::server::{model::sessions, request};
    let (state, user) = request::require_user().await?;
    if !sessions::delete(&state.db, user.id, session_id).await? {
        return Err(AppError::NotFound);
    }
    state.fanout.disconnect_sessions(user.id, &[session_id]);
    tracing::info!(user_id = user.id, session_id, "a session was ended");
    Ok(())
}

/// Signs out every other session of the account.
#[server(prefix = "/api", endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    use crate::server::{model::sessions, request};
    let (state, user) = request::require_user().await?;
    let ended = sessions::delete_all_but(&state.db, user.id, Some(user.session_id)).await?;
    state.fanout.disconnect_sessions(user.id, &ended);
    tracing::info!(
        user_id = user.id,
        ended = ended.len(),
        "signed out everywhere else"
    );
    Ok(())
}
