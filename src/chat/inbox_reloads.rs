//! Reloading the conversation list without losing what the socket said meanwhile. A reload's
//! answer was read on the server at some moment after it was asked for; a frame that arrived
//! in between (a conversation hidden, a message, a read mark) may or may not be in it. So the
//! edits made while a reload waits are played again on its answer, and an answer older than
//! the newest reload asked for is dropped: the list never goes back to an earlier state.
//! Pure data, unit-tested here.

use super::inbox::Inbox;
use crate::protocol::{ConversationSummary, MessageView, PresenceView};

/// One change the socket or the tab itself made to the list. Each is safe to apply twice and
/// to an answer that already holds it.
#[derive(Debug, Clone)]
pub enum InboxEdit {
    Message(MessageView),
    Read {
        conversation_id: i64,
        seq: i64,
    },
    Seen {
        conversation_id: i64,
        seq: i64,
    },
    Presence {
        user_id: i64,
        presence: Option<PresenceView>,
    },
    Muted {
        conversation_id: i64,
        muted: bool,
    },
    Hidden {
        conversation_id: i64,
    },
}

impl InboxEdit {
    /// Applies the edit; false for a message in a conversation the list does not hold.
    pub fn apply(&self, inbox: &mut Inbox, me: i64) -> bool {
        match self {
            Self::Message(message) => return inbox.note_message(message, me),
            Self::Read {
                conversation_id,
                seq,
            } => inbox.mark_read(*conversation_id, *seq),
            Self::Seen {
                conversation_id,
                seq,
            } => inbox.note_seen(*conversation_id, *seq),
            Self::Presence { user_id, presence } => inbox.note_presence(*user_id, *presence),
            Self::Muted {
                conversation_id,
                muted,
            } => inbox.set_muted(*conversation_id, *muted),
            Self::Hidden { conversation_id } => inbox.remove(*conversation_id),
        }
        true
    }
}

/// Which reload is the newest, and the edits made since it was asked for. Only the browser
/// reloads the list (the server renders it once), so only it uses the tickets.
#[derive(Debug, Default)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct InboxReloads {
    newest: u64,
    waiting: bool,
    edits_since: Vec<InboxEdit>,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl InboxReloads {
    /// A reload is being asked for: returns its ticket. Edits before now are in its answer.
    pub fn start(&mut self) -> u64 {
        self.newest += 1;
        self.waiting = true;
        self.edits_since.clear();
        self.newest
    }

    /// Keeps an edit to play again on the answer, if a reload waits for one.
    pub fn record(&mut self, edit: InboxEdit) {
        if self.waiting {
            self.edits_since.push(edit);
        }
    }

    /// Whether `record` would keep an edit (to skip making one that would be dropped).
    pub fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// The reload with `ticket` answered: the list to show, or `None` when a newer reload was
    /// asked for since (its answer will be newer).
    pub fn finish(
        &mut self,
        ticket: u64,
        answer: Vec<ConversationSummary>,
        me: i64,
    ) -> Option<Inbox> {
        if ticket != self.newest {
            return None;
        }
        self.waiting = false;
        let mut inbox = Inbox::new(answer);
        for edit in self.edits_since.drain(..) {
            edit.apply(&mut inbox, me);
        }
        Some(inbox)
    }

    /// The newest reload failed: nothing waits any more.
    pub fn abandon(&mut self, ticket: u64) {
        if ticket == self.newest {
            self.waiting = false;
            self.edits_since.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::test_views;
    use crate::protocol::ConversationKind;

    const ME: i64 = 1;

    fn conversation(id: i64, last_seq: i64) -> ConversationSummary {
        ConversationSummary {
            id,
            kind: ConversationKind::Group,
            peer: None,
            last_message: None,
            last_seq,
            last_read_seq: 0,
            last_activity_ms: 100 + id,
            muted: false,
            blocked: false,
            peer_read_seq: None,
            peer_presence: None,
            group: None,
        }
    }

    fn message(conversation_id: i64, seq: i64) -> MessageView {
        test_views::message(conversation_id, seq, 7, 1000 + seq)
    }

    fn ids(inbox: &Inbox) -> Vec<i64> {
        inbox.entries().iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_conversation_hidden_while_a_reload_waits_stays_hidden_in_its_answer() {
        let mut reloads = InboxReloads::default();
        let ticket = reloads.start();
        reloads.record(InboxEdit::Hidden { conversation_id: 3 });
        let inbox = reloads
            .finish(ticket, vec![conversation(2, 1), conversation(3, 1)], ME)
            .unwrap();
        assert_eq!(ids(&inbox), vec![2]);
    }

    #[test]
    fn an_answer_older_than_the_newest_reload_is_dropped() {
        let mut reloads = InboxReloads::default();
        let older = reloads.start();
        let newer = reloads.start();
        assert!(reloads
            .finish(newer, vec![conversation(2, 1)], ME)
            .is_some());
        assert!(reloads
            .finish(older, vec![conversation(2, 1), conversation(3, 1)], ME)
            .is_none());
    }

    #[test]
    fn edits_made_while_a_reload_waits_are_kept_in_its_answer() {
        let mut reloads = InboxReloads::default();
        let ticket = reloads.start();
        for edit in [
            InboxEdit::Message(message(2, 5)),
            InboxEdit::Read {
                conversation_id: 2,
                seq: 4,
            },
            InboxEdit::Muted {
                conversation_id: 2,
                muted: true,
            },
            InboxEdit::Seen {
                conversation_id: 2,
                seq: 3,
            },
        ] {
            reloads.record(edit);
        }
        let inbox = reloads
            .finish(ticket, vec![conversation(2, 4)], ME)
            .unwrap();
        let entry = inbox.get(2).unwrap();
        assert_eq!(
            (entry.last_seq, entry.unread(), entry.muted),
            (5, 1, true),
            "the message, the read mark and the muting all survive"
        );
        assert_eq!(entry.peer_read_seq, Some(3));
    }

    #[test]
    fn an_answer_that_already_holds_an_edit_is_not_changed_by_it_again() {
        let mut reloads = InboxReloads::default();
        let ticket = reloads.start();
        reloads.record(InboxEdit::Message(message(2, 5)));
        let mut answer = conversation(2, 5);
        answer.last_message = Some(message(2, 5));
        let inbox = reloads.finish(ticket, vec![answer.clone()], ME).unwrap();
        assert_eq!(inbox.get(2), Some(&answer));
    }

    #[test]
    fn nothing_is_kept_while_no_reload_waits() {
        let mut reloads = InboxReloads::default();
        reloads.record(InboxEdit::Hidden { conversation_id: 3 });
        let ticket = reloads.start();
        reloads.finish(ticket, vec![], ME);
        reloads.record(InboxEdit::Hidden { conversation_id: 3 });
        assert!(reloads.edits_since.is_empty());
        let failed = reloads.start();
        reloads.record(InboxEdit::Hidden { conversation_id: 3 });
        reloads.abandon(failed);
        assert!(reloads.edits_since.is_empty());
    }
}
