use super::api::LogOut;
use leptos::prelude::*;

#[component]
pub fn LogoutButton() -> impl IntoView {
    let logout = ServerAction::<LogOut>::new();
    view! {
        <ActionForm action=logout attr:class="logout">
            <button type="submit" class="secondary">"Log out"</button>
        </ActionForm>
    }
}
