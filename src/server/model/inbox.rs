//! The conversation list: a user's conversations with their newest message, unread count and
//! (for direct ones) the other person. A fixed handful of indexed queries however many
//! conversations there are, never one per conversation.

use super::{blocks, groups, internal, messages, receipts, users};
use crate::{
    error::AppError,
    protocol::{sort_newest_first, ConversationKind, ConversationSummary, GroupInfo, UserView},
    server::entities::{conversation, group_removal, member, message},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select,
};
use std::collections::HashMap;

/// The user's visible conversations, newest activity first.
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<ConversationSummary>, AppError> {
    let memberships = memberships_query(user_id)
        .all(db)
        .await
        .map_err(internal("list memberships"))?;
    let mut list = summaries(db, user_id, memberships).await?;
    list.extend(removed_from(db, user_id).await?);
    sort_newest_first(&mut list);
    Ok(list)
}

/// One conversation's line, for one of its members (hidden or not).
pub async fn summary(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
) -> Result<ConversationSummary, AppError> {
    let member = super::conversations::require_member(db, conversation_id, user_id).await?;
    summaries(db, user_id, vec![member])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The user's visible memberships: an `idx_members_user` lookup.
pub fn memberships_query(user_id: i64) -> Select<member::Entity> {
    member::Entity::find()
        .filter(member::Column::UserId.eq(user_id))
        .filter(member::Column::Hidden.eq(false))
}

async fn summaries(
    db: &impl ConnectionTrait,
    user_id: i64,
    memberships: Vec<member::Model>,
) -> Result<Vec<ConversationSummary>, AppError> {
    if memberships.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = memberships.iter().map(|m| m.conversation_id).collect();
    let conversations: HashMap<i64, conversation::Model> = conversation::Entity::find()
        .filter(conversation::Column::Id.is_in(ids.clone()))
        .all(db)
        .await
        .map_err(internal("list conversations"))?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let peers = peers(db, user_id, &conversations).await?;
    let mut newest = newest_messages(db, conversations.values(), user_id).await?;
    let blocked = blocks::blocked_ids(db, user_id).await?;
    let direct: Vec<i64> = conversations
        .values()
        .filter(|c| c.kind == conversation::KIND_DIRECT)
        .map(|c| c.id)
        .collect();
    let mut peer_reads = receipts::peer_read_positions(db, user_id, &direct).await?;
    let group_ids: Vec<i64> = conversations
        .values()
        .filter(|c| c.kind == conversation::KIND_GROUP)
        .map(|c| c.id)
        .collect();
    let member_counts = groups::member_counts(db, &group_ids).await?;
    Ok(memberships
        .into_iter()
        .filter_map(|m| {
            let c = conversations.get(&m.conversation_id)?;
            Some(ConversationSummary {
                id: c.id,
                kind: c.kind_view(),
                blocked: peers.get(&c.id).is_some_and(|p| blocked.contains(&p.id)),
                peer: peers.get(&c.id).cloned(),
                // A reply's quote of what came before this member joined is not theirs to see.
                last_message: newest.remove(&c.id).and_then(|newest| {
                    messages::hide_quotes_up_to(vec![newest], m.visible_from_seq).pop()
                }),
                last_seq: c.last_seq,
                last_read_seq: m.last_read_seq.min(c.last_seq),
                last_activity_ms: c.last_activity_at,
                muted: m.muted,
                peer_read_seq: peer_reads.remove(&c.id),
                // Presence is the sockets' business: `server::presence` fills it in.
                peer_presence: None,
                group: (c.kind == conversation::KIND_GROUP).then(|| GroupInfo {
                    name: c.name.clone().unwrap_or_default(),
                    member_count: member_counts.get(&c.id).copied().unwrap_or(0),
                    admin: m.admin,
                    removed: false,
                }),
            })
        })
        .collect())
}

/// The groups the user was removed from and has not hidden yet: read-only lines saying so,
/// with nothing of what was said in them.
async fn removed_from(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<ConversationSummary>, AppError> {
    let removals = group_removal::Entity::find()
        .filter(group_removal::Column::UserId.eq(user_id))
        .all(db)
        .await
        .map_err(internal("list removals"))?;
    if removals.is_empty() {
        return Ok(Vec::new());
    }
    let names: HashMap<i64, Option<String>> = conversation::Entity::find()
        .select_only()
        .column(conversation::Column::Id)
        .column(conversation::Column::Name)
        .filter(conversation::Column::Id.is_in(removals.iter().map(|r| r.conversation_id)))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("name removals"))?
        .into_iter()
        .collect();
    Ok(removals
        .into_iter()
        .map(|removal| ConversationSummary {
            id: removal.conversation_id,
            kind: ConversationKind::Group,
            peer: None,
            last_message: None,
            last_seq: 0,
            last_read_seq: 0,
            last_activity_ms: removal.removed_at,
            muted: false,
            blocked: false,
            peer_read_seq: None,
            peer_presence: None,
            group: Some(GroupInfo {
                name: names
                    .get(&removal.conversation_id)
                    .cloned()
                    .flatten()
                    .unwrap_or_default(),
                member_count: 0,
                admin: false,
                removed: true,
            }),
        })
        .collect())
}

/// The other member of each direct conversation: primary-key lookups plus one user query.
pub(super) async fn peers(
    db: &impl ConnectionTrait,
    user_id: i64,
    conversations: &HashMap<i64, conversation::Model>,
) -> Result<HashMap<i64, UserView>, AppError> {
    let direct: Vec<i64> = conversations
        .values()
        .filter(|c| c.kind == conversation::KIND_DIRECT)
        .map(|c| c.id)
        .collect();
    if direct.is_empty() {
        return Ok(HashMap::new());
    }
    let pairs: Vec<(i64, i64)> = member::Entity::find()
        .select_only()
        .column(member::Column::ConversationId)
        .column(member::Column::UserId)
        .filter(member::Column::ConversationId.is_in(direct))
        .filter(member::Column::UserId.ne(user_id))
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list peers"))?;
    let peers = users::views_by_id(db, pairs.iter().map(|(_, u)| *u)).await?;
    Ok(pairs
        .into_iter()
        .filter_map(|(conversation_id, id)| Some((conversation_id, peers.get(&id)?.clone())))
        .collect())
}

/// Conditions per query when reading newest messages. SQLite refuses an expression nested
/// deeper than 1,000 levels, and each `OR` adds one: a person with 1,500 conversations had no
/// list at all.
const NEWEST_PER_QUERY: usize = 250;

/// The newest message of each conversation, each found through `uq_messages_conversation_seq`,
/// in batches so the list works however many conversations a person has.
async fn newest_messages<'a>(
    db: &impl ConnectionTrait,
    conversations: impl Iterator<Item = &'a conversation::Model>,
    reader: i64,
) -> Result<HashMap<i64, crate::protocol::MessageView>, AppError> {
    let wanted: Vec<(i64, i64)> = conversations
        .filter(|c| c.last_seq > 0)
        .map(|c| (c.id, c.last_seq))
        .collect();
    let mut rows = Vec::with_capacity(wanted.len());
    for batch in wanted.chunks(NEWEST_PER_QUERY) {
        let any = batch.iter().fold(Condition::any(), |any, (id, seq)| {
            any.add(
                Condition::all()
                    .add(message::Column::ConversationId.eq(*id))
                    .add(message::Column::Seq.eq(*seq)),
            )
        });
        rows.extend(
            message::Entity::find()
                .filter(any)
                .all(db)
                .await
                .map_err(internal("newest messages"))?,
        );
    }
    Ok(messages::views_for(db, rows, reader)
        .await?
        .into_iter()
        .map(|m| (m.conversation_id, m))
        .collect())
}
