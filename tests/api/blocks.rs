//! Blocking: what the blocker stops receiving (messages live, in history, in catch-up, in the
//! list and in search), what the blocked person cannot do (start a conversation), and that
//! they are told nothing. The room everyone is in and groups are not affected.

use crate::helpers::{error_of, Client, TestApp};
use parley::{
    chat::api::ConversationView,
    people::api::UserSearchPage,
    protocol::{ClientMsg, ServerMsg, UserView},
    search::api::MessageSearchPage,
};
use reqwest::StatusCode;

async fn block(client: &Client, user_id: i64, blocked: bool) -> reqwest::Response {
    let (id, blocked) = (user_id.to_string(), blocked.to_string());
    client
        .post_form(
            "/api/chat/block",
            &[("user_id", id.as_str()), ("blocked", blocked.as_str())],
        )
        .await
}

async fn conversation(client: &Client, id: i64) -> ConversationView {
    let response = client
        .get(&format!("/api/chat/conversation?conversation_id={id}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn found_texts(client: &Client, query: &str) -> Vec<String> {
    let page: MessageSearchPage = client
        .get(&format!("/api/chat/search?query={query}"))
        .await
        .json()
        .await
        .unwrap();
    page.found.into_iter().map(|f| f.body).collect()
}

async fn found_people(client: &Client, query: &str) -> Vec<String> {
    let page: UserSearchPage = client
        .get(&format!("/api/users/search?query={query}"))
        .await
        .json()
        .await
        .unwrap();
    page.users.into_iter().map(|u| u.username).collect()
}

async fn blocked_list(client: &Client) -> Vec<UserView> {
    client.get("/api/chat/blocked").await.json().await.unwrap()
}

on_both_databases!(
    a_blocked_persons_messages_never_reach_the_blocker,
    a_blocked_person_cannot_start_a_conversation_or_be_found
);

async fn a_blocked_persons_messages_never_reach_the_blocker(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let (ann_id, bob_id) = (ann.id().await, bob.id().await);
    let id = ann.open_direct(bob_id).await;
    let mut bob_socket = bob.socket().await;
    bob_socket
        .say_in(id, "before-0001", "before the block")
        .await;

    let response = block(&ann, bob_id, true).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.json::<bool>().await.unwrap());
    assert_eq!(
        blocked_list(&ann)
            .await
            .iter()
            .map(|u| u.id)
            .collect::<Vec<_>>(),
        [bob_id]
    );
    let mut ann_socket = ann.socket().await;

    // Bob is told nothing: his message is stored and acknowledged as any other.
    let sent = bob_socket
        .say_in(id, "during-0001", "secret words while blocked")
        .await;
    assert!(!sent.withheld);
    assert_eq!(sent.body, "secret words while blocked");

    // Ann's tab gets only a bare placeholder, which keeps the seqs without gaps.
    match ann_socket.recv().await {
        ServerMsg::Message { message } => {
            assert!(message.withheld);
            assert_eq!(
                (message.seq, message.body.as_str(), message.image.is_none()),
                (sent.seq, "", true)
            );
            assert_eq!(message.sender.username, "");
        }
        other => panic!("expected the placeholder, got {other:?}"),
    }
    // Bob edits it and reacts to it: Ann gets placeholders again, nothing of the text.
    let edited = bob
        .post_form(
            "/api/chat/edit",
            &[
                ("conversation_id", &id.to_string()),
                ("seq", &sent.seq.to_string()),
                ("body", "edited secret"),
            ],
        )
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    match ann_socket.recv().await {
        ServerMsg::Updated { message } => assert!(message.withheld && message.body.is_empty()),
        other => panic!("expected the placeholder, got {other:?}"),
    }
    match bob_socket.recv().await {
        ServerMsg::Updated { message } => assert_eq!(
            (message.body.as_str(), message.withheld),
            ("edited secret", false)
        ),
        other => panic!("expected his edit, got {other:?}"),
    }

    // In her history, her list (nothing unread, no preview) and catch-up: placeholders.
    let seen = conversation(&ann, id).await;
    assert!(seen.summary.blocked);
    assert_eq!(
        seen.summary.unread(),
        0,
        "withheld messages are never unread"
    );
    let last = seen.summary.last_message.expect("a last message");
    assert!(last.withheld && last.body.is_empty());
    let bodies: Vec<_> = seen
        .page
        .messages
        .iter()
        .map(|m| (m.body.clone(), m.withheld))
        .collect();
    assert_eq!(
        bodies,
        [
            ("before the block".to_owned(), false),
            (String::new(), true)
        ]
    );
    ann_socket
        .send(&ClientMsg::CatchUp {
            conversation_id: id,
            after_change: 0,
        })
        .await;
    match ann_socket.recv().await {
        ServerMsg::CaughtUp { messages, .. } => {
            assert!(messages.iter().all(|m| m.body != "edited secret"));
            assert!(messages.iter().any(|m| m.withheld));
        }
        other => panic!("expected the catch-up, got {other:?}"),
    }
    // Bob sees his own message as it is.
    let his = conversation(&bob, id).await;
    assert_eq!(his.page.messages.last().unwrap().body, "edited secret");
    assert!(!his.summary.blocked);

    // Search: found by Bob, not by Ann.
    assert_eq!(found_texts(&bob, "edited").await, ["edited secret"]);
    assert!(found_texts(&ann, "edited").await.is_empty());

    // Ann can neither react to it, nor reply to it, nor write to Bob while he is blocked.
    let react = ann
        .post_form(
            "/api/chat/react",
            &[
                ("conversation_id", &id.to_string()),
                ("seq", &sent.seq.to_string()),
                ("emoji", "👍"),
            ],
        )
        .await;
    assert_eq!(react.status(), StatusCode::NOT_FOUND);
    ann_socket.send_message(id, "ann-00001", "hi", None).await;
    match ann_socket.recv().await {
        ServerMsg::Rejected { error, .. } => {
            assert!(format!("{error:?}").contains("Unblock"), "{error:?}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }

    // Unblocked: new messages arrive again; what was withheld stays withheld.
    assert_eq!(block(&ann, bob_id, false).await.status(), StatusCode::OK);
    assert!(blocked_list(&ann).await.is_empty());
    let after = bob_socket
        .say_in(id, "after-0001", "after the unblock")
        .await;
    match ann_socket.recv().await {
        ServerMsg::Message { message } => assert_eq!(
            (message.body.as_str(), message.withheld),
            ("after the unblock", false)
        ),
        other => panic!("expected the message, got {other:?}"),
    }
    let seen = conversation(&ann, id).await;
    assert_eq!(seen.summary.unread(), 1);
    assert!(seen
        .page
        .messages
        .iter()
        .any(|m| m.withheld && m.seq == sent.seq));
    // A reply to the withheld message quotes it as deleted, so it does not leak now.
    let reply = bob
        .post_form(
            "/api/chat/send",
            &[
                ("conversation_id", &id.to_string()),
                ("client_id", "reply-0001"),
                ("body", "did you see?"),
                ("reply_to_seq", &sent.seq.to_string()),
            ],
        )
        .await;
    assert_eq!(reply.status(), StatusCode::OK);
    match ann_socket.recv().await {
        ServerMsg::Message { message } => {
            let quote = message.reply_to.expect("a quote");
            assert!(quote.deleted && quote.text.is_empty());
        }
        other => panic!("expected the reply, got {other:?}"),
    }
    let _ = (ann_id, after);
}

async fn a_blocked_person_cannot_start_a_conversation_or_be_found(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("catherine").await;
    let cat_id = cat.id().await;
    let ann_id = ann.id().await;
    assert_eq!(block(&ann, cat_id, true).await.status(), StatusCode::OK);
    // Twice is the same as once.
    assert_eq!(block(&ann, cat_id, true).await.status(), StatusCode::OK);
    assert_eq!(blocked_list(&ann).await.len(), 1);

    // Cat cannot open a conversation with Ann: the same answer as for nobody at all.
    let opened = cat
        .post_form("/api/chat/direct", &[("user_id", &ann_id.to_string())])
        .await;
    let (status, _) = error_of(opened).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let nobody = cat
        .post_form("/api/chat/direct", &[("user_id", "999999")])
        .await;
    assert_eq!(error_of(nobody).await.0, StatusCode::NOT_FOUND);

    // Ann no longer finds Cat; Bob still does.
    assert!(found_people(&ann, "cather").await.is_empty());
    assert_eq!(found_people(&bob, "cather").await.len(), 1);

    // The room is everyone's: Cat's message there still reaches Ann.
    let mut ann_socket = ann.socket().await;
    let mut cat_socket = cat.socket().await;
    cat_socket.say("room-00001", "hello room").await;
    match ann_socket.recv().await {
        ServerMsg::Message { message } => assert_eq!(
            (message.body.as_str(), message.withheld),
            ("hello room", false)
        ),
        other => panic!("expected the room message, got {other:?}"),
    }
    // So are groups: in one that Bob puts them both in, Cat's message reaches Ann whole.
    let group = crate::groups::create(&bob, "Choir", &[ann_id, cat_id]).await;
    for socket in [&mut ann_socket, &mut cat_socket] {
        match socket.recv().await {
            ServerMsg::Message { message } => {
                assert!(message.event.is_some(), "the group's first line")
            }
            other => panic!("expected the group's first line, got {other:?}"),
        }
    }
    cat_socket.say_in(group, "group-0001", "hello choir").await;
    match ann_socket.recv().await {
        ServerMsg::Message { message } => assert_eq!(
            (message.body.as_str(), message.withheld),
            ("hello choir", false)
        ),
        other => panic!("expected the group message, got {other:?}"),
    }

    // Bad input and strangers.
    assert_eq!(
        error_of(block(&ann, ann_id, true).await).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        error_of(block(&ann, 999_999, true).await).await.0,
        StatusCode::NOT_FOUND
    );
    let junk = ann
        .post_form("/api/chat/block", &[("user_id", "x"), ("blocked", "true")])
        .await;
    assert_eq!(error_of(junk).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(
        error_of(block(&app.client(), cat_id, true).await).await.0,
        StatusCode::UNAUTHORIZED
    );

    // Unblocked: found again, and Cat can start the conversation.
    assert_eq!(block(&ann, cat_id, false).await.status(), StatusCode::OK);
    assert_eq!(found_people(&ann, "cather").await.len(), 1);
    assert!(cat.open_direct(ann_id).await > 0);
}
