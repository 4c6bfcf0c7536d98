//! Work that must wait until the page has finished hydrating.
//!
//! While Leptos hydrates, a signal's new value does not reach the page: hydration takes the
//! server's HTML as already matching the first value. Anything that would change what the page
//! shows from outside the component being hydrated (a field's early words, a socket that is
//! already open) waits until hydration is over.

use leptos::prelude::*;
use std::{sync::Arc, time::Duration};

type Context = Arc<dyn hydration_context::SharedContext + Send + Sync>;

/// The page's hydration, while it is going on.
pub fn hydration_in_progress() -> Option<Context> {
    Owner::current_shared_context().filter(|context| context.during_hydration())
}

/// Runs `run` once the page is hydrated: now, if it is (or was drawn in the browser). Checks
/// with a timer rather than animation frames, which a tab in the background does not get.
pub fn after_hydration(run: impl FnOnce() + 'static) {
    match hydration_in_progress() {
        Some(context) => when_hydrated(context, run),
        None => run(),
    }
}

fn when_hydrated(context: Context, run: impl FnOnce() + 'static) {
    if context.during_hydration() {
        set_timeout(move || when_hydrated(context, run), Duration::ZERO);
    } else {
        run();
    }
}
