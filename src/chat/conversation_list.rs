//! The user's conversations, newest activity first, live.

use super::{conversation_item::ConversationItem, store::use_chat_store};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn ConversationList() -> impl IntoView {
    let store = use_chat_store();
    let location = use_location();
    let open_id = Memo::new(move |_| {
        location
            .pathname
            .with(|p| p.strip_prefix("/c/").and_then(|id| id.parse::<i64>().ok()))
    });
    view! {
        <nav class="conversations" aria-label="Conversations">
            <ul>
                <For
                    each=move || store.with_inbox(|i| i.entries().to_vec())
                    key=|c| (c.id, c.last_seq, c.last_read_seq, c.last_message.as_ref().map(|m| m.change), c.muted, c.peer_presence)
                    children=move |c| {
                        let id = c.id;
                        view! { <ConversationItem summary=c me=store.me active=Signal::derive(move || open_id.get() == Some(id))/> }
                    }
                />
            </ul>
        </nav>
    }
}
