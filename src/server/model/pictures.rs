//! Which stored picture a user has: `users.picture_key`.

use super::internal;
use crate::{error::AppError, server::entities::user};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// Points the user at `key` (or at no picture) and returns the key it replaced, whose files
/// the caller deletes.
pub async fn swap_key(
    db: &impl ConnectionTrait,
    user_id: i64,
    key: Option<String>,
) -> Result<Option<String>, AppError> {
    let row = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(internal("find user for picture"))?
        .ok_or(AppError::NotSignedIn)?;
    let old = row.picture_key.clone();
    let mut active: user::ActiveModel = row.into();
    active.picture_key = Set(key);
    active
        .update(db)
        .await
        .map_err(internal("set picture key"))?;
    Ok(old)
}
