//! What a member is shown of people, messages, images, conversations and presence: the values
//! the socket's frames and the server functions carry.

use super::{GroupEvent, GroupInfo};
use serde::{Deserialize, Serialize};

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
    /// The id its author's tab sent it with; only in what the author reads (history pages,
    /// catch-up, the list), never in what others get. A tab that kept the message on its way
    /// across a reload (`chat::kept_outbox`), or lost its Ack with the connection, then knows
    /// it is stored and does not show it pending beside the stored copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_quotes_the_start_of_the_first_line() {
        assert_eq!(ReplySnippet::first_line("  hello\nsecond line"), "hello");
        let long = "a".repeat(200);
        let quoted = ReplySnippet::first_line(&long);
        assert_eq!(quoted.chars().count(), ReplySnippet::MAX_CHARS + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(ReplySnippet::first_line(""), "");
    }
}
