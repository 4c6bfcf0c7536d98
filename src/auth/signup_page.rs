use super::{api::SignUp, FormError, FormField};
use crate::erased_view::sync_hydrated;
use crate::error::Field;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || signup.value().get().and_then(Result::err));
    view! {
        <Title text="Sign up · Parley"/>
        <main class="auth">
            <p class="brand">"Parley"</p>
            <ActionForm action=signup attr:class="auth-form">
                {sync_hydrated(view! {
                    <h1>"Create your account"</h1>
                    <FormError error/>
                    <FormField name="username" label="Username" autocomplete="username"
                        hint="3 to 32 of a-z, 0-9, _ . -" field=Field::Username error/>
                    <FormField name="email" label="Email" input_type="email" autocomplete="email"
                        hint="Only used to reset a forgotten password." field=Field::Email error/>
                    <FormField name="password" label="Password" input_type="password"
                        autocomplete="new-password" hint="8 to 128 characters."
                        field=Field::Password error/>
                    <button type="submit" disabled=move || signup.pending().get()>"Sign up"</button>
                })}
            </ActionForm>
            <p class="auth-switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </main>
    }
}
