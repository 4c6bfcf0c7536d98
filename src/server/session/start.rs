use super::{session_cookie, SessionKeys};
use crate::{
    error::AppError,
    server::{
        model::sessions::{self, NewSession},
        state::AppState,
        tokens,
    },
};
use axum::http::HeaderValue;

/// Starts a login: a session row under a fresh random id, a signed token naming it, and the
/// cookie that carries the token.
pub async fn start(
    state: &AppState,
    user_id: i64,
    token_version: i32,
    user_agent: &str,
    secure: bool,
) -> Result<HeaderValue, AppError> {
    let token_id = tokens::random_hex(16);
    sessions::create(
        &state.db,
        NewSession {
            token_id: &token_id,
            user_id,
            user_agent,
            ttl: state.keys.ttl(),
        },
    )
    .await?;
    cookie_for(&state.keys, user_id, token_version, &token_id, secure)
}

/// The cookie for an existing session under a new token version (after a password change).
pub fn cookie_for(
    keys: &SessionKeys,
    user_id: i64,
    token_version: i32,
    token_id: &str,
    secure: bool,
) -> Result<HeaderValue, AppError> {
    let token = keys
        .issue(user_id, token_version, token_id)
        .map_err(|error| {
            tracing::error!(%error, "could not sign a session token");
            AppError::Internal
        })?;
    Ok(session_cookie(&token, keys.ttl(), secure))
}
