//! One's own message, its text changed in place. Drawn only once "Edit message" is chosen in
//! the message's menu, so, as the menu, by the panes' piece of the wasm
//! (`lazy_pages::edit_form`), not by a conversation's first load.

use super::message_actions::MessageHandlers;
use leptos::prelude::*;

/// The text of one's own message, changed in place: Enter saves (Shift+Enter is a new line),
/// Escape cancels.
#[component]
pub fn EditForm(seq: i64, handlers: MessageHandlers) -> impl IntoView {
    let input = NodeRef::<leptos::html::Textarea>::new();
    let save = move || {
        handlers.editing.set(None);
        handlers.edit.run((seq, handlers.draft.get_untracked()));
    };
    let cancel = move || handlers.editing.set(None);
    Effect::new(move || {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    view! {
        <form class="edit-form" on:submit=move |ev| {
            ev.prevent_default();
            save();
        }>
            <textarea node_ref=input aria-label="Edit message" rows="2"
                prop:value=move || handlers.draft.get()
                on:input=move |ev| handlers.draft.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        cancel();
                    } else if ev.key() == "Enter" && !ev.shift_key() {
                        ev.prevent_default();
                        save();
                    }
                }></textarea>
            <div class="edit-buttons">
                <button type="button" class="secondary" on:click=move |_| cancel()>"Cancel"</button>
                <button type="submit">"Save"</button>
            </div>
        </form>
    }
}
