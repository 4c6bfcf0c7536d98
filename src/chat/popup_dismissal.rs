//! A popup (a message's menu, the confirmation a deletion asks for, a conversation's menu)
//! closes as people expect one to: on Escape, with the focus back on the button that opened
//! it, and on a tap or a click anywhere outside it and that button. Left open, it covered the
//! messages under it until its button was found and pressed again.

use leptos::{html::Div, prelude::*};

/// Calls `close` on Escape, or on a press outside `area` (the popup with its button, whose
/// class is `more`), until the current owner is cleaned up: the popup's component, or the
/// effect that called this while the popup was open.
pub fn close_on_escape_or_outside(area: NodeRef<Div>, close: impl Fn() + Copy + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::{ev, wasm_bindgen::JsCast, web_sys};
        let press = window_event_listener(ev::pointerdown, move |ev| {
            let Some(area) = area.get_untracked() else {
                return;
            };
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if !area.contains(target.as_ref()) {
                close();
            }
        });
        let key = window_event_listener(ev::keydown, move |ev| {
            if ev.key() != "Escape" {
                return;
            }
            // Before closing: the focus may be inside the popup, and would be lost with it.
            let button = area
                .get_untracked()
                .and_then(|area| area.query_selector(".more").ok().flatten())
                .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(button) = button {
                let _ = button.focus();
            }
            close();
        });
        on_cleanup(move || {
            press.remove();
            key.remove();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (area, close);
}
