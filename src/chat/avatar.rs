use crate::erased_view::IntoErased;
use crate::protocol::{ConversationKind, ConversationSummary, UserView};
use leptos::prelude::*;

/// The user's profile picture, or a coloured circle with their initials (the colour is stable
/// per user). Decorative: the name is always written next to it.
#[component]
pub fn Avatar(
    user: UserView,
    /// The settings page's big one; the chat's are small.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let class = if large { "avatar large" } else { "avatar" };
    // The 64 px file is sharp at the small size on a 2x screen; the 256 px one at the large.
    let size = if large { 256 } else { 64 };
    match user.picture_url(size) {
        Some(src) => view! {
            <img class=class src=src alt="" aria-hidden="true" width=size height=size decoding="async"/>
        }
        .erase(),
        None => {
            let hue = user.id.wrapping_mul(47).rem_euclid(360);
            view! {
                <span class=class aria-hidden="true" style=format!("background: hsl({hue} 55% 42%)")>
                    {initials(&user.username)}
                </span>
            }
            .erase()
        }
    }
}

/// The avatar beside a conversation: the other person's, "#" for the room everyone is in, and
/// an empty circle when the other person deleted their account.
pub fn conversation_avatar(summary: &ConversationSummary) -> AnyView {
    match (summary.kind, &summary.peer) {
        (_, Some(peer)) => view! { <Avatar user=peer.clone()/> }.erase(),
        (ConversationKind::Direct, None) => {
            view! { <span class="avatar gone" aria-hidden="true"></span> }.erase()
        }
        (ConversationKind::Global, None) => {
            view! { <span class="avatar room" aria-hidden="true">"#"</span> }.erase()
        }
        // Initials of the name on a colour of its own, derived from the id as people's are.
        (ConversationKind::Group, None) => {
            let hue = summary.id.wrapping_mul(71).rem_euclid(360);
            view! {
                <span class="avatar" aria-hidden="true" style=format!("background: hsl({hue} 50% 40%)")>
                    {initials(summary.title())}
                </span>
            }
            .erase()
        }
    }
}

/// The first letter, plus the first after a `.`, `_` or `-` ("ann.lee" → "AL").
pub fn initials(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    let second = name
        .split(['.', '_', '-'])
        .nth(1)
        .and_then(|part| part.chars().next())
        .map(|c| c.to_ascii_uppercase());
    first.into_iter().chain(second).collect()
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_come_from_the_name_parts() {
        assert_eq!(initials("ann"), "A");
        assert_eq!(initials("ann.lee"), "AL");
        assert_eq!(initials("bob_x-y"), "BX");
        assert_eq!(initials(""), "");
    }
}
