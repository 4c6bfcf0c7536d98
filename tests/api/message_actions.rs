//! Editing and reacting: who may, what is refused and how it reads, and that every member's
//! sockets see the result live.

use crate::helpers::{error_of, Client, TestApp};
use parley::{
    error::{AppError, Field},
    protocol::{ClientMsg, MessageView, ServerMsg},
};
use reqwest::StatusCode;

on_both_databases!(
    only_the_author_edits_under_the_rules_of_sending,
    an_image_caption_can_be_edited_and_emptied,
    reactions_toggle_one_per_person_per_emoji,
    a_message_carries_at_most_twenty_different_emoji
);

async fn only_the_author_edits_under_the_rules_of_sending(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let sent = ann_socket.say_in(id, "edit-0000001", "helo").await;
    bob_socket.recv().await;

    let response = edit(&ann, id, sent.seq, "  hello  ").await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: Option<MessageView> = response.json().await.unwrap();
    let edited = edited.expect("the text changed");
    assert_eq!(
        (edited.body.as_str(), edited.edited, edited.seq),
        ("hello", true, sent.seq)
    );
    let expected = ServerMsg::Updated {
        message: edited.clone(),
    };
    assert_eq!(bob_socket.recv().await, expected);
    assert_eq!(ann_socket.recv().await, expected);

    // The same text again changes nothing and tells nobody.
    let same: Option<MessageView> = edit(&ann, id, sent.seq, "hello")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(same, None);
    bob_socket.expect_silence().await;

    let (status, error) = error_of(edit(&bob, id, sent.seq, "not yours").await).await;
    assert_eq!(
        (status, error),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    let (status, error) = error_of(edit(&carol, id, sent.seq, "outsider").await).await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
    let (status, error) = error_of(edit(&ann, id, sent.seq, "   ").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        matches!(
            error,
            AppError::Invalid {
                field: Field::Message,
                ..
            }
        ),
        "{error:?}"
    );
    let (status, error) = error_of(edit(&ann, id, sent.seq, &"a".repeat(4001)).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error.to_string().contains("4,000"), "{error}");
    bob_socket.expect_silence().await;

    ann_socket
        .send(&ClientMsg::Delete {
            conversation_id: id,
            seq: sent.seq,
        })
        .await;
    ann_socket.recv().await;
    let (status, error) = error_of(edit(&ann, id, sent.seq, "after deletion").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error.to_string(), "This message was deleted.");
}

async fn an_image_caption_can_be_edited_and_emptied(app: &TestApp) {
    let ann = app.user("ann").await;
    let response = ann
        .send_image(1, "image-edit-01", "a caption", crate::helpers::small_png())
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let sent: MessageView = response.json().await.unwrap();
    let response = ann
        .post_form(
            "/api/chat/edit",
            &[
                ("conversation_id", "1"),
                ("seq", &sent.seq.to_string()),
                ("body", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: Option<MessageView> = response.json().await.unwrap();
    let edited = edited.unwrap();
    assert!(edited.body.is_empty() && edited.edited && edited.image.is_some());
}

async fn reactions_toggle_one_per_person_per_emoji(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let sent = ann_socket.say_in(id, "react-000001", "lunch?").await;
    bob_socket.recv().await;
    let reactions = |m: &MessageView| -> Vec<(String, Vec<String>)> {
        m.reactions
            .iter()
            .map(|r| {
                (
                    r.emoji.clone(),
                    r.users.iter().map(|u| u.username.clone()).collect(),
                )
            })
            .collect()
    };

    let first: MessageView = react(&bob, id, sent.seq, "👍").await.json().await.unwrap();
    assert_eq!(
        reactions(&first),
        vec![("👍".to_owned(), vec!["bob".to_owned()])]
    );
    assert_eq!(
        ann_socket.recv().await,
        ServerMsg::Updated {
            message: first.clone()
        }
    );
    assert_eq!(
        bob_socket.recv().await,
        ServerMsg::Updated { message: first }
    );
    react(&ann, id, sent.seq, "👍").await;
    let both: MessageView = react(&ann, id, sent.seq, "👩‍💻").await.json().await.unwrap();
    assert_eq!(
        reactions(&both),
        vec![
            ("👍".to_owned(), vec!["bob".to_owned(), "ann".to_owned()]),
            ("👩‍💻".to_owned(), vec!["ann".to_owned()]),
        ]
    );
    // Again: taken back.
    let back: MessageView = react(&bob, id, sent.seq, "👍").await.json().await.unwrap();
    assert_eq!(
        reactions(&back)[0],
        ("👍".to_owned(), vec!["ann".to_owned()])
    );

    for not_one in ["ok", "👍👍", "", "<b>"] {
        let (status, error) = error_of(react(&bob, id, sent.seq, not_one).await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{not_one:?}");
        assert_eq!(error.to_string(), "React with a single emoji.");
    }
    let (status, error) = error_of(react(&carol, id, sent.seq, "👍").await).await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
    bob_socket
        .send(&ClientMsg::React {
            conversation_id: id,
            seq: 999,
            emoji: "👍".into(),
        })
        .await;
    loop {
        match bob_socket.recv().await {
            ServerMsg::Rejected { error, .. } => {
                assert_eq!(error, AppError::NotFound);
                break;
            }
            ServerMsg::Updated { .. } => {}
            other => panic!("unexpected {other:?}"),
        }
    }
}

async fn a_message_carries_at_most_twenty_different_emoji(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    let sent = socket.say("many-emoji-01", "react to me").await;
    let emoji = [
        "😀", "😃", "😄", "😁", "😆", "😅", "🤣", "😂", "🙂", "🙃", "😉", "😊", "😇", "🥰", "😍",
        "🤩", "😘", "😗", "😚", "😙", "😋",
    ];
    for (n, e) in emoji.iter().enumerate() {
        let response = ann
            .post_form(
                "/api/chat/react",
                &[
                    ("conversation_id", "1"),
                    ("seq", &sent.seq.to_string()),
                    ("emoji", e),
                ],
            )
            .await;
        if n < 20 {
            assert_eq!(response.status(), StatusCode::OK, "emoji {n}");
        } else {
            let (status, error) = error_of(response).await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert!(error.to_string().contains("at most 20"), "{error}");
        }
    }
}

async fn edit(who: &Client, conversation_id: i64, seq: i64, body: &str) -> reqwest::Response {
    let (id, seq) = (conversation_id.to_string(), seq.to_string());
    who.post_form(
        "/api/chat/edit",
        &[("conversation_id", &id), ("seq", &seq), ("body", body)],
    )
    .await
}

async fn react(who: &Client, conversation_id: i64, seq: i64, emoji: &str) -> reqwest::Response {
    let (id, seq) = (conversation_id.to_string(), seq.to_string());
    who.post_form(
        "/api/chat/react",
        &[("conversation_id", &id), ("seq", &seq), ("emoji", emoji)],
    )
    .await
}
