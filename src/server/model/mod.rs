//! The data-access layer: every query goes through here. Database errors are logged here and
//! become `AppError::Internal`; their text never reaches a client.

pub mod account;
pub mod account_deletion;
pub mod blocks;
pub mod changes;
pub mod conversations;
pub mod direct;
pub mod groups;
pub mod inbox;
pub mod message_batch;
pub mod message_change;
pub mod message_deletion;
pub mod message_edit;
pub mod message_search;
pub mod messages;
pub mod mutes;
pub mod password_resets;
pub mod pictures;
pub mod presence;
pub mod reactions;
pub mod reads;
pub mod receipts;
pub mod replies;
pub mod seq_blocks;
pub mod sessions;
pub mod user_search;
pub mod users;

use crate::error::AppError;
use sea_orm::DbErr;

pub(crate) fn internal(context: &'static str) -> impl FnOnce(DbErr) -> AppError {
    move |error| {
        tracing::error!(%error, context, "database error");
        AppError::Internal
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
