//! What a group's admins do: rename it, add and remove members, make others admins. Each is
//! one writer transaction with its line in the timeline.

use super::{
    create::{new_member, newcomers},
    events::{self, Event},
    find_for_admin, member_ids, GroupChange, GroupName,
};
use crate::{
    error::{AppError, Field},
    protocol::GroupEventKind,
    server::{
        entities::{conversation, group_removal, member},
        model::{changes::begin_writer, conversations, internal, now_ms},
    },
};
use sea_orm::{sea_query::Expr, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

pub async fn rename(
    db: &DatabaseConnection,
    admin: i64,
    conversation_id: i64,
    name: &str,
) -> Result<GroupChange, AppError> {
    let name = GroupName::parse(name)?;
    let txn = begin_writer(db).await?;
    let (group, _) = find_for_admin(&txn, conversation_id, admin).await?;
    if group.name.as_deref() == Some(name.as_str()) {
        return Err(AppError::invalid(
            Field::GroupName,
            "The group already has that name.",
        ));
    }
    conversation::Entity::update_many()
        .col_expr(conversation::Column::Name, Expr::value(name.as_str()))
        .filter(conversation::Column::Id.eq(conversation_id))
        .exec(&txn)
        .await
        .map_err(internal("rename a group"))?;
    let event = Event {
        actor: admin,
        kind: GroupEventKind::Renamed,
        user: None,
        name: name.as_str(),
    };
    let events = events::record(&txn, conversation_id, &[event]).await?;
    let told = member_ids(&txn, conversation_id).await?;
    txn.commit().await.map_err(internal("commit a rename"))?;
    Ok(GroupChange {
        conversation_id,
        events,
        told,
    })
}

/// Adds people who are not members yet. They see the group from their own "Ann added Bob"
/// line on, nothing before it.
pub async fn add(
    db: &DatabaseConnection,
    admin: i64,
    conversation_id: i64,
    people: &[i64],
) -> Result<GroupChange, AppError> {
    let txn = begin_writer(db).await?;
    find_for_admin(&txn, conversation_id, admin).await?;
    let current = member_ids(&txn, conversation_id).await?;
    let wanted: Vec<i64> = people
        .iter()
        .copied()
        .filter(|id| !current.contains(id))
        .collect();
    if wanted.is_empty() && !people.is_empty() {
        return Err(AppError::invalid(
            Field::GroupMembers,
            "They are in the group already.",
        ));
    }
    let joining = newcomers(&txn, admin, &wanted, current.len()).await?;
    let lines: Vec<Event> = joining
        .iter()
        .map(|&user| Event {
            actor: admin,
            kind: GroupEventKind::Added,
            user: Some(user),
            name: "",
        })
        .collect();
    // The lines first: taking their seqs holds the conversation's row until the commit, so no
    // message can slip in between what the newcomers may not see and what they may.
    let events = events::record(&txn, conversation_id, &lines).await?;
    let visible_from = events.first().map_or(0, |line| line.seq - 1);
    let now = now_ms();
    let rows = joining
        .iter()
        .map(|&user_id| new_member(conversation_id, user_id, false, visible_from, now));
    member::Entity::insert_many(rows)
        .exec(&txn)
        .await
        .map_err(internal("add to a group"))?;
    // Someone removed before and added again has the group back as a member.
    group_removal::Entity::delete_many()
        .filter(group_removal::Column::ConversationId.eq(conversation_id))
        .filter(group_removal::Column::UserId.is_in(joining.iter().copied()))
        .exec(&txn)
        .await
        .map_err(internal("forget removals"))?;
    txn.commit().await.map_err(internal("commit an addition"))?;
    Ok(GroupChange {
        conversation_id,
        events,
        told: current.into_iter().chain(joining).collect(),
    })
}

/// Takes `member` out at once: their row goes (so every read and every frame stops), and the
/// group stays in their list, read-only, as "You were removed". They are told, and so is
/// everyone left.
pub async fn remove(
    db: &DatabaseConnection,
    admin: i64,
    conversation_id: i64,
    removed: i64,
) -> Result<GroupChange, AppError> {
    if removed == admin {
        return Err(AppError::bad_request("to leave a group, leave it"));
    }
    let txn = begin_writer(db).await?;
    find_for_admin(&txn, conversation_id, admin).await?;
    conversations::require_member(&txn, conversation_id, removed).await?;
    member::Entity::delete_by_id((conversation_id, removed))
        .exec(&txn)
        .await
        .map_err(internal("remove from a group"))?;
    group_removal::Entity::insert(group_removal::ActiveModel {
        conversation_id: Set(conversation_id),
        user_id: Set(removed),
        removed_at: Set(now_ms()),
    })
    .exec(&txn)
    .await
    .map_err(internal("note a removal"))?;
    let event = Event {
        actor: admin,
        kind: GroupEventKind::Removed,
        user: Some(removed),
        name: "",
    };
    let events = events::record(&txn, conversation_id, &[event]).await?;
    let mut told = member_ids(&txn, conversation_id).await?;
    told.push(removed);
    txn.commit().await.map_err(internal("commit a removal"))?;
    Ok(GroupChange {
        conversation_id,
        events,
        told,
    })
}

pub async fn make_admin(
    db: &DatabaseConnection,
    admin: i64,
    conversation_id: i64,
    member_id: i64,
) -> Result<GroupChange, AppError> {
    let txn = begin_writer(db).await?;
    find_for_admin(&txn, conversation_id, admin).await?;
    let target = conversations::require_member(&txn, conversation_id, member_id).await?;
    if target.admin {
        return Err(AppError::invalid(
            Field::GroupMembers,
            "They are an admin already.",
        ));
    }
    member::Entity::update_many()
        .col_expr(member::Column::Admin, Expr::value(true))
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(member_id))
        .exec(&txn)
        .await
        .map_err(internal("make an admin"))?;
    let event = Event {
        actor: admin,
        kind: GroupEventKind::MadeAdmin,
        user: Some(member_id),
        name: "",
    };
    let events = events::record(&txn, conversation_id, &[event]).await?;
    let told = member_ids(&txn, conversation_id).await?;
    txn.commit().await.map_err(internal("commit a new admin"))?;
    Ok(GroupChange {
        conversation_id,
        events,
        told,
    })
}
