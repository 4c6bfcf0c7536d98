//! A server node as a real process of the test build's `parley` binary, configured by
//! environment variables as an operator would, so a test can kill it with SIGKILL mid-run.

use crate::local_ports::wait_until_listening;
use std::{
    net::SocketAddr,
    process::{Child, Command, Stdio},
    time::Duration,
};

pub struct NodeProcess {
    pub addr: SocketAddr,
    env: Vec<(String, String)>,
    process: Option<Child>,
    _data_dir: tempfile::TempDir,
}

impl NodeProcess {
    /// Starts a node on a free port with `env` (DATABASE_URL, PARLEY_REDIS_URL, …) and waits
    /// until it accepts connections.
    pub async fn start(env: &[(&str, &str)]) -> Self {
        let port = crate::local_ports::free_port();
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        env.push(("PARLEY_ADDR".into(), format!("127.0.0.1:{port}")));
        env.push((
            "PARLEY_DATA_DIR".into(),
            data_dir.path().display().to_string(),
        ));
        let mut node = Self {
            addr: ([127, 0, 0, 1], port).into(),
            env,
            process: None,
            _data_dir: data_dir,
        };
        node.restart().await;
        node
    }

    /// SIGKILL: no shutdown, no flush, connections reset, as when a machine dies.
    pub fn kill9(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }

    /// Starts the process again on the same port and waits until it accepts connections.
    pub async fn restart(&mut self) {
        // What answers there next must be this node: a server already on the port would look
        // like it, and the test would talk to another test's server.
        assert!(
            tokio::net::TcpStream::connect(self.addr).await.is_err(),
            "something already listens on {}, where this node is to start",
            self.addr
        );
        let process = Command::new(env!("CARGO_BIN_EXE_parley"))
            // Leptos.toml is read from the working directory.
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or("warn".into()),
            )
            // The node logs to standard output, at `warn` unless RUST_LOG says otherwise: kept
            // in the test command's output, so that a node's error in a failed run (a 500 once
            // seen in a sign-up here, likely from another test's server on a port handed out
            // twice, see `local_ports`) says what it was.
            .stdout(Stdio::inherit())
            .spawn()
            .expect("the parley binary starts");
        self.process = Some(process);
        assert!(
            wait_until_listening(self.addr, Duration::from_secs(30)).await,
            "the node did not listen on {} within 30 s",
            self.addr
        );
    }
}

impl NodeProcess {
    /// The process's resident memory in KiB (Linux `/proc`).
    pub fn rss_kib(&self) -> u64 {
        let pid = self.process.as_ref().expect("running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/PID/status")
    }
}

impl Drop for NodeProcess {
    fn drop(&mut self) {
        self.kill9();
    }
}
