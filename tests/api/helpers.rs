use futures_util::{SinkExt, StreamExt};
use parley::{
    error::AppError,
    protocol::{ClientMsg, ServerMsg, UserView},
    server::{
        config::{sqlite_url_in, Settings},
        startup::Application,
        state::AppState,
    },
};
use reqwest::{cookie::CookieStore, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use std::{net::SocketAddr, sync::Arc, time::Duration};
use tokio_tungstenite::{
    tungstenite::{client::IntoClientRequest, Message},
    MaybeTlsStream, WebSocketStream,
};

pub const PASSWORD: &str = "correct horse battery";

/// Runs each scenario twice, on a fresh SQLite file and on a fresh MariaDB database:
/// `module::on_sqlite` and `module::on_mysql`. A MariaDB that cannot be reached fails the test.
/// `on_both_databases! { configure = f; … }` changes the settings with `f` first.
macro_rules! on_both_databases {
    (configure = $configure:expr; $(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: &$crate::helpers::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app = $crate::helpers::TestApp::spawn_with(
                    $crate::helpers::Backend::Sqlite, $configure).await;
                $crate::helpers::within_time_limit(scenario(&app)).await;
                app.teardown().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_mysql() {
                let app = $crate::helpers::TestApp::spawn_with(
                    $crate::helpers::Backend::MySql, $configure).await;
                $crate::helpers::within_time_limit(scenario(&app)).await;
                app.teardown().await;
            }
        }
    )*};
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        on_both_databases! { configure = |_| {}; $(async fn $name($app) $body)* }
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

#[derive(Clone, Copy)]
pub enum Backend {
    Sqlite,
    MySql,
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    pub(crate) mysql_database: Option<String>,
    pub(crate) data_dir: tempfile::TempDir,
}

/// The MariaDB server and account `scripts/services` sets up; `PARLEY_TEST_MYSQL_URL` overrides.
fn mysql_server_url() -> String {
    std::env::var("PARLEY_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://parley:parley@127.0.0.1:3306".into())
}

/// A fresh, empty MariaDB database: its URL and name.
pub(crate) async fn create_mysql_database() -> (String, String) {
    let name = format!(
        "parley_test_{}",
        parley::validation::ClientId::random().as_str()
    );
    let server = mysql_server_url();
    let admin = Database::connect(&server)
        .await
        .unwrap_or_else(|e| panic!("MariaDB must be reachable at {server}: {e}"));
    admin
        .execute_unprepared(&format!("CREATE DATABASE `{name}`"))
        .await
        .expect("create test database");
    (format!("{server}/{name}"), name)
}

pub(crate) async fn drop_mysql_database(name: &str) {
    if let Ok(admin) = Database::connect(&mysql_server_url()).await {
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE `{name}`"))
            .await;
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like `spawn`, with `configure` changing the settings before the app starts.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Settings)) -> Self {
        // The server's log, shown with a failing test's output when RUST_LOG asks for it.
        if std::env::var_os("RUST_LOG").is_some() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
                .with_test_writer()
                .try_init();
        }
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, mysql_database) = match backend {
            Backend::Sqlite => (sqlite_url_in(data_dir.path()), None),
            Backend::MySql => {
                let (url, name) = create_mysql_database().await;
                (url, Some(name))
            }
        };
        let mut settings =
            Settings::from_file_text(include_str!("../../Leptos.toml")).expect("Leptos.toml");
        settings.database_url = database_url;
        settings.data_dir = data_dir.path().to_path_buf();
        settings.leptos_options.site_addr = "127.0.0.1:0".parse().unwrap();
        // The build's hash.txt sits beside the release binary, not beside the test binary.
        settings.leptos_options.hash_files = false;
        // Every test signs its users up from 127.0.0.1; the limit's own test sets it back.
        settings.limits.signups_per_client.max = 100_000;
        configure(&mut settings);
        let app = Application::build(settings).await.expect("the app starts");
        let addr = app.local_addr();
        let state = app.state.clone();
        tokio::spawn(app.run_until_stopped());
        Self {
            addr,
            state,
            mysql_database,
            data_dir,
        }
    }

    pub async fn teardown(self) {
        if let Some(name) = &self.mysql_database {
            drop_mysql_database(name).await;
        }
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self.data_dir.path()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn client(&self) -> Client {
        self.client_from("127.0.0.1")
    }

    /// A client whose connections come from `ip`, another address of the loopback range
    /// (127.0.0.2, …): for limits that count per client address.
    pub fn client_from(&self, ip: &str) -> Client {
        Client::browser(self.addr, ip.parse().expect("an IP address"))
    }

    /// A client already signed up as `name` (email `name@example.org`, password `PASSWORD`).
    pub async fn user(&self, name: &str) -> Client {
        let client = self.client();
        let response = client
            .sign_up(name, &format!("{name}@example.org"), PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "sign-up of {name} failed"
        );
        client
    }
}

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

    pub async fn inbox(&self) -> Vec<parley::protocol::ConversationSummary> {
        let response = self.get("/api/chat/conversations").await;
        assert_eq!(response.status(), StatusCode::OK);
        let view: parley::chat::api::InboxView = response.json().await.expect("json");
        view.conversations
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
            Ok((ws, _)) => {
                let mut socket = Socket {
                    ws,
                    presence: false,
                };
                // A session that ended while the socket opened is closed before `ready`.
                match socket.first_frame().await {
                    Some(ServerMsg::Ready { .. }) => Ok(socket),
                    Some(other) => panic!("expected ready, got {other:?}"),
                    None => Err(StatusCode::UNAUTHORIZED),
                }
            }
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(StatusCode::from_u16(response.status().as_u16()).unwrap())
            }
            Err(other) => panic!("unexpected socket error: {other}"),
        }
    }
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

pub struct Socket {
    pub(crate) ws: WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>,
    /// Whether `presence` frames are kept. They come whenever someone one shares a
    /// conversation with connects or leaves, so other tests skip them (`hearing_presence`).
    presence: bool,
}

impl Socket {
    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&serde_json::to_string(msg).unwrap()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.expect("send");
    }

    /// Sends a message to the global room and waits for its acknowledgement.
    pub async fn say(&mut self, client_id: &str, body: &str) -> parley::protocol::MessageView {
        self.say_in(parley::protocol::GLOBAL_CONVERSATION_ID, client_id, body)
            .await
    }

    /// Sends a message to a conversation and waits for its acknowledgement.
    pub async fn say_in(
        &mut self,
        conversation_id: i64,
        client_id: &str,
        body: &str,
    ) -> parley::protocol::MessageView {
        self.send(&ClientMsg::Send {
            conversation_id,
            client_id: client_id.into(),
            body: body.into(),
            reply_to_seq: None,
        })
        .await;
        match self.recv().await {
            ServerMsg::Ack {
                client_id: acked,
                message,
            } if acked == client_id => message,
            other => panic!("expected the ack of {client_id}, got {other:?}"),
        }
    }

    /// The first text frame, or `None` when the server closes the socket first.
    async fn first_frame(&mut self) -> Option<ServerMsg> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("a frame within 5 s");
            match frame {
                Some(Ok(Message::Text(text))) => {
                    match serde_json::from_str(&text).expect("a ServerMsg") {
                        // Someone else's presence may be queued before `ready`.
                        ServerMsg::Presence { .. } => continue,
                        msg => return Some(msg),
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            }
        }
    }

    /// The next frame; fails the test after 5 seconds of silence.
    pub async fn recv(&mut self) -> ServerMsg {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .expect("a readable frame");
            if self.is_skipped(&frame) {
                continue;
            }
            if let Message::Text(text) = frame {
                return serde_json::from_str(&text).expect("a ServerMsg");
            }
        }
    }

    /// Asserts that nothing arrives for a moment (`presence` frames aside, unless heard).
    pub async fn expect_silence(&mut self) {
        let until = tokio::time::Instant::now() + Duration::from_millis(400);
        while let Ok(Some(Ok(frame))) = tokio::time::timeout_at(until, self.ws.next()).await {
            if !self.is_skipped(&frame) {
                panic!("expected silence, got {frame:?}");
            }
        }
    }

    /// From now on `recv` and `expect_silence` include `presence` frames.
    pub fn hearing_presence(mut self) -> Self {
        self.presence = true;
        self
    }

    fn is_skipped(&self, frame: &Message) -> bool {
        !self.presence
            && matches!(frame, Message::Text(text)
                if matches!(serde_json::from_str(text), Ok(ServerMsg::Presence { .. })))
    }

    /// True when the server closes the socket within 5 seconds (frames before that are skipped).
    pub async fn is_closed_soon(&mut self) -> bool {
        self.is_closed_within(Duration::from_secs(5)).await
    }

    /// True when the server closes the socket within `wait` (frames before that are skipped).
    pub async fn is_closed_within(&mut self, wait: Duration) -> bool {
        let closed = async {
            loop {
                match self.ws.next().await {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return,
                    Some(Ok(_)) => {}
                }
            }
        };
        tokio::time::timeout(wait, closed).await.is_ok()
    }

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }
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
