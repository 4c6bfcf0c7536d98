//! What "Search users" finds: results appear as one types (after a short pause), prefix
//! matches first, 20 at a time with "Show more". While a query is typed the results take the
//! list's place. Drawn only while the box holds a query (`search_box`), and dropped when it is
//! cleared, so every reactive value here is read with `try_`: a search answered after the box
//! was cleared finds them gone.

use super::{
    api::{search_users, UserSearchPage},
    search_result::SearchResult,
};
use crate::chat::actions::OpenDirect;
use leptos::prelude::*;

/// Wait this long after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 200;

#[component]
pub fn UserSearchResults(
    /// The box's words; set to empty here once a conversation is opened from the results.
    query: RwSignal<String>,
) -> impl IntoView {
    let results = RwSignal::new(None::<UserSearchPage>);
    let error = RwSignal::new(None::<String>);
    let loading_more = RwSignal::new(false);
    // Each keystroke starts a new generation; answers to older ones are dropped.
    let generation = StoredValue::new(0u64);
    let open_direct = ServerAction::<OpenDirect>::new();

    let search = move |term: String, after: Option<String>| {
        let current = generation.try_get_value();
        leptos::task::spawn_local(async move {
            let answer = search_users(term, after.clone()).await;
            if current.is_none() || generation.try_get_value() != current {
                return;
            }
            loading_more.try_set(false);
            match answer {
                Ok(page) => {
                    error.try_set(None);
                    results.try_update(|r| match (r, after) {
                        (Some(shown), Some(_)) => {
                            shown.users.extend(page.users);
                            shown.next = page.next;
                        }
                        (r, _) => *r = Some(page),
                    });
                }
                Err(e) => {
                    error.try_set(Some(e.to_string()));
                }
            }
        });
    };
    // On every change of the words (and at once for the first ones), after the pause.
    Effect::new(move |_| {
        let value = query.get();
        generation.update_value(|g| *g += 1);
        if value.trim().is_empty() {
            return;
        }
        let current = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(current) {
                    search(value, None);
                }
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
    });
    let show_more = move |_| {
        let Some(after) = results.with(|r| r.as_ref().and_then(|r| r.next.clone())) else {
            return;
        };
        loading_more.set(true);
        search(query.get_untracked(), Some(after));
    };
    // Opening a conversation from the results ends the search. The conversation may be new,
    // or one this user had hidden: the list the page holds lacks it, and the server's now has
    // it (with the draft typed into it, it is found there again).
    #[cfg(feature = "hydrate")]
    let store = crate::chat::use_chat_store();
    Effect::new(move |_| {
        if open_direct.version().get() > 0 {
            #[cfg(feature = "hydrate")]
            if let Some(Ok(id)) = open_direct.value().get_untracked() {
                if store.with_inbox_untracked(|inbox| inbox.get(id).is_none()) {
                    store.refresh_inbox();
                }
            }
            // Last: it drops these results.
            query.set(String::new());
        }
    });

    view! {
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || results.get().map(|page| {
            let UserSearchPage { users, next } = page;
            let empty = users.is_empty();
            view! {
                <section class="search-results" aria-label="Search results">
                    {empty.then(|| view! { <p class="hint pane-hint">"No one by that name."</p> })}
                    <ul>
                        {users.into_iter().map(|user| view! { <SearchResult user action=open_direct/> }).collect_view()}
                    </ul>
                    {next.is_some().then(|| view! {
                        <button type="button" class="secondary show-more" disabled=move || loading_more.get()
                            on:click=show_more>"Show more"</button>
                    })}
                </section>
            }
        })}
    }
}
