//! Two things told at once about the same person arrive in the order of what they say: a
//! conversation coming back into Ann's list (whose retold presence was read while she was
//! offline) and her socket opening a moment later. Bob must be left seeing her online.
//!
//! MariaDB only: the moment is made long by holding the `presence` table with `LOCK TABLES`
//! while both are being worked out; SQLite lets readers through any lock.

use crate::helpers::{within_time_limit, Backend, TestApp};
use parley::protocol::{PresenceView, ServerMsg};
use sea_orm::{ConnectionTrait, TransactionTrait};
use std::time::Duration;

/// Without the order each round is about even odds, so a handful of rounds catches it.
const ROUNDS: usize = 5;
const GRACE: Duration = Duration::from_millis(200);
/// Long enough for the server to have read what it reads before it waits on the lock.
const SETTLE: Duration = Duration::from_millis(300);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retell_read_before_someone_came_online_never_lands_after_their_online() {
    let app = TestApp::spawn_with(Backend::MySql, |s| s.presence_grace = GRACE).await;
    within_time_limit(rounds(&app)).await;
    app.teardown().await;
}

async fn rounds(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let (ann_id, bob_id) = (ann.id().await, bob.id().await);
    // In Bob's list only: Ann's opening it is what brings it into hers.
    let id = bob.open_direct(ann_id).await;
    let mut bob_tab = bob.socket().await.hearing_presence();

    for round in 0..ROUNDS {
        let lock = app.state.db.begin().await.unwrap();
        lock.execute_unprepared("LOCK TABLES presence WRITE")
            .await
            .unwrap();
        let (opened, ann_tab) = tokio::join!(ann.open_direct(bob_id), async {
            // Her opening has read that she is offline and waits on the table; then her tab
            // opens, and its "online" waits on the table too.
            tokio::time::sleep(SETTLE).await;
            let tab = ann.socket().await;
            tokio::time::sleep(SETTLE).await;
            lock.execute_unprepared("UNLOCK TABLES").await.unwrap();
            lock.commit().await.unwrap();
            tab
        });
        assert_eq!(opened, id);

        let mut last = None;
        while let Ok(frame) = tokio::time::timeout(SETTLE * 2, bob_tab.recv()).await {
            match frame {
                ServerMsg::Presence { user_id, presence } if user_id == ann_id => last = presence,
                other => panic!("round {round}: expected presence, got {other:?}"),
            }
        }
        assert_eq!(
            last,
            Some(PresenceView::ONLINE),
            "round {round}: Bob is left seeing Ann as she was before her tab opened"
        );

        // Out of her list and offline again, for the next round.
        let hidden = ann.hide(id).await;
        assert!(hidden.status().is_success());
        ann_tab.close().await;
        tokio::time::sleep(GRACE * 3).await;
        while tokio::time::timeout(SETTLE, bob_tab.recv()).await.is_ok() {}
    }
}
