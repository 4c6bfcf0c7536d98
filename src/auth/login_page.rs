use super::{api::LogIn, FormError, FormField};
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<LogIn>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    let query = use_query_map();
    let password_was_reset = move || query.read().get("reset").is_some();
    view! {
        <Title text="Log in · Parley"/>
        <main class="auth">
            <p class="brand">"Parley"</p>
            <ActionForm action=login attr:class="auth-form">
                {sync_hydrated(view! {
                    <h1>"Log in"</h1>
                    <Show when=password_was_reset>
                        <p class="form-note" role="status">"Your password is changed and every session signed out. Log in with the new password."</p>
                    </Show>
                    <FormError error/>
                    <FormField name="username" label="Username" autocomplete="username" error/>
                    <FormField name="password" label="Password" input_type="password"
                        autocomplete="current-password" error/>
                    <p class="form-aside"><a href="/forgot-password">"Forgot password?"</a></p>
                    <button type="submit" disabled=move || login.pending().get()>"Log in"</button>
                })}
            </ActionForm>
            <p class="auth-switch">"New to Parley? " <a href="/signup">"Create an account"</a></p>
        </main>
    }
}
