//! A message's menu: when it was sent, in full (a touch screen has no hover for the tooltip),
//! and what can be done to it (delete one's own now; more later). Opened by a "…" button (shown
//! on hover with a mouse, always on touch, reachable with Tab) or a long press on the message.

use super::clock::{format_full, local_offset_minutes};
use leptos::prelude::*;

/// How long a finger rests on a message before its menu opens.
const LONG_PRESS_MS: u64 = 500;

#[component]
pub fn MessageActions(
    seq: i64,
    sent_at_ms: i64,
    /// One's own message, not deleted yet.
    can_delete: bool,
    on_delete: Callback<i64>,
    /// Open; a long press on the message opens it too (`long_press`).
    open: RwSignal<bool>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    view! {
        <div class="message-actions">
            <button type="button" class="more" aria-label="Message actions" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"…"</button>
            <Show when=move || open.get()>
                <div class="menu" role="menu">
                    <p class="menu-note">"Sent " {move || format_full(sent_at_ms, local_offset_minutes())}</p>
                    {can_delete.then(|| view! {
                        <button type="button" role="menuitem" class="danger-text" on:click=move |_| {
                            open.set(false);
                            confirming.set(true);
                        }>"Delete message"</button>
                    })}
                </div>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="group" aria-label="Confirm deletion">
                    <span>"Delete for everyone?"</span>
                    <button type="button" class="danger" on:click=move |_| {
                        confirming.set(false);
                        on_delete.run(seq);
                    }>"Delete"</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Show>
        </div>
    }
}

/// Handlers for touch start and for touch end, move or cancel: `open` is set when a finger rests
/// on the message for `LONG_PRESS_MS` without moving or lifting.
pub fn long_press(
    open: RwSignal<bool>,
) -> (
    impl Fn(leptos::ev::TouchEvent) + Copy,
    impl Fn(leptos::ev::TouchEvent) + Copy,
) {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let start = move |_| {
        let handle = set_timeout_with_handle(
            move || open.set(true),
            std::time::Duration::from_millis(LONG_PRESS_MS),
        );
        timer.set_value(handle.ok());
    };
    let cancel = move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    };
    (start, cancel)
}
