//! The signed-in layout around every conversation: the list (with search) on one side, the
//! open conversation on the other. On a phone only one of them shows at a time. It owns the
//! tab's chat state and its one socket, so both survive moving between conversations.

use super::{
    api::{open_inbox, InboxView},
    avatar::Avatar,
    conversation_list::ConversationList,
    link_status::LinkStatusBar,
    socket::ChatSocket,
    store::ChatStore,
    tab_title::UnreadTitle,
};
use crate::erased_view::IntoErased;
use crate::{auth::signed_in_or_login, people::UserSearch};
use leptos::prelude::*;
use leptos_router::{components::Outlet, hooks::use_location};

#[component]
pub fn ChatShell() -> impl IntoView {
    let inbox = crate::json::blocking_resource(|| (), |_| open_inbox());
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                signed_in_or_login(inbox.await, |view| view! { <ChatLayout view/> }.erase())
            })}
        </Suspense>
    }
}

#[component]
fn ChatLayout(view: InboxView) -> impl IntoView {
    let InboxView { me, conversations } = view;
    let settings_label = format!("Settings for {}", me.username);
    let me_avatar = me.clone();
    let store = ChatStore::provide(me, conversations);
    let navigate = leptos_router::hooks::use_navigate();
    store.set_navigator(Callback::new(move |path: String| {
        navigate(&path, Default::default())
    }));
    // Before the socket starts: its first connect sends them.
    keep_outbox(store);
    #[cfg(feature = "hydrate")]
    super::kept_drafts::keep_drafts(store);
    let socket = ChatSocket::start(store);
    provide_context(socket.clone());
    track_visibility(store);
    let location = use_location();
    // From the address, so the server and the browser agree on it before anything loads.
    // Search results take the conversation's place too.
    let conversation_open = move || {
        location
            .pathname
            .with(|p| p.starts_with("/c/") || p == "/search" || p == "/new-group")
    };
    view! {
        <UnreadTitle/>
        <LinkStatusBar status=socket.status/>
        <div class="chat-layout" class:conversation-open=conversation_open>
            <aside class="sidebar">
                <header class="sidebar-header">
                    <h1 class="brand-small">"Parley"</h1>
                    // One's own picture opens settings (where "Log out" is), as in messengers.
                    <a class="search-messages" href="/search" title="Search messages"
                        aria-label="Search messages">
                        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2"/>
                            <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                        </svg>
                    </a>
                    <a class="me" href="/settings" title="Settings" aria-label=settings_label>
                        <Avatar user=me_avatar/>
                    </a>
                </header>
                <UserSearch/>
                <a class="new-group" href="/new-group">"+ New group"</a>
                <ConversationList/>
            </aside>
            <div class="pane">
                <Outlet/>
            </div>
        </div>
    }
}

/// Keeps `store.visible` in step with the tab being shown: a conversation is only marked read
/// while someone can see it.
fn track_visibility(store: ChatStore) {
    #[cfg(feature = "hydrate")]
    {
        let is_visible = || document().visibility_state() == web_sys::VisibilityState::Visible;
        store.visible.set(is_visible());
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
            store.visible.try_set(is_visible());
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = store;
}

/// Takes back the messages a previous load of this tab had on their way, and keeps this
/// load's whenever the page is hidden or left (`kept_outbox`).
fn keep_outbox(store: ChatStore) {
    #[cfg(feature = "hydrate")]
    {
        use super::kept_outbox::{keep_while_hidden, take, Carried};
        store.carried.set_value(Carried::of(store.me, take()));
        crate::after_hydration::after_hydration(move || store.release_carried());
        keep_while_hidden(move || store.kept_outbox());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = store;
}
