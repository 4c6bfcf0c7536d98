//! Images in chat over HTTP and the socket: sending, who may fetch them, deleting, bad files.

use crate::helpers::{error_of, Client, TestApp};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use parley::{
    error::{AppError, Field},
    protocol::{MessageView, ServerMsg},
};
use reqwest::StatusCode;
use std::io::Cursor;

fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 251) as u8, (y % 241) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image)
        .write_to(&mut out, ImageFormat::Jpeg)
        .unwrap();
    out.into_inner()
}

async fn send_ok(
    client: &Client,
    conversation: i64,
    client_id: &str,
    caption: &str,
    bytes: Vec<u8>,
) -> MessageView {
    let response = client
        .send_image(conversation, client_id, caption, bytes)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Every file in the app's media store.
pub(crate) fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| {
                        if e.path().is_dir() {
                            count(&e.path())
                        } else {
                            1
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    count(&app.data_dir().join("media"))
}

on_both_databases!(
    an_image_goes_to_the_other_member_live_and_only_members_can_fetch_it,
    a_resend_with_the_same_client_id_stores_one_message_and_one_set_of_files,
    deleting_an_image_message_deletes_its_files,
    bad_files_and_outsiders_are_refused_and_nothing_is_stored
);

async fn an_image_goes_to_the_other_member_live_and_only_members_can_fetch_it(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let conversation = ann.open_direct(bob.id().await).await;
    let mut bob_socket = bob.socket().await;
    let mut carol_socket = carol.socket().await;

    let sent = send_ok(
        &ann,
        conversation,
        "image-message-1",
        "the view",
        photo(3000, 1000),
    )
    .await;
    let image = sent.image.clone().expect("the message carries its image");
    assert_eq!(
        (
            image.width,
            image.height,
            image.thumb_width,
            image.thumb_height
        ),
        (1600, 533, 400, 133)
    );
    assert_eq!(sent.body, "the view");
    match bob_socket.recv().await {
        ServerMsg::Message { message } => assert_eq!(message, sent),
        other => panic!("expected the image message, got {other:?}"),
    }
    carol_socket.expect_silence().await;

    for (url, size) in [
        (image.thumb_url(), (400, 133)),
        (image.display_url(), (1600, 533)),
    ] {
        for member in [&ann, &bob] {
            let response = member.get(&url).await;
            assert_eq!(response.status(), StatusCode::OK, "{url}");
            let headers = response.headers();
            assert_eq!(headers["content-type"], "image/jpeg");
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert!(headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("default-src 'none'"));
            assert!(headers["cache-control"]
                .to_str()
                .unwrap()
                .starts_with("private"));
            let bytes = response.bytes().await.unwrap();
            let decoded = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
            assert_eq!((decoded.width(), decoded.height()), size);
        }
        // Not a member or a made-up key: the same 404. Signed out: asked to log in, as for
        // any key (below).
        assert_eq!(carol.get(&url).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            error_of(app.client().get(&url).await).await,
            (StatusCode::UNAUTHORIZED, AppError::NotSignedIn)
        );
    }
    let made_up = "/media/images/0123456789abcdef0123456789abcdef/thumb.jpg";
    assert_eq!(ann.get(made_up).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        error_of(app.client().get(made_up).await).await,
        (StatusCode::UNAUTHORIZED, AppError::NotSignedIn)
    );
    // A socket that was away catches up on it like on text.
    bob_socket
        .send(&parley::protocol::ClientMsg::CatchUp {
            conversation_id: conversation,
            after_change: 0,
        })
        .await;
    match bob_socket.recv().await {
        ServerMsg::CaughtUp { messages, .. } => assert_eq!(messages, vec![sent.clone()]),
        other => panic!("expected the catch-up, got {other:?}"),
    }
    // History carries the image too.
    let view: parley::chat::api::ConversationView = bob
        .get(&format!(
            "/api/chat/conversation?conversation_id={conversation}"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.page.messages.last().unwrap().image, Some(image));
}

async fn a_resend_with_the_same_client_id_stores_one_message_and_one_set_of_files(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let conversation = ann.open_direct(bob.id().await).await;
    let first = send_ok(&ann, conversation, "image-resend-1", "", photo(200, 200)).await;
    let again = send_ok(&ann, conversation, "image-resend-1", "", photo(200, 200)).await;
    assert_eq!(first, again);
    assert_eq!(stored_files(app), 2);
}

async fn deleting_an_image_message_deletes_its_files(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let conversation = ann.open_direct(bob.id().await).await;
    let sent = send_ok(
        &ann,
        conversation,
        "image-delete-1",
        "soon gone",
        photo(500, 500),
    )
    .await;
    let image = sent.image.unwrap();
    assert_eq!(stored_files(app), 2);
    let deleted = ann
        .post_form(
            "/api/chat/delete",
            &[
                ("conversation_id", &conversation.to_string()),
                ("seq", &sent.seq.to_string()),
            ],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    let placeholder: MessageView = deleted.json().await.unwrap();
    assert!(placeholder.deleted && placeholder.image.is_none());
    assert_eq!(stored_files(app), 0);
    assert_eq!(
        ann.get(&image.thumb_url()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bob.get(&image.display_url()).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn bad_files_and_outsiders_are_refused_and_nothing_is_stored(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let carol = app.user("carol").await;
    let conversation = ann.open_direct(bob.id().await).await;
    let truncated = {
        let jpeg = photo(400, 400);
        jpeg[..jpeg.len() / 2].to_vec()
    };
    let html = b"<html><script>alert(1)</script></html>".to_vec();
    for (n, bytes) in [html, truncated].into_iter().enumerate() {
        let (status, error) = error_of(
            ann.send_image(conversation, &format!("image-bad-{n:04}"), "", bytes)
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(error.message_for(Field::Image).is_some(), "{error:?}");
    }
    let (status, error) = error_of(
        ann.send_image(
            conversation,
            "image-too-big",
            "",
            vec![0xFF; 20 * 1024 * 1024 + 1],
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(matches!(error, AppError::TooLarge { .. }));
    let (status, error) = error_of(
        carol
            .send_image(conversation, "image-outsider", "", photo(50, 50))
            .await,
    )
    .await;
    assert_eq!((status, error), (StatusCode::NOT_FOUND, AppError::NotFound));
    let (status, _) = error_of(
        app.client()
            .send_image(conversation, "image-anonymous", "", photo(50, 50))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = error_of(
        ann.send_image(
            conversation,
            "image-long-caption",
            &"x".repeat(4001),
            photo(50, 50),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    assert_eq!(stored_files(app), 0);
    let view: parley::chat::api::ConversationView = ann
        .get(&format!(
            "/api/chat/conversation?conversation_id={conversation}"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert!(view.page.messages.is_empty(), "no message was stored");
}
