//! Online password guessing. Three limits on failed logins, checked before the password is
//! (so a refused guess costs no Argon2 work) and counted only when the password was wrong:
//! per account and client address, per account from anywhere, and per client address. A
//! browser that has logged into the account before skips the per-account limit, so guesses
//! sprayed from many addresses slow the attacker down without locking the owner out.

use crate::{
    error::AppError,
    server::{limits, state::AppState},
};
use std::net::IpAddr;

/// Usernames are at most 32 characters; anything longer is cut so keys stay small.
const MAX_ACCOUNT_KEY: usize = 64;

pub struct LoginAttempt {
    /// The username as typed, trimmed and lower-cased: unknown names are limited the same way
    /// as real ones, so the limits tell nobody which accounts exist.
    account: String,
    client: String,
    known_device: bool,
}

impl LoginAttempt {
    /// `device_account` is the account named by the browser's known-device cookie, if any.
    pub fn new(username: &str, client: IpAddr, device_account: Option<String>) -> Self {
        let account: String = username
            .trim()
            .to_lowercase()
            .chars()
            .take(MAX_ACCOUNT_KEY)
            .collect();
        let known_device = device_account.is_some_and(|known| known == account);
        Self {
            account,
            client: client_key(client),
            known_device,
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// Refuses the attempt when one of its limits is used up.
    pub async fn check(&self, state: &AppState) -> Result<(), AppError> {
        let rules = &state.settings.limits;
        let store = state.limits.as_ref();
        limits::check(
            store,
            &rules.login_failures_per_account_and_client,
            &self.pair(),
        )
        .await?;
        limits::check(store, &rules.login_failures_per_client, &self.client).await?;
        if !self.known_device {
            limits::check(store, &rules.login_failures_per_account, &self.account).await?;
        }
        Ok(())
    }

    /// Counts a wrong password against every limit that applies.
    pub async fn failed(&self, state: &AppState) {
        let rules = &state.settings.limits;
        let store = state.limits.as_ref();
        let pair = self.pair();
        let _ = store
            .hit(&rules.login_failures_per_account_and_client, &pair)
            .await;
        let _ = store
            .hit(&rules.login_failures_per_client, &self.client)
            .await;
        if !self.known_device {
            let _ = store
                .hit(&rules.login_failures_per_account, &self.account)
                .await;
        }
        tracing::info!(client = %self.client, "failed login");
    }

    fn pair(&self) -> String {
        format!("{}|{}", self.account, self.client)
    }
}

/// The key for a client address. One IPv6 host usually holds a whole /64, so that is what
/// counts as one client; an IPv4 address is itself.
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_its_64_bit_prefix() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_eq!(client_key("::ffff:10.0.0.1".parse().unwrap()), "10.0.0.1");
        assert_eq!(client_key("10.0.0.1".parse().unwrap()), "10.0.0.1");
    }

    #[test]
    fn a_device_cookie_counts_only_for_its_own_account() {
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(LoginAttempt::new(" Ann ", ip, Some("ann".into())).known_device);
        assert!(!LoginAttempt::new("bob", ip, Some("ann".into())).known_device);
        assert!(!LoginAttempt::new("ann", ip, None).known_device);
    }
}
