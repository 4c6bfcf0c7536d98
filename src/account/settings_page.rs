//! `/settings`: profile picture, username, email, password, log out, delete the account.

use super::{
    api::{account_settings, AccountView, ChangeEmail, ChangePassword, ChangeUsername},
    delete_account_section::DeleteAccountSection,
    picture_section::PictureSection,
    presence_section::PresenceSection,
    receipts_section::ReadReceiptsSection,
    sessions_section::SessionsSection,
};
use crate::erased_view::sync_hydrated;
use crate::erased_view::IntoErased;
use crate::{
    appearance::AppearanceSection,
    auth::{signed_in_or_login, FormError, FormField, LogoutButton},
    chat::BlockedSection,
    error::Field,
    notifications::NotificationsSection,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let account = crate::json::blocking_resource(|| (), |_| account_settings());
    view! {
        <Title text="Settings · Parley"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                signed_in_or_login(account.await, |view| view! { <SettingsForms view/> }.erase())
            })}
        </Suspense>
    }
}

#[component]
fn SettingsForms(view: AccountView) -> impl IntoView {
    let AccountView {
        user,
        email,
        read_receipts,
        presence_shown,
    } = view;
    let rename = ServerAction::<ChangeUsername>::new();
    let rename_error = Signal::derive(move || rename.value().get().and_then(Result::err));
    let change_email = ServerAction::<ChangeEmail>::new();
    let email_error = Signal::derive(move || change_email.value().get().and_then(Result::err));
    let change_password = ServerAction::<ChangePassword>::new();
    let password_error =
        Signal::derive(move || change_password.value().get().and_then(Result::err));
    let saved = |ok: Signal<bool>| {
        move || {
            ok.get()
                .then(|| view! { <p class="saved" role="status">"Saved."</p> })
        }
    };
    view! {
        <main class="auth settings">
            <p><a href="/">"‹ Back to chats"</a></p>
            <h1 class="brand">"Settings"</h1>
            <PictureSection user=user.clone()/>
            <ActionForm action=rename attr:class="auth-form">
                {sync_hydrated(view! {
                    <h2>"Username"</h2>
                    <p class="hint">"Now: " {user.username}</p>
                    <FormError error=rename_error/>
                    <FormField name="username" label="New username" autocomplete="username"
                        hint="3 to 32 of a-z, 0-9, _ . -" field=Field::Username error=rename_error/>
                    {saved(Signal::derive(move || matches!(rename.value().get(), Some(Ok(_)))))}
                    <button type="submit" disabled=move || rename.pending().get()>"Change username"</button>
                })}
            </ActionForm>
            <ActionForm action=change_email attr:class="auth-form">
                {sync_hydrated(view! {
                    <h2>"Email"</h2>
                    <p class="hint">"Now: " {email}</p>
                    <FormError error=email_error/>
                    <FormField name="email" label="New email" input_type="email" autocomplete="email"
                        field=Field::Email error=email_error/>
                    <FormField name="current_password" id="email-current-password" label="Current password"
                        input_type="password" autocomplete="current-password"
                        field=Field::CurrentPassword error=email_error/>
                    {saved(Signal::derive(move || matches!(change_email.value().get(), Some(Ok(_)))))}
                    <button type="submit" disabled=move || change_email.pending().get()>"Change email"</button>
                })}
            </ActionForm>
            <ActionForm action=change_password attr:class="auth-form">
                {sync_hydrated(view! {
                    <h2>"Password"</h2>
                    <p class="hint">"Changing it signs you out everywhere else."</p>
                    <FormError error=password_error/>
                    <FormField name="current_password" id="password-current-password" label="Current password"
                        input_type="password" autocomplete="current-password"
                        field=Field::CurrentPassword error=password_error/>
                    <FormField name="new_password" label="New password" input_type="password"
                        autocomplete="new-password" hint="8 to 128 characters."
                        field=Field::Password error=password_error/>
                    {saved(Signal::derive(move || matches!(change_password.value().get(), Some(Ok(_)))))}
                    <button type="submit" disabled=move || change_password.pending().get()>"Change password"</button>
                })}
            </ActionForm>
            <AppearanceSection/>
            <NotificationsSection/>
            <ReadReceiptsSection enabled_at_open=read_receipts/>
            <PresenceSection shown_at_open=presence_shown/>
            <BlockedSection/>
            <SessionsSection/>
            <LogoutButton/>
            <DeleteAccountSection/>
        </main>
    }
}
