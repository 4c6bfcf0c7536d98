use crate::helpers::{say, without_rate_limits, TestApp};
use parley::{
    error::{AppError, Field},
    protocol::{ClientMsg, ServerMsg, GLOBAL_CONVERSATION_ID},
};

on_both_databases!(
    two_users_exchange_messages_live,
    a_resend_with_the_same_client_id_is_stored_once,
    a_client_that_reconnects_gets_exactly_the_messages_it_missed,
    bad_messages_and_frames_get_readable_rejections_and_the_socket_stays_up,
    a_conversation_that_does_not_exist_is_not_found_on_the_socket
);

async fn two_users_exchange_messages_live(app: &TestApp) {
    let mut ann = app.user("ann").await.socket().await;
    let mut bob = app.user("bob").await.socket().await;

    let sent = ann.say("ann-00000001", "hello bob").await;
    assert_eq!(
        (sent.seq, sent.body.as_str(), sent.sender.username.as_str()),
        (1, "hello bob", "ann")
    );
    assert_eq!(
        bob.recv().await,
        ServerMsg::Message {
            message: sent.clone()
        }
    );

    let reply = bob.say("bob-00000001", "hi ann").await;
    assert_eq!(reply.seq, 2);
    assert_eq!(ann.recv().await, ServerMsg::Message { message: reply });
    // The sender gets its ack, not a second copy.
    ann.expect_silence().await;
    bob.expect_silence().await;
}

async fn a_resend_with_the_same_client_id_is_stored_once(app: &TestApp) {
    let ann_client = app.user("ann").await;
    let mut ann = ann_client.socket().await;
    let mut bob = app.user("bob").await.socket().await;
    let first = ann.say("same-id-0001", "only once").await;
    assert!(matches!(bob.recv().await, ServerMsg::Message { .. }));

    // The same id again, even with other text: acknowledged as the first, nobody told again.
    let again = ann.say("same-id-0001", "only once (resent)").await;
    assert_eq!(again, first);
    bob.expect_silence().await;

    // After a reconnect (a restart would look the same: the unique index is in the database).
    ann.close().await;
    let mut ann = ann_client.socket().await;
    assert_eq!(ann.say("same-id-0001", "only once").await, first);
    let next = ann.say("other-id-0001", "next").await;
    assert_eq!(
        next.seq,
        first.seq + 1,
        "the duplicate must not have used up a seq"
    );
}

async fn a_client_that_reconnects_gets_exactly_the_messages_it_missed(app: &TestApp) {
    let mut ann = app.user("ann").await.socket().await;
    let bob_client = app.user("bob").await;
    let mut bob = bob_client.socket().await;
    for i in 1..=2 {
        ann.say(&format!("before-{i:04}"), &format!("before {i}"))
            .await;
        assert!(matches!(bob.recv().await, ServerMsg::Message { .. }));
    }
    bob.close().await;
    for i in 1..=3 {
        ann.say(&format!("missed-{i:04}"), &format!("missed {i}"))
            .await;
    }
    let mut bob = bob_client.socket().await;
    bob.send(&ClientMsg::CatchUp {
        conversation_id: GLOBAL_CONVERSATION_ID,
        after_change: 2,
    })
    .await;
    match bob.recv().await {
        ServerMsg::CaughtUp {
            messages, complete, ..
        } => {
            let got: Vec<(i64, String)> = messages.into_iter().map(|m| (m.seq, m.body)).collect();
            assert_eq!(
                got,
                vec![
                    (3, "missed 1".into()),
                    (4, "missed 2".into()),
                    (5, "missed 3".into())
                ]
            );
            assert!(complete);
        }
        other => panic!("expected CaughtUp, got {other:?}"),
    }
    bob.expect_silence().await;
}

async fn bad_messages_and_frames_get_readable_rejections_and_the_socket_stays_up(app: &TestApp) {
    let mut ann = app.user("ann").await.socket().await;
    let cases = [
        ("empty-00001", "   ".to_string()),
        ("toolong-0001", "x".repeat(4001)),
    ];
    for (client_id, body) in cases {
        ann.send(&say(client_id, &body)).await;
        match ann.recv().await {
            ServerMsg::Rejected {
                client_id: Some(id),
                error,
            } => {
                assert_eq!(id, client_id);
                assert!(error.message_for(Field::Message).is_some(), "{error:?}");
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
    }
    ann.send(&say("bad id!", "hello")).await;
    assert!(matches!(
        ann.recv().await,
        ServerMsg::Rejected {
            error: AppError::Invalid {
                field: Field::ClientId,
                ..
            },
            ..
        }
    ));
    for garbage in [
        "not json",
        r#"{"type":"drop_tables"}"#,
        r#"{"type":"send"}"#,
    ] {
        ann.send_text(garbage).await;
        assert!(matches!(
            ann.recv().await,
            ServerMsg::Rejected {
                client_id: None,
                error: AppError::BadRequest { .. }
            }
        ));
    }
    ann.send(&ClientMsg::Ping).await;
    assert_eq!(ann.recv().await, ServerMsg::Pong);
    // Nothing was stored by any of that.
    assert_eq!(ann.say("good-000001", "fine").await.seq, 1);
}

async fn a_conversation_that_does_not_exist_is_not_found_on_the_socket(app: &TestApp) {
    let mut ann = app.user("ann").await.socket().await;
    ann.send_message(999, "elsewhere-01", "hi", None).await;
    assert!(matches!(
        ann.recv().await,
        ServerMsg::Rejected {
            error: AppError::NotFound,
            ..
        }
    ));
    ann.send(&ClientMsg::CatchUp {
        conversation_id: 999,
        after_change: 0,
    })
    .await;
    assert!(matches!(
        ann.recv().await,
        ServerMsg::Rejected {
            error: AppError::NotFound,
            ..
        }
    ));
}

// Hundreds of messages in a row, faster than a person may send.
on_both_databases!(
    configure(without_rate_limits),
    a_long_absence_is_caught_up_in_batches
);

async fn a_long_absence_is_caught_up_in_batches(app: &TestApp) {
    let mut ann = app.user("ann").await.socket().await;
    let bob = app.user("bob").await;
    for i in 1..=205 {
        ann.say(&format!("bulk-{i:06}"), &format!("message {i}"))
            .await;
    }
    let mut bob = bob.socket().await;
    bob.send(&ClientMsg::CatchUp {
        conversation_id: GLOBAL_CONVERSATION_ID,
        after_change: 0,
    })
    .await;
    let ServerMsg::CaughtUp {
        messages,
        complete: false,
        ..
    } = bob.recv().await
    else {
        panic!("expected an incomplete first batch");
    };
    assert_eq!((messages.len(), messages.last().unwrap().seq), (200, 200));
    bob.send(&ClientMsg::CatchUp {
        conversation_id: GLOBAL_CONVERSATION_ID,
        after_change: 200,
    })
    .await;
    let ServerMsg::CaughtUp {
        messages,
        complete: true,
        ..
    } = bob.recv().await
    else {
        panic!("expected the last batch");
    };
    assert_eq!(
        messages.iter().map(|m| m.seq).collect::<Vec<_>>(),
        (201..=205).collect::<Vec<_>>()
    );
}
