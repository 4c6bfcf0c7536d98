//! "Ann is typing…": who is typing where, as this tab heard it, and how often this tab says
//! that its own user is typing. Nothing of it is stored anywhere.

use crate::protocol::{UserView, TYPING_EXPIRES_MS, TYPING_REFRESH_MS};
use std::collections::HashMap;

/// Who is typing in each conversation, each until a moment (ms) unless told again.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TypingBoard {
    typing: HashMap<i64, Vec<(UserView, i64)>>,
}

impl TypingBoard {
    /// A `typing` frame: `user` started (again) or stopped.
    pub fn note(&mut self, conversation_id: i64, user: UserView, typing: bool, now_ms: i64) {
        let people = self.typing.entry(conversation_id).or_default();
        people.retain(|(u, _)| u.id != user.id);
        if typing {
            people.push((user, now_ms + TYPING_EXPIRES_MS));
        }
        if people.is_empty() {
            self.typing.remove(&conversation_id);
        }
    }

    /// A message from `user_id` arrived: they are done typing it.
    pub fn clear(&mut self, conversation_id: i64, user_id: i64) -> bool {
        let Some(people) = self.typing.get_mut(&conversation_id) else {
            return false;
        };
        let before = people.len();
        people.retain(|(u, _)| u.id != user_id);
        let changed = people.len() != before;
        if people.is_empty() {
            self.typing.remove(&conversation_id);
        }
        changed
    }

    /// Forgets whoever was not heard from in time (a closed tab says nothing). True when
    /// someone was forgotten.
    pub fn expire(&mut self, now_ms: i64) -> bool {
        let mut changed = false;
        self.typing.retain(|_, people| {
            let before = people.len();
            people.retain(|(_, until)| *until > now_ms);
            changed |= people.len() != before;
            !people.is_empty()
        });
        changed
    }

    pub fn anyone(&self, conversation_id: i64) -> bool {
        self.typing.contains_key(&conversation_id)
    }

    /// "Ann is typing…", "Ann and Bob are typing…", "Several people are typing…".
    pub fn line(&self, conversation_id: i64) -> Option<String> {
        let people = self.typing.get(&conversation_id)?;
        Some(match people.as_slice() {
            [] => return None,
            [(one, _)] => format!("{} is typing…", one.username),
            [(one, _), (two, _)] => format!("{} and {} are typing…", one.username, two.username),
            _ => "Several people are typing…".to_owned(),
        })
    }
}

/// When this tab says its user is typing: at once when they start, again every
/// `TYPING_REFRESH_MS` while they go on, and "stopped" when the box is emptied.
#[derive(Debug, Default)]
pub struct TypingSignal {
    /// When "typing" was last said; `None` when the other side thinks we stopped.
    said_at: Option<i64>,
}

impl TypingSignal {
    /// The draft changed to `draft`: `Some(typing)` when that is worth saying now.
    pub fn draft_changed(&mut self, draft: &str, now_ms: i64) -> Option<bool> {
        if draft.trim().is_empty() {
            return self.said_at.take().map(|_| false);
        }
        match self.said_at {
            Some(at) if now_ms - at < TYPING_REFRESH_MS => None,
            _ => {
                self.said_at = Some(now_ms);
                Some(true)
            }
        }
    }

    /// The message went: its arrival tells the others, so nothing more is said.
    pub fn sent(&mut self) {
        self.said_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> UserView {
        UserView {
            id,
            username: name.into(),
            picture: None,
        }
    }

    #[test]
    fn the_line_names_one_or_two_and_counts_more() {
        let mut board = TypingBoard::default();
        assert_eq!(board.line(5), None);
        board.note(5, person(1, "ann"), true, 0);
        assert_eq!(board.line(5).as_deref(), Some("ann is typing…"));
        board.note(5, person(2, "bob"), true, 0);
        assert_eq!(board.line(5).as_deref(), Some("ann and bob are typing…"));
        board.note(5, person(3, "cat"), true, 0);
        assert_eq!(board.line(5).as_deref(), Some("Several people are typing…"));
        assert!(!board.anyone(6));
    }

    #[test]
    fn stopping_a_message_and_silence_each_clear_it() {
        let mut board = TypingBoard::default();
        board.note(5, person(1, "ann"), true, 0);
        board.note(5, person(1, "ann"), false, 10);
        assert!(!board.anyone(5));

        board.note(5, person(1, "ann"), true, 0);
        assert!(board.clear(5, 1));
        assert!(!board.anyone(5));

        board.note(5, person(1, "ann"), true, 0);
        assert!(!board.expire(TYPING_EXPIRES_MS - 1));
        // Told again meanwhile: kept from then.
        board.note(5, person(1, "ann"), true, 3_000);
        assert!(!board.expire(TYPING_EXPIRES_MS + 1));
        assert!(board.expire(3_000 + TYPING_EXPIRES_MS));
        assert!(!board.anyone(5));
    }

    #[test]
    fn typing_is_said_at_most_every_refresh_and_stopping_once() {
        let mut signal = TypingSignal::default();
        assert_eq!(signal.draft_changed("h", 0), Some(true));
        assert_eq!(signal.draft_changed("he", 100), None);
        assert_eq!(signal.draft_changed("hel", TYPING_REFRESH_MS), Some(true));
        assert_eq!(
            signal.draft_changed("", TYPING_REFRESH_MS + 10),
            Some(false)
        );
        assert_eq!(signal.draft_changed("  ", TYPING_REFRESH_MS + 20), None);
        assert_eq!(
            signal.draft_changed("again", TYPING_REFRESH_MS + 30),
            Some(true)
        );
        signal.sent();
        assert_eq!(signal.draft_changed("", TYPING_REFRESH_MS + 40), None);
        assert_eq!(
            signal.draft_changed("next", TYPING_REFRESH_MS + 50),
            Some(true)
        );
    }
}
