//! What the protocol says about groups: the lines a group's changes leave in its timeline, its
//! members as its member list shows them, its readers, and its place in the list.

use super::{PresenceView, UserView};
use serde::{Deserialize, Serialize};

/// The most people a group can have.
pub const MAX_GROUP_MEMBERS: usize = 256;
/// A group's name is 1 to this many characters.
pub const MAX_GROUP_NAME_CHARS: usize = 64;

/// A line in a group's timeline about the group itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupEvent {
    pub kind: GroupEventKind,
    /// The member it concerns (added, removed, made admin); `None` for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupEventKind {
    /// The sender created the group, named `body`.
    Created,
    /// The sender added `user`.
    Added,
    /// The sender removed `user`.
    Removed,
    /// The sender left.
    Left,
    /// The sender renamed the group to `body`.
    Renamed,
    /// `user` became an admin: made one by the sender, or the longest-standing member when
    /// the last admin (the sender) left.
    MadeAdmin,
}

impl GroupEventKind {
    pub const ALL: [Self; 6] = [
        Self::Created,
        Self::Added,
        Self::Removed,
        Self::Left,
        Self::Renamed,
        Self::MadeAdmin,
    ];

    /// The name stored in the database (as on the wire).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Left => "left",
            Self::Renamed => "renamed",
            Self::MadeAdmin => "made_admin",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One member of a group as its member list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMemberView {
    pub user: UserView,
    pub admin: bool,
    /// What the viewer may see of their presence (`None` for oneself, or when hidden).
    #[serde(default)]
    pub presence: Option<PresenceView>,
}

/// How far another member of a group has read, for "Seen by 3" (only between members who
/// both have read receipts on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderView {
    pub user: UserView,
    pub seq: i64,
}

/// A group as one of its members (or someone removed from it) sees it in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInfo {
    pub name: String,
    /// How many members it has now.
    pub member_count: u32,
    /// This person is an admin of it.
    pub admin: bool,
    /// This person was removed: read-only, and nothing of it can be read any more.
    pub removed: bool,
}
