//! This node's sockets. Each connection has a bounded queue; a frame is serialized once and the
//! same bytes are queued for every recipient here. Delivering never waits: a connection whose
//! queue is full is too slow and is dropped (it reconnects and catches up), so one bad network
//! cannot stall everyone else. Feature code does not call this directly: it publishes through
//! the fan-out (`server::fanout`), which reaches the registries of every node.

use crate::{protocol::ServerMsg, server::model::conversations::Audience};
use axum::extract::ws::Utf8Bytes;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, OnceLock, RwLock,
    },
};
use tokio::sync::{mpsc, Notify};

/// Unique across nodes: the high 32 bits are chosen at random when the node starts.
pub type ConnectionId = u64;

/// A server frame, encoded once and cheaply cloned for every recipient.
#[derive(Clone, Debug)]
pub struct Frame(Utf8Bytes);

impl Frame {
    pub fn encode(msg: &ServerMsg) -> Self {
        // Serializing our own types cannot fail; an empty frame would be ignored by clients.
        Self(serde_json::to_string(msg).unwrap_or_default().into())
    }

    /// A frame that arrived already encoded (from another node).
    pub fn from_text(text: String) -> Self {
        Self(text.into())
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn into_text(self) -> Utf8Bytes {
        self.0
    }
}

/// Why the server closes a socket; the client reconnects (and catches up) after each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// Its queue filled up: the client reads slower than frames arrive.
    TooSlow,
    /// Its login ended (sign-out, password change, account deletion).
    SignedOut,
    /// This node may have missed frames (its link to the other nodes broke or came back).
    Resync,
}

impl CloseReason {
    /// The close frame's code and reason.
    pub fn close_frame(self) -> (u16, &'static str) {
        match self {
            Self::TooSlow => (1013, "too far behind; reconnect and catch up"),
            Self::SignedOut => (1008, "signed out"),
            Self::Resync => (1012, "reconnect and catch up"),
        }
    }
}

/// Tells a connection's writer to close the socket, and why.
#[derive(Default)]
pub struct Kick {
    notify: Notify,
    reason: OnceLock<CloseReason>,
}

impl Kick {
    pub fn kick(&self, reason: CloseReason) {
        let _ = self.reason.set(reason);
        self.notify.notify_one();
    }

    /// Waits for the kick and says why (the first reason wins).
    pub async fn kicked(&self) -> CloseReason {
        self.notify.notified().await;
        self.reason.get().copied().unwrap_or(CloseReason::TooSlow)
    }
}

/// The sending end of one connection's queue.
#[derive(Clone)]
pub struct Outbox {
    pub id: ConnectionId,
    pub user_id: i64,
    /// The login (session row) the socket was opened with.
    pub session_id: i64,
    tx: mpsc::Sender<Frame>,
    pub kick: Arc<Kick>,
}

impl Outbox {
    /// Queues a reply to this connection; false when the queue is full or closed.
    pub fn reply(&self, msg: &ServerMsg) -> bool {
        let queued = self.tx.try_send(Frame::encode(msg)).is_ok();
        if !queued {
            self.kick.kick(CloseReason::TooSlow);
        }
        queued
    }
}

pub struct Registry {
    next_id: AtomicU64,
    queue_frames: usize,
    by_user: RwLock<HashMap<i64, Vec<Outbox>>>,
}

impl Registry {
    pub fn new(queue_frames: usize) -> Self {
        Self {
            // A random node prefix keeps ids unique across nodes (a `skip` crosses nodes).
            next_id: AtomicU64::new(u64::from(rand::random::<u32>()) << 32 | 1),
            queue_frames: queue_frames.max(1),
            by_user: RwLock::new(HashMap::new()),
        }
    }

    pub fn register(&self, user_id: i64, session_id: i64) -> (Outbox, mpsc::Receiver<Frame>) {
        let (tx, rx) = mpsc::channel(self.queue_frames);
        let outbox = Outbox {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            user_id,
            session_id,
            tx,
            kick: Arc::new(Kick::default()),
        };
        self.write()
            .entry(user_id)
            .or_default()
            .push(outbox.clone());
        (outbox, rx)
    }

    pub fn unregister(&self, user_id: i64, id: ConnectionId) {
        let mut map = self.write();
        if let Some(list) = map.get_mut(&user_id) {
            list.retain(|o| o.id != id);
            if list.is_empty() {
                map.remove(&user_id);
            }
        }
    }

    /// Queues `frame` for this node's connections of `audience`, except `skip`.
    pub fn deliver(&self, audience: &Audience, frame: &Frame, skip: Option<ConnectionId>) {
        let mut too_slow = Vec::new();
        {
            let map = self.by_user.read().unwrap_or_else(|e| e.into_inner());
            let mut deliver = |outboxes: &Vec<Outbox>| {
                for outbox in outboxes.iter().filter(|o| Some(o.id) != skip) {
                    if outbox.tx.try_send(frame.clone()).is_err() {
                        too_slow.push((outbox.user_id, outbox.id));
                    }
                }
            };
            match audience {
                Audience::Everyone => map.values().for_each(&mut deliver),
                Audience::Users(ids) => ids
                    .iter()
                    .filter_map(|id| map.get(id))
                    .for_each(&mut deliver),
            }
        }
        for (user_id, id) in too_slow {
            self.kick(user_id, id);
        }
    }

    /// Closes every socket of the user (their sessions were revoked); the browser of a session
    /// that is still valid reconnects at once.
    pub fn disconnect_user(&self, user_id: i64) {
        let removed = self.write().remove(&user_id).unwrap_or_default();
        for outbox in removed {
            outbox.kick.kick(CloseReason::SignedOut);
        }
    }

    /// Closes the user's sockets opened with one of `sessions` (those logins were ended).
    pub fn disconnect_sessions(&self, user_id: i64, sessions: &[i64]) {
        let mut map = self.write();
        let Some(list) = map.get_mut(&user_id) else {
            return;
        };
        list.retain(|outbox| {
            let ended = sessions.contains(&outbox.session_id);
            if ended {
                outbox.kick.kick(CloseReason::SignedOut);
            }
            !ended
        });
        if list.is_empty() {
            map.remove(&user_id);
        }
    }

    /// Removes a connection and tells its writer to close the socket.
    fn kick(&self, user_id: i64, id: ConnectionId) {
        let mut map = self.write();
        if let Some(list) = map.get_mut(&user_id) {
            if let Some(pos) = list.iter().position(|o| o.id == id) {
                let outbox = list.swap_remove(pos);
                outbox.kick.kick(CloseReason::TooSlow);
                tracing::info!(
                    user_id,
                    connection = id,
                    "dropped a connection that fell behind"
                );
            }
        }
    }

    /// Closes every socket on this node: its clients reconnect and catch up.
    pub fn disconnect_all(&self, reason: CloseReason) {
        let removed = std::mem::take(&mut *self.write());
        for outbox in removed.into_values().flatten() {
            outbox.kick.kick(reason);
        }
    }

    /// Open sockets of one user on this node.
    pub fn connections_of(&self, user_id: i64) -> usize {
        self.by_user
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&user_id)
            .map_or(0, Vec::len)
    }

    pub fn connection_count(&self) -> usize {
        self.by_user
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .map(Vec::len)
            .sum()
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<i64, Vec<Outbox>>> {
        // A panic elsewhere while holding the lock must not take the whole hub down with it.
        self.by_user.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Frame {
        Frame::encode(&ServerMsg::Pong)
    }

    #[test]
    fn a_frame_for_everyone_reaches_every_connection_but_the_skipped_one() {
        let registry = Registry::new(4);
        let (a, mut rx_a) = registry.register(1, 1);
        let (_b, mut rx_b) = registry.register(2, 2);
        registry.deliver(&Audience::Everyone, &frame(), Some(a.id));
        assert!(rx_a.try_recv().is_err());
        assert!(rx_b.try_recv().is_ok());
    }

    #[test]
    fn a_frame_for_some_users_reaches_only_them() {
        let registry = Registry::new(4);
        let (_a, mut rx_a) = registry.register(1, 1);
        let (_b, mut rx_b) = registry.register(2, 2);
        registry.deliver(&Audience::Users(vec![2, 3]), &frame(), None);
        assert!(rx_a.try_recv().is_err());
        assert!(rx_b.try_recv().is_ok());
    }

    #[test]
    fn a_connection_with_a_full_queue_is_dropped_and_others_still_receive() {
        let registry = Registry::new(2);
        let (slow, _rx_slow) = registry.register(1, 1);
        let (_fast, mut rx_fast) = registry.register(2, 2);
        for _ in 0..3 {
            registry.deliver(&Audience::Everyone, &frame(), None);
            while rx_fast.try_recv().is_ok() {}
        }
        assert_eq!(registry.connection_count(), 1);
        // The slow connection's writer is told to close.
        let kicked = slow.kick.kicked();
        futures_util::pin_mut!(kicked);
        assert_eq!(
            futures_util::FutureExt::now_or_never(kicked),
            Some(CloseReason::TooSlow)
        );
    }

    #[test]
    fn closing_every_socket_says_why_and_empties_the_registry() {
        let registry = Registry::new(4);
        let (a, _rx) = registry.register(1, 1);
        registry.disconnect_all(CloseReason::Resync);
        assert_eq!(registry.connection_count(), 0);
        let kicked = a.kick.kicked();
        futures_util::pin_mut!(kicked);
        assert_eq!(
            futures_util::FutureExt::now_or_never(kicked),
            Some(CloseReason::Resync)
        );
    }

    #[test]
    fn connection_ids_of_two_nodes_differ() {
        let (a, _rx_a) = Registry::new(1).register(1, 1);
        let (b, _rx_b) = Registry::new(1).register(1, 1);
        assert_ne!(a.id, b.id, "1 in 4 billion odds of a false failure");
    }
}
