use super::{
    avatar::Avatar, clock::TimeLabel, message_image::MessageImage, timeline::PendingMessage,
};
use crate::protocol::{MessageView, UserView};
use leptos::prelude::*;

/// One stored message. The body is a text node: whatever it contains is shown, never run.
/// The author's own messages can be deleted, after a confirmation in place.
#[component]
pub fn MessageItem(message: MessageView, mine: bool, on_delete: Callback<i64>) -> impl IntoView {
    let MessageView {
        seq,
        sender,
        body,
        sent_at_ms,
        deleted,
        image,
        ..
    } = message;
    let confirming = RwSignal::new(false);
    let can_delete = mine && !deleted;
    view! {
        <li class="message" class:mine=mine>
            <Avatar user=sender.clone()/>
            <div class="bubble">
                <div class="meta">
                    <span class="author">{sender.username.clone()}</span>
                    <TimeLabel sent_at_ms/>
                    {can_delete.then(|| view! {
                        <Show when=move || !confirming.get()>
                            <button type="button" class="link-button" aria-label="Delete message"
                                on:click=move |_| confirming.set(true)>"Delete"</button>
                        </Show>
                    })}
                </div>
                {match (deleted, image) {
                    (true, _) => view! { <p class="body deleted">"Message deleted"</p> }.into_any(),
                    (false, Some(image)) => {
                        let description = if body.is_empty() {
                            format!("image from {}", sender.username)
                        } else {
                            body.clone()
                        };
                        view! {
                            <MessageImage image description/>
                            {(!body.is_empty()).then(|| view! { <p class="body caption">{body}</p> })}
                        }.into_any()
                    }
                    (false, None) => view! { <p class="body">{body}</p> }.into_any(),
                }}
                <Show when=move || confirming.get()>
                    <div class="confirm" role="group" aria-label="Confirm deletion">
                        <span>"Delete for everyone?"</span>
                        <button type="button" class="danger" on:click=move |_| {
                            confirming.set(false);
                            on_delete.run(seq);
                        }>"Delete"</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </Show>
            </div>
        </li>
    }
}

/// A message of ours the server has not acknowledged yet, or refused.
#[component]
pub fn PendingItem(
    pending: PendingMessage,
    me: UserView,
    on_retry: Callback<String>,
    on_discard: Callback<String>,
) -> impl IntoView {
    let PendingMessage {
        client_id,
        body,
        failure,
    } = pending;
    let failed = failure.is_some();
    let (retry_id, discard_id) = (client_id.clone(), client_id);
    view! {
        <li class="message mine pending" class:failed=failed>
            <Avatar user=me.clone()/>
            <div class="bubble">
                <div class="meta">
                    <span class="author">{me.username}</span>
                    {match failure {
                        None => view! { <span class="status">"Sending…"</span> }.into_any(),
                        Some(reason) => view! {
                            <span class="status" role="alert">"Not sent: " {reason}</span>
                        }.into_any(),
                    }}
                </div>
                <p class="body">{body}</p>
                <Show when=move || failed>
                    <div class="pending-actions">
                        <button type="button" class="secondary" on:click={
                            let id = retry_id.clone();
                            move |_| on_retry.run(id.clone())
                        }>"Retry"</button>
                        <button type="button" class="secondary" on:click={
                            let id = discard_id.clone();
                            move |_| on_discard.run(id.clone())
                        }>"Discard"</button>
                    </div>
                </Show>
            </div>
        </li>
    }
}
