use super::connection;
use crate::server::{session::authenticate, state::AppState};
use axum::{
    extract::{State, WebSocketUpgrade},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

/// Frames are small JSON; 64 KiB leaves room for a 4,000-character message in any script.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// tungstenite's defaults (128 KiB each way) would cost 256 KiB per idle connection.
const BUFFER_BYTES: usize = 8 * 1024;

/// `GET /ws`: refuses pages from other sites (403) and requests without a session (401),
/// both before the upgrade, so a refused client never holds a socket.
pub async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !is_same_origin(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "This socket only accepts pages served by this site.",
        )
            .into_response();
    }
    let user = match authenticate(&state, &headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Log in first.").into_response(),
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.").into_response(),
    };
    ws.read_buffer_size(BUFFER_BYTES)
        .write_buffer_size(BUFFER_BYTES)
        .max_write_buffer_size(MAX_MESSAGE_BYTES * 4)
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection::serve(socket, state, user))
}

/// Browsers always send Origin on a WebSocket upgrade; it must name this host. Clients that
/// are not browsers send none, and cannot be tricked into using someone else's cookie.
fn is_same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(origin: Option<&'static str>, host: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static(host));
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_static(o));
        }
        h
    }

    #[test]
    fn only_this_sites_origin_is_accepted() {
        assert!(is_same_origin(&headers(
            Some("http://127.0.0.1:3000"),
            "127.0.0.1:3000"
        )));
        assert!(is_same_origin(&headers(None, "127.0.0.1:3000")));
        assert!(!is_same_origin(&headers(
            Some("http://evil.example"),
            "127.0.0.1:3000"
        )));
        assert!(!is_same_origin(&headers(
            Some("http://127.0.0.1:3001"),
            "127.0.0.1:3000"
        )));
        assert!(!is_same_origin(&headers(Some("null"), "127.0.0.1:3000")));
    }
}
