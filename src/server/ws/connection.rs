//! One WebSocket: a reader that handles the client's frames in order, and a writer that drains
//! the connection's queue. When either ends, both end and the registry forgets the connection.

use super::registry::{CloseReason, Frame, Kick, Outbox};
use crate::{
    error::AppError,
    protocol::{ClientMsg, ServerMsg, CATCH_UP_LIMIT, PING_INTERVAL_SECS},
    server::{
        chat_service::{
            delete_message, edit_message, mark_read, react_to_message, send_message, tell_typing,
        },
        limits::{self, Tokens},
        model::{conversations, messages, now_ms, sessions},
        session::SessionUser,
        state::AppState,
    },
};
use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket};
use futures_util::{
    stream::{SplitSink, SplitStream},
    SinkExt, StreamExt,
};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::{sync::mpsc, time::timeout};

/// Frames for one socket closer together than this are written together.
const COALESCE: Duration = Duration::from_millis(2);
/// A client that cannot take a frame in this long is treated like one with a full queue.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

#[tracing::instrument(name = "socket", skip_all, fields(user_id = user.id))]
pub async fn serve(mut socket: WebSocket, state: AppState, user: SessionUser) {
    let (outbox, queue) = state.sockets.register(user.id, user.session_id);
    // The session may have ended between the upgrade's check and the registration, after its
    // sockets were closed: then this one would be missed. Checking again once registered
    // closes that gap (an ending from now on finds this socket in the registry).
    if !matches!(sessions::exists(&state.db, user.session_id).await, Ok(true)) {
        state.sockets.unregister(user.id, outbox.id);
        let close = CloseFrame {
            code: close_code::POLICY,
            reason: "signed out".into(),
        };
        let _ = timeout(
            Duration::from_secs(1),
            socket.send(Message::Close(Some(close))),
        )
        .await;
        return;
    }
    // `ready` is always the first frame: it goes straight to the socket, ahead of whatever
    // the registry queued for this connection since it was registered (a busy room's messages
    // could otherwise arrive before it).
    let ready = Frame::encode(&ServerMsg::Ready { user: user.view() });
    let sent = timeout(SEND_TIMEOUT, socket.send(Message::Text(ready.into_text()))).await;
    if !matches!(sent, Ok(Ok(()))) {
        state.sockets.unregister(user.id, outbox.id);
        return;
    }
    tracing::debug!(connection = outbox.id, "socket open");
    state.presence.connected(user.id);
    let (sink, stream) = socket.split();
    tokio::select! {
        () = write_frames(sink, queue, outbox.kick.clone()) => {}
        () = read_frames(stream, &state, &user, &outbox) => {}
        () = session_expiry(user.session_expires_ms) => {}
    }
    state.sockets.unregister(user.id, outbox.id);
    state.presence.disconnected(user.id);
    tracing::debug!(connection = outbox.id, "socket closed");
}

/// Returns when the session expires: its sockets end with it.
async fn session_expiry(expires_ms: i64) {
    let left = expires_ms.saturating_sub(now_ms()).max(0) as u64;
    tokio::time::sleep(Duration::from_millis(left)).await;
}

async fn write_frames(
    mut sink: SplitSink<WebSocket, Message>,
    mut queue: mpsc::Receiver<Frame>,
    kick: Arc<Kick>,
) {
    let mut last_write: Option<Instant> = None;
    loop {
        tokio::select! {
            biased;
            reason = kick.kicked() => return close(&mut sink, reason).await,
            frame = queue.recv() => {
                let Some(frame) = frame else { return };
                // Under a steady stream, frames that arrive within `COALESCE` of the last
                // write go out together in one write: each write is a system call and most
                // of the server's time at high rates. A quiet socket writes at once.
                if let Some(wait) = last_write.and_then(|at| COALESCE.checked_sub(at.elapsed())) {
                    tokio::time::sleep(wait).await;
                }
                last_write = Some(Instant::now());
                // A write blocked on a client that stopped reading is abandoned as soon as the
                // connection is kicked, not when the write times out.
                tokio::select! {
                    biased;
                    reason = kick.kicked() => return close(&mut sink, reason).await,
                    sent = timeout(SEND_TIMEOUT, send_batch(&mut sink, frame, &mut queue)) => {
                        if sent.map_or(true, |r| r.is_err()) {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// Sends the close frame if the client's buffers take it within a second; a client that
/// stopped reading may never see it, and its connection is dropped either way.
async fn close(sink: &mut SplitSink<WebSocket, Message>, reason: CloseReason) {
    let (code, reason) = reason.close_frame();
    let close = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = timeout(
        Duration::from_secs(1),
        sink.send(Message::Close(Some(close))),
    )
    .await;
}

/// Writes this frame and whatever else is already queued, then flushes once.
async fn send_batch(
    sink: &mut SplitSink<WebSocket, Message>,
    first: Frame,
    queue: &mut mpsc::Receiver<Frame>,
) -> Result<(), axum::Error> {
    sink.feed(Message::Text(first.into_text())).await?;
    while let Ok(frame) = queue.try_recv() {
        sink.feed(Message::Text(frame.into_text())).await?;
    }
    sink.flush().await
}

async fn read_frames(
    mut stream: SplitStream<WebSocket>,
    state: &AppState,
    user: &SessionUser,
    outbox: &Outbox,
) {
    // Clients ping every PING_INTERVAL_SECS; three missed pings mean the peer is gone.
    let idle_limit = Duration::from_secs(PING_INTERVAL_SECS * 3);
    let bucket = &state.settings.limits.frames_per_connection;
    let mut tokens = Tokens::full(bucket, Instant::now());
    loop {
        let message = match timeout(idle_limit, stream.next()).await {
            Ok(Some(Ok(message))) => message,
            _ => return,
        };
        let still_open = match message {
            Message::Text(text) => match tokens.take(bucket, Instant::now()) {
                // Boxed: the handling of a frame (every query of every kind of request) is a
                // large future, and inline it would sit in every idle socket's task.
                Ok(()) => Box::pin(handle(state, user, outbox, text.as_str())).await,
                Err(wait) => outbox.reply(&rejected(
                    send_client_id(text.as_str()),
                    limits::limited(wait),
                )),
            },
            Message::Binary(_) => outbox.reply(&rejected(
                None,
                AppError::bad_request("frames must be JSON text"),
            )),
            Message::Close(_) => return,
            Message::Ping(_) | Message::Pong(_) => true,
        };
        if !still_open {
            return;
        }
    }
}

async fn handle(state: &AppState, user: &SessionUser, outbox: &Outbox, text: &str) -> bool {
    let msg = match serde_json::from_str::<ClientMsg>(text) {
        Ok(msg) => msg,
        Err(e) => {
            return outbox.reply(&rejected(
                None,
                AppError::bad_request(format!("unreadable frame: {e}")),
            ))
        }
    };
    let reply = match msg {
        ClientMsg::Ping => ServerMsg::Pong,
        ClientMsg::Send {
            conversation_id,
            client_id,
            body,
            reply_to_seq,
        } => match send_message(
            state,
            user,
            conversation_id,
            &client_id,
            &body,
            reply_to_seq,
            Some(outbox.id),
        )
        .await
        {
            Ok(message) => ServerMsg::Ack { client_id, message },
            Err(error) => rejected(Some(client_id), error),
        },
        ClientMsg::CatchUp {
            conversation_id,
            after_change,
        } => catch_up(state, user, conversation_id, after_change)
            .await
            .unwrap_or_else(|error| rejected(None, error)),
        ClientMsg::MarkRead {
            conversation_id,
            seq,
        } => match mark_read(state, user, conversation_id, seq, Some(outbox.id)).await {
            Ok(seq) => ServerMsg::Read {
                conversation_id,
                seq,
            },
            Err(error) => rejected(None, error),
        },
        // Success is answered by the fan-out: the `Deleted` frame goes to this connection too.
        ClientMsg::Delete {
            conversation_id,
            seq,
        } => match delete_message(state, user, conversation_id, seq).await {
            Ok(_) => return true,
            Err(error) => rejected(None, error),
        },
        // Likewise the `Updated` frame (none when the text did not change).
        ClientMsg::Edit {
            conversation_id,
            seq,
            body,
        } => match edit_message(state, user, conversation_id, seq, &body).await {
            Ok(_) => return true,
            Err(error) => rejected(None, error),
        },
        ClientMsg::React {
            conversation_id,
            seq,
            emoji,
        } => match react_to_message(state, user, conversation_id, seq, &emoji).await {
            Ok(_) => return true,
            Err(error) => rejected(None, error),
        },
        // Nothing to answer: the other members are told.
        ClientMsg::Typing {
            conversation_id,
            typing,
        } => match tell_typing(state, user, conversation_id, typing).await {
            Ok(()) => return true,
            Err(error) => rejected(None, error),
        },
    };
    outbox.reply(&reply)
}

async fn catch_up(
    state: &AppState,
    user: &SessionUser,
    conversation_id: i64,
    after_change: i64,
) -> Result<ServerMsg, AppError> {
    conversations::require_member(&state.db, conversation_id, user.id).await?;
    let (messages, complete) = messages::changed_after(
        &state.db,
        conversation_id,
        after_change,
        CATCH_UP_LIMIT,
        user.id,
    )
    .await?;
    Ok(ServerMsg::CaughtUp {
        conversation_id,
        messages,
        complete,
    })
}

/// The client id of a `Send` frame refused unread, so the client knows which message to retry.
fn send_client_id(text: &str) -> Option<String> {
    match serde_json::from_str::<ClientMsg>(text) {
        Ok(ClientMsg::Send { client_id, .. }) => Some(client_id),
        _ => None,
    }
}

fn rejected(client_id: Option<String>, error: AppError) -> ServerMsg {
    ServerMsg::Rejected { client_id, error }
}
