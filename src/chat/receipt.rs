//! The receipt under one's own newest message: in a direct conversation "Sent", then "Seen"
//! once the other person's read position covers it; in a group "Seen by 3", the names shown
//! on hover or tap. Shown only while one's own message is the newest stored one (a reply says
//! more than a receipt).

use super::{store::use_chat_store, timeline::Timeline};
use crate::erased_view::IntoErased;
use leptos::prelude::*;

/// Where a conversation's read positions come from.
#[derive(Clone, Copy)]
pub enum Readers {
    /// A direct conversation: how far the other person has read.
    Peer(Signal<Option<i64>>),
    /// A group (by id): the other members' positions, kept in the chat store.
    Group(i64),
}

#[component]
pub fn Receipt(
    timeline: RwSignal<Timeline>,
    /// The reader's user id.
    me: i64,
    readers: Readers,
) -> impl IntoView {
    let store = use_chat_store();
    let names_open = RwSignal::new(false);
    move || {
        let newest = timeline.with(|t| {
            let stored = t.pending().is_empty().then(|| {
                t.messages()
                    .filter(|m| !m.withheld && m.event.is_none())
                    .last()
                    .map(|m| (m.seq, m.sender.id))
            });
            stored.flatten()
        });
        let (seq, sender) = newest?;
        if sender != me {
            return None;
        }
        let view = match readers {
            Readers::Peer(peer_read) => {
                let seen = peer_read.get().is_some_and(|read| read >= seq);
                view! {
                    <li class="receipt" aria-live="polite">{if seen { "Seen" } else { "Sent" }}</li>
                }
                .erase()
            }
            Readers::Group(conversation_id) => {
                let names = store.readers.with(|r| r.seen_by(conversation_id, seq));
                if names.is_empty() {
                    view! { <li class="receipt" aria-live="polite">"Sent"</li> }.erase()
                } else {
                    seen_by(names, names_open).erase()
                }
            }
        };
        Some(view)
    }
}

/// "Seen by 3", a button whose names show on hover (its title) and on tap.
fn seen_by(names: Vec<String>, open: RwSignal<bool>) -> impl IntoView {
    let label = format!("Seen by {}", names.len());
    let all = names.join(", ");
    view! {
        <li class="receipt" aria-live="polite">
            <button type="button" class="seen-by" title=all.clone()
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
            {move || open.get().then(|| view! { <span class="seen-by-names">{all.clone()}</span> })}
        </li>
    }
}
