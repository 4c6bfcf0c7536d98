use super::api::LogOut;
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;

#[component]
pub fn LogoutButton() -> impl IntoView {
    let logout = ServerAction::<LogOut>::new();
    view! {
        <ActionForm action=logout attr:class="logout">
            {sync_hydrated(view! {
                <button type="submit" class="secondary">"Log out"</button>
            })}
        </ActionForm>
    }
}
