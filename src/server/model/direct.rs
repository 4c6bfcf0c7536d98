//! Direct conversations: exactly one per pair of users, created the first time either of them
//! opens it, and hidden from (then brought back to) each member's list. The other person's
//! list shows it from its first message: opening a conversation with someone, as looking them
//! up and tapping "Message" does, tells them nothing.

use super::{blocks, conversations, internal, now_ms, users};
use crate::{
    error::AppError,
    server::entities::{
        conversation::{self, direct_key},
        member,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr, TransactionTrait,
};

/// A direct conversation just opened.
pub struct Opened {
    pub id: i64,
    /// It was out of the opener's list (hidden by them) until now: the other person may see
    /// the opener's presence again.
    pub listed_again: bool,
}

/// The direct conversation between `me` and `other`, creating it on first use, and back in
/// `me`'s list if they had hidden it.
pub async fn open(db: &DatabaseConnection, me: i64, other: i64) -> Result<Opened, AppError> {
    if me == other {
        return Err(AppError::bad_request(
            "a direct conversation needs another person",
        ));
    }
    if users::find_by_id(db, other).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let key = direct_key(me, other);
    let id = match find_by_key(db, &key).await? {
        Some(id) => id,
        // Someone who blocked `me` cannot be reached by a new conversation; `me` is told the
        // same as for a person who does not exist, so the block is not revealed.
        None if blocks::has_blocked(db, other, me).await? => return Err(AppError::NotFound),
        None => match create(db, &key, me, other).await? {
            Some(id) => id,
            // The other person opened it at the same moment and their insert won the index.
            None => find_by_key(db, &key).await?.ok_or(AppError::Internal)?,
        },
    };
    let listed_again = set_hidden(db, id, me, false).await?;
    Ok(Opened { id, listed_again })
}

async fn find_by_key(db: &impl ConnectionTrait, key: &str) -> Result<Option<i64>, AppError> {
    let found = conversation::Entity::find()
        .filter(conversation::Column::DirectKey.eq(key))
        .one(db)
        .await
        .map_err(internal("find direct conversation"))?;
    Ok(found.map(|c| c.id))
}

/// Inserts the conversation and both memberships, the other person's hidden until a message
/// brings it into their list (`message_batch`); `None` when the pair already has one.
async fn create(
    db: &DatabaseConnection,
    key: &str,
    me: i64,
    other: i64,
) -> Result<Option<i64>, AppError> {
    let now = now_ms();
    let txn = db.begin().await.map_err(internal("begin direct"))?;
    let inserted = conversation::ActiveModel {
        kind: Set(conversation::KIND_DIRECT.to_owned()),
        last_seq: Set(0),
        created_at: Set(now),
        direct_key: Set(Some(key.to_owned())),
        last_activity_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let conversation = match inserted {
        Ok(conversation) => conversation,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(None)
        }
        Err(e) => return Err(internal("insert direct")(e)),
    };
    let rows = [me, other].map(|user_id| member::ActiveModel {
        conversation_id: Set(conversation.id),
        user_id: Set(user_id),
        last_read_seq: Set(0),
        joined_at: Set(now),
        hidden: Set(user_id == other),
        muted: Set(false),
        admin: Set(false),
        visible_from_seq: Set(0),
    });
    member::Entity::insert_many(rows)
        .exec(&txn)
        .await
        .map_err(internal("insert direct members"))?;
    txn.commit().await.map_err(internal("commit direct"))?;
    Ok(Some(conversation.id))
}

/// Takes a direct conversation out of the user's list until its next message ("leave").
/// Returns the other members if it was in the list until now: they may no longer see the
/// user's presence.
pub async fn hide(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    me: i64,
) -> Result<Vec<i64>, AppError> {
    let (conversation, _) = conversations::find_for_member(db, conversation_id, me).await?;
    if conversation.kind == conversation::KIND_GLOBAL {
        return Err(AppError::bad_request(
            "the room everyone is in cannot be left",
        ));
    }
    // Hidden, a group would look left while its messages still came: leaving one is
    // `group/leave`, which tells the others.
    if conversation.kind == conversation::KIND_GROUP {
        return Err(AppError::bad_request(
            "a group is left from its info page, not hidden",
        ));
    }
    if !set_hidden(db, conversation_id, me, true).await? {
        return Ok(Vec::new());
    }
    let mut others = conversations::member_ids(db, conversation_id).await?;
    others.retain(|m| *m != me);
    Ok(others)
}

/// Whether it changed anything.
async fn set_hidden(
    db: &impl ConnectionTrait,
    conversation_id: i64,
    user_id: i64,
    hidden: bool,
) -> Result<bool, AppError> {
    let done = member::Entity::update_many()
        .col_expr(member::Column::Hidden, hidden.into())
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(user_id))
        .filter(member::Column::Hidden.ne(hidden))
        .exec(db)
        .await
        .map_err(internal("hide conversation"))?;
    Ok(done.rows_affected > 0)
}
