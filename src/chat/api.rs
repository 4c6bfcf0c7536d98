//! Chat server functions: the room's first page for the server-rendered view, older pages when
//! scrolling up, and sending from a plain HTML form when JavaScript is off. Live sending and
//! catching up go over the socket.

use crate::{
    error::AppError,
    protocol::{HistoryPage, UserView},
};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomView {
    pub me: UserView,
    pub page: HistoryPage,
}

/// The global room's newest page, for the signed-in user.
#[server(prefix = "/api", endpoint = "chat/room", input = GetUrl)]
pub async fn open_room() -> Result<RoomView, AppError> {
    use crate::protocol::{GLOBAL_CONVERSATION_ID, HISTORY_PAGE_SIZE};
    use crate::server::{
        model::{conversations, messages},
        request,
    };
    let (state, user) = request::require_user().await?;
    conversations::require_member(&state.db, GLOBAL_CONVERSATION_ID, user.id).await?;
    let page =
        messages::page_before(&state.db, GLOBAL_CONVERSATION_ID, None, HISTORY_PAGE_SIZE).await?;
    Ok(RoomView {
        me: user.view(),
        page,
    })
}

/// The page of messages just before `before_seq`.
#[server(prefix = "/api", endpoint = "chat/history", input = GetUrl)]
pub async fn older_messages(
    conversation_id: i64,
    before_seq: i64,
) -> Result<HistoryPage, AppError> {
    use crate::protocol::HISTORY_PAGE_SIZE;
    use crate::server::{
        model::{conversations, messages},
        request,
    };
    let (state, user) = request::require_user().await?;
    conversations::require_member(&state.db, conversation_id, user.id).await?;
    messages::page_before(
        &state.db,
        conversation_id,
        Some(before_seq),
        HISTORY_PAGE_SIZE,
    )
    .await
}

/// Sends a message without the socket (the composer's form when JavaScript is off).
#[server(prefix = "/api", endpoint = "chat/send")]
pub async fn post_message(
    conversation_id: i64,
    client_id: String,
    body: String,
) -> Result<(), AppError> {
    use crate::server::{chat_service, request};
    let (state, user) = request::require_user().await?;
    chat_service::send_message(&state, &user, conversation_id, &client_id, &body, None).await?;
    Ok(())
}
