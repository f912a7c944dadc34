//! LUKS-style keyslots: the random age identity of the vault, wrapped once per unlock
//! method with XChaCha20-Poly1305 under an Argon2id key. The associated data binds each
//! slot to its user, its kind and the format version, so a slot cannot be moved.

use super::kdf::KdfParams;
use crate::error::Result;
use base64::{Engine, engine::general_purpose::STANDARD as B64};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// The profile format version, bound into every slot.
pub const FORMAT_VERSION: u32 = 1;

/// How a slot is unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// The login password.
    Password,
    /// The one-time recovery code shown at registration.
    Recovery,
}

impl SlotKind {
    /// `password` or `recovery`.
    pub fn name(self) -> &'static str {
        match self {
            SlotKind::Password => "password",
            SlotKind::Recovery => "recovery",
        }
    }
}

/// One wrapped copy of the vault identity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyslot {
    /// The unlock method.
    pub kind: SlotKind,
    /// KDF parameters and salt for this slot.
    pub kdf: KdfParams,
    /// Base64 24-byte XChaCha20 nonce.
    pub nonce: String,
    /// Base64 ciphertext of the identity (with its tag).
    pub wrapped: String,
    /// When the slot was written (Unix seconds).
    pub created_at: i64,
}

fn aad(username: &str, kind: SlotKind) -> Vec<u8> {
    format!(
        "coffer-keyslot|v{FORMAT_VERSION}|{username}|{}",
        kind.name()
    )
    .into_bytes()
}

/// Checks the keyslots read from `profile.json`: one password slot and one recovery
/// slot, each with usable KDF parameters, a 24-byte nonce and a ciphertext at
/// least as long as its tag. Anything else was not written by coffer.
pub fn check_slots(slots: &[Keyslot]) -> std::result::Result<(), String> {
    let count = |kind: SlotKind| slots.iter().filter(|s| s.kind == kind).count();
    if count(SlotKind::Password) != 1 || count(SlotKind::Recovery) != 1 {
        return Err(format!(
            "it has {} password and {} recovery keyslot(s), not one of each",
            count(SlotKind::Password),
            count(SlotKind::Recovery)
        ));
    }
    for s in slots {
        let kind = s.kind.name();
        s.kdf
            .check()
            .map_err(|e| format!("the {kind} keyslot: {e}"))?;
        if !B64.decode(&s.nonce).is_ok_and(|n| n.len() == 24) {
            return Err(format!(
                "the {kind} keyslot's nonce is not 24 bytes of base64"
            ));
        }
        if !B64.decode(&s.wrapped).is_ok_and(|c| c.len() > 16) {
            return Err(format!("the {kind} keyslot's ciphertext is missing or cut"));
        }
    }
    Ok(())
}

impl Keyslot {
    /// Wraps `identity` (the `AGE-SECRET-KEY-1…` string) under `secret`.
    pub fn seal(
        kind: SlotKind,
        secret: &[u8],
        username: &str,
        identity: &SecretString,
        kdf: KdfParams,
        now: i64,
    ) -> Result<Self> {
        let key = kdf.derive(secret)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.as_ref()));
        let nonce = super::fsio::random_bytes::<24>();
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: identity.expose_secret().as_bytes(),
                    aad: &aad(username, kind),
                },
            )
            .map_err(|_| anyhow::anyhow!("keyslot encryption failed"))?;
        Ok(Keyslot {
            kind,
            kdf,
            nonce: B64.encode(nonce),
            wrapped: B64.encode(ct),
            created_at: now,
        })
    }

    /// Unwraps the identity; `Ok(None)` when `secret` is wrong (or the slot was altered).
    pub fn open(&self, secret: &[u8], username: &str) -> Result<Option<SecretString>> {
        let key = self.kdf.derive(secret)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.as_ref()));
        let (Ok(nonce), Ok(ct)) = (B64.decode(&self.nonce), B64.decode(&self.wrapped)) else {
            return Ok(None);
        };
        if nonce.len() != 24 {
            return Ok(None);
        }
        let pt = cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &ct,
                aad: &aad(username, self.kind),
            },
        );
        Ok(pt
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .map(SecretString::from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::kdf::KdfProfile;

    #[test]
    fn round_trip_and_binding() {
        let id = SecretString::from("AGE-SECRET-KEY-1EXAMPLE".to_string());
        let slot = Keyslot::seal(
            SlotKind::Password,
            b"pw",
            "alice",
            &id,
            KdfProfile::Test.fresh_params(),
            0,
        )
        .unwrap();
        let back = slot.open(b"pw", "alice").unwrap().unwrap();
        assert_eq!(back.expose_secret(), id.expose_secret());
        assert!(slot.open(b"wrong", "alice").unwrap().is_none());
        // Bound to the user name and the slot kind.
        assert!(slot.open(b"pw", "mallory").unwrap().is_none());
        let mut moved = slot.clone();
        moved.kind = SlotKind::Recovery;
        assert!(moved.open(b"pw", "alice").unwrap().is_none());
    }
}
