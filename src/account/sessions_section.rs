//! "Where you're signed in" on the settings page: every session with its device and when it
//! was last used, "Sign out" for each other one, and "Sign out everywhere else".

use super::sessions_api::{list_sessions, EndOtherSessions, EndSession, SessionView};
use crate::erased_view::sync_hydrated;
use crate::erased_view::IntoErased;
use crate::{auth::FormError, chat::TimeLabel};
use leptos::prelude::*;

#[component]
pub fn SessionsSection() -> impl IntoView {
    let end = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let error = Signal::derive(move || {
        end.value()
            .get()
            .and_then(Result::err)
            .or_else(|| end_others.value().get().and_then(Result::err))
    });
    let sessions = crate::json::resource(
        move || (end.version().get(), end_others.version().get()),
        |_| list_sessions(),
    );
    view! {
        <section class="auth-form sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title">"Where you're signed in"</h2>
            <FormError error/>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => view! {
                            <ul class="session-list">
                                {list.into_iter().map(|s| view! { <SessionItem session=s end/> }).collect_view()}
                            </ul>
                        }.erase(),
                        Err(e) => view! { <p class="field-error" role="alert">{e.to_string()}</p> }.erase(),
                    }
                })}
            </Suspense>
            <ActionForm action=end_others>
                {sync_hydrated(view! {
                    <button type="submit" disabled=move || end_others.pending().get()>
                        "Sign out everywhere else"
                    </button>
                })}
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionItem(session: SessionView, end: ServerAction<EndSession>) -> impl IntoView {
    let label = format!("Sign out {}", session.device);
    view! {
        <li class="session">
            <span class="session-device">{session.device}</span>
            {if session.current {
                view! { <span class="session-when">"This device"</span> }.erase()
            } else {
                view! {
                    <span class="session-when">"Last active " <TimeLabel sent_at_ms=session.last_seen_ms/></span>
                    <ActionForm action=end>
                        {sync_hydrated(view! {
                            <input type="hidden" name="session_id" value=session.id/>
                            <button type="submit" aria-label=label>"Sign out"</button>
                        })}
                    </ActionForm>
                }.erase()
            }}
        </li>
    }
}
