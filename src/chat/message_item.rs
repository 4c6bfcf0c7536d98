use super::{avatar::Avatar, clock::TimeLabel, timeline::PendingMessage};
use crate::protocol::MessageView;
use leptos::prelude::*;

/// One stored message. The body is a text node: whatever it contains is shown, never run.
#[component]
pub fn MessageItem(message: MessageView, mine: bool) -> impl IntoView {
    let MessageView {
        sender,
        body,
        sent_at_ms,
        deleted,
        ..
    } = message;
    view! {
        <li class="message" class:mine=mine>
            <Avatar user_id=sender.id name=sender.username.clone()/>
            <div class="bubble">
                <div class="meta">
                    <span class="author">{sender.username}</span>
                    <TimeLabel sent_at_ms/>
                </div>
                {if deleted {
                    view! { <p class="body deleted">"Message deleted"</p> }.into_any()
                } else {
                    view! { <p class="body">{body}</p> }.into_any()
                }}
            </div>
        </li>
    }
}

/// A message of ours the server has not acknowledged yet, or refused.
#[component]
pub fn PendingItem(
    pending: PendingMessage,
    #[prop(into)] me: String,
    my_id: i64,
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
            <Avatar user_id=my_id name=me.clone()/>
            <div class="bubble">
                <div class="meta">
                    <span class="author">{me}</span>
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
