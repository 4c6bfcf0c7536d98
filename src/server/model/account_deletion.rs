//! Erasing an account: one transaction deletes the user's messages, memberships, reset links
//! and the user row itself. Conversations stay for the people left in them; a direct
//! conversation then has one member, whose list shows "Deleted user".

use super::internal;
use crate::{
    error::AppError,
    server::entities::{member, message, password_reset, user},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

/// Deletes everything the database holds about the user and returns the picture key whose
/// files the caller deletes from storage. The deletes are explicit rather than left to the
/// foreign keys' cascades, so nothing depends on SQLite's foreign-key switch being on.
pub async fn erase(db: &DatabaseConnection, user_id: i64) -> Result<Option<String>, AppError> {
    let tx = db
        .begin()
        .await
        .map_err(internal("begin account deletion"))?;
    let user = user::Entity::find_by_id(user_id)
        .one(&tx)
        .await
        .map_err(internal("find user to delete"))?
        .ok_or(AppError::NotSignedIn)?;
    message::Entity::delete_many()
        .filter(message::Column::SenderId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's messages"))?;
    member::Entity::delete_many()
        .filter(member::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's memberships"))?;
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .exec(&tx)
        .await
        .map_err(internal("delete the user's reset links"))?;
    user::Entity::delete_by_id(user_id)
        .exec(&tx)
        .await
        .map_err(internal("delete the user"))?;
    tx.commit()
        .await
        .map_err(internal("commit account deletion"))?;
    Ok(user.picture_key)
}
