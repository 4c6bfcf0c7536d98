//! The conversation change log: what a member missed while their socket was closed (a
//! deletion, an edit, a reaction, a new message) reaches them on catch-up, each message once
//! and as it is now.

use crate::helpers::TestApp;
use parley::protocol::{ClientMsg, HistoryPage, MessageView, ServerMsg};
use reqwest::StatusCode;

on_both_databases!(
    a_closed_socket_gets_deletions_edits_and_reactions_on_catch_up_once,
    seqs_stay_contiguous_while_changes_count_every_change
);

async fn a_closed_socket_gets_deletions_edits_and_reactions_on_catch_up_once(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let mut sent = Vec::new();
    for n in 1..=4 {
        let message = ann_socket
            .say_in(id, &format!("log-{n:08}"), &format!("message {n}"))
            .await;
        let ServerMsg::Message { message: seen } = bob_socket.recv().await else {
            panic!("bob sees message {n} live");
        };
        assert_eq!(seen, message);
        sent.push(message);
    }
    let held_through = sent.last().unwrap().change;
    // Bob's phone sleeps: the socket really closes.
    bob_socket.close().await;

    let (seq, id_s) = (|m: &MessageView| m.seq.to_string(), id.to_string());
    let deleted = ann
        .post_form(
            "/api/chat/delete",
            &[("conversation_id", &id_s), ("seq", &seq(&sent[0]))],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    next_change(&mut ann_socket).await;
    ann_socket
        .send(&ClientMsg::Edit {
            conversation_id: id,
            seq: sent[1].seq,
            body: "message 2, corrected".into(),
        })
        .await;
    let ServerMsg::Updated { message: edited } = next_change(&mut ann_socket).await else {
        panic!("the edit comes back to its author's socket");
    };
    let reacted = ann
        .post_form(
            "/api/chat/react",
            &[
                ("conversation_id", &id_s),
                ("seq", &seq(&sent[2])),
                ("emoji", "👍"),
            ],
        )
        .await;
    assert_eq!(reacted.status(), StatusCode::OK);
    next_change(&mut ann_socket).await;
    // Edited twice: only the latest state comes back.
    ann_socket
        .send(&ClientMsg::Edit {
            conversation_id: id,
            seq: sent[1].seq,
            body: "message 2, final".into(),
        })
        .await;
    next_change(&mut ann_socket).await;
    let newer = ann_socket.say_in(id, "log-00000005", "message 5").await;

    let mut bob_socket = bob.socket().await;
    bob_socket
        .send(&ClientMsg::CatchUp {
            conversation_id: id,
            after_change: held_through,
        })
        .await;
    let ServerMsg::CaughtUp {
        messages, complete, ..
    } = bob_socket.recv().await
    else {
        panic!("a catch-up answer");
    };
    assert!(complete);
    let seqs: Vec<i64> = messages.iter().map(|m| m.seq).collect();
    assert_eq!(
        seqs,
        vec![sent[0].seq, sent[2].seq, sent[1].seq, newer.seq],
        "in change order, each once"
    );
    assert!(messages.windows(2).all(|w| w[0].change < w[1].change));
    assert!(
        messages[0].deleted && messages[0].body.is_empty(),
        "the deletion, as its tombstone"
    );
    assert_eq!(messages[1].reactions.len(), 1);
    assert_eq!(messages[1].reactions[0].emoji, "👍");
    assert_eq!(messages[1].reactions[0].users[0].username, "ann");
    assert_eq!(
        (messages[2].body.as_str(), messages[2].edited),
        ("message 2, final", true)
    );
    assert!(messages[2].change > edited.change);
    assert_eq!(messages[3], newer);

    // Exactly what a fresh page shows, and nothing left to catch up on.
    let page: HistoryPage = bob
        .get(&format!(
            "/api/chat/history?conversation_id={id}&before_seq=99"
        ))
        .await
        .json()
        .await
        .unwrap();
    for message in &messages {
        assert!(
            page.messages.contains(message),
            "{message:?} is the current state"
        );
    }
    let last = messages.last().unwrap().change;
    bob_socket
        .send(&ClientMsg::CatchUp {
            conversation_id: id,
            after_change: last,
        })
        .await;
    assert_eq!(
        bob_socket.recv().await,
        ServerMsg::CaughtUp {
            conversation_id: id,
            messages: vec![],
            complete: true
        }
    );
}

async fn seqs_stay_contiguous_while_changes_count_every_change(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    let first = socket.say("count-000001", "one").await;
    socket
        .send(&ClientMsg::React {
            conversation_id: 1,
            seq: first.seq,
            emoji: "😂".into(),
        })
        .await;
    let ServerMsg::Updated { message: reacted } = socket.recv().await else {
        panic!("the reaction comes back");
    };
    assert_eq!(reacted.change, first.change + 1);
    socket
        .send(&ClientMsg::Delete {
            conversation_id: 1,
            seq: first.seq,
        })
        .await;
    let ServerMsg::Deleted { message: deleted } = socket.recv().await else {
        panic!("the deletion comes back");
    };
    assert_eq!(deleted.change, first.change + 2);
    assert!(
        deleted.reactions.is_empty(),
        "a deleted message keeps no reactions"
    );
    let second = socket.say("count-000002", "two").await;
    assert_eq!(
        (second.seq, second.change),
        (first.seq + 1, first.change + 3)
    );
    let page: HistoryPage = ann
        .get("/api/chat/history?conversation_id=1&before_seq=99")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        page.last_change, second.change,
        "a page says how far its changes reach"
    );
}

/// The next frame that is not an acknowledgement or a message of someone else's.
async fn next_change(socket: &mut crate::helpers::Socket) -> ServerMsg {
    loop {
        if let frame @ (ServerMsg::Updated { .. } | ServerMsg::Deleted { .. }) = socket.recv().await
        {
            return frame;
        }
    }
}
