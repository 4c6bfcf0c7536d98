use super::{
    changes,
    conversations::{self, Delivery},
    internal, reactions, replies,
};
use crate::{
    error::AppError,
    protocol::{
        GroupEvent, GroupEventKind, HistoryPage, ImageView, MessageView, ReactionView, UserView,
        CATCH_UP_BYTES,
    },
    server::{entities::message, model::users},
    validation::{ClientId, MessageBody},
};
use sea_orm::{
    sea_query::extension::mysql::{IndexHintScope, MySqlSelectStatementExt},
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
};
use std::collections::{HashMap, HashSet};

/// What storing a message did.
pub enum Stored {
    /// Newly stored; `delivery` is who should be told.
    Fresh {
        message: MessageView,
        delivery: Delivery,
    },
    /// This sender had used the client id before: the message stored that first time, which
    /// everyone was already told about.
    Duplicate { message: MessageView },
}

/// What a message carries: text, or an image (already in storage) with a caption; and the
/// seq of the message it answers, if it is a reply.
pub struct Content {
    pub body: MessageBody,
    pub image: Option<ImageView>,
    pub reply_to_seq: Option<i64>,
}

pub(super) async fn find_by_client_id(
    db: &impl ConnectionTrait,
    sender_id: i64,
    client_id: &ClientId,
) -> Result<Option<message::Model>, AppError> {
    message::Entity::find()
        .filter(message::Column::SenderId.eq(sender_id))
        .filter(message::Column::ClientId.eq(client_id.as_str()))
        .one(db)
        .await
        .map_err(internal("find by client id"))
}

/// Message `seq` of the conversation, if there is one.
pub async fn find_by_seq(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    seq: i64,
) -> Result<Option<message::Model>, AppError> {
    message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::Seq.eq(seq))
        .one(db)
        .await
        .map_err(internal("find message by seq"))
}

/// Up to `limit` messages before `before_seq` (or the newest), in ascending order, as
/// `reader` sees them.
pub async fn page_before(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    before_seq: Option<i64>,
    limit: u64,
    reader: i64,
) -> Result<HistoryPage, AppError> {
    // Before the messages: a change made in between is then after `last_change` and comes
    // again by catch-up, rather than counted as held and never seen.
    let last_change = changes::last_change(db, conversation_id).await?;
    let floor = conversations::visible_from(db, conversation_id, reader).await?;
    // One extra row tells whether an older page exists.
    let mut rows = history_query(conversation_id, before_seq, limit + 1)
        .filter(message::Column::Seq.gt(floor))
        .all(db)
        .await
        .map_err(internal("history page"))?;
    let has_older = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok(HistoryPage {
        conversation_id,
        messages: hide_quotes_up_to(views_for(db, rows, reader).await?, floor),
        has_older,
        last_change,
    })
}

/// Newest first from `before_seq` (exclusive): a range scan of `uq_messages_conversation_seq`.
pub fn history_query(
    conversation_id: i64,
    before_seq: Option<i64>,
    limit: u64,
) -> Select<message::Entity> {
    let mut query =
        message::Entity::find().filter(message::Column::ConversationId.eq(conversation_id));
    if let Some(before) = before_seq {
        query = query.filter(message::Column::Seq.lt(before));
    }
    seq_range_scan(query.order_by_desc(message::Column::Seq).limit(limit))
}

/// Makes MySQL read a seq range through `uq_messages_conversation_seq`. Without the hint
/// MariaDB picks `ref` on conversation_id alone and walks through every newer message to
/// reach a history page (measured: 1,052 rows read for one 51-row page 1,000 messages deep).
/// SQLite ignores the hint and uses the range anyway.
fn seq_range_scan(mut query: Select<message::Entity>) -> Select<message::Entity> {
    QueryTrait::query(&mut query).force_index(
        sea_orm::sea_query::Alias::new("uq_messages_conversation_seq"),
        IndexHintScope::All,
    );
    query
}

/// Up to `limit` messages whose latest change is after `after_change`, in change order, each
/// as it is now and as `reader` sees it; `true` when that was all.
pub async fn changed_after(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    after_change: i64,
    limit: u64,
    reader: i64,
) -> Result<(Vec<MessageView>, bool), AppError> {
    let floor = conversations::visible_from(db, conversation_id, reader).await?;
    let mut query = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::ChangeSeq.gt(after_change))
        .filter(message::Column::Seq.gt(floor))
        .order_by_asc(message::Column::ChangeSeq)
        .limit(limit);
    // As for history pages: MariaDB would otherwise walk the conversation through its
    // conversation_id prefix.
    QueryTrait::query(&mut query).force_index(
        sea_orm::sea_query::Alias::new("uq_messages_conversation_change"),
        IndexHintScope::All,
    );
    let rows = query.all(db).await.map_err(internal("catch up"))?;
    let complete = (rows.len() as u64) < limit;
    let mut messages = hide_quotes_up_to(views_for(db, rows, reader).await?, floor);
    let fitting = count_fitting(&messages, CATCH_UP_BYTES);
    if fitting < messages.len() {
        messages.truncate(fitting);
        return Ok((messages, false));
    }
    Ok((messages, complete))
}

/// One message as it is now (after a change to it).
pub async fn current(db: &impl ConnectionTrait, id: i64) -> Result<MessageView, AppError> {
    let row = message::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(internal("read a changed message"))?
        .ok_or(AppError::NotFound)?;
    let mut views = with_senders(db, vec![row]).await?;
    views.pop().ok_or(AppError::NotFound)
}

/// How many of `messages`, from the first, fit in `budget` bytes of JSON (at least one).
fn count_fitting(messages: &[MessageView], budget: usize) -> usize {
    let mut used = 0;
    for (taken, message) in messages.iter().enumerate() {
        used += serde_json::to_string(message).map_or(budget, |json| json.len() + 1);
        if used > budget {
            return taken.max(1);
        }
    }
    messages.len()
}

/// Views of `rows` as `reader` sees them, in the same order: one withheld from them (they
/// blocked its sender) is a bare placeholder, and their own carry the client id they were
/// sent with.
pub(crate) async fn views_for(
    db: &impl ConnectionTrait,
    rows: Vec<message::Model>,
    reader: i64,
) -> Result<Vec<MessageView>, AppError> {
    let withheld: HashSet<i64> = rows
        .iter()
        .filter(|row| row.withheld_from == Some(reader))
        .map(|row| row.id)
        .collect();
    let mut own_client_ids: HashMap<i64, String> = rows
        .iter()
        .filter(|row| row.sender_id == reader)
        .map(|row| (row.id, row.client_id.clone()))
        .collect();
    let views = with_senders(db, rows).await?;
    Ok(views
        .into_iter()
        .map(|m| {
            if withheld.contains(&m.id) {
                placeholder(m)
            } else {
                let client_id = own_client_ids.remove(&m.id);
                MessageView { client_id, ..m }
            }
        })
        .collect())
}

/// Replies quoting a message at or before `floor` lose the quote: the reader joined the group
/// after it and must not see it.
pub(crate) fn hide_quotes_up_to(mut views: Vec<MessageView>, floor: i64) -> Vec<MessageView> {
    if floor > 0 {
        for view in &mut views {
            view.reply_to = view.reply_to.take().filter(|quote| quote.seq > floor);
        }
    }
    views
}

/// What a reader who blocked its sender gets of a message: its place in the conversation and
/// nothing of its content.
pub(crate) fn placeholder(message: MessageView) -> MessageView {
    MessageView {
        sender: UserView {
            id: message.sender.id,
            username: String::new(),
            picture: None,
        },
        body: String::new(),
        image: None,
        edited: false,
        reactions: Vec::new(),
        reply_to: None,
        withheld: true,
        event: None,
        client_id: None,
        ..message
    }
}

/// Views of a whole page in four queries at most: the rows (given), their reactions, the
/// messages they reply to, and the people who sent, reacted or wrote those.
pub(crate) async fn with_senders(
    db: &impl ConnectionTrait,
    rows: Vec<message::Model>,
) -> Result<Vec<MessageView>, AppError> {
    let mut reactions = reactions::of_messages(db, &rows).await?;
    let originals = replies::originals(db, &rows).await?;
    let mut ids: Vec<i64> = rows.iter().map(|r| r.sender_id).collect();
    ids.extend(reactions.values().flatten().flat_map(|(_, users)| users));
    ids.extend(originals.values().map(|original| original.sender_id));
    ids.extend(rows.iter().filter_map(|row| row.event_user_id));
    ids.sort_unstable();
    ids.dedup();
    let people = users::views_by_id(db, ids).await?;
    let person = |id: i64| {
        people.get(&id).cloned().unwrap_or_else(|| UserView {
            id,
            username: String::new(),
            picture: None,
        })
    };
    Ok(rows
        .into_iter()
        .map(|row| {
            let sender = person(row.sender_id);
            let reactions = reactions
                .remove(&row.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(emoji, users)| ReactionView {
                    emoji,
                    users: users.into_iter().map(person).collect(),
                })
                .collect();
            let reply_to = row
                .reply_to_seq
                .filter(|_| !row.deleted)
                .and_then(|seq| originals.get(&(row.conversation_id, seq)))
                .map(|original| Box::new(replies::snippet(original, person(original.sender_id))));
            let event = event_of(&row, row.event_user_id.map(person));
            MessageView {
                reactions,
                reply_to,
                event,
                ..view(row, sender)
            }
        })
        .collect())
}

/// The message as members see it, without its reactions and quote (`with_senders` adds them).
pub(crate) fn view(row: message::Model, sender: UserView) -> MessageView {
    let event = event_of(&row, None);
    MessageView {
        id: row.id,
        conversation_id: row.conversation_id,
        seq: row.seq,
        sender,
        image: if row.deleted { None } else { image_of(&row) },
        body: if row.deleted { String::new() } else { row.body },
        sent_at_ms: row.created_at,
        deleted: row.deleted,
        change: row.change_seq,
        edited: row.edited && !row.deleted,
        reactions: Vec::new(),
        reply_to: None,
        withheld: false,
        event,
        client_id: None,
    }
}

/// The group event a row records, if any; `user` is the member it concerns, when known.
pub(crate) fn event_of(row: &message::Model, user: Option<UserView>) -> Option<Box<GroupEvent>> {
    let kind = GroupEventKind::parse(row.event.as_deref()?)?;
    Some(Box::new(GroupEvent { kind, user }))
}

fn image_of(row: &message::Model) -> Option<ImageView> {
    let size = |value: Option<i32>| u32::try_from(value.unwrap_or(0)).unwrap_or(0);
    Some(ImageView {
        key: row.image_key.clone()?,
        width: size(row.image_width),
        height: size(row.image_height),
        thumb_width: size(row.thumb_width),
        thumb_height: size(row.thumb_height),
    })
}

/// The message an image belongs to, found through `uq_messages_image_key`.
pub async fn find_by_image_key(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<message::Model>, AppError> {
    message::Entity::find()
        .filter(message::Column::ImageKey.eq(key))
        .one(db)
        .await
        .map_err(internal("find message by image"))
}

/// The image keys of everything `sender_id` sent, for deleting their files.
pub async fn image_keys_of_sender(
    db: &impl ConnectionTrait,
    sender_id: i64,
) -> Result<Vec<String>, AppError> {
    let keys: Vec<Option<String>> = message::Entity::find()
        .select_only()
        .column(message::Column::ImageKey)
        .filter(message::Column::SenderId.eq(sender_id))
        .filter(message::Column::ImageKey.is_not_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("list a sender's images"))?;
    Ok(keys.into_iter().flatten().collect())
}
