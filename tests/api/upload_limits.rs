//! Multipart bodies are bounded: fields, text lengths, the whole body, and a missing boundary.

use crate::helpers::{error_of, TestApp};
use parley::error::AppError;
use reqwest::StatusCode;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

on_both_databases!(
    a_multipart_request_without_a_boundary_is_a_clear_400,
    too_many_fields_or_too_long_a_field_is_refused_with_413,
    a_body_declared_larger_than_the_limit_is_refused_before_it_is_read
);

async fn a_multipart_request_without_a_boundary_is_a_clear_400(app: &TestApp) {
    let ann = app.user("ann").await;
    for path in ["/api/chat/image", "/api/account/picture"] {
        let response = ann
            .http
            .post(app.url(path))
            .header("content-type", "multipart/form-data")
            .header("accept", "application/json")
            .body("--x\r\n\r\n--x--\r\n")
            .send()
            .await
            .expect("an answer, not a dropped connection");
        let (status, error) = error_of(response).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(error.to_string().contains("boundary"), "{error}");
    }
    // The server is still there.
    assert!(ann.me().await.is_some());
}

async fn too_many_fields_or_too_long_a_field_is_refused_with_413(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut crowded = reqwest::multipart::Form::new();
    for n in 0..100 {
        crowded = crowded.text(format!("field{n}"), "x".repeat(100));
    }
    let too_long = reqwest::multipart::Form::new()
        .text("conversation_id", "1")
        .text("client_id", "too-long-caption")
        .text("caption", "x".repeat(100 * 1024));
    for (form, says) in [(crowded, "too many fields"), (too_long, "too long")] {
        let response = ann
            .http
            .post(app.url("/api/chat/image"))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await
            .unwrap();
        let (status, error) = error_of(response).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(matches!(error, AppError::TooLarge { .. }));
        assert!(error.to_string().contains(says), "{error}");
    }
}

async fn a_body_declared_larger_than_the_limit_is_refused_before_it_is_read(app: &TestApp) {
    // Twelve megabytes declared, not one byte sent: the answer must come anyway.
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = "POST /api/account/picture HTTP/1.1\r\nHost: parley\r\n\
                Content-Type: multipart/form-data; boundary=x\r\n\
                Content-Length: 12582912\r\nAccept: application/json\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0; 4096];
    while !answer.ends_with(b"}") {
        let read = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buffer))
            .await
            .expect("an answer before the body is sent")
            .unwrap();
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..read]);
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("at most 10 MB"), "{answer}");
}
