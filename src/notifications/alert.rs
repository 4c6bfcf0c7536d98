//! A browser notification for a new message, when it is wanted: the tab is in the background,
//! the browser allows it, the conversation is a direct one (the room everyone is in would be
//! noise) and not muted, and the message is someone else's. A click brings the tab forward on
//! that conversation.

use super::{permission::Permission, preferences};
use crate::{chat::ChatStore, protocol::ConversationKind, protocol::MessageView};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Longer texts are cut: a notification shows a line or two.
const MOST_CHARS: usize = 140;

pub fn on_new_message(store: ChatStore, message: &MessageView) {
    if message.sender.id == store.me || message.withheld || store.visible.get_untracked() {
        return;
    }
    // A conversation the list does not have yet is a new direct one.
    let wanted = store.inbox.with_untracked(|i| {
        i.get(message.conversation_id)
            .is_none_or(|c| c.kind == ConversationKind::Direct && !c.muted)
    });
    if !wanted || Permission::now() != Permission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(&text(message));
    // One per conversation: a newer message replaces the older notification.
    options.set_tag(&format!("parley-conversation-{}", message.conversation_id));
    let Ok(notification) =
        web_sys::Notification::new_with_options(&message.sender.username, &options)
    else {
        return;
    };
    let path = format!("/c/{}", message.conversation_id);
    let open = Closure::<dyn Fn()>::new(move || {
        let _ = window().focus();
        store.open(&path);
    });
    notification.set_onclick(Some(open.as_ref().unchecked_ref()));
    // Lives as long as the notification may be clicked: the page's lifetime.
    open.forget();
}

fn text(message: &MessageView) -> String {
    if !preferences::show_text() {
        return "New message".into();
    }
    let body: String = message.body.chars().take(MOST_CHARS).collect();
    match (&message.image, body.is_empty()) {
        (Some(_), true) => "Photo".into(),
        (Some(_), false) => format!("Photo: {body}"),
        (None, _) => body,
    }
}
