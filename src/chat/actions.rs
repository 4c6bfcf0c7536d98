//! Chat writes over HTTP. Each also works as a plain HTML form before the wasm has loaded (or
//! without JavaScript); live sending goes over the socket instead.

use crate::{error::AppError, protocol::MessageView};
use leptos::prelude::*;

/// Sends a message without the socket (the composer's form when JavaScript is off), a reply
/// when `reply_to_seq` names the message it answers.
#[server(prefix = "/api", endpoint = "chat/send")]
pub async fn post_message(
    conversation_id: i64,
    client_id: String,
    body: String,
    #[server(default)] reply_to_seq: Option<i64>,
) -> Result<(), AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    let reply_to = reply_to_seq;
    chat_service::send_message(
        &state,
        &user,
        conversation_id,
        &client_id,
        &body,
        reply_to,
        None,
    )
    .await?;
    Ok(())
}

/// Opens (creating on first use) the direct conversation with `user_id` and goes there.
#[server(prefix = "/api", endpoint = "chat/direct")]
pub async fn open_direct(user_id: i64) -> Result<i64, AppError> {
    use crate::server::{limits, model::direct, request};
    let (state, user) = request::require_user().await?;
    limits::per_user(&state, |r| &r.opens_per_user, user.id).await?;
    let opened = direct::open(&state.db, user.id, user_id).await?;
    if opened.listed_again {
        state.presence.retell(user.id, vec![user_id]).await;
    }
    let id = opened.id;
    leptos_axum::redirect(&format!("/c/{id}"));
    Ok(id)
}

/// Takes a direct conversation out of the list until someone writes in it again. Returns the
/// conversation's id, so the page can drop it from the list it shows.
#[server(prefix = "/api", endpoint = "chat/hide")]
pub async fn hide_conversation(conversation_id: i64) -> Result<i64, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::hide_conversation(&state, &user, conversation_id).await?;
    leptos_axum::redirect("/");
    Ok(conversation_id)
}

/// Mutes (or unmutes) a conversation for the user: no notifications, a quiet unread count.
/// Returns the new setting.
#[server(prefix = "/api", endpoint = "chat/mute")]
pub async fn mute_conversation(conversation_id: i64, muted: bool) -> Result<bool, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::mute_conversation(&state, &user, conversation_id, muted).await?;
    Ok(muted)
}

/// Deletes one of the user's own messages; members see a placeholder live.
#[server(prefix = "/api", endpoint = "chat/delete")]
pub async fn delete_message(conversation_id: i64, seq: i64) -> Result<MessageView, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::delete_message(&state, &user, conversation_id, seq).await
}

/// Replaces the text of one of the user's own messages; members see it live, marked edited.
/// `None` when the text was the same.
#[server(prefix = "/api", endpoint = "chat/edit")]
pub async fn edit_message(
    conversation_id: i64,
    seq: i64,
    body: String,
) -> Result<Option<MessageView>, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::edit_message(&state, &user, conversation_id, seq, &body).await
}

/// Adds the user's reaction to a message, or takes it back; members see it live.
#[server(prefix = "/api", endpoint = "chat/react")]
pub async fn react_to_message(
    conversation_id: i64,
    seq: i64,
    emoji: String,
) -> Result<MessageView, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::react_to_message(&state, &user, conversation_id, seq, &emoji).await
}

/// Marks the conversation read up to `seq`; the user's open tabs are told.
#[server(prefix = "/api", endpoint = "chat/read")]
pub async fn mark_read(conversation_id: i64, seq: i64) -> Result<i64, AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::mark_read(&state, &user, conversation_id, seq, None).await
}
