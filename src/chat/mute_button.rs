//! Muting a conversation from its header: no notifications from it, and its unread count stays
//! quiet in the list and out of the tab's title. Kept on the server (the member's row), so it
//! holds on every device; every open tab of the person follows at once.

use super::{actions::mute_conversation, inbox_reloads::InboxEdit, store::use_chat_store};
use leptos::prelude::*;

#[component]
pub fn MuteButton(conversation_id: i64) -> impl IntoView {
    let store = use_chat_store();
    let muted = move || store.with_inbox(|i| i.get(conversation_id).is_some_and(|c| c.muted));
    let error = RwSignal::new(None::<String>);
    let toggle = move |_| {
        let want = !muted();
        leptos::task::spawn_local(async move {
            match mute_conversation(conversation_id, want).await {
                Ok(now) => {
                    error.set(None);
                    store.edit_inbox(InboxEdit::Muted {
                        conversation_id,
                        muted: now,
                    });
                }
                Err(e) => error.set(Some(format!("Could not change muting: {e}"))),
            }
        });
    };
    let label = move || {
        if muted() {
            "Unmute conversation"
        } else {
            "Mute conversation"
        }
    };
    view! {
        <button type="button" class="mute icon-button" aria-pressed=move || muted().to_string()
            aria-label=label title=label on:click=toggle>
            <BellIcon crossed=Signal::derive(muted)/>
        </button>
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}

/// A bell, struck through when muted.
#[component]
pub fn BellIcon(#[prop(into)] crossed: Signal<bool>) -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none"
            stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z"/>
            <path d="M10 20.5a2 2 0 0 0 4 0"/>
            <path d="M4 4 20 20" visibility=move || if crossed.get() { "visible" } else { "hidden" }/>
        </svg>
    }
}
