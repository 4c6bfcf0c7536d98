use super::{
    api::{open_room, RoomView},
    composer::Composer,
    message_list::MessageList,
    socket::{ChatSocket, LinkStatus},
    timeline::Timeline,
};
use crate::{auth::LogoutButton, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

#[component]
pub fn ChatPage() -> impl IntoView {
    let room = Resource::new_blocking(|| (), |_| open_room());
    view! {
        <Title text="Parley"/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match room.await {
                    Ok(room) => view! { <ChatRoom room/> }.into_any(),
                    Err(AppError::NotSignedIn) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(error) => view! {
                        <main class="auth"><p class="form-error" role="alert">{error.to_string()}</p></main>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChatRoom(room: RoomView) -> impl IntoView {
    let RoomView { me, page } = room;
    let timeline = RwSignal::new(Timeline::new(page));
    let socket = ChatSocket::start(timeline);
    let status = socket.status;
    view! {
        <div class="chat">
            <header class="chat-header">
                <h1>"Everyone"</h1>
                <span class="link-status" class:offline=move || status.get() == LinkStatus::Offline role="status">
                    {move || match status.get() {
                        LinkStatus::Connecting => "Connecting…",
                        LinkStatus::Online => "Online",
                        LinkStatus::Offline => "Offline, reconnecting…",
                    }}
                </span>
                <span class="me">{me.username.clone()}</span>
                <LogoutButton/>
            </header>
            <MessageList timeline me socket=socket.clone()/>
            <Composer timeline socket/>
        </div>
    }
}
