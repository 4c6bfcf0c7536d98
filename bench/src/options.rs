//! Command-line options, each with the default `docs/performance.md` was measured with.

use std::path::PathBuf;

pub const USAGE: &str = "\
usage: parley-bench [--bin PATH] [--db sqlite|mariadb] [--nodes 1|2] [--clients N]
                    [--senders S] [--start-rate R] [--factor F] [--step-secs T] [--max-rate R]
                    [--idle-sockets N] [--history-messages N] [--wasm PATH]
                    [--server-cpus LIST] [--node-cpu-percent P]

  --bin           the parley server binary (default: $PARLEY_BIN, or the release build)
  --db            the database the nodes share (default sqlite; two nodes need mariadb)
  --nodes         1, or 2 sharing Redis at $PARLEY_REDIS_URL (default redis://127.0.0.1:6379/)
  --clients       sockets in the global room for the rate sweep (default 200; 0 skips it)
  --senders       how many of them send (default 10)
  --start-rate    messages per second in the first step (default 40)
  --factor        each step's rate is the last one's times this (default 1.6)
  --step-secs     seconds per step (default 5)
  --max-rate      stop before a step above this rate (default 100000)
  --idle-sockets  open this many idle sockets and report server memory per socket (default 0)
  --history-messages  fill the room with N messages and time its newest page (default 0)
  --wasm          report this wasm file's size, raw and gzipped
  --server-cpus   run the server pinned to these cores with taskset (default: not pinned)
  --node-cpu-percent  limit each node to P% of one core (cgroup v1, root), so one node and
                  two compare as one and two equal machines (default: no limit)";

#[derive(Debug, Clone)]
pub struct Options {
    pub bin: PathBuf,
    pub mariadb: bool,
    pub nodes: usize,
    pub clients: usize,
    pub senders: usize,
    pub start_rate: f64,
    pub factor: f64,
    pub step_secs: u64,
    pub max_rate: f64,
    pub idle_sockets: usize,
    pub history_messages: usize,
    pub wasm: Option<PathBuf>,
    pub server_cpus: Option<String>,
    pub node_cpu_percent: Option<u64>,
}

impl Options {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let default_bin = std::env::var("PARLEY_BIN").unwrap_or_else(|_| {
            let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
            format!("{target}/release/parley")
        });
        let mut options = Self {
            bin: default_bin.into(),
            mariadb: false,
            nodes: 1,
            clients: 200,
            senders: 10,
            start_rate: 40.0,
            factor: 1.6,
            step_secs: 5,
            max_rate: 100_000.0,
            idle_sockets: 0,
            history_messages: 0,
            wasm: None,
            server_cpus: None,
            node_cpu_percent: None,
        };
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                return Err("Measures a Parley server.".into());
            }
            let value = args.next().ok_or(format!("{flag} needs a value"))?;
            let number = |v: &str| {
                v.parse::<f64>()
                    .map_err(|_| format!("{flag}: not a number"))
            };
            match flag.as_str() {
                "--bin" => options.bin = value.into(),
                "--db" => {
                    options.mariadb = match value.as_str() {
                        "sqlite" => false,
                        "mariadb" | "mysql" => true,
                        _ => return Err("--db is sqlite or mariadb".into()),
                    }
                }
                "--nodes" => options.nodes = number(&value)? as usize,
                "--clients" => options.clients = number(&value)? as usize,
                "--senders" => options.senders = number(&value)? as usize,
                "--start-rate" => options.start_rate = number(&value)?,
                "--factor" => options.factor = number(&value)?,
                "--step-secs" => options.step_secs = number(&value)? as u64,
                "--max-rate" => options.max_rate = number(&value)?,
                "--idle-sockets" => options.idle_sockets = number(&value)? as usize,
                "--history-messages" => options.history_messages = number(&value)? as usize,
                "--wasm" => options.wasm = Some(value.into()),
                "--server-cpus" => options.server_cpus = Some(value),
                "--node-cpu-percent" => options.node_cpu_percent = Some(number(&value)? as u64),
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        if !(1..=2).contains(&options.nodes) {
            return Err("--nodes is 1 or 2".into());
        }
        if options.nodes == 2 && !options.mariadb {
            return Err("two nodes need --db mariadb (nodes refuse to share a SQLite file)".into());
        }
        if options.clients > 0 && (options.senders == 0 || options.senders > options.clients) {
            return Err("--senders must be between 1 and --clients".into());
        }
        if options
            .node_cpu_percent
            .is_some_and(|p| !(1..=100).contains(&p))
        {
            return Err("--node-cpu-percent is between 1 and 100".into());
        }
        if options.factor <= 1.0 || options.start_rate <= 0.0 {
            return Err("--factor must be over 1 and --start-rate over 0".into());
        }
        Ok(options)
    }

    pub fn describe(&self) -> String {
        format!(
            "parley-bench: {} node(s) on {}, server {}{}{}",
            self.nodes,
            if self.mariadb { "MariaDB" } else { "SQLite" },
            self.bin.display(),
            self.server_cpus
                .as_ref()
                .map(|cpus| format!(" pinned to cores {cpus}"))
                .unwrap_or_default(),
            self.node_cpu_percent
                .map(|p| format!(", each node limited to {p}% of a core"))
                .unwrap_or_default()
        )
    }
}
