use crate::helpers::TestApp;
use parley::protocol::{ClientMsg, ServerMsg};
use reqwest::StatusCode;

on_both_databases!(
    unread_counts_follow_messages_and_reading_reaches_every_tab,
    the_global_room_counts_unread_too
);

async fn unread_counts_follow_messages_and_reading_reaches_every_tab(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_phone = bob.socket().await;
    let mut bob_laptop = bob.socket().await;

    for i in 1..=3 {
        let sent = ann_socket
            .say_in(id, &format!("unread-{i:05}"), &format!("news {i}"))
            .await;
        assert_eq!(
            bob_phone.recv().await,
            ServerMsg::Message {
                message: sent.clone()
            }
        );
        assert_eq!(
            bob_laptop.recv().await,
            ServerMsg::Message { message: sent }
        );
    }
    let line = |list: Vec<parley::protocol::ConversationSummary>| {
        list.into_iter().find(|c| c.id == id).unwrap()
    };
    assert_eq!(line(bob.inbox().await).unread(), 3);
    // Her own messages are never unread for the sender.
    assert_eq!(line(ann.inbox().await).unread(), 0);
    // Newest activity first: the direct conversation is above the empty room.
    assert_eq!(bob.inbox().await[0].id, id);

    bob_phone
        .send(&ClientMsg::MarkRead {
            conversation_id: id,
            seq: 2,
        })
        .await;
    assert_eq!(
        bob_phone.recv().await,
        ServerMsg::Read {
            conversation_id: id,
            seq: 2
        }
    );
    assert_eq!(
        bob_laptop.recv().await,
        ServerMsg::Read {
            conversation_id: id,
            seq: 2
        }
    );
    assert_eq!(line(bob.inbox().await).unread(), 1);

    // Reading never goes backwards, and never past the newest message.
    bob_laptop
        .send(&ClientMsg::MarkRead {
            conversation_id: id,
            seq: 1,
        })
        .await;
    assert_eq!(
        bob_laptop.recv().await,
        ServerMsg::Read {
            conversation_id: id,
            seq: 2
        }
    );
    bob_phone.recv().await;
    let response = bob
        .post_form(
            "/api/chat/read",
            &[("conversation_id", &id.to_string()), ("seq", "999")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.json::<i64>().await.unwrap(), 3);
    assert_eq!(
        bob_phone.recv().await,
        ServerMsg::Read {
            conversation_id: id,
            seq: 3
        }
    );
    assert_eq!(
        bob_laptop.recv().await,
        ServerMsg::Read {
            conversation_id: id,
            seq: 3
        }
    );
    assert_eq!(line(bob.inbox().await).unread(), 0);
    // Ann gets Bob's read receipts: each time his position moved, never for the mark
    // that moved nothing.
    assert_eq!(
        ann_socket.recv().await,
        ServerMsg::Seen {
            conversation_id: id,
            seq: 2
        }
    );
    assert_eq!(
        ann_socket.recv().await,
        ServerMsg::Seen {
            conversation_id: id,
            seq: 3
        }
    );
    ann_socket.expect_silence().await;
}

async fn the_global_room_counts_unread_too(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let mut ann_socket = ann.socket().await;
    ann_socket.say("room-unread-1", "hello room").await;
    let room = bob.inbox().await.into_iter().find(|c| c.id == 1).unwrap();
    assert_eq!(
        (room.unread(), room.last_message.unwrap().body.as_str()),
        (1, "hello room")
    );
}
