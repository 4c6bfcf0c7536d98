//! Session rows: created at login, read on every authenticated request (by the unique
//! `token_id`), touched at most every few minutes, deleted to sign a login out.

use super::{internal, now_ms};
use crate::{error::AppError, server::entities::session};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::time::Duration;

/// "Last seen" is kept to this precision, so a busy session costs a write every few minutes,
/// not one per request.
pub const TOUCH_EVERY: Duration = Duration::from_secs(5 * 60);
/// Longest user agent kept.
const MAX_USER_AGENT: usize = 200;

pub struct NewSession<'a> {
    pub token_id: &'a str,
    pub user_id: i64,
    pub user_agent: &'a str,
    pub ttl: Duration,
}

pub async fn create(
    db: &impl ConnectionTrait,
    new: NewSession<'_>,
) -> Result<session::Model, AppError> {
    let now = now_ms();
    session::ActiveModel {
        token_id: Set(new.token_id.to_owned()),
        user_id: Set(new.user_id),
        user_agent: Set(new.user_agent.chars().take(MAX_USER_AGENT).collect()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + new.ttl.as_millis() as i64),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(internal("create session"))
}

/// The session a token names, if it still exists and has not expired.
pub async fn find_active(
    db: &impl ConnectionTrait,
    token_id: &str,
) -> Result<Option<session::Model>, AppError> {
    let found = session::Entity::find()
        .filter(session::Column::TokenId.eq(token_id))
        .one(db)
        .await
        .map_err(internal("find session"))?;
    Ok(found.filter(|s| s.expires_at > now_ms()))
}

/// Records that the session was used now, unless that was recorded recently.
pub async fn touch(db: &impl ConnectionTrait, session: &session::Model) -> Result<(), AppError> {
    let now = now_ms();
    if now - session.last_seen_at < TOUCH_EVERY.as_millis() as i64 {
        return Ok(());
    }
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(session.id))
        .exec(db)
        .await
        .map_err(internal("touch session"))?;
    Ok(())
}

/// The user's sessions that have not expired, most recently used first.
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<session::Model>, AppError> {
    session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now_ms()))
        .order_by_desc(session::Column::LastSeenAt)
        .order_by_desc(session::Column::Id)
        .all(db)
        .await
        .map_err(internal("list sessions"))
}

/// Ends one of the user's sessions; false when the user has no such session.
pub async fn delete(db: &impl ConnectionTrait, user_id: i64, id: i64) -> Result<bool, AppError> {
    let deleted = session::Entity::delete_many()
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map_err(internal("end session"))?;
    Ok(deleted.rows_affected == 1)
}

/// Ends every session of the user but `keep` (every one, with `None`). Returns the ended ids.
pub async fn delete_all_but(
    db: &impl ConnectionTrait,
    user_id: i64,
    keep: Option<i64>,
) -> Result<Vec<i64>, AppError> {
    let mut query = session::Entity::find().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    let ended: Vec<i64> = query
        .all(db)
        .await
        .map_err(internal("find sessions to end"))?
        .into_iter()
        .map(|s| s.id)
        .collect();
    if !ended.is_empty() {
        session::Entity::delete_many()
            .filter(session::Column::Id.is_in(ended.clone()))
            .exec(db)
            .await
            .map_err(internal("end sessions"))?;
    }
    Ok(ended)
}

/// Whether the session row is still there (a socket checks once it is registered).
pub async fn exists(db: &impl ConnectionTrait, id: i64) -> Result<bool, AppError> {
    Ok(session::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(internal("check session"))?
        .is_some())
}
