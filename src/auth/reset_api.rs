//! Password reset server functions: ask for a link, then use it.

use crate::error::AppError;
use leptos::prelude::*;

/// Where the forgot-password form lands after a request; the page then says what happens next.
pub const LINK_SENT_PATH: &str = "/forgot-password?sent=1";
/// Where a completed reset lands: the login form, with a note that the password changed.
pub const RESET_DONE_PATH: &str = "/login?reset=1";

/// Sends a reset link if an account has `email`. The answer is the same either way.
#[server(prefix = "/api", endpoint = "password/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{password_reset, request};
    use crate::validation::Email;
    let email = Email::parse(&email)?;
    let state = request::app_state()?;
    let client = request::client_ip().await?;
    password_reset::request_link(&state, email, client).await?;
    leptos_axum::redirect(LINK_SENT_PATH);
    Ok(())
}

/// Sets a new password with the token from an emailed link; signs out every session.
#[server(prefix = "/api", endpoint = "password/reset")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{password_reset, request};
    use crate::validation::Password;
    let password = Password::parse(&password)?;
    let state = request::app_state()?;
    password_reset::reset(&state, &token, password).await?;
    leptos_axum::redirect(RESET_DONE_PATH);
    Ok(())
}
