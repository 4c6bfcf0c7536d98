//! Several nodes: every command is carried out on this node's sockets at once, then published
//! on one Redis channel that every node subscribes to, and each node carries out what the others
//! published. Redis pub/sub delivers at most once, so nothing here is the source of truth: a
//! frame lost on the way is recovered from the database by the reader's catch-up.
//!
//! - Publishing never waits: commands queue for one publisher task that pipelines them. When
//!   Redis is unreachable they are dropped (the caller's database work is already committed and
//!   the sender already has its `Ack`).
//! - A node whose subscription breaks, or comes back, may have missed frames: it closes its
//!   sockets, and their clients reconnect and catch up. Between the two, frames of this node
//!   still reach this node's sockets, and frames of other nodes arrive by catch-up only.

use super::{wire, Command, FanOut, PresenceOrder};
use crate::server::ws::{CloseReason, Registry};
use futures_util::StreamExt;
use redis::{aio::MultiplexedConnection, AsyncConnectionConfig, Client};
use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::{
    sync::{mpsc, watch},
    time::timeout,
};

/// Commands waiting for the publisher; past this, new ones are dropped (readers catch up).
const OUTGOING_QUEUE: usize = 65_536;
/// Commands sent to Redis in one pipeline.
const BATCH: usize = 512;
/// Any single exchange with Redis longer than this counts as Redis being down.
const REDIS_TIMEOUT: Duration = Duration::from_secs(2);
/// A subscription is pinged this often, so a silent half-open link is noticed.
const PING_EVERY: Duration = Duration::from_secs(5);
/// After a failure, Redis is not tried again for this long (commands meanwhile are dropped).
const RETRY_AFTER: Duration = Duration::from_millis(500);

pub struct RedisFanOut {
    node: u64,
    registry: Arc<Registry>,
    /// Shared by this node's own commands and those from the others.
    order: Arc<PresenceOrder>,
    outgoing: mpsc::Sender<Vec<u8>>,
}

impl RedisFanOut {
    /// Starts publishing and subscribing, and waits (briefly) for the subscription, so a node
    /// that starts while Redis is up is live from its first socket. Both retry for as long as
    /// the node runs, so a node also starts, and serves by catch-up, while Redis is down.
    pub async fn start(client: Client, namespace: &str, registry: Arc<Registry>) -> Self {
        let node = rand::random();
        // The one channel every node of this deployment publishes and subscribes to.
        let channel = format!("{namespace}:fanout");
        let (outgoing, queue) = mpsc::channel(OUTGOING_QUEUE);
        tokio::spawn(publish_forever(client.clone(), channel.clone(), queue));
        let (subscribed, mut watch) = watch::channel(false);
        let order = Arc::new(PresenceOrder::default());
        tokio::spawn(subscribe_forever(
            client,
            channel,
            node,
            Carrier {
                registry: registry.clone(),
                order: order.clone(),
            },
            subscribed,
        ));
        if timeout(REDIS_TIMEOUT, watch.wait_for(|live| *live))
            .await
            .is_err()
        {
            tracing::warn!("Redis is not answering; starting without it (catch-up only)");
        }
        Self {
            node,
            registry,
            order,
            outgoing,
        }
    }
}

impl FanOut for RedisFanOut {
    fn publish(&self, command: Command) {
        self.order.apply(&command, &self.registry);
        if self
            .outgoing
            .try_send(wire::encode(self.node, &command))
            .is_err()
        {
            tracing::warn!("the queue to Redis is full; other nodes' readers will catch up");
        }
    }
}

async fn publish_forever(client: Client, channel: String, mut queue: mpsc::Receiver<Vec<u8>>) {
    let mut connection: Option<MultiplexedConnection> = None;
    let mut failed_at: Option<Instant> = None;
    let mut batch = Vec::with_capacity(BATCH);
    while queue.recv_many(&mut batch, BATCH).await > 0 {
        if connection.is_none() && failed_at.is_none_or(|at| at.elapsed() >= RETRY_AFTER) {
            connection = connect(&client).await;
            failed_at = connection.is_none().then(Instant::now);
        }
        let Some(link) = connection.as_mut() else {
            batch.clear();
            continue;
        };
        let mut pipe = redis::pipe();
        for command in batch.drain(..) {
            pipe.cmd("PUBLISH").arg(&channel).arg(command).ignore();
        }
        if let Err(error) = pipe.query_async::<()>(link).await {
            tracing::warn!(%error, "publishing to Redis failed; readers will catch up");
            connection = None;
            failed_at = Some(Instant::now());
        }
    }
}

async fn connect(client: &Client) -> Option<MultiplexedConnection> {
    let config = AsyncConnectionConfig::new()
        .set_connection_timeout(Some(REDIS_TIMEOUT))
        .set_response_timeout(Some(REDIS_TIMEOUT));
    match client
        .get_multiplexed_async_connection_with_config(&config)
        .await
    {
        Ok(connection) => Some(connection),
        Err(error) => {
            tracing::warn!(%error, "cannot reach Redis to publish");
            None
        }
    }
}

/// What carries out the other nodes' commands on this node's sockets.
struct Carrier {
    registry: Arc<Registry>,
    order: Arc<PresenceOrder>,
}

async fn subscribe_forever(
    client: Client,
    channel: String,
    node: u64,
    carrier: Carrier,
    subscribed: watch::Sender<bool>,
) {
    let registry = &carrier.registry;
    // Sockets opened while this node was not subscribed have missed other nodes' frames.
    let mut missed_frames = false;
    let mut backoff = RETRY_AFTER;
    loop {
        match timeout(REDIS_TIMEOUT, subscribe(&client, &channel)).await {
            Ok(Ok(subscription)) => {
                if missed_frames {
                    tracing::info!("subscribed to Redis again; closing sockets so they catch up");
                    registry.disconnect_all(CloseReason::Resync);
                }
                backoff = RETRY_AFTER;
                subscribed.send_replace(true);
                listen(subscription, node, &carrier).await;
                subscribed.send_replace(false);
                tracing::warn!("lost the Redis subscription; closing sockets so they catch up");
                registry.disconnect_all(CloseReason::Resync);
            }
            Ok(Err(error)) => tracing::warn!(%error, "cannot subscribe to Redis"),
            Err(_) => tracing::warn!("cannot subscribe to Redis: timed out"),
        }
        missed_frames = true;
        // Jitter, so nodes that lost Redis together do not all come back in the same instant.
        let jitter = backoff.mul_f64(rand::random::<f64>() / 2.0);
        tokio::time::sleep(backoff + jitter).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}

async fn subscribe(client: &Client, channel: &str) -> redis::RedisResult<redis::aio::PubSub> {
    let mut pubsub = client.get_async_pubsub().await?;
    pubsub.subscribe(channel).await?;
    Ok(pubsub)
}

/// Carries out other nodes' commands until the subscription breaks.
async fn listen(subscription: redis::aio::PubSub, node: u64, carrier: &Carrier) {
    let (mut sink, mut stream) = subscription.split();
    let mut ping = tokio::time::interval(PING_EVERY);
    loop {
        tokio::select! {
            message = stream.next() => {
                let Some(message) = message else { return };
                match wire::decode(message.get_payload_bytes()) {
                    Some((from, _)) if from == node => {}
                    Some((_, command)) => carrier.order.apply(&command, &carrier.registry),
                    None => tracing::warn!("ignored an unreadable fan-out message"),
                }
            }
            _ = ping.tick() => {
                if !matches!(timeout(REDIS_TIMEOUT, sink.ping::<redis::Value>()).await, Ok(Ok(_))) {
                    return;
                }
            }
        }
    }
}
