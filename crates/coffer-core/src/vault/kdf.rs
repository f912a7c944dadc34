//! Key derivation: Argon2id with parameters stored beside each use, so they can be
//! raised later; the fast `test` profile exists for test suites only and is recorded.

use crate::error::{Error, Result};
use base64::{Engine, engine::general_purpose::STANDARD as B64};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Which parameter set new keyslots use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KdfProfile {
    /// Argon2id m=64 MiB, t=3, p=4: the production default.
    Default,
    /// Tiny parameters for test suites: insecure, reported as such.
    Test,
}

impl KdfProfile {
    /// Parses the value of `COFFER_KDF_PROFILE`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "default" | "" => Ok(KdfProfile::Default),
            "test" => Ok(KdfProfile::Test),
            other => Err(Error::invalid(
                "kdf_profile",
                format!("'{other}' is not a KDF profile (default, test)"),
            )),
        }
    }

    /// The profile's name as stored and shown.
    pub fn name(self) -> &'static str {
        match self {
            KdfProfile::Default => "default",
            KdfProfile::Test => "test",
        }
    }

    /// Whether keys derived under this profile resist offline guessing.
    pub fn is_secure(self) -> bool {
        self == KdfProfile::Default
    }

    /// Fresh parameters (with a new random salt) for this profile.
    pub fn fresh_params(self) -> KdfParams {
        let (m_kib, t, p) = match self {
            KdfProfile::Default => (64 * 1024, 3, 4),
            KdfProfile::Test => (64, 1, 1),
        };
        KdfParams {
            algorithm: "argon2id".into(),
            m_kib,
            t,
            p,
            salt: B64.encode(super::fsio::random_bytes::<16>()),
        }
    }
}

/// Argon2id parameters and salt, stored next to whatever they protect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Always `argon2id`.
    pub algorithm: String,
    /// Memory in KiB.
    pub m_kib: u32,
    /// Iterations.
    pub t: u32,
    /// Lanes.
    pub p: u32,
    /// Base64 salt (16 bytes).
    pub salt: String,
}

/// The most memory a stored parameter set may ask for (what `security rekey` allows).
pub const MAX_M_KIB: u32 = 4 * 1024 * 1024;
/// The most iterations, and the most lanes, a stored parameter set may ask for.
pub const MAX_T_P: u32 = 64;

impl KdfParams {
    /// Checks parameters read from a file: Argon2id, at most [`MAX_M_KIB`] of memory,
    /// 1 to [`MAX_T_P`] iterations and lanes, a salt of 8 to 64 bytes. Anything else was
    /// not written by coffer (and could make a derivation take hours or all memory).
    pub fn check(&self) -> std::result::Result<Vec<u8>, String> {
        if self.algorithm != "argon2id" {
            return Err(format!("unknown KDF algorithm '{}'", self.algorithm));
        }
        if !(1..=MAX_T_P).contains(&self.t) || !(1..=MAX_T_P).contains(&self.p) {
            return Err(format!(
                "KDF iterations ({}) and lanes ({}) must be 1 to {MAX_T_P}",
                self.t, self.p
            ));
        }
        if self.m_kib < 8 * self.p || self.m_kib > MAX_M_KIB {
            return Err(format!(
                "KDF memory of {} KiB is not between 8 KiB per lane and 4 GiB",
                self.m_kib
            ));
        }
        match B64.decode(&self.salt) {
            Ok(salt) if (8..=64).contains(&salt.len()) => Ok(salt),
            _ => Err("the KDF salt is not 8 to 64 bytes of base64".into()),
        }
    }

    /// Whether these are the test profile's parameters (insecure, fast).
    pub fn is_test_level(&self) -> bool {
        let t = KdfProfile::Test.fresh_params();
        (self.m_kib, self.t, self.p) == (t.m_kib, t.t, t.p)
    }

    /// Derives a 32-byte key from `secret` (after [`KdfParams::check`]).
    pub fn derive(&self, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        let salt = self
            .check()
            .map_err(|e| anyhow::anyhow!("KDF parameters: {e}"))?;
        let params = argon2::Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|e| anyhow::anyhow!("KDF parameters: {e}"))?;
        let a2 = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        a2.hash_password_into(secret, &salt, &mut *out)
            .map_err(|e| anyhow::anyhow!("KDF: {e}"))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_known_answer() {
        // RFC 9106 parameters are not reachable through this API (secret/ad), so check
        // determinism and salt sensitivity instead; the RFC vector is covered by argon2.
        let p = KdfProfile::Test.fresh_params();
        assert_eq!(*p.derive(b"pw").unwrap(), *p.derive(b"pw").unwrap());
        let q = KdfProfile::Test.fresh_params();
        assert_ne!(*p.derive(b"pw").unwrap(), *q.derive(b"pw").unwrap());
        assert_ne!(*p.derive(b"pw").unwrap(), *p.derive(b"pw2").unwrap());
    }

    #[test]
    fn absurd_parameters_are_refused_before_the_kdf_runs() {
        let good = KdfProfile::Test.fresh_params();
        assert!(good.check().is_ok());
        assert!(KdfProfile::Default.fresh_params().check().is_ok());
        let bad = |f: &dyn Fn(&mut KdfParams)| {
            let mut p = good.clone();
            f(&mut p);
            assert!(p.check().is_err(), "{p:?}");
            assert!(p.derive(b"pw").is_err());
        };
        bad(&|p| p.t = 0);
        bad(&|p| p.m_kib = u32::MAX);
        bad(&|p| p.p = 100_000);
        bad(&|p| p.salt = B64.encode([0u8; 4]));
        bad(&|p| p.salt = "not base64!".into());
        bad(&|p| p.algorithm = "scrypt".into());
        bad(&|p| p.m_kib = 4);
    }

    #[test]
    fn stored_parameters_are_bounded() {
        for profile in [KdfProfile::Default, KdfProfile::Test] {
            assert!(profile.fresh_params().check().is_ok());
        }
        let ok = KdfProfile::Test.fresh_params();
        let bad = [
            KdfParams {
                algorithm: "scrypt".into(),
                ..ok.clone()
            },
            KdfParams { t: 0, ..ok.clone() },
            KdfParams {
                t: u32::MAX,
                ..ok.clone()
            },
            KdfParams { p: 0, ..ok.clone() },
            KdfParams {
                p: 65,
                m_kib: 1 << 20,
                ..ok.clone()
            },
            KdfParams {
                m_kib: 7,
                ..ok.clone()
            },
            KdfParams {
                m_kib: MAX_M_KIB + 1,
                ..ok.clone()
            },
            KdfParams {
                salt: "!!".into(),
                ..ok.clone()
            },
            KdfParams {
                salt: "AAAA".into(),
                ..ok.clone()
            },
            KdfParams {
                salt: B64.encode([0u8; 65]),
                ..ok.clone()
            },
        ];
        for p in bad {
            assert!(p.check().is_err(), "{p:?}");
            assert!(p.derive(b"pw").is_err(), "{p:?}");
        }
    }

    #[test]
    fn default_profile_meets_the_design_minimum() {
        let p = KdfProfile::Default.fresh_params();
        assert!(p.m_kib >= 65536 && p.t >= 3 && p.p >= 4);
    }
}
