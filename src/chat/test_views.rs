//! Wire views for the chat's unit tests, with only what a test varies as arguments.

use crate::protocol::{MessageView, UserView};

/// A plain text message from user `sender` ("user{sender}").
pub fn message(conversation_id: i64, seq: i64, sender: i64, sent_at_ms: i64) -> MessageView {
    MessageView {
        id: conversation_id * 1000 + seq,
        conversation_id,
        seq,
        sender: UserView {
            id: sender,
            username: format!("user{sender}"),
            picture: None,
        },
        body: format!("message {seq}"),
        sent_at_ms,
        deleted: false,
        image: None,
        change: seq,
        edited: false,
        reactions: vec![],
        reply_to: None,
        withheld: false,
        event: None,
        client_id: None,
    }
}
