//! Deleting one's own message: the text is wiped from the row (not just flagged), its reactions
//! go, and the row stays so its seq keeps its place and members see a placeholder. The deletion
//! is a change of the conversation, so members who were away get the placeholder by catch-up.

use super::{
    internal,
    message_change::{Changed, Target},
};
use crate::{
    error::AppError,
    server::entities::{message, reaction},
};
use sea_orm::{sea_query::Expr, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// What deleting did: the placeholder, who to show it to, and the key of the image whose files
/// the caller deletes.
pub struct Deleted {
    pub changed: Changed,
    pub image_key: Option<String>,
}

/// Deletes message `seq` of the conversation if `user_id` wrote it. Deleting it again is not an
/// error (and changes nothing). Outsiders get `NotFound`, members deleting someone else's
/// message `Forbidden`.
pub async fn delete(
    db: &DatabaseConnection,
    conversation_id: i64,
    seq: i64,
    user_id: i64,
) -> Result<Deleted, AppError> {
    let target = Target::open(db, conversation_id, seq, user_id).await?;
    if target.row.sender_id != user_id {
        return Err(AppError::Forbidden);
    }
    if target.row.deleted {
        return Ok(Deleted {
            changed: target.commit().await?,
            image_key: None,
        });
    }
    let change = target.take_change().await?;
    reaction::Entity::delete_many()
        .filter(reaction::Column::MessageId.eq(target.row.id))
        .exec(&target.txn)
        .await
        .map_err(internal("delete a message's reactions"))?;
    message::Entity::update_many()
        .col_expr(message::Column::Deleted, Expr::value(true))
        .col_expr(message::Column::Body, Expr::value(""))
        .col_expr(message::Column::ImageKey, Expr::value(None::<String>))
        .col_expr(message::Column::ChangeSeq, Expr::value(change))
        .filter(message::Column::Id.eq(target.row.id))
        .exec(&target.txn)
        .await
        .map_err(internal("delete message"))?;
    let image_key = target.row.image_key.clone();
    Ok(Deleted {
        changed: target.commit().await?,
        image_key,
    })
}
