//! What every scenario uses: the two-database macro, the time limit, error readers and small
//! fixtures. The app under test, a person's HTTP client and their socket have a file each.

use parley::{error::AppError, protocol::ClientMsg, server::config::Settings};
use reqwest::StatusCode;
use std::time::Duration;

mod app;
mod client;
mod socket;

pub use app::*;
pub use client::*;
pub use socket::*;

pub const PASSWORD: &str = "correct horse battery";

/// Runs each named scenario (an ordinary `async fn name(app: &TestApp)` in the same file) twice,
/// on a fresh SQLite file and on a fresh MariaDB database: `name::on_sqlite` and
/// `name::on_mysql`. A MariaDB that cannot be reached fails the test.
/// `on_both_databases!(configure(f), a, b)` changes the settings with `f` first. The scenarios
/// stay outside the macro so that rustfmt formats them.
macro_rules! on_both_databases {
    (configure($configure:expr), $($name:ident),+ $(,)?) => {$(
        mod $name {
            // `$configure` names what the scenario's file imports.
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app = $crate::helpers::TestApp::spawn_with(
                    $crate::helpers::Backend::Sqlite, $configure).await;
                $crate::helpers::within_time_limit(super::$name(&app)).await;
                app.teardown().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_mysql() {
                let app = $crate::helpers::TestApp::spawn_with(
                    $crate::helpers::Backend::MySql, $configure).await;
                $crate::helpers::within_time_limit(super::$name(&app)).await;
                app.teardown().await;
            }
        }
    )+};
    ($($name:ident),+ $(,)?) => {
        on_both_databases!(configure(|_| {}), $($name),+);
    };
}

/// A scenario that hangs fails after five minutes, naming itself, rather than holding the test
/// command until CI gives up on it with no word of which test it was.
pub async fn within_time_limit(scenario: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(Duration::from_secs(300), scenario)
        .await
        .is_err()
    {
        panic!("the scenario did not finish within 5 minutes");
    }
}

/// For tests about something else than rates (fuzzing, heavy messages): sends and frames as
/// fast as a program can make them.
pub fn without_rate_limits(settings: &mut Settings) {
    use parley::server::limits::Bucket;
    let limits = &mut settings.limits;
    limits.frames_per_connection = Bucket::new("frames", 1_000_000, 1_000_000.0);
    limits.sends_per_user = Bucket::new("sends", 1_000_000, 1_000_000.0);
}

/// The status and typed error of a failed server-function call.
pub async fn error_of(response: reqwest::Response) -> (StatusCode, AppError) {
    let status = response.status();
    let text = response.text().await.unwrap();
    let error = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not an AppError: {text}"));
    (status, error)
}

/// The page a browser is shown for an error (`server::error_pages`): its status and text, after
/// checking that it is a page no one keeps and that runs nothing.
pub async fn error_page_of(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-store");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    (status, response.text().await.unwrap())
}

/// A small real PNG, for uploads whose content does not matter.
pub fn small_png() -> Vec<u8> {
    use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
    let image = RgbImage::from_fn(32, 32, |x, y| Rgb([x as u8 * 8, y as u8 * 8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub fn say(client_id: &str, body: &str) -> ClientMsg {
    ClientMsg::Send {
        conversation_id: parley::protocol::GLOBAL_CONVERSATION_ID,
        client_id: client_id.into(),
        body: body.into(),
        reply_to_seq: None,
    }
}
