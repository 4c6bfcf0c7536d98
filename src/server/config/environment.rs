//! Settings from the environment, as an operator sets them (README, Configuration): each
//! variable overrides what Leptos.toml says, and a value that does not parse is refused at start.

use super::{sqlite_url_in, ConfigError, Secret, Settings, SmtpSettings, SmtpTls};
use crate::server::storage::ObjectStoreSettings;
use std::{path::PathBuf, time::Duration};

impl Settings {
    pub(super) fn apply_env(
        &mut self,
        var: impl Fn(&'static str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(dir) = var("PARLEY_DATA_DIR") {
            self.data_dir = PathBuf::from(dir);
            self.database_url = sqlite_url_in(&self.data_dir);
        }
        if let Some(url) = var("DATABASE_URL") {
            self.database_url = url;
        }
        if let Some(url) = var("PARLEY_REDIS_URL").filter(|url| !url.is_empty()) {
            self.redis_url = Some(Secret::new(url));
        }
        if let Some(namespace) = var("PARLEY_REDIS_NAMESPACE") {
            self.redis_namespace = namespace;
        }
        if let Some(endpoint) = var("PARLEY_S3_ENDPOINT") {
            let required = |name: &'static str| {
                var(name).ok_or(ConfigError::Env {
                    name,
                    reason: "must be set with PARLEY_S3_ENDPOINT".into(),
                })
            };
            self.object_store = Some(ObjectStoreSettings {
                endpoint,
                bucket: required("PARLEY_S3_BUCKET")?,
                region: var("PARLEY_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                access_key: required("PARLEY_S3_ACCESS_KEY")?,
                secret_key: Secret::new(required("PARLEY_S3_SECRET_KEY")?),
            });
        }
        if let Some(addr) = var("PARLEY_ADDR") {
            self.leptos_options.site_addr = parse_env("PARLEY_ADDR", &addr)?;
        }
        if let Some(secret) = var("PARLEY_JWT_SECRET") {
            if secret.len() < 32 {
                return Err(ConfigError::Env {
                    name: "PARLEY_JWT_SECRET",
                    reason: "must be at least 32 characters".into(),
                });
            }
            self.jwt_secret = Some(Secret::new(secret));
        }
        if let Some(days) = var("PARLEY_SESSION_DAYS") {
            let days: u64 = parse_env("PARLEY_SESSION_DAYS", &days)?;
            self.session_ttl = Duration::from_secs(days * 24 * 3600);
        }
        if let Some(secure) = var("PARLEY_COOKIE_SECURE") {
            self.cookie_secure = parse_env("PARLEY_COOKIE_SECURE", &secure)?;
        }
        if let Some(url) = var("PARLEY_PUBLIC_URL") {
            self.public_url = Some(url.trim_end_matches('/').to_owned());
        }
        if let Some(from) = var("PARLEY_MAIL_FROM") {
            self.mail_from = from;
        }
        self.apply_limit_env(&var)?;
        if let Some(host) = var("PARLEY_SMTP_HOST") {
            let tls: SmtpTls = match var("PARLEY_SMTP_TLS") {
                Some(tls) => parse_env("PARLEY_SMTP_TLS", &tls)?,
                None => SmtpTls::StartTls,
            };
            let port = match var("PARLEY_SMTP_PORT") {
                Some(port) => parse_env("PARLEY_SMTP_PORT", &port)?,
                None if tls == SmtpTls::Tls => 465,
                None => 587,
            };
            let login = var("PARLEY_SMTP_USERNAME").map(|user| {
                (
                    user,
                    Secret::new(var("PARLEY_SMTP_PASSWORD").unwrap_or_default()),
                )
            });
            self.smtp = Some(SmtpSettings {
                host,
                port,
                tls,
                login,
            });
        }
        Ok(())
    }

    /// The limits an operator is likely to want to change (the rest are in docs/security.md).
    fn apply_limit_env(
        &mut self,
        var: &impl Fn(&'static str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        let rules = &mut self.limits;
        let counts = [
            ("PARLEY_SIGNUPS_PER_HOUR", &mut rules.signups_per_client.max),
            (
                "PARLEY_LOGIN_FAILURES_PER_ACCOUNT",
                &mut rules.login_failures_per_account.max,
            ),
            (
                "PARLEY_LOGIN_FAILURES_PER_CLIENT",
                &mut rules.login_failures_per_client.max,
            ),
        ];
        for (name, max) in counts {
            if let Some(value) = var(name) {
                *max = parse_env(name, &value)?;
            }
        }
        let sockets = [
            ("PARLEY_SOCKETS_PER_USER", &mut rules.sockets_per_user),
            ("PARLEY_SOCKETS_TOTAL", &mut rules.sockets_total),
        ];
        for (name, max) in sockets {
            if let Some(value) = var(name) {
                *max = parse_env(name, &value)?;
            }
        }
        // Steady rates; the burst stays what the defaults allow, or six seconds' worth.
        let buckets = [
            ("PARLEY_SENDS_PER_SECOND", &mut rules.sends_per_user),
            (
                "PARLEY_SOCKET_FRAMES_PER_SECOND",
                &mut rules.frames_per_connection,
            ),
        ];
        for (name, bucket) in buckets {
            if let Some(value) = var(name) {
                let per_second: u32 = parse_env(name, &value)?;
                bucket.per_second = f64::from(per_second);
                bucket.capacity = bucket.capacity.max(per_second.saturating_mul(6));
            }
        }
        if let Some(slots) = var("PARLEY_PASSWORD_CHECKS") {
            self.password_slots = parse_env("PARLEY_PASSWORD_CHECKS", &slots)?;
        }
        Ok(())
    }
}

fn parse_env<T: std::str::FromStr>(name: &'static str, value: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| ConfigError::Env {
        name,
        reason: e.to_string(),
    })
}
