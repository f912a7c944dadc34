//! Decrypted bytes that are wiped when they are dropped.

use std::ops::{Deref, DerefMut};

use zeroize::Zeroize;

/// A buffer of plaintext (vault pages, decrypted chunks, an opened backup), wiped when
/// dropped, as `zeroize::Zeroizing<Vec<u8>>` would wipe it, only faster: zeroize 1.9
/// wipes a `Vec<u8>` one volatile byte at a time (its `Vec` impl goes through `IterMut`),
/// where its slice impl, used here, is a fill followed by an optimisation barrier the
/// compiler cannot remove. 64 MiB took 9 to 19 ms one byte at a time and 1.4 ms as a
/// slice on the development machine; every read wipes the chunks it decrypted (five of
/// 64 KiB for a page of `addr list`), a backup check the whole vault.
#[derive(Default)]
pub struct Plain(Vec<u8>);

impl Plain {
    /// An empty buffer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Self {
        Plain(Vec::with_capacity(n))
    }

    /// Zeroes the bytes (the length stays) and the spare capacity.
    pub fn wipe(&mut self) {
        self.0.as_mut_slice().zeroize();
        self.0.spare_capacity_mut().zeroize();
    }
}

impl From<Vec<u8>> for Plain {
    fn from(v: Vec<u8>) -> Self {
        Plain(v)
    }
}

impl Deref for Plain {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl DerefMut for Plain {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl Drop for Plain {
    fn drop(&mut self) {
        self.wipe();
    }
}

/// Never the bytes.
impl std::fmt::Debug for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Plain({} bytes)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wipe_zeroes_every_byte_in_place() {
        let mut p = Plain::with_capacity(64);
        p.extend_from_slice(&[7u8; 40]);
        let (ptr, cap) = (p.as_ptr(), p.capacity());
        p.wipe();
        assert_eq!((p.as_ptr(), p.capacity(), p.len()), (ptr, cap, 40));
        assert!(p.iter().all(|&b| b == 0), "{:?}", &p[..]);
    }

    #[test]
    fn debug_shows_the_length_only() {
        let p = Plain::from(b"secret page".to_vec());
        assert_eq!(format!("{p:?}"), "Plain(11 bytes)");
    }
}
