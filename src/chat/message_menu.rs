//! What a message's menu holds once it is open: reactions (six offered, any other emoji typed),
//! who reacted with what, when it was sent in full (a touch screen has no hover for the
//! tooltip), reply, and what its author can do to it (edit, delete), with the confirmation a
//! deletion asks for.
//!
//! Drawn only after a tap on "…" or a long press, so its code is not part of a conversation's
//! first load: it is in the panes' piece of the wasm (`lazy_pages::message_menu`), which the
//! page fetches in the background once it is alive.

use super::{
    clock::{format_full, local_offset_minutes},
    menu_keys::{focus_first_item, move_between_items},
    message_actions::{MenuFor, MessageHandlers},
    popup_dismissal::close_on_escape_or_outside,
    popup_placement::{placement, OPENS_DOWN},
};
use crate::protocol::QUICK_REACTIONS;
use leptos::prelude::*;

/// One open menu: the message, what its choices do, the two states they end in (the menu
/// closed, the deletion waiting to be confirmed), and the menu with its "…" button, outside
/// which a press closes both.
pub struct OpenMenu {
    pub menu: MenuFor,
    pub handlers: MessageHandlers,
    pub open: RwSignal<bool>,
    pub confirming: RwSignal<bool>,
    pub area: NodeRef<leptos::html::Div>,
    /// Opened with the keyboard: the focus goes to its first item.
    pub by_keyboard: bool,
}

#[component]
pub fn MessageMenu(open_menu: OpenMenu) -> impl IntoView {
    let OpenMenu {
        menu,
        handlers,
        open,
        confirming,
        area,
        by_keyboard,
    } = open_menu;
    let MenuFor {
        seq,
        sent_at_ms,
        editable,
        can_delete,
        can_react,
        reactions,
        quote,
    } = menu;
    let react = move |emoji: String| {
        open.set(false);
        handlers.react.run((seq, emoji));
    };
    close_on_escape_or_outside(area, move || {
        open.set(false);
        confirming.set(false);
    });
    let other_emoji = RwSignal::new(String::new());
    let menu_box = NodeRef::new();
    let menu_place = placement(menu_box);
    if by_keyboard {
        focus_first_item(menu_box);
    }
    let confirm_box = NodeRef::new();
    let confirm_place = placement(confirm_box);
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
        // Hidden rather than dropped while the deletion is confirmed: both are drawn as long as
        // either is wanted (`MessageActions`).
        <div class="menu" role="menu" node_ref=menu_box hidden=move || !open.get() on:keydown=move_between_items
            class=(OPENS_DOWN, move || menu_place.down.get()) style:translate=move || menu_place.shift.get()>
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
            {who_reacted}
            <p class="menu-note">"Sent " {move || format_full(sent_at_ms, local_offset_minutes())}</p>
            {can_react.then(|| view! {
                <button type="button" role="menuitem" class="plain-item" on:click=move |_| {
                    open.set(false);
                    handlers.reply.run(quote.clone());
                }>"Reply"</button>
            })}
            {editable.map(|body| view! {
                <button type="button" role="menuitem" class="plain-item" on:click=move |_| {
                    open.set(false);
                    handlers.start_editing(seq, body.clone());
                }>"Edit message"</button>
            })}
            {can_delete.then(|| view! {
                <button type="button" role="menuitem" class="danger-text" on:click=move |_| {
                    // In this order, so the two are never both unwanted (which would drop them).
                    confirming.set(true);
                    open.set(false);
                }>"Delete message"</button>
            })}
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="group" aria-label="Confirm deletion" node_ref=confirm_box
                class=(OPENS_DOWN, move || confirm_place.down.get())
                style:translate=move || confirm_place.shift.get()>
                <span>"Delete for everyone?"</span>
                <button type="button" class="danger" on:click=move |_| {
                    confirming.set(false);
                    handlers.delete.run(seq);
                }>"Delete"</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
            </div>
        </Show>
    }
}
