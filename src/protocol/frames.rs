//! The socket's frames: what a client sends and what the server sends.

use super::{server_frame::ServerFrame, MessageView, PresenceView, ReaderView, UserView};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Frames a client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// Send a message. Resending with the same `client_id` never stores it twice.
    Send {
        conversation_id: i64,
        client_id: String,
        body: String,
        /// The seq of the earlier message of the conversation this one answers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reply_to_seq: Option<i64>,
    },
    /// Ask for the changes after `after_change` (the newest change the client holds): every
    /// message sent, deleted, edited or reacted to since, once each, in its latest state.
    CatchUp {
        conversation_id: i64,
        after_change: i64,
    },
    /// Everything up to `seq` has been read; the user's other tabs are told.
    MarkRead {
        conversation_id: i64,
        seq: i64,
    },
    /// Delete one of one's own messages.
    Delete {
        conversation_id: i64,
        seq: i64,
    },
    /// Replace the text (or image caption) of one of one's own messages.
    Edit {
        conversation_id: i64,
        seq: i64,
        body: String,
    },
    /// Add this reaction to a message, or take it back if it is there already.
    React {
        conversation_id: i64,
        seq: i64,
        emoji: String,
    },
    /// The user is typing in this conversation (`true`, at most every
    /// `TYPING_REFRESH_MS` while they go on) or emptied the box (`false`). Not stored; the
    /// other members are told. Refused for the room everyone is in.
    Typing {
        conversation_id: i64,
        typing: bool,
    },
    Ping,
}

/// Frames the server sends. Read through a flat record (`server_frame.rs`), which keeps a
/// second copy of every reader out of the wasm; written tagged, as `ClientMsg` is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "ServerFrame")]
pub enum ServerMsg {
    /// First frame on a new socket.
    Ready {
        user: UserView,
    },
    /// The sender's message is stored; `message.seq` is its place in the conversation.
    Ack {
        client_id: String,
        message: MessageView,
    },
    /// A new message in one of the user's conversations.
    Message {
        message: MessageView,
    },
    /// The answer to `CatchUp`, in change order. When `complete` is false, ask again after
    /// the last one's `change`.
    CaughtUp {
        conversation_id: i64,
        messages: Vec<MessageView>,
        complete: bool,
    },
    /// A message was deleted: `message` has `deleted` set and an empty body.
    Deleted {
        message: MessageView,
    },
    /// A message was edited or reacted to: `message` is its new state.
    Updated {
        message: MessageView,
    },
    /// The user hid ("left") this conversation, in this or another tab; it returns with the
    /// next message in it.
    Hidden {
        conversation_id: i64,
    },
    /// Another member is typing in this conversation (or stopped). Forget it after
    /// `TYPING_EXPIRES_MS` without news, or when a message from them arrives.
    Typing {
        conversation_id: i64,
        user: UserView,
        typing: bool,
    },
    /// The user muted or unmuted this conversation, in this or another tab.
    Muted {
        conversation_id: i64,
        muted: bool,
    },
    /// The user (in this or another tab) has read the conversation up to `seq`.
    Read {
        conversation_id: i64,
        seq: i64,
    },
    /// The other person of a direct conversation has read it up to `seq` (a read receipt:
    /// only while both of them have read receipts on).
    Seen {
        conversation_id: i64,
        seq: i64,
    },
    /// Another member of a group has read it up to `seq` (a read receipt: only while both
    /// the reader and the one told have read receipts on).
    MemberRead {
        conversation_id: i64,
        reader: ReaderView,
    },
    /// A person one shares a conversation with came online or went offline (after a grace
    /// period, so a reload does not flicker). `presence` is `None` when they now hide it.
    Presence {
        user_id: i64,
        presence: Option<PresenceView>,
    },
    Pong,
    /// A frame was refused. `client_id` names the message when the frame was a `Send`.
    Rejected {
        client_id: Option<String>,
        error: AppError,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_tagged_by_type() {
        let json = serde_json::to_value(ClientMsg::CatchUp {
            conversation_id: 1,
            after_change: 7,
        })
        .unwrap();
        assert_eq!(json["type"], "catch_up");
        assert_eq!(json["after_change"], 7);
        let back: ClientMsg = serde_json::from_str(r#"{"type":"ping"}"#).unwrap();
        assert_eq!(back, ClientMsg::Ping);
    }

    #[test]
    fn unknown_frames_do_not_parse() {
        assert!(serde_json::from_str::<ClientMsg>(r#"{"type":"drop_tables"}"#).is_err());
        assert!(serde_json::from_str::<ClientMsg>("not json").is_err());
    }
}
