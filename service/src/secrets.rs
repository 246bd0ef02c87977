//! Random secrets and digests as text: the machine accounts' secrets, submission tokens, the
//! local signing secret and idempotency fingerprints are all hex.

use sha2::{Digest, Sha256};

/// `bytes` as lower-case hex, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// 32 random bytes (256 bits, beyond guessing) as 64 hex digits. `rand`'s thread generator is
/// a CSPRNG seeded from the operating system.
pub fn random_256_bit_hex() -> String {
    hex(&rand::random::<[u8; 32]>())
}

/// The SHA-256 of `text`, in hex: how a token is kept without keeping the token.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_two_lower_case_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xab]), "000fab");
        let secret = random_256_bit_hex();
        assert_eq!(secret.len(), 64);
        assert_ne!(secret, random_256_bit_hex());
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
