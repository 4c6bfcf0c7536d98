//! How far the other members of each group have read, for "Seen by 3" under one's own last
//! message: filled from the conversation's view when it opens, moved on by `member_read`
//! frames. Positions only ever move forward (frames and a view fetched earlier can cross).

use crate::protocol::ReaderView;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct GroupReaders {
    by_conversation: HashMap<i64, HashMap<i64, ReaderView>>,
}

impl GroupReaders {
    pub fn note(&mut self, conversation_id: i64, reader: ReaderView) {
        let readers = self.by_conversation.entry(conversation_id).or_default();
        match readers.get_mut(&reader.user.id) {
            Some(known) if known.seq >= reader.seq => {}
            Some(known) => *known = reader,
            None => {
                readers.insert(reader.user.id, reader);
            }
        }
    }

    pub fn merge(&mut self, conversation_id: i64, readers: Vec<ReaderView>) {
        self.by_conversation.entry(conversation_id).or_default();
        for reader in readers {
            self.note(conversation_id, reader);
        }
    }

    /// The names of those who have read up to `seq`, in alphabetical order.
    pub fn seen_by(&self, conversation_id: i64, seq: i64) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_conversation
            .get(&conversation_id)
            .into_iter()
            .flat_map(|readers| readers.values())
            .filter(|r| r.seq >= seq)
            .map(|r| r.user.username.clone())
            .collect();
        names.sort_by_key(|n| n.to_lowercase());
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::UserView;

    fn reader(id: i64, name: &str, seq: i64) -> ReaderView {
        let user = UserView {
            id,
            username: name.into(),
            picture: None,
        };
        ReaderView { user, seq }
    }

    #[test]
    fn counts_those_who_read_far_enough_and_never_moves_back() {
        let mut readers = GroupReaders::default();
        readers.merge(7, vec![reader(1, "bob", 4), reader(2, "Cat", 9)]);
        assert_eq!(readers.seen_by(7, 5), vec!["Cat"]);
        readers.note(7, reader(1, "bob", 6));
        assert_eq!(readers.seen_by(7, 5), vec!["bob", "Cat"]);
        // An older view fetched before the frame arrived does not undo it.
        readers.merge(7, vec![reader(1, "bob", 4)]);
        assert_eq!(readers.seen_by(7, 5), vec!["bob", "Cat"]);
        assert!(readers.seen_by(8, 1).is_empty());
    }
}
