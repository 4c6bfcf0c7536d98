use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

/// The text of a chat message: not blank, at most 4,000 characters once trimmed, and no
/// control characters but newline and tab (they show as nothing, or as boxes, and each costs
/// six bytes in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageBody(String);

impl MessageBody {
    pub const MAX_CHARS: usize = 4000;

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let caption = Self::caption(raw)?;
        if caption.0.is_empty() {
            return Err(AppError::invalid(Field::Message, "Type a message first."));
        }
        Ok(caption)
    }

    /// The text that goes with an image: the same rules, except that it may be empty.
    pub fn caption(raw: &str) -> Result<Self, AppError> {
        let text = raw.replace("\r\n", "\n").replace('\r', "\n");
        let text = text.trim();
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(AppError::invalid(
                Field::Message,
                "Messages cannot contain control characters (only text, line breaks and tabs).",
            ));
        }
        let len = text.chars().count();
        if len > Self::MAX_CHARS {
            return Err(AppError::invalid(
                Field::Message,
                format!("Messages can be at most 4,000 characters; this one has {len}."),
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_messages_are_refused() {
        assert!(MessageBody::parse("").is_err());
        assert!(MessageBody::parse(" \n\t ").is_err());
    }

    #[test]
    fn a_caption_may_be_empty_but_not_too_long() {
        assert_eq!(MessageBody::caption("  ").unwrap().as_str(), "");
        assert!(MessageBody::caption(&"a".repeat(4001)).is_err());
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        assert!(MessageBody::parse(&"é".repeat(4000)).is_ok());
        assert!(MessageBody::parse(&"a".repeat(4001)).is_err());
    }

    #[test]
    fn control_characters_other_than_newline_and_tab_are_refused() {
        assert!(MessageBody::parse("a\u{0}b").is_err());
        assert!(MessageBody::parse("bell\u{7}").is_err());
        assert!(MessageBody::caption("\u{1b}[31m").is_err());
        assert!(MessageBody::parse("one\u{85}next line").is_err());
        assert_eq!(MessageBody::parse("a\tb\nc").unwrap().as_str(), "a\tb\nc");
        assert_eq!(MessageBody::parse("old\rmac").unwrap().as_str(), "old\nmac");
    }

    #[test]
    fn text_is_trimmed_and_line_endings_normalised() {
        assert_eq!(
            MessageBody::parse("  hi\r\nthere  ").unwrap().as_str(),
            "hi\nthere"
        );
    }
}
