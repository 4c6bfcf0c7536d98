//! Every rate limit in one place: the rules and their defaults (`rules.rs`), and the store that
//! counts hits (`LimitStore`). Callers name a rule and a key; they never count themselves, so the
//! store shared by several server nodes (`RedisLimits`) replaces the in-memory one without
//! touching them.

mod bucket;
mod memory;
mod redis_store;
mod rules;

pub use bucket::{Bucket, Tokens};
pub use memory::InMemoryLimits;
pub use redis_store::RedisLimits;
pub use rules::{LimitRules, Rule};

use crate::{error::AppError, server::state::AppState};
use futures_util::future::BoxFuture;
use std::time::Duration;

/// `Err(wait)`: the key is at its rule's maximum, and `wait` is when the oldest hit leaves the
/// window.
pub type Verdict = Result<(), Duration>;

pub trait LimitStore: Send + Sync {
    /// Counts one hit of `key` under `rule`, unless that would pass the maximum.
    fn hit<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict>;
    /// Whether a hit would be allowed now, counting nothing (for limits on failures, which
    /// are checked before an attempt and counted only when it fails).
    fn check<'a>(&'a self, rule: &'a Rule, key: &'a str) -> BoxFuture<'a, Verdict>;
    /// Takes a token from `key`'s bucket.
    fn take<'a>(&'a self, bucket: &'a Bucket, key: &'a str) -> BoxFuture<'a, Verdict>;
}

/// The error a person sees for `wait`, rounded up to whole seconds.
pub fn limited(wait: Duration) -> AppError {
    let retry_after_s = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    AppError::RateLimited {
        retry_after_s: retry_after_s.max(1),
    }
}

/// Counts a hit and turns a refusal into the error a person sees.
pub async fn hit(store: &dyn LimitStore, rule: &Rule, key: &str) -> Result<(), AppError> {
    store.hit(rule, key).await.map_err(limited)
}

/// Takes a token, as `hit` counts a hit.
pub async fn take(store: &dyn LimitStore, bucket: &Bucket, key: &str) -> Result<(), AppError> {
    store.take(bucket, key).await.map_err(limited)
}

/// Counts one hit of a per-person rule for `user_id`: `per_user(state, |r| &r.uploads_per_user, id)`.
pub async fn per_user(
    state: &AppState,
    rule: fn(&LimitRules) -> &Rule,
    user_id: i64,
) -> Result<(), AppError> {
    let rule = rule(&state.settings.limits);
    hit(state.limits.as_ref(), rule, &user_id.to_string()).await
}

/// Checks without counting, as `hit` does.
pub async fn check(store: &dyn LimitStore, rule: &Rule, key: &str) -> Result<(), AppError> {
    store.check(rule, key).await.map_err(limited)
}
