//! Changes a user makes to their own account. The unique indexes decide races; a pre-check
//! gives the usual case its clear message.

use super::{internal, users};
use crate::{
    error::AppError,
    server::entities::user,
    validation::{Email, Username},
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, SqlErr,
};

pub async fn rename(
    db: &impl ConnectionTrait,
    user_id: i64,
    username: &Username,
) -> Result<(), AppError> {
    if let Some(holder) = users::find_by_username(db, username).await? {
        return if holder.id == user_id {
            Ok(())
        } else {
            Err(AppError::UsernameTaken)
        };
    }
    set(
        db,
        user_id,
        user::Column::Username,
        username.as_str(),
        AppError::UsernameTaken,
    )
    .await
}

pub async fn change_email(
    db: &impl ConnectionTrait,
    user_id: i64,
    email: &Email,
) -> Result<(), AppError> {
    set(
        db,
        user_id,
        user::Column::Email,
        email.as_str(),
        AppError::EmailTaken,
    )
    .await
}

/// Stores the new hash and raises the token version, which ends every session of the user at
/// once. Returns the new version, for the session that made the change to carry on with.
pub async fn change_password_hash(
    db: &impl ConnectionTrait,
    user_id: i64,
    hash: String,
) -> Result<i32, AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await
        .map_err(internal("change password"))?;
    users::find_by_id(db, user_id)
        .await?
        .map(|u| u.token_version)
        .ok_or(AppError::NotSignedIn)
}

async fn set(
    db: &impl ConnectionTrait,
    user_id: i64,
    column: user::Column,
    value: &str,
    taken: AppError,
) -> Result<(), AppError> {
    let updated = user::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await;
    match updated {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(taken),
        Err(e) => Err(internal("update account")(e)),
    }
}
