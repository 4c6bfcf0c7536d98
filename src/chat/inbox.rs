//! What the conversation list shows, kept current from socket frames: newest activity first,
//! each with its last message and read position. Pure data, unit-tested here.

use crate::protocol::{sort_newest_first, ConversationSummary, MessageView, PresenceView};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inbox {
    /// Newest activity first.
    entries: Vec<ConversationSummary>,
}

impl Inbox {
    pub fn new(mut entries: Vec<ConversationSummary>) -> Self {
        sort_newest_first(&mut entries);
        Self { entries }
    }

    pub fn entries(&self) -> &[ConversationSummary] {
        &self.entries
    }

    pub fn get(&self, conversation_id: i64) -> Option<&ConversationSummary> {
        self.entries.iter().find(|c| c.id == conversation_id)
    }

    /// A message arrived, was acknowledged, or changed (deleted). Returns false when the
    /// conversation is not in the list: a new one, or one this user had hidden.
    pub fn note_message(&mut self, message: &MessageView, me: i64) -> bool {
        let Some(entry) = self
            .entries
            .iter_mut()
            .find(|c| c.id == message.conversation_id)
        else {
            return false;
        };
        if message.withheld {
            // From someone this user blocked: never shown, never unread, and it does not lift
            // the conversation in the list.
            entry.last_seq = entry.last_seq.max(message.seq);
            entry.last_read_seq = entry.last_read_seq.max(message.seq);
            return true;
        }
        if message.seq > entry.last_seq {
            entry.last_seq = message.seq;
            entry.last_activity_ms = entry.last_activity_ms.max(message.sent_at_ms);
            entry.last_message = Some(message.clone());
            if message.sender.id == me {
                entry.last_read_seq = entry.last_read_seq.max(message.seq);
            }
            sort_newest_first(&mut self.entries);
        } else if entry
            .last_message
            .as_ref()
            .is_some_and(|last| last.seq == message.seq && last.change <= message.change)
        {
            entry.last_message = Some(message.clone());
        }
        true
    }

    pub fn mark_read(&mut self, conversation_id: i64, seq: i64) {
        if let Some(entry) = self.entries.iter_mut().find(|c| c.id == conversation_id) {
            entry.last_read_seq = entry.last_read_seq.max(seq.min(entry.last_seq));
        }
    }

    /// A read receipt: the other person has read up to `seq`.
    pub fn note_seen(&mut self, conversation_id: i64, seq: i64) {
        if let Some(entry) = self.entries.iter_mut().find(|c| c.id == conversation_id) {
            entry.peer_read_seq = Some(entry.peer_read_seq.unwrap_or(0).max(seq));
        }
    }

    /// Someone came online, went offline, or hid their presence (`None`).
    pub fn note_presence(&mut self, user_id: i64, presence: Option<PresenceView>) {
        for entry in &mut self.entries {
            if entry.peer.as_ref().is_some_and(|p| p.id == user_id) {
                entry.peer_presence = presence;
            }
        }
    }

    /// The other person's presence in a direct conversation, as last heard.
    pub fn peer_presence(&self, conversation_id: i64) -> Option<PresenceView> {
        self.get(conversation_id).and_then(|c| c.peer_presence)
    }

    pub fn set_muted(&mut self, conversation_id: i64, muted: bool) {
        if let Some(entry) = self.entries.iter_mut().find(|c| c.id == conversation_id) {
            entry.muted = muted;
        }
    }

    pub fn remove(&mut self, conversation_id: i64) {
        self.entries.retain(|c| c.id != conversation_id);
    }

    /// What the tab's title counts: muted conversations keep quiet.
    pub fn total_unread(&self) -> i64 {
        self.entries
            .iter()
            .filter(|c| !c.muted)
            .map(ConversationSummary::unread)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::test_views::message;
    use crate::protocol::{ConversationKind, UserView};

    const ME: i64 = 1;

    fn conversation(id: i64, last_seq: i64, activity: i64) -> ConversationSummary {
        ConversationSummary {
            id,
            kind: ConversationKind::Direct,
            peer: Some(UserView {
                id: id + 10,
                username: format!("user{id}"),
                picture: None,
            }),
            last_message: None,
            last_seq,
            last_read_seq: last_seq,
            last_activity_ms: activity,
            muted: false,
            blocked: false,
            peer_read_seq: None,
            peer_presence: None,
            group: None,
        }
    }

    fn order(inbox: &Inbox) -> Vec<i64> {
        inbox.entries().iter().map(|c| c.id).collect()
    }

    #[test]
    fn a_new_message_moves_its_conversation_to_the_top_and_counts_as_unread() {
        let mut inbox = Inbox::new(vec![conversation(2, 5, 200), conversation(3, 1, 100)]);
        assert_eq!(order(&inbox), vec![2, 3]);
        assert!(inbox.note_message(&message(3, 2, 13, 300), ME));
        assert_eq!(order(&inbox), vec![3, 2]);
        assert_eq!(inbox.get(3).unwrap().unread(), 1);
        assert_eq!(inbox.total_unread(), 1);
    }

    #[test]
    fn my_own_message_is_not_unread() {
        let mut inbox = Inbox::new(vec![conversation(2, 5, 200)]);
        inbox.note_message(&message(2, 6, ME, 300), ME);
        assert_eq!(inbox.get(2).unwrap().unread(), 0);
    }

    #[test]
    fn the_same_message_twice_counts_once() {
        let mut inbox = Inbox::new(vec![conversation(2, 5, 200)]);
        inbox.note_message(&message(2, 6, 12, 300), ME);
        inbox.note_message(&message(2, 6, 12, 300), ME);
        assert_eq!(inbox.get(2).unwrap().unread(), 1);
    }

    #[test]
    fn deleting_the_last_message_updates_the_preview_without_adding_unread() {
        let mut inbox = Inbox::new(vec![conversation(2, 0, 200)]);
        inbox.note_message(&message(2, 1, 12, 300), ME);
        inbox.mark_read(2, 1);
        let mut deleted = message(2, 1, 12, 300);
        deleted.deleted = true;
        deleted.body.clear();
        inbox.note_message(&deleted, ME);
        let entry = inbox.get(2).unwrap();
        assert!(entry.last_message.as_ref().unwrap().deleted);
        assert_eq!(entry.unread(), 0);
    }

    #[test]
    fn reading_never_goes_backwards_or_past_the_newest_message() {
        let mut inbox = Inbox::new(vec![conversation(2, 0, 200)]);
        for seq in 1..=3 {
            inbox.note_message(&message(2, seq, 12, 300 + seq), ME);
        }
        inbox.mark_read(2, 2);
        inbox.mark_read(2, 1);
        assert_eq!(inbox.get(2).unwrap().unread(), 1);
        inbox.mark_read(2, 99);
        assert_eq!(inbox.get(2).unwrap().last_read_seq, 3);
    }

    #[test]
    fn muted_conversations_are_not_counted_in_the_total() {
        let mut inbox = Inbox::new(vec![conversation(2, 0, 200), conversation(3, 0, 100)]);
        inbox.note_message(&message(2, 1, 12, 300), ME);
        inbox.note_message(&message(3, 1, 13, 300), ME);
        inbox.note_message(&message(3, 2, 13, 301), ME);
        assert_eq!(inbox.total_unread(), 3);
        inbox.set_muted(3, true);
        assert_eq!(inbox.total_unread(), 1);
        assert_eq!(
            inbox.get(3).unwrap().unread(),
            2,
            "still counted in its own line"
        );
        inbox.set_muted(3, false);
        assert_eq!(inbox.total_unread(), 3);
    }

    #[test]
    fn a_message_for_an_unknown_conversation_asks_for_a_reload() {
        let mut inbox = Inbox::new(vec![conversation(2, 0, 200)]);
        assert!(!inbox.note_message(&message(9, 1, 12, 300), ME));
    }
}
