//! The real server on port 0 with a fresh database of its own, and the people it serves.

use parley::server::{
    config::{sqlite_url_in, Settings},
    startup::Application,
    state::AppState,
};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database};
use std::net::SocketAddr;

use super::{Client, PASSWORD};

#[derive(Clone, Copy)]
pub enum Backend {
    Sqlite,
    MySql,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub(crate) mysql_database: Option<String>,
    pub(crate) data_dir: tempfile::TempDir,
}

/// The MariaDB server and account `scripts/services` sets up; `PARLEY_TEST_MYSQL_URL` overrides.
fn mysql_server_url() -> String {
    std::env::var("PARLEY_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://parley:parley@127.0.0.1:3306".into())
}

/// A fresh, empty MariaDB database: its URL and name.
pub(crate) async fn create_mysql_database() -> (String, String) {
    let name = format!(
        "parley_test_{}",
        parley::validation::ClientId::random().as_str()
    );
    let server = mysql_server_url();
    let admin = Database::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("MariaDB must be reachable at {server}: {e}"));
    admin
        .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
        .await
        .expect("create test database");
    (format!("{server}/{name}"), name)
}

pub(crate) async fn drop_mysql_database(name: &str) {
    if let Ok(admin) = Database::connect(&mysql_server_url()).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE `{name}`"))
            .await;
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like `spawn`, with `configure` changing the settings before the app starts.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> Self {
        // The server's log, shown with a failing test's output when RUST_LOG asks for it.
        if std::env::var_os("RUST_LOG").is_some() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
                .with_test_writer()
                .try_init();
        }
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, mysql_database) = match backend {
            Backend::Sqlite => (sqlite_url_in(data_dir.path()), None),
            Backend::MySql => {
                let (url, name) = create_mysql_database().await;
                (url, Some(name))
            }
        };
        let mut settings =
            Settings::from_file_text(include_str!("../../../Leptos.toml")).expect("Leptos.toml");
        settings.database_url = database_url;
        settings.data_dir = data_dir.path().to_path_buf();
        settings.leptos_options.site_addr = "127.0.0.1:0".parse().unwrap();
        // The build's hash.txt sits beside the release binary, not beside the test binary.
        settings.leptos_options.hash_files = false;
        // Every test signs its users up from 127.0.0.1; the limit's own test sets it back.
        settings.limits.signups_per_client.max = 100_000;
        configure(&mut settings);
        let app = Application::build(settings).await.expect("the app starts");
        let addr = app.local_addr();
        let state = app.state.clone();
        tokio::spawn(app.run_until_stopped());
        Self {
            addr,
            state,
            mysql_database,
            data_dir,
        }
    }

    pub async fn teardown(self) {
        if let Some(name) = &self.mysql_database {
            drop_mysql_database(name).await;
        }
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self.data_dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn client(&self) -> Client {
        self.client_from("127.0.0.1")
    }

    /// A client whose connections come from `ip`, another address of the loopback range
    /// (127.0.0.2, …): for limits that count per client address.
    pub fn client_from(&self, ip: &str) -> Client {
        Client::browser(self.addr, ip.parse().expect("an IP address"))
    }

    /// A client already signed up as `name` (email `name@example.org`, password `PASSWORD`).
    pub async fn user(&self, name: &str) -> Client {
        let client = self.client();
        let response = client
            .sign_up(name, &format!("{name}@example.org"), PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "sign-up of {name} failed"
        );
        client
    }
}
