//! The server under test: one or two `parley` processes on a fresh database (a SQLite file in a
//! temporary folder, or a new MariaDB database that is dropped afterwards), with every rate
//! limit raised far above the load so the benchmark measures delivery, not refusals.

use crate::{cpu_quota::CpuQuota, options::Options};
use std::{
    net::SocketAddr,
    process::{Child, Command, Stdio},
    time::{Duration, SystemTime},
};

/// The account `scripts/services` creates; it may create databases named `parley_test_*`.
const MARIADB_USER: &str = "parley";
const MARIADB_PASSWORD: &str = "parley";
const MARIADB_HOST: &str = "127.0.0.1";

pub struct Cluster {
    pub addrs: Vec<SocketAddr>,
    processes: Vec<Child>,
    cpu_quotas: Vec<CpuQuota>,
    data_dirs: Vec<tempfile::TempDir>,
    mariadb_database: Option<String>,
}

impl Cluster {
    pub async fn start(options: &Options, nodes: usize) -> Self {
        let unique = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            ^ u128::from(std::process::id());
        let unique = format!("{:x}", unique & 0xffff_ffff_ffff);
        let mut env: Vec<(String, String)> = [
            ("PARLEY_SIGNUPS_PER_HOUR", "1000000"),
            ("PARLEY_SENDS_PER_SECOND", "1000000"),
            ("PARLEY_SOCKET_FRAMES_PER_SECOND", "1000000"),
            ("PARLEY_SOCKETS_PER_USER", "100"),
            ("PARLEY_SOCKETS_TOTAL", "1000000"),
            (
                "PARLEY_JWT_SECRET",
                "the benchmark's own secret, same on every node",
            ),
            ("RUST_LOG", "warn"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut mariadb_database = None;
        if options.mariadb {
            let name = format!("parley_test_bench_{unique}");
            mariadb(&format!("CREATE DATABASE `{name}`"));
            env.push((
                "DATABASE_URL".into(),
                format!("mysql://{MARIADB_USER}:{MARIADB_PASSWORD}@{MARIADB_HOST}:3306/{name}"),
            ));
            mariadb_database = Some(name);
        }
        if nodes > 1 {
            let redis = std::env::var("PARLEY_REDIS_URL")
                .unwrap_or_else(|_| "redis://127.0.0.1:6379/".into());
            env.push(("PARLEY_REDIS_URL".into(), redis));
            env.push(("PARLEY_REDIS_NAMESPACE".into(), format!("bench_{unique}")));
        }
        let mut cluster = Self {
            addrs: vec![],
            processes: vec![],
            cpu_quotas: vec![],
            data_dirs: vec![],
            mariadb_database,
        };
        for _ in 0..nodes {
            cluster.start_node(options, &env).await;
        }
        cluster
    }

    async fn start_node(&mut self, options: &Options, env: &[(String, String)]) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let data_dir = tempfile::tempdir().expect("a temporary folder");
        let mut command = match &options.server_cpus {
            Some(cpus) => {
                let mut taskset = Command::new("taskset");
                taskset.args(["-c", cpus]).arg(&options.bin);
                taskset
            }
            None => Command::new(&options.bin),
        };
        let process = command
            // The server reads Leptos.toml from its working directory: the repository.
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("PARLEY_ADDR", format!("127.0.0.1:{port}"))
            .env("PARLEY_DATA_DIR", data_dir.path())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", options.bin.display()));
        if let Some(percent) = options.node_cpu_percent {
            let quota = CpuQuota::limit(process.id(), percent).unwrap_or_else(|e| panic!("{e}"));
            self.cpu_quotas.push(quota);
        }
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        for _ in 0..600 {
            if tokio::net::TcpStream::connect(addr).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.addrs.push(addr);
        self.processes.push(process);
        self.data_dirs.push(data_dir);
    }

    /// Runs SQL on the nodes' database with its command-line client.
    pub fn run_sql(&self, sql: &str) {
        let status = match &self.mariadb_database {
            Some(name) => mariadb_command().arg(name).args(["-e", sql]).status(),
            None => Command::new("sqlite3")
                .arg(self.data_dirs[0].path().join("parley.db"))
                .arg(sql)
                .status(),
        };
        assert!(
            status.is_ok_and(|s| s.success()),
            "the database's client could not run the SQL"
        );
    }

    /// Resident memory of node `index`, in KiB (Linux `/proc`).
    pub fn rss_kib(&self, index: usize) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.processes[index].id()))
                .unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for process in &mut self.processes {
            let _ = process.kill();
            let _ = process.wait();
        }
        // Only now that their processes are gone can the groups be removed.
        self.cpu_quotas.clear();
        if let Some(name) = &self.mariadb_database {
            mariadb(&format!("DROP DATABASE `{name}`"));
        }
    }
}

fn mariadb_command() -> Command {
    let mut command = Command::new("mariadb");
    command
        .args(["-h", MARIADB_HOST, "-u", MARIADB_USER])
        .arg(format!("-p{MARIADB_PASSWORD}"));
    command
}

fn mariadb(sql: &str) {
    let status = mariadb_command().args(["-e", sql]).status();
    if !status.is_ok_and(|s| s.success()) {
        panic!("mariadb could not run `{sql}` (is MariaDB up? scripts/services)");
    }
}
