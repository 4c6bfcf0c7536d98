//! Presence across two nodes: someone is online while any node has a socket of theirs, and a
//! list read on one node sees people connected to the other. MariaDB and Redis, as in
//! `several_nodes`.

use crate::cluster::{shared_redis_url, spawn_nodes};
use parley::protocol::{PresenceView, ServerMsg};
use std::time::Duration;

const GRACE: Duration = Duration::from_millis(300);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_is_online_while_any_node_has_their_socket() {
    let nodes = spawn_nodes(2, &shared_redis_url(), |s| s.presence_grace = GRACE).await;
    let (a, b) = (&nodes[0], &nodes[1]);
    let ann = a.user("ann").await;
    let bob = a.user("bob").await;
    let ann_id = ann.id().await;
    let bob_at_b = bob.at(b);
    let mut bob_on_b = bob_at_b.socket().await.hearing_presence();
    // Bob listens before the conversation is in Ann's list: what he is told when it comes in
    // crosses from node A through Redis, and a socket opened after it was sent could still
    // get it, ahead of Ann's coming online.
    let id = bob.open_direct_in_both_lists(&ann).await;
    assert_eq!(
        bob_on_b.recv().await,
        ServerMsg::Presence {
            user_id: ann_id,
            presence: Some(PresenceView::offline(None))
        },
        "Ann has never been online"
    );

    let ann_on_a = ann.socket().await;
    assert_eq!(
        bob_on_b.recv().await,
        ServerMsg::Presence {
            user_id: ann_id,
            presence: Some(PresenceView::ONLINE)
        }
    );
    // Bob's list, read on node B, knows that Ann is connected to node A.
    let listed = bob_at_b.inbox().await;
    let line = listed.iter().find(|c| c.id == id).expect("in the list");
    assert_eq!(line.peer_presence, Some(PresenceView::ONLINE));

    // Ann opens a tab on node B too (nothing new to tell), then closes the one on node A:
    // she is still online.
    let ann_on_b = ann.at(b).socket().await;
    ann_on_a.close().await;
    tokio::time::sleep(GRACE * 3).await;
    bob_on_b.expect_silence().await;

    ann_on_b.close().await;
    match bob_on_b.recv().await {
        ServerMsg::Presence {
            user_id,
            presence: Some(presence),
        } => {
            assert_eq!(user_id, ann_id);
            assert!(!presence.online && presence.last_seen_ms.is_some());
        }
        other => panic!("expected Ann offline, got {other:?}"),
    }
    for node in nodes {
        node.teardown().await;
    }
}
