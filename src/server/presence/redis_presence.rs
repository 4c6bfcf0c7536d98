//! Presence marks shared by several nodes: for each user, a Redis sorted set of the nodes that
//! have them online, each scored with when its mark expires. A node renews its marks every
//! `RENEW_EVERY`; the marks of a node that dies expire after `MARK_TTL`, so its users do not
//! stay online for ever. While Redis is unreachable a node answers from its own sockets.

use super::shared::SharedPresence;
use crate::server::redis_link::RedisLink;
use futures_util::future::BoxFuture;
use redis::{Client, Script};
use std::{collections::HashSet, time::Duration};

pub const MARK_TTL: Duration = Duration::from_secs(60);
pub const RENEW_EVERY: Duration = Duration::from_secs(20);
/// Users renewed per script call.
const RENEW_BATCH: usize = 500;

/// KEYS: one set per user. ARGV: ttl ms, node. Marks the node in each (renew).
const MARK: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + ttl, ARGV[2])
  redis.call('PEXPIRE', key, ttl)
end
return 0
";

/// KEYS[1]: the user's set. ARGV: ttl ms, node. Marks the node and returns how many other
/// nodes have a live mark, in one step: a node that leaves at the same moment either sees this
/// mark (and stays quiet) or is seen to have left (and this node tells the watchers).
const ARRIVE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
return redis.call('ZCOUNT', KEYS[1], now, '+inf') - 1
";

/// KEYS[1]: the user's set. ARGV: node. Returns how many other nodes have a live mark.
const UNMARK: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
";

/// KEYS: one set per user. Returns 1 or 0 for each: a live mark is there.
const ANY_LIVE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local answer = {}
for i, key in ipairs(KEYS) do
  answer[i] = math.min(1, redis.call('ZCOUNT', key, now, '+inf'))
end
return answer
";

pub struct RedisPresence {
    link: RedisLink,
    namespace: String,
    /// Tells this node's marks from the others'.
    node: String,
    mark: Script,
    arrive: Script,
    unmark: Script,
    any_live: Script,
}

impl RedisPresence {
    pub fn new(client: Client, namespace: &str) -> Self {
        Self {
            link: RedisLink::new(client, "presence"),
            namespace: namespace.to_owned(),
            node: format!("{:016x}", rand::random::<u64>()),
            mark: Script::new(MARK),
            arrive: Script::new(ARRIVE),
            unmark: Script::new(UNMARK),
            any_live: Script::new(ANY_LIVE),
        }
    }

    fn key(&self, user_id: i64) -> String {
        format!("{}:online:{user_id}", self.namespace)
    }

    async fn mark_all(&self, people: &[i64]) {
        let args = [MARK_TTL.as_millis().to_string(), self.node.clone()];
        for batch in people.chunks(RENEW_BATCH) {
            let keys: Vec<String> = batch.iter().map(|u| self.key(*u)).collect();
            let _: Option<i64> = self.link.run(&self.mark, &keys, &args).await;
        }
    }
}

impl SharedPresence for RedisPresence {
    fn arrive(&self, user_id: i64) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            let keys = [self.key(user_id)];
            let args = [MARK_TTL.as_millis().to_string(), self.node.clone()];
            let others: Option<i64> = self.link.run(&self.arrive, &keys, &args).await;
            others.unwrap_or(0) > 0
        })
    }

    fn leave(&self, user_id: i64) -> BoxFuture<'_, bool> {
        Box::pin(async move {
            let keys = [self.key(user_id)];
            let others: Option<i64> = self
                .link
                .run(&self.unmark, &keys, std::slice::from_ref(&self.node))
                .await;
            others.unwrap_or(0) > 0
        })
    }

    fn online_among<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, HashSet<i64>> {
        Box::pin(async move {
            if people.is_empty() {
                return HashSet::new();
            }
            let keys: Vec<String> = people.iter().map(|u| self.key(*u)).collect();
            let live: Option<Vec<i64>> = self.link.run(&self.any_live, &keys, &[]).await;
            people
                .iter()
                .zip(live.unwrap_or_default())
                .filter(|(_, live)| *live > 0)
                .map(|(user, _)| *user)
                .collect()
        })
    }

    fn renew<'a>(&'a self, people: &'a [i64]) -> BoxFuture<'a, ()> {
        Box::pin(self.mark_all(people))
    }
}
