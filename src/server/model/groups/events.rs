//! The lines a group's changes leave in its timeline. Each takes the next seq and change number
//! like a message, in the transaction of the change itself.

use super::super::{
    internal, message_batch::mark_own_read, messages::with_senders, now_ms, seq_blocks::take_seqs,
};
use crate::{
    error::AppError,
    protocol::{GroupEventKind, MessageView},
    server::entities::message,
};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, NotSet, Set};

/// One change to record: `actor` did `kind` (to `user`, or naming the group `name`).
pub struct Event<'a> {
    pub actor: i64,
    pub kind: GroupEventKind,
    pub user: Option<i64>,
    pub name: &'a str,
}

/// Stores the lines in order, marks them read for whoever made them, and returns them as
/// members see them.
pub async fn record(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    events: &[Event<'_>],
) -> Result<Vec<MessageView>, AppError> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let now = now_ms();
    let count = events.len() as i64;
    let (last, last_change) = take_seqs(txn, conversation_id, count, now).await?;
    let mut rows = Vec::with_capacity(events.len());
    for (offset, event) in events.iter().enumerate() {
        let seq = last - count + 1 + offset as i64;
        let row = message::ActiveModel {
            id: NotSet,
            conversation_id: Set(conversation_id),
            seq: Set(seq),
            sender_id: Set(event.actor),
            body: Set(event.name.to_owned()),
            // Unique per sender like every client id, and never a browser's (those are UUIDs).
            client_id: Set(format!("group-event:{conversation_id}:{seq}")),
            created_at: Set(now),
            deleted: Set(false),
            image_key: Set(None),
            image_width: Set(None),
            image_height: Set(None),
            thumb_width: Set(None),
            thumb_height: Set(None),
            change_seq: Set(last_change - count + 1 + offset as i64),
            edited: Set(false),
            reply_to_seq: Set(None),
            withheld_from: Set(None),
            event: Set(Some(event.kind.as_str().to_owned())),
            event_user_id: Set(event.user),
        }
        .insert(txn)
        .await
        .map_err(internal("record a group event"))?;
        mark_own_read(txn, conversation_id, event.actor, seq).await?;
        rows.push(row);
    }
    with_senders(txn, rows).await
}
