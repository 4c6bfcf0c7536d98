//! Chat reads: the conversation list and one conversation's newest page for the server-rendered
//! view, and older pages when scrolling up. Live updates come over the socket.

use crate::{
    error::AppError,
    protocol::{ConversationSummary, HistoryPage, ReaderView, UserView},
};
use leptos::{prelude::*, server_fn::codec::GetUrl};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub me: UserView,
    /// Newest activity first.
    pub conversations: Vec<ConversationSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub summary: ConversationSummary,
    pub page: HistoryPage,
    /// In a group: how far the other members have read, as far as receipts go between them
    /// and the viewer (empty elsewhere).
    #[serde(default)]
    pub readers: Vec<ReaderView>,
}

/// The signed-in user and their conversation list.
#[server(prefix = "/api", endpoint = "chat/conversations", input = GetUrl)]
pub async fn open_inbox() -> Result<InboxView, AppError> {
    use crate::server::{model::inbox, request};
    let (state, user) = request::require_user().await?;
    let mut conversations = inbox::list(&state.db, user.id).await?;
    state.presence.annotate(user.id, &mut conversations).await?;
    Ok(InboxView {
        conversations,
        me: user.view(),
    })
}

/// One conversation's line and newest page, for its members only: to everyone else it is
/// `NotFound`, exactly like a conversation that does not exist.
#[server(prefix = "/api", endpoint = "chat/conversation", input = GetUrl)]
pub async fn open_conversation(conversation_id: i64) -> Result<ConversationView, AppError> {
    use crate::protocol::HISTORY_PAGE_SIZE;
    use crate::server::{
        model::{conversations, inbox, messages, receipts},
        request,
    };
    let (state, user) = request::require_user().await?;
    let mut summary = inbox::summary(&state.db, conversation_id, user.id).await?;
    state
        .presence
        .annotate(user.id, std::slice::from_mut(&mut summary))
        .await?;
    let page =
        messages::page_before(&state.db, conversation_id, None, HISTORY_PAGE_SIZE, user.id).await?;
    let readers = if summary.kind == crate::protocol::ConversationKind::Group {
        let (conversation, _) =
            conversations::find_for_member(&state.db, conversation_id, user.id).await?;
        receipts::group_readers(&state.db, &conversation, user.id).await?
    } else {
        Vec::new()
    };
    Ok(ConversationView {
        summary,
        page,
        readers,
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
        user.id,
    )
    .await
}
