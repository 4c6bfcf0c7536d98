//! Messages on their way, kept across a reload. Safari on a phone discards a tab it has not
//! shown for a while and loads it again when it is looked at; a message sent while offline
//! (the bar says it "will be sent when you are back") would be gone with the tab's memory.
//! So, as the composer's draft is (`stopped_notice`), the tab's pending messages are written
//! to its session storage when the page is hidden or left, forgotten when it is shown again
//! alive, and taken back by the next load, which sends them again with the same client ids:
//! whatever the server had already stored is acknowledged, not stored twice.
//!
//! Taken back only by the account that wrote them (a tab can be signed into another one
//! meanwhile). Until their conversation's timeline opens they wait here (`Carried`), sent on
//! every connect; the timeline then shows them as pending, or as refused with why.

use super::pending::PendingMessage;
use crate::protocol::ClientMsg;
use serde::{Deserialize, Serialize};

/// Its key in session storage; a page load without the chat forgets it (`stopped_notice`).
#[cfg(any(feature = "hydrate", test))]
pub const KEY: &str = "parley-outbox";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptMessage {
    pub user_id: i64,
    pub conversation_id: i64,
    pub message: PendingMessage,
}

/// Kept messages of this load whose conversation has no timeline yet.
#[derive(Debug, Default)]
pub struct Carried {
    kept: Vec<KeptMessage>,
    /// The page is hydrated: timelines may take them. A timeline changed while the page
    /// hydrates would not match the server's page, and the browser would not draw the change.
    released: bool,
}

impl Carried {
    /// What a previous load kept, of `me`'s.
    pub fn of(me: i64, kept: Vec<KeptMessage>) -> Self {
        Self {
            kept: kept.into_iter().filter(|k| k.user_id == me).collect(),
            released: false,
        }
    }

    /// Lets timelines take them from now on.
    pub fn release(&mut self) {
        self.released = true;
    }

    /// Takes out the messages of a conversation whose timeline is open (none until released).
    pub fn take_for(&mut self, conversation_id: i64) -> Vec<PendingMessage> {
        if !self.released {
            return Vec::new();
        }
        let (theirs, others) = std::mem::take(&mut self.kept)
            .into_iter()
            .partition(|k| k.conversation_id == conversation_id);
        self.kept = others;
        theirs.into_iter().map(|k| k.message).collect()
    }

    /// The server stored it.
    pub fn acknowledged(&mut self, client_id: &str) {
        self.kept.retain(|k| k.message.client_id != client_id);
    }

    /// The server refused it: its timeline will say why. False if it is not here.
    pub fn rejected(&mut self, client_id: &str, reason: &str) -> bool {
        let found = self
            .kept
            .iter_mut()
            .find(|k| k.message.client_id == client_id);
        found
            .map(|k| k.message.failure = Some(reason.to_owned()))
            .is_some()
    }

    /// The frames that send them, all or only `client_id`'s; not those refused.
    pub fn send_frames(&self, only: Option<&str>) -> Vec<ClientMsg> {
        self.kept
            .iter()
            .filter(|k| k.message.failure.is_none())
            .filter(|k| only.is_none_or(|id| k.message.client_id == id))
            .map(|k| k.message.send_frame(k.conversation_id))
            .collect()
    }

    pub fn all(&self) -> &[KeptMessage] {
        &self.kept
    }
}

/// Takes what the previous load of this tab kept (empty if nothing, or unreadable).
#[cfg(feature = "hydrate")]
pub fn take() -> Vec<KeptMessage> {
    super::kept_for_reload::take(KEY).unwrap_or_default()
}

/// Keeps `pending()`'s answer while the page is hidden or left, and forgets it when the page
/// is shown again.
#[cfg(feature = "hydrate")]
pub fn keep_while_hidden(pending: impl Fn() -> Vec<KeptMessage> + Clone + 'static) {
    super::kept_for_reload::keep_while_hidden(KEY, move || {
        let kept = pending();
        (!kept.is_empty()).then_some(kept)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(user_id: i64, conversation_id: i64, client_id: &str) -> KeptMessage {
        KeptMessage {
            user_id,
            conversation_id,
            message: PendingMessage {
                client_id: client_id.to_owned(),
                body: format!("body of {client_id}"),
                reply_to: None,
                failure: None,
            },
        }
    }

    #[test]
    fn only_the_writers_own_are_taken_back() {
        let carried = Carried::of(1, vec![kept(1, 5, "a"), kept(2, 5, "b")]);
        assert_eq!(carried.all(), [kept(1, 5, "a")]);
    }

    #[test]
    fn they_wait_for_their_timeline_and_leave_once_stored() {
        let mut carried = Carried::of(1, vec![kept(1, 5, "a"), kept(1, 6, "b"), kept(1, 6, "c")]);
        assert_eq!(carried.send_frames(None).len(), 3);
        carried.acknowledged("b");
        assert!(carried.rejected("c", "blocked"));
        assert!(!carried.rejected("zz", "blocked"));
        assert_eq!(carried.send_frames(None).len(), 1, "not the refused one");
        assert_eq!(carried.send_frames(Some("c")).len(), 0);
        assert!(
            carried.take_for(6).is_empty(),
            "not while the page hydrates"
        );
        carried.release();
        let sixes = carried.take_for(6);
        assert_eq!(sixes.len(), 1);
        assert_eq!(sixes[0].failure.as_deref(), Some("blocked"));
        assert_eq!(carried.take_for(5)[0].client_id, "a");
        assert!(carried.all().is_empty());
    }
}
