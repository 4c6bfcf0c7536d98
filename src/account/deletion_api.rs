//! Deleting one's own account.

use crate::error::AppError;
use leptos::prelude::*;

/// The value of the confirmation checkbox.
pub const CONFIRMED: &str = "yes";

/// Erases the signed-in user's account (current password and the ticked confirmation box
/// required), signs this browser out and closes every socket of the user. Without JavaScript
/// the browser is sent to the sign-up page.
#[server(prefix = "/api", endpoint = "account/delete")]
pub async fn delete_account(
    current_password: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use super::api::confirm_password;
    use crate::server::{chat_images, model::account_deletion, pictures, request, session};
    let (state, user) = request::require_user().await?;
    confirm_password(&state, user.id, current_password).await?;
    if confirm != CONFIRMED {
        return Err(AppError::invalid(
            crate::error::Field::Confirmation,
            "Tick the box to confirm that the account and its messages go for good.",
        ));
    }
    let erased = account_deletion::erase(&state.db, user.id).await?;
    crate::server::db::erase_freed_pages(&state.db);
    if let Some(key) = erased.picture_key {
        pictures::delete_files(&state, &key).await;
    }
    for key in erased.image_keys {
        chat_images::delete_files(&state, &key).await;
    }
    state.fanout.disconnect_user(user.id);
    let secure = request::wants_secure_cookie(&state);
    request::set_cookie(session::clearing_cookie(secure));
    tracing::info!(user_id = user.id, "account deleted");
    leptos_axum::redirect("/signup");
    Ok(())
}
