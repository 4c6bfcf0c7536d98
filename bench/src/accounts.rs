//! Accounts for the load, signed up over HTTP like a browser, a few at a time.

use std::net::SocketAddr;

pub const PASSWORD: &str = "benchmark password 123";

/// Signs up `count` accounts named `{prefix}{i}` at `addr`; their session cookies, in order.
pub async fn sign_up(addr: SocketAddr, count: usize, prefix: &str) -> Vec<String> {
    let http = reqwest::Client::new();
    let mut cookies = Vec::with_capacity(count);
    // Argon2 runs one hash per core: more at once only queues.
    for chunk in (0..count).collect::<Vec<_>>().chunks(4) {
        let requests = chunk.iter().map(|i| {
            let name = format!("{prefix}{i}");
            let form = [
                ("username", name.clone()),
                ("email", format!("{name}@example.org")),
                ("password", PASSWORD.to_string()),
            ];
            http.post(format!("http://{addr}/api/signup"))
                .form(&form)
                .send()
        });
        for response in futures_util::future::join_all(requests).await {
            let response = response.expect("the sign-up request");
            assert!(
                response.status().is_success(),
                "sign-up failed: {}",
                response.status()
            );
            let cookie = response
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok()?.split(';').next())
                .collect::<Vec<_>>()
                .join("; ");
            cookies.push(cookie);
        }
    }
    cookies
}
