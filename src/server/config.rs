//! Settings come from `Leptos.toml` (site options and Parley's defaults), then environment
//! variables override them. The README lists every variable.

use crate::server::{limits::LimitRules, storage::ObjectStoreSettings};
use leptos::config::{get_config_from_str, LeptosOptions};
use serde::Deserialize;
use std::{net::SocketAddr, path::PathBuf, time::Duration};

pub const CONFIG_FILE: &str = "Leptos.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {CONFIG_FILE}: {0}")]
    File(#[from] std::io::Error),
    #[error("{CONFIG_FILE} is invalid: {0}")]
    Parse(String),
    #[error("environment variable {name} is invalid: {reason}")]
    Env { name: &'static str, reason: String },
    #[error("with PARLEY_REDIS_URL (several nodes), {0}")]
    Cluster(&'static str),
}

/// A secret that never appears in logs.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The `[parley]` table of Leptos.toml.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct FileSettings {
    data_dir: PathBuf,
    session_days: u64,
    socket_queue_frames: usize,
}

#[derive(Debug, Deserialize)]
struct FileRoot {
    parley: FileSettings,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub leptos_options: LeptosOptions,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// `None` means: use (or create) the secret file in `data_dir`.
    pub jwt_secret: Option<Secret>,
    pub session_ttl: Duration,
    /// Adds `Secure` to the session cookie even when no proxy says the request was https.
    pub cookie_secure: bool,
    /// Frames queued for one socket before it counts as too slow and is dropped.
    pub socket_queue_frames: usize,
    /// The address people reach Parley at, for links in emails. `None`: `http://{site_addr}`.
    /// Never taken from a request's Host header, which the requester controls.
    pub public_url: Option<String>,
    /// Where mail goes; `None` writes it to the outbox folder in the data directory.
    pub smtp: Option<SmtpSettings>,
    /// The From address of every email.
    pub mail_from: String,
    /// Every rate limit (docs/security.md).
    pub limits: LimitRules,
    /// Argon2 checks that may run at once (each holds 19 MiB and a core); default: the cores.
    pub password_slots: usize,
    /// How long a login or sign-up may wait for a free slot before it is answered 503.
    pub password_queue_wait: Duration,
    /// How long a client has to send a request's headers; also how long a keep-alive
    /// connection may sit idle.
    pub header_read_timeout: Duration,
    /// Several nodes: the Redis they share for fan-out and rate limits. `None`: one node.
    pub redis_url: Option<Secret>,
    /// Starts every Redis key and channel, so deployments (or test runs) sharing one Redis
    /// never see each other's frames or counts.
    pub redis_namespace: String,
    /// Media in an S3-compatible object store; `None`: in `data_dir/media`.
    pub object_store: Option<ObjectStoreSettings>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (required), usually port 587.
    StartTls,
    /// TLS from the first byte, usually port 465.
    Tls,
    /// No encryption: only for a relay on the same machine or in tests.
    None,
}

impl std::str::FromStr for SmtpTls {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "starttls" => Ok(Self::StartTls),
            "tls" => Ok(Self::Tls),
            "none" => Ok(Self::None),
            _ => Err("must be starttls, tls or none".into()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    /// Username and password, when the server wants a login.
    pub login: Option<(String, Secret)>,
}

impl Settings {
    /// Reads Leptos.toml from the working directory, then the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(CONFIG_FILE)?;
        let mut settings = Self::from_file_text(&text)?;
        settings.apply_env(|name| std::env::var(name).ok())?;
        Ok(settings)
    }

    pub fn from_file_text(text: &str) -> Result<Self, ConfigError> {
        let leptos_options =
            get_config_from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))?;
        let root: FileRoot = toml::from_str(text).map_err(|e| ConfigError::Parse(e.to_string()))?;
        let file = root.parley;
        Ok(Self {
            leptos_options,
            database_url: sqlite_url_in(&file.data_dir),
            data_dir: file.data_dir,
            jwt_secret: None,
            session_ttl: Duration::from_secs(file.session_days * 24 * 3600),
            cookie_secure: false,
            socket_queue_frames: file.socket_queue_frames,
            public_url: None,
            smtp: None,
            mail_from: "Parley <parley@localhost>".into(),
            limits: LimitRules::default(),
            password_slots: std::thread::available_parallelism().map_or(2, |n| n.get()),
            password_queue_wait: Duration::from_secs(2),
            header_read_timeout: Duration::from_secs(20),
            redis_url: None,
            redis_namespace: "parley".into(),
            object_store: None,
        })
    }

    fn apply_env(
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

    /// Several nodes must share everything a user's requests may touch on any of them: one
    /// database server (not a SQLite file per node) and one session key (not a key file per
    /// node). Refused at start rather than failing one request in N later.
    pub fn check_nodes_share_state(&self) -> Result<(), ConfigError> {
        if self.redis_url.is_none() {
            return Ok(());
        }
        if !self.database_url.starts_with("mysql://") {
            return Err(ConfigError::Cluster(
                "DATABASE_URL must name the MariaDB/MySQL server every node uses (mysql://…)",
            ));
        }
        if self.jwt_secret.is_none() {
            return Err(ConfigError::Cluster(
                "PARLEY_JWT_SECRET must be set, the same on every node",
            ));
        }
        Ok(())
    }

    /// The start of every link in an email, without a trailing slash.
    pub fn link_base(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.site_addr()))
    }

    pub fn site_addr(&self) -> SocketAddr {
        self.leptos_options.site_addr
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

/// The embedded default: a SQLite file in the data directory, created on first start.
pub fn sqlite_url_in(data_dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("parley.db").display())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Settings {
        Settings::from_file_text(include_str!("../../Leptos.toml")).unwrap()
    }

    #[test]
    fn the_shipped_file_defaults_to_sqlite_under_data() {
        let s = shipped();
        assert_eq!(s.database_url, "sqlite://data/parley.db?mode=rwc");
        assert_eq!(s.site_addr().to_string(), "127.0.0.1:3000");
        assert!(s.jwt_secret.is_none());
    }

    #[test]
    fn the_site_options_match_what_cargo_leptos_builds() {
        // cargo-leptos reads Cargo.toml; the server reads Leptos.toml. They must agree.
        let built = get_config_from_str(include_str!("../../Cargo.toml")).unwrap();
        let served = shipped().leptos_options;
        assert_eq!(built.output_name, served.output_name);
        assert_eq!(built.site_root, served.site_root);
        assert_eq!(built.site_pkg_dir, served.site_pkg_dir);
    }

    #[test]
    fn environment_variables_override_the_file() {
        let mut s = shipped();
        let env = |name: &str| match name {
            "DATABASE_URL" => Some("mysql://u:p@127.0.0.1/db".to_string()),
            "PARLEY_ADDR" => Some("0.0.0.0:8080".to_string()),
            "PARLEY_JWT_SECRET" => Some("x".repeat(40)),
            _ => None,
        };
        s.apply_env(env).unwrap();
        assert_eq!(s.database_url, "mysql://u:p@127.0.0.1/db");
        assert_eq!(s.site_addr().port(), 8080);
        assert!(s.jwt_secret.is_some());
    }

    #[test]
    fn the_operators_limits_come_from_the_environment() {
        let mut s = shipped();
        let env = |name: &str| match name {
            "PARLEY_SIGNUPS_PER_HOUR" => Some("5".to_string()),
            "PARLEY_SOCKETS_TOTAL" => Some("50000".to_string()),
            "PARLEY_PASSWORD_CHECKS" => Some("8".to_string()),
            "PARLEY_SENDS_PER_SECOND" => Some("1000".to_string()),
            _ => None,
        };
        s.apply_env(env).unwrap();
        assert_eq!(s.limits.sends_per_user.per_second, 1000.0);
        assert_eq!(s.limits.sends_per_user.capacity, 6000);
        assert_eq!(s.limits.signups_per_client.max, 5);
        assert_eq!(s.limits.sockets_total, 50_000);
        assert_eq!(s.password_slots, 8);
        let bad = |name: &str| (name == "PARLEY_SOCKETS_PER_USER").then(|| "many".to_string());
        assert!(shipped().apply_env(bad).is_err());
    }

    #[test]
    fn a_short_secret_is_refused() {
        let mut s = shipped();
        let env = |name: &str| (name == "PARLEY_JWT_SECRET").then(|| "short".to_string());
        assert!(s.apply_env(env).is_err());
    }

    #[test]
    fn several_nodes_need_one_database_server_and_one_session_key() {
        let with = |vars: &'static [(&'static str, &'static str)]| {
            let mut s = shipped();
            s.apply_env(|name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            })
            .unwrap();
            s.check_nodes_share_state()
        };
        const REDIS: (&str, &str) = ("PARLEY_REDIS_URL", "redis://127.0.0.1/");
        const MYSQL: (&str, &str) = ("DATABASE_URL", "mysql://u:p@127.0.0.1/db");
        const SECRET: (&str, &str) = (
            "PARLEY_JWT_SECRET",
            "0123456789012345678901234567890123456789",
        );
        assert!(with(&[]).is_ok(), "one node needs neither");
        let sqlite = with(&[REDIS, SECRET]).unwrap_err().to_string();
        assert!(sqlite.contains("DATABASE_URL"), "{sqlite}");
        let no_secret = with(&[REDIS, MYSQL]).unwrap_err().to_string();
        assert!(no_secret.contains("PARLEY_JWT_SECRET"), "{no_secret}");
        assert!(with(&[REDIS, MYSQL, SECRET]).is_ok());
    }

    #[test]
    fn an_object_store_needs_its_bucket_and_credentials() {
        let endpoint_only = |name: &str| {
            (name == "PARLEY_S3_ENDPOINT").then(|| "http://127.0.0.1:9000".to_string())
        };
        let error = shipped().apply_env(endpoint_only).unwrap_err().to_string();
        assert!(error.contains("PARLEY_S3_BUCKET"), "{error}");
        let mut s = shipped();
        s.apply_env(|name| match name {
            "PARLEY_S3_ENDPOINT" => Some("http://127.0.0.1:9000".into()),
            "PARLEY_S3_BUCKET" => Some("media".into()),
            "PARLEY_S3_ACCESS_KEY" => Some("key".into()),
            "PARLEY_S3_SECRET_KEY" => Some("secret".into()),
            _ => None,
        })
        .unwrap();
        let store = s.object_store.expect("configured");
        assert_eq!(
            (store.bucket.as_str(), store.region.as_str()),
            ("media", "us-east-1")
        );
    }
}
