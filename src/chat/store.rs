//! The chat state one browser tab shares between the conversation list, the open conversation
//! and the socket: the list itself, and the timelines of the conversations opened so far. They
//! outlive navigation between conversations, so going back to one is instant and the one socket
//! keeps every held timeline current.

use super::{
    group_readers::GroupReaders,
    inbox::Inbox,
    inbox_reloads::{InboxEdit, InboxReloads},
    kept_outbox::Carried,
    timeline::Timeline,
    typing::TypingBoard,
};
use crate::protocol::{ConversationSummary, HistoryPage, MessageView, PresenceView, UserView};
use leptos::prelude::*;
use std::collections::HashMap;

#[derive(Clone, Copy)]
pub struct ChatStore {
    pub me: i64,
    my_view: StoredValue<UserView>,
    /// The conversation list. Private, so that every change goes through `edit_inbox` or
    /// `note_message`, which a reload in flight replays on its answer; a change written to the
    /// signal directly would be lost when that answer lands.
    inbox: RwSignal<Inbox>,
    reloads: StoredValue<InboxReloads>,
    /// Who is typing where (never stored; from the socket's `typing` frames).
    pub typing: RwSignal<TypingBoard>,
    /// How far other members of groups have read ("Seen by 3").
    pub readers: RwSignal<GroupReaders>,
    /// Presence told by the socket since the page loaded, by user (`None`: now hidden), for
    /// views that fetched presence once (a group's member list).
    pub presence: RwSignal<HashMap<i64, Option<PresenceView>>>,
    /// False while the tab is in the background: messages arriving then stay unread.
    pub visible: RwSignal<bool>,
    timelines: StoredValue<HashMap<i64, RwSignal<Timeline>>>,
    /// Words typed and not sent, by conversation: the composer's own text, kept here so that
    /// looking at another conversation does not throw it away, and shown in the list ("Draft:
    /// …"). One signal each, so typing touches only its own conversation's row. Only in this
    /// tab: never sent anywhere, and kept for its next load only (`kept_drafts`).
    drafts: StoredValue<HashMap<i64, RwSignal<String>>>,
    /// Messages a previous load of this tab had on their way, until their conversation's
    /// timeline opens (`kept_outbox`).
    pub carried: StoredValue<Carried>,
    /// The shell's owner: timelines are created under it, not under the (shorter-lived)
    /// conversation view that first asks for them.
    owner: StoredValue<Owner>,
    /// Goes to an address inside the app (the router's navigation), for code outside any
    /// component: a notification's click.
    navigate: StoredValue<Option<Callback<String>>>,
}

impl ChatStore {
    pub fn provide(me: UserView, conversations: Vec<ConversationSummary>) -> Self {
        let store = Self {
            me: me.id,
            my_view: StoredValue::new(me),
            inbox: RwSignal::new(Inbox::new(conversations)),
            reloads: StoredValue::new(InboxReloads::default()),
            typing: RwSignal::new(TypingBoard::default()),
            readers: RwSignal::new(GroupReaders::default()),
            presence: RwSignal::new(HashMap::new()),
            visible: RwSignal::new(true),
            timelines: StoredValue::new(HashMap::new()),
            drafts: StoredValue::new(HashMap::new()),
            carried: StoredValue::new(Carried::default()),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            navigate: StoredValue::new(None),
        };
        provide_context(store);
        store
    }

    pub fn set_navigator(&self, navigate: Callback<String>) {
        self.navigate.set_value(Some(navigate));
    }

    /// Opens `path` in this tab without reloading it.
    pub fn open(&self, path: &str) {
        if let Some(navigate) = self.navigate.get_value() {
            navigate.run(path.to_owned());
        }
    }

    pub fn me(&self) -> UserView {
        self.my_view.get_value()
    }

    pub fn timeline(&self, conversation_id: i64) -> Option<RwSignal<Timeline>> {
        self.timelines
            .with_value(|t| t.get(&conversation_id).copied())
    }

    /// The conversation's timeline, created from `page` the first time, merged with it later.
    pub fn open_timeline(&self, page: HistoryPage) -> RwSignal<Timeline> {
        let id = page.conversation_id;
        if let Some(timeline) = self.timeline(id) {
            timeline.update(|t| t.merge_newest(page));
            return timeline;
        }
        let mut fresh = Timeline::new(page);
        for kept in self.take_carried(id) {
            fresh.keep_pending(kept);
        }
        let timeline = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(fresh)));
        self.timelines.update_value(|t| {
            t.insert(id, timeline);
        });
        timeline
    }

    /// The kept messages of a conversation, out of `carried` (none while the page hydrates).
    fn take_carried(&self, conversation_id: i64) -> Vec<super::pending::PendingMessage> {
        let kept = self
            .carried
            .try_update_value(|c| c.take_for(conversation_id));
        kept.unwrap_or_default()
    }

    /// What is typed in the conversation and not sent yet: the composer edits it, the list
    /// shows it. Created empty the first time, under the shell's owner (as timelines are).
    pub fn draft(&self, conversation_id: i64) -> RwSignal<String> {
        if let Some(draft) = self.drafts.with_value(|d| d.get(&conversation_id).copied()) {
            return draft;
        }
        let draft = self
            .owner
            .with_value(|owner| owner.with(|| RwSignal::new(String::new())));
        self.drafts.update_value(|d| {
            d.insert(conversation_id, draft);
        });
        draft
    }

    /// Every draft with words in it, to keep across a reload (`kept_drafts`). `try_`: a page
    /// left as the shell goes away must not find its state gone and stop.
    pub fn drafts_with_words(&self) -> Vec<(i64, String)> {
        let drafts = self.drafts.try_with_value(|d| {
            d.iter()
                .map(|(id, draft)| (*id, *draft))
                .collect::<Vec<_>>()
        });
        drafts
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(id, draft)| {
                let words = draft.try_get_untracked()?;
                (!words.trim().is_empty()).then_some((id, words))
            })
            .collect()
    }

    /// Puts back drafts a previous load of this tab kept, where nothing was typed since.
    pub fn restore_drafts(&self, kept: Vec<(i64, String)>) {
        for (conversation_id, words) in kept {
            let draft = self.draft(conversation_id);
            if draft.with_untracked(String::is_empty) {
                draft.set(words);
            }
        }
    }

    /// Reads the conversation list, tracked: a view or effect doing this runs again when the
    /// list changes.
    pub fn with_inbox<T>(&self, read: impl FnOnce(&Inbox) -> T) -> T {
        self.inbox.with(read)
    }

    pub fn with_inbox_untracked<T>(&self, read: impl FnOnce(&Inbox) -> T) -> T {
        self.inbox.with_untracked(read)
    }

    /// `with_inbox`, or `None` once the tab's chat state is gone (an effect running late).
    pub fn try_with_inbox<T>(&self, read: impl FnOnce(&Inbox) -> T) -> Option<T> {
        self.inbox.try_with(read)
    }

    /// Changes the list; false for a message in a conversation it does not hold.
    pub fn edit_inbox(&self, edit: InboxEdit) -> bool {
        let me = self.me;
        let known = self.inbox.try_update(|i| edit.apply(i, me)).unwrap_or(true);
        self.reloads.try_update_value(|r| r.record(edit));
        known
    }

    /// `edit_inbox` for a message (one arrived, was acknowledged or changed), without copying
    /// it unless a reload waits: this runs for every message frame.
    pub fn note_message(&self, message: &MessageView) -> bool {
        let me = self.me;
        let known = self
            .inbox
            .try_update(|i| i.note_message(message, me))
            .unwrap_or(true);
        if self.reloads.try_with_value(InboxReloads::is_waiting) == Some(true) {
            self.reloads
                .update_value(|r| r.record(InboxEdit::Message(message.clone())));
        }
        known
    }

    /// Fetches the list again (after a reconnect, or when a conversation it lacks gets a
    /// message). Only the newest reload's answer is shown, with the edits made meanwhile.
    #[cfg(feature = "hydrate")]
    pub fn refresh_inbox(&self) {
        let (inbox, reloads, me) = (self.inbox, self.reloads, self.me);
        let Some(ticket) = reloads.try_update_value(InboxReloads::start) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match super::api::open_inbox().await {
                Ok(view) => {
                    let answer = reloads
                        .try_update_value(|r| r.finish(ticket, view.conversations, me))
                        .flatten();
                    if let Some(fresh) = answer {
                        inbox.try_set(fresh);
                    }
                }
                Err(error) => {
                    reloads.try_update_value(|r| r.abandon(ticket));
                    leptos::logging::warn!("could not reload the conversation list: {error}")
                }
            }
        });
    }

    #[cfg(feature = "hydrate")]
    pub fn timelines(&self) -> Vec<RwSignal<Timeline>> {
        self.timelines.with_value(|t| t.values().copied().collect())
    }

    /// Once the page is hydrated: kept messages go into the timelines open now, and into
    /// later ones as they open (`Carried::release`).
    #[cfg(feature = "hydrate")]
    pub fn release_carried(&self) {
        if self.carried.try_update_value(Carried::release).is_none() {
            return;
        }
        let timelines = self
            .timelines
            .try_with_value(|t| t.clone())
            .unwrap_or_default();
        for (id, timeline) in timelines {
            let kept = self.take_carried(id);
            if !kept.is_empty() {
                timeline.try_update(|t| kept.into_iter().for_each(|p| t.keep_pending(p)));
            }
        }
    }

    /// Every message of this tab on its way or refused, to keep across a reload.
    #[cfg(feature = "hydrate")]
    pub fn kept_outbox(&self) -> Vec<super::kept_outbox::KeptMessage> {
        use super::kept_outbox::KeptMessage;
        let user_id = self.me;
        let mut kept: Vec<KeptMessage> = self
            .carried
            .try_with_value(|c| c.all().to_vec())
            .unwrap_or_default();
        // `try_`: a page left as the shell goes away must not find its state gone and stop.
        let timelines = self
            .timelines
            .try_with_value(|t| t.values().copied().collect::<Vec<_>>());
        for timeline in timelines.unwrap_or_default() {
            timeline.try_with_untracked(|t| {
                kept.extend(t.pending().iter().map(|message| KeptMessage {
                    user_id,
                    conversation_id: t.conversation_id(),
                    message: message.clone(),
                }))
            });
        }
        kept
    }
}

pub fn use_chat_store() -> ChatStore {
    expect_context::<ChatStore>()
}
