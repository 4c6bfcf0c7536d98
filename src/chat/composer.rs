//! Writing a message. With a keyboard Enter sends and Shift+Enter starts a new line; on a touch
//! screen the return key starts a new line and the Send button sends (as iOS messengers do).
//! The box grows with the text up to a few lines (CSS). With JavaScript the message
//! goes over the socket and shows as pending at once; without it the form posts to the server.
//! An attached image goes up over HTTP with a progress bar, the text as its caption; it is
//! "sent" only once the server has answered with the stored message. What was typed and not
//! sent waits in its conversation while the tab shows another (`ChatStore::draft`).

use super::{
    attachment::{AttachmentSlot, ACCEPTED_TYPES},
    clock::now_ms,
    message_item::Quote,
    socket::ChatSocket,
    store::use_chat_store,
    timeline::Timeline,
    typing::TypingSignal,
};
use crate::erased_view::IntoErased;
use crate::hydrated::use_hydrated;
use crate::typed_before_hydration::keep_typed_before_hydration;
use crate::{
    protocol::{ClientMsg, ReplySnippet, GLOBAL_CONVERSATION_ID},
    upload_progress::UploadProgress,
    validation::{ClientId, MessageBody},
};
use leptos::{ev, html, prelude::*};

/// Show the remaining characters once a message gets this close to the limit.
const COUNTER_FROM: usize = MessageBody::MAX_CHARS - 500;

/// The message box's element id: one composer per page (`stopped_notice.rs` names it too).
pub(crate) const TEXT_ID: &str = "composer-text";

#[component]
pub fn Composer(
    timeline: RwSignal<Timeline>,
    socket: ChatSocket,
    attachment: AttachmentSlot,
    /// The message the next one answers, chosen with "Reply" in its menu.
    replying_to: RwSignal<Option<ReplySnippet>>,
) -> impl IntoView {
    let conversation_id = timeline.with_untracked(Timeline::conversation_id);
    // The box's text lives in the chat store, which outlives this composer: what was typed here
    // before looking at another conversation comes back, and the list shows it meanwhile.
    let draft = use_chat_store().draft(conversation_id);
    let error = attachment.error;
    // Some(fraction sent) while an image uploads.
    let progress = RwSignal::new(None::<f64>);
    let picker = NodeRef::<html::Input>::new();
    // Tells the other members that this user is typing; never in the room (too many people).
    let typing = StoredValue::new(TypingSignal::default());
    let typing_socket = socket.clone();
    let draft_changed = move |text: &str| {
        if conversation_id == GLOBAL_CONVERSATION_ID {
            return;
        }
        if let Some(now_typing) = typing
            .try_update_value(|t| t.draft_changed(text, now_ms()))
            .flatten()
        {
            typing_socket.send(&ClientMsg::Typing {
                conversation_id,
                typing: now_typing,
            });
        }
    };

    // Words typed into the server's page before it came alive (a phone's first second or two).
    keep_typed_before_hydration(TEXT_ID, move |text| {
        if draft.with_untracked(String::is_empty) {
            draft.set(text);
        }
    });

    let send_text = move || match MessageBody::parse(&draft.get_untracked()) {
        Err(e) => error.set(Some(e.to_string())),
        Ok(body) => {
            let client_id = ClientId::random().as_str().to_owned();
            let reply_to = replying_to.get_untracked();
            let queued = timeline.try_update(|t| t.queue(client_id, body.into_string(), reply_to));
            if let Some(pending) = queued {
                socket.send(&pending.send_frame(conversation_id));
            }
            draft.set(String::new());
            typing.update_value(TypingSignal::sent);
            replying_to.set(None);
            error.set(None);
        }
    };
    let send = move || {
        if progress.get_untracked().is_some() {
            return;
        }
        if attachment.current.with_untracked(Option::is_some) {
            #[cfg(feature = "hydrate")]
            send_image(
                conversation_id,
                attachment,
                draft,
                replying_to,
                progress,
                timeline,
            );
        } else {
            send_text();
        }
    };
    let on_submit = {
        let send = send.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            send();
        }
    };
    // Known only once the page is live; the server's HTML assumes a keyboard.
    let touch_keyboard = RwSignal::new(false);
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        touch_keyboard.set(has_touch_keyboard());
    });
    let on_keydown = move |ev: ev::KeyboardEvent| {
        // isComposing: Enter that confirms an IME candidate must not send.
        if ev.key() == "Enter"
            && !ev.shift_key()
            && !ev.is_composing()
            && !touch_keyboard.get_untracked()
        {
            ev.prevent_default();
            send();
        }
    };
    let remaining = move || {
        let used = draft.with(|d| d.chars().count());
        (used >= COUNTER_FROM).then(|| MessageBody::MAX_CHARS as i64 - used as i64)
    };
    let on_pick = move |_: ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(input) = picker.get() {
            attachment.choose_from(input.files());
            // Cleared, so choosing the same file again still fires `change`.
            input.set_value("");
        }
    };
    let uploading = move || progress.get().is_some();
    let hydrated = use_hydrated();
    // Nothing to send. Only once live: without JavaScript the form must stay usable.
    let empty = move || {
        live.get()
            && draft.with(|d| d.trim().is_empty())
            && attachment.current.with(Option::is_none)
    };

    let textbox = NodeRef::<html::Textarea>::new();
    // Choosing "Reply" puts the cursor here, ready to answer.
    Effect::new(move || {
        if replying_to.with(Option::is_some) {
            if let Some(el) = textbox.get_untracked() {
                let _ = el.focus();
            }
        }
    });

    view! {
        {move || replying_to.get().map(|quote| view! {
            <div class="replying-to" role="group" aria-label="Replying to">
                <Quote quote/>
                <button type="button" class="secondary cancel-reply" aria-label="Cancel reply"
                    on:click=move |_| replying_to.set(None)>"✕"</button>
            </div>
        })}
        {move || attachment.current.get().map(|chosen| view! {
            <div class="attachment-preview">
                <img src=chosen.preview_url alt="The image to send"/>
                <div class="attachment-side">
                    {move || match progress.get() {
                        Some(fraction) => view! { <UploadProgress fraction/> }.erase(),
                        None => view! {
                            <p class="hint">"Add a caption if you like, then send."</p>
                            <button type="button" class="secondary" on:click=move |_| {
                                attachment.clear();
                                error.set(None);
                            }>"Cancel"</button>
                        }.erase(),
                    }}
                </div>
            </div>
        })}
        <form class="composer" method="post" action="/api/chat/send" on:submit=on_submit>
            <input type="hidden" name="conversation_id" value=conversation_id/>
            <input type="hidden" name="client_id" value=ClientId::random().as_str().to_owned()/>
            <input type="file" class="visually-hidden" tabindex="-1" aria-hidden="true"
                accept=ACCEPTED_TYPES node_ref=picker on:change=on_pick/>
            <button type="button" class="attach secondary" aria-label="Attach image"
                title="Attach image" disabled=move || uploading() || !hydrated.get()
                on:click=move |_| if let Some(input) = picker.get() { input.click() }>
                <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
                    <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
                        stroke-linejoin="round"
                        d="M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15.5 9.5h.01"/>
                </svg>
            </button>
            {move || replying_to.get().map(|quote| view! {
                <input type="hidden" name="reply_to_seq" value=quote.seq/>
            })}
            <textarea id=TEXT_ID name="body" rows="1" aria-label="Message" placeholder="Message" node_ref=textbox
                enterkeyhint=move || if touch_keyboard.get() { "enter" } else { "send" }
                aria-describedby="composer-error"
                prop:value=move || draft.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    draft_changed(&text);
                    draft.set(text);
                    error.set(None);
                }
                on:keydown=on_keydown
            ></textarea>
            <button type="submit" disabled=move || uploading() || empty()
                class:needs-input=move || !uploading()>"Send"</button>
        </form>
        <div class="composer-notes">
            {move || remaining().map(|n| view! { <span class="counter" class:over=n < 0>{n}</span> })}
            <p class="form-error" id="composer-error" role="alert">{move || error.get()}</p>
        </div>
    }
    .erase()
}

/// A phone or tablet: the pointer is a finger (`pointer: coarse`), so the keyboard on screen
/// has a return key people use for new lines.
fn has_touch_keyboard() -> bool {
    #[cfg(feature = "hydrate")]
    return window()
        .match_media("(pointer: coarse)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    #[cfg(not(feature = "hydrate"))]
    false
}

/// Uploads the attached image with the draft as its caption (a reply, if one was chosen). On success the stored message
/// joins the timeline (once: the socket's copy has the same seq) and the composer empties; on
/// failure the image and caption stay, and sending again reuses the client id.
#[cfg(feature = "hydrate")]
fn send_image(
    conversation_id: i64,
    attachment: AttachmentSlot,
    draft: RwSignal<String>,
    replying_to: RwSignal<Option<ReplySnippet>>,
    progress: RwSignal<Option<f64>>,
    timeline: RwSignal<Timeline>,
) {
    use super::image_api::{IMAGE_FIELD, SEND_IMAGE_URL};
    use crate::protocol::MessageView;
    let Some(chosen) = attachment.current.get_untracked() else {
        return;
    };
    if let Err(e) = MessageBody::caption(&draft.get_untracked()) {
        attachment.error.set(Some(e.to_string()));
        return;
    }
    let Ok(form) = web_sys::FormData::new() else {
        return;
    };
    let fields = [
        ("conversation_id", conversation_id.to_string()),
        ("client_id", chosen.client_id.clone()),
        ("caption", draft.get_untracked()),
    ];
    for (name, value) in fields {
        let _ = form.append_with_str(name, &value);
    }
    if let Some(quote) = replying_to.get_untracked() {
        let _ = form.append_with_str("reply_to_seq", &quote.seq.to_string());
    }
    let _ = form.append_with_blob_and_filename(IMAGE_FIELD, &chosen.file, &chosen.file.name());
    attachment.error.set(None);
    crate::upload::post_with_progress(
        SEND_IMAGE_URL,
        &form,
        progress,
        move |answer: Result<MessageView, _>| match answer {
            Ok(message) => {
                timeline.update(|t| {
                    t.insert(message);
                });
                attachment.clear();
                draft.set(String::new());
                replying_to.set(None);
            }
            Err(e) => attachment.error.set(Some(format!("Not sent: {e}"))),
        },
    );
}
