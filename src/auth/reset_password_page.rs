use super::{reset_api::ResetPassword, FormError, FormField};
use crate::erased_view::sync_hydrated;
use crate::error::Field;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Opened from the emailed link (`?token=…`): choose a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let reset = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || reset.value().get().and_then(Result::err));
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text="Choose a new password · Parley"/>
        // The token is in this page's address. The site's `Referrer-Policy: same-origin` keeps it
        // from other sites, and lets this page's form name the page as its Referer: where the
        // server sends a failed form back, with the error, when the wasm is not running (no
        // scripts, or a tap before the page came alive). `no-referrer` sent it to `/` instead,
        // which lost the error.
        <main class="auth">
            <p class="brand">"Parley"</p>
            <ActionForm action=reset attr:class="auth-form">
                {sync_hydrated(view! {
                    <h1>"Choose a new password"</h1>
                    <FormError error/>
                    <input type="hidden" name="token" value=token/>
                    <FormField name="password" label="New password" input_type="password"
                        autocomplete="new-password" hint="8 to 128 characters." field=Field::Password error/>
                    <button type="submit" disabled=move || reset.pending().get()>"Set new password"</button>
                })}
            </ActionForm>
            <p class="auth-switch"><a href="/forgot-password">"Ask for a new link"</a></p>
        </main>
    }
}
