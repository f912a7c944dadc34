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

/// The largest memory a stored parameter set may ask for (4 GiB), and the most
/// iterations and lanes: beyond these a KDF is not a setting but a denial of service.
const MAX_M_KIB: u32 = 4 * 1024 * 1024;
const MAX_T: u32 = 64;
const MAX_P: u32 = 64;

impl KdfParams {
    /// Checks the parameters before any KDF runs: `argon2id`, 1–64 iterations and lanes,
    /// at least 8 KiB per lane and at most 4 GiB, a salt of 16 to 64 bytes.
    pub fn check(&self) -> std::result::Result<(), String> {
        if self.algorithm != "argon2id" {
            return Err(format!("unknown KDF algorithm '{}'", self.algorithm));
        }
        if !(1..=MAX_T).contains(&self.t) {
            return Err(format!("KDF iterations {} outside 1–{MAX_T}", self.t));
        }
        if !(1..=MAX_P).contains(&self.p) {
            return Err(format!("KDF parallelism {} outside 1–{MAX_P}", self.p));
        }
        if self.m_kib < 8 * self.p || self.m_kib > MAX_M_KIB {
            return Err(format!(
                "KDF memory {} KiB outside {}–{MAX_M_KIB} KiB",
                self.m_kib,
                8 * self.p
            ));
        }
        match B64.decode(&self.salt) {
            Ok(salt) if (16..=64).contains(&salt.len()) => Ok(()),
            Ok(salt) => Err(format!(
                "KDF salt of {} bytes (16 to 64 expected)",
                salt.len()
            )),
            Err(_) => Err("the KDF salt is not base64".into()),
        }
    }

    /// Whether these are the test profile's parameters (insecure, fast).
    pub fn is_test_level(&self) -> bool {
        let t = KdfProfile::Test.fresh_params();
        (self.m_kib, self.t, self.p) == (t.m_kib, t.t, t.p)
    }

    /// Derives a 32-byte key from `secret` (after [`KdfParams::check`]).
    pub fn derive(&self, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        self.check()
            .map_err(|e| anyhow::anyhow!("refusing to run the KDF: {e}"))?;
        let salt = B64
            .decode(&self.salt)
            .map_err(|e| anyhow::anyhow!("KDF salt: {e}"))?;
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
    fn default_profile_meets_the_design_minimum() {
        let p = KdfProfile::Default.fresh_params();
        assert!(p.m_kib >= 65536 && p.t >= 3 && p.p >= 4);
    }
}
