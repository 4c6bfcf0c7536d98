//! Writing a message. Enter sends, Shift+Enter starts a new line. With JavaScript the message
//! goes over the socket and shows as pending at once; without it the form posts to the server.

use super::{socket::ChatSocket, timeline::Timeline};
use crate::{
    protocol::ClientMsg,
    validation::{ClientId, MessageBody},
};
use leptos::{ev, prelude::*};

/// Show the remaining characters once a message gets this close to the limit.
const COUNTER_FROM: usize = MessageBody::MAX_CHARS - 500;

#[component]
pub fn Composer(timeline: RwSignal<Timeline>, socket: ChatSocket) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let conversation_id = timeline.with_untracked(Timeline::conversation_id);

    let send = move || match MessageBody::parse(&draft.get_untracked()) {
        Err(e) => error.set(Some(e.to_string())),
        Ok(body) => {
            let client_id = ClientId::random().as_str().to_owned();
            timeline.update(|t| t.queue(client_id.clone(), body.as_str().to_owned()));
            socket.send(&ClientMsg::Send {
                conversation_id,
                client_id,
                body: body.into_string(),
            });
            draft.set(String::new());
            error.set(None);
        }
    };
    let on_submit = {
        let send = send.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            send();
        }
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        // isComposing: Enter that confirms an IME candidate must not send.
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            send();
        }
    };
    let remaining = move || {
        let used = draft.with(|d| d.chars().count());
        (used >= COUNTER_FROM).then(|| MessageBody::MAX_CHARS as i64 - used as i64)
    };

    view! {
        <form class="composer" method="post" action="/api/chat/send" on:submit=on_submit>
            <input type="hidden" name="conversation_id" value=conversation_id/>
            <input type="hidden" name="client_id" value=ClientId::random().as_str().to_owned()/>
            <textarea name="body" rows="1" aria-label="Message" placeholder="Message"
                enterkeyhint="send"
                aria-describedby="composer-error"
                prop:value=move || draft.get()
                on:input:target=move |ev| {
                    draft.set(ev.target().value());
                    error.set(None);
                }
                on:keydown=on_keydown
            ></textarea>
            <button type="submit">"Send"</button>
        </form>
        <div class="composer-notes">
            {move || remaining().map(|n| view! { <span class="counter" class:over=n < 0>{n}</span> })}
            <p class="form-error" id="composer-error" role="alert">{move || error.get()}</p>
        </div>
    }
    .into_any()
}
