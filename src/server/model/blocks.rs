//! Blocking: a person's own list of people they no longer hear from. Blocking changes what
//! the blocker receives, never what the blocked person is told: their sends are stored and
//! acknowledged as usual and withheld from the blocker (`messages.withheld_from`).

use super::{internal, now_ms, users};
use crate::{error::AppError, protocol::UserView, server::entities::block};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, SqlErr,
};
use std::collections::HashSet;

/// `blocker` blocks `blocked`; blocking twice is the same as once. `NotFound` for someone who
/// does not exist.
pub async fn block(db: &impl ConnectionTrait, blocker: i64, blocked: i64) -> Result<(), AppError> {
    if blocker == blocked {
        return Err(AppError::bad_request("you cannot block yourself"));
    }
    if users::find_by_id(db, blocked).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let row = block::ActiveModel {
        blocker_id: Set(blocker),
        blocked_id: Set(blocked),
        created_at: Set(now_ms()),
    };
    // Blocking twice is the same as once: a row already there is not an error.
    match block::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(()),
        Err(e) => Err(internal("block")(e)),
    }
}

/// Takes the block back; unblocking someone not blocked changes nothing. Messages withheld
/// meanwhile stay withheld, as in other messengers.
pub async fn unblock(
    db: &impl ConnectionTrait,
    blocker: i64,
    blocked: i64,
) -> Result<(), AppError> {
    block::Entity::delete_many()
        .filter(block::Column::BlockerId.eq(blocker))
        .filter(block::Column::BlockedId.eq(blocked))
        .exec(db)
        .await
        .map_err(internal("unblock"))?;
    Ok(())
}

/// The people `blocker` has blocked, the most recent first.
pub async fn blocked_people(
    db: &impl ConnectionTrait,
    blocker: i64,
) -> Result<Vec<UserView>, AppError> {
    let ids: Vec<i64> = block::Entity::find()
        .select_only()
        .column(block::Column::BlockedId)
        .filter(block::Column::BlockerId.eq(blocker))
        .order_by_desc(block::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list blocked people"))?;
    let mut people = users::views_by_id(db, ids.iter().copied()).await?;
    Ok(ids
        .into_iter()
        .filter_map(|id| people.remove(&id))
        .collect())
}

/// The ids `blocker` has blocked.
pub async fn blocked_ids(
    db: &impl ConnectionTrait,
    blocker: i64,
) -> Result<HashSet<i64>, AppError> {
    let ids: Vec<i64> = block::Entity::find()
        .select_only()
        .column(block::Column::BlockedId)
        .filter(block::Column::BlockerId.eq(blocker))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read blocks"))?;
    Ok(ids.into_iter().collect())
}

/// Who among `people` blocked whom among them, as (blocker, blocked): one query.
pub async fn among(db: &impl ConnectionTrait, people: &[i64]) -> Result<Vec<(i64, i64)>, AppError> {
    block::Entity::find()
        .select_only()
        .column(block::Column::BlockerId)
        .column(block::Column::BlockedId)
        .filter(
            Condition::all()
                .add(block::Column::BlockerId.is_in(people.iter().copied()))
                .add(block::Column::BlockedId.is_in(people.iter().copied())),
        )
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read blocks among members"))
}

/// Whether `blocker` has blocked `blocked`.
pub async fn has_blocked(
    db: &impl ConnectionTrait,
    blocker: i64,
    blocked: i64,
) -> Result<bool, AppError> {
    Ok(block::Entity::find_by_id((blocker, blocked))
        .one(db)
        .await
        .map_err(internal("check a block"))?
        .is_some())
}

/// Everyone `user` blocked or was blocked by.
pub async fn involving(db: &impl ConnectionTrait, user: i64) -> Result<Vec<i64>, AppError> {
    let pairs: Vec<(i64, i64)> = block::Entity::find()
        .select_only()
        .column(block::Column::BlockerId)
        .column(block::Column::BlockedId)
        .filter(
            Condition::any()
                .add(block::Column::BlockerId.eq(user))
                .add(block::Column::BlockedId.eq(user)),
        )
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read blocks of a person"))?;
    Ok(pairs
        .into_iter()
        .map(|(a, b)| if a == user { b } else { a })
        .collect())
}
