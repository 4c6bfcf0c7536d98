use crate::erased_view::sync_hydrated;
use crate::{
    chat::{actions::OpenDirect, Avatar},
    protocol::UserView,
};
use leptos::prelude::*;

/// A person found, with the button that opens (or starts) the conversation with them. A plain
/// form, so it works before the wasm has loaded too.
#[component]
pub fn SearchResult(user: UserView, action: ServerAction<OpenDirect>) -> impl IntoView {
    view! {
        <li class="search-result">
            <Avatar user=user.clone()/>
            <span class="search-name">{user.username.clone()}</span>
            <ActionForm action>
                {sync_hydrated(view! {
                    <input type="hidden" name="user_id" value=user.id/>
                    <button type="submit">"Message"</button>
                })}
            </ActionForm>
        </li>
    }
}
