use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

/// The text of a chat message: not blank, at most 4,000 characters once trimmed.
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
        let text = raw.replace("\r\n", "\n");
        let text = text.trim();
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
    fn text_is_trimmed_and_line_endings_normalised() {
        assert_eq!(
            MessageBody::parse("  hi\r\nthere  ").unwrap().as_str(),
            "hi\nthere"
        );
    }
}
