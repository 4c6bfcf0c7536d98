//! Two nodes on one MariaDB and one Redis, as behind a load balancer: everything that reaches
//! sockets crosses from one node to the other. MariaDB only: several nodes refuse SQLite.

use crate::cluster::{as_node_of, shared_redis_url, spawn_nodes, PrivateRedis};
use crate::helpers::error_of;
use parley::{
    error::AppError,
    protocol::{ClientMsg, ServerMsg},
    server::{config::sqlite_url_in, startup::Application},
};
use reqwest::StatusCode;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_deletions_and_read_marks_cross_nodes() {
    let nodes = spawn_nodes(2, &shared_redis_url(), |_| {}).await;
    let (a, b) = (&nodes[0], &nodes[1]);
    let ann = a.user("ann").await;
    let bob = a.user("bob").await;
    let mut ann_on_a = ann.socket().await;
    let mut bob_on_b = bob.at(b).socket().await;
    let mut bob_on_a = bob.socket().await;

    let hello = ann_on_a.say("client-1", "hello from node A").await;
    for socket in [&mut bob_on_b, &mut bob_on_a] {
        assert_eq!(
            socket.recv().await,
            ServerMsg::Message {
                message: hello.clone()
            }
        );
    }

    let direct = ann.open_direct(bob.id().await).await;
    let private = ann_on_a.say_in(direct, "client-2", "just us").await;
    assert_eq!(
        bob_on_b.recv().await,
        ServerMsg::Message {
            message: private.clone()
        }
    );
    let _ = bob_on_a.recv().await;

    ann_on_a
        .send(&ClientMsg::Delete {
            conversation_id: direct,
            seq: private.seq,
        })
        .await;
    let ServerMsg::Deleted { message } = bob_on_b.recv().await else {
        panic!("the deletion crosses");
    };
    assert!(message.deleted && message.seq == private.seq);
    let _ = ann_on_a.recv().await;
    let _ = bob_on_a.recv().await;

    // Bob reads on node B: his tab on node A is told, and Ann on node A gets the receipt.
    bob_on_b
        .send(&ClientMsg::MarkRead {
            conversation_id: direct,
            seq: private.seq,
        })
        .await;
    assert_eq!(
        bob_on_a.recv().await,
        ServerMsg::Read {
            conversation_id: direct,
            seq: private.seq
        }
    );
    assert_eq!(
        ann_on_a.recv().await,
        ServerMsg::Seen {
            conversation_id: direct,
            seq: private.seq
        }
    );
    ann_on_a.expect_silence().await;

    for node in nodes {
        node.teardown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_on_one_node_closes_the_sessions_sockets_on_the_other() {
    let nodes = spawn_nodes(2, &shared_redis_url(), |_| {}).await;
    let (a, b) = (&nodes[0], &nodes[1]);
    let ann = a.user("ann").await;
    let mut ann_on_b = ann.at(b).socket().await;
    assert_eq!(ann.log_out().await.status(), StatusCode::OK);
    assert!(
        ann_on_b.is_closed_soon().await,
        "node B closed the ended session's socket"
    );
    for node in nodes {
        node.teardown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_count_on_every_node_together() {
    let nodes = spawn_nodes(2, &shared_redis_url(), |s| {
        s.limits.signups_per_client.max = 2;
    })
    .await;
    let (a, b) = (&nodes[0], &nodes[1]);
    a.user("ann").await;
    b.user("bob").await;
    let refused = a
        .client()
        .at(b)
        .sign_up("cid", "cid@example.org", crate::helpers::PASSWORD)
        .await;
    let (status, error) = error_of(refused).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(matches!(error, AppError::RateLimited { .. }), "{error:?}");
    for node in nodes {
        node.teardown().await;
    }
}

#[tokio::test]
async fn a_node_with_redis_refuses_to_start_on_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings =
        parley::server::config::Settings::from_file_text(include_str!("../../Leptos.toml"))
            .unwrap();
    settings.data_dir = dir.path().to_path_buf();
    settings.database_url = sqlite_url_in(dir.path());
    settings.leptos_options.site_addr = "127.0.0.1:0".parse().unwrap();
    as_node_of(&shared_redis_url(), "unused")(&mut settings);
    let error = Application::build(settings).await.err().expect("refused");
    assert!(error.to_string().contains("DATABASE_URL"), "{error}");
}

/// Redis killed mid-run: a message sent meanwhile is stored and acknowledged, the other node
/// closes its sockets (they catch up on reconnecting), and live delivery resumes once Redis
/// is back, with nothing lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_redis_is_down_messages_arrive_by_catch_up_then_live_again() {
    let mut redis = PrivateRedis::start().await;
    let nodes = spawn_nodes(2, &redis.url(), |_| {}).await;
    let (a, b) = (&nodes[0], &nodes[1]);
    let ann = a.user("ann").await;
    let bob = a.user("bob").await.at(b);
    let mut ann_on_a = ann.socket().await;
    let mut bob_on_b = bob.socket().await;
    let before = ann_on_a.say("client-1", "before").await;
    assert_eq!(
        bob_on_b.recv().await,
        ServerMsg::Message {
            message: before.clone()
        }
    );

    redis.kill();
    let wait = Duration::from_secs(10);
    assert!(
        bob_on_b.is_closed_within(wait).await,
        "node B resyncs its sockets"
    );
    assert!(ann_on_a.is_closed_within(wait).await, "and so does node A");
    let mut ann_on_a = ann.socket().await;
    let during = ann_on_a.say("client-2", "while Redis is down").await;
    assert_eq!(during.seq, before.seq + 1, "stored and acknowledged");
    let mut bob_on_b = bob.socket().await;
    bob_on_b
        .send(&ClientMsg::CatchUp {
            conversation_id: 1,
            after_change: before.change,
        })
        .await;
    let ServerMsg::CaughtUp { messages, .. } = bob_on_b.recv().await else {
        panic!("a catch-up answer");
    };
    assert_eq!(
        messages,
        vec![during.clone()],
        "the reader gets it by catch-up"
    );

    redis.resume().await;
    // Resubscribed, each node closes the sockets opened while it could not hear the others.
    assert!(bob_on_b.is_closed_within(wait).await);
    assert!(ann_on_a.is_closed_within(wait).await);
    let mut ann_on_a = ann.socket().await;
    let mut bob_on_b = bob.socket().await;
    let after = ann_on_a.say("client-3", "Redis is back").await;
    assert_eq!(after.seq, during.seq + 1);
    assert_eq!(
        bob_on_b.recv().await,
        ServerMsg::Message { message: after },
        "live again"
    );

    for node in nodes {
        node.teardown().await;
    }
}
