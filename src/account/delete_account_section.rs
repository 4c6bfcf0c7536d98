//! The last part of the settings page: deleting the account, behind the current password and
//! a confirmation box.

use super::deletion_api::{DeleteAccount, CONFIRMED};
use crate::erased_view::sync_hydrated;
use crate::{
    auth::{FormError, FormField},
    error::Field,
};
use leptos::prelude::*;

#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let delete = ServerAction::<DeleteAccount>::new();
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let confirm_message =
        move || error.with(|e| e.as_ref().and_then(|e| e.message_for(Field::Confirmation)));
    view! {
        <ActionForm action=delete attr:class="auth-form danger-zone">
            {sync_hydrated(view! {
                <h2>"Delete account"</h2>
                <p class="hint">
                    "Your account, profile picture and every message you sent are erased for good. "
                    "People you talked to see “Deleted user” and their own messages."
                </p>
                <FormError error/>
                <FormField name="current_password" id="delete-current-password" label="Current password"
                    input_type="password" autocomplete="current-password"
                    field=Field::CurrentPassword error/>
                <label class="checkbox">
                    <input type="checkbox" name="confirm" value=CONFIRMED required
                        aria-describedby="confirm-error"/>
                    "I understand that this cannot be undone."
                </label>
                {move || confirm_message().map(|m| view! { <p class="field-error" id="confirm-error" role="alert">{m}</p> })}
                <button type="submit" class="danger" disabled=move || delete.pending().get()>
                    "Delete my account"
                </button>
            })}
        </ActionForm>
    }
}
