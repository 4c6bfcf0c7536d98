//! Where a message's menu, and the confirmation a deletion asks for, open: above its "…" button
//! (`style/main.css`: the messages acted on most are the newest, at the bottom), or below it
//! when above would be cut off by the top of the messages' scroll box. Nothing can be scrolled
//! to above a scroll box's first line, so without this the first messages of a conversation
//! showed only the bottom of their menu (Delete, but not react, reply or edit).

use leptos::{prelude::*, web_sys::HtmlDivElement};

/// The class that turns `popup` downwards, set once it is drawn if above would not fit.
pub const OPENS_DOWN: &str = "opens-down";

/// Whether `popup` (drawn above its button) opens below it instead: true once it is drawn and
/// its top is above the top of the scroll box of messages it is in. Turned down, it is brought
/// into view if its bottom is then below that box.
pub fn opens_down(popup: NodeRef<leptos::html::Div>) -> Signal<bool> {
    let down = RwSignal::new(false);
    Effect::new(move || {
        if let Some(popup) = popup.get() {
            // Measured in the next frame: the effect can run before the popup is in the page.
            request_animation_frame(move || {
                if cut_off_above(&popup) {
                    down.set(true);
                    request_animation_frame(move || bring_into_view(&popup));
                }
            });
        }
    });
    down.into()
}

#[cfg(feature = "hydrate")]
fn cut_off_above(popup: &HtmlDivElement) -> bool {
    match popup.closest(".messages") {
        Ok(Some(scroll_box)) => {
            popup.get_bounding_client_rect().top() < scroll_box.get_bounding_client_rect().top()
        }
        _ => false,
    }
}

#[cfg(feature = "hydrate")]
fn bring_into_view(popup: &HtmlDivElement) {
    if let Ok(Some(scroll_box)) = popup.closest(".messages") {
        if popup.get_bounding_client_rect().bottom()
            > scroll_box.get_bounding_client_rect().bottom()
        {
            // `false`: its bottom to the box's bottom, so the message stays in view above it.
            popup.scroll_into_view_with_bool(false);
        }
    }
}

// The server never draws an open popup.
#[cfg(not(feature = "hydrate"))]
fn cut_off_above(_: &HtmlDivElement) -> bool {
    false
}

#[cfg(not(feature = "hydrate"))]
fn bring_into_view(_: &HtmlDivElement) {}
