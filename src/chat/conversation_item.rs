use super::{
    avatar::conversation_avatar, clock::TimeLabel, group_event::event_text, mute_button::BellIcon,
    presence::PresenceDot, store::use_chat_store,
};
use crate::erased_view::IntoErased;
use crate::protocol::{ConversationKind, ConversationSummary};
use leptos::prelude::*;

const PREVIEW_CHARS: usize = 120;

/// One line of the list: who, the last message, when, and how many are unread.
#[component]
pub fn ConversationItem(
    summary: ConversationSummary,
    me: i64,
    active: Signal<bool>,
) -> impl IntoView {
    let unread = summary.unread();
    let title = summary.title().to_owned();
    let preview = preview(&summary, me);
    // Someone typing shows in place of the last message, as in every messenger.
    let store = use_chat_store();
    let typing = store.typing;
    let id = summary.id;
    // Then a message begun here and not sent, except on the open conversation's own row (its
    // box shows it). A memo, so that typing there does not redraw the row.
    let draft = store.draft(id);
    let draft_line = Memo::new(move |_| {
        if active.get() {
            return None;
        }
        draft.with(|text| draft_preview(text))
    });
    let direct = summary.kind == ConversationKind::Direct;
    let typing_line = move || {
        typing.with(|b| match b.line(id) {
            // The row already says who.
            Some(_) if direct => Some("typing…".to_owned()),
            line => line,
        })
    };
    let avatar = conversation_avatar(&summary);
    let presence = Signal::stored(summary.peer_presence);
    view! {
        <li>
            <a class="conversation" class:unread={unread > 0 && !summary.muted} href=format!("/c/{}", summary.id)
                aria-current=move || active.get().then_some("page")>
                <span class="avatar-slot">{avatar}<PresenceDot presence/></span>
                <span class="conversation-text">
                    <span class="conversation-top">
                        <span class="conversation-title">{title}</span>
                        {summary.muted.then(|| view! {
                            <span class="muted-mark" role="img" aria-label="Muted" title="Muted">
                                <BellIcon crossed=true/>
                            </span>
                        })}
                        {(summary.last_activity_ms > 0).then(|| view! { <TimeLabel sent_at_ms=summary.last_activity_ms/> })}
                    </span>
                    <span class="conversation-bottom">
                        {move || match (typing_line(), draft_line.get()) {
                            (Some(line), _) => view! { <span class="preview typing">{line}</span> }.erase(),
                            (None, Some(text)) => view! {
                                <span class="preview"><span class="draft-mark">"Draft: "</span>{text}</span>
                            }.erase(),
                            (None, None) => view! { <span class="preview">{preview.clone()}</span> }.erase(),
                        }}
                        {(unread > 0).then(|| view! {
                            <span class="unread-count" class:quiet=summary.muted>{unread}<span class="visually-hidden">" unread"</span></span>
                        })}
                    </span>
                </span>
            </a>
        </li>
    }
}

fn preview(summary: &ConversationSummary, me: i64) -> String {
    if summary.group.as_ref().is_some_and(|group| group.removed) {
        return "You were removed".into();
    }
    let Some(last) = &summary.last_message else {
        return "No messages yet".into();
    };
    if last.withheld {
        return String::new();
    }
    if let Some(line) = event_text(last, me) {
        return line;
    }
    // The list only shows one line; the whole text of a long message need not travel.
    let caption: String = last.body.chars().take(PREVIEW_CHARS).collect();
    let text = match (last.deleted, &last.image) {
        (true, _) => "Message deleted".into(),
        (false, Some(_)) if caption.is_empty() => "Photo".into(),
        (false, Some(_)) => format!("Photo: {caption}"),
        (false, None) => caption,
    };
    if last.sender.id == me {
        format!("You: {text}")
    } else if summary.kind != ConversationKind::Direct {
        format!("{}: {text}", last.sender.username)
    } else {
        text
    }
}

/// The start of an unsent message, or `None` when nothing but spaces was typed.
fn draft_preview(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.chars().take(PREVIEW_CHARS).collect())
}
