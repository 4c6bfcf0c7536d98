use crate::error::{AppError, Field};

/// One emoji to react with: a single pictograph, possibly with its presentation selector and
/// skin tone, a keycap, a flag (two regional indicators or a tag sequence), or several of those
/// joined into one (a family, "woman technologist"). Not text, not two emoji.
///
/// Checked by code point ranges rather than Unicode's full emoji tables: those would weigh on
/// the browser bundle, and what matters here is that a reaction stays one small picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionEmoji(String);

const ZERO_WIDTH_JOINER: char = '\u{200D}';
const PRESENTATION_SELECTOR: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
/// The most pictographs joined into one emoji (the longest families have four people).
const MOST_JOINED: usize = 5;

impl ReactionEmoji {
    pub const MAX_BYTES: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let text = raw.trim();
        if text.len() <= Self::MAX_BYTES && is_one_emoji(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(AppError::invalid(
                Field::Reaction,
                "React with a single emoji.",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_one_emoji(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() == 2 && chars.iter().all(|&c| is_regional_indicator(c)) {
        return true;
    }
    let parts: Vec<&[char]> = chars.split(|&c| c == ZERO_WIDTH_JOINER).collect();
    parts.len() <= MOST_JOINED && parts.iter().all(|part| is_one_pictograph(part))
}

/// A pictograph and what may follow it: a presentation selector, a skin tone, tag characters
/// (subdivision flags), or a keycap mark after a digit, `#` or `*`.
fn is_one_pictograph(part: &[char]) -> bool {
    let Some((&base, rest)) = part.split_first() else {
        return false;
    };
    if matches!(base, '0'..='9' | '#' | '*') {
        return matches!(rest, [KEYCAP] | [PRESENTATION_SELECTOR, KEYCAP]);
    }
    is_pictograph(base) && rest.iter().all(|&c| is_modifier(c))
}

fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x24C2 | 0x3030 | 0x303D
        | 0x3297 | 0x3299 | 0x2934 | 0x2935
        | 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x25FF | 0x2600..=0x27BF
        | 0x2B00..=0x2BFF | 0x1F000..=0x1F1FF | 0x1F200..=0x1FAFF)
        && !is_regional_indicator(c)
}

fn is_modifier(c: char) -> bool {
    matches!(u32::from(c),
        0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(u32::from(c), 0x1F1E6..=0x1F1FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_emoji_are_accepted() {
        for emoji in [
            "👍",
            "❤️",
            "😂",
            "🙏",
            "👍🏽",
            "👩‍💻",
            "👨‍👩‍👧‍👦",
            "🇫🇷",
            "1️⃣",
            "#⃣",
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
            "☕",
            " 🎉 ",
        ] {
            assert!(ReactionEmoji::parse(emoji).is_ok(), "{emoji:?}");
        }
        assert_eq!(ReactionEmoji::parse(" 🎉 ").unwrap().as_str(), "🎉");
    }

    #[test]
    fn text_and_several_emoji_are_refused() {
        for not_one in [
            "",
            "a",
            "ok",
            "👍👍",
            "😂a",
            "1",
            "🇫",
            "🇫🇷🇩🇪",
            "\u{200D}",
            "👍\u{200D}",
            "\u{FE0F}",
            "<script>",
        ] {
            assert!(ReactionEmoji::parse(not_one).is_err(), "{not_one:?}");
        }
        assert!(ReactionEmoji::parse(&"👍\u{200D}".repeat(6)).is_err());
    }
}
