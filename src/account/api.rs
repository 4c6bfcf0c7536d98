//! Settings server functions. Each acts on the signed-in user only: none takes a user id, so
//! nobody can change another person's account.

use crate::{error::AppError, protocol::UserView};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub user: UserView,
    pub email: String,
    /// Others see how far this person has read, and they see others'.
    #[serde(default)]
    pub read_receipts: bool,
    /// Others see when this person is online or was last, and they see others'.
    #[serde(default)]
    pub presence_shown: bool,
}

#[server(prefix = "/api", endpoint = "account", input = GetUrl)]
pub async fn account_settings() -> Result<AccountView, AppError> {
    use crate::server::{model::users, request};
    let (state, user) = request::require_user().await?;
    let row = users::find_by_id(&state.db, user.id)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    Ok(AccountView {
        user: user.view(),
        email: row.email,
        read_receipts: crate::server::model::receipts::enabled(&state.db, user.id).await?,
        presence_shown: crate::server::model::presence::shown(&state.db, user.id).await?,
    })
}

/// Shows or hides one's presence and last seen (hidden: one sees no one's either). The people
/// who could see it are told at once. Returns the new setting.
#[server(prefix = "/api", endpoint = "account/presence")]
pub async fn set_presence_shown(shown: bool) -> Result<bool, AppError> {
    use crate::server::{model::presence, request};
    let (state, user) = request::require_user().await?;
    presence::set_hidden(&state.db, user.id, !shown).await?;
    state.presence.setting_changed(user.id, shown).await?;
    Ok(shown)
}

/// Turns read receipts on or off (off: others do not see how far one has read, and one sees
/// no one's). Returns the new setting.
#[server(prefix = "/api", endpoint = "account/read_receipts")]
pub async fn set_read_receipts(enabled: bool) -> Result<bool, AppError> {
    use crate::server::{model::receipts, request};
    let (state, user) = request::require_user().await?;
    receipts::set_enabled(&state.db, user.id, enabled).await?;
    Ok(enabled)
}

#[server(prefix = "/api", endpoint = "account/username")]
pub async fn change_username(username: String) -> Result<UserView, AppError> {
    use crate::server::{model::account, request};
    use crate::validation::Username;
    let username = Username::parse(&username)?;
    let (state, user) = request::require_user().await?;
    account::rename(&state.db, user.id, &username).await?;
    Ok(UserView {
        username: username.as_str().to_owned(),
        ..user.view()
    })
}

/// Moves the account to another email address. Reset links sent to the old address stop
/// working, and the old address is told (a stolen session must not quietly take the account).
#[server(prefix = "/api", endpoint = "account/email")]
pub async fn change_email(email: String, current_password: String) -> Result<(), AppError> {
    use crate::server::{email_change, request};
    use crate::validation::Email;
    let email = Email::parse(&email)?;
    let (state, user) = request::require_user().await?;
    let row = confirm_password(&state, user.id, current_password).await?;
    email_change::change(&state, &row, &email).await
}

/// Sets a new password, signs out every other session of the user and closes their sockets;
/// this session carries on with a fresh cookie.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{model::account, model::sessions, request, session};
    use crate::validation::Password;
    let new_password = Password::parse(&new_password)?;
    let (state, user) = request::require_user().await?;
    confirm_password(&state, user.id, current_password).await?;
    let hash = state.hasher.hash(&new_password).await?;
    let version = account::change_password_hash(&state.db, user.id, hash).await?;
    sessions::delete_all_but(&state.db, user.id, Some(user.session_id)).await?;
    state.fanout.disconnect_user(user.id);
    let secure = request::wants_secure_cookie(&state);
    request::set_cookie(session::cookie_for(
        &state.keys,
        user.id,
        version,
        &user.session_token_id,
        secure,
    )?);
    tracing::info!(
        user_id = user.id,
        "password changed; other sessions revoked"
    );
    Ok(())
}

/// Sensitive changes need the current password, so a borrowed unlocked laptop is not enough.
/// Returns the user's row, read for the check.
#[cfg(feature = "ssr")]
pub(super) async fn confirm_password(
    state: &crate::server::state::AppState,
    user_id: i64,
    password: String,
) -> Result<crate::server::entities::user::Model, AppError> {
    use crate::server::model::users;
    let row = users::find_by_id(&state.db, user_id)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    if state
        .hasher
        .verify(password, Some(row.password_hash.clone()))
        .await?
    {
        Ok(row)
    } else {
        Err(AppError::WrongPassword)
    }
}
