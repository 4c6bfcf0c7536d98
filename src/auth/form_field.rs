use crate::error::{AppError, Field};
use leptos::prelude::*;

/// A labelled input whose name matches its server-function argument, with an optional hint
/// and the server's message for this field under it.
#[component]
pub fn FormField(
    /// The input's name, and the argument it fills.
    name: &'static str,
    /// The input's id when `name` is not unique on the page.
    #[prop(optional)]
    id: Option<&'static str>,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The field whose errors show here; `None` for fields that only fail as a whole form.
    #[prop(optional)]
    field: Option<Field>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = id.unwrap_or(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = move || {
        let field = field?;
        error.with(|e| e.as_ref().and_then(|e| e.message_for(field)))
    };
    view! {
        <label for=id>{label}</label>
        <input id=id name=name type=input_type required autocomplete=autocomplete
            // No capitals or corrections forced on names and addresses by phone keyboards.
            autocapitalize="none" spellcheck="false"
            aria-describedby=format!("{hint_id} {error_id}")
            aria-invalid=move || message().is_some().to_string()/>
        {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
        {move || message().map(|m| view! { <p class="field-error" id=error_id.clone() role="alert">{m}</p> })}
    }
}
