//! Nodes dying mid-stream, as real processes killed with SIGKILL: robots (`robots.rs`) send
//! as fast as acknowledgements come back, and afterwards every acknowledged message is stored
//! exactly once, none twice, and every robot holds the database's messages in its order.
//! MariaDB only: several nodes refuse SQLite.

use crate::{
    cluster::{shared_redis_url, sign_up_accounts, spawn_nodes},
    helpers::{create_mysql_database, drop_mysql_database, Client},
    node_process::NodeProcess,
    robots::Robot,
};
use sea_orm::{ConnectionTrait, Database, Statement};
use std::{
    net::SocketAddr,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};
use tokio::task::JoinHandle;

const ROBOTS: usize = 50;
const MESSAGES_EACH: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_one_of_two_nodes_mid_stream_loses_and_doubles_nothing() {
    let mut nodes = spawn_nodes(1, &shared_redis_url(), |_| {}).await;
    let a = nodes.remove(0);
    let settings = a.state.settings.clone();
    let secret = settings.jwt_secret.as_ref().expect("a shared secret");
    let redis_url = settings.redis_url.as_ref().expect("Redis");
    let mut b = NodeProcess::start(&[
        ("DATABASE_URL", &settings.database_url),
        ("PARLEY_REDIS_URL", redis_url.expose()),
        ("PARLEY_REDIS_NAMESPACE", &settings.redis_namespace),
        ("PARLEY_JWT_SECRET", secret.expose()),
    ])
    .await;
    let cookies = sign_up_accounts(&a.client(), "robot", ROBOTS).await;
    // Half prefer node B, half node A; every robot falls back to the other.
    let (a_addr, b_addr) = (a.addr, b.addr);
    let routes = move |i: usize| match i % 2 {
        0 => vec![b_addr, a_addr],
        _ => vec![a_addr, b_addr],
    };
    let acked = Arc::new(AtomicUsize::new(0));
    let robots = start_robots(cookies, routes, acked.clone());
    wait_until_acked(&acked, random_moment()).await;
    b.kill9();
    let robots = finish(robots).await;
    assert!(
        robots.iter().any(|r| r.reconnects() > 0),
        "the node was killed while robots were connected to it"
    );
    check_against_database(&settings.database_url, &robots).await;
    a.teardown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_only_node_and_starting_it_again_loses_and_doubles_nothing() {
    let (database_url, database) = create_mysql_database().await;
    let mut node = NodeProcess::start(&[
        ("DATABASE_URL", &database_url),
        ("PARLEY_SIGNUPS_PER_HOUR", "100000"),
    ])
    .await;
    let cookies = sign_up_accounts(&Client::new_at(node.addr), "robot", ROBOTS).await;
    let addr = node.addr;
    let acked = Arc::new(AtomicUsize::new(0));
    let robots = start_robots(cookies, move |_| vec![addr], acked.clone());
    wait_until_acked(&acked, random_moment()).await;
    node.kill9();
    tokio::time::sleep(Duration::from_millis(500)).await;
    node.restart().await;
    let robots = finish(robots).await;
    assert!(
        robots.iter().all(|r| r.reconnects() > 0),
        "every robot lost its socket"
    );
    check_against_database(&database_url, &robots).await;
    drop(node);
    drop_mysql_database(&database).await;
}

/// Somewhere between the first tenth and the last quarter of the run.
fn random_moment() -> usize {
    let total = ROBOTS * MESSAGES_EACH;
    total / 10 + rand::random::<u64>() as usize % (total * 3 / 4 - total / 10)
}

type Running = Vec<JoinHandle<Result<Robot, String>>>;

fn start_robots(
    cookies: Vec<String>,
    routes: impl Fn(usize) -> Vec<SocketAddr>,
    acked: Arc<AtomicUsize>,
) -> Running {
    let total = (ROBOTS * MESSAGES_EACH) as i64;
    // Bounds on a hang, not a speed test: generous for a machine busy with other tests.
    let deadline = Instant::now() + Duration::from_secs(240);
    cookies
        .into_iter()
        .enumerate()
        .map(|(i, cookie)| {
            let robot = Robot::new(&format!("robot{i}"), cookie, routes(i), MESSAGES_EACH);
            tokio::spawn(robot.run(total, acked.clone(), deadline))
        })
        .collect()
}

async fn wait_until_acked(acked: &AtomicUsize, count: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.load(Ordering::Relaxed) < count {
        assert!(
            Instant::now() < deadline,
            "the robots stalled before the kill"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn finish(running: Running) -> Vec<Robot> {
    let mut robots = vec![];
    let mut failures = vec![];
    for handle in running {
        match handle.await.expect("a robot does not panic") {
            Ok(robot) => robots.push(robot),
            Err(failure) => failures.push(failure),
        }
    }
    assert!(
        failures.is_empty(),
        "robots failed:\n{}",
        failures.join("\n")
    );
    robots
}

/// Every robot's message stored once, nothing twice, and each robot holds exactly the stored
/// messages of the room, in the same order.
async fn check_against_database(database_url: &str, robots: &[Robot]) {
    let db = Database::connect(database_url).await.expect("the database");
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT seq, client_id, body FROM messages WHERE conversation_id = 1 ORDER BY seq",
        ))
        .await
        .expect("the room's messages");
    let stored: Vec<(i64, String, String)> = rows
        .iter()
        .map(|row| {
            (
                row.try_get("", "seq").unwrap(),
                row.try_get("", "client_id").unwrap(),
                row.try_get("", "body").unwrap(),
            )
        })
        .collect();
    assert_eq!(stored.len(), ROBOTS * MESSAGES_EACH, "every message stored");
    let mut bodies: Vec<&str> = stored.iter().map(|(_, _, body)| body.as_str()).collect();
    bodies.sort_unstable();
    bodies.dedup();
    assert_eq!(bodies.len(), stored.len(), "no message stored twice");
    for robot in robots {
        let held: Vec<(i64, &str)> = robot
            .held
            .values()
            .map(|m| (m.seq, m.body.as_str()))
            .collect();
        let expected: Vec<(i64, &str)> = stored
            .iter()
            .map(|(seq, _, body)| (*seq, body.as_str()))
            .collect();
        assert!(
            held == expected,
            "{} holds what the database holds",
            robot.name
        );
    }
}
