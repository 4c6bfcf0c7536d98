//! The settings page's "Notifications" section: the one place that asks the browser for
//! permission (a person asks for it with a click; nothing asks on page load), and whether
//! notifications show the message's text.

use super::{permission::Permission, preferences};
use leptos::prelude::*;

#[component]
pub fn NotificationsSection() -> impl IntoView {
    // Unknown while rendered on the server; the browser fills it in.
    let permission = RwSignal::new(None::<Permission>);
    let show_text = RwSignal::new(true);
    Effect::new(move || {
        #[cfg(feature = "hydrate")]
        {
            permission.set(Some(Permission::now()));
            show_text.set(preferences::show_text());
        }
    });
    let turn_on = move |_| {
        #[cfg(feature = "hydrate")]
        Permission::request(move |answer| permission.set(Some(answer)));
    };
    let status = move || match permission.get() {
        None => "",
        Some(Permission::Unsupported) => {
            "This browser does not offer notifications here. On an iPhone, add Parley to the \
             Home Screen first."
        }
        Some(Permission::Ask) => {
            "Get a notification for new messages in direct conversations while Parley is in \
             the background."
        }
        Some(Permission::Granted) => {
            "On in this browser, for direct conversations you have not muted, while Parley is \
             in the background."
        }
        Some(Permission::Denied) => {
            "Blocked in this browser. To allow them, change the site's notification setting \
             in the browser."
        }
    };
    view! {
        <section class="auth-form notifications" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">"Notifications"</h2>
            <p class="hint" role="status">{status}</p>
            <Show when=move || permission.get() == Some(Permission::Ask)>
                <button type="button" on:click=turn_on>"Turn on notifications"</button>
            </Show>
            <label class="checkbox">
                // `prop:` draws nothing on the server: the attribute shows the default there
                // (a person's own choice is in the browser's storage).
                <input type="checkbox" checked=show_text.get_untracked() prop:checked=move || show_text.get()
                    on:change:target=move |ev| {
                        let show = ev.target().checked();
                        show_text.set(show);
                        preferences::set_show_text(show);
                    }/>
                "Show the message's text in notifications"
            </label>
        </section>
    }
}
