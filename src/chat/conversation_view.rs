//! One open conversation: its header, messages and composer. While it is open and the tab is
//! visible, what arrives is marked read (and the user's other tabs are told).

use super::{
    actions::HideConversation,
    api::ConversationView,
    attachment::AttachmentSlot,
    avatar::conversation_avatar,
    block_controls::{BlockMenuItem, BlockState, BlockedNote},
    composer::Composer,
    group_api::forget_group,
    group_event::removed_in,
    inbox_reloads::InboxEdit,
    message_list::MessageList,
    mute_button::MuteButton,
    popup_dismissal::close_on_escape_or_outside,
    presence::{PresenceDot, PresenceLine},
    receipt::Readers,
    socket::{use_chat_socket, ChatSocket, LinkStatus},
    store::{use_chat_store, ChatStore},
    tab_title::UnreadTitle,
    timeline::Timeline,
};
use crate::erased_view::sync_hydrated;
use crate::erased_view::IntoErased;
use crate::protocol::{ClientMsg, ConversationKind, ReplySnippet};
use leptos::prelude::*;

#[component]
pub fn ConversationPane(view: ConversationView) -> impl IntoView {
    let ConversationView {
        summary,
        page,
        readers,
    } = view;
    let store = use_chat_store();
    let socket = use_chat_socket();
    let first_open = store.timeline(summary.id).is_none();
    let timeline = store.open_timeline(page);
    // A message that reached the tab while this page was on its way, but was stored after the
    // server read the page, found no open conversation to go into: ask for what is newer.
    // (A timeline opened before took every frame since; a socket not open yet asks for every
    // open conversation when it opens.)
    if first_open {
        socket.catch_up(timeline);
    }
    mark_read_while_visible(store, socket.clone(), timeline, summary.last_read_seq);
    let title = summary.title().to_owned();
    let me = store.me();
    // The list drops the conversation when the socket's `hidden` frame arrives (every tab).
    let hide = ServerAction::<HideConversation>::new();
    let conversation_id = summary.id;
    let attachment = AttachmentSlot::new();
    let replying_to = RwSignal::new(None::<ReplySnippet>);
    let peer_deleted = summary.kind == ConversationKind::Direct && summary.peer.is_none();
    // "Sent" / "Seen" (direct) or "Seen by 3" (groups) under one's own last message.
    store.readers.update(|r| r.merge(conversation_id, readers));
    let receipt = match summary.kind {
        ConversationKind::Direct => {
            let at_open = summary.peer_read_seq;
            Some(Readers::Peer(Signal::derive(move || {
                let live =
                    store.with_inbox(|i| i.get(conversation_id).and_then(|c| c.peer_read_seq));
                live.max(at_open)
            })))
        }
        ConversationKind::Group => Some(Readers::Group(conversation_id)),
        ConversationKind::Global => None,
    };
    // "online" / "last seen …": direct conversations only, kept current by `presence` frames.
    let presence = {
        let at_open = summary.peer_presence;
        Signal::derive(move || {
            store
                .with_inbox(|i| i.get(conversation_id).map(|c| c.peer_presence))
                .unwrap_or(at_open)
        })
    };
    let block = summary
        .peer
        .as_ref()
        .map(|peer| BlockState::new(peer.id, summary.blocked));
    let group = summary.group.clone();
    // Removed while the group is open (the line saying so arrives live): read-only from then.
    let removed = Signal::derive(move || {
        group.is_some() && timeline.with(|t| removed_in(t.messages(), store.me))
    });
    let member_count = Signal::derive(move || {
        store.with_inbox(|i| {
            i.get(conversation_id)
                .and_then(|c| c.group.as_ref().map(|g| g.member_count))
        })
    });

    // An image pasted or dropped anywhere on the conversation is attached, like a picked one.
    let on_paste = move |_ev: leptos::ev::ClipboardEvent| {
        #[cfg(feature = "hydrate")]
        if attachment.choose_from(_ev.clipboard_data().and_then(|d| d.files())) {
            _ev.prevent_default();
        }
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| ev.prevent_default();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        attachment.choose_from(ev.data_transfer().and_then(|d| d.files()));
    };
    view! {
        <UnreadTitle page=title.clone()/>
        <section class="chat" aria-label=title.clone()
            on:paste=on_paste on:dragover=on_dragover on:drop=on_drop>
            <header class="chat-header">
                <a class="back" href="/" aria-label="Back to conversations">"‹"</a>
                <span class="avatar-slot">{conversation_avatar(&summary)}<PresenceDot presence/></span>
                <div class="chat-title">
                    <h1>{title.clone()}</h1>
                    {(summary.kind == ConversationKind::Direct).then(|| view! { <PresenceLine presence/> })}
                    // Once removed, the member list is not theirs to see.
                    {(summary.kind == ConversationKind::Group).then(|| view! {
                        <Show when=move || !removed.get()>
                            <a class="presence-line" href=format!("/c/{conversation_id}/info")>
                                {move || member_count.get().map(|n| format!("{n} members")).unwrap_or_default()}
                            </a>
                        </Show>
                    })}
                </div>
                {(summary.kind == ConversationKind::Group).then(|| view! {
                    <Show when=move || !removed.get()>
                        <a class="more group-info-link" href=format!("/c/{conversation_id}/info")
                            aria-label="Group info" title="Group info"><InfoIcon/></a>
                    </Show>
                })}
                <MuteButton conversation_id/>
                {(summary.kind == ConversationKind::Direct).then(|| {
                    let open = RwSignal::new(false);
                    let area = NodeRef::new();
                    Effect::new(move || {
                        if open.get() {
                            close_on_escape_or_outside(area, move || open.set(false));
                        }
                    });
                    view! {
                        <div class="conversation-actions" node_ref=area>
                            <button type="button" class="more" aria-label="Conversation actions"
                                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                                on:click=move |_| open.update(|o| *o = !*o)>"⋮"</button>
                            // In the page, hidden, rather than added on opening: it works without
                            // JavaScript too (the button then does nothing, the form is reachable).
                            <div class="menu" role="menu" class:open=open
                                on:submit=move |_| open.set(false)>
                                <ActionForm action=hide attr:class="leave">
                                    {sync_hydrated(view! {
                                        <input type="hidden" name="conversation_id" value=conversation_id/>
                                        <button type="submit" role="menuitem"
                                            title="Hide this conversation until someone writes in it again">"Leave"</button>
                                    })}
                                </ActionForm>
                                {block.map(|state| view! { <BlockMenuItem state/> })}
                            </div>
                        </div>
                    }
                })}
            </header>
            <MessageList timeline me socket=socket.clone() show_names=summary.kind != ConversationKind::Direct
                read_at_open=summary.last_read_seq replying_to receipt/>
            <p class="typing-line" aria-live="polite">
                {move || store.typing.with(|b| b.line(conversation_id))}
            </p>
            {if peer_deleted {
                view! {
                    <p class="composer-closed" role="note">
                        "This person has deleted their account. You can read the conversation, but not write in it."
                    </p>
                }.erase()
            } else if let Some(state) = block {
                let name = title.clone();
                view! {
                    <Show when=move || state.blocked.get()
                        fallback=move || view! { <Composer timeline socket=socket.clone() attachment replying_to/> }>
                        <BlockedNote state name=name.clone()/>
                    </Show>
                }.erase()
            } else if summary.kind == ConversationKind::Group {
                view! {
                    <Show when=move || removed.get()
                        fallback=move || view! { <Composer timeline socket=socket.clone() attachment replying_to/> }>
                        <RemovedNote conversation_id/>
                    </Show>
                }.erase()
            } else {
                view! { <Composer timeline socket attachment replying_to/> }.erase()
            }}
        </section>
    }
}

/// In place of the composer once the reader was removed from the group.
#[component]
pub fn RemovedNote(conversation_id: i64) -> impl IntoView {
    let store = use_chat_store();
    let forget = move |_| {
        leptos::task::spawn_local(async move {
            if forget_group(conversation_id).await.is_ok() {
                // At once, not only when the socket's `hidden` frame comes.
                store.edit_inbox(InboxEdit::Hidden { conversation_id });
                store.open("/");
            }
        });
    };
    view! {
        <p class="composer-closed" role="note">
            "You were removed from this group. "
            <button type="button" class="secondary" on:click=forget>"Remove it from your list"</button>
        </p>
    }
}

/// Sends `MarkRead` whenever the newest held message is past what was marked, the socket is
/// up and the tab can be seen. Reconnecting re-runs it, so nothing read offline stays unread.
fn mark_read_while_visible(
    store: ChatStore,
    socket: ChatSocket,
    timeline: RwSignal<Timeline>,
    read_at_open: i64,
) {
    let marked = StoredValue::new(read_at_open);
    let conversation_id = timeline.with_untracked(Timeline::conversation_id);
    Effect::new(move |_| {
        let Some(newest) = timeline.try_with(Timeline::synced_through) else {
            return;
        };
        let ready = socket.status.get() == LinkStatus::Online && store.visible.get();
        if !ready || newest <= marked.get_value() {
            return;
        }
        marked.set_value(newest);
        socket.send(&ClientMsg::MarkRead {
            conversation_id,
            seq: newest,
        });
        store.edit_inbox(InboxEdit::Read {
            conversation_id,
            seq: newest,
        });
    });
}

/// An "i" in a circle (drawn: phones' fonts do not all have ⓘ).
#[component]
fn InfoIcon() -> impl IntoView {
    view! {
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none"
            stroke="currentColor" stroke-width="2" stroke-linecap="round">
            <circle cx="12" cy="12" r="9"/>
            <path d="M12 11v6"/>
            <path d="M12 7.5v.01"/>
        </svg>
    }
}
