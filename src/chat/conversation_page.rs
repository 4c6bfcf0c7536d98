//! `/c/{id}`: one conversation, rendered on the server for its members. Anyone else (and any
//! id that does not exist) gets the same "not found" page with a 404.

use super::{
    api::open_conversation,
    conversation_view::{ConversationPane, RemovedNote},
    store::use_chat_store,
};
use crate::erased_view::IntoErased;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConversationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    // A pane of its own for each conversation, built afresh when the address moves to
    // another one. One resource reloading into the same pane rebuilt the last conversation's
    // pane in place, where its disposed state was still read: the client panicked and the
    // new conversation kept the old one's messages.
    view! {
        <For each=move || std::iter::once(id()) key=|id| *id
            children=|id| view! { <ConversationLoader id/> }/>
    }
}

/// Loads conversation `id` (`None` for an address that is not a number) and shows it.
#[component]
fn ConversationLoader(id: Option<i64>) -> impl IntoView {
    let conversation = crate::json::blocking_resource(
        move || id,
        |id| async move {
            match id {
                Some(id) => open_conversation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match conversation.await {
                    Ok(view) => view! { <ConversationPane view/> }.erase(),
                    Err(AppError::NotFound) => match removed_group_title(id) {
                        Some(title) => view! { <RemovedFromGroup id=id.unwrap_or(0) title/> }.erase(),
                        None => view! { <ConversationNotFound/> }.erase(),
                    },
                    Err(error) => view! {
                        <p class="form-error pane-message" role="alert">{error.to_string()}</p>
                    }.erase(),
                }
            })}
        </Suspense>
    }
}

/// The name of group `id` if the list holds it as one the reader was removed from.
fn removed_group_title(id: Option<i64>) -> Option<String> {
    let store = use_chat_store();
    store.with_inbox_untracked(|inbox| {
        let line = inbox.get(id?)?;
        line.group
            .as_ref()
            .filter(|group| group.removed)
            .map(|group| group.name.clone())
    })
}

/// A group the reader was removed from: nothing of it can be read any more.
#[component]
fn RemovedFromGroup(id: i64, title: String) -> impl IntoView {
    let label = title.clone();
    view! {
        <section class="chat" aria-label=label>
            <header class="chat-header">
                <a class="back" href="/" aria-label="Back to conversations">"‹"</a>
                <div class="chat-title"><h1>{title}</h1></div>
            </header>
            <div class="pane-message"><p>"Its messages are no longer shown to you."</p></div>
            <RemovedNote conversation_id=id/>
        </section>
    }
}

#[component]
fn ConversationNotFound() -> impl IntoView {
    crate::app::respond_not_found();
    view! {
        <div class="pane-message">
            <a class="back" href="/" aria-label="Back to conversations">"‹"</a>
            <h1>"Conversation not found"</h1>
            <p>"It does not exist, or you are not in it."</p>
            <p><a href="/">"Back to your conversations"</a></p>
        </div>
    }
}

/// `/` beside the list on a wide screen, before a conversation is picked.
#[component]
pub fn NoConversationOpen() -> impl IntoView {
    view! {
        <div class="pane-message">
            <h1>"Pick a conversation"</h1>
            <p>"Or search for someone by name to start one."</p>
        </div>
    }
}
