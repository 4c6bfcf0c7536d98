//! "Online status" on the settings page: one switch, hidden both ways (as in WhatsApp).

use super::api::SetPresenceShown;
use crate::auth::FormError;
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;

#[component]
pub fn PresenceSection(shown_at_open: bool) -> impl IntoView {
    let set = ServerAction::<SetPresenceShown>::new();
    let shown = move || match set.value().get() {
        Some(Ok(now)) => now,
        _ => shown_at_open,
    };
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    view! {
        <ActionForm action=set attr:class="auth-form presence" attr:aria-labelledby="presence-title">
            {sync_hydrated(view! {
                <h2 id="presence-title">"Online status"</h2>
                <p class="hint">
                    "People you have a conversation with see when you are online, or when you were last. "
                    "Hidden, they don't, and you don't see theirs either."
                </p>
                <p role="status">{move || if shown() { "Your online status is shown." } else { "Your online status is hidden." }}</p>
                <FormError error/>
                <input type="hidden" name="shown" value=move || (!shown()).to_string()/>
                <button type="submit" class="secondary" disabled=move || set.pending().get()>
                    {move || if shown() { "Hide my online status" } else { "Show my online status" }}
                </button>
            })}
        </ActionForm>
    }
}
