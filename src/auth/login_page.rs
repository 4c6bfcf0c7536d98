use super::{api::LogIn, FormError, FormField};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<LogIn>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    view! {
        <Title text="Log in · Parley"/>
        <main class="auth">
            <p class="brand">"Parley"</p>
            <ActionForm action=login attr:class="auth-form">
                <h1>"Log in"</h1>
                <FormError error/>
                <FormField name="username" label="Username" autocomplete="username" error/>
                <FormField name="password" label="Password" input_type="password"
                    autocomplete="current-password" error/>
                <button type="submit" disabled=move || login.pending().get()>"Log in"</button>
            </ActionForm>
            <p class="auth-switch">"New to Parley? " <a href="/signup">"Create an account"</a></p>
        </main>
    }
}
