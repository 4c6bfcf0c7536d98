use super::{api::SignUp, FieldError, FormError};
use crate::error::{AppError, Field};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignupPage() -> impl IntoView {
    let signup = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || signup.value().get().and_then(Result::err));
    let invalid = move |field| {
        error
            .with(|e| {
                e.as_ref()
                    .is_some_and(|e: &AppError| e.message_for(field).is_some())
            })
            .to_string()
    };
    view! {
        <Title text="Sign up · Parley"/>
        <main class="auth">
            <p class="brand">"Parley"</p>
            <ActionForm action=signup attr:class="auth-form">
                <h1>"Create your account"</h1>
                <FormError error/>
                <label for="username">"Username"</label>
                <input id="username" name="username" type="text" required
                    autocomplete="username" autocapitalize="none" spellcheck="false"
                    aria-describedby="username-hint username-error"
                    aria-invalid=move || invalid(Field::Username)/>
                <p class="hint" id="username-hint">"3 to 32 of a-z, 0-9, _ . -"</p>
                <FieldError error field=Field::Username id="username-error"/>
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" required autocomplete="email"
                    aria-describedby="email-hint email-error"
                    aria-invalid=move || invalid(Field::Email)/>
                <p class="hint" id="email-hint">"Only used to reset a forgotten password."</p>
                <FieldError error field=Field::Email id="email-error"/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" required autocomplete="new-password"
                    aria-describedby="password-hint password-error"
                    aria-invalid=move || invalid(Field::Password)/>
                <p class="hint" id="password-hint">"8 to 128 characters."</p>
                <FieldError error field=Field::Password id="password-error"/>
                <button type="submit" disabled=move || signup.pending().get()>"Sign up"</button>
            </ActionForm>
            <p class="auth-switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </main>
    }
}
