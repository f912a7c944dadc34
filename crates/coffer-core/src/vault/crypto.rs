//! SHA-256, HMAC-SHA256 and XChaCha20-Poly1305 for the small records every command
//! reads before it knows whether it needs the vault: the session file's MAC, the
//! profile's binding, the summary `whoami` shows (and the keys derived for them), the
//! vault files' wrapped file keys; and ChaCha20-Poly1305 for the chunks a read decrypts
//! in place (`vault::vfs`).
//!
//! They run on aws-lc, the library rustls' crypto provider links in anyway, whose CPU
//! detection has already run by the time `main` starts (a constructor). The RustCrypto
//! crates detect the CPU on their first use, each on its own (`cpufeatures`: CPUID,
//! which a virtual machine traps): sha2's and chacha20's detection cost `whoami` 37 µs
//! of its 1.6 ms on the 2-core VM, the largest part of what it spends beyond a bare
//! `--version`, and aws-lc's ChaCha20-Poly1305 is assembly. The results are the same
//! bytes: the files written before read alike, and the tests below check each function
//! against the RustCrypto crate and the standard's known answers.
//!
//! XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03) is HChaCha20 of the key and the
//! nonce's first 16 bytes (the chacha20 crate's, in software: no detection), then
//! aws-lc's ChaCha20-Poly1305 under that subkey with the nonce's last 8 bytes.

use aws_lc_rs::{aead, digest, hmac};
use zeroize::{Zeroize as _, Zeroizing};

/// SHA-256 fed in parts.
pub struct Sha256(digest::Context);

impl Sha256 {
    pub fn new() -> Self {
        Self(digest::Context::new(&digest::SHA256))
    }

    pub fn update(&mut self, data: impl AsRef<[u8]>) {
        self.0.update(data.as_ref());
    }

    pub fn finish(self) -> [u8; 32] {
        self.0
            .finish()
            .as_ref()
            .try_into()
            .expect("SHA-256 is 32 bytes")
    }
}

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

/// SHA-256 of `data`.
pub fn sha256(data: impl AsRef<[u8]>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(data);
    h.finish()
}

/// HMAC-SHA256 of `msg` under `key`.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), msg)
        .as_ref()
        .try_into()
        .expect("HMAC-SHA256 is 32 bytes")
}

/// ChaCha20-Poly1305 (RFC 8439), as age's STREAM seals each 64 KiB chunk of a file:
/// opens `in_out` (the ciphertext, then its 16-byte tag) in place under `key` and
/// `nonce`, with no associated data. The plaintext's length (it is `in_out`'s start),
/// or `None` when it does not authenticate.
pub fn chacha_open_in_place(key: &[u8; 32], nonce: [u8; 12], in_out: &mut [u8]) -> Option<usize> {
    let key = aead::LessSafeKey::new(
        aead::UnboundKey::new(&aead::CHACHA20_POLY1305, key)
            .expect("ChaCha20-Poly1305 takes a 32-byte key"),
    );
    key.open_in_place(
        aead::Nonce::assume_unique_for_key(nonce),
        aead::Aad::empty(),
        in_out,
    )
    .ok()
    .map(|plain| plain.len())
}

/// The ChaCha20-Poly1305 key and nonce XChaCha20-Poly1305 runs under.
fn xchacha(key: &[u8; 32], nonce: &[u8; 24]) -> (aead::LessSafeKey, aead::Nonce) {
    let head: &[u8; 16] = nonce[..16].try_into().expect("16 of the 24 bytes");
    let mut subkey = chacha20::hchacha::<chacha20::cipher::consts::U10>(key.into(), head.into());
    let unbound = aead::UnboundKey::new(&aead::CHACHA20_POLY1305, &subkey)
        .expect("ChaCha20-Poly1305 takes a 32-byte key");
    subkey.as_mut_slice().zeroize();
    let mut n = [0u8; 12];
    n[4..].copy_from_slice(&nonce[16..]);
    (
        aead::LessSafeKey::new(unbound),
        aead::Nonce::assume_unique_for_key(n),
    )
}

/// XChaCha20-Poly1305: `plaintext` encrypted under `key` and `nonce` (never used twice
/// with one key: random), `aad` authenticated with it; the ciphertext, then the tag.
pub fn xchacha_seal(key: &[u8; 32], nonce: &[u8; 24], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let (key, nonce) = xchacha(key, nonce);
    // Room for the tag: appending it never moves the plaintext (a secret: a vault
    // identity, a file key) and leaves a copy behind in freed memory.
    let mut out = Vec::with_capacity(plaintext.len() + aead::CHACHA20_POLY1305.tag_len());
    out.extend_from_slice(plaintext);
    key.seal_in_place_append_tag(nonce, aead::Aad::from(aad), &mut out)
        .expect("a record under 256 GiB seals");
    out
}

/// The plaintext of [`xchacha_seal`]'s `sealed`, or `None` when it does not
/// authenticate (another key, nonce or `aad`, or changed bytes).
pub fn xchacha_open(
    key: &[u8; 32],
    nonce: &[u8; 24],
    aad: &[u8],
    sealed: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let (key, nonce) = xchacha(key, nonce);
    let mut buf = Zeroizing::new(sealed.to_vec());
    let len = key
        .open_in_place(nonce, aead::Aad::from(aad), &mut buf)
        .ok()?
        .len();
    buf.truncate(len);
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chacha20poly1305::aead::{Aead as _, KeyInit as _, Payload};

    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!(
            "../../../../tests/vectors/xchacha20poly1305.json"
        ))
        .unwrap()
    }

    fn hex_field(v: &serde_json::Value, name: &str) -> Vec<u8> {
        hex::decode(v[name].as_str().unwrap()).unwrap()
    }

    /// The draft's known answers: HChaCha20 (2.2.1) and the AEAD (A.3.1), sealed and
    /// opened; a changed byte, tag or associated data does not open.
    #[test]
    fn xchacha20_poly1305_gives_the_drafts_known_answers() {
        let v = vectors();
        let h = &v["hchacha20"];
        let key: [u8; 32] = hex_field(h, "key").try_into().unwrap();
        let input: [u8; 16] = hex_field(h, "nonce").try_into().unwrap();
        let sub =
            chacha20::hchacha::<chacha20::cipher::consts::U10>((&key).into(), (&input).into());
        assert_eq!(sub.as_slice(), hex_field(h, "subkey"));

        let a = &v["aead"];
        let key: [u8; 32] = hex_field(a, "key").try_into().unwrap();
        let nonce: [u8; 24] = hex_field(a, "nonce").try_into().unwrap();
        let (aad, pt) = (hex_field(a, "aad"), hex_field(a, "plaintext"));
        let mut want = hex_field(a, "ciphertext");
        want.extend(hex_field(a, "tag"));
        let sealed = xchacha_seal(&key, &nonce, &aad, &pt);
        assert_eq!(sealed, want);
        assert_eq!(
            xchacha_open(&key, &nonce, &aad, &sealed).as_deref(),
            Some(&pt)
        );
        for i in [0, sealed.len() / 2, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert!(xchacha_open(&key, &nonce, &aad, &bad).is_none(), "byte {i}");
        }
        assert!(xchacha_open(&key, &nonce, b"other", &sealed).is_none());
        let mut other = nonce;
        other[20] ^= 1;
        assert!(xchacha_open(&key, &other, &aad, &sealed).is_none());
    }

    /// The same bytes as the RustCrypto crates the session and summary files were
    /// written with (an independent implementation), for lengths around the block
    /// sizes, both ways.
    #[test]
    fn the_results_are_the_rustcrypto_crates_bytes() {
        use ::hmac::Mac as _;
        use sha2::Digest as _;
        let key: [u8; 32] = std::array::from_fn(|i| (i * 7 + 3) as u8);
        let nonce: [u8; 24] = std::array::from_fn(|i| (i * 11 + 5) as u8);
        for len in [0, 1, 31, 32, 55, 56, 63, 64, 65, 200, 1000] {
            let msg: Vec<u8> = (0..len).map(|i| (i * 13 + 1) as u8).collect();
            assert_eq!(sha256(&msg)[..], sha2::Sha256::digest(&msg)[..], "{len}");
            let mut parts = Sha256::new();
            parts.update(&msg[..len / 3]);
            parts.update(&msg[len / 3..]);
            assert_eq!(parts.finish(), sha256(&msg));
            let mut m = <::hmac::Hmac<sha2::Sha256> as ::hmac::Mac>::new_from_slice(&msg).unwrap();
            m.update(&key);
            assert_eq!(
                hmac_sha256(&msg, &key)[..],
                m.finalize().into_bytes()[..],
                "{len}"
            );
            let theirs = chacha20poly1305::XChaCha20Poly1305::new((&key).into())
                .encrypt(
                    (&nonce).into(),
                    Payload {
                        msg: &msg,
                        aad: &msg[..len / 2],
                    },
                )
                .unwrap();
            assert_eq!(xchacha_seal(&key, &nonce, &msg[..len / 2], &msg), theirs);
            let chunk_nonce: [u8; 12] = nonce[..12].try_into().unwrap();
            let mut sealed = chacha20poly1305::ChaCha20Poly1305::new((&key).into())
                .encrypt((&chunk_nonce).into(), &msg[..])
                .unwrap();
            assert_eq!(
                chacha_open_in_place(&key, chunk_nonce, &mut sealed),
                Some(len),
                "{len}"
            );
            assert_eq!(&sealed[..len], &msg[..]);
            sealed[len / 2] ^= 1;
            assert_eq!(chacha_open_in_place(&key, chunk_nonce, &mut sealed), None);
            assert_eq!(
                xchacha_open(&key, &nonce, &msg[..len / 2], &theirs).as_deref(),
                Some(&msg)
            );
        }
    }
}
