//! What a tab keeps for its next load in its session storage: written when the page is hidden
//! or left (the last moments a page that Safari discards runs), forgotten when the page is
//! shown again alive (so nothing comes back from an old copy), and taken out by the next load.
//! `kept_outbox` keeps messages on their way this way, `kept_drafts` the drafts.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// Takes what the previous load of this tab kept under `key` (nothing if it is unreadable).
pub fn take<T: DeserializeOwned>(key: &str) -> Option<T> {
    let storage = session_storage()?;
    let kept = storage.get_item(key).ok().flatten();
    let _ = storage.remove_item(key);
    kept.and_then(|text| crate::json::from_text(&text).ok())
}

/// Keeps `what()` under `key` while the page is hidden or left (nothing kept when it answers
/// `None`), and forgets it when the page is shown again.
pub fn keep_while_hidden<T: Serialize>(
    key: &'static str,
    what: impl Fn() -> Option<T> + Clone + 'static,
) {
    let keep = move |hidden: bool| {
        let Some(storage) = session_storage() else {
            return;
        };
        let text = hidden
            .then(&what)
            .flatten()
            .and_then(|kept| serde_json::to_string(&kept).ok());
        match text {
            Some(text) => {
                let _ = storage.set_item(key, &text);
            }
            None => {
                let _ = storage.remove_item(key);
            }
        }
    };
    let on_hide = keep.clone();
    let left = window_event_listener(leptos::ev::pagehide, move |_| on_hide(true));
    let shown = window_event_listener(leptos::ev::visibilitychange, move |_| {
        keep(document().visibility_state() == web_sys::VisibilityState::Hidden)
    });
    on_cleanup(move || {
        left.remove();
        shown.remove();
    });
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}
