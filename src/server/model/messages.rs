use super::{conversations::Audience, internal, now_ms};
use crate::{
    error::AppError,
    protocol::{HistoryPage, ImageView, MessageView, UserView, CATCH_UP_BYTES},
    server::{
        entities::{conversation, member, message},
        model::{conversations, users},
    },
    validation::{ClientId, MessageBody},
};
use sea_orm::{
    sea_query::{
        extension::mysql::{IndexHintScope, MySqlSelectStatementExt},
        Expr,
    },
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, ExprTrait, NotSet, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select, SqlErr, Statement,
};

/// What storing a message did.
pub enum Stored {
    /// Newly stored; `audience` is who should be told.
    Fresh {
        message: MessageView,
        audience: Audience,
    },
    /// This sender had used the client id before: the message stored that first time, which
    /// everyone was already told about.
    Duplicate { message: MessageView },
}

/// What a message carries: text, or an image (already in storage) with a caption.
pub struct Content {
    pub body: MessageBody,
    pub image: Option<ImageView>,
}

/// Stores a message in the next seq of its conversation, inside the caller's transaction (a
/// batch of sends shares one commit: `send_queue`, which starts it as a writer so that reads
/// may come first here). A refused message writes nothing; a duplicate gives its seq back.
/// Duplicates are caught by the unique (sender, client id) index rather than by a lookup
/// first: they are rare, and the send path saves a query on every message.
pub async fn store(
    txn: &DatabaseTransaction,
    sender: UserView,
    conversation_id: i64,
    client_id: &ClientId,
    content: Content,
) -> Result<Stored, AppError> {
    let audience = conversations::audience_for_sender(txn, conversation_id, sender.id).await?;
    let (seq, now) = take_seq(txn, conversation_id).await?;
    // Only direct conversations can be hidden (the room is everyone's, always listed).
    let unhide = matches!(audience, Audience::Users(_));
    let row = Row {
        conversation_id,
        seq,
        now,
        client_id,
        content,
        unhide,
    };
    match insert(txn, &sender, row).await {
        Ok(row) => Ok(Stored::Fresh {
            audience,
            message: view(row, sender),
        }),
        Err(refused) => {
            give_back_seq(txn, conversation_id).await?;
            match refused {
                InsertError::Duplicate => match find_by_client_id(txn, sender.id, client_id).await?
                {
                    Some(existing) => Ok(Stored::Duplicate {
                        message: view(existing, sender),
                    }),
                    None => Err(AppError::Internal),
                },
                InsertError::Other(e) => Err(e),
            }
        }
    }
}

/// The conversation's next seq, and the time that is its last activity now.
async fn take_seq(txn: &DatabaseTransaction, conversation_id: i64) -> Result<(i64, i64), AppError> {
    let now = now_ms();
    conversation::Entity::update_many()
        .col_expr(
            conversation::Column::LastSeq,
            Expr::col(conversation::Column::LastSeq).add(1),
        )
        .col_expr(conversation::Column::LastActivityAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation_id))
        .exec(txn)
        .await
        .map_err(internal("bump seq"))?;
    let conv = conversation::Entity::find_by_id(conversation_id)
        .one(txn)
        .await
        .map_err(internal("read seq"))?
        .ok_or(AppError::NotFound)?;
    Ok((conv.last_seq, now))
}

/// Undoes `take_seq` for a message that was not stored. Nobody else can have taken a seq
/// meanwhile (the transaction holds the row); the last activity goes back to the newest
/// message's time, so a resend does not lift the conversation to the top of anyone's list.
async fn give_back_seq(txn: &DatabaseTransaction, conversation_id: i64) -> Result<(), AppError> {
    // The activity first: MySQL's later assignments see the earlier ones' new values.
    let sql = "UPDATE conversations SET last_activity_at = COALESCE(\
        (SELECT created_at FROM messages WHERE conversation_id = ? AND seq = last_seq - 1), \
        last_activity_at), last_seq = last_seq - 1 WHERE id = ?";
    let backend = txn.get_database_backend();
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [conversation_id.into(), conversation_id.into()],
    ))
    .await
    .map_err(internal("give back seq"))?;
    Ok(())
}

enum InsertError {
    Duplicate,
    Other(AppError),
}

/// A message about to be inserted at the seq it took.
struct Row<'a> {
    conversation_id: i64,
    seq: i64,
    now: i64,
    client_id: &'a ClientId,
    content: Content,
    /// Whether the conversation may be hidden from a member's list (and comes back now).
    unhide: bool,
}

/// Inserts the message, marks it read for its sender and brings a hidden direct conversation
/// back into its members' lists.
async fn insert(
    txn: &DatabaseTransaction,
    sender: &UserView,
    row: Row<'_>,
) -> Result<message::Model, InsertError> {
    let fail = |ctx| move |e| InsertError::Other(internal(ctx)(e));
    let Row {
        conversation_id,
        seq,
        now,
        client_id,
        content,
        unhide,
    } = row;
    let image = content.image;
    let size = |value: Option<u32>| value.map(|v| v as i32);
    let mut row = message::Model {
        id: 0,
        conversation_id,
        seq,
        sender_id: sender.id,
        body: content.body.into_string(),
        client_id: client_id.as_str().to_owned(),
        created_at: now,
        deleted: false,
        image_width: size(image.as_ref().map(|i| i.width)),
        image_height: size(image.as_ref().map(|i| i.height)),
        thumb_width: size(image.as_ref().map(|i| i.thumb_width)),
        thumb_height: size(image.as_ref().map(|i| i.thumb_height)),
        image_key: image.map(|i| i.key),
    };
    let mut insert: message::ActiveModel = row.clone().into();
    insert.id = NotSet;
    // Not `ActiveModel::insert`: on MySQL that reads the row back, a round trip for what is
    // known already.
    row.id = match message::Entity::insert(insert).exec(txn).await {
        Ok(done) => done.last_insert_id,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(InsertError::Duplicate)
        }
        Err(e) => return Err(fail("insert message")(e)),
    };
    member::Entity::update_many()
        .col_expr(member::Column::LastReadSeq, Expr::value(row.seq))
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(sender.id))
        .exec(txn)
        .await
        .map_err(fail("read own message"))?;
    if unhide {
        member::Entity::update_many()
            .col_expr(member::Column::Hidden, Expr::value(false))
            .filter(member::Column::ConversationId.eq(conversation_id))
            .filter(member::Column::Hidden.eq(true))
            .exec(txn)
            .await
            .map_err(fail("unhide conversation"))?;
    }
    Ok(row)
}

async fn find_by_client_id(
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

/// Up to `limit` messages before `before_seq` (or the newest), in ascending order.
pub async fn page_before(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    before_seq: Option<i64>,
    limit: u64,
) -> Result<HistoryPage, AppError> {
    // One extra row tells whether an older page exists.
    let mut rows = history_query(conversation_id, before_seq, limit + 1)
        .all(db)
        .await
        .map_err(internal("history page"))?;
    let has_older = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok(HistoryPage {
        conversation_id,
        messages: with_senders(db, rows).await?,
        has_older,
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

/// Up to `limit` messages after `after_seq`, in ascending order; `true` when that was all.
pub async fn after(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    after_seq: i64,
    limit: u64,
) -> Result<(Vec<MessageView>, bool), AppError> {
    let query = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conversation_id))
        .filter(message::Column::Seq.gt(after_seq))
        .order_by_asc(message::Column::Seq)
        .limit(limit);
    let rows = seq_range_scan(query)
        .all(db)
        .await
        .map_err(internal("catch up"))?;
    let complete = (rows.len() as u64) < limit;
    let mut messages = with_senders(db, rows).await?;
    let fitting = count_fitting(&messages, CATCH_UP_BYTES);
    if fitting < messages.len() {
        messages.truncate(fitting);
        return Ok((messages, false));
    }
    Ok((messages, complete))
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

/// One query for the senders of a whole page.
pub(crate) async fn with_senders(
    db: &impl ConnectionTrait,
    rows: Vec<message::Model>,
) -> Result<Vec<MessageView>, AppError> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.sender_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let senders = users::views_by_id(db, ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let sender = senders
                .get(&row.sender_id)
                .cloned()
                .unwrap_or_else(|| UserView {
                    id: row.sender_id,
                    username: String::new(),
                    picture: None,
                });
            view(row, sender)
        })
        .collect())
}

pub(crate) fn view(row: message::Model, sender: UserView) -> MessageView {
    MessageView {
        id: row.id,
        conversation_id: row.conversation_id,
        seq: row.seq,
        sender,
        image: if row.deleted { None } else { image_of(&row) },
        body: if row.deleted { String::new() } else { row.body },
        sent_at_ms: row.created_at,
        deleted: row.deleted,
    }
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
