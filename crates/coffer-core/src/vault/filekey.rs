//! A second way into the vault's own age files (`vault.age`, `vault.delta.age`,
//! `engine.age`): besides the X25519 stanza for the vault key, each carries the file key
//! wrapped under a symmetric key derived from that same vault key (the `coffer-v1`
//! stanza). Opening a file through it is one AEAD over 16 bytes, where the X25519 stanza
//! costs a scalar multiplication (0.65 M instructions, about a tenth of a small read,
//! paid again for the delta and for `engine.age`).
//!
//! It adds nothing an attacker could use: the wrapping key is derived from the vault key
//! (whoever holds it can do the X25519 exchange too), the stanza is authenticated
//! (XChaCha20-Poly1305 under a fresh nonce), and the header's MAC is keyed by the file
//! key, so a stanza moved from another file opens nothing. A file without the stanza
//! (written before it existed, by a rekey, or by anyone who has only the public
//! recipient) opens through the X25519 stanza as before, and any age tool with the
//! vault key still opens every file: it ignores a stanza it does not know.

use age_core::format::{FileKey, Stanza};
use secrecy::ExposeSecret as _;

use std::collections::HashSet;
use zeroize::Zeroizing;

/// The stanza's tag.
const TAG: &str = "coffer-v1";
/// Nonce, then the wrapped file key and its tag.
const BODY: usize = 24 + 16 + 16;

/// The symmetric key that wraps a vault file's key: a recipient when writing, an
/// identity when reading.
pub struct WrapKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for WrapKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WrapKey(..)")
    }
}

impl WrapKey {
    /// The wrapping key of the vault key `identity`.
    pub fn of(identity: &age::x25519::Identity) -> Self {
        WrapKey(super::derived_key(
            b"coffer-file-key-wrap-v1",
            &identity.to_string(),
        ))
    }
}

impl age::Recipient for WrapKey {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let nonce = super::fsio::random_bytes::<24>();
        let wrapped =
            super::crypto::xchacha_seal(&self.0, &nonce, TAG.as_bytes(), file_key.expose_secret());
        let body = [&nonce[..], &wrapped].concat();
        Ok((
            vec![Stanza {
                tag: TAG.to_string(),
                args: vec![],
                body,
            }],
            HashSet::new(),
        ))
    }
}

impl age::Identity for WrapKey {
    /// `None` for any other stanza, and for one of this tag that does not open under this
    /// key (another vault's, or altered): the X25519 stanza is tried next.
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        if stanza.tag != TAG || !stanza.args.is_empty() || stanza.body.len() != BODY {
            return None;
        }
        let (nonce, wrapped) = stanza.body.split_at(24);
        let nonce: &[u8; 24] = nonce.try_into().ok()?;
        let key = super::crypto::xchacha_open(&self.0, nonce, TAG.as_bytes(), wrapped)?;
        let key: &[u8; 16] = key.as_slice().try_into().ok()?;
        Some(Ok(FileKey::init_with_mut(|k| k.copy_from_slice(key))))
    }
}

/// The identities that open a vault file of `identity`: the wrapping key first (no
/// scalar multiplication), then the X25519 key itself.
pub fn identities<'a>(
    wrap: &'a WrapKey,
    identity: &'a age::x25519::Identity,
) -> [&'a dyn age::Identity; 2] {
    [wrap as &dyn age::Identity, identity as &dyn age::Identity]
}

/// An identity that remembers the file key it unwrapped, for a reader that decrypts the
/// payload itself (`vfs`): age still reads the header and checks its MAC under that key
/// before the reader uses it. Never shows the key.
pub struct Remembering<'a> {
    inner: &'a dyn age::Identity,
    key: std::sync::Mutex<Option<Zeroizing<[u8; 16]>>>,
}

impl<'a> Remembering<'a> {
    /// `inner`, remembering.
    pub fn new(inner: &'a dyn age::Identity) -> Self {
        Remembering {
            inner,
            key: std::sync::Mutex::new(None),
        }
    }

    /// The file key `inner` unwrapped, if it unwrapped one.
    pub fn take(&self) -> Option<Zeroizing<[u8; 16]>> {
        self.key.lock().ok()?.take()
    }

    fn remember(
        &self,
        got: Option<Result<FileKey, age::DecryptError>>,
    ) -> Option<Result<FileKey, age::DecryptError>> {
        if let Some(Ok(k)) = &got
            && let Ok(mut key) = self.key.lock()
        {
            *key = Some(Zeroizing::new(*k.expose_secret()));
        }
        got
    }
}

impl age::Identity for Remembering<'_> {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        self.remember(self.inner.unwrap_stanza(stanza))
    }

    /// As `inner` unwraps them (an identity may look at all the stanzas at once).
    fn unwrap_stanzas(&self, stanzas: &[Stanza]) -> Option<Result<FileKey, age::DecryptError>> {
        self.remember(self.inner.unwrap_stanzas(stanzas))
    }
}

impl std::fmt::Debug for Remembering<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Remembering(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Write as _};

    fn encrypt(data: &[u8], to: &[&dyn age::Recipient]) -> Vec<u8> {
        let enc = age::Encryptor::with_recipients(to.iter().copied()).unwrap();
        let mut out = vec![];
        let mut w = enc.wrap_output(&mut out).unwrap();
        w.write_all(data).unwrap();
        w.finish().unwrap();
        out
    }

    fn decrypt(file: &[u8], with: &[&dyn age::Identity]) -> Option<Vec<u8>> {
        let d = age::Decryptor::new(file).ok()?;
        let mut r = d.decrypt(with.iter().copied()).ok()?;
        let mut out = vec![];
        r.read_to_end(&mut out).ok()?;
        Some(out)
    }

    /// The header of a vault file (X25519 stanza, this one, age's random grease stanza
    /// and the MAC) stays within the bytes the summary's stamp covers (512), whatever the
    /// grease.
    #[test]
    fn the_header_stays_within_the_stamped_bytes() {
        let id = age::x25519::Identity::generate();
        let wrap = WrapKey::of(&id);
        let longest = (0..300)
            .map(|_| {
                let f = encrypt(b"x", &[&id.to_public(), &wrap]);
                let mac = f.windows(5).position(|w| w == b"\n--- ").unwrap();
                mac + 1 + f[mac + 1..].iter().position(|&b| b == b'\n').unwrap() + 1
            })
            .max()
            .unwrap();
        assert!(longest < 500, "a header of {longest} bytes");
    }

    /// A file written to the vault key and its wrapping key opens with either alone; one
    /// written to the vault key alone opens through the pair; another vault's wrapping
    /// key, or an altered stanza, opens nothing by itself and leaves the X25519 stanza
    /// to open the file.
    #[test]
    fn the_wrapped_file_key_opens_what_the_vault_key_opens() {
        let id = age::x25519::Identity::generate();
        let wrap = WrapKey::of(&id);
        let data = b"the vault's pages".repeat(5000);
        let both = encrypt(&data, &[&id.to_public(), &wrap]);
        assert!(
            String::from_utf8_lossy(&both[..400]).contains("-> coffer-v1\n"),
            "the stanza is in the header"
        );
        assert_eq!(decrypt(&both, &[&wrap]).as_deref(), Some(&data[..]));
        assert_eq!(decrypt(&both, &[&id]).as_deref(), Some(&data[..]));
        assert_eq!(
            decrypt(&both, &identities(&wrap, &id)).as_deref(),
            Some(&data[..])
        );
        let plain_age = encrypt(&data, &[&id.to_public()]);
        assert_eq!(decrypt(&plain_age, &[&wrap]), None);
        assert_eq!(
            decrypt(&plain_age, &identities(&wrap, &id)).as_deref(),
            Some(&data[..])
        );
        // Another vault's wrapping key.
        let other = age::x25519::Identity::generate();
        let foreign = WrapKey::of(&other);
        assert_eq!(decrypt(&both, &[&foreign]), None);
        assert_eq!(
            decrypt(&both, &identities(&foreign, &id)).as_deref(),
            Some(&data[..])
        );
        // The stanza's body altered: skipped, and the X25519 stanza opens the file (the
        // header MAC covers the stanzas: the file itself then fails as altered).
        let at = both.windows(12).position(|w| w == b"-> coffer-v1").unwrap() + 14;
        let mut altered = both.clone();
        altered[at] ^= 1;
        assert_eq!(decrypt(&altered, &[&wrap]), None);
        assert_eq!(decrypt(&altered, &identities(&wrap, &id)), None);
        assert_eq!(format!("{wrap:?}"), "WrapKey(..)");
    }
}
