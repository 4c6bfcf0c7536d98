//! Online password guessing and sign-up floods (docs/security.md, "Logins and sign-ups").

use crate::helpers::{error_of, Client, TestApp, PASSWORD};
use parley::error::AppError;
use reqwest::StatusCode;

/// The answer to a refused attempt: 429, a `Retry-After` in seconds and a readable error.
async fn expect_limited(response: reqwest::Response) {
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after > 0);
    let (status, error) = error_of(response).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        matches!(error, AppError::RateLimited { retry_after_s } if retry_after_s == retry_after)
    );
    assert!(
        error
            .to_string()
            .starts_with("Too many attempts. Please try again in "),
        "{error}"
    );
}

async fn wrong_login(client: &Client, username: &str) {
    let (status, _) = error_of(client.log_in(username, "not the password").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

on_both_databases!(
    guessing_one_password_from_one_address_is_stopped_after_five_failures,
    guesses_sprayed_from_many_addresses_cannot_lock_the_owner_out,
    one_address_trying_many_accounts_is_stopped
);

async fn guessing_one_password_from_one_address_is_stopped_after_five_failures(app: &TestApp) {
    app.user("ann").await;
    let guesser = app.client_from("127.0.0.2");
    for _ in 0..5 {
        wrong_login(&guesser, "ann").await;
    }
    // Even the right password is refused now, from there: the guesser learns nothing.
    expect_limited(guesser.log_in("ann", PASSWORD).await).await;
    // Unknown names are limited the same way, so the limit tells nobody who exists.
    for _ in 0..5 {
        wrong_login(&guesser, "nobody").await;
    }
    expect_limited(guesser.log_in("nobody", PASSWORD).await).await;
    // Ann, from her own address, is not affected.
    assert_eq!(
        app.client().log_in("ann", PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn guesses_sprayed_from_many_addresses_cannot_lock_the_owner_out(app: &TestApp) {
    let ann = app.user("ann").await;
    // 20 failures in all (the per-account limit), 4 from each of five addresses, so no
    // single address reaches its own limit of 5.
    for last in 2..=6 {
        let guesser = app.client_from(&format!("127.0.0.{last}"));
        for _ in 0..4 {
            wrong_login(&guesser, "ann").await;
        }
    }
    expect_limited(
        app.client_from("127.0.0.7")
            .log_in("ann", "another guess")
            .await,
    )
    .await;
    // A browser that has never logged into the account waits like everyone else…
    expect_limited(app.client_from("127.0.0.8").log_in("ann", PASSWORD).await).await;
    // …but Ann's own browser, which signed up there, still gets in.
    ann.log_out().await;
    assert_eq!(ann.log_in("ann", PASSWORD).await.status(), StatusCode::OK);
    assert!(ann.me().await.is_some());
}

async fn one_address_trying_many_accounts_is_stopped(app: &TestApp) {
    let sprayer = app.client_from("127.0.0.9");
    for n in 0..30 {
        wrong_login(&sprayer, &format!("user{n}")).await;
    }
    expect_limited(sprayer.log_in("user99", PASSWORD).await).await;
}

on_both_databases!(
    configure(|s| s.limits.signups_per_client.max = 3),
    sign_ups_from_one_address_are_limited
);

async fn sign_ups_from_one_address_are_limited(app: &TestApp) {
    let client = app.client_from("127.0.0.10");
    for n in 0..3 {
        let name = format!("new{n}");
        let response = client
            .sign_up(&name, &format!("{name}@example.org"), PASSWORD)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    expect_limited(client.sign_up("new3", "new3@example.org", PASSWORD).await).await;
    // Nothing was half-written, and other addresses may still sign up.
    let (status, _) = error_of(app.client().log_in("new3", PASSWORD).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let other = app.client_from("127.0.0.11");
    assert_eq!(
        other
            .sign_up("new3", "new3@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}
