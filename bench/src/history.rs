//! History page latency in a conversation of many messages (1,000,000 by default). The rows
//! are written straight into the database with its own command-line client (sending a million
//! messages through the server would take far longer than the measurement), then the newest
//! page is asked for over HTTP, one request at a time, as a browser opening the room would.

use crate::{accounts, nodes::Cluster, options::Options, percentiles};
use std::time::Instant;

const REQUESTS: usize = 2_000;

pub async fn run(options: &Options) {
    let count = options.history_messages;
    let cluster = Cluster::start(options, 1).await;
    let addr = cluster.addrs[0];
    let cookie = accounts::sign_up(addr, 1, "history").await.remove(0);
    let filled = Instant::now();
    cluster.run_sql(&fill_room(count, options.mariadb));
    println!(
        "history: {count} messages written into the room in {:.1} s",
        filled.elapsed().as_secs_f64()
    );
    let http = reqwest::Client::new();
    let url = format!(
        "http://{addr}/api/chat/history?conversation_id=1&before_seq={}",
        count + 1
    );
    let mut samples = Vec::with_capacity(REQUESTS);
    for i in 0..REQUESTS + 100 {
        let started = Instant::now();
        let response = http
            .get(&url)
            .header("cookie", &cookie)
            .send()
            .await
            .expect("the history request");
        assert!(
            response.status().is_success(),
            "history: {}",
            response.status()
        );
        let body = response.bytes().await.expect("the history page");
        assert!(body.len() > 1000, "a page of messages");
        // The first hundred warm the caches, as a running server's would be.
        if i >= 100 {
            samples.push(started.elapsed().as_micros() as u32);
        }
    }
    let p = percentiles::of(&mut samples).expect("samples");
    println!(
        "history: newest 50 of {count} messages over HTTP, {REQUESTS} requests: p50 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms",
        p.p50, p.p99, p.p999
    );
}

/// SQL that appends `count` messages to the room from the benchmark's one account.
fn fill_room(count: usize, mariadb: bool) -> String {
    let limit = if mariadb {
        format!("SET SESSION max_recursive_iterations = {};\n", count + 1)
    } else {
        String::new()
    };
    // MariaDB reads `||` as OR; SQLite has no CONCAT before 3.44.
    let text = |prefix: &str| match mariadb {
        true => format!("CONCAT('{prefix}', i)"),
        false => format!("'{prefix}' || i"),
    };
    let (body, client_id) = (text("message number "), text("history-"));
    format!(
        "{limit}INSERT INTO messages (conversation_id, seq, sender_id, body, client_id, created_at, deleted, change_seq) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         SELECT 1, i, (SELECT id FROM users WHERE username = 'history0'), \
         {body}, {client_id}, 1700000000000 + i, 0, i FROM n;\n\
         UPDATE conversations SET last_seq = {count}, last_change = {count}, last_activity_at = 1700000000000 + {count} WHERE id = 1;"
    )
}
