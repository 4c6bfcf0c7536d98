//! Sends that arrive together are stored together (one transaction per batch, `send_queue`):
//! each keeps its own outcome, a refused or repeated one costs no seq, and readers get them in
//! seq order without a gap.

use crate::helpers::{say, without_rate_limits, Socket, TestApp};
use parley::{
    error::AppError,
    protocol::{MessageView, ServerMsg},
};

const SENDERS: usize = 12;

on_both_databases!(
    configure(without_rate_limits),
    sends_stored_in_one_batch_keep_their_own_outcomes
);

async fn sends_stored_in_one_batch_keep_their_own_outcomes(app: &TestApp) {
    let mut reader = app.user("reader").await.socket().await;
    let mut senders = Vec::new();
    for i in 0..SENDERS {
        senders.push(app.user(&format!("sender{i}")).await.socket().await);
    }
    // Two tabs of one user resending the same message, and an outsider writing into a
    // direct conversation it is not in, all in the same burst as the others.
    let twin = app.user("twin").await;
    let (mut twin_a, mut twin_b) = (twin.socket().await, twin.socket().await);
    let ann = app.user("ann").await;
    let direct = ann.open_direct(app.user("bob").await.id().await).await;
    let mut outsider = app.user("eve").await.socket().await;

    for (i, socket) in senders.iter_mut().enumerate() {
        socket
            .send(&say(&format!("burst-{i:04}"), &format!("burst {i}")))
            .await;
    }
    twin_a.send(&say("twin-0000001", "once")).await;
    twin_b.send(&say("twin-0000001", "once")).await;
    outsider
        .send_message(direct, "eve-00000001", "let me in", None)
        .await;

    let mut acked = Vec::new();
    for (i, socket) in senders.iter_mut().enumerate() {
        let message = ack_of(socket, &format!("burst-{i:04}")).await;
        assert_eq!(message.body, format!("burst {i}"));
        acked.push(message.seq);
    }
    let (first, second) = (
        ack_of(&mut twin_a, "twin-0000001").await,
        ack_of(&mut twin_b, "twin-0000001").await,
    );
    assert_eq!(
        first, second,
        "both tabs are told about the one stored message"
    );
    acked.push(first.seq);
    loop {
        match outsider.recv().await {
            ServerMsg::Rejected { error, .. } => break assert_eq!(error, AppError::NotFound),
            ServerMsg::Message { .. } => {}
            other => panic!("expected the outsider's send refused, got {other:?}"),
        }
    }

    acked.sort();
    let expected: Vec<i64> = (1..=acked.len() as i64).collect();
    assert_eq!(
        acked, expected,
        "every stored message took the next seq, no gap, none twice"
    );
    let mut seen = Vec::new();
    while seen.len() < expected.len() {
        if let ServerMsg::Message { message } = reader.recv().await {
            seen.push(message.seq);
        }
    }
    assert_eq!(
        seen, expected,
        "the reader gets each message once, in seq order"
    );
    reader.expect_silence().await;
}

on_both_databases!(a_resend_gives_its_seq_back_and_does_not_lift_the_conversation);

async fn a_resend_gives_its_seq_back_and_does_not_lift_the_conversation(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let direct = ann.open_direct(bob.id().await).await;
    let mut socket = ann.socket().await;
    let first = socket.say_in(direct, "resent-00001", "hello").await;
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    assert_eq!(socket.say_in(direct, "resent-00001", "hello").await, first);

    let line = bob.inbox_line(direct).await.unwrap();
    assert_eq!(
        line.last_activity_ms, first.sent_at_ms,
        "the resend is not new activity"
    );
    let next = socket.say_in(direct, "after-000001", "next").await;
    assert_eq!(next.seq, first.seq + 1, "the resend did not use up a seq");
}

/// The ack of `client_id`, skipping the other members' messages that arrive on the same socket.
async fn ack_of(socket: &mut Socket, client_id: &str) -> MessageView {
    loop {
        match socket.recv().await {
            ServerMsg::Ack {
                client_id: acked,
                message,
            } if acked == client_id => return message,
            ServerMsg::Message { .. } => {}
            other => panic!("expected the ack of {client_id}, got {other:?}"),
        }
    }
}
