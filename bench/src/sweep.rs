//! The rate sweep: every client is a socket in the global room; `senders` of them send at a
//! total rate that rises by `factor` every `step_secs`. Each message carries its step and the
//! time it was sent, and every other client records when it arrived, so latency is measured
//! from the sender's `send` to the reader's frame, through the server's storing and fan-out.
//! A step counts when at least 97% of its deliveries arrived and its p99 is at most 100 ms.

use crate::{accounts, nodes::Cluster, options::Options, percentiles, socket};
use futures_util::{
    stream::{SplitSink, SplitStream},
    SinkExt, StreamExt,
};
use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed},
        Arc,
    },
    time::{Duration, Instant},
};
use tokio_tungstenite::tungstenite::Message;

const STOPPED: usize = usize::MAX;
/// Deliveries later than this mark a step as failed for going on.
const LATE_US: u32 = 1_000_000;

struct Shared {
    clock: Instant,
    step: AtomicUsize,
    sent: Vec<AtomicU64>,
    delivered: Vec<AtomicU64>,
    late: Vec<AtomicU64>,
    closed: AtomicUsize,
    stop: AtomicBool,
}

pub async fn run(options: &Options) {
    let cluster = Cluster::start(options, options.nodes).await;
    let cookies = accounts::sign_up(cluster.addrs[0], options.clients, "load").await;
    let rates = planned_rates(options);
    let counters = || (0..rates.len()).map(|_| AtomicU64::new(0)).collect();
    let shared = Arc::new(Shared {
        clock: Instant::now(),
        step: AtomicUsize::new(STOPPED),
        sent: counters(),
        delivered: counters(),
        late: counters(),
        closed: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    });
    let mut readers = vec![];
    let mut sinks = vec![];
    for (i, cookie) in cookies.iter().enumerate() {
        let ws = socket::open(cluster.addrs[i % cluster.addrs.len()], cookie).await;
        let (sink, stream) = ws.split();
        sinks.push(sink);
        readers.push(tokio::spawn(read(stream, shared.clone())));
    }
    // Readers that do not send keep their sink (dropping it would not close the socket, but
    // keeping it makes that plain).
    let quiet_sinks = sinks.split_off(options.senders);
    let senders: Vec<_> = sinks
        .into_iter()
        .enumerate()
        .map(|(i, sink)| {
            tokio::spawn(send(
                sink,
                i,
                rates.clone(),
                options.senders,
                shared.clone(),
            ))
        })
        .collect();
    println!(
        "rate sweep: {} clients over {} node(s), {} sending, x{} every {} s",
        options.clients,
        cluster.addrs.len(),
        options.senders,
        options.factor,
        options.step_secs
    );
    let mut steps_run = 0;
    for step in 0..rates.len() {
        shared.step.store(step, Relaxed);
        tokio::time::sleep(Duration::from_secs(options.step_secs)).await;
        steps_run = step + 1;
        if step > 0 && overwhelmed(&shared, step - 1, options.clients) {
            break;
        }
    }
    shared.step.store(STOPPED, Relaxed);
    tokio::time::sleep(Duration::from_secs(3)).await;
    shared.stop.store(true, Relaxed);
    for sender in senders {
        let _ = sender.await;
    }
    let mut by_step: Vec<Vec<u32>> = vec![vec![]; rates.len()];
    for reader in readers {
        for (step, latency) in reader.await.unwrap_or_default() {
            by_step[step as usize].push(latency);
        }
    }
    drop(quiet_sinks);
    report(options, &rates[..steps_run], &mut by_step, &shared);
}

fn planned_rates(options: &Options) -> Vec<f64> {
    std::iter::successors(Some(options.start_rate), |rate| Some(rate * options.factor))
        .take_while(|rate| *rate <= options.max_rate)
        .collect()
}

/// A step so far behind that raising the rate further would only measure a backlog.
fn overwhelmed(shared: &Shared, step: usize, clients: usize) -> bool {
    let expected = shared.sent[step].load(Relaxed) * (clients as u64 - 1);
    let delivered = shared.delivered[step].load(Relaxed);
    let late = shared.late[step].load(Relaxed);
    (delivered as f64) < expected as f64 * 0.9 || late * 100 > delivered
}

type Sink = SplitSink<socket::Ws, Message>;

/// Sends this sender's share of each step's rate, a few milliseconds' worth at a time.
async fn send(mut sink: Sink, index: usize, rates: Vec<f64>, senders: usize, shared: Arc<Shared>) {
    let mut number = 0u64;
    loop {
        let step = shared.step.load(Relaxed);
        if step == STOPPED {
            if shared.stop.load(Relaxed) || number > 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
            continue;
        }
        let rate = rates[step] / senders as f64;
        // Each sender's sends are shifted by its share of one interval, so together they
        // arrive evenly at the asked rate rather than all at once at the sender's own rate.
        let phase = index as f64 / senders as f64;
        let started = Instant::now();
        let mut sent = 0u64;
        while shared.step.load(Relaxed) == step {
            let due = (started.elapsed().as_secs_f64() * rate + phase) as u64;
            while sent < due {
                let at = shared.clock.elapsed().as_micros();
                let frame = format!(
                    r#"{{"type":"send","conversation_id":1,"client_id":"bench{index}x{number:010}","body":"b{step}:{at}"}}"#
                );
                if sink.feed(Message::text(frame)).await.is_err() {
                    return;
                }
                number += 1;
                sent += 1;
                shared.sent[step].fetch_add(1, Relaxed);
            }
            if sink.flush().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }
}

/// Records (step, latency in µs) of every message frame until told to stop.
async fn read(mut stream: SplitStream<socket::Ws>, shared: Arc<Shared>) -> Vec<(u16, u32)> {
    let mut samples = vec![];
    while !shared.stop.load(Relaxed) {
        match tokio::time::timeout(Duration::from_millis(200), stream.next()).await {
            Err(_) => {}
            Ok(Some(Ok(Message::Text(text)))) => {
                if let Some((step, sent_at)) = stamp(&text) {
                    let now = shared.clock.elapsed().as_micros() as u64;
                    let latency = now.saturating_sub(sent_at).min(u64::from(u32::MAX)) as u32;
                    samples.push((step, latency));
                    shared.delivered[step as usize].fetch_add(1, Relaxed);
                    if latency > LATE_US {
                        shared.late[step as usize].fetch_add(1, Relaxed);
                    }
                }
            }
            Ok(Some(Ok(_))) => {}
            Ok(None) | Ok(Some(Err(_))) => {
                shared.closed.fetch_add(1, Relaxed);
                return samples;
            }
        }
    }
    samples
}

/// The step and send time in a `message` frame's body (`b<step>:<µs>`), without parsing the
/// whole frame: at 100,000 frames a second the load generator must stay the cheaper side.
fn stamp(frame: &str) -> Option<(u16, u64)> {
    if !frame.starts_with(r#"{"type":"message""#) {
        return None;
    }
    let body = &frame[frame.find(r#""body":"b"#)? + 9..];
    let (step, rest) = body.split_once(':')?;
    let sent_at = &rest[..rest.find('"')?];
    Some((step.parse().ok()?, sent_at.parse().ok()?))
}

fn report(options: &Options, rates: &[f64], by_step: &mut [Vec<u32>], shared: &Shared) {
    let secs = options.step_secs as f64;
    let readers = options.clients as f64 - 1.0;
    println!(
        "| msgs/s asked | msgs/s sent | deliveries/s | delivered | p50 ms | p99 ms | p99.9 ms |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut best: Option<(f64, f64, f64)> = None;
    for (step, rate) in rates.iter().enumerate() {
        let sent = shared.sent[step].load(Relaxed) as f64;
        let delivered = by_step[step].len() as f64;
        let share = if sent > 0.0 {
            delivered / (sent * readers)
        } else {
            0.0
        };
        let Some(p) = percentiles::of(&mut by_step[step]) else {
            println!("| {rate:.0} | {:.0} | 0 | 0% | - | - | - |", sent / secs);
            continue;
        };
        println!(
            "| {rate:.0} | {:.0} | {:.0} | {:.1}% | {:.1} | {:.1} | {:.1} |",
            sent / secs,
            delivered / secs,
            share * 100.0,
            p.p50,
            p.p99,
            p.p999
        );
        if share >= 0.97 && p.p99 <= 100.0 && best.is_none_or(|(d, _, _)| delivered / secs > d) {
            best = Some((delivered / secs, sent / secs, p.p99));
        }
    }
    match best {
        Some((deliveries, sent, p99)) => println!(
            "best: {deliveries:.0} deliveries/s ({sent:.0} messages/s sent) at p99 {p99:.1} ms, at least 97% delivered"
        ),
        None => println!("best: no step held p99 <= 100 ms with 97% delivered"),
    }
    let closed = shared.closed.load(Relaxed);
    if closed > 0 {
        println!(
            "{closed} sockets were closed by the server during the sweep (too slow readers: 1013)"
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_message_frame_yields_its_step_and_send_time() {
        let frame = r#"{"type":"message","message":{"id":9,"conversation_id":1,"seq":3,"sender":{"id":2,"username":"load1","picture":null},"body":"b4:123456","sent_at_ms":1,"deleted":false,"image":null}}"#;
        assert_eq!(super::stamp(frame), Some((4, 123_456)));
        assert_eq!(super::stamp(r#"{"type":"ack","client_id":"x"}"#), None);
    }
}
