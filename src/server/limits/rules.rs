//! The limits and their defaults. `docs/security.md` explains each; the README lists the
//! environment variables that change them.

use super::Bucket;
use std::time::Duration;

/// At most `max` hits per key in any `window` (a sliding window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Keeps the keys of different rules apart in a shared store.
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl Rule {
    pub const fn new(name: &'static str, max: u32, window: Duration) -> Self {
        Self { name, max, window }
    }
}

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone)]
pub struct LimitRules {
    /// Failed logins for one account from one client address. The tightest rule: it is what
    /// stops guessing one person's password from one place.
    pub login_failures_per_account_and_client: Rule,
    /// Failed logins for one account from anywhere. A client that has logged into the account
    /// before (it holds a known-device cookie) is exempt, so someone spraying guesses from many
    /// addresses cannot lock the owner out.
    pub login_failures_per_account: Rule,
    /// Failed logins from one client address, whatever the account (password spraying).
    pub login_failures_per_client: Rule,
    /// New accounts from one client address.
    pub signups_per_client: Rule,
    /// "Forgot password" requests for one email address, and from one client address.
    pub reset_requests_per_email: Rule,
    pub reset_requests_per_client: Rule,
    /// Messages one person sends, over the socket and HTTP together: a burst for fast typing
    /// or pasting, then a steady rate far above what a person types.
    pub sends_per_user: Bucket,
    /// Images and profile pictures one person uploads.
    pub uploads_per_user: Rule,
    /// User searches one person makes (the box searches as they type).
    pub searches_per_user: Rule,
    /// Direct conversations one person opens (each may create one).
    pub opens_per_user: Rule,
    /// Frames one socket may send: a burst, then a steady rate. Beyond it frames are answered
    /// `rejected` with `rate_limited` and not handled.
    pub frames_per_connection: Bucket,
    /// Open sockets of one person (each tab holds one), and of everyone on this node.
    pub sockets_per_user: usize,
    pub sockets_total: usize,
}

impl Default for LimitRules {
    fn default() -> Self {
        Self {
            login_failures_per_account_and_client: Rule::new("login-pair", 5, 15 * MINUTE),
            login_failures_per_account: Rule::new("login-account", 20, 15 * MINUTE),
            login_failures_per_client: Rule::new("login-client", 30, HOUR),
            signups_per_client: Rule::new("signup-client", 20, HOUR),
            reset_requests_per_email: Rule::new("reset-email", 3, HOUR),
            reset_requests_per_client: Rule::new("reset-client", 10, HOUR),
            sends_per_user: Bucket::new("sends", 30, 5.0),
            uploads_per_user: Rule::new("uploads", 30, MINUTE),
            searches_per_user: Rule::new("searches", 120, MINUTE),
            opens_per_user: Rule::new("opens", 60, MINUTE),
            // A reconnecting tab sends a catch-up per open conversation at once: the burst is
            // generous, the steady rate is what bounds a flooding socket.
            frames_per_connection: Bucket::new("frames", 300, 20.0),
            sockets_per_user: 20,
            sockets_total: 10_000,
        }
    }
}
