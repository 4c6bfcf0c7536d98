use super::{
    avatar::Avatar,
    clock::TimeLabel,
    linkify,
    message_actions::{long_press, MenuFor, MessageActions, MessageHandlers},
    message_groups::Place,
    message_image::MessageImage,
    pending::PendingMessage,
    scroll_anchor::message_element_id,
};
use crate::erased_view::IntoErased;
use crate::protocol::{MessageView, ReactionView, ReplySnippet};
use leptos::prelude::*;

/// One stored message, as messengers show it: one's own on the right without name or avatar,
/// others' on the left with the avatar (and, where several people write, the name) once per
/// group; its reactions under the text. The body is text nodes and `http(s)` links: whatever it
/// contains is shown, never run.
#[component]
pub fn MessageItem(
    message: MessageView,
    /// The reader's user id (their own reactions are highlighted).
    me: i64,
    place: Place,
    /// Whether others' names are written (the room; a direct conversation has one other).
    show_names: bool,
    handlers: MessageHandlers,
) -> impl IntoView {
    let quote = ReplySnippet::of(&message);
    let MessageView {
        seq,
        sender,
        body,
        sent_at_ms,
        deleted,
        image,
        edited,
        reactions,
        reply_to,
        ..
    } = message;
    let mine = sender.id == me;
    let menu = MenuFor {
        seq,
        sent_at_ms,
        editable: (mine && !deleted).then(|| body.clone()),
        can_delete: mine && !deleted,
        can_react: !deleted,
        reactions: reactions.clone(),
        quote,
    };
    // The original as this tab holds it now (edited or deleted since), else as the server
    // quoted it.
    let quoted = (!deleted).then_some(reply_to).flatten().map(|stored| {
        let original = stored.seq;
        let current = move || {
            handlers
                .timeline
                .with(|t| t.get(original).map(ReplySnippet::of))
                .unwrap_or_else(|| (*stored).clone())
        };
        view! {
            <button type="button" class="quote-button" title="Show the message this answers"
                on:click=move |_| handlers.show_original.run(original)>
                {move || view! { <Quote quote=current()/> }}
            </button>
        }
    });
    let menu_open = RwSignal::new(false);
    let (press, release) = long_press(menu_open);
    let author = (show_names && !mine && place.first).then(|| {
        view! { <span class="author">{sender.username.clone()}</span> }
    });
    let avatar = (!mine).then(|| {
        if place.first {
            view! { <Avatar user=sender.clone()/> }.erase()
        } else {
            view! { <span class="avatar-space" aria-hidden="true"></span> }.erase()
        }
    });
    // An image's description for screen readers: its caption, or who sent it.
    let description = if body.is_empty() {
        format!("image from {}", sender.username)
    } else {
        body.clone()
    };
    let has_image = image.is_some();
    let editing = move || handlers.editing.get() == Some(seq);
    let text = move || {
        let body = body.clone();
        if editing() {
            // Only the menu starts an edit, so the piece that draws it is already in.
            Suspend::new(async move {
                crate::lazy_pages::edit_form(seq, handlers)
                    .await
                    .unwrap_or_else(|_| {
                        view! { <p class="body" role="alert">"Editing could not be loaded."</p> }
                            .erase()
                    })
            })
            .erase()
        } else if body.is_empty() {
            ().erase()
        } else {
            view! { <p class="body" class:caption=has_image><Linked text=body/></p> }.erase()
        }
    };
    let content = match (deleted, image.clone()) {
        (true, _) => view! { <p class="body deleted">"Message deleted"</p> }.erase(),
        (false, Some(image)) => view! { <MessageImage image description/> {text} }.erase(),
        (false, None) => text.erase(),
    };
    let chips = (!reactions.is_empty()).then(|| {
        view! {
            <div class="reactions">
                {reactions.into_iter().map(|r| view! { <ReactionChip reaction=r seq me handlers/> }).collect_view()}
            </div>
        }
    });
    view! {
        <li class="message" id=message_element_id(seq) class:mine=mine class:first=place.first class:last=place.last
            on:touchstart=press
            on:touchend=release on:touchmove=release on:touchcancel=release>
            {avatar}
            <div class="bubble">
                {author}
                {quoted}
                {content}
                <span class="stamp">
                    {edited.then(|| view! { <span class="edited">"edited"</span> })}
                    <TimeLabel sent_at_ms time_only=true/>
                    {mine.then(|| view! { <span class="tick" role="img" aria-label="Sent">"✓"</span> })}
                </span>
                {chips}
            </div>
            <MessageActions menu handlers open=menu_open/>
        </li>
    }
}

/// What a reply shows of the message it answers: who wrote it and its first line, or "Photo",
/// or "Message deleted".
#[component]
pub fn Quote(quote: ReplySnippet) -> impl IntoView {
    let ReplySnippet {
        sender,
        text,
        photo,
        deleted,
        ..
    } = quote;
    let text = match (deleted, photo, text.is_empty()) {
        (true, _, _) => "Message deleted".to_owned(),
        (false, true, true) => "Photo".to_owned(),
        (false, true, false) => format!("Photo: {text}"),
        (false, false, _) => text,
    };
    view! {
        <span class="quote">
            <span class="quote-author">{sender.username}</span>
            <span class="quote-text" class:deleted=deleted>{text}</span>
        </span>
    }
}

/// One emoji under a message with how many reacted; pressed when the reader is one of them.
/// Clicking adds or takes back the reader's own; the names are in the title (hover) and in the
/// message's menu (long press).
#[component]
fn ReactionChip(
    reaction: ReactionView,
    seq: i64,
    me: i64,
    handlers: MessageHandlers,
) -> impl IntoView {
    let ReactionView { emoji, users } = reaction;
    let mine = users.iter().any(|u| u.id == me);
    let names = users
        .iter()
        .map(|u| u.username.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let label = format!("{emoji} {}: {names}", users.len());
    let count = users.len();
    view! {
        <button type="button" class="reaction" class:mine=mine aria-pressed=mine.to_string()
            title=names aria-label=label on:click={
                let emoji = emoji.clone();
                move |_| handlers.react.run((seq, emoji.clone()))
            }>
            <span class="emoji">{emoji.clone()}</span>" "{count}
        </button>
    }
}

/// Text with its web addresses as links that open in a new tab and tell the site nothing.
#[component]
fn Linked(text: String) -> impl IntoView {
    linkify::pieces(&text)
        .into_iter()
        .map(|piece| match piece {
            linkify::Piece::Text(text) => text.to_owned().erase(),
            linkify::Piece::Link(href) => view! {
                <a href=href.to_owned() target="_blank" rel="noopener noreferrer">{href.to_owned()}</a>
            }
            .erase(),
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
        reply_to,
        failure,
    } = pending;
    let failed = failure.is_some();
    let (retry_id, discard_id) = (client_id.clone(), client_id);
    view! {
        <li class="message mine pending first last" class:failed=failed>
            <div class="bubble">
                {reply_to.map(|quote| view! { <Quote quote/> })}
                <p class="body"><Linked text=body/></p>
                {match failure {
                    None => view! {
                        <span class="stamp"><span class="tick" role="img" aria-label="Sending">"🕓"</span></span>
                    }.erase(),
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
                    }.erase(),
                }}
            </div>
        </li>
    }
}
