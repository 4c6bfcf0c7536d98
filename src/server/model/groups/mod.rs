//! Groups: named conversations of up to `MAX_GROUP_MEMBERS` people, run by their admins. Every
//! change to a group is a line in its timeline (`events`), stored in the same transaction as
//! the change, so it takes its place among the messages and catch-up carries it.
//!
//! Access follows the rest of the app: a `members` row is the only grant. A member added later
//! has a `visible_from_seq` (see `conversations::visible_from`); a removed one loses the row at
//! once and keeps only a `group_removals` line in their list.

mod create;
mod erasure;
mod events;
mod leave;
mod manage;
mod name;

pub use create::create;
pub use erasure::settle_before_erasure;
pub use leave::{forget_removed, leave, Left};
pub use manage::{add, make_admin, remove, rename};
pub use name::GroupName;

use super::{
    conversations::{self, member_ids},
    internal,
};
use crate::{
    error::AppError,
    protocol::{GroupMemberView, MessageView},
    server::entities::{conversation, member},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// What a change to a group did: its lines in the timeline, in order, and who is told about
/// them (the members after the change, and anyone it took out, so their tabs know).
#[derive(Debug)]
pub struct GroupChange {
    pub conversation_id: i64,
    pub events: Vec<MessageView>,
    pub told: Vec<i64>,
}

/// The group and the asker's membership: `NotFound` unless they are a member of a group (a
/// direct conversation or the room is not one).
async fn find_for_member(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<(conversation::Model, member::Model), AppError> {
    let (conversation, member) =
        conversations::find_for_member(db, conversation_id, user_id).await?;
    if conversation.kind != conversation::KIND_GROUP {
        return Err(AppError::NotFound);
    }
    Ok((conversation, member))
}

/// As `find_for_member`, and only for an admin.
async fn find_for_admin(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<(conversation::Model, member::Model), AppError> {
    let found = find_for_member(db, conversation_id, user_id).await?;
    if !found.1.admin {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

/// The group's members, admins first, then in the order they joined. Members only.
pub async fn members(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    viewer: i64,
) -> Result<Vec<GroupMemberView>, AppError> {
    find_for_member(db, conversation_id, viewer).await?;
    let rows = member::Entity::find()
        .filter(member::Column::ConversationId.eq(conversation_id))
        .order_by_desc(member::Column::Admin)
        .order_by_asc(member::Column::JoinedAt)
        .order_by_asc(member::Column::UserId)
        .all(db)
        .await
        .map_err(internal("list group members"))?;
    let people = super::users::views_by_id(db, rows.iter().map(|m| m.user_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            Some(GroupMemberView {
                user: people.get(&m.user_id)?.clone(),
                admin: m.admin,
                presence: None,
            })
        })
        .collect())
}

/// How many members each of these groups has. One query.
pub async fn member_counts(
    db: &impl ConnectionTrait,
    groups: &[i64],
) -> Result<HashMap<i64, u32>, AppError> {
    if groups.is_empty() {
        return Ok(HashMap::new());
    }
    let counts: Vec<(i64, i64)> = member::Entity::find()
        .select_only()
        .column(member::Column::ConversationId)
        .column_as(member::Column::UserId.count(), "count")
        .filter(member::Column::ConversationId.is_in(groups.iter().copied()))
        .group_by(member::Column::ConversationId)
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("count group members"))?;
    Ok(counts
        .into_iter()
        .map(|(id, count)| (id, u32::try_from(count).unwrap_or(u32::MAX)))
        .collect())
}
