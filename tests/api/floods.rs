//! One person flooding: sends, sockets, uploads, searches and opening conversations are each
//! limited per person, without getting in the way of anyone else or of a person typing fast.

use crate::helpers::{error_of, say, small_png, TestApp};
use parley::{error::AppError, protocol::ServerMsg};
use reqwest::StatusCode;
use std::{collections::BTreeSet, time::Duration};

on_both_databases!(
    a_burst_of_sends_is_slowed_and_every_message_gets_through_on_retry,
    a_flooding_sender_does_not_get_other_sockets_dropped,
    a_socket_sending_frames_without_pause_is_slowed_down,
    one_person_can_hold_twenty_sockets_but_not_more,
    uploads_searches_and_opening_conversations_are_limited_per_person
);

async fn a_burst_of_sends_is_slowed_and_every_message_gets_through_on_retry(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    let ids: Vec<String> = (0..45).map(|n| format!("burst-{n:04}")).collect();
    for id in &ids {
        socket.send(&say(id, "fast")).await;
    }
    let (mut acked, mut waiting) = (BTreeSet::new(), Vec::new());
    while acked.len() + waiting.len() < ids.len() {
        match socket.recv().await {
            ServerMsg::Ack { client_id, .. } => {
                acked.insert(client_id);
            }
            ServerMsg::Rejected {
                client_id: Some(id),
                error: AppError::RateLimited { retry_after_s },
            } => {
                assert!(retry_after_s >= 1);
                waiting.push(id);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(
        acked.len() >= 30,
        "a burst of 30 passes at once, got {}",
        acked.len()
    );
    assert!(!waiting.is_empty(), "45 at once is more than the burst");
    // The client waits as told, then sends the same ids again: nothing is lost.
    for id in waiting {
        loop {
            socket.send(&say(&id, "fast")).await;
            match socket.recv().await {
                ServerMsg::Ack { client_id, .. } if client_id == id => {
                    acked.insert(client_id);
                    break;
                }
                ServerMsg::Rejected {
                    error: AppError::RateLimited { retry_after_s },
                    ..
                } => {
                    tokio::time::sleep(Duration::from_secs(retry_after_s)).await;
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!(acked.len(), ids.len());
}

async fn a_flooding_sender_does_not_get_other_sockets_dropped(app: &TestApp) {
    let bob = app.user("bob").await;
    let mut reader = bob.socket().await;
    let mut flooder = app.user("mallory").await.socket().await;
    // 300 frames as fast as the flooder's own replies are read (a client that does not
    // read its replies is itself a slow reader and is dropped); Bob's tab reads nothing
    // meanwhile, like a phone on a slow network.
    let mut stored = 0;
    for batch in 0..6 {
        for n in 0..50 {
            flooder
                .send(&say(&format!("flood-{batch}-{n:03}"), "spam"))
                .await;
        }
        for _ in 0..50 {
            if let ServerMsg::Ack { .. } = flooder.recv().await {
                stored += 1;
            }
        }
    }
    assert!(stored < 100, "the flood was cut short: {stored} stored");
    // Bob is still connected and gets exactly what was stored.
    for _ in 0..stored {
        assert!(matches!(reader.recv().await, ServerMsg::Message { .. }));
    }
    reader.say("bob-still-here", "hello").await;
}

async fn a_socket_sending_frames_without_pause_is_slowed_down(app: &TestApp) {
    let mut socket = app.user("ann").await.socket().await;
    let (mut answered, mut refused) = (0, 0);
    // 600 pings, read back a hundred at a time (so this client is no slow reader).
    for _ in 0..6 {
        for _ in 0..100 {
            socket.send(&parley::protocol::ClientMsg::Ping).await;
        }
        for _ in 0..100 {
            match socket.recv().await {
                ServerMsg::Pong => answered += 1,
                ServerMsg::Rejected {
                    client_id: None,
                    error: AppError::RateLimited { retry_after_s },
                } => {
                    assert!(retry_after_s >= 1);
                    refused += 1;
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert!(
        answered >= 300,
        "a burst of 300 frames passes, got {answered}"
    );
    assert!(refused > 0, "600 frames at once are more than the burst");
    // The socket stays open and works once the client slows down.
    tokio::time::sleep(Duration::from_secs(1)).await;
    socket.say("after-the-burst", "hello").await;
}

async fn one_person_can_hold_twenty_sockets_but_not_more(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut open = Vec::new();
    for _ in 0..20 {
        open.push(ann.socket().await);
    }
    assert_eq!(
        ann.try_socket(None).await.err(),
        Some(StatusCode::TOO_MANY_REQUESTS)
    );
    // Others are not affected, and closing a tab makes room.
    app.user("bob").await.socket().await;
    open.pop().unwrap().close().await;
    let mut reopened = None;
    for _ in 0..50 {
        if let Ok(socket) = ann.try_socket(None).await {
            reopened = Some(socket);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(reopened.is_some(), "a closed socket frees its place");
}

async fn uploads_searches_and_opening_conversations_are_limited_per_person(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob_id = app.user("bob").await.id().await;
    for _ in 0..30 {
        let uploaded = ann.upload_picture(small_png(), "me.png", "image/png").await;
        assert_eq!(uploaded.status(), StatusCode::OK);
    }
    let (status, error) =
        error_of(ann.upload_picture(small_png(), "me.png", "image/png").await).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(matches!(error, AppError::RateLimited { .. }));

    for _ in 0..120 {
        assert_eq!(
            ann.get("/api/users/search?query=bo").await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        ann.get("/api/users/search?query=bo").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    for _ in 0..60 {
        ann.open_direct(bob_id).await;
    }
    let again = ann
        .post_form("/api/chat/direct", &[("user_id", &bob_id.to_string())])
        .await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    // Bob's own limits are his own.
    let bob = app.client();
    bob.log_in("bob", crate::helpers::PASSWORD).await;
    assert_eq!(
        bob.get("/api/users/search?query=an").await.status(),
        StatusCode::OK
    );
}
