//! "Blocked people" on the settings page: who the user blocked, each with "Unblock".

use super::{
    avatar::Avatar,
    blocking::{blocked_people, BlockPerson},
};
use crate::erased_view::sync_hydrated;
use crate::erased_view::IntoErased;
use crate::{auth::FormError, protocol::UserView};
use leptos::prelude::*;

#[component]
pub fn BlockedSection() -> impl IntoView {
    let unblock = ServerAction::<BlockPerson>::new();
    let error = Signal::derive(move || unblock.value().get().and_then(Result::err));
    let people = crate::json::resource(move || unblock.version().get(), |_| blocked_people());
    view! {
        <section class="auth-form blocked" aria-labelledby="blocked-title">
            <h2 id="blocked-title">"Blocked people"</h2>
            <p class="hint">"Their messages do not reach you, they cannot start a conversation with you, and they do not come up when you search. They are not told."</p>
            <FormError error/>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match people.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="hint">"You have not blocked anyone."</p>
                        }.erase(),
                        Ok(list) => view! {
                            <ul class="blocked-list">
                                {list.into_iter().map(|person| view! { <BlockedPerson person unblock/> }).collect_view()}
                            </ul>
                        }.erase(),
                        Err(e) => view! { <p class="field-error" role="alert">{e.to_string()}</p> }.erase(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BlockedPerson(person: UserView, unblock: ServerAction<BlockPerson>) -> impl IntoView {
    let label = format!("Unblock {}", person.username);
    view! {
        <li class="blocked-person">
            <Avatar user=person.clone()/>
            <span class="blocked-name">{person.username.clone()}</span>
            <ActionForm action=unblock>
                {sync_hydrated(view! {
                    <input type="hidden" name="user_id" value=person.id/>
                    <input type="hidden" name="blocked" value="false"/>
                    <button type="submit" class="secondary" aria-label=label>"Unblock"</button>
                })}
            </ActionForm>
        </li>
    }
}
