//! Token buckets: a burst of `capacity` at once, then `per_second` sustained. Right for sends,
//! where a person typing fast sends a few messages in a second and then pauses.

use super::Verdict;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// Keeps the keys of different buckets apart in a shared store.
    pub name: &'static str,
    pub capacity: u32,
    pub per_second: f64,
}

impl Bucket {
    pub const fn new(name: &'static str, capacity: u32, per_second: f64) -> Self {
        Self {
            name,
            capacity,
            per_second,
        }
    }
}

/// One bucket's state.
#[derive(Debug, Clone)]
pub struct Tokens {
    left: f64,
    at: Instant,
}

impl Tokens {
    pub fn full(bucket: &Bucket, now: Instant) -> Self {
        Self {
            left: f64::from(bucket.capacity),
            at: now,
        }
    }

    /// Takes one token, or says how long until one is there.
    pub fn take(&mut self, bucket: &Bucket, now: Instant) -> Verdict {
        let refilled = now.duration_since(self.at).as_secs_f64() * bucket.per_second;
        self.left = (self.left + refilled).min(f64::from(bucket.capacity));
        self.at = now;
        if self.left >= 1.0 {
            self.left -= 1.0;
            return Ok(());
        }
        let wait = (1.0 - self.left) / bucket.per_second.max(f64::MIN_POSITIVE);
        Err(Duration::from_secs_f64(wait.min(86_400.0)))
    }

    /// True when the bucket would be full by `now`: nothing to remember about it any more.
    pub fn is_full_at(&self, bucket: &Bucket, now: Instant) -> bool {
        let refilled = now.duration_since(self.at).as_secs_f64() * bucket.per_second;
        self.left + refilled >= f64::from(bucket.capacity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENDS: Bucket = Bucket::new("test", 3, 2.0);

    #[test]
    fn a_burst_of_capacity_passes_then_the_rate_holds() {
        let start = Instant::now();
        let mut tokens = Tokens::full(&SENDS, start);
        for _ in 0..3 {
            assert!(tokens.take(&SENDS, start).is_ok());
        }
        let wait = tokens.take(&SENDS, start).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        assert!(tokens
            .take(&SENDS, start + Duration::from_millis(500))
            .is_ok());
        assert!(tokens
            .take(&SENDS, start + Duration::from_millis(600))
            .is_err());
    }

    #[test]
    fn a_person_typing_one_message_a_second_is_never_stopped() {
        let start = Instant::now();
        let mut tokens = Tokens::full(&SENDS, start);
        for second in 0..600 {
            let now = start + Duration::from_secs(second);
            assert!(tokens.take(&SENDS, now).is_ok());
        }
    }
}
