//! The scrolling list. It opens at the first unread message (below an "Unread messages"
//! divider) or at the bottom, follows new messages while the reader is at the bottom, offers
//! "↓ N new" while they read further up, and loads the previous page when they scroll near the
//! top, keeping what they were reading in place.

use super::{
    actions::{delete_message, edit_message, react_to_message},
    api::older_messages,
    clock::{local_offset_minutes, now_ms},
    group_event::event_text,
    message_actions::MessageHandlers,
    message_groups::{rows, Row, UnreadAtOpen},
    message_item::{MessageItem, PendingItem},
    receipt::{Readers, Receipt},
    socket::ChatSocket,
    timeline::Timeline,
};
use crate::erased_view::IntoErased;
use crate::{
    error::AppError,
    protocol::{MessageView, ReplySnippet, UserView},
};
use leptos::{html, prelude::*};

/// Within this many pixels of the bottom counts as "at the bottom".
const STICKY_PX: i32 = 120;
/// Closer than this to the top loads the previous page.
const PREFETCH_PX: i32 = 200;
/// A click on a reply's quote loads at most this many older pages (of 50) to reach the
/// original.
const MOST_PAGES_TO_AN_ORIGINAL: usize = 20;

#[component]
pub fn MessageList(
    timeline: RwSignal<Timeline>,
    me: UserView,
    socket: ChatSocket,
    /// Whether others' names are written above their messages (not in a direct conversation).
    show_names: bool,
    /// The reader's read position when the conversation opened.
    read_at_open: i64,
    /// Set by a message's "Reply"; the composer shows it and sends the reply.
    replying_to: RwSignal<Option<ReplySnippet>>,
    /// Whose read positions make the receipt under one's own last message (`None`: no
    /// receipts here, as in the room).
    receipt: Option<Readers>,
) -> impl IntoView {
    let list = NodeRef::<html::Div>::new();
    let at_bottom = RwSignal::new(true);
    // The newest message the reader has had in view at the bottom; newer ones are "new".
    let seen_through = RwSignal::new(read_at_open);
    let my_id = me.id;
    let unread = UnreadAtOpen {
        read: read_at_open,
        newest: timeline.with_untracked(Timeline::synced_through),
        me: my_id,
    };
    let loading_older = RwSignal::new(false);
    // Bumped when a jump to a message (a quote's original, a search result) starts and when it
    // lands. A page that was loading meanwhile must not then put the scroll back where it was
    // before that page arrived: that would move the reader away from where they jumped.
    let jumps = StoredValue::new(0u64);
    let list_error = RwSignal::new(None::<String>);

    // On first show: at the unread divider if there is one, else at the bottom. Then follow
    // the conversation while the reader is at the bottom.
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
                        // Decided here rather than by the scroll event that follows: a frame
                        // arriving before that event must not take the reader to the bottom.
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
    let new_below = move || {
        if at_bottom.get() {
            return 0;
        }
        let seen = seen_through.get();
        timeline.with(|t| {
            t.messages()
                .filter(|m| m.seq > seen && m.sender.id != my_id && !m.withheld)
                .count()
        })
    };
    let jump_to_newest = move |_| {
        if let Some(el) = list.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
    };

    let load_older = move || {
        let Some(before_seq) =
            timeline.with_untracked(|t| t.has_older().then(|| t.oldest_seq()).flatten())
        else {
            return;
        };
        if loading_older.get_untracked() {
            return;
        }
        let Some(el) = list.get_untracked() else {
            return;
        };
        loading_older.set(true);
        list_error.set(None);
        let conversation_id = timeline.with_untracked(Timeline::conversation_id);
        leptos::task::spawn_local(async move {
            let (height_before, top_before) = (el.scroll_height(), el.scroll_top());
            let jumps_before = jumps.get_value();
            match older_messages(conversation_id, before_seq).await {
                Ok(page) => {
                    timeline.update(|t| t.add_older(page));
                    // Keep the message the reader was looking at where it was.
                    request_animation_frame(move || {
                        if jumps.get_value() == jumps_before {
                            el.set_scroll_top(el.scroll_height() - height_before + top_before);
                        }
                    });
                }
                Err(error) => list_error.set(Some(error.to_string())),
            }
            loading_older.set(false);
        });
    };

    let on_scroll = move |_| {
        let Some(el) = list.get_untracked() else {
            return;
        };
        let bottom = is_at_bottom(&el);
        if bottom != at_bottom.get_untracked() {
            at_bottom.set(bottom);
        }
        if bottom {
            let newest = timeline.with_untracked(Timeline::synced_through);
            if newest > seen_through.get_untracked() {
                seen_through.set(newest);
            }
        }
        if el.scroll_top() < PREFETCH_PX {
            load_older();
        }
    };

    let conversation_id = timeline.with_untracked(Timeline::conversation_id);
    let retry = Callback::new(move |client_id: String| {
        if let Some(p) = timeline.try_update(|t| t.retry(&client_id)).flatten() {
            socket.send(&p.send_frame(conversation_id));
        }
    });
    let discard =
        Callback::new(move |client_id: String| timeline.update(|t| t.discard(&client_id)));
    // Over HTTP rather than the socket, so a refusal or a lost connection shows here. The
    // answer is the message as it is now; the socket brings the same change to other tabs.
    let show = move |answer: Result<Option<MessageView>, AppError>, failed: &str| match answer {
        Ok(Some(message)) => {
            list_error.set(None);
            timeline.update(|t| {
                t.insert(message);
            });
        }
        Ok(None) => list_error.set(None),
        Err(error) => list_error.set(Some(format!("{failed}: {error}"))),
    };
    let handlers = MessageHandlers {
        delete: Callback::new(move |seq: i64| {
            leptos::task::spawn_local(async move {
                let answer = delete_message(conversation_id, seq).await.map(Some);
                show(answer, "Could not delete");
            });
        }),
        edit: Callback::new(move |(seq, body): (i64, String)| {
            leptos::task::spawn_local(async move {
                show(
                    edit_message(conversation_id, seq, body).await,
                    "Could not edit",
                );
            });
        }),
        react: Callback::new(move |(seq, emoji): (i64, String)| {
            leptos::task::spawn_local(async move {
                let answer = react_to_message(conversation_id, seq, emoji)
                    .await
                    .map(Some);
                show(answer, "Could not react");
            });
        }),
        reply: Callback::new(move |quote: ReplySnippet| replying_to.set(Some(quote))),
        show_original: Callback::new(move |seq: i64| {
            jumps.update_value(|j| *j += 1);
            if scroll_to_message(seq) {
                return;
            }
            // Older than the pages held: load pages back to it, then show it. Not "at the
            // bottom" any more, or following the conversation would scroll back down as the
            // pages arrive.
            at_bottom.set(false);
            leptos::task::spawn_local(async move {
                for _ in 0..MOST_PAGES_TO_AN_ORIGINAL {
                    let Some(before_seq) = timeline.with_untracked(|t| {
                        let missing = t.get(seq).is_none() && t.has_older();
                        missing.then(|| t.oldest_seq()).flatten()
                    }) else {
                        break;
                    };
                    match older_messages(conversation_id, before_seq).await {
                        Ok(page) => timeline.update(|t| t.add_older(page)),
                        Err(error) => return list_error.set(Some(error.to_string())),
                    }
                }
                request_animation_frame(move || {
                    // Again once there: a page load that began during the jump is then stale.
                    jumps.update_value(|j| *j += 1);
                    if !scroll_to_message(seq) {
                        list_error.set(Some("That message is too far back to show here.".into()));
                    }
                });
            });
        }),
        timeline,
        editing: RwSignal::new(None),
        draft: RwSignal::new(String::new()),
    };
    // Opened from a search result (`/c/{id}?at={seq}`): that message is shown, as a quote's
    // original is, once the list is in place (this runs after the first scroll above).
    let opened_at = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("at").and_then(|seq| seq.parse::<i64>().ok()));
    if let Some(seq) = opened_at {
        let show = handlers.show_original;
        Effect::new(move |_| request_animation_frame(move || show.run(seq)));
    }

    view! {
        <div class="messages" node_ref=list on:scroll=on_scroll>
            <Show when=move || timeline.with(Timeline::has_older)>
                <button type="button" class="load-older secondary" disabled=move || loading_older.get()
                    on:click=move |_| load_older()>
                    {move || if loading_older.get() { "Loading…" } else { "Load older messages" }}
                </button>
            </Show>
            {move || list_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <ol class="message-items" role="log" aria-label="Messages">
                <For
                    each=move || {
                        let offset = local_offset_minutes();
                        timeline.with(|t| {
                            // Withheld ones (from someone the reader blocked) only keep
                            // the seqs whole: never shown.
                            let messages: Vec<_> = t.messages().filter(|m| !m.withheld).collect();
                            rows(&messages, offset, now_ms(), unread)
                        })
                    }
                    key=move |row| row_key(conversation_id, row)
                    children=move |row| match row {
                        Row::Day { label, .. } => {
                            let name = label.clone();
                            view! {
                                <li class="day-separator" role="separator" aria-label=name>
                                    <span>{label}</span>
                                </li>
                            }.erase()
                        }
                        Row::Unread => view! {
                            <li class="unread-divider" role="separator" aria-label="Unread messages">
                                <span>"Unread messages"</span>
                            </li>
                        }.erase(),
                        Row::Message { message, place } => match event_text(&message, my_id) {
                            // A change to the group: a small centred line, not a bubble.
                            Some(line) => view! {
                                <li class="event-line" id=message_element_id(message.seq)><span>{line}</span></li>
                            }.erase(),
                            None => view! {
                                <MessageItem message me=my_id place show_names handlers/>
                            }.erase(),
                        },
                    }
                />
                <For
                    each=move || timeline.with(|t| t.pending().to_vec())
                    key=|p| (p.client_id.clone(), p.failure.clone())
                    children=move |p| view! {
                        <PendingItem pending=p on_retry=retry on_discard=discard/>
                    }
                />
                {receipt.map(|readers| view! { <Receipt timeline me=my_id readers/> })}
            </ol>
            {move || {
                let n = new_below();
                (n > 0).then(|| view! {
                    <button type="button" class="jump-new" on:click=jump_to_newest
                        aria-label=format!("{n} new, go to the newest")>{format!("↓ {n} new")}</button>
                })
            }}
        </div>
    }
    .erase()
}

/// What keeps a row's element: a message's row is drawn again when the message changes (its
/// change number) or its place in its group does. The conversation is part of the key: going
/// from one conversation to another rebuilds this list in place, and seq 1, change 1 of the
/// next one must not keep the row of seq 1, change 1 of the last.
type RowKey = (i64, u8, i64, i64, bool, bool);

fn row_key(conversation_id: i64, row: &Row) -> RowKey {
    match row {
        Row::Day { day, .. } => (conversation_id, 0, *day, 0, false, false),
        Row::Unread => (conversation_id, 2, 0, 0, false, false),
        Row::Message { message, place } => (
            conversation_id,
            1,
            message.seq,
            message.change,
            place.first,
            place.last,
        ),
    }
}

/// Whether the list is scrolled (nearly) to its newest message.
fn is_at_bottom(el: &leptos::web_sys::HtmlDivElement) -> bool {
    el.scroll_height() - el.scroll_top() - el.client_height() < STICKY_PX
}

/// Brings message `seq` into view and flashes it, if it is on the page. False when it is not
/// loaded (older than the oldest page held).
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

/// The `id` of a message's row, so a reply's quote can find the original.
pub fn message_element_id(seq: i64) -> String {
    format!("message-{seq}")
}
