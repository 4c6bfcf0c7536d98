//! A conversation's counters: the seqs and change numbers it hands out in blocks, and the
//! lock on its row that keeps a batch's reads and its block in step.

use super::internal;
use crate::{error::AppError, server::entities::conversation};
use sea_orm::{
    sea_query::Expr, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    ExprTrait, QueryFilter, QuerySelect, Statement,
};

/// Holds the conversation's row until the commit, before reading who may write and who is
/// told. A membership change holds the same row until its own commit (its event line takes
/// seqs from it), so the members read next are those of the moment these messages take their
/// place: a member removed before it is not told of a message placed after their removal.
/// On SQLite the batch's transaction already holds the whole file (`changes::begin_writer`).
pub(super) async fn hold_conversation(
    txn: &DatabaseTransaction,
    conversation_id: i64,
) -> Result<(), AppError> {
    if txn.get_database_backend() != DbBackend::MySql {
        return Ok(());
    }
    conversation::Entity::find_by_id(conversation_id)
        .select_only()
        .column(conversation::Column::Id)
        .lock_exclusive()
        .into_tuple::<i64>()
        .one(txn)
        .await
        .map_err(internal("hold the conversation"))?;
    Ok(())
}

/// Takes `count` seqs and as many change numbers; returns the last of each. The update holds
/// the conversation's row (or, on SQLite, the file) until the commit, so nobody else can take
/// seqs or change numbers in between.
pub(super) async fn take_seqs(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    count: i64,
    now: i64,
) -> Result<(i64, i64), AppError> {
    conversation::Entity::update_many()
        .col_expr(
            conversation::Column::LastSeq,
            Expr::col(conversation::Column::LastSeq).add(count),
        )
        .col_expr(
            conversation::Column::LastChange,
            Expr::col(conversation::Column::LastChange).add(count),
        )
        .col_expr(conversation::Column::LastActivityAt, Expr::value(now))
        .filter(conversation::Column::Id.eq(conversation_id))
        .exec(txn)
        .await
        .map_err(internal("take seqs"))?;
    // Only the two counters: this runs for every batch of messages.
    conversation::Entity::find_by_id(conversation_id)
        .select_only()
        .column(conversation::Column::LastSeq)
        .column(conversation::Column::LastChange)
        .into_tuple::<(i64, i64)>()
        .one(txn)
        .await
        .map_err(internal("read seqs"))?
        .ok_or(AppError::NotFound)
}

/// Returns the seqs and change numbers that duplicates did not use (they were the last ones
/// taken), so neither has holes. The last
/// activity goes back to the newest message's time, so a resend does not lift the conversation
/// to the top of anyone's list.
pub(super) async fn give_back_seqs(
    txn: &DatabaseTransaction,
    conversation_id: i64,
    count: i64,
) -> Result<(), AppError> {
    // The activity first: MySQL's later assignments see the earlier ones' new values.
    let sql = "UPDATE conversations SET last_activity_at = COALESCE(\
        (SELECT created_at FROM messages WHERE conversation_id = ? AND seq = last_seq - ?), \
        last_activity_at), last_seq = last_seq - ?, last_change = last_change - ? WHERE id = ?";
    let values = [conversation_id, count, count, count, conversation_id].map(Into::into);
    let backend = txn.get_database_backend();
    txn.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .map_err(internal("give back seqs"))?;
    Ok(())
}
