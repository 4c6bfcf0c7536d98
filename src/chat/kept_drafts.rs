//! Drafts of every conversation, kept across a reload. The open composer's words are kept by
//! the page's own script (`stopped_notice`), but a draft begun in another conversation lived
//! only in the tab's memory (`ChatStore::draft`), and Safari on a phone discards a tab it has
//! not shown for a while: what someone had begun to write to one person was gone after they
//! looked at another. So the drafts with words in them are kept in the tab's session storage
//! as the outbox is (`kept_for_reload`), and put back by the next load once it is hydrated,
//! where nothing has been typed since. Only for the account that wrote them; never sent.

use serde::{Deserialize, Serialize};

/// Its key in session storage; a page load without the chat forgets it (`stopped_notice`).
pub const KEY: &str = "parley-drafts";

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptDrafts {
    pub user_id: i64,
    /// (conversation id, words)
    pub drafts: Vec<(i64, String)>,
}

impl KeptDrafts {
    /// The drafts, if `me` wrote them (a tab can be signed into another account meanwhile).
    pub fn of(self, me: i64) -> Vec<(i64, String)> {
        if self.user_id == me {
            self.drafts
        } else {
            Vec::new()
        }
    }
}

/// Puts back what the previous load of this tab kept, once the page is hydrated (a draft set
/// while it hydrates would not be drawn), and keeps this load's whenever the page is hidden
/// or left.
#[cfg(feature = "hydrate")]
pub fn keep_drafts(store: super::ChatStore) {
    use super::kept_for_reload::{keep_while_hidden, take};
    let kept = take::<KeptDrafts>(KEY).unwrap_or_default().of(store.me);
    crate::after_hydration::after_hydration(move || store.restore_drafts(kept));
    keep_while_hidden(KEY, move || {
        let drafts = store.drafts_with_words();
        (!drafts.is_empty()).then_some(KeptDrafts {
            user_id: store.me,
            drafts,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_writers_own_are_put_back() {
        let kept = KeptDrafts {
            user_id: 1,
            drafts: vec![(5, "half a thought".to_owned())],
        };
        assert_eq!(kept.clone().of(2), []);
        assert_eq!(kept.of(1), [(5, "half a thought".to_owned())]);
    }

    #[test]
    fn they_are_kept_as_json_the_next_load_reads() {
        let kept = KeptDrafts {
            user_id: 1,
            drafts: vec![(5, "ünïcode \"quoted\"".to_owned()), (7, "b".to_owned())],
        };
        let text = serde_json::to_string(&kept).unwrap();
        assert_eq!(crate::json::from_text::<KeptDrafts>(&text).unwrap(), kept);
    }
}
