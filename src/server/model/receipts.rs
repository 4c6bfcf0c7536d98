//! Read receipts, built on the members' read positions. In a direct conversation the other
//! person sees how far one has read while both have receipts on and neither blocked the other;
//! in a group, the other members who have receipts on see it when the reader has them on too
//! (a group's messages reach members who blocked each other, so its receipts do as well). Not
//! in the room everyone is in.

use super::{blocks, conversations, internal, users};
use crate::{
    error::AppError,
    protocol::ReaderView,
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
/// when receipts go between them, the other members of a group who have receipts on (when the
/// reader has); nobody in the room, or when the reader turned receipts off.
pub async fn recipients(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
    reader: i64,
) -> Result<Vec<i64>, AppError> {
    let (direct, group) = (
        conversation.kind == conversation::KIND_DIRECT,
        conversation.kind == conversation::KIND_GROUP,
    );
    if !(direct || group) {
        return Ok(Vec::new());
    }
    // One query for the reader's setting and the others'.
    let mut people = conversations::member_ids(db, conversation.id).await?;
    let on = enabled_among(db, &people).await?;
    if !on.contains(&reader) {
        return Ok(Vec::new());
    }
    people.retain(|p| *p != reader && on.contains(p));
    if group {
        return Ok(people);
    }
    let [other] = people[..] else {
        return Ok(Vec::new());
    };
    let unblocked = blocks::among(db, &[reader, other]).await?.is_empty();
    Ok(if unblocked { vec![other] } else { Vec::new() })
}

/// For a group's view: how far each other member has read, for those whose receipts `me` may
/// see (both have them on). Empty for anything but a group, and for members who read nothing.
pub async fn group_readers(
    db: &impl ConnectionTrait,
    conversation: &conversation::Model,
    me: i64,
) -> Result<Vec<ReaderView>, AppError> {
    if conversation.kind != conversation::KIND_GROUP || !enabled(db, me).await? {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64)> = member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .column(member::Column::LastReadSeq)
        .filter(member::Column::ConversationId.eq(conversation.id))
        .filter(member::Column::UserId.ne(me))
        .filter(member::Column::LastReadSeq.gt(0))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read members' positions"))?;
    let people: Vec<i64> = rows.iter().map(|(user, _)| *user).collect();
    let on = enabled_among(db, &people).await?;
    let views = users::views_by_id(db, people.iter().copied()).await?;
    Ok(rows
        .into_iter()
        .filter(|(user, _)| on.contains(user))
        .filter_map(|(user, seq)| {
            let user = views.get(&user)?.clone();
            Some(ReaderView { user, seq })
        })
        .collect())
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
