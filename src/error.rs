//! The one error type that crosses the wire: server functions return it, the socket sends it
//! in `ServerMsg::Rejected`, and pages render its `Display` text to people.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use record::AppErrorRecord;
use serde::{Deserialize, Serialize};

mod record;

/// The form field or frame field an `Invalid` error is about, so a page can show it in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Username,
    Email,
    Password,
    Message,
    ClientId,
    CurrentPassword,
    Picture,
    Image,
    Confirmation,
    Reaction,
    Search,
    GroupName,
    GroupMembers,
}

/// Expected failures are values with a readable message; database and internal details are
/// logged on the server and never put in here. Variants carry named fields only: serde cannot
/// write a tagged newtype variant holding a string, and a failed error encoding panics inside
/// server_fn.
///
/// Read through a flat record (`error/record.rs`), which keeps a second copy of its reader out
/// of the wasm; written tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "AppErrorRecord")]
pub enum AppError {
    #[error("{message}")]
    Invalid { field: Field, message: String },
    #[error("That username is taken.")]
    UsernameTaken,
    #[error("That email address is already in use.")]
    EmailTaken,
    #[error("Wrong username or password.")]
    WrongCredentials,
    #[error("That is not your current password.")]
    WrongPassword,
    #[error("Please log in first.")]
    NotSignedIn,
    #[error("You are not allowed to do that.")]
    Forbidden,
    #[error("That was not found. It may have been deleted, or it is not shared with you.")]
    NotFound,
    #[error("The request was malformed: {detail}")]
    BadRequest { detail: String },
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    #[error("{message}")]
    TooLarge { message: String },
    /// A limit on attempts was reached; `retry_after_s` says when the next one is allowed.
    #[error("Too many attempts. Please try again {}.", wait_text(*retry_after_s))]
    RateLimited { retry_after_s: u64 },
    /// The server sheds load (every password check slot was taken for too long).
    #[error("Parley is very busy right now. Please try again in a moment.")]
    Busy,
    /// The person already has as many sockets open as one person may.
    #[error("Parley is open in too many tabs or devices at once. Close one and try again.")]
    TooManyConnections,
    /// A state-changing request that came from a page of another site.
    #[error("This request came from another site, so it was refused.")]
    CrossSite,
    #[error("This reset link is invalid, already used or expired. Ask for a new one.")]
    ResetLinkInvalid,
    #[error("Could not reach Parley. Check your connection and try again.")]
    Unreachable { detail: String },
}

/// "in 5 seconds", "in 2 minutes", "in about an hour": how people say a wait.
pub fn wait_text(seconds: u64) -> String {
    let plural = |n: u64, unit: &str| format!("in {n} {unit}{}", if n == 1 { "" } else { "s" });
    match seconds {
        0..=59 => plural(seconds.max(1), "second"),
        60..=3599 => plural(seconds.div_ceil(60), "minute"),
        _ => plural(seconds.div_ceil(3600), "hour"),
    }
}

impl AppError {
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::BadRequest {
            detail: detail.into(),
        }
    }

    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }

    /// The message to show next to `field`, if this error is about it.
    pub fn message_for(&self, field: Field) -> Option<String> {
        match self {
            Self::Invalid { field: f, message } if *f == field => Some(message.clone()),
            Self::UsernameTaken if field == Field::Username => Some(self.to_string()),
            Self::EmailTaken if field == Field::Email => Some(self.to_string()),
            Self::WrongPassword if field == Field::CurrentPassword => Some(self.to_string()),
            _ => None,
        }
    }

    /// True when the error belongs to one field rather than to the form as a whole.
    pub fn is_about_a_field(&self) -> bool {
        matches!(
            self,
            Self::Invalid { .. } | Self::UsernameTaken | Self::EmailTaken | Self::WrongPassword
        )
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::MissingArg(detail) => {
                Self::BadRequest { detail }
            }
            ServerFnErrorErr::Request(detail) => Self::Unreachable { detail },
            other => Self::Unreachable {
                detail: other.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_survives_a_round_trip_through_json() {
        let all = [
            AppError::invalid(Field::Username, "too short"),
            AppError::UsernameTaken,
            AppError::EmailTaken,
            AppError::WrongCredentials,
            AppError::WrongPassword,
            AppError::NotSignedIn,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::bad_request("x"),
            AppError::Internal,
            AppError::TooLarge {
                message: "z".into(),
            },
            AppError::RateLimited { retry_after_s: 90 },
            AppError::Busy,
            AppError::CrossSite,
            AppError::TooManyConnections,
            AppError::ResetLinkInvalid,
            AppError::Unreachable { detail: "y".into() },
        ];
        for error in all {
            let json = serde_json::to_string(&error).expect("every variant serializes");
            assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), error);
        }
    }

    #[test]
    fn an_error_missing_a_field_of_its_kind_or_of_no_kind_does_not_parse() {
        for text in [
            r#"{"kind":"invalid","message":"x"}"#,
            r#"{"kind":"rate_limited"}"#,
            r#"{"kind":"teapot"}"#,
            r#"{"message":"x"}"#,
        ] {
            assert!(serde_json::from_str::<AppError>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_rate_limit_says_when_to_come_back_in_words() {
        let text = |s| AppError::RateLimited { retry_after_s: s }.to_string();
        assert_eq!(text(0), "Too many attempts. Please try again in 1 second.");
        assert_eq!(
            text(42),
            "Too many attempts. Please try again in 42 seconds."
        );
        assert_eq!(
            text(61),
            "Too many attempts. Please try again in 2 minutes."
        );
        assert_eq!(text(3600), "Too many attempts. Please try again in 1 hour.");
    }

    #[test]
    fn field_messages_are_only_given_for_their_field() {
        let error = AppError::UsernameTaken;
        assert!(error.message_for(Field::Username).is_some());
        assert!(error.message_for(Field::Email).is_none());
        assert!(!AppError::WrongCredentials.is_about_a_field());
    }
}
