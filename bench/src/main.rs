//! `parley-bench`: starts Parley nodes (the release binary) on SQLite or MariaDB, one node or
//! two through Redis, and prints what `docs/performance.md` records. `scripts/bench` runs it
//! with the server and the load on different cores. `parley-bench --help` lists the options.

mod accounts;
mod bundle;
mod cpu_quota;
mod history;
mod idle;
mod nodes;
mod options;
mod percentiles;
mod socket;
mod sweep;

use options::Options;

#[tokio::main]
async fn main() {
    let options = match Options::from_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n\n{}", options::USAGE);
            std::process::exit(2);
        }
    };
    println!("{}", options.describe());
    if let Some(wasm) = &options.wasm {
        bundle::report(wasm);
    }
    if options.idle_sockets > 0 {
        idle::run(&options).await;
    }
    if options.history_messages > 0 {
        history::run(&options).await;
    }
    if options.clients > 0 {
        sweep::run(&options).await;
    }
}
