//! Stored reset links: only the SHA-256 of each token, with its expiry and the user's token
//! version at the time.

use super::internal;
use crate::{error::AppError, server::entities::password_reset};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub struct NewLink {
    pub user_id: i64,
    pub token_hash: String,
    pub token_version: i32,
    pub expires_at: i64,
    pub created_at: i64,
}

pub async fn create(db: &impl ConnectionTrait, link: NewLink) -> Result<(), AppError> {
    password_reset::ActiveModel {
        user_id: Set(link.user_id),
        token_hash: Set(link.token_hash),
        token_version: Set(link.token_version),
        expires_at: Set(link.expires_at),
        created_at: Set(link.created_at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal("store reset link"))?;
    Ok(())
}

/// Removes the link and returns it, if it existed. Of two requests racing with the same token
/// only the one whose delete removed the row gets it: a link works once.
pub async fn take(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<password_reset::Model>, AppError> {
    let Some(link) = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
        .map_err(internal("find reset link"))?
    else {
        return Ok(None);
    };
    let removed = password_reset::Entity::delete_by_id(link.id)
        .exec(db)
        .await
        .map_err(internal("use reset link"))?;
    Ok((removed.rows_affected == 1).then_some(link))
}

/// Every other link of the user dies with a completed reset.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map_err(internal("delete reset links"))?;
    Ok(())
}
