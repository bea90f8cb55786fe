//! How often one client address may open check pages: a token bucket per address, so that
//! certificates cannot be listed by trying codes (80 random bits already make that hopeless; the
//! limit also keeps a scraper from loading the server).
//!
//! The buckets live in the process, not in the database: the check page is the one public page
//! meant to take thousands of requests a second, and a write per request would cost more than
//! the page. Behind a load balancer each process keeps its own buckets, so an address gets the
//! limit once per process: still nowhere near enough tries to find a code.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Buckets forgotten after this long without a request (they are full again by then).
const FORGET_AFTER: Duration = Duration::from_secs(600);
/// Addresses kept before idle ones are swept.
const SWEEP_AT: usize = 100_000;

/// Per-address buckets of `per_minute` tokens, refilled evenly over a minute.
#[derive(Debug)]
pub struct CheckLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl CheckLimiter {
    /// `per_minute` checks per address in any minute (and as a burst); 0 turns the limit off.
    pub fn new(per_minute: u32) -> CheckLimiter {
        CheckLimiter {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one check for `address` at `now`: `Ok(())`, or `Err(seconds)` to wait.
    pub fn take(&self, address: &str, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let per_sec = capacity / 60.0;
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() >= SWEEP_AT {
            buckets.retain(|_, (_, last)| now.duration_since(*last) < FORGET_AFTER);
        }
        let (tokens, last) = buckets
            .entry(address.to_string())
            .or_insert((capacity, now));
        let refilled =
            (*tokens + now.saturating_duration_since(*last).as_secs_f64() * per_sec).min(capacity);
        *last = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            Err(((1.0 - refilled) / per_sec).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_burst_then_waits_while_others_go_on() {
        let limiter = CheckLimiter::new(30);
        let t = Instant::now();
        for _ in 0..30 {
            assert_eq!(limiter.take("10.0.0.1", t), Ok(()));
        }
        assert_eq!(limiter.take("10.0.0.1", t), Err(2));
        assert_eq!(limiter.take("10.0.0.2", t), Ok(()));
        // Two seconds later one more check is allowed (30 a minute).
        let later = t + Duration::from_secs(2);
        assert_eq!(limiter.take("10.0.0.1", later), Ok(()));
        assert!(limiter.take("10.0.0.1", later).is_err());
    }

    #[test]
    fn zero_is_no_limit() {
        let limiter = CheckLimiter::new(0);
        let t = Instant::now();
        assert!((0..1000).all(|_| limiter.take("a", t).is_ok()));
    }
}
