//! The scrolling list. It opens at the first unread message (below an "Unread messages"
//! divider) or at the bottom, follows new messages while the reader is at the bottom, offers
//! "↓ N new" while they read further up, and loads the previous page when they scroll near the
//! top, keeping what they were reading in place (the scroll itself is `scroll_anchor`'s).

use super::{
    actions::{delete_message, edit_message, react_to_message},
    api::older_messages,
    clock::{local_offset_minutes, now_ms},
    group_event::event_text,
    message_actions::MessageHandlers,
    message_groups::{rows, Row, UnreadAtOpen},
    message_item::{MessageItem, PendingItem},
    receipt::{Readers, Receipt},
    scroll_anchor::{message_element_id, ScrollAnchor},
    socket::ChatSocket,
    timeline::Timeline,
};
use crate::erased_view::IntoErased;
use crate::{
    error::AppError,
    protocol::{MessageView, ReplySnippet, UserView},
};
use leptos::prelude::*;
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
    let scroll = ScrollAnchor::new(read_at_open);
    let ScrollAnchor {
        list,
        at_bottom,
        seen_through,
        ..
    } = scroll;
    let my_id = me.id;
    let unread = UnreadAtOpen {
        read: read_at_open,
        newest: timeline.with_untracked(Timeline::synced_through),
        me: my_id,
    };
    let loading_older = RwSignal::new(false);
    let list_error = RwSignal::new(None::<String>);
    scroll.follow(timeline);
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
    let jump_to_newest = move |_| scroll.to_newest();

    let load_older = move || {
        let Some(before_seq) =
            timeline.with_untracked(|t| t.has_older().then(|| t.oldest_seq()).flatten())
        else {
            return;
        };
        if loading_older.get_untracked() {
            return;
        }
        if list.get_untracked().is_none() {
            return;
        }
        loading_older.set(true);
        list_error.set(None);
        let conversation_id = timeline.with_untracked(Timeline::conversation_id);
        leptos::task::spawn_local(async move {
            let place = scroll.keep_place();
            match older_messages(conversation_id, before_seq).await {
                Ok(page) => {
                    timeline.update(|t| t.add_older(page));
                    if let Some(place) = place {
                        place.restore();
                    }
                }
                Err(error) => list_error.set(Some(error.to_string())),
            }
            loading_older.set(false);
        });
    };

    let on_scroll = move |_| {
        if scroll.on_scroll(timeline) {
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
            if scroll.jump_to(seq) {
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
                    if !scroll.jump_to(seq) {
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
