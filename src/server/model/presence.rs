//! Presence in the database: last seen times, who hides their presence, and who is told about
//! whom. Whether someone is online right now is not stored here: that is the sockets'
//! business (`server::presence`).

use super::{blocks, internal};
use crate::{
    error::AppError,
    protocol::PresenceView,
    server::entities::{conversation, member, presence},
};
use sea_orm::{
    sea_query::{OnConflict, SelectStatement},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select, Set,
    SqlErr,
};
use std::collections::{HashMap, HashSet};

/// Shows or hides the user's presence and last seen (hidden: they see no one's either).
pub async fn set_hidden(
    db: &impl ConnectionTrait,
    user_id: i64,
    hidden: bool,
) -> Result<(), AppError> {
    let row = presence::ActiveModel {
        user_id: Set(user_id),
        last_seen_at: Set(None),
        hidden: Set(hidden),
    };
    presence::Entity::insert(row)
        .on_conflict(
            OnConflict::column(presence::Column::UserId)
                .update_column(presence::Column::Hidden)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map_err(internal("set presence hidden"))?;
    Ok(())
}

/// Whether the user shows their presence (the default).
pub async fn shown(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, AppError> {
    Ok(hidden_among(db, &[user_id]).await?.is_empty())
}

/// Records that the user's last socket closed at `at_ms`.
pub async fn record_last_seen(
    db: &impl ConnectionTrait,
    user_id: i64,
    at_ms: i64,
) -> Result<(), AppError> {
    let row = presence::ActiveModel {
        user_id: Set(user_id),
        last_seen_at: Set(Some(at_ms)),
        hidden: Set(false),
    };
    match presence::Entity::insert(row)
        .on_conflict(
            OnConflict::column(presence::Column::UserId)
                .update_column(presence::Column::LastSeenAt)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
    {
        // The account was deleted while its last socket closed: nothing to remember.
        Err(e) if matches!(e.sql_err(), Some(SqlErr::ForeignKeyConstraintViolation(_))) => Ok(()),
        other => other.map(drop).map_err(internal("record last seen")),
    }
}

async fn hidden_among(db: &impl ConnectionTrait, people: &[i64]) -> Result<Vec<i64>, AppError> {
    presence::Entity::find()
        .select_only()
        .column(presence::Column::UserId)
        .filter(presence::Column::UserId.is_in(people.iter().copied()))
        .filter(presence::Column::Hidden.eq(true))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read presence settings"))
}

/// Who is told when `user_id` comes online or goes offline: the people in the conversations
/// in `user_id`'s own list other than the room everyone is in (the whole room is not told),
/// who show their own presence and neither blocked nor were blocked by them. Empty when the
/// user hides theirs. A conversation out of their list shares nothing: opening a direct
/// conversation with someone, which they are not told of until it has a message, does not
/// show the opener whether they are online.
pub async fn watchers(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<i64>, AppError> {
    if !shown(db, user_id).await? {
        return Ok(Vec::new());
    }
    watchers_whatever_the_setting(db, user_id).await
}

/// `watchers`, as if the user showed their presence: who is told when they hide or show it.
pub async fn watchers_whatever_the_setting(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<i64>, AppError> {
    let mut people: Vec<i64> = sharing_query(user_id)
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list the people one shares conversations with"))?;
    if people.is_empty() {
        return Ok(people);
    }
    let hidden: HashSet<i64> = hidden_among(db, &people).await?.into_iter().collect();
    let blocked: HashSet<i64> = blocks::involving(db, user_id).await?.into_iter().collect();
    people.retain(|p| !hidden.contains(p) && !blocked.contains(p));
    Ok(people)
}

/// The people in the conversations in `user_id`'s own list, other than the room and them.
pub fn sharing_query(user_id: i64) -> Select<member::Entity> {
    member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .distinct()
        .filter(member::Column::ConversationId.in_subquery(conversations_of(user_id, true)))
        .filter(member::Column::UserId.ne(user_id))
}

/// A subquery: the conversations other than the room that `user_id` is in; only those in
/// their own list when `listed_only`. Used inside one statement, so someone in thousands of
/// conversations does not send their ids back to the database as a list. The conversations
/// are looked up by id among the user's memberships (never scanned: there is one for every
/// two people who ever opened a chat).
fn conversations_of(user_id: i64, listed_only: bool) -> SelectStatement {
    let mut mine = member::Entity::find()
        .select_only()
        .column(member::Column::ConversationId)
        .filter(member::Column::UserId.eq(user_id));
    if listed_only {
        mine = mine.filter(member::Column::Hidden.eq(false));
    }
    conversation::Entity::find()
        .select_only()
        .column(conversation::Column::Id)
        .filter(conversation::Column::Id.in_subquery(mine.into_query()))
        .filter(conversation::Column::Kind.ne(conversation::KIND_GLOBAL))
        .into_query()
}

/// Those of `people` who have a conversation with `viewer` (other than the room) in their own
/// list: the only ones whose presence `viewer` may see.
async fn listing_one_with(
    db: &impl ConnectionTrait,
    viewer: i64,
    people: &[i64],
) -> Result<HashSet<i64>, AppError> {
    let listing: Vec<i64> = member::Entity::find()
        .select_only()
        .column(member::Column::UserId)
        .distinct()
        .filter(member::Column::ConversationId.in_subquery(conversations_of(viewer, false)))
        .filter(member::Column::UserId.is_in(people.iter().copied()))
        .filter(member::Column::Hidden.eq(false))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list who shares a conversation"))?;
    Ok(listing.into_iter().collect())
}

/// What `viewer` is shown of each of `people`'s presence, given who is `online` now: nothing
/// for someone hidden or blocked either way, nothing for someone who has no conversation with
/// the viewer in their own list (`watchers`), and nothing at all while the viewer hides
/// theirs.
pub async fn views_for(
    db: &impl ConnectionTrait,
    viewer: i64,
    people: &[i64],
    online: &HashSet<i64>,
) -> Result<HashMap<i64, PresenceView>, AppError> {
    if people.is_empty() || !shown(db, viewer).await? {
        return Ok(HashMap::new());
    }
    let rows = presence::Entity::find()
        .filter(presence::Column::UserId.is_in(people.iter().copied()))
        .all(db)
        .await
        .map_err(internal("read presence"))?;
    let rows: HashMap<i64, presence::Model> = rows.into_iter().map(|r| (r.user_id, r)).collect();
    let blocked: HashSet<i64> = blocks::involving(db, viewer).await?.into_iter().collect();
    let listing = listing_one_with(db, viewer, people).await?;
    Ok(people
        .iter()
        .copied()
        .filter(|p| listing.contains(p))
        .filter(|p| !blocked.contains(p) && !rows.get(p).is_some_and(|r| r.hidden))
        .map(|p| {
            let view = if online.contains(&p) {
                PresenceView::ONLINE
            } else {
                PresenceView::offline(rows.get(&p).and_then(|r| r.last_seen_at))
            };
            (p, view)
        })
        .collect())
}
