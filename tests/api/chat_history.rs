use crate::helpers::{error_of, without_rate_limits, TestApp};
use parley::{
    chat::api::ConversationView,
    error::AppError,
    protocol::{ClientMsg, HistoryPage, ServerMsg},
};
use reqwest::StatusCode;

fn seqs(page: &HistoryPage) -> (i64, i64, usize) {
    let first = page.messages.first().unwrap().seq;
    let last = page.messages.last().unwrap().seq;
    (first, last, page.messages.len())
}

// 120 messages in a row, faster than a person may send.
on_both_databases!(
    configure(without_rate_limits),
    history_pages_walk_back_fifty_at_a_time,
    history_is_only_for_signed_in_members,
    a_message_posted_over_http_reaches_the_sockets_once,
    own_messages_carry_their_client_id_to_their_author_only
);

async fn history_pages_walk_back_fifty_at_a_time(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    for i in 1..=120 {
        socket
            .say(&format!("page-{i:06}"), &format!("message {i}"))
            .await;
    }
    let room: ConversationView = ann
        .get("/api/chat/conversation?conversation_id=1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(room.summary.title(), "Everyone");
    assert_eq!(seqs(&room.page), (71, 120, 50));
    assert!(room.page.has_older);

    let page: HistoryPage = ann
        .get("/api/chat/history?conversation_id=1&before_seq=71")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seqs(&page), (21, 70, 50));
    assert!(page.has_older);
    let page: HistoryPage = ann
        .get("/api/chat/history?conversation_id=1&before_seq=21")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seqs(&page), (1, 20, 20));
    assert!(!page.has_older);
}

async fn history_is_only_for_signed_in_members(app: &TestApp) {
    let (status, error) = error_of(
        app.client()
            .get("/api/chat/conversation?conversation_id=1")
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::UNAUTHORIZED, AppError::NotSignedIn)
    );
    let ann = app.user("ann").await;
    let (status, error) = error_of(
        ann.get("/api/chat/history?conversation_id=999&before_seq=10")
            .await,
    )
    .await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
    let (status, _) = error_of(ann.get("/api/chat/history?conversation_id=abc").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn a_message_posted_over_http_reaches_the_sockets_once(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut bob = app.user("bob").await.socket().await;
    let form = [
        ("conversation_id", "1"),
        ("client_id", "form-post-0001"),
        ("body", "sent without javascript"),
    ];
    assert_eq!(
        ann.post_form("/api/chat/send", &form).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        ann.post_form("/api/chat/send", &form).await.status(),
        StatusCode::OK
    );
    match bob.recv().await {
        parley::protocol::ServerMsg::Message { message } => {
            assert_eq!(message.body, "sent without javascript")
        }
        other => panic!("expected the message, got {other:?}"),
    }
    bob.expect_silence().await;
}

/// A tab that kept a message across a reload, or lost its Ack, tells it from the stored copy by
/// the client id it sent it with: the author's reads carry it, and nobody else's.
async fn own_messages_carry_their_client_id_to_their_author_only(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let mut ann_tab = ann.socket().await;
    let mut bob_tab = bob.socket().await;
    ann_tab.say("ann-sent-this-0001", "from ann").await;
    match bob_tab.recv().await {
        ServerMsg::Message { message } => assert_eq!(message.client_id, None, "the live frame"),
        other => panic!("expected Ann's message, got {other:?}"),
    }
    bob_tab.say("bob-sent-this-0001", "from bob").await;

    for (reader, own) in [(&ann, "ann-sent-this-0001"), (&bob, "bob-sent-this-0001")] {
        let room: ConversationView = reader
            .get("/api/chat/conversation?conversation_id=1")
            .await
            .json()
            .await
            .unwrap();
        let ids: Vec<Option<&str>> = room
            .page
            .messages
            .iter()
            .map(|m| m.client_id.as_deref())
            .collect();
        let mut expected = [None, None];
        expected[usize::from(own.starts_with("bob"))] = Some(own);
        assert_eq!(ids, expected, "the page as {own}'s author reads it");
    }

    // A catch-up is read as its asker sees it too.
    ann_tab
        .send(&ClientMsg::CatchUp {
            conversation_id: 1,
            after_change: 0,
        })
        .await;
    loop {
        match ann_tab.recv().await {
            ServerMsg::CaughtUp { messages, .. } => {
                let ids: Vec<Option<&str>> =
                    messages.iter().map(|m| m.client_id.as_deref()).collect();
                assert_eq!(ids, [Some("ann-sent-this-0001"), None]);
                break;
            }
            _ => continue,
        }
    }
}
