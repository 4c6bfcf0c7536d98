//! Replies: a message answers an earlier one of its conversation and quotes it as it is now.

use crate::helpers::TestApp;
use parley::{
    error::{AppError, Field},
    protocol::{ClientMsg, HistoryPage, MessageView, ServerMsg},
};
use reqwest::StatusCode;

on_both_databases!(
    a_reply_quotes_the_original_as_it_is_now,
    a_reply_must_answer_a_message_of_the_same_conversation
);

async fn a_reply_quotes_the_original_as_it_is_now(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let original = ann_socket
        .say_in(id, "reply-orig-01", "  lunch at noon?\nor later")
        .await;
    bob_socket.recv().await;

    bob_socket
        .send_message(id, "reply-answer-1", "noon is good", Some(original.seq))
        .await;
    let ServerMsg::Ack { message: reply, .. } = bob_socket.recv().await else {
        panic!("the reply is acknowledged");
    };
    let quote = reply.reply_to.clone().expect("a reply quotes its original");
    assert_eq!(
        (
            quote.seq,
            quote.sender.username.as_str(),
            quote.text.as_str()
        ),
        (original.seq, "ann", "lunch at noon?")
    );
    assert!(!quote.photo && !quote.deleted);
    assert_eq!(
        ann_socket.recv().await,
        ServerMsg::Message {
            message: reply.clone()
        }
    );

    // The quote follows the original: edited, then deleted.
    ann_socket
        .send(&ClientMsg::Edit {
            conversation_id: id,
            seq: original.seq,
            body: "lunch at one?".into(),
        })
        .await;
    ann_socket.recv().await;
    let page = history(&bob, id).await;
    let held = page.messages.iter().find(|m| m.seq == reply.seq).unwrap();
    assert_eq!(held.reply_to.as_ref().unwrap().text, "lunch at one?");
    ann_socket
        .send(&ClientMsg::Delete {
            conversation_id: id,
            seq: original.seq,
        })
        .await;
    ann_socket.recv().await;
    let page = history(&bob, id).await;
    let held = page.messages.iter().find(|m| m.seq == reply.seq).unwrap();
    let quote = held.reply_to.as_ref().unwrap();
    assert!(quote.deleted && quote.text.is_empty(), "{quote:?}");

    // Over HTTP too, and a photo is quoted as one.
    let photo: MessageView = ann
        .send_image(id, "reply-photo-01", "", crate::helpers::small_png())
        .await
        .json()
        .await
        .unwrap();
    let fields = [
        ("conversation_id", id.to_string()),
        ("client_id", "reply-http-001".into()),
        ("body", "nice".into()),
        ("reply_to_seq", photo.seq.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        bob.post_form("/api/chat/send", &fields).await.status(),
        StatusCode::OK
    );
    let page = history(&bob, id).await;
    let quote = page.messages.last().unwrap().reply_to.clone().unwrap();
    assert!(quote.photo && quote.text.is_empty());
    // And an image can be the reply.
    let response = bob
        .send_image_reply(
            id,
            "reply-image-01",
            "look",
            Some(photo.seq),
            crate::helpers::small_png(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let image_reply: MessageView = response.json().await.unwrap();
    assert!(image_reply.image.is_some());
    assert_eq!(image_reply.reply_to.unwrap().seq, photo.seq);
}

async fn a_reply_must_answer_a_message_of_the_same_conversation(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut socket = ann.socket().await;
    socket.say("reply-room-001", "in the room").await;
    let only_in_room = socket.say("reply-room-002", "also in the room").await;
    let in_direct = socket.say_in(id, "reply-dm-0001", "in private").await;
    assert!(
        only_in_room.seq > in_direct.seq,
        "a seq the direct conversation does not have"
    );
    for (client_id, seq) in [("reply-none-01", 999), ("reply-other-1", only_in_room.seq)] {
        socket.send_message(id, client_id, "hm", Some(seq)).await;
        match socket.recv().await {
            ServerMsg::Rejected {
                client_id: Some(refused),
                error:
                    AppError::Invalid {
                        field: Field::Message,
                        message,
                    },
            } => {
                assert_eq!(refused, client_id);
                assert_eq!(
                    message,
                    "The message you are replying to is not in this conversation."
                );
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    // Nothing was stored for the refused replies: the next message takes the next seq.
    let next = socket.say_in(id, "reply-after-1", "still here").await;
    assert_eq!(next.seq, 2);
}

async fn history(who: &crate::helpers::Client, id: i64) -> HistoryPage {
    who.get(&format!(
        "/api/chat/history?conversation_id={id}&before_seq=99"
    ))
    .await
    .json()
    .await
    .unwrap()
}
