use crate::helpers::{error_of, TestApp};
use parley::{
    error::AppError,
    protocol::{ClientMsg, HistoryPage, MessageView, ServerMsg},
};
use reqwest::StatusCode;

on_both_databases!(
    the_author_deletes_a_message_and_every_member_sees_the_placeholder,
    nobody_can_delete_someone_elses_message
);

async fn the_author_deletes_a_message_and_every_member_sees_the_placeholder(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let id = ann.open_direct(bob.id().await).await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let sent = ann_socket
        .say_in(id, "delete-00001", "I should not have said that")
        .await;
    bob_socket.recv().await;

    let response = ann
        .post_form(
            "/api/chat/delete",
            &[
                ("conversation_id", &id.to_string()),
                ("seq", &sent.seq.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let deleted: MessageView = response.json().await.unwrap();
    assert!(deleted.deleted && deleted.body.is_empty());
    let expected = ServerMsg::Deleted {
        message: deleted.clone(),
    };
    assert_eq!(bob_socket.recv().await, expected);
    assert_eq!(ann_socket.recv().await, expected);

    // Gone from storage, not only hidden.
    use parley::server::entities::message;
    use sea_orm::EntityTrait;
    let row = message::Entity::find_by_id(sent.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.deleted && row.body.is_empty());
    let page: HistoryPage = bob
        .get(&format!(
            "/api/chat/history?conversation_id={id}&before_seq=99"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.messages, vec![deleted.clone()]);
    let line = bob.inbox_line(id).await.unwrap();
    assert!(line.last_message.unwrap().deleted);

    // Over the socket as well; deleting twice is not an error.
    ann_socket
        .send(&ClientMsg::Delete {
            conversation_id: id,
            seq: sent.seq,
        })
        .await;
    assert_eq!(ann_socket.recv().await, expected);
    assert_eq!(bob_socket.recv().await, expected);
}

async fn nobody_can_delete_someone_elses_message(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let mut ann_socket = ann.socket().await;
    let mut bob_socket = bob.socket().await;
    let sent = ann_socket.say("room-delete-1", "mine to keep").await;
    bob_socket.recv().await;

    let (status, error) = error_of(
        bob.post_form(
            "/api/chat/delete",
            &[("conversation_id", "1"), ("seq", &sent.seq.to_string())],
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    bob_socket
        .send(&ClientMsg::Delete {
            conversation_id: 1,
            seq: sent.seq,
        })
        .await;
    assert_eq!(
        bob_socket.recv().await,
        ServerMsg::Rejected {
            client_id: None,
            error: AppError::Forbidden
        }
    );
    let (status, error) = error_of(
        bob.post_form(
            "/api/chat/delete",
            &[("conversation_id", "1"), ("seq", "77")],
        )
        .await,
    )
    .await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));

    ann_socket.expect_silence().await;
    let page: HistoryPage = ann
        .get("/api/chat/history?conversation_id=1&before_seq=99")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page.messages[0].body, "mine to keep");
}

/// SQLite keeps recent pages in a write-ahead log beside the database file: a deleted message's
/// text must leave both, not only the rows that queries see.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleted_text_leaves_the_sqlite_files() {
    let app = crate::helpers::TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    let secret = "zebra-unicorn-4711-secret";
    let sent = socket.say("erase-000001", secret).await;
    let files = || {
        ["parley.db", "parley.db-wal"]
            .map(|name| std::fs::read(app.data_dir().join(name)).unwrap_or_default())
    };
    let holds_secret = |files: [Vec<u8>; 2]| {
        files
            .iter()
            .any(|bytes| bytes.windows(secret.len()).any(|w| w == secret.as_bytes()))
    };
    assert!(
        holds_secret(files()),
        "the text is on disk before it is deleted"
    );

    let seq = sent.seq.to_string();
    let response = ann
        .post_form(
            "/api/chat/delete",
            &[("conversation_id", "1"), ("seq", &seq)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while holds_secret(files()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the deleted text is still in the files"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.teardown().await;
}
