//! What the nodes share about who is online. One node shares nothing: its own sockets are the
//! whole truth (`NodeOnly`); several nodes keep marks in Redis (`RedisPresence`).

use futures_util::future::BoxFuture;
use std::collections::HashSet;

/// Where a change of someone's presence falls among every node's changes of it, so that
/// frames about them worked out on two nodes at once are delivered in the order of what they
/// say (`fanout::PresenceOrder`). Larger is newer; `UNORDERED` when there is nothing to order
/// by (one node, or Redis not answering).
pub type Version = u64;
pub const UNORDERED: Version = 0;

/// What marking or unmarking someone on this node found.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    /// Another node has them online.
    pub elsewhere: bool,
    pub version: Version,
}

pub trait SharedPresence: Send + Sync {
    /// Marks the user online on this node.
    fn arrive(&self, user_id: i64) -> BoxFuture<'_, Change>;
    /// Takes this node's mark away.
    fn leave(&self, user_id: i64) -> BoxFuture<'_, Change>;
    /// A version for a change that is not a mark (the user hid or showed their presence).
    fn next_version(&self, user_id: i64) -> BoxFuture<'_, Version>;
    /// The version of the user's latest change: read before what is told, so that what is
    /// told is at least that new.
    fn version(&self, user_id: i64) -> BoxFuture<'_, Version>;
    /// Who among `people` some node has online.
    fn online_among<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, HashSet<i64>>;
    /// Renews this node's marks for everyone online on it (marks of a node that died expire).
    fn renew<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, ()>;
}

/// One node: there is nobody to share with, and its frames about a person are ordered by
/// `Presence`'s own lock.
pub struct NodeOnly;

const ALONE: Change = Change {
    elsewhere: false,
    version: UNORDERED,
};

impl SharedPresence for NodeOnly {
    fn arrive(&self, _: i64) -> BoxFuture<'_, Change> {
        Box::pin(async { ALONE })
    }

    fn leave(&self, _: i64) -> BoxFuture<'_, Change> {
        Box::pin(async { ALONE })
    }

    fn next_version(&self, _: i64) -> BoxFuture<'_, Version> {
        Box::pin(async { UNORDERED })
    }

    fn version(&self, _: i64) -> BoxFuture<'_, Version> {
        Box::pin(async { UNORDERED })
    }

    fn online_among<'a>(&'a self, _: &'a [i64]) -> BoxFuture<'a, HashSet<i64>> {
        Box::pin(async { HashSet::new() })
    }

    fn renew<'a>(&'a self, _: &'a [i64]) -> BoxFuture<'a, ()> {
        Box::pin(async {})
    }
}
