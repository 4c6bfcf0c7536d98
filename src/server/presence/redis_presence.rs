//! Presence marks shared by several nodes: for each user, a Redis sorted set of the nodes that
//! have them online, each scored with when its mark expires. A node renews its marks every
//! `RENEW_EVERY`; the marks of a node that dies expire after `MARK_TTL`, so its users do not
//! stay online for ever. While Redis is unreachable a node answers from its own sockets.
//!
//! Each change that is told (a first mark, a last unmark, a change of the setting) takes the
//! next version of the user's presence in the same step, so versions follow the order in
//! which the changes happened, whichever node made them.

use super::shared::{Change, SharedPresence, Version, UNORDERED};
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

/// A version outlives its key's last change by this much; versions taken after it expired
/// still come after it, since they start from the clock.
const VERSION_TTL: Duration = Duration::from_secs(600);

/// Defines `next_version(key)` for the scripts that take one: Redis's clock in milliseconds,
/// or one past the last version when the clock has not passed it (two changes in one
/// millisecond). Redis runs one script at a time, so no two changes get the same version.
fn with_next_version(script: &str) -> String {
    let ttl = VERSION_TTL.as_millis();
    format!(
        r"
local function next_version(key)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local last = tonumber(redis.call('GET', key) or 0)
  local version = math.max(now, last + 1)
  redis.call('SET', key, string.format('%d', version), 'PX', {ttl})
  return version
end
{script}"
    )
}

/// KEYS[1]: the user's set, KEYS[2]: their version. ARGV: ttl ms, node. Marks the node and
/// returns how many other nodes have a live mark, and the next version, in one step: a node
/// that leaves at the same moment either sees this mark (and stays quiet) or is seen to have
/// left (and this node tells the watchers, with the newer version).
const ARRIVE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
return {redis.call('ZCOUNT', KEYS[1], now, '+inf') - 1, next_version(KEYS[2])}
";

/// KEYS[1]: the user's set, KEYS[2]: their version. ARGV: node. Returns how many other nodes
/// have a live mark, and the next version.
const UNMARK: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return {redis.call('ZCARD', KEYS[1]), next_version(KEYS[2])}
";

/// KEYS[1]: the user's version. Returns the next.
const NEXT_VERSION: &str = "return next_version(KEYS[1])";

/// KEYS[1]: the user's version. Returns it (0 if none).
const VERSION: &str = "return tonumber(redis.call('GET', KEYS[1]) or 0)";

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
    next_version: Script,
    version: Script,
    any_live: Script,
}

impl RedisPresence {
    pub fn new(client: Client, namespace: &str) -> Self {
        Self {
            link: RedisLink::new(client, "presence"),
            namespace: namespace.to_owned(),
            node: format!("{:016x}", rand::random::<u64>()),
            mark: Script::new(MARK),
            arrive: Script::new(&with_next_version(ARRIVE)),
            unmark: Script::new(&with_next_version(UNMARK)),
            next_version: Script::new(&with_next_version(NEXT_VERSION)),
            version: Script::new(VERSION),
            any_live: Script::new(ANY_LIVE),
        }
    }

    fn key(&self, user_id: i64) -> String {
        format!("{}:online:{user_id}", self.namespace)
    }

    fn version_key(&self, user_id: i64) -> String {
        format!("{}:presence_version:{user_id}", self.namespace)
    }

    /// Runs ARRIVE or UNMARK: a change marked unordered when Redis does not answer.
    async fn change(&self, script: &Script, user_id: i64, args: &[String]) -> Change {
        let keys = [self.key(user_id), self.version_key(user_id)];
        let answer: Option<(i64, Version)> = self.link.run(script, &keys, args).await;
        let (others, version) = answer.unwrap_or((0, UNORDERED));
        Change {
            elsewhere: others > 0,
            version,
        }
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
    fn arrive(&self, user_id: i64) -> BoxFuture<'_, Change> {
        Box::pin(async move {
            let args = [MARK_TTL.as_millis().to_string(), self.node.clone()];
            self.change(&self.arrive, user_id, &args).await
        })
    }

    fn leave(&self, user_id: i64) -> BoxFuture<'_, Change> {
        Box::pin(async move {
            self.change(&self.unmark, user_id, std::slice::from_ref(&self.node))
                .await
        })
    }

    fn next_version(&self, user_id: i64) -> BoxFuture<'_, Version> {
        Box::pin(async move {
            let keys = [self.version_key(user_id)];
            let version: Option<Version> = self.link.run(&self.next_version, &keys, &[]).await;
            version.unwrap_or(UNORDERED)
        })
    }

    fn version(&self, user_id: i64) -> BoxFuture<'_, Version> {
        Box::pin(async move {
            let keys = [self.version_key(user_id)];
            let version: Option<Version> = self.link.run(&self.version, &keys, &[]).await;
            version.unwrap_or(UNORDERED)
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
