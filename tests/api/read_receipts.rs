//! Read receipts: in a direct conversation the other person is told how far one has read,
//! while both have receipts on and neither blocked the other; never in the room.

use crate::helpers::{Client, Socket, TestApp};
use parley::protocol::{ClientMsg, ServerMsg, GLOBAL_CONVERSATION_ID};
use reqwest::StatusCode;

pub(crate) async fn set_receipts(client: &Client, enabled: bool) {
    let response = client
        .post_form(
            "/api/account/read_receipts",
            &[("enabled", &enabled.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn peer_read(client: &Client, conversation_id: i64) -> Option<i64> {
    client
        .inbox_line(conversation_id)
        .await
        .expect("in the list")
        .peer_read_seq
}

/// Marks read and waits for the reader's own `read` answer.
pub(crate) async fn read_up_to(socket: &mut Socket, conversation_id: i64, seq: i64) {
    socket
        .send(&ClientMsg::MarkRead {
            conversation_id,
            seq,
        })
        .await;
    match socket.recv().await {
        ServerMsg::Read { seq: read, .. } => assert_eq!(read, seq),
        other => panic!("expected read, got {other:?}"),
    }
}

on_both_databases!(
    the_other_person_sees_how_far_one_has_read,
    receipts_off_work_both_ways_and_a_block_stops_them
);

async fn the_other_person_sees_how_far_one_has_read(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    let mut cat_tab = cat.socket().await;
    let sent = ann_tab
        .say_in(id, "receipt-0001", "did you read this?")
        .await;
    bob_tab.recv().await;
    assert_eq!(peer_read(&ann, id).await, Some(0));

    read_up_to(&mut bob_tab, id, sent.seq).await;
    match ann_tab.recv().await {
        ServerMsg::Seen {
            conversation_id,
            seq,
        } => assert_eq!((conversation_id, seq), (id, sent.seq)),
        other => panic!("expected seen, got {other:?}"),
    }
    assert_eq!(peer_read(&ann, id).await, Some(sent.seq));
    cat_tab.expect_silence().await;
    // Marking the same again moves nothing and tells nobody.
    read_up_to(&mut bob_tab, id, sent.seq).await;
    ann_tab.expect_silence().await;

    // The room has no receipts.
    let room = cat_tab.say("receipt-0002", "room message").await;
    ann_tab.recv().await;
    bob_tab.recv().await;
    read_up_to(&mut bob_tab, GLOBAL_CONVERSATION_ID, room.seq).await;
    ann_tab.expect_silence().await;
    cat_tab.expect_silence().await;
    assert_eq!(peer_read(&ann, GLOBAL_CONVERSATION_ID).await, None);
}

async fn receipts_off_work_both_ways_and_a_block_stops_them(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let bob_id = bob.id().await;
    let id = ann.open_direct(bob_id).await;
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;

    // Bob turns his off: Ann is not told he read, and Bob sees no one's.
    set_receipts(&bob, false).await;
    let first = ann_tab.say_in(id, "receipt-0003", "first").await;
    bob_tab.recv().await;
    read_up_to(&mut bob_tab, id, first.seq).await;
    ann_tab.expect_silence().await;
    assert_eq!(peer_read(&ann, id).await, None);
    let reply = bob_tab.say_in(id, "receipt-0004", "reply").await;
    ann_tab.recv().await;
    read_up_to(&mut ann_tab, id, reply.seq).await;
    bob_tab.expect_silence().await;
    assert_eq!(peer_read(&bob, id).await, None);

    // On again: receipts flow.
    set_receipts(&bob, true).await;
    let second = ann_tab.say_in(id, "receipt-0005", "second").await;
    bob_tab.recv().await;
    read_up_to(&mut bob_tab, id, second.seq).await;
    assert!(matches!(ann_tab.recv().await, ServerMsg::Seen { .. }));

    // A block (either way) stops them.
    let blocked = ann
        .post_form(
            "/api/chat/block",
            &[("user_id", &bob_id.to_string()), ("blocked", "true")],
        )
        .await;
    assert_eq!(blocked.status(), StatusCode::OK);
    assert_eq!(peer_read(&ann, id).await, None);
    assert_eq!(peer_read(&bob, id).await, None);
    let third = bob_tab.say_in(id, "receipt-0006", "third, withheld").await;
    ann_tab.recv().await;
    // Ann's position moved past the withheld message by itself: Bob must not see it "Seen".
    bob_tab.expect_silence().await;
    let _ = third;

    // The setting needs a session and a readable value.
    let (status, _) = crate::helpers::error_of(
        app.client()
            .post_form("/api/account/read_receipts", &[("enabled", "false")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = crate::helpers::error_of(
        ann.post_form("/api/account/read_receipts", &[("enabled", "maybe")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
