//! Deleting one's own message: the text is wiped from the row (not just flagged), and the row
//! stays so its seq keeps its place and members see a placeholder.

use super::{
    conversations::{self, Audience},
    internal, messages,
};
use crate::{
    error::AppError,
    protocol::{MessageView, UserView},
    server::entities::message,
};
use sea_orm::{sea_query::Expr, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// What deleting did: the placeholder everyone is shown, who to show it to, and the key of the
/// image whose files the caller deletes.
pub struct Deleted {
    pub message: MessageView,
    pub audience: Audience,
    pub image_key: Option<String>,
}

/// Deletes message `seq` of the conversation if `author` wrote it. Deleting it again is not an
/// error. Outsiders get `NotFound`, members deleting someone else's message `Forbidden`.
pub async fn delete(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    seq: i64,
    author: UserView,
) -> Result<Deleted, AppError> {
    let user_id = author.id;
    let (conversation, _) = conversations::find_for_member(db, conversation_id, user_id).await?;
    let row = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::Seq.eq(seq))
        .one(db)
        .await
        .map_err(internal("find message to delete"))?
        .ok_or(AppError::NotFound)?;
    if row.sender_id != user_id {
        return Err(AppError::Forbidden);
    }
    message::Entity::update_many()
        .col_expr(message::Column::Deleted, Expr::value(true))
        .col_expr(message::Column::Body, Expr::value(""))
        .col_expr(message::Column::ImageKey, Expr::value(None::<String>))
        .filter(message::Column::Id.eq(row.id))
        .filter(message::Column::SenderId.eq(user_id))
        .exec(db)
        .await
        .map_err(internal("delete message"))?;
    let image_key = row.image_key.clone();
    let deleted = message::Model {
        deleted: true,
        body: String::new(),
        image_key: None,
        ..row
    };
    Ok(Deleted {
        message: messages::view(deleted, author),
        audience: conversations::audience(db, &conversation).await?,
        image_key,
    })
}
