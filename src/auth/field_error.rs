use crate::error::{AppError, Field};
use leptos::prelude::*;

/// The message for one field, shown under its input.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: Field,
    id: &'static str,
) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.message_for(field))
            .map(|message| {
                view! { <p class="field-error" id=id role="alert">{message}</p> }
            })
    }
}

/// A message about the form as a whole, such as wrong credentials.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().filter(|e| !e.is_about_a_field()).map(|e| {
            view! { <p class="form-error" role="alert">{e.to_string()}</p> }
        })
    }
}
