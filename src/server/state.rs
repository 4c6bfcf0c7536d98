use crate::server::{
    config::Settings,
    fanout::FanOut,
    limits::LimitStore,
    mail::Mailer,
    presence::Presence,
    send_queue::SendQueue,
    session::{PasswordHasher, SessionKeys},
    storage::BlobStore,
    wasm_pieces::WasmPieces,
    ws::Registry,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Everything a handler or server function needs, handed to Leptos as context and to axum as
/// state. No globals, so several apps can run in one test process.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// This node's sockets (for counting and registering them).
    pub sockets: Arc<Registry>,
    /// Everything that reaches sockets goes through here, to every node.
    pub fanout: Arc<dyn FanOut>,
    /// Stores new messages in batches, one commit each.
    pub sends: SendQueue,
    pub keys: Arc<SessionKeys>,
    pub settings: Arc<Settings>,
    /// Media files: profile pictures and chat images (a folder, or an object store).
    pub files: Arc<dyn BlobStore>,
    pub mailer: Arc<Mailer>,
    /// Counts hits for the rate limits in `settings.limits`.
    pub limits: Arc<dyn LimitStore>,
    /// Who is online, on this node and the others.
    pub presence: Arc<Presence>,
    /// Runs the Argon2 checks, a bounded number at a time.
    pub hasher: Arc<PasswordHasher>,
    /// The files of each piece of the wasm, for pages to name in their `<head>`.
    pub wasm_pieces: Arc<WasmPieces>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.settings.leptos_options.clone()
    }
}
