use super::socket::LinkStatus;
use leptos::prelude::*;

/// Whether live updates are flowing. Hidden without JavaScript (see the shell's noscript).
#[component]
pub fn LinkStatusBadge(status: RwSignal<LinkStatus>) -> impl IntoView {
    view! {
        <span class="link-status" class:offline=move || status.get() == LinkStatus::Offline role="status">
            {move || match status.get() {
                LinkStatus::Connecting => "Connecting…",
                LinkStatus::Online => "Online",
                LinkStatus::Offline => "Offline, reconnecting…",
            }}
        </span>
    }
}
