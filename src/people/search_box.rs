//! "Search users": the box in the list. What it finds is drawn by [`UserSearchResults`], whose
//! code is in the panes' piece of the wasm (`lazy_pages`): a conversation's first load then
//! does not carry the search, which only shows once someone types (8 KB less to download,
//! docs/performance.md). The piece is usually in by then: it is fetched in the background
//! after the page comes alive, and as soon as the box is focused. If it cannot be had, the
//! box says so.
//!
//! [`UserSearchResults`]: super::UserSearchResults

use crate::{erased_view::IntoErased, typed_before_hydration::keep_typed_before_hydration};
use leptos::prelude::*;

/// The search box's element id: one per page.
const BOX_ID: &str = "user-search";

#[component]
pub fn UserSearch() -> impl IntoView {
    let query = RwSignal::new(String::new());
    // Only its turning on and off draws or drops the results: each keystroke is theirs.
    let searching = Memo::new(move |_| query.with(|q| !q.trim().is_empty()));
    // A name typed into the server's page before it came alive is searched for once it has.
    keep_typed_before_hydration(BOX_ID, move |text| {
        if query.with_untracked(String::is_empty) {
            query.set(text);
        }
    });
    // A load that failed is tried again at the next keystroke, rather than only after the box
    // is cleared: the keystroke starts a new attempt.
    let load_failed = StoredValue::new(false);
    let attempt = RwSignal::new(0u32);
    let on_input = move |value: String| {
        query.set(value);
        if load_failed.get_value() {
            load_failed.set_value(false);
            attempt.update(|a| *a += 1);
        }
    };
    let results = move || {
        attempt.track();
        searching.get().then(|| {
            Suspend::new(async move {
                let results = crate::lazy_pages::user_search_results(query).await;
                load_failed.try_set_value(results.is_err());
                results.unwrap_or_else(|_| SearchMissing().erase())
            })
        })
    };

    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <input id=BOX_ID type="search" aria-label="Search users" placeholder="Search users" autocomplete="off"
                autocapitalize="none" spellcheck="false" enterkeyhint="search"
                prop:value=move || query.get()
                on:focus=|_| crate::lazy_pages::start_loading_user_search_results()
                on:input:target=move |ev| on_input(ev.target().value())/>
        </form>
        <Suspense fallback=|| ()>{results}</Suspense>
    }
}

/// In place of the results when their code could not be fetched.
#[component]
fn SearchMissing() -> impl IntoView {
    view! {
        <p class="form-error" role="alert">
            "Search could not be loaded. Check your connection, then type again."
        </p>
    }
}
