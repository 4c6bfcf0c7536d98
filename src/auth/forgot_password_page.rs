use super::{reset_api::RequestPasswordReset, FormError, FormField};
use crate::erased_view::sync_hydrated;
use crate::error::Field;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Asks for the email address to send a reset link to. After sending, it says the same thing
/// whether or not an account has the address.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Title text="Forgot password · Parley"/>
        <main class="auth">
            <p class="brand">"Parley"</p>
            <Show when=sent fallback=move || view! {
                <ActionForm action=request attr:class="auth-form">
                    {sync_hydrated(view! {
                        <h1>"Forgot password"</h1>
                        <p class="hint">"Enter the email address of your account. We will send you a link to choose a new password."</p>
                        <FormError error/>
                        <FormField name="email" label="Email" input_type="email" autocomplete="email"
                            field=Field::Email error/>
                        <button type="submit" disabled=move || request.pending().get()>"Send reset link"</button>
                    })}
                </ActionForm>
            }>
                <section class="auth-form" role="status">
                    <h1>"Check your email"</h1>
                    <p>"If an account uses that address, we have sent it a link to choose a new password. The link works once, for 30 minutes."</p>
                </section>
            </Show>
            <p class="auth-switch"><a href="/login">"Back to log in"</a></p>
        </main>
    }
}
