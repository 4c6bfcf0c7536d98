use crate::{
    error::AppError,
    protocol::UserView,
    server::{model::users, session::read_session_cookie, state::AppState},
};
use axum::http::HeaderMap;

/// The user a request's session cookie belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub picture: Option<String>,
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

/// `Ok(None)` when there is no valid session: no cookie, a bad or expired token, a deleted
/// user, or a token version that has since been raised (revoked).
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
    let user = users::find_by_id(&state.db, user_id).await?;
    Ok(user
        .filter(|u| u.token_version == claims.ver)
        .map(|u| SessionUser {
            id: u.id,
            username: u.username,
            picture: u.picture_key,
        }))
}
