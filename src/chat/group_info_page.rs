//! `/c/{id}/info`: a group's members (admins marked), and what one may do there: admins rename
//! it, add people, remove members and make others admins; anyone leaves. Members only; the
//! list reloads whenever a new line arrives in the group.

use super::{
    avatar::Avatar,
    group_api::{
        add_to_group, group_members, leave_group, make_group_admin, remove_from_group, rename_group,
    },
    people_picker::PeoplePicker,
    presence::{PresenceDot, PresenceLine},
    store::use_chat_store,
};
use crate::erased_view::IntoErased;
use crate::{
    error::AppError,
    protocol::{GroupMemberView, UserView, MAX_GROUP_NAME_CHARS},
    typed_before_hydration::keep_typed_before_hydration,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn GroupInfoPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let store = use_chat_store();
    // The newest seq the list knows: a new line (someone added, removed, made admin) reloads.
    let last_seq = move || store.with_inbox(|i| i.get(id()).map(|c| c.last_seq));
    let members = crate::json::resource(move || (id(), last_seq()), |(id, _)| group_members(id));
    view! {
        <section class="group-page" aria-labelledby="group-info-title">
            <header class="chat-header">
                <a class="back" href=move || format!("/c/{}", id()) aria-label="Back to the group">"‹"</a>
                <h1 id="group-info-title">"Group info"</h1>
            </header>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(list) => view! { <GroupInfo id=id() list/> }.erase(),
                        Err(AppError::NotFound) => view! {
                            <p class="pane-message">"This group does not exist, or you are not in it."</p>
                        }.erase(),
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn GroupInfo(id: i64, list: Vec<GroupMemberView>) -> impl IntoView {
    let store = use_chat_store();
    let me = store.me;
    let i_am_admin = list.iter().any(|m| m.user.id == me && m.admin);
    let name = store
        .with_inbox_untracked(|i| i.get(id).map(|c| c.title().to_owned()))
        .unwrap_or_default();
    let error = RwSignal::new(None::<String>);
    let member_ids: Vec<i64> = list.iter().map(|m| m.user.id).collect();
    let count = list.len();
    let rows = list
        .into_iter()
        .map(|member| {
            let GroupMemberView {
                user,
                admin,
                presence,
            } = member;
            let user_id = user.id;
            // As fetched, then as the socket tells (green dot, "last seen …").
            let presence = Signal::derive(move || {
                store
                    .presence
                    .with(|p| p.get(&user_id).copied())
                    .unwrap_or(presence)
            });
            let who = if user_id == me { "You".to_owned() } else { user.username.clone() };
            let manage = i_am_admin && user_id != me;
            let remove_label = format!("Remove {}", user.username);
            let admin_label = format!("Make {} an admin", user.username);
            view! {
                <li class="member">
                    <span class="avatar-slot"><Avatar user=user.clone()/><PresenceDot presence/></span>
                    <span class="member-text">
                        <span class="member-name">{who}</span>
                        {(user_id != me).then(|| view! { <PresenceLine presence/> })}
                    </span>
                    {admin.then(|| view! { <span class="admin-badge">"Admin"</span> })}
                    {manage.then(|| view! {
                        <span class="member-actions">
                            {(!admin).then(|| view! {
                                <button type="button" class="secondary" aria-label=admin_label
                                    on:click=move |_| run_change(error, make_group_admin(id, user_id))>"Make admin"</button>
                            })}
                            <button type="button" class="danger" aria-label=remove_label
                                on:click=move |_| run_change(error, remove_from_group(id, user_id))>"Remove"</button>
                        </span>
                    })}
                </li>
            }
        })
        .collect_view();
    let leave = move |_| {
        leptos::task::spawn_local(async move {
            match leave_group(id).await {
                Ok(()) => store.open("/"),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <div class="group-info">
            {if i_am_admin {
                view! { <RenameForm id name=name.clone() error/> }.erase()
            } else {
                view! { <h2 class="group-name">{name.clone()}</h2> }.erase()
            }}
            <h2>{format!("{count} members")}</h2>
            <ul class="members">{rows}</ul>
            {i_am_admin.then(|| view! { <AddPeople id member_ids error/> })}
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="button" class="danger leave-group" on:click=leave>"Leave group"</button>
        </div>
    }
}

/// Runs one change and shows its error, if any. Its line reaches every tab over the socket,
/// which reloads the member list.
fn run_change(
    error: RwSignal<Option<String>>,
    change: impl std::future::Future<Output = Result<(), AppError>> + 'static,
) {
    leptos::task::spawn_local(async move {
        error.set(change.await.err().map(|e| e.to_string()));
    });
}

/// The rename field's element id.
const RENAME_ID: &str = "rename-group-name";

#[component]
fn RenameForm(id: i64, name: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let draft = RwSignal::new(name);
    // What was typed over the name in the server's page before it came alive.
    keep_typed_before_hydration(RENAME_ID, move |typed| draft.set(typed));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run_change(error, rename_group(id, draft.get_untracked()));
    };
    view! {
        <form class="rename-group" on:submit=submit>
            <label>
                "Group name"
                <input id=RENAME_ID type="text" required maxlength=MAX_GROUP_NAME_CHARS prop:value=move || draft.get()
                    on:input:target=move |ev| draft.set(ev.target().value())/>
            </label>
            <button type="submit" class="secondary">"Rename"</button>
        </form>
    }
}

#[component]
fn AddPeople(id: i64, member_ids: Vec<i64>, error: RwSignal<Option<String>>) -> impl IntoView {
    let picked = RwSignal::new(Vec::<UserView>::new());
    let add = move |_| {
        let ids: Vec<i64> = picked.with_untracked(|p| p.iter().map(|u| u.id).collect());
        if ids.is_empty() {
            return;
        }
        picked.set(Vec::new());
        run_change(error, add_to_group(id, ids));
    };
    view! {
        <section class="add-people" aria-label="Add people">
            <h2>"Add people"</h2>
            <PeoplePicker picked excluded=Signal::stored(member_ids)/>
            <button type="button" class="needs-input" on:click=add disabled=move || picked.with(Vec::is_empty)>"Add to group"</button>
        </section>
    }
}
