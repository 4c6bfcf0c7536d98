//! How a [`ServerMsg`] is read: as one flat record of every field a frame can have, then
//! sorted by its `type`.
//!
//! serde reads an internally tagged enum (`#[serde(tag = "type")]`) by buffering the whole frame
//! into its own `Content` tree first (the tag may come last) and then reading the variant's
//! fields out of that tree, so the wasm held a second reader of every type a frame carries
//! (messages, users, readers, errors) beside the one that reads them from JSON. A flat record
//! is read straight from the JSON. What the server writes is unchanged: `ServerMsg`'s
//! `Serialize` is still the tagged one, and a test reads every variant back through here.

use super::{MessageView, PresenceView, ReaderView, ServerMsg, UserView};
use crate::error::AppError;
use crate::json::required;
use serde::Deserialize;

/// Every field of every server frame; which of them must be there depends on `type`.
#[derive(Deserialize)]
pub(super) struct ServerFrame {
    #[serde(rename = "type")]
    kind: String,
    user: Option<UserView>,
    client_id: Option<String>,
    message: Option<MessageView>,
    messages: Option<Vec<MessageView>>,
    conversation_id: Option<i64>,
    seq: Option<i64>,
    complete: Option<bool>,
    typing: Option<bool>,
    muted: Option<bool>,
    reader: Option<ReaderView>,
    user_id: Option<i64>,
    presence: Option<PresenceView>,
    error: Option<AppError>,
}

impl TryFrom<ServerFrame> for ServerMsg {
    type Error = String;

    fn try_from(frame: ServerFrame) -> Result<Self, String> {
        let conversation_id = || required(frame.conversation_id, "conversation_id");
        let seq = || required(frame.seq, "seq");
        Ok(match frame.kind.as_str() {
            "ready" => ServerMsg::Ready {
                user: required(frame.user, "user")?,
            },
            "ack" => ServerMsg::Ack {
                client_id: required(frame.client_id, "client_id")?,
                message: required(frame.message, "message")?,
            },
            "message" => ServerMsg::Message {
                message: required(frame.message, "message")?,
            },
            "caught_up" => ServerMsg::CaughtUp {
                conversation_id: conversation_id()?,
                messages: required(frame.messages, "messages")?,
                complete: required(frame.complete, "complete")?,
            },
            "deleted" => ServerMsg::Deleted {
                message: required(frame.message, "message")?,
            },
            "updated" => ServerMsg::Updated {
                message: required(frame.message, "message")?,
            },
            "hidden" => ServerMsg::Hidden {
                conversation_id: conversation_id()?,
            },
            "typing" => ServerMsg::Typing {
                conversation_id: conversation_id()?,
                user: required(frame.user, "user")?,
                typing: required(frame.typing, "typing")?,
            },
            "muted" => ServerMsg::Muted {
                conversation_id: conversation_id()?,
                muted: required(frame.muted, "muted")?,
            },
            "read" => ServerMsg::Read {
                conversation_id: conversation_id()?,
                seq: seq()?,
            },
            "seen" => ServerMsg::Seen {
                conversation_id: conversation_id()?,
                seq: seq()?,
            },
            "member_read" => ServerMsg::MemberRead {
                conversation_id: conversation_id()?,
                reader: required(frame.reader, "reader")?,
            },
            "presence" => ServerMsg::Presence {
                user_id: required(frame.user_id, "user_id")?,
                presence: frame.presence,
            },
            "pong" => ServerMsg::Pong,
            "rejected" => ServerMsg::Rejected {
                client_id: frame.client_id,
                error: required(frame.error, "error")?,
            },
            other => return Err(format!("unknown frame type `{other}`")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> UserView {
        UserView {
            id: 7,
            username: "ann".into(),
            picture: Some("k".into()),
        }
    }

    fn message() -> MessageView {
        MessageView {
            id: 3,
            conversation_id: 2,
            seq: 5,
            sender: user(),
            body: "hi".into(),
            sent_at_ms: 1,
            deleted: false,
            image: None,
            change: 9,
            edited: true,
            reactions: Vec::new(),
            reply_to: None,
            withheld: false,
            event: None,
            client_id: None,
        }
    }

    /// One of each variant (`every_frame_holds_every_variant` checks), with every optional
    /// field both set and not.
    fn every_frame() -> Vec<ServerMsg> {
        vec![
            ServerMsg::Ready { user: user() },
            ServerMsg::Ack {
                client_id: "c1".into(),
                message: message(),
            },
            ServerMsg::Message { message: message() },
            ServerMsg::CaughtUp {
                conversation_id: 2,
                messages: vec![message(), message()],
                complete: false,
            },
            ServerMsg::Deleted { message: message() },
            ServerMsg::Updated { message: message() },
            ServerMsg::Hidden { conversation_id: 2 },
            ServerMsg::Typing {
                conversation_id: 2,
                user: user(),
                typing: true,
            },
            ServerMsg::Muted {
                conversation_id: 2,
                muted: true,
            },
            ServerMsg::Read {
                conversation_id: 2,
                seq: 4,
            },
            ServerMsg::Seen {
                conversation_id: 2,
                seq: 4,
            },
            ServerMsg::MemberRead {
                conversation_id: 2,
                reader: ReaderView {
                    user: user(),
                    seq: 4,
                },
            },
            ServerMsg::Presence {
                user_id: 7,
                presence: Some(PresenceView::offline(Some(12))),
            },
            ServerMsg::Presence {
                user_id: 7,
                presence: None,
            },
            ServerMsg::Pong,
            ServerMsg::Rejected {
                client_id: Some("c1".into()),
                error: AppError::NotFound,
            },
            ServerMsg::Rejected {
                client_id: None,
                error: AppError::RateLimited { retry_after_s: 3 },
            },
        ]
    }

    /// `ALL_VARIANTS` and `variant_name` from one list: `variant_name`'s match has no
    /// wildcard, so a new variant does not compile until it is listed here, and once listed,
    /// the test below fails until `every_frame` holds one (and so the round trip covers it).
    macro_rules! variants {
        ($($variant:ident),* $(,)?) => {
            const ALL_VARIANTS: &[&str] = &[$(stringify!($variant)),*];
            fn variant_name(frame: &ServerMsg) -> &'static str {
                match frame {
                    $(ServerMsg::$variant { .. } => stringify!($variant),)*
                }
            }
        };
    }
    variants!(
        Ready, Ack, Message, CaughtUp, Deleted, Updated, Hidden, Typing, Muted, Read, Seen,
        MemberRead, Presence, Pong, Rejected,
    );

    #[test]
    fn every_frame_holds_every_variant() {
        let held: std::collections::BTreeSet<_> = every_frame().iter().map(variant_name).collect();
        let all: std::collections::BTreeSet<_> = ALL_VARIANTS.iter().copied().collect();
        assert_eq!(held, all);
    }

    #[test]
    fn every_frame_the_server_writes_reads_back_the_same() {
        for frame in every_frame() {
            let json = serde_json::to_string(&frame).unwrap();
            let back: ServerMsg = crate::json::from_text(&json).unwrap();
            assert_eq!(back, frame, "{json}");
        }
    }

    #[test]
    fn a_frame_missing_a_field_of_its_type_is_an_error_that_names_it() {
        let error = crate::json::from_text::<ServerMsg>(r#"{"type":"read","seq":3}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("conversation_id"), "{error}");
    }

    #[test]
    fn an_unknown_frame_or_a_wrong_field_is_an_error_not_a_panic() {
        for text in [
            r#"{"type":"drop_tables"}"#,
            r#"{"seq":3}"#,
            r#"{"type":"read","conversation_id":"two","seq":3}"#,
            "[1, 2",
        ] {
            assert!(crate::json::from_text::<ServerMsg>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn fields_the_type_does_not_have_are_ignored_as_before() {
        let back: ServerMsg =
            crate::json::from_text(r#"{"seq":3,"type":"pong","later":true}"#).unwrap();
        assert_eq!(back, ServerMsg::Pong);
    }
}
