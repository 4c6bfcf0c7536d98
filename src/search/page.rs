//! `/search?q=…`: messages of one's conversations that contain the words, newest first, each
//! with its conversation, sender, time and the matched words marked. A result opens its
//! conversation at that message (`/c/{id}?at={seq}`). The form is a plain GET form, so a search
//! works before the page's wasm has loaded, and its address can be reloaded or shared.

use super::{
    api::{search_messages, FoundMessage, MessageSearchPage},
    highlight::{highlight, Segment},
    terms::search_words,
};
use crate::chat::{Avatar, TimeLabel};
use crate::erased_view::IntoErased;
use crate::typed_before_hydration::keep_typed_before_hydration;
use leptos::{html, prelude::*};
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

/// The words box's element id: one per page.
const BOX_ID: &str = "message-search";

#[component]
pub fn SearchMessagesPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = move || query_map.read().get("q").unwrap_or_default();
    // Words typed before the page came alive go back into the box (hydration set it to the
    // address's words); the search itself waits for Enter, as it would have.
    let words_box = NodeRef::<html::Input>::new();
    keep_typed_before_hydration(BOX_ID, move |typed| {
        if let Some(input) = words_box.get_untracked() {
            if input.value() == untrack(query) {
                input.set_value(&typed);
            }
        }
    });
    let first_page = crate::json::blocking_resource(query, |query| async move {
        if query.trim().is_empty() {
            return Ok(None);
        }
        search_messages(query, None).await.map(Some)
    });
    view! {
        <Title text="Search · Parley"/>
        <section class="search-page" aria-label="Search messages">
            <header class="chat-header">
                <a class="back" href="/" aria-label="Back to conversations">"‹"</a>
                <h1>"Search messages"</h1>
            </header>
            <Form action="/search" on_form_data=without_nameless_fields()>
                <div class="search message-search" role="search">
                    <input id=BOX_ID node_ref=words_box type="search" name="q" aria-label="Words to find in messages"
                        placeholder="Words in your messages" autocomplete="off" enterkeyhint="search"
                        maxlength=super::terms::MAX_QUERY_CHARS.to_string() prop:value=query/>
                    <button type="submit">"Search"</button>
                </div>
            </Form>
            <Suspense fallback=|| view! { <p class="loading">"Searching…"</p> }>
                {move || Suspend::new(async move {
                    match first_page.await {
                        Ok(Some(page)) => view! { <Results query=query() page/> }.erase(),
                        Ok(None) => view! {
                            <p class="hint pane-hint">"Find words in the messages of your conversations."</p>
                        }.erase(),
                        Err(error) => view! {
                            <p class="form-error" role="alert">{error.to_string()}</p>
                        }.erase(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The results of one query, with "Show more" adding the next page below.
#[component]
fn Results(query: String, page: MessageSearchPage) -> impl IntoView {
    let words = search_words(&query).unwrap_or_default();
    let shown = RwSignal::new(page.found);
    let next = RwSignal::new(page.next);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let show_more = move |_| {
        let Some(before) = next.get_untracked() else {
            return;
        };
        loading.set(true);
        let query = query.clone();
        leptos::task::spawn_local(async move {
            match search_messages(query, Some(before)).await {
                Ok(page) => {
                    shown.update(|s| s.extend(page.found));
                    next.set(page.next);
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
            loading.set(false);
        });
    };
    view! {
        <Show when=move || shown.with(Vec::is_empty)>
            <p class="hint pane-hint" role="status">"No messages with those words."</p>
        </Show>
        <ol class="found-messages" aria-label="Messages found">
            <For each=move || shown.get() key=|found| found.cursor let:found>
                <FoundItem found words=words.clone()/>
            </For>
        </ol>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <Show when=move || next.with(Option::is_some)>
            <button type="button" class="secondary show-more" disabled=move || loading.get()
                on:click=show_more.clone()>"Show more"</button>
        </Show>
    }
}

#[component]
fn FoundItem(found: FoundMessage, words: Vec<String>) -> impl IntoView {
    let href = format!("/c/{}?at={}", found.conversation_id, found.seq);
    let text = highlight(&found.body, &words);
    let photo = found
        .photo
        .then(|| view! { <span class="found-photo">"Photo"</span> });
    // In a direct conversation the sender is usually its title: named only when not.
    let sender = (found.sender.username != found.conversation_title).then(|| {
        view! { <span class="found-sender">{format!(" · {}", found.sender.username)}</span> }
    });
    view! {
        <li class="found-message">
            <a href=href>
                <Avatar user=found.sender.clone()/>
                <div class="found-body">
                    <p class="found-where">
                        <span class="found-names">
                            <span class="found-conversation">{found.conversation_title.clone()}</span>
                            {sender}
                        </span>
                        <TimeLabel sent_at_ms=found.sent_at_ms/>
                    </p>
                    <p class="found-text">{photo}{text.into_iter().map(segment).collect_view()}</p>
                </div>
            </a>
        </li>
    }
}

fn segment(Segment { text, matched }: Segment) -> AnyView {
    if matched {
        view! { <mark>{text}</mark> }.erase()
    } else {
        text.erase()
    }
}

/// Leptos's `<Form>` adds the button that submitted it to the fields even when the button has
/// no name (browsers leave such a button out), which put a stray `&=` on the search's address.
fn without_nameless_fields() -> std::sync::Arc<dyn Fn(&leptos::web_sys::FormData)> {
    std::sync::Arc::new(|fields| fields.delete(""))
}
