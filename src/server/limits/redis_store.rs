//! Limits shared by every node, counted in Redis by two small Lua scripts (each runs atomically,
//! and reads Redis's clock, so nodes with skewed clocks still agree). While Redis cannot be
//! reached, each node counts in its own memory instead: the limits then hold per node, which is
//! looser by the number of nodes but never locks everyone out because Redis is down.

use super::{Bucket, InMemoryLimits, LimitStore, Rule, Verdict};
use crate::server::redis_link::RedisLink;
use futures_util::future::BoxFuture;
use redis::{Client, Script};
use std::time::Duration;

/// Sliding log in a sorted set. ARGV: window ms, max, count (1 or 0), a unique member.
/// Returns 0 when allowed, otherwise the milliseconds until the oldest hit leaves the window.
const SLIDING_WINDOW: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
end
return 0
";

/// Token bucket in a hash. ARGV: capacity, tokens per second. Returns 0 when a token was
/// taken, otherwise the milliseconds until one is there.
const TOKEN_BUCKET: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'left', 'at')
local left = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
left = math.min(capacity, left + (now - at) / 1000 * rate)
local wait = 0
if left >= 1 then left = left - 1 else wait = math.max(1, math.ceil((1 - left) / rate * 1000)) end
redis.call('HSET', KEYS[1], 'left', tostring(left), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return wait
";

pub struct RedisLimits {
    link: RedisLink,
    namespace: String,
    sliding_window: Script,
    token_bucket: Script,
    /// Counts while Redis is unreachable.
    fallback: InMemoryLimits,
}

impl RedisLimits {
    pub fn new(client: Client, namespace: &str) -> Self {
        Self {
            link: RedisLink::new(client, "rate limits"),
            namespace: namespace.to_owned(),
            sliding_window: Script::new(SLIDING_WINDOW),
            token_bucket: Script::new(TOKEN_BUCKET),
            fallback: InMemoryLimits::default(),
        }
    }

    /// Runs `script` on `key`; `None` when Redis did not answer.
    async fn run(&self, script: &Script, key: String, args: &[String]) -> Option<u64> {
        self.link.run(script, &[key], args).await
    }

    async fn window(&self, rule: &Rule, key: &str, count: bool) -> Verdict {
        let args = [
            rule.window.as_millis().to_string(),
            rule.max.to_string(),
            if count { "1" } else { "0" }.to_string(),
            format!("{}", rand::random::<u64>()),
        ];
        let redis_key = format!("{}:limit:{}:{key}", self.namespace, rule.name);
        match self.run(&self.sliding_window, redis_key, &args).await {
            Some(wait_ms) => verdict(wait_ms),
            None if count => self.fallback.hit(rule, key).await,
            None => self.fallback.check(rule, key).await,
        }
    }
}

fn verdict(wait_ms: u64) -> Verdict {
    match wait_ms {
        0 => Ok(()),
        ms => Err(Duration::from_millis(ms)),
    }
}

impl LimitStore for RedisLimits {
    fn hit<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(self.window(rule, key, true))
    }

    fn check<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(self.window(rule, key, false))
    }

    fn take<'a>(&'a self, bucket: &'a Bucket, key: &'a str) -> BoxFuture<'a, Verdict> {
        Box::pin(async move {
            let args = [bucket.capacity.to_string(), bucket.per_second.to_string()];
            let redis_key = format!("{}:bucket:{}:{key}", self.namespace, bucket.name);
            match self.run(&self.token_bucket, redis_key, &args).await {
                Some(wait_ms) => verdict(wait_ms),
                None => self.fallback.take(bucket, key).await,
            }
        })
    }
}
