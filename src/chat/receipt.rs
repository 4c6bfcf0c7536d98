//! "Sent" / "Seen" under one's own newest message in a direct conversation: "Seen" once the
//! other person's read position covers it. Shown only while one's own message is the newest
//! stored one (a reply from them says more than a receipt).

use super::timeline::Timeline;
use leptos::prelude::*;

#[component]
pub fn Receipt(
    timeline: RwSignal<Timeline>,
    /// The reader's user id.
    me: i64,
    /// How far the other person has read.
    peer_read: Signal<Option<i64>>,
) -> impl IntoView {
    move || {
        let newest = timeline.with(|t| {
            let stored = t.pending().is_empty().then(|| {
                t.messages()
                    .filter(|m| !m.withheld)
                    .last()
                    .map(|m| (m.seq, m.sender.id))
            });
            stored.flatten()
        });
        let (seq, sender) = newest?;
        (sender == me).then(|| {
            let seen = peer_read.get().is_some_and(|read| read >= seq);
            view! {
                <li class="receipt" aria-live="polite">{if seen { "Seen" } else { "Sent" }}</li>
            }
        })
    }
}
