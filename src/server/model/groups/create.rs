use super::{
    events::{self, Event},
    GroupChange, GroupName,
};
use crate::{
    error::{AppError, Field},
    protocol::{GroupEventKind, MAX_GROUP_MEMBERS},
    server::{
        entities::{conversation, member},
        model::{blocks, changes::begin_writer, internal, now_ms, users},
    },
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};

/// Creates a group named `name` of `creator` (its admin) and `others`. Everyone in it sees the
/// whole group from its first line, "Ann created the group".
pub async fn create(
    db: &DatabaseConnection,
    creator: i64,
    name: &str,
    others: &[i64],
) -> Result<GroupChange, AppError> {
    let name = GroupName::parse(name)?;
    let others = newcomers(db, creator, others, 1).await?;
    let now = now_ms();
    let txn = begin_writer(db).await?;
    let group = conversation::ActiveModel {
        kind: Set(conversation::KIND_GROUP.to_owned()),
        name: Set(Some(name.as_str().to_owned())),
        last_seq: Set(0),
        last_change: Set(0),
        created_at: Set(now),
        direct_key: Set(None),
        last_activity_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(internal("create a group"))?;
    let everyone: Vec<i64> = std::iter::once(creator).chain(others).collect();
    let rows = everyone
        .iter()
        .map(|&user_id| new_member(group.id, user_id, user_id == creator, 0, now));
    member::Entity::insert_many(rows)
        .exec(&txn)
        .await
        .map_err(internal("add group members"))?;
    let events = events::record(
        &txn,
        group.id,
        &[Event {
            actor: creator,
            kind: GroupEventKind::Created,
            user: None,
            name: name.as_str(),
        }],
    )
    .await?;
    txn.commit().await.map_err(internal("commit a new group"))?;
    Ok(GroupChange {
        conversation_id: group.id,
        events,
        told: everyone,
    })
}

/// A membership row for someone joining now, who sees what comes after `visible_from_seq`
/// and has nothing unread before it.
pub(super) fn new_member(
    conversation_id: i64,
    user_id: i64,
    admin: bool,
    visible_from_seq: i64,
    now: i64,
) -> member::ActiveModel {
    member::ActiveModel {
        conversation_id: Set(conversation_id),
        user_id: Set(user_id),
        last_read_seq: Set(visible_from_seq),
        joined_at: Set(now),
        hidden: Set(false),
        muted: Set(false),
        admin: Set(admin),
        visible_from_seq: Set(visible_from_seq),
    }
}

/// The people `adder` may bring into a group of `already` members: each once, not the adder,
/// existing, and not someone who blocked the adder (told exactly as for someone who does not
/// exist, so the block is not revealed). At least one, and the group stays within
/// `MAX_GROUP_MEMBERS`.
pub(super) async fn newcomers(
    db: &impl ConnectionTrait,
    adder: i64,
    wanted: &[i64],
    already: usize,
) -> Result<Vec<i64>, AppError> {
    let mut people: Vec<i64> = wanted.iter().copied().filter(|id| *id != adder).collect();
    people.sort_unstable();
    people.dedup();
    if people.is_empty() {
        return Err(AppError::invalid(
            Field::GroupMembers,
            "Choose at least one person to add.",
        ));
    }
    if already + people.len() > MAX_GROUP_MEMBERS {
        return Err(AppError::invalid(
            Field::GroupMembers,
            format!("A group can have at most {MAX_GROUP_MEMBERS} members."),
        ));
    }
    let found = users::views_by_id(db, people.iter().copied()).await?;
    let mut everyone = people.clone();
    everyone.push(adder);
    let blocked_adder = blocks::among(db, &everyone)
        .await?
        .into_iter()
        .any(|(blocker, blocked)| blocked == adder && people.contains(&blocker));
    if found.len() != people.len() || blocked_adder {
        return Err(AppError::invalid(
            Field::GroupMembers,
            "Some of these people could not be found.",
        ));
    }
    Ok(people)
}
