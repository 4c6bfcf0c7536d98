//! Server memory per idle socket: the node's resident memory after signing the accounts up,
//! then again once every socket is open, divided by the number of sockets.

use crate::{accounts, nodes::Cluster, options::Options, socket};
use futures_util::SinkExt;
use std::time::Duration;

/// Sockets per account (the server's default per-person limit is 20).
const PER_ACCOUNT: usize = 20;

pub async fn run(options: &Options) {
    let cluster = Cluster::start(options, 1).await;
    let addr = cluster.addrs[0];
    let count = options.idle_sockets;
    let cookies = accounts::sign_up(addr, count.div_ceil(PER_ACCOUNT), "idle").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = cluster.rss_kib(0);
    let mut holders = Vec::with_capacity(count);
    for i in 0..count {
        let mut ws = socket::open(addr, &cookies[i / PER_ACCOUNT]).await;
        holders.push(tokio::spawn(async move {
            // Idle as a browser tab is: a ping every 25 s, nothing else read or sent.
            loop {
                tokio::time::sleep(Duration::from_secs(25)).await;
                if ws.send(socket::ping()).await.is_err() {
                    return;
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = cluster.rss_kib(0);
    let per_socket = (after.saturating_sub(before)) as f64 * 1024.0 / count as f64;
    println!(
        "idle sockets: {count} open; server memory {:.1} MiB before, {:.1} MiB after: {:.1} KB per socket",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        per_socket / 1000.0
    );
    for holder in holders {
        holder.abort();
    }
}
