use crate::{
    error::AppError,
    protocol::UserView,
    server::{
        model::{sessions, users},
        session::read_session_cookie,
        state::AppState,
    },
};
use axum::http::HeaderMap;

/// The user a request's session cookie belongs to, and which of their sessions it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub picture: Option<String>,
    /// The session row's id (the user may end it from the settings page).
    pub session_id: i64,
    /// The session's random id, carried in the token.
    pub session_token_id: String,
    /// When the session ends by itself (Unix ms); its sockets close then.
    pub session_expires_ms: i64,
}

impl SessionUser {
    pub fn view(&self) -> UserView {
        UserView {
            id: self.id,
            username: self.username.clone(),
            picture: self.picture.clone(),
        }
    }
}

/// `Ok(None)` when there is no valid session: no cookie, a bad or expired token, a session that
/// was ended (signed out, or ended from another device), a deleted user, or a token version that
/// has since been raised (a password change).
pub async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SessionUser>, AppError> {
    let Some(claims) = read_session_cookie(headers).and_then(|t| state.keys.verify(t)) else {
        return Ok(None);
    };
    let Ok(user_id) = claims.sub.parse::<i64>() else {
        return Ok(None);
    };
    let Some(session) = sessions::find_active(&state.db, &claims.sid).await? else {
        return Ok(None);
    };
    if session.user_id != user_id {
        return Ok(None);
    }
    let Some(user) = users::find_by_id(&state.db, user_id).await? else {
        return Ok(None);
    };
    if user.token_version != claims.ver {
        return Ok(None);
    }
    sessions::touch(&state.db, &session).await?;
    Ok(Some(SessionUser {
        id: user.id,
        username: user.username,
        picture: user.picture_key,
        session_id: session.id,
        session_token_id: session.token_id,
        session_expires_ms: session.expires_at,
    }))
}
