//! How far each member has read: the unread count is the conversation's newest seq minus it.

use super::{conversations, internal};
use crate::{
    error::AppError,
    server::entities::{conversation, member},
};
use sea_orm::{sea_query::Expr, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Marks the conversation read up to `seq` (never beyond its newest message, never backwards).
/// Returns the member's read position afterwards, whether it moved, and the conversation.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
    seq: i64,
) -> Result<ReadPosition, AppError> {
    let (conversation, member) =
        conversations::find_for_member(db, conversation_id, user_id).await?;
    let seq = seq.clamp(0, conversation.last_seq);
    if seq <= member.last_read_seq {
        return Ok(ReadPosition {
            seq: member.last_read_seq,
            moved: false,
            conversation,
        });
    }
    member::Entity::update_many()
        .col_expr(member::Column::LastReadSeq, Expr::value(seq))
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(user_id))
        .filter(member::Column::LastReadSeq.lt(seq))
        .exec(db)
        .await
        .map_err(internal("mark read"))?;
    Ok(ReadPosition {
        seq,
        moved: true,
        conversation,
    })
}

/// Where a member's reading stands after `mark_read`.
pub struct ReadPosition {
    pub seq: i64,
    pub moved: bool,
    pub conversation: conversation::Model,
}
