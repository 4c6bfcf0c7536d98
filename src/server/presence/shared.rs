//! What the nodes share about who is online. One node shares nothing: its own sockets are the
//! whole truth (`NodeOnly`); several nodes keep marks in Redis (`RedisPresence`).

use futures_util::future::BoxFuture;
use std::collections::HashSet;

pub trait SharedPresence: Send + Sync {
    /// Marks the user online on this node; answers whether another node has them online too.
    fn arrive(&self, user_id: i64) -> BoxFuture<'_, bool>;
    /// Takes this node's mark away; answers whether another node still has the user online.
    fn leave(&self, user_id: i64) -> BoxFuture<'_, bool>;
    /// Who among `people` some node has online.
    fn online_among<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, HashSet<i64>>;
    /// Renews this node's marks for everyone online on it (marks of a node that died expire).
    fn renew<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, ()>;
}

/// One node: there is nobody to share with.
pub struct NodeOnly;

impl SharedPresence for NodeOnly {
    fn arrive(&self, _: i64) -> BoxFuture<'_, bool> {
        Box::pin(async { false })
    }

    fn leave(&self, _: i64) -> BoxFuture<'_, bool> {
        Box::pin(async { false })
    }

    fn online_among<'a>(&'a self, _: &'a [i64]) -> BoxFuture<'a, HashSet<i64>> {
        Box::pin(async { HashSet::new() })
    }

    fn renew<'a>(&'a self, _: &'a [i64]) -> BoxFuture<'a, ()> {
        Box::pin(async {})
    }
}
