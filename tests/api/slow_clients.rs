//! Slow or idle HTTP clients cannot hold connections forever.

use crate::helpers::{Backend, TestApp};
use std::time::Duration;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Reads until the server closes the connection; what it sent, or `None` if it stays open.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut received = Vec::new();
    let reading = async {
        let mut buffer = [0; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    };
    tokio::time::timeout(within, reading).await.ok()?;
    Some(received)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_or_sits_idle_is_disconnected() {
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.header_read_timeout = Duration::from_secs(1);
    })
    .await;
    // Slowloris: headers that never end.
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"GET /login HTTP/1.1\r\nHost: parley\r\nX-Slow: 1\r\n")
        .await
        .unwrap();
    assert!(
        read_until_closed(&mut slow, Duration::from_secs(5))
            .await
            .is_some(),
        "the half-sent request is dropped"
    );
    // A keep-alive connection that goes quiet after one request.
    let mut idle = TcpStream::connect(app.addr).await.unwrap();
    idle.write_all(b"GET /api/me HTTP/1.1\r\nHost: parley\r\n\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut idle, Duration::from_secs(5))
        .await
        .expect("the idle connection is closed");
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    app.teardown().await;
}
