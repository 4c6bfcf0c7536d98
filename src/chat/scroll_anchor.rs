//! Where the message list is scrolled: whether the reader is at the bottom (so the list follows
//! new messages), which messages they have had in view there, a page of older messages added
//! above without moving what they are reading, and jumps to one message.

use super::timeline::Timeline;
use leptos::{html, prelude::*};

/// Within this many pixels of the bottom counts as "at the bottom".
const STICKY_PX: i32 = 120;
/// Closer than this to the top loads the previous page.
const PREFETCH_PX: i32 = 200;

/// The list's scroll state, shared by its handlers.
#[derive(Clone, Copy)]
pub struct ScrollAnchor {
    pub list: NodeRef<html::Div>,
    pub at_bottom: RwSignal<bool>,
    /// The newest message the reader has had in view at the bottom; newer ones are "new".
    pub seen_through: RwSignal<i64>,
    /// Bumped when a jump to a message (a quote's original, a search result) starts and when
    /// it lands. A page that was loading meanwhile must not then put the scroll back where it
    /// was before that page arrived: that would move the reader away from where they jumped.
    jumps: StoredValue<u64>,
}

impl ScrollAnchor {
    pub fn new(read_at_open: i64) -> Self {
        Self {
            list: NodeRef::new(),
            at_bottom: RwSignal::new(true),
            seen_through: RwSignal::new(read_at_open),
            jumps: StoredValue::new(0),
        }
    }

    /// On first show: at the unread divider if there is one, else at the bottom. Then follows
    /// the conversation while the reader is at the bottom.
    pub fn follow(self, timeline: RwSignal<Timeline>) {
        let Self {
            list,
            at_bottom,
            seen_through,
            ..
        } = self;
        Effect::new(move |shown_before: Option<()>| {
            let newest = timeline.with(|t| (t.synced_through(), t.pending().len())).0;
            let first_show = shown_before.is_none();
            if first_show || at_bottom.get_untracked() {
                request_animation_frame(move || {
                    let Some(el) = list.get_untracked() else {
                        return;
                    };
                    let divider = first_show
                        .then(|| el.query_selector(".unread-divider").ok().flatten())
                        .flatten();
                    match divider {
                        Some(divider) => {
                            divider.scroll_into_view_with_bool(true);
                            // Decided here rather than by the scroll event that follows: a
                            // frame arriving before that event must not take the reader to
                            // the bottom.
                            at_bottom.set(is_at_bottom(&el));
                        }
                        None => {
                            el.set_scroll_top(el.scroll_height());
                            seen_through.set(newest);
                        }
                    }
                });
            }
        });
    }

    pub fn to_newest(self) {
        if let Some(el) = self.list.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
    }

    /// After the reader scrolled: notes whether they are at the bottom and what they have seen
    /// there. True when they are near the top, where the previous page is wanted.
    pub fn on_scroll(self, timeline: RwSignal<Timeline>) -> bool {
        let Some(el) = self.list.get_untracked() else {
            return false;
        };
        let bottom = is_at_bottom(&el);
        if bottom != self.at_bottom.get_untracked() {
            self.at_bottom.set(bottom);
        }
        if bottom {
            let newest = timeline.with_untracked(Timeline::synced_through);
            if newest > self.seen_through.get_untracked() {
                self.seen_through.set(newest);
            }
        }
        el.scroll_top() < PREFETCH_PX
    }

    /// Where the reader is, taken before older messages are added above it.
    pub fn keep_place(self) -> Option<KeptPlace> {
        let el = self.list.get_untracked()?;
        Some(KeptPlace {
            height: el.scroll_height(),
            top: el.scroll_top(),
            jumps_then: self.jumps.get_value(),
            jumps: self.jumps,
            el,
        })
    }

    /// Brings message `seq` into view and flashes it, if it is on the page; a page of older
    /// messages that was loading meanwhile then leaves the scroll alone. False when it is not
    /// loaded (older than the oldest page held).
    pub fn jump_to(self, seq: i64) -> bool {
        self.jumps.update_value(|j| *j += 1);
        scroll_to_message(seq)
    }
}

/// The reader's place in the list before older messages were added above it.
pub struct KeptPlace {
    el: leptos::web_sys::HtmlDivElement,
    height: i32,
    top: i32,
    jumps_then: u64,
    jumps: StoredValue<u64>,
}

impl KeptPlace {
    /// Once the added messages are drawn, keeps the message the reader was looking at where it
    /// was, unless they jumped elsewhere meanwhile.
    pub fn restore(self) {
        request_animation_frame(move || {
            if self.jumps.get_value() == self.jumps_then {
                let el = &self.el;
                el.set_scroll_top(el.scroll_height() - self.height + self.top);
            }
        });
    }
}

/// Whether the list is scrolled (nearly) to its newest message.
fn is_at_bottom(el: &leptos::web_sys::HtmlDivElement) -> bool {
    el.scroll_height() - el.scroll_top() - el.client_height() < STICKY_PX
}

fn scroll_to_message(seq: i64) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let Some(element) = document().get_element_by_id(&message_element_id(seq)) else {
            return false;
        };
        // To the top of the list (its CSS scroll margin leaves room above), and marked for a
        // moment so the eye finds it.
        element.scroll_into_view_with_bool(true);
        let _ = element.set_attribute("data-flash", "");
        set_timeout(
            move || {
                let _ = element.remove_attribute("data-flash");
            },
            std::time::Duration::from_millis(1600),
        );
        true
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = seq;
        false
    }
}

/// The `id` of a message's row, so a jump (a reply's quote, a search result) can find it.
pub fn message_element_id(seq: i64) -> String {
    format!("message-{seq}")
}
