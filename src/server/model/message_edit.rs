//! Editing one's own message: the new text replaces the old one (no history is kept for
//! others), under the same rules as sending, and the message is marked edited.

use super::{
    internal,
    message_change::{refuse_if_deleted, refuse_if_deleted_since, Changed, Target},
};
use crate::{error::AppError, server::entities::message, validation::MessageBody};
use sea_orm::{sea_query::Expr, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Replaces the text of message `seq` if `user_id` wrote it: a text message's must not be
/// blank, an image's caption may be. `None` when the text is the same as before (nothing
/// changed, nobody is told).
pub async fn edit(
    db: &DatabaseConnection,
    conversation_id: i64,
    seq: i64,
    user_id: i64,
    raw_body: &str,
) -> Result<Option<Changed>, AppError> {
    let target = Target::open(db, conversation_id, seq, user_id).await?;
    if target.row.sender_id != user_id {
        return Err(AppError::Forbidden);
    }
    refuse_if_deleted(&target.row)?;
    let body = if target.row.image_key.is_some() {
        MessageBody::caption(raw_body)?
    } else {
        MessageBody::parse(raw_body)?
    };
    if body.as_str() == target.row.body {
        return Ok(None);
    }
    let change = target.take_change().await?;
    let updated = message::Entity::update_many()
        .col_expr(message::Column::Body, Expr::value(body.into_string()))
        .col_expr(message::Column::Edited, Expr::value(true))
        .col_expr(message::Column::ChangeSeq, Expr::value(change))
        .filter(message::Column::Id.eq(target.row.id))
        .filter(message::Column::Deleted.eq(false))
        .exec(&target.txn)
        .await
        .map_err(internal("edit message"))?;
    // Deleted while this edit waited for its change number: the text must not come back
    // (returning drops the transaction, which gives the number back).
    refuse_if_deleted_since(updated.rows_affected)?;
    target.commit().await.map(Some)
}
