//! Account server functions. Their argument names are the form field names, so the forms
//! post straight to them and work before (or without) the wasm.

use crate::{error::AppError, protocol::UserView};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "signup")]
pub async fn sign_up(username: String, email: String, password: String) -> Result<(), AppError> {
    use crate::server::{model::users, request, session};
    use crate::validation::{Email, Password, Username};
    let username = Username::parse(&username)?;
    let email = Email::parse(&email)?;
    let password = Password::parse(&password)?;
    let state = request::app_state()?;
    let hash = session::hash_password(&password).await?;
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
    start_session(&state, user.id, user.token_version)
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn log_in(username: String, password: String) -> Result<(), AppError> {
    use crate::server::{model::users, request, session};
    use crate::validation::Username;
    let state = request::app_state()?;
    // A name that cannot exist is just an unknown user: same message, same timing.
    let user = match Username::parse(&username) {
        Ok(name) => users::find_by_username(&state.db, &name).await?,
        Err(_) => None,
    };
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    if !session::verify_password(password, stored).await {
        return Err(AppError::WrongCredentials);
    }
    let user = user.ok_or(AppError::WrongCredentials)?;
    start_session(&state, user.id, user.token_version)
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::server::{request, session};
    let state = request::app_state()?;
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

#[cfg(feature = "ssr")]
fn start_session(
    state: &crate::server::state::AppState,
    user_id: i64,
    token_version: i32,
) -> Result<(), AppError> {
    use crate::server::{request, session};
    let token = state.keys.issue(user_id, token_version).map_err(|e| {
        tracing::error!(error = %e, "could not sign a session token");
        AppError::Internal
    })?;
    let secure = request::wants_secure_cookie(state);
    request::set_cookie(session::session_cookie(&token, state.keys.ttl(), secure));
    leptos_axum::redirect("/");
    Ok(())
}
