//! A socket whose client never reads: once the kernel's buffers and its queue are full, the
//! server drops it with close code 1013, and nobody else waits for it.

use crate::helpers::{without_rate_limits, Client, TestApp};
use futures_util::{SinkExt, StreamExt};
use parley::protocol::ServerMsg;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

/// Long messages fill the buffers in fewer frames.
const BODY_CHARS: usize = 3_000;
/// Enough to pass the kernel's largest send buffer on loopback (4 MiB) plus the queue.
const MESSAGES: usize = 2_500;

on_both_databases!(
    configure(|s| {
        without_rate_limits(s);
        s.socket_queue_frames = 32;
    }),
    a_reader_that_never_reads_is_dropped_and_delays_nobody
);

async fn a_reader_that_never_reads_is_dropped_and_delays_nobody(app: &TestApp) {
    let sender = app.user("ann").await;
    let reader = app.user("bob").await;
    let stalled = app.user("cid").await;
    let mut stalled_socket = never_reading_socket(&stalled).await;
    let mut sender_socket = sender.socket().await;
    let mut reader_socket = reader.socket().await;

    let body = "x".repeat(BODY_CHARS);
    let mut slowest = Duration::ZERO;
    for i in 0..MESSAGES {
        let client_id = format!("message-{i:05}");
        let sent = Instant::now();
        sender_socket.send_message(1, &client_id, &body, None).await;
        // The other reader has each message as soon as the sender has its ack.
        let ServerMsg::Ack { message, .. } = sender_socket.recv().await else {
            panic!("an ack");
        };
        assert_eq!(reader_socket.recv().await, ServerMsg::Message { message });
        slowest = slowest.max(sent.elapsed());
        // The reader only reads: under load the run can outlast the server's idle limit.
        if i % 250 == 0 {
            reader_socket.keep_alive().await;
        }
    }
    // Loose on purpose (a debug build on a busy machine): what it catches is a delivery
    // that waited for the stalled socket's 10 s write timeout.
    assert!(
        slowest < Duration::from_secs(3),
        "slowest delivery took {slowest:?}"
    );

    let stalled_id = stalled.id().await;
    assert_eq!(
        app.state.sockets.connections_of(stalled_id),
        0,
        "dropped at once"
    );
    // Reading at last, the stalled client finds its socket ended: with a 1013 close frame
    // if there was room for it in the buffers, otherwise cut.
    let code = tokio::time::timeout(Duration::from_secs(15), async {
        while let Some(Ok(frame)) = stalled_socket.next().await {
            if let Message::Close(close) = frame {
                return close.map(|c| u16::from(c.code));
            }
        }
        None
    })
    .await
    .expect("the stalled socket ends");
    assert!(
        matches!(code, None | Some(1013)),
        "closed as too far behind, not {code:?}"
    );
}

/// A socket with a tiny receive buffer, so the server's writes stall after a few frames.
async fn never_reading_socket(
    client: &Client,
) -> tokio_tungstenite::WebSocketStream<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let stream = socket.connect(client.addr).await.expect("connects");
    let mut request = format!("ws://{}/ws", client.addr)
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("cookie", client.cookie().unwrap().parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::client_async(request, stream)
        .await
        .expect("the socket opens");
    ws.send(Message::text(r#"{"type":"ping"}"#)).await.unwrap();
    ws
}
