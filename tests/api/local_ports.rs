//! Loopback ports for the real servers the tests start (Parley nodes, Redis, SMTP, S3).

use std::{net::SocketAddr, time::Duration};

/// A port nothing listens on right now (the OS picks it; a race with another process taking
/// it before the server binds is possible but has not been seen).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Waits until something accepts connections at `addr`; false after `within`.
pub async fn wait_until_listening(addr: SocketAddr, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
