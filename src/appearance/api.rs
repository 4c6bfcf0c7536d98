//! Choosing the theme: a cookie for this device, a year long. Works without signing in (the
//! login page follows it too) and without JavaScript (the form posts, and the page comes back
//! in the new colours).

use super::theme::Theme;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "appearance/theme")]
pub async fn choose_theme(theme: Theme) -> Result<Theme, AppError> {
    use super::theme::THEME_COOKIE;
    use crate::server::request;
    use axum::http::HeaderValue;
    const A_YEAR_S: u64 = 365 * 24 * 3600;
    let cookie = match theme.attribute() {
        Some(value) => format!("{THEME_COOKIE}={value}; Path=/; SameSite=Lax; Max-Age={A_YEAR_S}"),
        None => format!("{THEME_COOKIE}=; Path=/; SameSite=Lax; Max-Age=0"),
    };
    let value = HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    request::set_cookie(value);
    Ok(theme)
}
