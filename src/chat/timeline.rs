//! What a client holds of one conversation: the stored messages by `seq`, plus the ones it
//! sent that the server has not acknowledged yet (`pending`). Pure data, so the rules that keep a message
//! from being lost or shown twice are unit-tested here rather than in a browser.

use super::pending::{PendingList, PendingMessage};
use crate::protocol::{HistoryPage, MessageView, ReplySnippet};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    conversation_id: i64,
    stored: BTreeMap<i64, MessageView>,
    pending: PendingList,
    has_older: bool,
    /// Every seq from the oldest held up to this one is held (what "read up to" can mark).
    synced_through: i64,
    /// Every change to the conversation up to this number is applied. Catch-up asks for the
    /// changes after it.
    changes_through: i64,
    /// The newest change number seen in a frame; past `changes_through`, some change between
    /// was missed (a lost frame) and a catch-up fills the hole.
    newest_change_seen: i64,
}

impl Timeline {
    pub fn new(page: HistoryPage) -> Self {
        let synced_through = page.messages.last().map_or(0, |m| m.seq);
        let mut timeline = Self {
            conversation_id: page.conversation_id,
            stored: BTreeMap::new(),
            pending: PendingList::default(),
            has_older: page.has_older,
            synced_through,
            changes_through: page.last_change,
            newest_change_seen: page.last_change,
        };
        for message in page.messages {
            let message = timeline.note_stored(message);
            timeline.stored.insert(message.seq, message);
        }
        timeline
    }

    /// Takes the client id out of one of our messages the server says it stored: whatever
    /// is pending with that id is that message, and stops being pending. Held without it, so
    /// copies of the message that came in frames (which carry none) compare equal.
    fn note_stored(&mut self, mut message: MessageView) -> MessageView {
        if let Some(client_id) = message.client_id.take() {
            self.pending.stored(client_id);
        }
        message
    }

    pub fn conversation_id(&self) -> i64 {
        self.conversation_id
    }

    /// Adds or updates a stored message. Returns false when it was already held unchanged,
    /// when it is an older state than the one held (a stale copy can arrive after a change:
    /// from another server node, or a catch-up already under way; a deletion is final), or
    /// when it is older than the oldest message held while older ones exist: the older page
    /// brings it as it is then, and a lone old message would hide the hole.
    pub fn insert(&mut self, message: MessageView) -> bool {
        if message.conversation_id != self.conversation_id {
            return false;
        }
        let message = self.note_stored(message);
        let seq = message.seq;
        match self.stored.get(&seq) {
            Some(held) if *held == message => return false,
            Some(held) if held.deleted && !message.deleted => return false,
            Some(held) if held.change > message.change => return false,
            None if self.has_older && self.oldest_seq().is_some_and(|oldest| seq < oldest) => {
                return false
            }
            _ => {}
        }
        self.stored.insert(seq, message);
        while self.stored.contains_key(&(self.synced_through + 1)) {
            self.synced_through += 1;
        }
        true
    }

    /// A change arrived in a live frame (a message, a deletion, an edit, a reaction, or the
    /// acknowledgement of one's own message). In order, it moves `changes_through` on; past a
    /// missing one, it leaves a gap.
    pub fn observe_change(&mut self, change: i64) {
        self.newest_change_seen = self.newest_change_seen.max(change);
        if change <= self.changes_through + 1 {
            self.changes_through = self.changes_through.max(change);
        }
    }

    /// A catch-up answered with every change up to `change` (each message in its latest
    /// state, so the numbers it replaced are never seen one by one).
    pub fn caught_up_through(&mut self, change: i64) {
        self.changes_through = self.changes_through.max(change);
        self.newest_change_seen = self.newest_change_seen.max(change);
    }

    /// A change newer than one that is missing was seen: frames were lost on the way (another
    /// node's, while the link between nodes was down), and a catch-up fills the hole.
    pub fn has_gap(&self) -> bool {
        self.newest_change_seen > self.changes_through
    }

    pub fn changes_through(&self) -> i64 {
        self.changes_through
    }

    /// The server stored our message: it stops being pending and takes its place by seq.
    pub fn acknowledge(&mut self, client_id: &str, message: MessageView) {
        self.pending.stored(client_id.to_owned());
        self.observe_change(message.change);
        self.insert(message);
    }

    /// A fresh newest page for a conversation already held (opened again): anything new in it
    /// is added; what is held stays.
    pub fn merge_newest(&mut self, page: HistoryPage) {
        for message in page.messages {
            self.insert(message);
        }
    }

    /// The message the author is waiting for, if this timeline has it pending.
    pub fn is_pending(&self, client_id: &str) -> bool {
        self.pending.contains(client_id)
    }

    pub fn add_older(&mut self, page: HistoryPage) {
        if page.conversation_id != self.conversation_id {
            return;
        }
        self.has_older = page.has_older;
        for message in page.messages {
            let message = self.note_stored(message);
            self.stored.entry(message.seq).or_insert(message);
        }
    }

    /// Adds a message of ours on its way; returns it, to send.
    pub fn queue(
        &mut self,
        client_id: String,
        body: String,
        reply_to: Option<ReplySnippet>,
    ) -> PendingMessage {
        let pending = PendingMessage {
            client_id,
            body,
            reply_to,
            failure: None,
        };
        self.pending.push(pending.clone());
        pending
    }

    /// A message a previous load of this tab had on its way (`kept_outbox`), as it was then;
    /// not if it is stored already (sent before the reload, its Ack lost).
    pub fn keep_pending(&mut self, pending: PendingMessage) {
        self.pending.keep(pending);
    }

    /// A stored message held here, by seq.
    pub fn get(&self, seq: i64) -> Option<&MessageView> {
        self.stored.get(&seq)
    }

    pub fn reject(&mut self, client_id: &str, reason: String) {
        self.pending.reject(client_id, reason);
    }

    /// Puts a failed message back on its way (same client id, so it cannot be stored twice).
    pub fn retry(&mut self, client_id: &str) -> Option<PendingMessage> {
        self.pending.retry(client_id)
    }

    pub fn discard(&mut self, client_id: &str) {
        self.pending.discard(client_id);
    }

    /// Messages to (re)send after a (re)connect.
    pub fn unsent(&self) -> impl Iterator<Item = &PendingMessage> {
        self.pending.unsent()
    }

    pub fn synced_through(&self) -> i64 {
        self.synced_through
    }

    pub fn oldest_seq(&self) -> Option<i64> {
        self.stored.keys().next().copied()
    }

    pub fn has_older(&self) -> bool {
        self.has_older
    }

    pub fn messages(&self) -> impl Iterator<Item = &MessageView> {
        self.stored.values()
    }

    pub fn pending(&self) -> &[PendingMessage] {
        self.pending.all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::test_views;

    fn message(seq: i64) -> MessageView {
        test_views::message(1, seq, 1, seq * 1000)
    }

    fn page(seqs: std::ops::RangeInclusive<i64>, has_older: bool) -> HistoryPage {
        HistoryPage {
            conversation_id: 1,
            last_change: *seqs.end(),
            messages: seqs.map(message).collect(),
            has_older,
        }
    }

    fn seqs(t: &Timeline) -> Vec<i64> {
        t.messages().map(|m| m.seq).collect()
    }

    #[test]
    fn a_message_received_twice_is_held_once() {
        let mut t = Timeline::new(page(1..=3, false));
        assert!(t.insert(message(4)));
        assert!(!t.insert(message(4)));
        assert!(!t.insert(message(2)));
        assert_eq!(seqs(&t), vec![1, 2, 3, 4]);
    }

    #[test]
    fn catch_up_resumes_after_the_last_contiguous_message_not_the_newest() {
        let mut t = Timeline::new(page(1..=10, false));
        // A live message arrives while the client is still missing 11..=14.
        t.insert(message(15));
        assert_eq!(t.synced_through(), 10);
        for seq in 11..=14 {
            t.insert(message(seq));
        }
        assert_eq!(t.synced_through(), 15);
    }

    #[test]
    fn an_acknowledged_message_leaves_the_pending_list_and_takes_its_seq() {
        let mut t = Timeline::new(page(1..=2, false));
        t.queue("c1".into(), "hello".into(), None);
        assert_eq!(t.unsent().count(), 1);
        t.acknowledge("c1", message(3));
        assert!(t.pending().is_empty());
        assert_eq!(seqs(&t), vec![1, 2, 3]);
    }

    fn own(seq: i64, client_id: &str) -> MessageView {
        MessageView {
            client_id: Some(client_id.into()),
            ..message(seq)
        }
    }

    fn pending(client_id: &str) -> PendingMessage {
        PendingMessage {
            client_id: client_id.into(),
            body: "kept".into(),
            reply_to: None,
            failure: None,
        }
    }

    #[test]
    fn a_kept_message_already_in_the_page_is_not_pending_beside_it() {
        let mut loaded = page(1..=2, false);
        loaded.messages.push(own(3, "c1"));
        let mut t = Timeline::new(loaded);
        t.keep_pending(pending("c1"));
        t.keep_pending(pending("c2"));
        assert_eq!(t.pending(), &[pending("c2")]);
        assert_eq!(t.get(3), Some(&message(3)), "held without its client id");
    }

    #[test]
    fn a_pending_message_brought_by_a_catch_up_stops_being_pending() {
        let mut t = Timeline::new(page(1..=2, false));
        t.queue("c1".into(), "kept".into(), None);
        assert!(t.insert(own(3, "c1")));
        assert!(t.pending().is_empty());
        assert!(
            !t.insert(message(3)),
            "the same message from a frame is held already"
        );
        assert_eq!(seqs(&t), vec![1, 2, 3]);
    }

    #[test]
    fn a_rejected_message_is_not_resent_until_retried() {
        let mut t = Timeline::new(page(1..=1, false));
        t.queue("c1".into(), "hello".into(), None);
        t.reject("c1", "too long".into());
        assert_eq!(t.unsent().count(), 0);
        assert_eq!(t.pending()[0].failure.as_deref(), Some("too long"));
        assert!(t.retry("c1").is_some());
        assert_eq!(t.unsent().count(), 1);
    }

    #[test]
    fn older_pages_are_merged_below_without_duplicates() {
        let mut t = Timeline::new(page(51..=100, true));
        t.add_older(page(1..=51, false));
        assert_eq!(t.oldest_seq(), Some(1));
        assert_eq!(seqs(&t).len(), 100);
        assert!(!t.has_older());
    }

    #[test]
    fn messages_of_another_conversation_are_ignored() {
        let mut t = Timeline::new(page(1..=1, false));
        let mut other = message(2);
        other.conversation_id = 2;
        assert!(!t.insert(other));
    }

    #[test]
    fn an_empty_conversation_catches_up_from_zero() {
        let t = Timeline::new(HistoryPage {
            conversation_id: 1,
            messages: vec![],
            has_older: false,
            last_change: 0,
        });
        assert_eq!(t.synced_through(), 0);
        assert_eq!(t.changes_through(), 0);
        assert_eq!(t.oldest_seq(), None);
    }

    #[test]
    fn a_stale_copy_does_not_bring_a_deleted_message_back() {
        let mut t = Timeline::new(page(1..=2, false));
        let mut tombstone = message(2);
        tombstone.deleted = true;
        tombstone.body.clear();
        assert!(t.insert(tombstone.clone()));
        assert!(!t.insert(message(2)));
        assert_eq!(t.messages().last(), Some(&tombstone));
    }

    #[test]
    fn a_change_past_a_missing_one_is_a_gap_until_a_catch_up_covers_it() {
        let mut t = Timeline::new(page(1..=2, false));
        assert!(!t.has_gap());
        t.observe_change(3);
        assert!(!t.has_gap());
        t.observe_change(5);
        assert!(t.has_gap());
        assert_eq!(t.changes_through(), 3, "catch-up asks from the hole");
        t.caught_up_through(5);
        assert!(!t.has_gap());
        assert_eq!(t.changes_through(), 5);
    }

    #[test]
    fn a_later_state_replaces_an_earlier_one_but_not_the_other_way_round() {
        let mut t = Timeline::new(page(1..=3, false));
        let mut edited = message(2);
        edited.body = "fixed".into();
        edited.edited = true;
        edited.change = 9;
        assert!(t.insert(edited.clone()));
        assert!(
            !t.insert(message(2)),
            "the copy from before the edit is stale"
        );
        assert_eq!(t.messages().nth(1), Some(&edited));
    }

    #[test]
    fn a_change_to_a_message_older_than_those_held_waits_for_its_page() {
        let mut t = Timeline::new(page(51..=100, true));
        let mut deleted = message(10);
        deleted.deleted = true;
        deleted.change = 101;
        assert!(!t.insert(deleted));
        assert_eq!(t.oldest_seq(), Some(51));
    }
}
