use crate::server::{
    config::Settings, mail::Mailer, password_reset::ResetLimits, session::SessionKeys,
    storage::BlobStore, ws::Hub,
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
    pub hub: Arc<Hub>,
    pub keys: Arc<SessionKeys>,
    pub settings: Arc<Settings>,
    /// Picture files.
    pub store: Arc<dyn BlobStore>,
    pub mailer: Arc<Mailer>,
    pub reset_limits: Arc<ResetLimits>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.settings.leptos_options.clone()
    }
}
