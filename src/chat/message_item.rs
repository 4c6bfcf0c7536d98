use super::{
    avatar::Avatar,
    clock::TimeLabel,
    linkify,
    message_actions::{long_press, MessageActions},
    message_groups::Place,
    message_image::MessageImage,
    timeline::PendingMessage,
};
use crate::protocol::MessageView;
use leptos::prelude::*;

/// One stored message, as messengers show it: one's own on the right without name or avatar,
/// others' on the left with the avatar (and, where several people write, the name) once per
/// group. The body is text nodes and `http(s)` links: whatever it contains is shown, never run.
#[component]
pub fn MessageItem(
    message: MessageView,
    mine: bool,
    place: Place,
    /// Whether others' names are written (the room; a direct conversation has one other).
    show_names: bool,
    on_delete: Callback<i64>,
) -> impl IntoView {
    let MessageView {
        seq,
        sender,
        body,
        sent_at_ms,
        deleted,
        image,
        ..
    } = message;
    let can_delete = mine && !deleted;
    let menu_open = RwSignal::new(false);
    let (press, release) = long_press(menu_open);
    let author = (show_names && !mine && place.first).then(|| {
        view! { <span class="author">{sender.username.clone()}</span> }
    });
    let avatar = (!mine).then(|| {
        if place.first {
            view! { <Avatar user=sender.clone()/> }.into_any()
        } else {
            view! { <span class="avatar-space" aria-hidden="true"></span> }.into_any()
        }
    });
    let content = match (deleted, image) {
        (true, _) => view! { <p class="body deleted">"Message deleted"</p> }.into_any(),
        (false, Some(image)) => {
            let description = if body.is_empty() {
                format!("image from {}", sender.username)
            } else {
                body.clone()
            };
            view! {
                <MessageImage image description/>
                {(!body.is_empty()).then(|| view! { <p class="body caption"><Linked text=body/></p> })}
            }
            .into_any()
        }
        (false, None) => view! { <p class="body"><Linked text=body/></p> }.into_any(),
    };
    view! {
        <li class="message" class:mine=mine class:first=place.first class:last=place.last
            on:touchstart=press
            on:touchend=release on:touchmove=release on:touchcancel=release>
            {avatar}
            <div class="bubble">
                {author}
                {content}
                <span class="stamp">
                    <TimeLabel sent_at_ms time_only=true/>
                    {mine.then(|| view! { <span class="tick" role="img" aria-label="Sent">"✓"</span> })}
                </span>
            </div>
            <MessageActions seq sent_at_ms can_delete on_delete open=menu_open/>
        </li>
    }
}

/// Text with its web addresses as links that open in a new tab and tell the site nothing.
#[component]
fn Linked(text: String) -> impl IntoView {
    linkify::pieces(&text)
        .into_iter()
        .map(|piece| match piece {
            linkify::Piece::Text(text) => text.to_owned().into_any(),
            linkify::Piece::Link(href) => view! {
                <a href=href.to_owned() target="_blank" rel="noopener noreferrer">{href.to_owned()}</a>
            }
            .into_any(),
        })
        .collect_view()
}

/// A message of ours the server has not acknowledged yet (a clock), or refused (tap to retry).
#[component]
pub fn PendingItem(
    pending: PendingMessage,
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
        <li class="message mine pending first last" class:failed=failed>
            <div class="bubble">
                <p class="body"><Linked text=body/></p>
                {match failure {
                    None => view! {
                        <span class="stamp"><span class="tick" role="img" aria-label="Sending">"🕓"</span></span>
                    }.into_any(),
                    Some(reason) => view! {
                        <div class="not-sent" role="alert">
                            <button type="button" class="link-button" on:click={
                                let id = retry_id.clone();
                                move |_| on_retry.run(id.clone())
                            }>"Not sent. Tap to retry"</button>
                            <span class="reason">{reason}</span>
                            <button type="button" class="link-button" on:click={
                                let id = discard_id.clone();
                                move |_| on_discard.run(id.clone())
                            }>"Discard"</button>
                        </div>
                    }.into_any(),
                }}
            </div>
        </li>
    }
}
