//! One benchmark socket: opened with an account's cookie, ready once the server's first frame
//! (`ready`) has arrived.

use futures_util::StreamExt;
use std::net::SocketAddr;
use tokio_tungstenite::{
    tungstenite::{client::IntoClientRequest, Message},
    MaybeTlsStream, WebSocketStream,
};

pub type Ws = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

pub async fn open(addr: SocketAddr, cookie: &str) -> Ws {
    let mut request = format!("ws://{addr}/ws")
        .into_client_request()
        .expect("a socket request");
    request
        .headers_mut()
        .insert("cookie", cookie.parse().expect("a cookie header"));
    // Browsers send without Nagle's algorithm; with it, a sender's second frame waits for the
    // server's delayed ACK (up to 40 ms on Linux) and the benchmark would measure that.
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(request, None, true)
        .await
        .unwrap_or_else(|e| panic!("the socket at {addr} did not open: {e}"));
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) if text.contains(r#""type":"ready""#) => return ws,
            Some(Ok(_)) => {}
            other => panic!("the socket closed before ready: {other:?}"),
        }
    }
}

/// A ping frame, as browsers send every 25 s so the server keeps the socket.
pub fn ping() -> Message {
    Message::text(r#"{"type":"ping"}"#)
}
