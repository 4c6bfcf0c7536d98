//! Programs that behave like Parley's browser client when things break: each sends its own
//! messages to the room as fast as acknowledgements come back (a few in flight), reconnects
//! with backoff and jitter to whichever node answers, catches up from the last seq it holds
//! without a hole, resends what was never acknowledged with the same client ids, and fills a
//! gap it sees in live frames. The fault tests compare what they end with to the database.

use futures_util::{SinkExt, StreamExt};
use parley::{
    error::AppError,
    protocol::{ClientMsg, MessageView, ServerMsg, GLOBAL_CONVERSATION_ID},
};
use std::{
    collections::BTreeMap,
    net::SocketAddr,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};
use tokio_tungstenite::{
    tungstenite::{client::IntoClientRequest, Message},
    MaybeTlsStream, WebSocketStream,
};

type Ws = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Messages a robot keeps unacknowledged at once.
const WINDOW: usize = 4;

pub struct Robot {
    pub name: String,
    cookie: String,
    /// Tried in order on every (re)connect, as a load balancer skips a dead node.
    nodes: Vec<SocketAddr>,
    to_send: usize,
    sent: usize,
    /// Client id → (body, when it may be sent again after a rate-limit refusal).
    unacked: BTreeMap<String, (String, Option<Instant>)>,
    pub held: BTreeMap<i64, MessageView>,
    synced_through: i64,
    catching_up: bool,
    /// Counted where a connection is made, so a socket found broken by a failed send counts
    /// as much as one found closed by a read.
    connections: usize,
}

impl Robot {
    pub fn new(name: &str, cookie: String, nodes: Vec<SocketAddr>, to_send: usize) -> Self {
        Self {
            name: name.into(),
            cookie,
            nodes,
            to_send,
            sent: 0,
            unacked: BTreeMap::new(),
            held: BTreeMap::new(),
            synced_through: 0,
            catching_up: false,
            connections: 0,
        }
    }

    /// Runs until all of its messages are acknowledged and it holds `total` messages without
    /// a gap, or fails with what it was missing at `deadline`.
    pub async fn run(
        mut self,
        total: i64,
        acked: Arc<AtomicUsize>,
        deadline: Instant,
    ) -> Result<Self, String> {
        let mut socket: Option<Ws> = None;
        let mut failures = 0u32;
        loop {
            if self.sent == self.to_send && self.unacked.is_empty() && self.synced_through == total
            {
                return Ok(self);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{}: {} of {} sent, {} unacknowledged, synced through {} of {total}",
                    self.name,
                    self.sent,
                    self.to_send,
                    self.unacked.len(),
                    self.synced_through
                ));
            }
            let Some(ws) = socket.as_mut() else {
                match self.connect().await {
                    Some(mut ws) => {
                        failures = 0;
                        self.connections += 1;
                        self.resume(&mut ws).await;
                        socket = Some(ws);
                    }
                    None => {
                        failures += 1;
                        tokio::time::sleep(backoff(failures)).await;
                    }
                }
                continue;
            };
            if self.send_due(ws).await.is_err() {
                socket = None;
                continue;
            }
            match tokio::time::timeout(Duration::from_millis(100), ws.next()).await {
                Err(_) => {}
                Ok(Some(Ok(Message::Text(text)))) => {
                    let msg: ServerMsg = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                    if self.apply(msg, ws, &acked).await?.is_err() {
                        socket = None;
                    }
                }
                Ok(Some(Ok(_))) => {}
                Ok(None) | Ok(Some(Err(_))) => socket = None,
            }
        }
    }

    async fn connect(&self) -> Option<Ws> {
        for node in &self.nodes {
            let mut request = format!("ws://{node}/ws").into_client_request().ok()?;
            request
                .headers_mut()
                .insert("cookie", self.cookie.parse().ok()?);
            if let Ok(Ok((ws, _))) = tokio::time::timeout(
                Duration::from_secs(2),
                tokio_tungstenite::connect_async(request),
            )
            .await
            {
                return Some(ws);
            }
        }
        None
    }

    /// Connections made after the first.
    pub fn reconnects(&self) -> usize {
        self.connections.saturating_sub(1)
    }

    /// After (re)connecting: ask for what was missed, resend what was never acknowledged.
    async fn resume(&mut self, ws: &mut Ws) {
        self.catching_up = false;
        let _ = self.catch_up(ws).await;
        for (client_id, (body, _)) in &self.unacked {
            let _ = send(ws, say(client_id, body)).await;
        }
    }

    async fn catch_up(&mut self, ws: &mut Ws) -> Result<(), ()> {
        self.catching_up = true;
        send(
            ws,
            ClientMsg::CatchUp {
                conversation_id: GLOBAL_CONVERSATION_ID,
                // Robots only send, so changes come in seq order: the change of the last
                // message held without a hole is where the client's log is complete.
                after_change: self.held.get(&self.synced_through).map_or(0, |m| m.change),
            },
        )
        .await
    }

    /// Sends new messages up to the window, and refused ones whose wait is over.
    async fn send_due(&mut self, ws: &mut Ws) -> Result<(), ()> {
        let now = Instant::now();
        for (client_id, (body, retry_at)) in self.unacked.iter_mut() {
            if retry_at.is_some_and(|at| at <= now) {
                *retry_at = None;
                send(ws, say(client_id, body)).await?;
            }
        }
        while self.unacked.len() < WINDOW && self.sent < self.to_send {
            let client_id = format!("{}-{:05}", self.name, self.sent);
            self.sent += 1;
            self.unacked
                .insert(client_id.clone(), (client_id.clone(), None));
            send(ws, say(&client_id, &client_id)).await?;
        }
        Ok(())
    }

    /// Applies a frame. `Err` ends the run (the server refused something it should not);
    /// `Ok(Err(()))` means the socket broke.
    async fn apply(
        &mut self,
        msg: ServerMsg,
        ws: &mut Ws,
        acked: &AtomicUsize,
    ) -> Result<Result<(), ()>, String> {
        match msg {
            ServerMsg::Ack { client_id, message } => {
                if self.unacked.remove(&client_id).is_some() {
                    acked.fetch_add(1, Ordering::Relaxed);
                }
                self.hold(message);
            }
            ServerMsg::Message { message } => self.hold(message),
            ServerMsg::CaughtUp {
                messages, complete, ..
            } => {
                messages.into_iter().for_each(|m| self.hold(m));
                if !complete {
                    return Ok(self.catch_up(ws).await);
                }
                self.catching_up = false;
            }
            ServerMsg::Rejected {
                client_id: Some(client_id),
                error: AppError::RateLimited { retry_after_s },
            } => {
                if let Some((_, retry_at)) = self.unacked.get_mut(&client_id) {
                    *retry_at = Some(Instant::now() + Duration::from_secs(retry_after_s));
                }
            }
            ServerMsg::Rejected { error, .. } => {
                return Err(format!(
                    "{}: the server refused a frame: {error}",
                    self.name
                ))
            }
            _ => {}
        }
        // A hole below the newest message held: frames were lost on the way.
        let gap = self
            .held
            .keys()
            .next_back()
            .is_some_and(|&newest| newest > self.synced_through);
        if gap && !self.catching_up {
            return Ok(self.catch_up(ws).await);
        }
        Ok(Ok(()))
    }

    fn hold(&mut self, message: MessageView) {
        self.held.insert(message.seq, message);
        while self.held.contains_key(&(self.synced_through + 1)) {
            self.synced_through += 1;
        }
    }
}

fn say(client_id: &str, body: &str) -> ClientMsg {
    ClientMsg::Send {
        conversation_id: GLOBAL_CONVERSATION_ID,
        client_id: client_id.into(),
        body: body.into(),
        reply_to_seq: None,
    }
}

async fn send(ws: &mut Ws, msg: ClientMsg) -> Result<(), ()> {
    let text = serde_json::to_string(&msg).expect("a frame");
    ws.send(Message::text(text)).await.map_err(|_| ())
}

/// The browser client's schedule (0.5 s doubling, capped), shortened tenfold for tests, with
/// the same jitter: half to all of it.
fn backoff(failures: u32) -> Duration {
    let base = (50.0 * 2f64.powi(failures.min(6) as i32)).min(3_000.0);
    Duration::from_millis((base * (0.5 + rand::random::<f64>() / 2.0)) as u64)
}
