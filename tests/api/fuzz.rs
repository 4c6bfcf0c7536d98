//! Bounded fuzzing of everything the server decodes from outside, against the real server:
//! socket frames, server-function bodies, multipart forms and session cookies. Each target
//! runs for about three seconds from a fixed seed (printed on failure, so a failure replays).
//! What must hold: the server never answers 5xx and never drops the connection on bad input;
//! refusals are typed errors whose text says what is wrong.

use crate::helpers::{say, without_rate_limits, Client, TestApp};
use parley::{
    error::AppError,
    protocol::{ClientMsg, ServerMsg, GLOBAL_CONVERSATION_ID},
    server::mutate::Mutator,
};
use std::time::{Duration, Instant};

const BUDGET: Duration = Duration::from_secs(3);

fn valid_frames() -> Vec<Vec<u8>> {
    let frames = [
        say("fuzz-seed-1", "hello"),
        ClientMsg::CatchUp {
            conversation_id: GLOBAL_CONVERSATION_ID,
            after_change: 0,
        },
        ClientMsg::MarkRead {
            conversation_id: GLOBAL_CONVERSATION_ID,
            seq: 1,
        },
        ClientMsg::Delete {
            conversation_id: GLOBAL_CONVERSATION_ID,
            seq: 1,
        },
        ClientMsg::Ping,
    ];
    frames
        .iter()
        .map(|f| serde_json::to_vec(f).unwrap())
        .collect()
}

/// A refusal must name its problem; `context` says which input got it, so a failure replays.
fn assert_readable(error: &AppError, context: &str) {
    let text = error.to_string();
    assert!(
        text.len() > 10 && !text.contains("panicked"),
        "unhelpful error: {text} ({context})"
    );
}

/// Async rounds until the budget is spent (for_a_while is for synchronous rounds).
async fn rounds_for_a_while(max: usize, mut round: impl AsyncFnMut(usize)) -> usize {
    let start = Instant::now();
    let mut n = 0;
    while n < max && start.elapsed() < BUDGET {
        round(n).await;
        n += 1;
    }
    n
}

async fn expect_typed_refusal_or_success(
    response: reqwest::Response,
    what: &str,
    seed: u64,
    round: usize,
) {
    let status = response.status();
    assert!(
        !status.is_server_error(),
        "{what}: {status} (seed {seed}, round {round})"
    );
    if status.is_client_error() {
        let text = response.text().await.unwrap();
        let error: AppError = serde_json::from_str(&text).unwrap_or_else(|_| {
            panic!("{what}: {status} without an AppError: {text} (seed {seed}, round {round})")
        });
        assert_readable(&error, &format!("{what}, seed {seed}, round {round}"));
    }
}

async fn still_serving(client: &Client) {
    let response = client.get("/api/me").await;
    assert_eq!(
        response.status(),
        reqwest::StatusCode::OK,
        "the server still answers"
    );
}

// Fuzzing sends frames far faster than a person: the rates would refuse most of them
// before they reached a decoder.
on_both_databases!(
    configure(without_rate_limits),
    mangled_socket_frames_get_a_refusal_never_a_panic_or_a_dropped_socket,
    mangled_form_bodies_get_a_typed_4xx_never_a_5xx,
    mangled_multipart_uploads_get_a_typed_4xx_never_a_5xx,
    mangled_session_cookies_are_simply_signed_out
);

async fn mangled_socket_frames_get_a_refusal_never_a_panic_or_a_dropped_socket(app: &TestApp) {
    let ann = app.user("ann").await;
    let mut socket = ann.socket().await;
    socket
        .say("fuzz-first", "something to delete and read")
        .await;
    let seeds = valid_frames();
    let mut mutator = Mutator::new(7);
    let rounds = rounds_for_a_while(2_000, async |round| {
        let seed = mutator.pick(&seeds);
        let frame = mutator.mutate(seed);
        socket.send_text(&String::from_utf8_lossy(&frame)).await;
        // A marker no mangled frame can forge: everything before its ack answers the
        // mangled frame, and all of that is readable.
        let marker = format!("sync-{round:06}");
        socket.send(&say(&marker, "sync")).await;
        loop {
            match socket.recv().await {
                ServerMsg::Ack { client_id, .. } if client_id == marker => break,
                ServerMsg::Rejected { error, .. } => {
                    assert_readable(&error, &format!("frame of round {round}"))
                }
                _ => {}
            }
        }
    })
    .await;
    eprintln!("{rounds} mangled frames (seed {})", mutator.seed);
    socket.say("fuzz-last", "still here").await;
}

async fn mangled_form_bodies_get_a_typed_4xx_never_a_5xx(app: &TestApp) {
    let ann = app.user("ann").await;
    let seeds: [(&str, &[u8]); 5] = [
        ("/api/login", b"username=ann&password=correct+horse+battery"),
        (
            "/api/signup",
            b"username=zed&email=zed%40example.org&password=correct+horse",
        ),
        (
            "/api/chat/send",
            b"conversation_id=1&client_id=fuzz-form-1&body=hi",
        ),
        ("/api/account/username", b"username=annie"),
        ("/api/chat/read", b"conversation_id=1&seq=1"),
    ];
    let mut mutator = Mutator::new(11);
    let rounds = rounds_for_a_while(2_000, async |round| {
        let (path, body) = *mutator.pick(&seeds);
        let body = mutator.mutate(body);
        let response = ann
            .http
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        expect_typed_refusal_or_success(response, path, mutator.seed, round).await;
    })
    .await;
    eprintln!("{rounds} mangled form bodies (seed {})", mutator.seed);
    still_serving(&ann).await;
}

async fn mangled_multipart_uploads_get_a_typed_4xx_never_a_5xx(app: &TestApp) {
    let ann = app.user("ann").await;
    let boundary = "fuzzboundary";
    let valid = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"conversation_id\"\r\n\r\n1\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\nfuzz-image-1\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\r\n\u{89}PNG\r\n\u{1a}\n\r\n--{boundary}--\r\n"
    );
    let mut mutator = Mutator::new(13);
    let rounds = rounds_for_a_while(1_000, async |round| {
        let body = mutator.mutate(valid.as_bytes());
        let response = ann
            .http
            .post(app.url("/api/chat/image"))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        expect_typed_refusal_or_success(response, "/api/chat/image", mutator.seed, round).await;
    })
    .await;
    eprintln!("{rounds} mangled multipart bodies (seed {})", mutator.seed);
    still_serving(&ann).await;
}

async fn mangled_session_cookies_are_simply_signed_out(app: &TestApp) {
    let ann = app.user("ann").await;
    let cookie = ann.cookie().unwrap();
    let mut mutator = Mutator::new(17);
    let plain = reqwest::Client::new();
    let rounds = rounds_for_a_while(2_000, async |round| {
        let mangled = mutator.mutate(cookie.as_bytes());
        let Ok(value) = reqwest::header::HeaderValue::from_bytes(&mangled) else {
            return; // not a header a client could send
        };
        let response = plain
            .get(app.url("/api/me"))
            .header("cookie", value)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::OK,
            "seed {}, round {round}",
            mutator.seed
        );
        let me: Option<serde_json::Value> = response.json().await.unwrap();
        if let Some(me) = me {
            // Only the untouched token may still be Ann: mutations that left it intact.
            assert_eq!(me["username"], "ann");
        }
    })
    .await;
    eprintln!("{rounds} mangled cookies (seed {})", mutator.seed);
}
