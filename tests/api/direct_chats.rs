use crate::helpers::{error_of, TestApp};
use parley::{
    chat::api::ConversationView,
    error::AppError,
    protocol::{ClientMsg, ConversationKind, HistoryPage, ServerMsg},
};
use reqwest::StatusCode;

on_both_databases!(
    both_people_get_the_same_direct_conversation_whoever_opens_it,
    opening_at_the_same_moment_still_makes_one_conversation,
    a_direct_conversation_needs_another_existing_person,
    a_private_conversation_reaches_only_its_two_members,
    a_hidden_conversation_comes_back_with_the_next_message,
    the_other_person_sees_a_direct_conversation_from_its_first_message
);

async fn both_people_get_the_same_direct_conversation_whoever_opens_it(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let (ann_id, bob_id) = (ann.id().await, bob.id().await);
    let by_ann = ann.open_direct(bob_id).await;
    assert_eq!(ann.open_direct(bob_id).await, by_ann);
    assert_eq!(bob.open_direct(ann_id).await, by_ann);
    let view: ConversationView = ann
        .get(&format!("/api/chat/conversation?conversation_id={by_ann}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.summary.kind, ConversationKind::Direct);
    assert_eq!(view.summary.title(), "bob");
}

async fn opening_at_the_same_moment_still_makes_one_conversation(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let (ann_id, bob_id) = (ann.id().await, bob.id().await);
    for _ in 0..3 {
        let (a, b, c, d) = tokio::join!(
            ann.open_direct(bob_id),
            bob.open_direct(ann_id),
            ann.open_direct(bob_id),
            bob.open_direct(ann_id),
        );
        assert!(
            a == b && b == c && c == d,
            "one pair, several conversations: {a} {b} {c} {d}"
        );
    }
    use parley::server::entities::conversation;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let direct = conversation::Entity::find()
        .filter(conversation::Column::Kind.eq("direct"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(direct, 1);
}

async fn a_direct_conversation_needs_another_existing_person(app: &TestApp) {
    let ann = app.user("ann").await;
    let ann_id = ann.id().await;
    let (status, _) = error_of(
        ann.post_form("/api/chat/direct", &[("user_id", &ann_id.to_string())])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, error) = error_of(
        ann.post_form("/api/chat/direct", &[("user_id", "424242")])
            .await,
    )
    .await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
    let (status, _) = error_of(
        app.client()
            .post_form("/api/chat/direct", &[("user_id", "1")])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn a_private_conversation_reaches_only_its_two_members(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let mut cat_socket = cat.socket().await;

    let sent = ann_socket
        .say_in(id, "dm-00000001", "just between us")
        .await;
    assert_eq!(
        bob_socket.recv().await,
        ServerMsg::Message { message: sent }
    );
    let reply = bob_socket.say_in(id, "dm-00000002", "agreed").await;
    assert_eq!(
        ann_socket.recv().await,
        ServerMsg::Message { message: reply }
    );
    cat_socket.expect_silence().await;

    // To Cat the conversation is exactly as absent as one that does not exist.
    let missing = id + 1000;
    for conversation in [id, missing] {
        let (status, error) = error_of(
            cat.get(&format!(
                "/api/chat/conversation?conversation_id={conversation}"
            ))
            .await,
        )
        .await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
        let (status, error) = error_of(
            cat.get(&format!(
                "/api/chat/history?conversation_id={conversation}&before_seq=99"
            ))
            .await,
        )
        .await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
        let (status, error) = error_of(
            cat.post_form(
                "/api/chat/read",
                &[("conversation_id", &conversation.to_string()), ("seq", "1")],
            )
            .await,
        )
        .await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
        let (status, error) = error_of(
            cat.post_form(
                "/api/chat/delete",
                &[("conversation_id", &conversation.to_string()), ("seq", "1")],
            )
            .await,
        )
        .await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
        let (status, error) = error_of(cat.hide(conversation).await).await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
        let form = [
            ("conversation_id", conversation.to_string()),
            ("client_id", format!("cat-post-{conversation}")),
            ("body", "let me in".into()),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, error) = error_of(cat.post_form("/api/chat/send", &form).await).await;
        assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));

        let page = cat.page(&format!("/c/{conversation}")).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        let html = page.text().await.unwrap();
        assert!(html.contains("Conversation not found"));
        assert!(!html.contains("just between us") && !html.contains("agreed"));

        // Every frame about it is refused on its own, and the socket stays usable.
        for frame in [
            ClientMsg::CatchUp {
                conversation_id: conversation,
                after_change: 0,
            },
            ClientMsg::MarkRead {
                conversation_id: conversation,
                seq: 1,
            },
            ClientMsg::Delete {
                conversation_id: conversation,
                seq: 1,
            },
        ] {
            cat_socket.send(&frame).await;
            assert_eq!(
                cat_socket.recv().await,
                ServerMsg::Rejected {
                    client_id: None,
                    error: AppError::NotFound
                }
            );
        }
        cat_socket
            .send_message(
                conversation,
                &format!("cat-in-{conversation}"),
                "hello?",
                None,
            )
            .await;
        assert!(matches!(
            cat_socket.recv().await,
            ServerMsg::Rejected {
                error: AppError::NotFound,
                ..
            }
        ));
    }
    assert!(cat.inbox_line(id).await.is_none());
    ann_socket.expect_silence().await;
    bob_socket.expect_silence().await;

    // The members still see exactly their two messages.
    let page: HistoryPage = bob
        .get(&format!(
            "/api/chat/history?conversation_id={id}&before_seq=99"
        ))
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<_> = page.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["just between us", "agreed"]);
    let html = bob.page(&format!("/c/{id}")).await.text().await.unwrap();
    assert!(html.contains("just between us"));
}

async fn a_hidden_conversation_comes_back_with_the_next_message(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    ann_socket.say_in(id, "hide-0000001", "first").await;
    assert!(bob.inbox_line(id).await.is_some());
    let mut bob_other_tab = bob.socket().await;

    assert_eq!(bob.hide(id).await.status(), StatusCode::OK);
    assert!(bob.inbox_line(id).await.is_none());
    assert_eq!(
        bob_other_tab.recv().await,
        ServerMsg::Hidden {
            conversation_id: id
        }
    );
    ann_socket.expect_silence().await;
    // The room everyone is in cannot be left.
    let (status, _) = error_of(bob.hide(1).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    ann_socket.say_in(id, "hide-0000002", "second").await;
    assert!(matches!(
        bob_other_tab.recv().await,
        ServerMsg::Message { .. }
    ));
    let back = bob.inbox_line(id).await.expect("back in the list");
    assert_eq!(back.last_message.as_ref().unwrap().body, "second");
    assert_eq!(back.unread(), 2);
}

async fn the_other_person_sees_a_direct_conversation_from_its_first_message(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let cat = app.user("cat").await;
    let id = ann.open_direct(bob.id().await).await;
    // Ann opened it, so it is in her list (where her draft shows); Bob is told nothing.
    assert!(ann.inbox_line(id).await.is_some());
    assert!(bob.inbox_line(id).await.is_none());

    let mut ann_socket = ann.socket().await;
    ann_socket.say_in(id, "first-000001", "hello bob").await;
    let line = bob
        .inbox_line(id)
        .await
        .expect("in bob's list once ann wrote");
    assert_eq!(line.last_message.as_ref().unwrap().body, "hello bob");
    assert_eq!(line.unread(), 1);

    // Whoever opens it first, the other one's list waits for a message.
    let with_cat = cat.open_direct(bob.id().await).await;
    assert!(bob.inbox_line(with_cat).await.is_none());
    assert_eq!(bob.open_direct(cat.id().await).await, with_cat);
    assert!(bob.inbox_line(with_cat).await.is_some());
}
