//! Read receipts in direct conversations, built on the members' read positions: the other
//! person sees how far one has read while both have receipts on and neither blocked the other.
//! Not in the room everyone is in.

use super::{blocks, internal};
use crate::{
    error::AppError,
    server::entities::{conversation, member, read_receipts_off},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set, SqlErr};
use std::collections::{HashMap, HashSet};

/// Turns the user's read receipts on or off; setting it to what it is changes nothing.
pub async fn set_enabled(
    db: &impl ConnectionTrait,
    user_id: i64,
    enabled: bool,
) -> Result<(), AppError> {
    if enabled {
        read_receipts_off::Entity::delete_by_id(user_id)
            .exec(db)
            .await
            .map_err(internal("turn read receipts on"))?;
        return Ok(());
    }
    let row = read_receipts_off::ActiveModel {
        user_id: Set(user_id),
    };
    match read_receipts_off::Entity::insert(row).exec(db).await {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(()),
        Err(e) => Err(internal("turn read receipts off")(e)),
    }
}

/// Whether the user has read receipts on.
pub async fn enabled(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, AppError> {
    Ok(enabled_among(db, &[user_id]).await?.contains(&user_id))
}

/// Who among `people` has read receipts on.
async fn enabled_among(
    db: &impl ConnectionTrait,
    people: &[i64],
) -> Result<HashSet<i64>, AppError> {
    let off: Vec<i64> = read_receipts_off::Entity::find()
        .select_only()
        .column(read_receipts_off::Column::UserId)
        .filter(read_receipts_off::Column::UserId.is_in(people.iter().copied()))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read receipt settings"))?;
    Ok(people
        .iter()
        .copied()
        .filter(|p| !off.contains(p))
        .collect())
}

/// Who is told that `reader` read the conversation: the other person of a direct conversation
/// when receipts go between them; `None` otherwise (the room, a group, a setting, a block).
pub async fn recipient(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
    reader: i64,
) -> Result<Option<i64>, AppError> {
    if conversation.kind != conversation::KIND_DIRECT {
        return Ok(None);
    }
    let others: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .filter(member::Column::ConversationId.eq(conversation.id))
        .filter(member::Column::UserId.ne(reader))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("find the other member"))?;
    let [other] = others[..] else {
        return Ok(None);
    };
    let pair = [reader, other];
    let both_on = enabled_among(db, &pair).await?.len() == 2;
    Ok((both_on && blocks::among(db, &pair).await?.is_empty()).then_some(other))
}

/// For the list: how far the other person of each of `direct` conversations has read, where
/// receipts go between them and `me`.
pub async fn peer_read_positions(
    db: &impl ConnectionTrait,
    me: i64,
    direct: &[i64],
) -> Result<HashMap<i64, i64>, AppError> {
    if direct.is_empty() || !enabled(db, me).await? {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64, i64)> = member::Entity::find()
        .select_only()
        .column(member::Column::ConversationId)
        .column(member::Column::UserId)
        .column(member::Column::LastReadSeq)
        .filter(member::Column::ConversationId.is_in(direct.iter().copied()))
        .filter(member::Column::UserId.ne(me))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read peers' positions"))?;
    let peers: Vec<i64> = rows.iter().map(|(_, user, _)| *user).collect();
    let on = enabled_among(db, &peers).await?;
    let blocked: HashSet<i64> = blocks::involving(db, me).await?.into_iter().collect();
    Ok(rows
        .into_iter()
        .filter(|(_, user, _)| on.contains(user) && !blocked.contains(user))
        .map(|(conversation, _, seq)| (conversation, seq))
        .collect())
}
