//! A message's "…" button and what it opens: its menu (`message_menu`, drawn once it is open,
//! with the confirmation a deletion asks for). The button shows on hover with a mouse, always
//! on touch, and is reachable with Tab; a long press on the message opens the menu too.

use super::{message_menu::OpenMenu, timeline::Timeline};
use crate::{
    erased_view::IntoErased,
    protocol::{ReactionView, ReplySnippet},
};
use leptos::prelude::*;

/// How long a finger rests on a message before its menu opens.
const LONG_PRESS_MS: u64 = 500;

/// What the list does when a message's action is chosen, and the one message being edited.
#[derive(Clone, Copy)]
pub struct MessageHandlers {
    pub delete: Callback<i64>,
    /// (seq, new text)
    pub edit: Callback<(i64, String)>,
    /// (seq, emoji): adds the reaction, or takes it back.
    pub react: Callback<(i64, String)>,
    /// Makes the next message a reply to this one.
    pub reply: Callback<ReplySnippet>,
    /// Brings the message with this seq into view (a reply's quote was clicked).
    pub show_original: Callback<i64>,
    /// The conversation's messages, so a quote shows its original as it is now.
    pub timeline: RwSignal<Timeline>,
    /// The seq of the message being edited. Kept by the list rather than by the message's row,
    /// so a reaction arriving meanwhile (which draws the row again) does not lose the draft.
    pub editing: RwSignal<Option<i64>>,
    pub draft: RwSignal<String>,
}

impl MessageHandlers {
    pub fn start_editing(&self, seq: i64, body: String) {
        self.draft.set(body);
        self.editing.set(Some(seq));
    }
}

/// What the menu offers for one message.
#[derive(Clone)]
pub struct MenuFor {
    pub seq: i64,
    pub sent_at_ms: i64,
    /// One's own message, not deleted: its text can be changed (`Some(current text)`).
    pub editable: Option<String>,
    pub can_delete: bool,
    /// Deleted messages take no reactions and no replies.
    pub can_react: bool,
    pub reactions: Vec<ReactionView>,
    /// What a reply to it quotes.
    pub quote: ReplySnippet,
}

#[component]
pub fn MessageActions(
    menu: MenuFor,
    handlers: MessageHandlers,
    /// Open; a long press on the message opens it too (`long_press`).
    open: RwSignal<bool>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let area = NodeRef::new();
    // Whether the last click on "…" came from the keyboard (Enter or Space), which takes the
    // focus into the menu; the browser gives such a click no count (`detail`). Trusted only:
    // a tap held before the page was alive is replayed with a script's click, which has none.
    let by_keyboard = StoredValue::new(false);
    view! {
        <div class="message-actions" node_ref=area>
            <button type="button" class="more" aria-label="Message actions" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |ev| {
                    by_keyboard.set_value(ev.detail() == 0 && ev.is_trusted());
                    open.update(|o| *o = !*o);
                }>"…"</button>
            // Open, or asking to confirm a deletion chosen in it: both are drawn by the
            // panes' piece, so neither is part of a conversation's first load.
            <Show when=move || open.get() || confirming.get()>
                {
                    let opened_by_keyboard = by_keyboard.get_value();
                    by_keyboard.set_value(false);
                    let open_menu = OpenMenu {
                        menu: menu.clone(),
                        handlers,
                        open,
                        confirming,
                        area,
                        by_keyboard: opened_by_keyboard,
                    };
                    Suspend::new(async move {
                        crate::lazy_pages::message_menu(open_menu).await.unwrap_or_else(|_| {
                            view! {
                                <div class="menu" role="alert">
                                    <p class="menu-note">"The menu could not be loaded. Check your connection."</p>
                                </div>
                            }.erase()
                        })
                    })
                }
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

/// The page's script holds a long press made before the page is alive, with its own timer.
#[cfg(test)]
#[test]
fn a_long_press_before_hydration_waits_as_long() {
    let script = crate::taps_before_hydration::SCRIPT;
    assert!(script.contains(&format!("}}, {LONG_PRESS_MS});")));
}
