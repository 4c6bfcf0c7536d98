use super::internal;
use crate::{
    error::AppError,
    server::entities::{conversation, member},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// Who receives a conversation's new messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The global room: every connected user.
    Everyone,
    Users(Vec<i64>),
}

pub async fn is_member(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<bool, AppError> {
    let row = member::Entity::find_by_id((conversation_id, user_id))
        .one(db)
        .await
        .map_err(internal("check membership"))?;
    Ok(row.is_some())
}

/// Refuses with `Forbidden` unless the user is a member. Unknown conversations look the same,
/// so their existence is not revealed.
pub async fn require_member(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    if is_member(db, conversation_id, user_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One query for the whole audience, never one per recipient.
pub async fn audience(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
) -> Result<Audience, AppError> {
    if conversation.kind == conversation::KIND_GLOBAL {
        return Ok(Audience::Everyone);
    }
    let ids: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .filter(member::Column::ConversationId.eq(conversation.id))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("load audience"))?;
    Ok(Audience::Users(ids))
}
