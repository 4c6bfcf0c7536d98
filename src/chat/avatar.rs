use leptos::prelude::*;

/// A coloured circle with the user's initials; the colour is stable per user.
#[component]
pub fn Avatar(user_id: i64, #[prop(into)] name: String) -> impl IntoView {
    let hue = user_id.wrapping_mul(47).rem_euclid(360);
    view! {
        <span class="avatar" aria-hidden="true" style=format!("background: hsl({hue} 55% 42%)")>
            {initials(&name)}
        </span>
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
