//! A person's browser as the tests drive it: cookies of its own, and typed calls for the
//! server functions and pages.

use parley::protocol::UserView;
use reqwest::{cookie::CookieStore, StatusCode};
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use super::Socket;

pub struct Client {
    pub http: reqwest::Client,
    pub(crate) jar: Arc<reqwest::cookie::Jar>,
    pub(crate) base: String,
    pub(crate) addr: SocketAddr,
}

impl Client {
    /// A new browser (cookies of its own, redirects not followed) talking to the node at
    /// `addr` from the loopback address `ip`.
    pub fn browser(addr: SocketAddr, ip: std::net::IpAddr) -> Client {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .local_address(ip)
            // A response that never ends fails its test instead of holding the whole run.
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Client {
            http,
            jar,
            base: format!("http://{addr}"),
            addr,
        }
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .expect("request")
    }

    /// Uploads `bytes` as the `picture` field of a multipart form, named `file_name`.
    pub async fn upload_picture(
        &self,
        bytes: Vec<u8>,
        file_name: &str,
        declared_type: &str,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str(declared_type)
            .unwrap();
        let form = reqwest::multipart::Form::new().part("picture", part);
        self.http
            .post(format!("{}/api/account/picture", self.base))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await
            .expect("request")
    }

    /// Sends an image message through the multipart server function.
    pub async fn send_image(
        &self,
        conversation_id: i64,
        client_id: &str,
        caption: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.send_image_reply(conversation_id, client_id, caption, None, bytes)
            .await
    }

    /// Sends an image message, a reply to message `reply_to_seq` if given.
    pub async fn send_image_reply(
        &self,
        conversation_id: i64,
        client_id: &str,
        caption: &str,
        reply_to_seq: Option<i64>,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("photo.jpg")
            .mime_str("image/jpeg")
            .unwrap();
        let mut form = reqwest::multipart::Form::new()
            .text("conversation_id", conversation_id.to_string())
            .text("client_id", client_id.to_owned())
            .text("caption", caption.to_owned());
        if let Some(seq) = reply_to_seq {
            form = form.text("reply_to_seq", seq.to_string());
        }
        let form = form.part("image", part);
        self.http
            .post(format!("{}/api/chat/image", self.base))
            .header("accept", "application/json")
            .multipart(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }

    /// A page, asked for as a browser's navigation asks (`Accept: text/html`).
    pub async fn page(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header("accept", "text/html")
            .send()
            .await
            .expect("request")
    }

    pub async fn sign_up(&self, username: &str, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/api/signup",
            &[
                ("username", username),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    pub async fn log_in(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/api/login",
            &[("username", username), ("password", password)],
        )
        .await
    }

    pub async fn log_out(&self) -> reqwest::Response {
        self.post_form("/api/logout", &[]).await
    }

    pub async fn me(&self) -> Option<UserView> {
        let response = self.get("/api/me").await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("json")
    }

    pub async fn id(&self) -> i64 {
        self.me().await.expect("signed in").id
    }

    /// Opens (creating on first use) the direct conversation with `user_id`.
    pub async fn open_direct(&self, user_id: i64) -> i64 {
        let response = self
            .post_form("/api/chat/direct", &[("user_id", &user_id.to_string())])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "open direct conversation"
        );
        response.json().await.expect("a conversation id")
    }

    /// The direct conversation with `other`, opened by both of them, so that it is in both
    /// lists before anything is said in it (the other person's list shows a conversation only
    /// once it has a message, or once they open it too).
    pub async fn open_direct_in_both_lists(&self, other: &Client) -> i64 {
        let id = self.open_direct(other.id().await).await;
        assert_eq!(other.open_direct(self.id().await).await, id);
        id
    }

    /// Takes `conversation_id` out of this client's list (`chat/hide`): the answer, to check.
    pub async fn hide(&self, conversation_id: i64) -> reqwest::Response {
        self.post_form(
            "/api/chat/hide",
            &[("conversation_id", &conversation_id.to_string())],
        )
        .await
    }

    pub async fn inbox(&self) -> Vec<parley::protocol::ConversationSummary> {
        let response = self.get("/api/chat/conversations").await;
        assert_eq!(response.status(), StatusCode::OK);
        let view: parley::chat::api::InboxView = response.json().await.expect("json");
        view.conversations
    }

    /// The line of `conversation_id` in this client's list, if it is there.
    pub async fn inbox_line(
        &self,
        conversation_id: i64,
    ) -> Option<parley::protocol::ConversationSummary> {
        self.inbox()
            .await
            .into_iter()
            .find(|c| c.id == conversation_id)
    }

    /// Keeps `name=value` for the whole site, as a script in the page would.
    pub fn set_cookie(&self, name: &str, value: &str) {
        let url = self.base.parse().unwrap();
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    /// The `Cookie` header this client sends.
    pub fn cookie(&self) -> Option<String> {
        let url = self.base.parse().unwrap();
        self.jar
            .cookies(&url)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    pub async fn socket(&self) -> Socket {
        self.try_socket(None).await.expect("the socket opens")
    }

    /// Opens `/ws` with this client's cookie and the given Origin; the refusal's status if any.
    pub async fn try_socket(&self, origin: Option<&str>) -> Result<Socket, StatusCode> {
        let mut request = format!("ws://{}/ws", self.addr)
            .into_client_request()
            .unwrap();
        if let Some(cookie) = self.cookie() {
            request
                .headers_mut()
                .insert("cookie", cookie.parse().unwrap());
        }
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("origin", origin.parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((ws, _)) => Socket::opened(ws).await,
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(StatusCode::from_u16(response.status().as_u16()).unwrap())
            }
            Err(other) => panic!("unexpected socket error: {other}"),
        }
    }
}
