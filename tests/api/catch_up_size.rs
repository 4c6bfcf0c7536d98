//! What a message may contain, and catch-up pages that always fit in a socket frame.

use crate::helpers::{error_of, say, without_rate_limits, TestApp};
use parley::{
    error::Field,
    protocol::{ClientMsg, ServerMsg, GLOBAL_CONVERSATION_ID},
};
use reqwest::StatusCode;

on_both_databases!(control_characters_are_refused_with_a_clear_error);

async fn control_characters_are_refused_with_a_clear_error(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    socket.send(&say("control-1", &"\u{1}".repeat(4000))).await;
    match socket.recv().await {
        ServerMsg::Rejected { client_id, error } => {
            assert_eq!(client_id.as_deref(), Some("control-1"));
            let message = error
                .message_for(Field::Message)
                .expect("about the message");
            assert!(message.contains("control characters"), "{message}");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    let fields = [
        ("conversation_id", "1"),
        ("client_id", "control-2"),
        ("body", "bell\u{7}"),
    ];
    let (status, error) = error_of(ann.post_form("/api/chat/send", &fields).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error.message_for(Field::Message).is_some());
    // Nothing was stored.
    socket
        .send(&ClientMsg::CatchUp {
            conversation_id: GLOBAL_CONVERSATION_ID,
            after_change: 0,
        })
        .await;
    assert!(
        matches!(socket.recv().await, ServerMsg::CaughtUp { messages, .. } if messages.is_empty())
    );
}

// Forty of the heaviest messages at once: faster than a person may send.
on_both_databases!(
    configure(without_rate_limits),
    a_catch_up_from_zero_succeeds_after_the_largest_possible_messages
);

async fn a_catch_up_from_zero_succeeds_after_the_largest_possible_messages(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut sender = ann.socket().await;
    // The most a message can weigh: 4,000 four-byte characters, 16 KB of JSON each; forty
    // of them are 640 KB, more than one socket frame can carry.
    let heaviest = "😀".repeat(4000);
    for n in 0..40 {
        sender.say(&format!("heavy-{n:03}"), &heaviest).await;
    }
    let mut reader = app.user("bob").await.socket().await;
    let (mut after_change, mut received, mut pages) = (0, Vec::new(), 0);
    loop {
        reader
            .send(&ClientMsg::CatchUp {
                conversation_id: GLOBAL_CONVERSATION_ID,
                after_change,
            })
            .await;
        let ServerMsg::CaughtUp {
            messages, complete, ..
        } = reader.recv().await
        else {
            panic!("expected a catch-up page");
        };
        pages += 1;
        after_change = messages.last().map_or(after_change, |m| m.change);
        received.extend(messages);
        if complete {
            break;
        }
    }
    assert!(pages > 1, "the messages do not fit in one page");
    let seqs: Vec<i64> = received.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, (1..=40).collect::<Vec<_>>(), "each once, in order");
    assert!(received.iter().all(|m| m.body == heaviest));
}
