//! Stores a batch of new messages in the caller's transaction (the group commit of
//! `send_queue`) in few statements. For each conversation in the batch: one query for who may
//! write and who will be told, one statement that takes a block of seqs and one that reads it;
//! then one insert per message and one read mark per sender. On MariaDB every statement is a
//! round trip, and the batch's writer makes them one after the other.

use super::{
    conversations::{self, Delivery},
    internal,
    messages::{find_by_client_id, view, with_senders, Content, Stored},
    now_ms, replies,
    seq_blocks::{give_back_seqs, hold_conversation, take_seqs},
};
use crate::{
    error::AppError,
    protocol::UserView,
    server::entities::{member, message},
    validation::ClientId,
};
use sea_orm::{
    sea_query::Expr, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, QueryFilter, SqlErr,
};
use std::collections::BTreeMap;

/// One message to store.
pub struct NewMessage {
    pub sender: UserView,
    pub conversation_id: i64,
    pub client_id: ClientId,
    pub content: Content,
}

/// Each message's own outcome, in the batch's order; within a conversation the stored ones
/// take consecutive seqs in that order. A refused message writes nothing and a duplicate (a
/// client id its sender used before) takes no seq. `Err` when the transaction itself failed:
/// then nothing of the batch may be committed.
pub async fn store_batch(
    txn: &DatabaseTransaction,
    batch: Vec<NewMessage>,
) -> Result<StoredBatch, AppError> {
    let mut outcomes: Vec<Option<Result<Stored, AppError>>> = batch.iter().map(|_| None).collect();
    let mut listed_again = Vec::new();
    let mut by_conversation: BTreeMap<i64, Vec<(usize, NewMessage)>> = BTreeMap::new();
    for (index, message) in batch.into_iter().enumerate() {
        by_conversation
            .entry(message.conversation_id)
            .or_default()
            .push((index, message));
    }
    for (conversation_id, messages) in by_conversation {
        if let Some(listed) =
            store_in_conversation(txn, conversation_id, messages, &mut outcomes).await?
        {
            listed_again.push(listed);
        }
    }
    let outcomes = outcomes
        .into_iter()
        .map(|outcome| outcome.unwrap_or(Err(AppError::Internal)))
        .collect();
    Ok(StoredBatch {
        outcomes,
        listed_again,
    })
}

/// What a batch did: each message's outcome, in the batch's order, and the conversations its
/// messages brought back into some member's list.
pub struct StoredBatch {
    pub outcomes: Vec<Result<Stored, AppError>>,
    pub listed_again: Vec<ListedAgain>,
}

/// A conversation back in the lists of `members` (out of them until this batch), among
/// `everyone` in it.
pub struct ListedAgain {
    pub members: Vec<i64>,
    pub everyone: Vec<i64>,
}

async fn store_in_conversation(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    messages: Vec<(usize, NewMessage)>,
    outcomes: &mut [Option<Result<Stored, AppError>>],
) -> Result<Option<ListedAgain>, AppError> {
    let senders: Vec<i64> = messages.iter().map(|(_, m)| m.sender.id).collect();
    hold_conversation(txn, conversation_id).await?;
    let writers = conversations::writers(txn, conversation_id, &senders).await?;
    let mut allowed = Vec::with_capacity(messages.len());
    for (index, message) in messages {
        let checked = match (
            writers.check(message.sender.id),
            message.content.reply_to_seq,
        ) {
            (Ok(delivery), Some(seq)) => {
                let sender = message.sender.id;
                replies::require_original(
                    txn,
                    conversation_id,
                    seq,
                    sender,
                    writers.floor_of(sender),
                )
                .await
                .map(|()| Delivery {
                    quote_hidden_from: writers.joined_after(Some(seq)),
                    ..delivery
                })
            }
            (checked, _) => checked,
        };
        match checked {
            Ok(delivery) => allowed.push((index, message, delivery)),
            Err(refused) => outcomes[index] = Some(Err(refused)),
        }
    }
    if allowed.is_empty() {
        return Ok(None);
    }
    let now = now_ms();
    let taken = allowed.len() as i64;
    let (last, last_change) = take_seqs(txn, conversation_id, taken, now).await?;
    let mut next_seq = last - taken + 1;
    // Seqs and change numbers are taken in blocks of the same size: each message's change
    // number is its seq plus this.
    let change_offset = last_change - last;
    let mut read_up_to: BTreeMap<i64, i64> = BTreeMap::new();
    // Whether any stored message reaches everyone (one withheld from a blocker does not bring
    // the conversation back into their list).
    let mut delivered = false;
    for (index, message, delivery) in allowed {
        let NewMessage {
            sender,
            client_id,
            content,
            ..
        } = message;
        let outcome = match insert(
            txn,
            conversation_id,
            &sender,
            &client_id,
            content,
            Slot {
                seq: next_seq,
                change_seq: next_seq + change_offset,
                created_at: now,
                withheld_from: delivery.withheld_from,
            },
        )
        .await
        {
            Ok(row) => {
                next_seq += 1;
                read_up_to.insert(sender.id, row.seq);
                match delivery.withheld_from {
                    // Never to be seen, so never unread for the blocker either.
                    Some(blocker) => {
                        read_up_to.insert(blocker, row.seq);
                    }
                    None => delivered = true,
                }
                // A reply also shows what it answers: read with the rest of its view.
                let message = match row.reply_to_seq {
                    Some(_) => with_senders(txn, vec![row])
                        .await?
                        .pop()
                        .ok_or(AppError::Internal)?,
                    None => view(row, sender),
                };
                Ok(Stored::Fresh { message, delivery })
            }
            Err(InsertError::Duplicate) => {
                match find_by_client_id(txn, sender.id, &client_id).await? {
                    // As it is now, reactions and edits included: the sender's tab may
                    // already hold a later state than the first send.
                    Some(existing) => with_senders(txn, vec![existing])
                        .await?
                        .pop()
                        .map(|message| Stored::Duplicate { message })
                        .ok_or(AppError::Internal),
                    None => Err(AppError::Internal),
                }
            }
            Err(InsertError::Other(e)) => Err(e),
        };
        outcomes[index] = Some(outcome);
    }
    let unused = last - next_seq + 1;
    if unused > 0 {
        give_back_seqs(txn, conversation_id, unused).await?;
    }
    for (sender_id, seq) in &read_up_to {
        mark_own_read(txn, conversation_id, *sender_id, *seq).await?;
    }
    if !delivered || !writers.can_be_hidden() || writers.unlisted().is_empty() {
        return Ok(None);
    }
    unhide(txn, conversation_id).await?;
    Ok(Some(ListedAgain {
        members: writers.unlisted().to_vec(),
        everyone: writers.members().to_vec(),
    }))
}

/// Where a new message goes and who it is withheld from.
struct Slot {
    seq: i64,
    change_seq: i64,
    created_at: i64,
    withheld_from: Option<i64>,
}

enum InsertError {
    Duplicate,
    Other(AppError),
}

async fn insert(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    sender: &UserView,
    client_id: &ClientId,
    content: Content,
    Slot {
        seq,
        change_seq,
        created_at,
        withheld_from,
    }: Slot,
) -> Result<message::Model, InsertError> {
    let (image, reply_to_seq) = (content.image, content.reply_to_seq);
    let size = |value: Option<u32>| value.map(|v| v as i32);
    let mut row = message::Model {
        id: 0,
        conversation_id,
        seq,
        sender_id: sender.id,
        body: content.body.into_string(),
        client_id: client_id.as_str().to_owned(),
        created_at,
        deleted: false,
        image_width: size(image.as_ref().map(|i| i.width)),
        image_height: size(image.as_ref().map(|i| i.height)),
        thumb_width: size(image.as_ref().map(|i| i.thumb_width)),
        thumb_height: size(image.as_ref().map(|i| i.thumb_height)),
        image_key: image.map(|i| i.key),
        change_seq,
        edited: false,
        reply_to_seq,
        withheld_from,
        event: None,
        event_user_id: None,
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
        Err(e) => return Err(InsertError::Other(internal("insert message")(e))),
    };
    Ok(row)
}

/// A sender has read what they wrote.
pub(super) async fn mark_own_read(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    sender_id: i64,
    seq: i64,
) -> Result<(), AppError> {
    member::Entity::update_many()
        .col_expr(member::Column::LastReadSeq, Expr::value(seq))
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::UserId.eq(sender_id))
        .exec(txn)
        .await
        .map_err(internal("read own message"))?;
    Ok(())
}

/// A new message brings a hidden direct conversation back into its members' lists.
async fn unhide(txn: &DatabaseTransaction, conversation_id: i64) -> Result<(), AppError> {
    member::Entity::update_many()
        .col_expr(member::Column::Hidden, Expr::value(false))
        .filter(member::Column::ConversationId.eq(conversation_id))
        .filter(member::Column::Hidden.eq(true))
        .exec(txn)
        .await
        .map_err(internal("unhide conversation"))?;
    Ok(())
}
