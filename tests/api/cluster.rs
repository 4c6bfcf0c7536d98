//! Several nodes in one test: apps on one MariaDB database and one Redis namespace, each with
//! its own port, registry and data folder; and a private Redis process a test may stop.

use crate::helpers::{Backend, Client, TestApp, PASSWORD};
use parley::server::{
    config::{Secret, Settings},
    startup::Application,
};
use reqwest::StatusCode;
use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

/// The Redis `scripts/services` starts; `PARLEY_TEST_REDIS_URL` overrides.
pub fn shared_redis_url() -> String {
    std::env::var("PARLEY_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/".into())
}

/// Settings that make an app one node of a cluster on `redis_url`, in its own namespace.
pub fn as_node_of(redis_url: &str, namespace: &str) -> impl Fn(&mut Settings) + Clone {
    let (redis_url, namespace) = (redis_url.to_owned(), namespace.to_owned());
    move |settings: &mut Settings| {
        settings.redis_url = Some(Secret::new(redis_url.clone()));
        settings.redis_namespace = namespace.clone();
        settings.jwt_secret = Some(Secret::new("a test secret shared by every node".repeat(2)));
        settings.limits.signups_per_client.max = 100_000;
    }
}

/// `count` nodes on one fresh MariaDB database, sharing Redis at `redis_url`.
pub async fn spawn_nodes(
    count: usize,
    redis_url: &str,
    configure: impl Fn(&mut Settings) + Clone,
) -> Vec<TestApp> {
    let namespace = format!(
        "parley_test_{}",
        parley::validation::ClientId::random().as_str()
    );
    let node = as_node_of(redis_url, &namespace);
    let both = {
        let (node, configure) = (node.clone(), configure.clone());
        move |s: &mut Settings| {
            node(s);
            configure(s);
        }
    };
    let first = TestApp::spawn_with(Backend::MySql, both.clone()).await;
    let mut nodes = vec![];
    for _ in 1..count {
        nodes.push(another_node(&first, both.clone()).await);
    }
    nodes.insert(0, first);
    nodes
}

/// A node on `first`'s database (which `first.teardown()` drops).
async fn another_node(first: &TestApp, configure: impl FnOnce(&mut Settings)) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut settings = (*first.state.settings).clone();
    settings.data_dir = data_dir.path().to_path_buf();
    settings.leptos_options.site_addr = "127.0.0.1:0".parse().unwrap();
    configure(&mut settings);
    let app = Application::build(settings).await.expect("the node starts");
    let addr = app.local_addr();
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        addr,
        state,
        mysql_database: None,
        data_dir,
    }
}

impl Client {
    /// The same browser (same cookies) talking to another node, as behind a load balancer.
    pub fn at(&self, node: &TestApp) -> Client {
        self.at_addr(node.addr)
    }

    /// A new browser (no cookies) talking to the node at `addr`.
    pub fn new_at(addr: std::net::SocketAddr) -> Client {
        Client::browser(addr, [127, 0, 0, 1].into())
    }

    /// A new browser (no cookies) talking to the same node as this one.
    pub fn fresh(&self) -> Client {
        Client::new_at(self.addr)
    }

    /// The same browser talking to the node at `addr`.
    pub fn at_addr(&self, addr: std::net::SocketAddr) -> Client {
        Client {
            http: self.http.clone(),
            jar: self.jar.clone(),
            base: format!("http://{addr}"),
            addr,
        }
    }
}

/// A Redis server of one test's own, on a port of its own, that the test can stop and start.
pub struct PrivateRedis {
    port: u16,
    process: Option<Child>,
}

impl PrivateRedis {
    pub async fn start() -> Self {
        let port = crate::local_ports::free_port();
        let mut redis = Self {
            port,
            process: None,
        };
        redis.resume().await;
        redis
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (SIGKILL: connections break as in a crash).
    pub fn kill(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Starts the server again on the same port and waits until it answers.
    pub async fn resume(&mut self) {
        let process = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server is installed (scripts/setup)");
        self.process = Some(process);
        for _ in 0..100 {
            if redis_answers(self.port).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("redis-server did not start on port {}", self.port);
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        self.kill();
    }
}

async fn redis_answers(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    let mut reply = [0u8; 7];
    stream.write_all(b"PING\r\n").await.is_ok()
        && stream.read_exact(&mut reply).await.is_ok()
        && &reply == b"+PONG\r\n"
}

/// Signs up `count` accounts `{prefix}0`, `{prefix}1`, … through `client`'s node, each in a
/// browser of its own; their session cookies, in order.
pub async fn sign_up_accounts(client: &Client, prefix: &str, count: usize) -> Vec<String> {
    let mut cookies = vec![];
    for i in 0..count {
        let browser = client.fresh();
        let name = format!("{prefix}{i}");
        let response = browser
            .sign_up(&name, &format!("{name}@example.org"), PASSWORD)
            .await;
        assert_eq!(response.status(), StatusCode::OK, "sign-up of {name}");
        cookies.push(browser.cookie().expect("a session cookie"));
    }
    cookies
}
