//! Loopback ports for the real servers the tests start (Parley nodes, Redis, SMTP, S3).

use std::{
    collections::BTreeSet,
    net::{SocketAddr, TcpListener},
    sync::Mutex,
    time::Duration,
};

/// Where the ports handed out start; they end below the kernel's ephemeral range.
const LOWEST: u16 = 10_000;

/// A port nothing listens on right now, for a server about to be started on it, and handed
/// out once per test run.
///
/// Not one the OS picks (`127.0.0.1:0`): those come from the ephemeral range, from which every
/// outgoing connection also takes its local port, and between the check and the server's bind
/// one of the tests' client sockets could take it. It happened while the reconnect storm held
/// 2,000 sockets: aiosmtpd failed with "address already in use" on port 36237, and a password
/// reset test with it. Below that range only a listening server takes a port.
pub fn free_port() -> u16 {
    static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let highest = first_ephemeral_port().saturating_sub(1);
    assert!(highest > LOWEST, "no room below the ephemeral ports");
    let mut handed_out = HANDED_OUT.lock().unwrap();
    loop {
        let port = rand::random_range(LOWEST..=highest);
        if !handed_out.contains(&port) && TcpListener::bind(("127.0.0.1", port)).is_ok() {
            handed_out.insert(port);
            return port;
        }
    }
}

/// The first port of the range outgoing connections take theirs from (Linux's default when
/// the setting cannot be read).
fn first_ephemeral_port() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
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

#[test]
fn ports_handed_out_are_below_the_ephemeral_range_and_never_twice() {
    let ports: Vec<u16> = (0..50).map(|_| free_port()).collect();
    assert!(ports.iter().all(|&port| port < first_ephemeral_port()));
    let distinct: BTreeSet<_> = ports.iter().collect();
    assert_eq!(distinct.len(), ports.len());
}
