//! Where a message's menu, and the confirmation a deletion asks for, open: above its "…" button
//! (`style/main.css`: the messages acted on most are the newest, at the bottom), beside the
//! bubble; moved so that all of it is inside the messages' scroll box. Nothing can be scrolled
//! to above a scroll box's first line, nor to its left: without this, the first messages of a
//! conversation showed only the bottom of their menu (Delete, but not react, reply or edit),
//! and the menu of a short message from someone else began off the left of the screen.

use leptos::{html::Div, prelude::*, web_sys::HtmlDivElement};

/// The class that turns a popup downwards, set once it is drawn if above would not fit.
pub const OPENS_DOWN: &str = "opens-down";

/// How close to the scroll box's sides a popup may come, in CSS pixels.
#[cfg(feature = "hydrate")]
const MARGIN_PX: f64 = 4.0;

/// Where a popup is drawn, decided once it is in the page.
#[derive(Clone, Copy)]
pub struct Placement {
    /// Below its button rather than above it.
    pub down: Signal<bool>,
    /// Its `translate`: along the row, by as much as it would stick out of the box.
    pub shift: Signal<String>,
}

/// Measures `popup` once it is drawn (above its button, by the style sheet): if its top is
/// above the top of the scroll box of messages it is in, it opens below the button instead
/// (and is brought into view if its bottom is then below the box); if it sticks out of the
/// box's left or right, it moves along the row until it does not.
pub fn placement(popup: NodeRef<Div>) -> Placement {
    let down = RwSignal::new(false);
    let shift_px = RwSignal::new(0);
    Effect::new(move || {
        if let Some(popup) = popup.get() {
            // Measured in the next frame: the effect can run before the popup is in the page.
            request_animation_frame(move || {
                let (cut_off_above, shift) = measure(&popup);
                shift_px.set(shift);
                if cut_off_above {
                    down.set(true);
                    request_animation_frame(move || bring_into_view(&popup));
                }
            });
        }
    });
    Placement {
        down: down.into(),
        shift: Signal::derive(move || match shift_px.get() {
            0 => String::new(),
            px => format!("{px}px 0"),
        }),
    }
}

/// Whether `popup` is cut off by its scroll box's top, and how far it must move along the row
/// to be inside the box's sides (the scroll bar excluded).
#[cfg(feature = "hydrate")]
fn measure(popup: &HtmlDivElement) -> (bool, i32) {
    let Ok(Some(scroll_box)) = popup.closest(".messages") else {
        return (false, 0);
    };
    let (shown, outer) = (
        popup.get_bounding_client_rect(),
        scroll_box.get_bounding_client_rect(),
    );
    let left = outer.left() + f64::from(scroll_box.client_left()) + MARGIN_PX;
    let right = left + f64::from(scroll_box.client_width()) - 2.0 * MARGIN_PX;
    let shift = if shown.left() < left {
        left - shown.left()
    } else if shown.right() > right {
        (right - shown.right()).max(left - shown.left())
    } else {
        0.0
    };
    // Whole pixels: the popup's text stays sharp.
    (shown.top() < outer.top(), shift.round() as i32)
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
fn measure(_: &HtmlDivElement) -> (bool, i32) {
    (false, 0)
}

#[cfg(not(feature = "hydrate"))]
fn bring_into_view(_: &HtmlDivElement) {}
