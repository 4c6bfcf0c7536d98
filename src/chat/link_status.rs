use super::socket::LinkStatus;
use leptos::prelude::*;

/// A slim bar while live updates are not flowing; nothing while they are (people read an
/// "Online" there as the other person's presence). `data-link` tells tests the state. Hidden
/// without JavaScript (see the shell's noscript), where there is no live link to speak of.
#[component]
pub fn LinkStatusBar(status: RwSignal<LinkStatus>) -> impl IntoView {
    view! {
        <div class="link-bar" role="status"
            data-link=move || match status.get() {
                LinkStatus::Connecting => "connecting",
                LinkStatus::Online => "online",
                LinkStatus::Offline => "offline",
            }>
            {move || match status.get() {
                LinkStatus::Connecting => "Connecting…",
                LinkStatus::Online => "",
                LinkStatus::Offline => "Offline, messages will be sent when you are back",
            }}
        </div>
    }
}
