//! Profile pictures over HTTP: upload (multipart), serve, replace, remove, refuse bad files.

use crate::helpers::{error_of, Client, TestApp};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use parley::error::{AppError, Field};
use parley::protocol::UserView;
use reqwest::StatusCode;
use std::io::Cursor;

fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

async fn upload_ok(client: &Client, bytes: Vec<u8>) -> String {
    let response = client.upload_picture(bytes, "me.png", "image/png").await;
    assert_eq!(response.status(), StatusCode::OK);
    let user: UserView = response.json().await.unwrap();
    user.picture.expect("the answer names the new picture")
}

fn url(key: &str, size: u32) -> String {
    parley::protocol::picture_url(key, size)
}

on_both_databases!(
    an_uploaded_picture_is_served_as_square_jpegs_with_safe_headers,
    other_people_see_the_picture_in_search_the_list_and_messages,
    bad_files_are_refused_clearly_and_the_old_picture_stays,
    replacing_or_removing_a_picture_deletes_the_old_files,
    only_a_signed_in_user_changes_only_their_own_picture
);

async fn an_uploaded_picture_is_served_as_square_jpegs_with_safe_headers(app: &TestApp) {
    let ann = app.user("ann").await;
    let key = upload_ok(&ann, picture(ImageFormat::Png, 500, 300)).await;
    for size in [256, 64] {
        let response = app.client().get(&url(&key, size)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers();
        assert_eq!(headers["content-type"], "image/jpeg");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000"));
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
        let bytes = response.bytes().await.unwrap();
        let served = image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).unwrap();
        assert_eq!((served.width(), served.height()), (size, size));
    }
    // The original upload is not kept anywhere: only the two renditions exist.
    let stored: Vec<_> = walk(&app.data_dir().join("media"))
        .into_iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert!(stored
        .iter()
        .all(|name| name == "256.jpg" || name == "64.jpg"));
}

async fn other_people_see_the_picture_in_search_the_list_and_messages(app: &TestApp) {
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    let key = upload_ok(&ann, picture(ImageFormat::WebP, 80, 80)).await;
    let found: parley::people::api::UserSearchPage = bob
        .get("/api/users/search?query=ann")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.users[0].picture.as_deref(), Some(key.as_str()));
    let conversation = bob.open_direct(ann.id().await).await;
    ann.socket()
        .await
        .say_in(conversation, "picture-message-1", "hello")
        .await;
    let inbox = bob.inbox().await;
    let direct = inbox.iter().find(|c| c.id == conversation).unwrap();
    assert_eq!(
        direct.peer.as_ref().unwrap().picture.as_deref(),
        Some(key.as_str())
    );
    assert_eq!(
        direct
            .last_message
            .as_ref()
            .unwrap()
            .sender
            .picture
            .as_deref(),
        Some(key.as_str())
    );
    assert_eq!(
        ann.me().await.unwrap().picture.as_deref(),
        Some(key.as_str())
    );
}

async fn bad_files_are_refused_clearly_and_the_old_picture_stays(app: &TestApp) {
    let ann = app.user("ann").await;
    let key = upload_ok(&ann, picture(ImageFormat::Jpeg, 64, 64)).await;
    let html = b"<!DOCTYPE html><script>alert(1)</script>".to_vec();
    let truncated = {
        let jpeg = picture(ImageFormat::Jpeg, 400, 400);
        jpeg[..jpeg.len() / 2].to_vec()
    };
    for (bytes, name) in [
        (html, "cat.png"),
        (truncated, "cut.jpg"),
        (Vec::new(), "empty.png"),
    ] {
        let (status, error) = error_of(ann.upload_picture(bytes, name, "image/png").await).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert!(
            error.message_for(Field::Picture).is_some(),
            "{name}: {error:?}"
        );
    }
    // More than 10 MB is refused before it is decoded.
    let (status, error) = error_of(
        ann.upload_picture(vec![0; 10 * 1024 * 1024 + 1], "big.png", "image/png")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(matches!(error, AppError::TooLarge { .. }));
    assert_eq!(
        ann.me().await.unwrap().picture.as_deref(),
        Some(key.as_str())
    );
    assert_eq!(
        app.client().get(&url(&key, 64)).await.status(),
        StatusCode::OK
    );
}

async fn replacing_or_removing_a_picture_deletes_the_old_files(app: &TestApp) {
    let ann = app.user("ann").await;
    let first = upload_ok(&ann, picture(ImageFormat::Gif, 50, 50)).await;
    let second = upload_ok(&ann, picture(ImageFormat::Png, 50, 50)).await;
    assert_ne!(first, second);
    assert_eq!(
        app.client().get(&url(&first, 256)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client().get(&url(&second, 256)).await.status(),
        StatusCode::OK
    );
    let removed = ann.post_form("/api/account/picture/remove", &[]).await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(ann.me().await.unwrap().picture, None);
    assert_eq!(
        app.client().get(&url(&second, 256)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(walk(&app.data_dir().join("media")).is_empty());
}

async fn only_a_signed_in_user_changes_only_their_own_picture(app: &TestApp) {
    let anonymous = app.client();
    let (status, error) = error_of(
        anonymous
            .upload_picture(picture(ImageFormat::Png, 8, 8), "x.png", "image/png")
            .await,
    )
    .await;
    assert_eq!(
        (status, error),
        (StatusCode::UNAUTHORIZED, AppError::NotSignedIn)
    );
    let (status, _) = error_of(
        anonymous
            .post_form("/api/account/picture/remove", &[])
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The upload takes no user id: ann's upload changes ann, and bob stays as he was.
    let ann = app.user("ann").await;
    let bob = app.user("bob").await;
    upload_ok(&ann, picture(ImageFormat::Png, 8, 8)).await;
    assert_eq!(bob.me().await.unwrap().picture, None);
    // Addresses that are not a picture's are 404, including attempts to leave the folder.
    for path in [
        "/media/pictures/0123456789abcdef0123456789abcdef/256.jpg",
        "/media/pictures/..%2F..%2Fjwt-secret/256.jpg",
        "/media/pictures/abc/64.jpg",
    ] {
        assert_eq!(
            app.client().get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

/// Every file under `dir` (none if it does not exist).
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}
