use crate::erased_view::IntoErased;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// What a page that needs a session shows once its first load is in: the page itself, the
/// login form for a visitor without a session, or the error.
pub fn signed_in_or_login<T>(
    loaded: Result<T, AppError>,
    page: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match loaded {
        Ok(data) => page(data),
        Err(AppError::NotSignedIn) => view! { <Redirect path="/login"/> }.erase(),
        Err(error) => view! {
            <main class="auth"><p class="form-error" role="alert">{error.to_string()}</p></main>
        }
        .erase(),
    }
}
