//! "Search users": results appear as one types (after a short pause), prefix matches first,
//! 20 at a time with "Show more". While a query is typed the results take the list's place.

use super::{
    api::{search_users, UserSearchPage},
    search_result::SearchResult,
};
use crate::chat::actions::OpenDirect;
use crate::typed_before_hydration::keep_typed_before_hydration;
use leptos::prelude::*;

/// Wait this long after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 200;

/// The search box's element id: one per page.
const BOX_ID: &str = "user-search";

#[component]
pub fn UserSearch() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(None::<UserSearchPage>);
    let error = RwSignal::new(None::<String>);
    let loading_more = RwSignal::new(false);
    // Each keystroke starts a new generation; answers to older ones are dropped.
    let generation = StoredValue::new(0u64);
    let open_direct = ServerAction::<OpenDirect>::new();

    let search = move |term: String, after: Option<String>| {
        let current = generation.get_value();
        leptos::task::spawn_local(async move {
            let answer = search_users(term, after.clone()).await;
            if generation.get_value() != current {
                return;
            }
            loading_more.set(false);
            match answer {
                Ok(page) => {
                    error.set(None);
                    results.update(|r| match (r, after) {
                        (Some(shown), Some(_)) => {
                            shown.users.extend(page.users);
                            shown.next = page.next;
                        }
                        (r, _) => *r = Some(page),
                    });
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let on_input = move |value: String| {
        query.set(value.clone());
        generation.update_value(|g| *g += 1);
        if value.trim().is_empty() {
            results.set(None);
            error.set(None);
            return;
        }
        let current = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == current {
                    search(value, None);
                }
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
    };
    // A name typed into the server's page before it came alive is searched for once it has.
    keep_typed_before_hydration(BOX_ID, move |text| {
        if query.with_untracked(String::is_empty) {
            on_input(text);
        }
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
            query.set(String::new());
            results.set(None);
            #[cfg(feature = "hydrate")]
            if let Some(Ok(id)) = open_direct.value().get_untracked() {
                if store.with_inbox_untracked(|inbox| inbox.get(id).is_none()) {
                    store.refresh_inbox();
                }
            }
        }
    });

    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <input id=BOX_ID type="search" aria-label="Search users" placeholder="Search users" autocomplete="off"
                autocapitalize="none" spellcheck="false" enterkeyhint="search"
                prop:value=move || query.get()
                on:input:target=move |ev| on_input(ev.target().value())/>
        </form>
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
