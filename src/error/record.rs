//! How an [`AppError`] is read: as one flat record of every field an error can have, then
//! sorted by its `kind`, for the reason `protocol/server_frame.rs` gives (serde buffers an
//! internally tagged enum into a tree of its own first, and the wasm then holds a second reader
//! for it). What is written is unchanged: `AppError`'s `Serialize` is still the tagged one.

use super::{AppError, Field};
use crate::json::required;
use serde::Deserialize;

/// Every field of every error; which of them must be there depends on `kind`.
#[derive(Deserialize)]
pub(super) struct AppErrorRecord {
    kind: String,
    field: Option<Field>,
    message: Option<String>,
    detail: Option<String>,
    retry_after_s: Option<u64>,
}

impl TryFrom<AppErrorRecord> for AppError {
    type Error = String;

    fn try_from(record: AppErrorRecord) -> Result<Self, String> {
        Ok(match record.kind.as_str() {
            "invalid" => AppError::Invalid {
                field: required(record.field, "field")?,
                message: required(record.message, "message")?,
            },
            "username_taken" => AppError::UsernameTaken,
            "email_taken" => AppError::EmailTaken,
            "wrong_credentials" => AppError::WrongCredentials,
            "wrong_password" => AppError::WrongPassword,
            "not_signed_in" => AppError::NotSignedIn,
            "forbidden" => AppError::Forbidden,
            "not_found" => AppError::NotFound,
            "bad_request" => AppError::BadRequest {
                detail: required(record.detail, "detail")?,
            },
            "internal" => AppError::Internal,
            "too_large" => AppError::TooLarge {
                message: required(record.message, "message")?,
            },
            "rate_limited" => AppError::RateLimited {
                retry_after_s: required(record.retry_after_s, "retry_after_s")?,
            },
            "busy" => AppError::Busy,
            "too_many_connections" => AppError::TooManyConnections,
            "cross_site" => AppError::CrossSite,
            "reset_link_invalid" => AppError::ResetLinkInvalid,
            "unreachable" => AppError::Unreachable {
                detail: required(record.detail, "detail")?,
            },
            other => return Err(format!("unknown error kind `{other}`")),
        })
    }
}
