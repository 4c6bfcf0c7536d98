//! Settings come from `Leptos.toml` (site options and Parley's defaults), then environment
//! variables override them. The README lists every variable.

use crate::server::{limits::LimitRules, storage::ObjectStoreSettings};
use leptos::config::{get_config_from_str, LeptosOptions};
use serde::Deserialize;
use std::{net::SocketAddr, path::PathBuf, time::Duration};

mod environment;

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
    /// How long a page (a `GET` the app renders) may take to begin its answer before it is
    /// answered with an error instead (`server::page_deadline`).
    pub page_deadline: Duration,
    /// Several nodes: the Redis they share for fan-out and rate limits. `None`: one node.
    pub redis_url: Option<Secret>,
    /// Starts every Redis key and channel, so deployments (or test runs) sharing one Redis
    /// never see each other's frames or counts.
    pub redis_namespace: String,
    /// How long someone whose last socket closed still shows as online (a reload must not
    /// show them offline and back).
    pub presence_grace: Duration,
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
            page_deadline: Duration::from_secs(30),
            redis_url: None,
            redis_namespace: "parley".into(),
            presence_grace: crate::server::presence::DEFAULT_GRACE,
            object_store: None,
        })
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

/// The embedded default: a SQLite file in the data directory, created on first start.
pub fn sqlite_url_in(data_dir: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("parley.db").display())
}

#[cfg(test)]
mod tests;
