//! The WebSocket protocol at `/ws`, shared by the server, the wasm client, the tests and the
//! benchmark. Frames are JSON text, tagged by `type`. `docs/protocol.md` explains the rules.

mod groups;

use crate::error::AppError;
pub use groups::*;
use serde::{Deserialize, Serialize};

/// The room every account is a member of; created by the first migration.
pub const GLOBAL_CONVERSATION_ID: i64 = 1;
/// Messages in one history page, newest first on the server, shown oldest first.
pub const HISTORY_PAGE_SIZE: u64 = 50;
/// At most this many missed messages come back in one `CaughtUp` frame…
pub const CATCH_UP_LIMIT: u64 = 200;
/// …and no more than this many bytes of them as JSON (at least one message, whatever its
/// size), so every page fits in a socket frame however long its messages are. The largest
/// possible message (4,000 four-byte characters, a long name, an image) is under 20 KB.
pub const CATCH_UP_BYTES: usize = 128 * 1024;
/// Clients ping this often; the server drops a socket that stays silent for three intervals.
pub const PING_INTERVAL_SECS: u64 = 25;
/// While someone goes on typing, their tab says so again this often…
pub const TYPING_REFRESH_MS: i64 = 3_000;
/// …and readers forget it after this long without news (a closed tab says nothing).
pub const TYPING_EXPIRES_MS: i64 = 6_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    /// Storage key of the profile picture (`picture_url` makes the address); `None` shows the
    /// initials avatar.
    #[serde(default)]
    pub picture: Option<String>,
}

impl UserView {
    /// Where the picture is served at `size` (64 or 256 px), if the user has one.
    pub fn picture_url(&self, size: u32) -> Option<String> {
        self.picture.as_ref().map(|key| picture_url(key, size))
    }
}

/// The address of a profile picture's square rendition.
pub fn picture_url(key: &str, size: u32) -> String {
    format!("/media/pictures/{key}/{size}.jpg")
}

/// A stored message as every member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub conversation_id: i64,
    /// Position in the conversation: 1, 2, 3, … without gaps.
    pub seq: i64,
    pub sender: UserView,
    pub body: String,
    /// Unix time in milliseconds, assigned by the server.
    pub sent_at_ms: i64,
    pub deleted: bool,
    /// The attached image, if any; `body` is then its (possibly empty) caption.
    #[serde(default)]
    pub image: Option<ImageView>,
    /// The number of the conversation's change that left the message as it is (its sending,
    /// or its latest deletion, edit or reaction). Catch-up asks for changes after the newest
    /// one a client holds.
    #[serde(default)]
    pub change: i64,
    /// The author changed the text after sending it.
    #[serde(default)]
    pub edited: bool,
    /// Who reacted with what, one entry per emoji in the order of its first use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reactions: Vec<ReactionView>,
    /// The earlier message this one answers, as it is now. Boxed: most messages are not
    /// replies, and every message would otherwise carry the room for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Box<ReplySnippet>>,
    /// Withheld from this reader (they blocked its sender): a bare placeholder, kept only so
    /// the seqs have no gap; never shown. Its sender is not told.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withheld: bool,
    /// A change to a group, shown as a small centred line ("Ann added Bob") rather than a
    /// bubble. `sender` made it; a new name is in `body`. Boxed, as `reply_to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Box<GroupEvent>>,
}

/// What a reply shows of the message it answers: who wrote it and the start of its first line
/// (empty for a photo without caption, or a deleted message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplySnippet {
    pub seq: i64,
    pub sender: UserView,
    pub text: String,
    pub photo: bool,
    pub deleted: bool,
}

impl ReplySnippet {
    /// The most characters of the original's first line a reply quotes.
    pub const MAX_CHARS: usize = 120;

    /// What a reply to `message` quotes, from the message as it is now.
    pub fn of(message: &MessageView) -> Self {
        let deleted = message.deleted;
        Self {
            seq: message.seq,
            sender: message.sender.clone(),
            text: if deleted {
                String::new()
            } else {
                Self::first_line(&message.body)
            },
            photo: !deleted && message.image.is_some(),
            deleted,
        }
    }

    /// The start of `body`'s first line, cut to `MAX_CHARS` (with "…" when cut).
    pub fn first_line(body: &str) -> String {
        let line = body.lines().next().unwrap_or("").trim();
        match line.char_indices().nth(Self::MAX_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_owned(),
        }
    }
}

/// One emoji under a message and the people who reacted with it (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReactionView {
    pub emoji: String,
    pub users: Vec<UserView>,
}

/// The emoji offered in every message's menu; any other single emoji may be typed.
pub const QUICK_REACTIONS: [&str; 6] = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/// An image in a message. Its files are served only to members of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageView {
    pub key: String,
    /// The display version's size (at most 1600 px on its longest side).
    pub width: u32,
    pub height: u32,
    /// The thumbnail's size (at most 400 px on its longest side).
    pub thumb_width: u32,
    pub thumb_height: u32,
}

impl ImageView {
    pub fn display_url(&self) -> String {
        format!("/media/images/{}/display.jpg", self.key)
    }

    pub fn thumb_url(&self) -> String {
        format!("/media/images/{}/thumb.jpg", self.key)
    }
}

/// Consecutive messages of one conversation in ascending `seq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub conversation_id: i64,
    pub messages: Vec<MessageView>,
    /// True when messages older than the first one here exist.
    pub has_older: bool,
    /// The conversation's newest change when the page was read: the page reflects at least
    /// every change up to it, so catch-up may start after it.
    #[serde(default)]
    pub last_change: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationKind {
    /// The room everyone is in.
    Global,
    /// Two people.
    Direct,
    /// A named group of up to `MAX_GROUP_MEMBERS` people.
    Group,
}

impl ConversationKind {
    /// The conversation's name as its member sees it: the other person, or "Everyone".
    pub fn title(self, peer: Option<&UserView>) -> &str {
        match (peer, self) {
            (Some(peer), _) => &peer.username,
            (None, ConversationKind::Direct) => "Deleted user",
            (None, ConversationKind::Global) => "Everyone",
            (None, ConversationKind::Group) => "Group",
        }
    }
}

/// One line of the conversation list, as its member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: i64,
    pub kind: ConversationKind,
    /// The other member of a direct conversation; `None` for the room.
    pub peer: Option<UserView>,
    pub last_message: Option<MessageView>,
    /// The seq of the newest message (0 when there is none).
    pub last_seq: i64,
    /// This member has read everything up to here.
    pub last_read_seq: i64,
    /// Unix ms of the newest message, or of the conversation's creation.
    pub last_activity_ms: i64,
    /// The member muted it: no notifications, a quiet unread count.
    #[serde(default)]
    pub muted: bool,
    /// The member blocked the other person of this direct conversation.
    #[serde(default)]
    pub blocked: bool,
    /// How far the other person of a direct conversation has read, while both have read
    /// receipts on (and neither blocked the other).
    #[serde(default)]
    pub peer_read_seq: Option<i64>,
    /// Whether the other person of a direct conversation is online, or when they were last;
    /// `None` while either of them hides their presence (or a block stands between them).
    #[serde(default)]
    pub peer_presence: Option<PresenceView>,
    /// A group's name and this person's place in it; `None` for the other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupInfo>,
}

/// What one is shown of another person's presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PresenceView {
    /// At least one of their tabs or devices is connected.
    pub online: bool,
    /// Unix ms when they were last online; `None` while online, or when never recorded.
    pub last_seen_ms: Option<i64>,
}

impl PresenceView {
    pub const ONLINE: Self = Self {
        online: true,
        last_seen_ms: None,
    };

    pub fn offline(last_seen_ms: Option<i64>) -> Self {
        Self {
            online: false,
            last_seen_ms,
        }
    }
}

impl ConversationSummary {
    pub fn title(&self) -> &str {
        match &self.group {
            Some(group) => &group.name,
            None => self.kind.title(self.peer.as_ref()),
        }
    }

    pub fn unread(&self) -> i64 {
        (self.last_seq - self.last_read_seq).max(0)
    }
}

/// The list's order: newest activity first (ties by newest conversation).
pub fn sort_newest_first(list: &mut [ConversationSummary]) {
    list.sort_by_key(|c| std::cmp::Reverse((c.last_activity_ms, c.id)));
}

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

/// Frames the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
    fn a_reply_quotes_the_start_of_the_first_line() {
        assert_eq!(ReplySnippet::first_line("  hello\nsecond line"), "hello");
        let long = "a".repeat(200);
        let quoted = ReplySnippet::first_line(&long);
        assert_eq!(quoted.chars().count(), ReplySnippet::MAX_CHARS + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(ReplySnippet::first_line(""), "");
    }

    #[test]
    fn unknown_frames_do_not_parse() {
        assert!(serde_json::from_str::<ClientMsg>(r#"{"type":"drop_tables"}"#).is_err());
        assert!(serde_json::from_str::<ClientMsg>("not json").is_err());
    }
}
