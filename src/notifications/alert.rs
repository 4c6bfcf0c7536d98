//! A browser notification for a new message, when it is wanted: the tab is in the background,
//! the browser allows it, the conversation is a direct one or a group (the room everyone is in
//! would be noise) and not muted, and the message is someone else's. Of a group's event lines
//! only those that bring one into a group ("Ann created the group …", "Ann added you") are
//! news worth a notification. A click brings the tab forward on that
//! conversation.

use super::{permission::Permission, preferences};
use crate::{
    chat::{event_text, ChatStore},
    protocol::{ConversationKind, GroupEventKind, MessageView},
};
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// Longer texts are cut: a notification shows a line or two.
const MOST_CHARS: usize = 140;

pub fn on_new_message(store: ChatStore, message: &MessageView) {
    if message.sender.id == store.me || message.withheld || store.visible.get_untracked() {
        return;
    }
    if message.event.is_some() && !brings_me_in(message, store.me) {
        return;
    }
    // A conversation the list does not have yet is a new direct one, or a group one was just
    // added to: both wanted, and without a group name to show yet.
    let (wanted, group_name) = store.with_inbox_untracked(|i| {
        i.get(message.conversation_id).map_or((true, None), |c| {
            let name = c.group.as_ref().map(|g| g.name.clone());
            (c.kind != ConversationKind::Global && !c.muted, name)
        })
    });
    if !wanted || Permission::now() != Permission::Granted {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    let body = event_text(message, store.me).unwrap_or_else(|| text(message));
    // A group's notification is titled with the group, and says who wrote, as phones do.
    let title = match group_name {
        Some(group) => {
            if message.event.is_none() {
                options.set_body(&format!("{}: {body}", message.sender.username));
            } else {
                options.set_body(&body);
            }
            group
        }
        None => {
            options.set_body(&body);
            message.sender.username.clone()
        }
    };
    // One per conversation: a newer message replaces the older notification.
    options.set_tag(&format!("parley-conversation-{}", message.conversation_id));
    let Ok(notification) = web_sys::Notification::new_with_options(&title, &options) else {
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

fn brings_me_in(message: &MessageView, me: i64) -> bool {
    message
        .event
        .as_ref()
        .is_some_and(|event| match event.kind {
            GroupEventKind::Created => true,
            GroupEventKind::Added => event.user.as_ref().is_some_and(|u| u.id == me),
            _ => false,
        })
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
