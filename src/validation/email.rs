use crate::error::{AppError, Field};
use serde::{Deserialize, Serialize};

/// An email address, lower-cased so that uniqueness ignores case. The check is deliberately
/// simple (one `@`, a dotted domain, no spaces): the reset email is the real proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = raw.trim().to_lowercase();
        let invalid = || AppError::invalid(Field::Email, "Enter a valid email address.");
        if email.is_empty() || email.len() > Self::MAX_LEN {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "@<>()[],;:\"\\".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Self(email))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_address_is_lower_cased() {
        assert_eq!(
            Email::parse(" Ann@Example.ORG ").unwrap().as_str(),
            "ann@example.org"
        );
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "a b@example.org",
            "ann@@example.org",
            "ann@exa mple.org",
            "ann@.org",
            "ann@-x.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
