//! Account server functions. Their argument names are the form field names, so the forms
//! post straight to them and work before (or without) the wasm.

use crate::{error::AppError, protocol::UserView};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "signup")]
pub async fn sign_up(username: String, email: String, password: String) -> Result<(), AppError> {
    use crate::server::{limits, login_guard::client_key, model::users, request};
    use crate::validation::{Email, Password, Username};
    let username = Username::parse(&username)?;
    let email = Email::parse(&email)?;
    let password = Password::parse(&password)?;
    let state = request::app_state()?;
    let client = client_key(request::client_ip().await?);
    let rule = &state.settings.limits.signups_per_client;
    limits::hit(state.limits.as_ref(), rule, &client).await?;
    let hash = state.hasher.hash(&password).await?;
    let user = users::create(
        &state.db,
        users::NewUser {
            username,
            email,
            password_hash: hash,
        },
    )
    .await?;
    tracing::info!(user_id = user.id, "signed up");
    remember_device(&state, &user.username);
    start_session(&state, user.id, user.token_version).await
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn log_in(username: String, password: String) -> Result<(), AppError> {
    use crate::server::{login_guard::LoginAttempt, model::users, request, session};
    use crate::validation::Username;
    let state = request::app_state()?;
    let device = request::cookie(session::DEVICE_COOKIE_NAME)
        .and_then(|token| state.keys.verify_device(&token));
    let attempt = LoginAttempt::new(&username, request::client_ip().await?, device);
    attempt.check(&state).await?;
    // A name that cannot exist is just an unknown user: same message, same timing.
    let user = match Username::parse(&username) {
        Ok(name) => users::find_by_username(&state.db, &name).await?,
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let verified = state.hasher.verify(password, stored).await?;
    let user = match user {
        Some(user) if verified => user,
        _ => {
            attempt.failed(&state).await;
            return Err(AppError::WrongCredentials);
        }
    };
    remember_device(&state, attempt.account());
    start_session(&state, user.id, user.token_version).await
}

/// Ends this login: its session row goes (the token no longer works anywhere, even copied),
/// its sockets close, and the cookie is cleared.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::server::{model::sessions, request, session};
    let state = request::app_state()?;
    if let Some(user) = request::current_user(&state).await? {
        sessions::delete(&state.db, user.id, user.session_id).await?;
        state
            .fanout
            .disconnect_sessions(user.id, &[user.session_id]);
    }
    request::set_cookie(session::clearing_cookie(request::wants_secure_cookie(
        &state,
    )));
    leptos_axum::redirect("/login");
    Ok(())
}

/// The signed-in user, or `None`.
#[server(prefix = "/api", endpoint = "me", input = server_fn::codec::GetUrl)]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    use crate::server::request;
    let state = request::app_state()?;
    Ok(request::current_user(&state).await?.map(|u| u.view()))
}

/// Marks this browser as one that has been in `account`, so failed logins from elsewhere do
/// not lock it out (`server::login_guard`).
#[cfg(feature = "ssr")]
fn remember_device(state: &crate::server::state::AppState, account: &str) {
    use crate::server::{request, session};
    if let Ok(token) = state.keys.issue_device(account) {
        let secure = request::wants_secure_cookie(state);
        request::set_cookie(session::device_cookie(
            &token,
            session::KNOWN_DEVICE_TTL,
            secure,
        ));
    }
}

#[cfg(feature = "ssr")]
async fn start_session(
    state: &crate::server::state::AppState,
    user_id: i64,
    token_version: i32,
) -> Result<(), AppError> {
    use crate::server::{request, session};
    let secure = request::wants_secure_cookie(state);
    let cookie = session::start(
        state,
        user_id,
        token_version,
        &request::user_agent(),
        secure,
    )
    .await?;
    request::set_cookie(cookie);
    leptos_axum::redirect("/");
    Ok(())
}
