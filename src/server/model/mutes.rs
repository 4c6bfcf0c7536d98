//! Muting: one member's own setting on their membership row.

use super::{conversations, internal};
use crate::{error::AppError, server::entities::member};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Mutes or unmutes the conversation for `user_id`; `NotFound` unless they are a member.
/// Setting it to what it already is changes nothing and is not an error.
pub async fn set_muted(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
    muted: bool,
) -> Result<(), AppError> {
    conversations::require_member(db, conversation_id, user_id).await?;
    member::Entity::update_many()
        .col_expr(member::Column::Muted, muted.into())
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map_err(internal("mute conversation"))?;
    Ok(())
}
