//! Moving an account to another email address. A reset link already sent to the old address
//! must not keep working once that address is no longer the owner's, and the old address is
//! told, so someone holding a stolen session cannot quietly take the account away.

use crate::{
    error::AppError,
    server::{
        entities::user,
        mail,
        model::{account, password_resets},
        state::AppState,
    },
    validation::Email,
};

pub async fn change(state: &AppState, user: &user::Model, new: &Email) -> Result<(), AppError> {
    account::change_email(&state.db, user.id, new).await?;
    password_resets::delete_for_user(&state.db, user.id).await?;
    tracing::info!(user_id = user.id, "email address changed");
    let state = state.clone();
    let (old, username) = (user.email.clone(), user.username.clone());
    tokio::spawn(async move {
        if let Err(error) = tell_old_address(&state, &old, &username).await {
            tracing::error!(%error, "could not tell the old address about an email change");
        }
    });
    Ok(())
}

async fn tell_old_address(state: &AppState, old: &str, username: &str) -> Result<(), String> {
    let body = format!(
        "Hello {username},\n\n\
         The email address of your Parley account was just changed, and this address will no \
         longer receive its password reset links.\n\n\
         If you made this change, there is nothing to do. If you did not, someone else may be \
         signed in to your account: tell whoever runs your Parley server.\n"
    );
    let message = mail::plain_text(
        &state.settings.mail_from,
        old,
        "Your Parley email address was changed",
        body,
    )?;
    state.mailer.send(message).await.map_err(|e| e.to_string())
}
