//! `/new-group`: a name and the people to start a group with. The creator is its admin.

use super::{group_api::create_group, people_picker::PeoplePicker, store::use_chat_store};
use crate::{
    protocol::{UserView, MAX_GROUP_NAME_CHARS},
    typed_before_hydration::keep_typed_before_hydration,
};
use leptos::prelude::*;

/// The name field's element id.
const NAME_ID: &str = "new-group-name";

#[component]
pub fn NewGroupPage() -> impl IntoView {
    let store = use_chat_store();
    let name = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<UserView>::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let me = store.me;
    // A name typed into the server's page before it came alive, for a "Create group" tapped
    // meanwhile too (`taps_before_hydration` sends the form after this).
    keep_typed_before_hydration(NAME_ID, move |typed| name.set(typed));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let members: Vec<i64> = picked.with_untracked(|p| p.iter().map(|u| u.id).collect());
        if members.is_empty() {
            error.set(Some("Add at least one person.".into()));
            return;
        }
        busy.set(true);
        let group_name = name.get_untracked();
        leptos::task::spawn_local(async move {
            match create_group(group_name, members).await {
                Ok(id) => store.open(&format!("/c/{id}")),
                Err(e) => error.set(Some(e.to_string())),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="group-page" aria-labelledby="new-group-title">
            <header class="chat-header">
                <a class="back" href="/" aria-label="Back to conversations">"‹"</a>
                <h1 id="new-group-title">"New group"</h1>
            </header>
            <form class="group-form" on:submit=create>
                <label>
                    "Group name"
                    <input id=NAME_ID type="text" name="name" required maxlength=MAX_GROUP_NAME_CHARS
                        autocomplete="off" prop:value=move || name.get()
                        on:input:target=move |ev| name.set(ev.target().value())/>
                </label>
                <h2>"Members"</h2>
                <PeoplePicker picked excluded=Signal::derive(move || vec![me])/>
                <p class="form-error" role="alert">{move || error.get()}</p>
                <button type="submit" disabled=move || busy.get()>"Create group"</button>
            </form>
        </section>
    }
}
