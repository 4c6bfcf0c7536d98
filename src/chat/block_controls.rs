//! Blocking from a direct conversation: the header menu's "Block" / "Unblock", and in place of
//! the composer while blocked, a note that says so with "Unblock".

use super::blocking::BlockPerson;
use crate::erased_view::sync_hydrated;
use leptos::prelude::*;

/// The state of one direct conversation's block, shared by its menu item and its note.
#[derive(Clone, Copy)]
pub struct BlockState {
    pub peer_id: i64,
    pub blocked: RwSignal<bool>,
    pub action: ServerAction<BlockPerson>,
}

impl BlockState {
    /// Follows the server's answers: the state changes once the block is stored.
    pub fn new(peer_id: i64, blocked_at_open: bool) -> Self {
        let blocked = RwSignal::new(blocked_at_open);
        let action = ServerAction::<BlockPerson>::new();
        Effect::new(move |_| {
            if let Some(Ok(now)) = action.value().get() {
                blocked.set(now);
            }
        });
        Self {
            peer_id,
            blocked,
            action,
        }
    }
}

/// "Block" or "Unblock" in the conversation's menu: a form, so it works before the wasm loads.
#[component]
pub fn BlockMenuItem(state: BlockState) -> impl IntoView {
    view! {
        <ActionForm action=state.action attr:class="block">
            {sync_hydrated(view! {
                <input type="hidden" name="user_id" value=state.peer_id/>
                <input type="hidden" name="blocked" value=move || (!state.blocked.get()).to_string()/>
                <button type="submit" role="menuitem"
                    title=move || if state.blocked.get() {
                        "Receive this person's messages again"
                    } else {
                        "Stop receiving this person's messages. They are not told."
                    }>
                    {move || if state.blocked.get() { "Unblock" } else { "Block" }}
                </button>
            })}
        </ActionForm>
    }
}

/// Where the composer was: why one cannot write, and the way back.
#[component]
pub fn BlockedNote(state: BlockState, name: String) -> impl IntoView {
    let error = move || {
        state
            .action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <span class="field-error" role="alert">{e.to_string()}</span> })
    };
    view! {
        <div class="composer-closed" role="note">
            <p>{format!("You blocked {name}. You don't receive their messages, and they are not told.")}</p>
            <ActionForm action=state.action>
                {sync_hydrated(view! {
                    <input type="hidden" name="user_id" value=state.peer_id/>
                    <input type="hidden" name="blocked" value="false"/>
                    <button type="submit" class="secondary">"Unblock"</button>
                })}
            </ActionForm>
            {error}
        </div>
    }
}
