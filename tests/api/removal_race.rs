//! A member removed while a message is being stored: the message is either before the removal
//! (and reaches them, as everything before it did) or after it (and does not). The batch writer
//! decides who is told under the same lock that gives the message its place, so it cannot place
//! a message after a removal and still tell the removed member.

use crate::groups;
use crate::helpers::TestApp;
use parley::protocol::ServerMsg;
use sea_orm::{ConnectionTrait, TransactionTrait};
use std::time::Duration;

on_both_databases!(a_message_stored_after_a_removal_never_reaches_the_removed_member);

async fn a_message_stored_after_a_removal_never_reaches_the_removed_member(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let bob_id = bob.id().await;
    let group = groups::create(&ann, "Quiet", &[bob_id]).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;

    // A removal in flight: Bob's membership is gone and the conversation's row is held (as
    // a removal's event line holds it), not yet committed.
    let removal = app.state.db.begin().await.unwrap();
    removal
        .execute_unprepared(&format!(
            "DELETE FROM members WHERE conversation_id = {group} AND user_id = {bob_id}"
        ))
        .await
        .unwrap();
    removal
        .execute_unprepared(&format!(
            "UPDATE conversations SET last_change = last_change + 1 WHERE id = {group}"
        ))
        .await
        .unwrap();

    // Ann writes meanwhile; her message waits for the row, then comes after the removal.
    ann_socket
        .send_message(group, "after-0001", "not for bob", None)
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    removal.commit().await.unwrap();

    match ann_socket.recv().await {
        ServerMsg::Ack { message, .. } => assert_eq!(message.body, "not for bob"),
        other => panic!("expected the ack, got {other:?}"),
    }
    bob_socket.expect_silence().await;
}
