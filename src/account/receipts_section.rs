//! "Read receipts" on the settings page: one switch, off both ways.

use super::api::SetReadReceipts;
use crate::auth::FormError;
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;

#[component]
pub fn ReadReceiptsSection(enabled_at_open: bool) -> impl IntoView {
    let set = ServerAction::<SetReadReceipts>::new();
    let enabled = move || match set.value().get() {
        Some(Ok(now)) => now,
        _ => enabled_at_open,
    };
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    view! {
        <ActionForm action=set attr:class="auth-form receipts" attr:aria-labelledby="receipts-title">
            {sync_hydrated(view! {
                <h2 id="receipts-title">"Read receipts"</h2>
                <p class="hint">
                    "In direct conversations, the other person sees \u{201c}Seen\u{201d} under their message once you have read it. "
                    "Turned off, they don't, and you don't see theirs either."
                </p>
                <p role="status">{move || if enabled() { "Read receipts are on." } else { "Read receipts are off." }}</p>
                <FormError error/>
                <input type="hidden" name="enabled" value=move || (!enabled()).to_string()/>
                <button type="submit" class="secondary" disabled=move || set.pending().get()>
                    {move || if enabled() { "Turn off read receipts" } else { "Turn on read receipts" }}
                </button>
            })}
        </ActionForm>
    }
}
