//! A message's menu: reactions (six offered, any other emoji typed), who reacted with what,
//! when it was sent in full (a touch screen has no hover for the tooltip), and what its author
//! can do to it (edit, delete). Opened by a "…" button (shown on hover with a mouse, always on
//! touch, reachable with Tab) or a long press on the message.

use super::{
    clock::{format_full, local_offset_minutes},
    timeline::Timeline,
};
use crate::protocol::{ReactionView, ReplySnippet, QUICK_REACTIONS};
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
    let MenuFor {
        seq,
        sent_at_ms,
        editable,
        can_delete,
        can_react,
        reactions,
        quote,
    } = menu;
    let confirming = RwSignal::new(false);
    let react = move |emoji: String| {
        open.set(false);
        handlers.react.run((seq, emoji));
    };
    let other_emoji = RwSignal::new(String::new());
    let who_reacted = (!reactions.is_empty()).then(|| {
        view! {
            <ul class="reactors" aria-label="Reactions">
                {reactions.into_iter().map(|r| {
                    let names = r.users.iter().map(|u| u.username.as_str()).collect::<Vec<_>>().join(", ");
                    view! { <li>{r.emoji} " " {names}</li> }
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <div class="message-actions">
            <button type="button" class="more" aria-label="Message actions" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"…"</button>
            <Show when=move || open.get()>
                <div class="menu" role="menu">
                    {can_react.then(|| view! {
                        <div class="quick-reactions" role="group" aria-label="React">
                            {QUICK_REACTIONS.into_iter().map(|emoji| view! {
                                <button type="button" role="menuitem" class="quick-reaction"
                                    aria-label=format!("React with {emoji}")
                                    on:click=move |_| react(emoji.to_owned())>{emoji}</button>
                            }).collect_view()}
                        </div>
                        <form class="other-reaction" on:submit=move |ev| {
                            ev.prevent_default();
                            let emoji = other_emoji.get_untracked();
                            if !emoji.trim().is_empty() {
                                other_emoji.set(String::new());
                                react(emoji);
                            }
                        }>
                            <input type="text" aria-label="Another emoji" placeholder="Other emoji" maxlength="16"
                                autocomplete="off" prop:value=move || other_emoji.get()
                                on:input=move |ev| other_emoji.set(event_target_value(&ev))/>
                            <button type="submit" class="secondary">"React"</button>
                        </form>
                    })}
                    {who_reacted.clone()}
                    <p class="menu-note">"Sent " {move || format_full(sent_at_ms, local_offset_minutes())}</p>
                    {can_react.then(|| {
                        let quote = quote.clone();
                        view! {
                            <button type="button" role="menuitem" class="plain-item" on:click=move |_| {
                                open.set(false);
                                handlers.reply.run(quote.clone());
                            }>"Reply"</button>
                        }
                    })}
                    {editable.clone().map(|body| view! {
                        <button type="button" role="menuitem" class="plain-item" on:click=move |_| {
                            open.set(false);
                            handlers.start_editing(seq, body.clone());
                        }>"Edit message"</button>
                    })}
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
                        handlers.delete.run(seq);
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

/// The page's script holds a long press made before the page is alive, with its own timer.
#[cfg(test)]
#[test]
fn a_long_press_before_hydration_waits_as_long() {
    let script = crate::taps_before_hydration::SCRIPT;
    assert!(script.contains(&format!("}}, {LONG_PRESS_MS});")));
}
