//! What a server function knows about the request it is answering.

use crate::{
    error::AppError,
    server::{
        session::{authenticate, SessionUser},
        state::AppState,
    },
};
use axum::http::{header, request::Parts, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or(AppError::Internal)
}

/// The signed-in user, or `None`.
pub async fn current_user(state: &AppState) -> Result<Option<SessionUser>, AppError> {
    authenticate(state, &parts()?.headers).await
}

/// The signed-in user, or `NotSignedIn`.
pub async fn require_user() -> Result<(AppState, SessionUser), AppError> {
    let state = app_state()?;
    let user = current_user(&state).await?.ok_or(AppError::NotSignedIn)?;
    Ok((state, user))
}

/// What the browser says it is (`User-Agent`), for the list of sessions.
pub fn user_agent() -> String {
    parts()
        .ok()
        .and_then(|p| {
            p.headers
                .get(header::USER_AGENT)?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// The value of the request's cookie `name`.
pub fn cookie(name: &str) -> Option<String> {
    // Read in place: a page asks for several (the theme, the offset from UTC, twice), and
    // `use_context` would copy every header of the request each time.
    leptos::prelude::with_context::<Parts, _>(|parts| {
        crate::server::session::read_cookie(&parts.headers, name).map(str::to_owned)
    })
    .flatten()
}

pub fn set_cookie(value: HeaderValue) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Cookies get `Secure` when configured, or when a proxy in front says it served https.
pub fn wants_secure_cookie(state: &AppState) -> bool {
    let via_https = parts().ok().is_some_and(|p| {
        p.headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
    });
    state.settings.cookie_secure || via_https
}

/// The address of the client (or of the proxy in front of Parley) that sent the request.
pub async fn client_ip() -> Result<std::net::IpAddr, AppError> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "no client address on the request");
            AppError::Internal
        })?;
    Ok(addr.ip())
}
