use crate::error::AppError;
use leptos::prelude::*;

/// A message about the form as a whole, such as wrong credentials. Field errors show under
/// their fields instead (`FormField`).
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().filter(|e| !e.is_about_a_field()).map(|e| {
            view! { <p class="form-error" role="alert">{e.to_string()}</p> }
        })
    }
}
