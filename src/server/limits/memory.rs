//! Limits counted in this process's memory: right for one server node.

use super::{Bucket, LimitStore, Rule, Tokens, Verdict};
use futures_util::future::BoxFuture;
use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

/// Past this many keys, keys with no hit inside their window are forgotten.
const PRUNE_ABOVE: usize = 10_000;

/// A sliding log per (rule, key): the times of the hits still inside the window.
#[derive(Default)]
pub struct InMemoryLimits {
    hits: Mutex<HashMap<(&'static str, String), Hits>>,
    buckets: Mutex<HashMap<(&'static str, String), Tokens>>,
}

struct Hits {
    times: VecDeque<Instant>,
    window: Duration,
}

impl InMemoryLimits {
    fn decide(&self, rule: &Rule, key: &str, now: Instant, count: bool) -> Verdict {
        let mut all = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() > PRUNE_ABOVE {
            all.retain(|_, hits| {
                hits.times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < hits.window)
            });
        }
        let hits = all
            .entry((rule.name, key.to_owned()))
            .or_insert_with(|| Hits {
                times: VecDeque::new(),
                window: rule.window,
            });
        while hits
            .times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= rule.window)
        {
            hits.times.pop_front();
        }
        if hits.times.len() >= rule.max as usize {
            let oldest = hits.times.front().copied().unwrap_or(now);
            return Err(rule.window.saturating_sub(now.duration_since(oldest)));
        }
        if count {
            hits.times.push_back(now);
        }
        Ok(())
    }
}

impl InMemoryLimits {
    fn take_at(&self, bucket: &Bucket, key: &str, now: Instant) -> Verdict {
        let mut all = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() > PRUNE_ABOVE {
            all.retain(|(name, _), tokens| *name != bucket.name || !tokens.is_full_at(bucket, now));
        }
        all.entry((bucket.name, key.to_owned()))
            .or_insert_with(|| Tokens::full(bucket, now))
            .take(bucket, now)
    }
}

impl LimitStore for InMemoryLimits {
    fn hit<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict> {
        let verdict = self.decide(rule, key, Instant::now(), true);
        Box::pin(async move { verdict })
    }

    fn check<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict> {
        let verdict = self.decide(rule, key, Instant::now(), false);
        Box::pin(async move { verdict })
    }

    fn take<'a>(&'a self, bucket: &'a Bucket, key: &'a str) -> BoxFuture<'a, Verdict> {
        let verdict = self.take_at(bucket, key, Instant::now());
        Box::pin(async move { verdict })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule::new("test", 2, Duration::from_secs(60));

    #[test]
    fn a_key_gets_max_hits_per_window_and_others_are_separate() {
        let limits = InMemoryLimits::default();
        let start = Instant::now();
        assert!(limits.decide(&RULE, "a", start, true).is_ok());
        assert!(limits.decide(&RULE, "a", start, true).is_ok());
        let wait = limits
            .decide(&RULE, "a", start + Duration::from_secs(1), true)
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(59));
        assert!(limits
            .decide(&RULE, "b", start + Duration::from_secs(1), true)
            .is_ok());
        assert!(limits
            .decide(&RULE, "a", start + Duration::from_secs(61), true)
            .is_ok());
    }

    #[test]
    fn checking_counts_nothing() {
        let limits = InMemoryLimits::default();
        let now = Instant::now();
        for _ in 0..5 {
            assert!(limits.decide(&RULE, "a", now, false).is_ok());
        }
        assert!(limits.decide(&RULE, "a", now, true).is_ok());
    }

    #[test]
    fn the_same_key_under_two_rules_is_counted_apart() {
        let limits = InMemoryLimits::default();
        let other = Rule::new("other", 1, Duration::from_secs(60));
        let now = Instant::now();
        assert!(limits.decide(&other, "a", now, true).is_ok());
        assert!(limits.decide(&other, "a", now, true).is_err());
        assert!(limits.decide(&RULE, "a", now, true).is_ok());
    }
}
