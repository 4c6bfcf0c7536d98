//! Smaller protections: an email change ends reset links and tells the old address; the data
//! folder is readable by Parley's user only.

use crate::helpers::{error_of, small_png, TestApp, PASSWORD};
use crate::mail_server::reset_token;
use parley::error::AppError;
use reqwest::StatusCode;
use std::{os::unix::fs::PermissionsExt, path::Path, time::Duration};

/// The outbox's emails, once there are `count` of them.
async fn outbox_messages(app: &TestApp, count: usize) -> Vec<String> {
    let outbox = app.data_dir().join("outbox");
    for _ in 0..100 {
        let mut messages: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&outbox)
            .map(|dir| {
                dir.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .map(|e| {
                        let modified = e.metadata().unwrap().modified().unwrap();
                        (modified, std::fs::read_to_string(e.path()).unwrap())
                    })
                    .collect()
            })
            .unwrap_or_default();
        if messages.len() >= count {
            messages.sort();
            return messages.into_iter().map(|(_, m)| m).collect();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected {count} emails in the outbox");
}

fn mode_problems(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            found.push(format!("{} is {mode:o}", entry.path().display()));
        }
        if entry.file_type().unwrap().is_dir() {
            mode_problems(&entry.path(), found);
        }
    }
}

on_both_databases!(
    changing_the_email_ends_reset_links_and_tells_the_old_address,
    everything_in_the_data_folder_is_private
);

async fn changing_the_email_ends_reset_links_and_tells_the_old_address(app: &TestApp) {
    let ann = app.user("ann").await;
    let forgot = app
        .client()
        .post_form("/api/password/forgot", &[("email", "ann@example.org")])
        .await;
    assert_eq!(forgot.status(), StatusCode::OK);
    let token = reset_token(&outbox_messages(app, 1).await[0]);

    let fields = [
        ("email", "ann.new@example.org"),
        ("current_password", PASSWORD),
    ];
    assert_eq!(
        ann.post_form("/api/account/email", &fields).await.status(),
        StatusCode::OK
    );
    let notice = outbox_messages(app, 2).await.pop().unwrap();
    assert!(notice.contains("To: ann@example.org"), "{notice}");
    assert!(
        notice.contains("Your Parley email address was changed"),
        "{notice}"
    );

    let reset = app
        .client()
        .post_form(
            "/api/password/reset",
            &[("token", &token), ("password", "a brand new password")],
        )
        .await;
    assert_eq!(
        error_of(reset).await,
        (StatusCode::BAD_REQUEST, AppError::ResetLinkInvalid)
    );
    assert_eq!(
        app.client().log_in("ann", PASSWORD).await.status(),
        StatusCode::OK
    );
}

async fn everything_in_the_data_folder_is_private(app: &TestApp) {
    let ann = app.user("ann").await;
    let uploaded = ann.upload_picture(small_png(), "me.png", "image/png").await;
    assert_eq!(uploaded.status(), StatusCode::OK);
    app.client()
        .post_form("/api/password/forgot", &[("email", "ann@example.org")])
        .await;
    outbox_messages(app, 1).await;

    let mode = std::fs::metadata(app.data_dir())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o700);
    let mut problems = Vec::new();
    mode_problems(app.data_dir(), &mut problems);
    assert!(problems.is_empty(), "readable by others: {problems:?}");
    assert!(app.data_dir().join("media").is_dir());
}
