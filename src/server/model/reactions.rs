//! Reactions: one per person per emoji per message, toggled. A reaction is a change of the
//! conversation like any other, so members who were away see it by catch-up.

use super::{
    internal,
    message_change::{refuse_if_deleted, refuse_if_deleted_since, Changed, Target},
    now_ms,
};
use crate::{
    error::{AppError, Field},
    server::entities::{message, reaction},
    validation::ReactionEmoji,
};
use sea_orm::{
    sea_query::Expr, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Different emoji one message can carry: enough for any conversation, few enough that a
/// message's reactions stay a line, not a page.
pub const MOST_EMOJI_PER_MESSAGE: u64 = 20;

/// Each message's reactions: emoji in the order of their first use, each with its people in
/// the order they reacted. One query for the whole page.
pub async fn of_messages(
    db: &impl ConnectionTrait,
    rows: &[message::Model],
) -> Result<HashMap<i64, Vec<(String, Vec<i64>)>>, AppError> {
    let ids: Vec<i64> = rows.iter().filter(|r| !r.deleted).map(|r| r.id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found: Vec<(i64, i64, String)> = reaction::Entity::find()
        .select_only()
        .column(reaction::Column::MessageId)
        .column(reaction::Column::UserId)
        .column(reaction::Column::Emoji)
        .filter(reaction::Column::MessageId.is_in(ids))
        .order_by_asc(reaction::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .map_err(internal("read reactions"))?;
    let mut by_message: HashMap<i64, Vec<(String, Vec<i64>)>> = HashMap::new();
    for (message_id, user_id, emoji) in found {
        let emojis = by_message.entry(message_id).or_default();
        match emojis.iter_mut().find(|(e, _)| *e == emoji) {
            Some((_, users)) => users.push(user_id),
            None => emojis.push((emoji, vec![user_id])),
        }
    }
    Ok(by_message)
}

/// Adds the user's reaction to message `seq`, or takes it back if they had already reacted with
/// that emoji. Any member may react to any message that is not deleted.
pub async fn toggle(
    db: &DatabaseConnection,
    conversation_id: i64,
    seq: i64,
    user_id: i64,
    raw_emoji: &str,
) -> Result<Changed, AppError> {
    let emoji = ReactionEmoji::parse(raw_emoji)?;
    let target = Target::open(db, conversation_id, seq, user_id).await?;
    refuse_if_deleted(&target.row)?;
    let message_id = target.row.id;
    let taken_back = reaction::Entity::delete_many()
        .filter(reaction::Column::MessageId.eq(message_id))
        .filter(reaction::Column::UserId.eq(user_id))
        .filter(reaction::Column::Emoji.eq(emoji.as_str()))
        .exec(&target.txn)
        .await
        .map_err(internal("take back a reaction"))?
        .rows_affected
        > 0;
    if !taken_back {
        refuse_one_emoji_too_many(&target, emoji.as_str()).await?;
        reaction::Entity::insert(reaction::ActiveModel {
            message_id: Set(message_id),
            user_id: Set(user_id),
            emoji: Set(emoji.as_str().to_owned()),
            created_at: Set(now_ms()),
            ..Default::default()
        })
        .exec(&target.txn)
        .await
        .map_err(internal("add a reaction"))?;
    }
    let change = target.take_change().await?;
    let updated = message::Entity::update_many()
        .col_expr(message::Column::ChangeSeq, Expr::value(change))
        .filter(message::Column::Id.eq(message_id))
        .filter(message::Column::Deleted.eq(false))
        .exec(&target.txn)
        .await
        .map_err(internal("note a reaction"))?;
    refuse_if_deleted_since(updated.rows_affected)?;
    target.commit().await
}

async fn refuse_one_emoji_too_many(target: &Target, emoji: &str) -> Result<(), AppError> {
    let emojis: Vec<String> = reaction::Entity::find()
        .select_only()
        .column(reaction::Column::Emoji)
        .distinct()
        .filter(reaction::Column::MessageId.eq(target.row.id))
        .into_tuple()
        .all(&target.txn)
        .await
        .map_err(internal("count a message's emoji"))?;
    let new_emoji = !emojis.iter().any(|e| e == emoji);
    if new_emoji && emojis.len() as u64 >= MOST_EMOJI_PER_MESSAGE {
        return Err(AppError::invalid(
            Field::Reaction,
            format!("A message can carry at most {MOST_EMOJI_PER_MESSAGE} different reactions."),
        ));
    }
    Ok(())
}
