//! The conversation change log: every change to a conversation takes the next number of its
//! `last_change`, and the message it changed keeps that number in `change_seq`. Catch-up reads
//! the messages whose number is past the client's newest, so what a client missed while away
//! (a deletion, an edit, a reaction, not only new messages) reaches it once, as it is now.

use super::internal;
use crate::{error::AppError, server::entities::conversation};
use sea_orm::{
    sea_query::Expr, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    ExprTrait, IsolationLevel, QueryFilter, QuerySelect, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// A transaction that writes from its first statement. On SQLite one that reads first and
/// writes later can fail with "database is locked" instead of waiting its turn; it also sees
/// everything committed before it, since it holds the file's write lock from the start.
/// On MariaDB every statement reads what is committed when it runs (`READ COMMITTED`), not a
/// snapshot from the transaction's first read: what a writer reads after taking a
/// conversation's row includes every change committed to it before.
pub async fn begin_writer(db: &DatabaseConnection) -> Result<DatabaseTransaction, AppError> {
    let as_writer = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        isolation_level: (db.get_database_backend() == DbBackend::MySql)
            .then_some(IsolationLevel::ReadCommitted),
        ..Default::default()
    };
    db.begin_with_options(as_writer)
        .await
        .map_err(internal("begin a change"))
}

/// Takes the conversation's next change number. The update holds the conversation's row (on
/// SQLite, the file) until the commit, so numbers are taken in commit order.
pub async fn take_change(txn: &DatabaseTransaction, conversation_id: i64) -> Result<i64, AppError> {
    conversation::Entity::update_many()
        .col_expr(
            conversation::Column::LastChange,
            Expr::col(conversation::Column::LastChange).add(1),
        )
        .filter(conversation::Column::Id.eq(conversation_id))
        .exec(txn)
        .await
        .map_err(internal("take a change number"))?;
    last_change(txn, conversation_id).await
}

/// The conversation's newest change number.
pub async fn last_change(
    db: &impl sea_orm::ConnectionTrait,
    conversation_id: i64,
) -> Result<i64, AppError> {
    conversation::Entity::find_by_id(conversation_id)
        .select_only()
        .column(conversation::Column::LastChange)
        .into_tuple::<i64>()
        .one(db)
        .await
        .map_err(internal("read the last change"))?
        .ok_or(AppError::NotFound)
}
