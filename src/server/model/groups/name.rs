use crate::{
    error::{AppError, Field},
    protocol::MAX_GROUP_NAME_CHARS,
};

/// A group's name: 1 to `MAX_GROUP_NAME_CHARS` characters once trimmed, on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName(String);

impl GroupName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                Field::GroupName,
                "Give the group a name.",
            ));
        }
        if name.chars().count() > MAX_GROUP_NAME_CHARS {
            return Err(AppError::invalid(
                Field::GroupName,
                format!("A group's name can be at most {MAX_GROUP_NAME_CHARS} characters."),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::invalid(
                Field::GroupName,
                "A group's name must be on one line.",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(GroupName::parse("  Hikers ").unwrap().as_str(), "Hikers");
        assert!(GroupName::parse("   ").is_err());
        assert!(GroupName::parse(&"é".repeat(64)).is_ok());
        assert!(GroupName::parse(&"é".repeat(65)).is_err());
        assert!(GroupName::parse("two\nlines").is_err());
    }
}
