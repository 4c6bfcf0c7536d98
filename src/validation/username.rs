use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

/// A username: 3 to 32 of `a-z 0-9 _ . -`. Input is lower-cased first, so "Alice" and
/// "alice" are the same name and uniqueness ignores case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 32;

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim().to_ascii_lowercase();
        let len = name.chars().count();
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&len) {
            return Err(AppError::invalid(
                Field::Username,
                "Username must be 3 to 32 characters long.",
            ));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c);
        if !name.chars().all(allowed) {
            return Err(AppError::invalid(
                Field::Username,
                "Username may only use letters a-z, digits, and _ . -",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_name_is_lower_cased_and_trimmed() {
        assert_eq!(Username::parse("  Alice_01 ").unwrap().as_str(), "alice_01");
    }

    #[test]
    fn names_outside_the_length_limits_are_refused() {
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse(&"a".repeat(33)).is_err());
        assert!(Username::parse(&"a".repeat(32)).is_ok());
        assert!(Username::parse("abc").is_ok());
    }

    #[test]
    fn names_with_other_characters_are_refused() {
        for bad in ["al ice", "al@ice", "ålice", "<b>x</b>", "al/ice"] {
            assert!(Username::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Username::parse("a.b-c_d").is_ok());
    }
}
