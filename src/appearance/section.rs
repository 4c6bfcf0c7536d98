//! The settings page's "Appearance" section: Light, Dark or System, for this device.

use super::{api::ChooseTheme, theme::Theme};
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;

#[component]
pub fn AppearanceSection() -> impl IntoView {
    let current = RwSignal::new(Theme::current());
    let choose = ServerAction::<ChooseTheme>::new();
    Effect::new(move || {
        if let Some(Ok(theme)) = choose.value().get() {
            current.set(theme);
            #[cfg(feature = "hydrate")]
            theme.apply_to_page();
        }
    });
    view! {
        <section class="auth-form appearance" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">"Appearance"</h2>
            <p class="hint">"For this device. System follows your device's light or dark setting."</p>
            <div class="theme-choices" role="group" aria-label="Theme">
                {Theme::ALL.into_iter().map(|theme| view! {
                    <ActionForm action=choose>
                        {sync_hydrated(view! {
                            <input type="hidden" name="theme" value=theme.value()/>
                            <button type="submit" class="theme-choice"
                                aria-pressed=move || (current.get() == theme).to_string()>
                                {theme.label()}
                            </button>
                        })}
                    </ActionForm>
                }).collect_view()}
            </div>
        </section>
    }
}
