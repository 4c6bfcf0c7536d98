//! The shape every change to a message already sent shares (deleting, editing, reacting): one
//! writer transaction that checks the member may see the message, takes the conversation's next
//! change number (`changes`), writes, and commits; then the message as it is now goes to the
//! members.

use super::{
    changes,
    conversations::{self, Delivery},
    internal, messages,
};
use crate::{
    error::{AppError, Field},
    protocol::MessageView,
    server::entities::{conversation, message},
};
use sea_orm::{DatabaseConnection, DatabaseTransaction};

/// A message after a change, and who is told.
pub struct Changed {
    pub message: MessageView,
    pub delivery: Delivery,
}

/// Message `seq` of a conversation, opened for a change by one of its members.
pub struct Target {
    pub txn: DatabaseTransaction,
    pub conversation: conversation::Model,
    pub row: message::Model,
}

impl Target {
    /// Outsiders get `NotFound`, as for a message that does not exist.
    pub async fn open(
        db: &DatabaseConnection,
        conversation_id: i64,
        seq: i64,
        user_id: i64,
    ) -> Result<Self, AppError> {
        let txn = changes::begin_writer(db).await?;
        let (conversation, member) =
            conversations::find_for_member(&txn, conversation_id, user_id).await?;
        // A message withheld from this member, or from before they joined the group, is not
        // theirs to see, so not to change either. A group's event lines are nobody's to change.
        let row = messages::find_by_seq(&txn, conversation_id, seq)
            .await?
            .filter(|row| row.withheld_from != Some(user_id))
            .filter(|row| row.seq > member.visible_from_seq)
            .filter(|row| row.event.is_none())
            .ok_or(AppError::NotFound)?;
        Ok(Self {
            txn,
            conversation,
            row,
        })
    }

    /// The change number for what the caller is about to write.
    pub async fn take_change(&self) -> Result<i64, AppError> {
        changes::take_change(&self.txn, self.conversation.id).await
    }

    /// Commits, and returns the message as it is now with who to tell.
    pub async fn commit(self) -> Result<Changed, AppError> {
        let message = messages::current(&self.txn, self.row.id).await?;
        let delivery =
            conversations::delivery_of_change(&self.txn, &self.conversation, &self.row).await?;
        self.txn
            .commit()
            .await
            .map_err(internal("commit a change"))?;
        Ok(Changed { message, delivery })
    }
}

/// A deleted message can be neither edited nor reacted to.
pub fn refuse_if_deleted(row: &message::Model) -> Result<(), AppError> {
    refuse_if_deleted_since(u64::from(!row.deleted))
}

/// After a guarded update (`deleted = false`) of the message: none updated means a deletion
/// committed while this change waited for its turn.
pub fn refuse_if_deleted_since(rows_updated: u64) -> Result<(), AppError> {
    if rows_updated == 0 {
        return Err(AppError::invalid(
            Field::Message,
            "This message was deleted.",
        ));
    }
    Ok(())
}
