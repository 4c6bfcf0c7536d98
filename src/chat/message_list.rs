//! The scrolling list. It follows new messages while the reader is at the bottom, and loads
//! the previous page when they scroll near the top, keeping what they were reading in place.

use super::{
    actions::delete_message,
    api::older_messages,
    message_item::{MessageItem, PendingItem},
    socket::ChatSocket,
    timeline::Timeline,
};
use crate::protocol::{ClientMsg, UserView};
use leptos::{html, prelude::*};

/// Within this many pixels of the bottom counts as "at the bottom".
const STICKY_PX: i32 = 120;
/// Closer than this to the top loads the previous page.
const PREFETCH_PX: i32 = 200;

#[component]
pub fn MessageList(
    timeline: RwSignal<Timeline>,
    me: UserView,
    socket: ChatSocket,
) -> impl IntoView {
    let list = NodeRef::<html::Div>::new();
    let at_bottom = StoredValue::new(true);
    let loading_older = RwSignal::new(false);
    let list_error = RwSignal::new(None::<String>);

    // Follow the conversation while the reader is at the bottom (and on first show).
    Effect::new(move |_| {
        timeline.with(|t| (t.synced_through(), t.pending().len()));
        if at_bottom.get_value() {
            request_animation_frame(move || {
                if let Some(el) = list.get_untracked() {
                    el.set_scroll_top(el.scroll_height());
                }
            });
        }
    });

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
            match older_messages(conversation_id, before_seq).await {
                Ok(page) => {
                    timeline.update(|t| t.add_older(page));
                    // Keep the message the reader was looking at where it was.
                    request_animation_frame(move || {
                        el.set_scroll_top(el.scroll_height() - height_before + top_before);
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
        at_bottom.set_value(el.scroll_height() - el.scroll_top() - el.client_height() < STICKY_PX);
        if el.scroll_top() < PREFETCH_PX {
            load_older();
        }
    };

    let conversation_id = timeline.with_untracked(Timeline::conversation_id);
    let retry = Callback::new(move |client_id: String| {
        if let Some(p) = timeline.try_update(|t| t.retry(&client_id)).flatten() {
            socket.send(&ClientMsg::Send {
                conversation_id,
                client_id: p.client_id,
                body: p.body,
            });
        }
    });
    let discard =
        Callback::new(move |client_id: String| timeline.update(|t| t.discard(&client_id)));
    // Over HTTP rather than the socket, so a refusal or a lost connection shows here.
    let delete = Callback::new(move |seq: i64| {
        leptos::task::spawn_local(async move {
            match delete_message(conversation_id, seq).await {
                Ok(message) => timeline.update(|t| {
                    t.insert(message);
                }),
                Err(error) => list_error.set(Some(format!("Could not delete: {error}"))),
            }
        });
    });
    let my_id = me.id;

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
                    each=move || timeline.with(|t| t.messages().cloned().collect::<Vec<_>>())
                    key=|m| (m.seq, m.deleted)
                    children=move |m| {
                        let mine = m.sender.id == my_id;
                        view! { <MessageItem message=m mine on_delete=delete/> }
                    }
                />
                <For
                    each=move || timeline.with(|t| t.pending().to_vec())
                    key=|p| (p.client_id.clone(), p.failure.clone())
                    children=move |p| view! {
                        <PendingItem pending=p me=me.clone() on_retry=retry on_discard=discard/>
                    }
                />
            </ol>
        </div>
    }
    .into_any()
}
