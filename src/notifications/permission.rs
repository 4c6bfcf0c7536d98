//! What the browser says about notifications for this site.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The server renders the section before anything is known; only the browser builds these.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Permission {
    /// This browser offers none here (iPhone Safari outside a Home Screen app, for one).
    Unsupported,
    /// Not asked yet.
    Ask,
    Granted,
    /// Refused; only the browser's site settings can change that.
    Denied,
}

impl Permission {
    #[cfg(feature = "hydrate")]
    pub fn now() -> Self {
        use web_sys::NotificationPermission as P;
        let supported = js_sys::Reflect::has(&leptos::prelude::window(), &"Notification".into())
            .unwrap_or(false);
        if !supported {
            return Self::Unsupported;
        }
        match web_sys::Notification::permission() {
            P::Granted => Self::Granted,
            P::Denied => Self::Denied,
            _ => Self::Ask,
        }
    }

    /// Asks the browser (it shows its own prompt), then calls `answered` with the outcome.
    #[cfg(feature = "hydrate")]
    pub fn request(answered: impl FnOnce(Self) + 'static) {
        use wasm_bindgen::closure::Closure;
        let Ok(promise) = web_sys::Notification::request_permission() else {
            return answered(Self::now());
        };
        let then = Closure::once(move |_| answered(Self::now()));
        let _ = promise.then(&then);
        // Called once, by the browser, when the person answers.
        then.forget();
    }
}
