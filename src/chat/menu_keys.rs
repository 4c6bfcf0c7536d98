//! The keys a menu answers to, as its `menu` role promises to someone using a screen reader:
//! opened from the keyboard it takes the focus to its first item; the arrows move it to the
//! next or the previous item (round at the ends), Home and End to the first and the last.
//! Escape is `popup_dismissal`'s.
//!
//! A message's menu only: it is drawn by the panes' piece. The conversation's "⋮" menu (two
//! items, reached with Tab) would bring this into every conversation's first load, 1 KB.

/// For a menu's `keydown`: moves the focus among the elements with the role `menuitem` inside
/// the element listening. A key pressed in anything else (the box for another emoji, where
/// Home and End move the caret) is left alone.
pub fn move_between_items(ev: leptos::ev::KeyboardEvent) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::{wasm_bindgen::JsCast, web_sys::HtmlElement};
        let element = |target: Option<leptos::web_sys::EventTarget>| {
            target.and_then(|t| t.dyn_into::<HtmlElement>().ok())
        };
        let (Some(item), Some(menu)) = (element(ev.target()), element(ev.current_target())) else {
            return;
        };
        if item.get_attribute("role").as_deref() != Some("menuitem") {
            return;
        }
        let Ok(found) = menu.query_selector_all("[role=menuitem]") else {
            return;
        };
        let items: Vec<HtmlElement> = (0..found.length())
            .filter_map(|i| found.item(i))
            .filter_map(|node| node.dyn_into().ok())
            .collect();
        let (Some(at), Some(last)) = (
            items.iter().position(|other| *other == item),
            items.len().checked_sub(1),
        ) else {
            return;
        };
        let to = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => (at + 1) % items.len(),
            "ArrowUp" | "ArrowLeft" => at.checked_sub(1).unwrap_or(last),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        // The arrows would scroll the messages too.
        ev.prevent_default();
        let _ = items[to].focus();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// Takes the focus to `menu`'s first item once it is drawn and placed (`popup_placement`
/// measures it in the frame before), so the focus does not scroll the messages to where the
/// menu was first drawn.
pub fn focus_first_item(menu: leptos::prelude::NodeRef<leptos::html::Div>) {
    use leptos::prelude::*;
    Effect::new(move || {
        if let Some(menu) = menu.get() {
            request_animation_frame(move || {
                request_animation_frame(move || {
                    #[cfg(feature = "hydrate")]
                    if let Some(first) = menu
                        .query_selector("[role=menuitem]")
                        .ok()
                        .flatten()
                        .and_then(|item| {
                            leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(
                                item,
                            )
                            .ok()
                        })
                    {
                        let _ = first.focus();
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = menu;
                })
            });
        }
    });
}
