//! "Forgot password": a single-use link by email, valid for 30 minutes.
//!
//! Asking for a link answers the same whether or not an account has the address: the lookup,
//! the stored link and the email all happen after the answer, in a task of their own, so not
//! even the response time tells. A link dies when used, when it expires, and when the password
//! changes in any other way (it carries the token version, which every password change raises).

use crate::{
    error::AppError,
    server::{
        limits, mail,
        model::{
            account, now_ms,
            password_resets::{self, NewLink},
            sessions, users,
        },
        state::AppState,
        tokens,
    },
    validation::{Email, Password},
};
use lettre::Message;
use std::{net::IpAddr, time::Duration};

pub const LINK_LIFETIME: Duration = Duration::from_secs(30 * 60);
/// The page the link opens.
pub const RESET_PATH: &str = "/reset-password";

/// Counts the request against both limits and, if it is within them, sends a link to `email`
/// when an account has that address.
pub async fn request_link(state: &AppState, email: Email, client: IpAddr) -> Result<(), AppError> {
    let rules = &state.settings.limits;
    let store = state.limits.as_ref();
    // Both are counted, so a flood for many addresses from one client is stopped too.
    let by_client = limits::hit(store, &rules.reset_requests_per_client, &client.to_string()).await;
    let by_email = limits::hit(store, &rules.reset_requests_per_email, email.as_str()).await;
    if let Err(error) = by_client.and(by_email) {
        tracing::warn!(%client, "password reset requests rate limited");
        return Err(error);
    }
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(error) = send_link(&state, &email).await {
            tracing::error!(%error, "could not send a password reset email");
        }
    });
    Ok(())
}

async fn send_link(state: &AppState, email: &Email) -> Result<(), String> {
    let Some(user) = users::find_by_email(&state.db, email)
        .await
        .map_err(|e| e.to_string())?
    else {
        tracing::info!("password reset asked for an address no account has");
        return Ok(());
    };
    let token = tokens::random_hex(32);
    let now = now_ms();
    password_resets::create(
        &state.db,
        NewLink {
            user_id: user.id,
            token_hash: tokens::sha256_hex(&token),
            token_version: user.token_version,
            expires_at: now + LINK_LIFETIME.as_millis() as i64,
            created_at: now,
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    let link = format!("{}{RESET_PATH}?token={token}", state.settings.link_base());
    let message = reset_email(
        &state.settings.mail_from,
        email.as_str(),
        &user.username,
        &link,
    )?;
    state
        .mailer
        .send(message)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(user_id = user.id, "password reset link sent");
    Ok(())
}

fn reset_email(from: &str, to: &str, username: &str, link: &str) -> Result<Message, String> {
    let minutes = LINK_LIFETIME.as_secs() / 60;
    let body = format!(
        "Hello {username},\n\n\
         Someone (hopefully you) asked to reset your Parley password. To choose a new one, open \
         this link within {minutes} minutes:\n\n{link}\n\n\
         The link works once. If you did not ask for it, ignore this email: your password stays \
         as it is.\n"
    );
    mail::plain_text(from, to, "Reset your Parley password", body)
}

/// Sets a new password through a link's token. Every session of the user ends (the token
/// version rises) and their sockets close; the link and any other open link die.
pub async fn reset(state: &AppState, token: &str, password: Password) -> Result<(), AppError> {
    // Checked before the link is used up, so a too-short password does not waste it.
    let hash_of_token = tokens::sha256_hex(token);
    let link = password_resets::take(&state.db, &hash_of_token)
        .await?
        .ok_or(AppError::ResetLinkInvalid)?;
    let user = users::find_by_id(&state.db, link.user_id)
        .await?
        .ok_or(AppError::ResetLinkInvalid)?;
    if link.expires_at <= now_ms() || link.token_version != user.token_version {
        return Err(AppError::ResetLinkInvalid);
    }
    let hash = state.hasher.hash(&password).await?;
    account::change_password_hash(&state.db, user.id, hash).await?;
    password_resets::delete_for_user(&state.db, user.id).await?;
    sessions::delete_all_but(&state.db, user.id, None).await?;
    state.fanout.disconnect_user(user.id);
    tracing::info!(user_id = user.id, "password reset through an email link");
    Ok(())
}
