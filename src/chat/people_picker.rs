//! Picking people for a group: the user search, with "Add" beside each person found and the
//! people picked shown above it, each with a button to take them out again.

use super::avatar::Avatar;
use crate::{
    people::api::{search_users, UserSearchPage},
    protocol::UserView,
    typed_before_hydration::keep_typed_before_hydration,
};
use leptos::prelude::*;

/// Wait this long after the last keystroke before asking the server.
const DEBOUNCE_MS: u64 = 200;

/// The search field's element id (one picker a page).
const SEARCH_ID: &str = "people-picker-search";

#[component]
pub fn PeoplePicker(
    picked: RwSignal<Vec<UserView>>,
    /// People who cannot be picked (oneself, and a group's members already).
    #[prop(into)]
    excluded: Signal<Vec<i64>>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<UserView>::new());
    let error = RwSignal::new(None::<String>);
    // Each keystroke starts a new generation; answers to older ones are dropped.
    let generation = StoredValue::new(0u64);
    let on_input = move |value: String| {
        query.set(value.clone());
        generation.update_value(|g| *g += 1);
        let current = generation.get_value();
        if value.trim().is_empty() {
            found.set(Vec::new());
            return;
        }
        set_timeout(
            move || {
                if generation.get_value() != current {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer = search_users(value, None).await;
                    if generation.get_value() != current {
                        return;
                    }
                    match answer {
                        Ok(UserSearchPage { users, .. }) => {
                            error.set(None);
                            found.set(users);
                        }
                        Err(e) => error.set(Some(e.to_string())),
                    }
                });
            },
            std::time::Duration::from_millis(DEBOUNCE_MS),
        );
    };
    // A name typed into the server's page before it came alive is searched for once it has.
    keep_typed_before_hydration(SEARCH_ID, on_input);
    let pick = move |user: UserView| {
        picked.update(|p| {
            if !p.iter().any(|u| u.id == user.id) {
                p.push(user);
            }
        });
    };
    let unpick = move |id: i64| picked.update(|p| p.retain(|u| u.id != id));
    let shown = move || {
        let excluded = excluded.get();
        let chosen: Vec<i64> = picked.with(|p| p.iter().map(|u| u.id).collect());
        found
            .get()
            .into_iter()
            .filter(|u| !excluded.contains(&u.id) && !chosen.contains(&u.id))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="people-picker">
            <ul class="picked" aria-label="People picked">
                <For each=move || picked.get() key=|u| u.id children=move |user| {
                    let id = user.id;
                    let label = format!("Take {} out", user.username);
                    view! {
                        <li class="chip">
                            <Avatar user=user.clone()/>
                            <span>{user.username.clone()}</span>
                            <button type="button" class="chip-remove" aria-label=label
                                on:click=move |_| unpick(id)>"×"</button>
                        </li>
                    }
                }/>
            </ul>
            <input id=SEARCH_ID type="search" aria-label="Search people to add" placeholder="Search people to add"
                autocomplete="off" autocapitalize="none" spellcheck="false"
                prop:value=move || query.get()
                on:input:target=move |ev| on_input(ev.target().value())/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <ul class="search-results">
                <For each=shown key=|u| u.id children=move |user| {
                    let name = user.username.clone();
                    let label = format!("Add {name}");
                    let chosen = user.clone();
                    view! {
                        <li class="search-result">
                            <Avatar user=user.clone()/>
                            <span class="search-name">{name}</span>
                            <button type="button" class="secondary" aria-label=label
                                on:click=move |_| pick(chosen.clone())>"Add"</button>
                        </li>
                    }
                }/>
            </ul>
        </div>
    }
}
