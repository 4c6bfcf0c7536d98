//! Random, unguessable identifiers (picture keys, reset links) and their stored hashes.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `bytes` random bytes from the OS-seeded generator, as lower-case hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    hex(&buffer)
}

/// True for what `random_hex(bytes)` makes: exactly that many bytes of lower-case hex. Keys in
/// URLs are checked with it before anything is looked up.
pub fn is_random_hex(key: &str, bytes: usize) -> bool {
    key.len() == bytes * 2 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// SHA-256 of `token`, hex: what the database keeps instead of a link's token.
pub fn sha256_hex(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_are_hex_of_the_asked_length_and_differ() {
        let a = random_hex(16);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, random_hex(16));
    }

    #[test]
    fn only_keys_of_the_made_shape_pass() {
        assert!(is_random_hex(&random_hex(16), 16));
        assert!(!is_random_hex(&random_hex(16), 32));
        assert!(!is_random_hex("0123456789ABCDEF0123456789abcdef", 16));
        assert!(!is_random_hex("../../../../jwt-secret/aaaaaaaaaa", 16));
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
