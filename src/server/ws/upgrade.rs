use super::connection;
use crate::{
    error::AppError,
    server::{origin::is_same_origin, session::authenticate, state::AppState},
};
use axum::{
    extract::{State, WebSocketUpgrade},
    http::HeaderMap,
    response::Response,
};

/// Frames are small JSON; 64 KiB leaves room for a 4,000-character message in any script.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// The read buffer is allocated for every socket up front (tungstenite's default, 128 KiB,
/// would cost that per idle connection); client frames are small, and a larger one grows it.
/// 2 KiB instead of 8 KiB took idle sockets from 17.6 KB to 11.6 KB each (`scripts/bench`).
const READ_BUFFER_BYTES: usize = 2 * 1024;
/// Outgoing bytes collected before a write; grows only while frames are queued.
const WRITE_BUFFER_BYTES: usize = 8 * 1024;
/// A frame larger than this cannot be written and ends the connection. Every frame the server
/// builds stays well under it (catch-up pages are sized by bytes: `CATCH_UP_BYTES`).
pub const MAX_WRITE_BUFFER_BYTES: usize = MAX_MESSAGE_BYTES * 4;

/// `GET /ws`: refuses pages from other sites (403) and requests without a session (401),
/// both before the upgrade, so a refused client never holds a socket.
pub async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Result<Response, AppError> {
    if !is_same_origin(&headers, state.settings.public_url.as_deref()) {
        return Err(AppError::CrossSite);
    }
    let user = authenticate(&state, &headers)
        .await?
        .ok_or(AppError::NotSignedIn)?;
    let rules = &state.settings.limits;
    if state.sockets.connection_count() >= rules.sockets_total {
        return Err(AppError::Busy);
    }
    if state.sockets.connections_of(user.id) >= rules.sockets_per_user {
        return Err(AppError::TooManyConnections);
    }
    Ok(ws
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES)
        .max_write_buffer_size(MAX_WRITE_BUFFER_BYTES)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection::serve(socket, state, user)))
}
