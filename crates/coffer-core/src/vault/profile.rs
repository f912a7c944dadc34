//! The home directory layout and `users/<name>/profile.json`: plaintext metadata that
//! holds no secret (keyslots are ciphertext), read without unlocking.

use super::fsio;
use super::kdf::KdfProfile;
use super::keyslot::{Keyslot, SlotKind};
use crate::error::{Error, Result};
use anyhow::Context as _;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A coffer home (`--home`, `$COFFER_HOME` or the platform data directory).
#[derive(Debug, Clone)]
pub struct Home {
    /// The home's root directory.
    pub root: PathBuf,
}

/// The files of one user.
#[derive(Debug, Clone)]
pub struct UserPaths {
    /// `users/<name>/`.
    pub dir: PathBuf,
    /// `profile.json`.
    pub profile: PathBuf,
    /// `vault.age`, the current generation.
    pub vault: PathBuf,
    /// `vault.age.prev`, the previous generation.
    pub prev: PathBuf,
    /// `vault.delta.age`, the pages changed since `vault.age` was written whole (see
    /// [`crate::vault::delta`]).
    pub delta: PathBuf,
    /// `vault.delta.age.prev`, the delta of the previous generation.
    pub delta_prev: PathBuf,
    /// `engine.age`, the wallet-engine state (see [`crate::vault::store`]).
    pub engine: PathBuf,
    /// `engine.age.prev`, its previous generation.
    pub engine_prev: PathBuf,
    /// `lock`, taken by every writer.
    pub lock: PathBuf,
    /// `inbox/`, events written while locked.
    pub inbox: PathBuf,
}

impl UserPaths {
    /// The files of a user directory at `dir` (in place, or being built aside).
    pub fn in_dir(dir: PathBuf) -> Self {
        UserPaths {
            profile: dir.join("profile.json"),
            vault: dir.join("vault.age"),
            prev: dir.join("vault.age.prev"),
            delta: dir.join("vault.delta.age"),
            delta_prev: dir.join("vault.delta.age.prev"),
            engine: dir.join("engine.age"),
            engine_prev: dir.join("engine.age.prev"),
            lock: dir.join("lock"),
            inbox: dir.join("inbox"),
            dir,
        }
    }
}

impl Home {
    /// The home at `root`.
    pub fn new(root: PathBuf) -> Self {
        Home { root }
    }

    /// `users/`.
    pub fn users_dir(&self) -> PathBuf {
        self.root.join("users")
    }

    /// The paths of user `name` (which is assumed valid).
    pub fn user(&self, name: &str) -> UserPaths {
        UserPaths::in_dir(self.users_dir().join(name))
    }

    /// The users of this home, sorted by name, each with its profile or the reason it
    /// cannot be read (one damaged profile must not hide the other users).
    pub fn list_users(&self) -> Result<Vec<(String, Result<Profile>)>> {
        let dir = self.users_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => {
                return Err(anyhow::Error::new(e)
                    .context(format!("reading {}", dir.display()))
                    .into());
            }
        };
        let mut out = vec![];
        for entry in entries {
            let entry = entry.context("reading users directory")?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if validate_username(&name).is_err() {
                continue;
            }
            let paths = self.user(&name);
            if paths.profile.exists() {
                out.push((name, Profile::load(&paths)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }
}

/// Checks a user name: 1–32 characters of `[a-z0-9_-]`.
pub fn validate_username(name: &str) -> Result<()> {
    let ok_chars = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if name.is_empty() || name.len() > 32 || !ok_chars {
        return Err(Error::invalid(
            "username",
            format!("'{name}' must be 1 to 32 characters of a-z, 0-9, '_' and '-'"),
        ));
    }
    Ok(())
}

/// `profile.json`: everything about a user that may be read while locked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    /// Profile format version.
    pub format: u32,
    /// The user name (also the directory name).
    pub username: String,
    /// Creation time (Unix seconds).
    pub created_at: i64,
    /// The KDF profile the keyslots were made with.
    pub kdf_profile: KdfProfile,
    /// The vault's age recipient (`age1…`): public, lets the inbox be written while locked.
    pub vault_recipient: String,
    /// The wrapped copies of the vault identity.
    pub keyslots: Vec<Keyslot>,
    /// Consecutive failed logins since the last success.
    pub failed_logins: u32,
    /// Time of the last failed login (Unix milliseconds).
    pub last_failed_login_ms: Option<i64>,
    /// Time of the last successful login (Unix seconds).
    pub last_login_at: Option<i64>,
    /// The same in milliseconds: orders users who logged in within one second.
    #[serde(default)]
    pub last_login_ms: Option<i64>,
    /// When the password slot was last written (Unix seconds).
    pub password_changed_at: i64,
    /// The audit chain's head as of the last vault write: outside the encryption, so an
    /// older vault generation (a shorter log) put in place shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<AuditHead>,
    /// HMAC-SHA256 (hex), keyed from the vault identity, over every field that steers
    /// coffer (see [`Profile::bind`]): a change made without the vault key is detected
    /// at unlock. The counters of failed logins and the last login are not covered
    /// (they change while the vault is locked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<String>,
}

/// Rows and last hash (hex) of the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    /// Rows in the chain.
    pub count: u64,
    /// The last row's hash (hex).
    pub hash: String,
}

impl Profile {
    /// Reads and parses the profile of `paths`, and checks what can be checked without
    /// the vault key: the format, the user name (the directory's), a password keyslot,
    /// and KDF parameters that are sane (refused before any KDF runs).
    pub fn load(paths: &UserPaths) -> Result<Self> {
        let bytes = std::fs::read(&paths.profile)
            .with_context(|| format!("reading {}", paths.profile.display()))?;
        let damaged = |reason: String| Error::ProfileDamaged {
            reason,
            path: paths.profile.clone(),
        };
        let profile: Profile =
            serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
        if profile.format != super::keyslot::FORMAT_VERSION {
            return Err(damaged(format!(
                "format {} is not one this coffer reads ({})",
                profile.format,
                super::keyslot::FORMAT_VERSION
            )));
        }
        profile.check(paths).map_err(damaged)?;
        Ok(profile)
    }

    /// The bytes [`Profile::bind`] covers: every field that steers coffer.
    fn bound_bytes(&self) -> Vec<u8> {
        let slots: Vec<serde_json::Value> = self
            .keyslots
            .iter()
            .map(|k| serde_json::json!([k.kind, k.kdf, k.nonce, k.wrapped, k.created_at]))
            .collect();
        serde_json::to_vec(&serde_json::json!([
            "coffer-profile-binding-v1",
            self.format,
            self.username,
            self.created_at,
            self.kdf_profile,
            self.vault_recipient,
            slots,
            self.password_changed_at,
            self.audit_head,
        ]))
        .expect("JSON values serialize")
    }

    fn binding_mac(&self, identity: &SecretString) -> String {
        let key = super::derived_key(b"coffer-profile-binding-key-v1", identity);
        hex::encode(super::crypto::hmac_sha256(&key[..], &self.bound_bytes()))
    }

    /// Binds the profile's fields to the vault key (`identity`, the `AGE-SECRET-KEY-1…`
    /// string): call before saving a change to any of them.
    pub fn bind(&mut self, identity: &SecretString) {
        self.binding = Some(self.binding_mac(identity));
    }

    /// Whether the binding matches `identity`: `None` for a profile never bound (made
    /// before bindings existed; the next write binds it).
    pub fn binding_matches(&self, identity: &SecretString) -> Option<bool> {
        let stored = self.binding.as_ref()?;
        let expected = self.binding_mac(identity);
        Some(
            stored.len() == expected.len()
                && stored
                    .bytes()
                    .zip(expected.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0,
        )
    }

    /// What a profile must satisfy before anything relies on it: coffer's user name
    /// (the directory's), a vault recipient, usable keyslots.
    fn check(&self, paths: &UserPaths) -> std::result::Result<(), String> {
        if paths.dir.file_name() != Some(std::ffi::OsStr::new(&self.username)) {
            return Err(format!(
                "it names the user '{}', not the one of its directory",
                self.username
            ));
        }
        if self
            .vault_recipient
            .parse::<age::x25519::Recipient>()
            .is_err()
        {
            return Err("its vault_recipient is not an age recipient (age1…)".into());
        }
        super::keyslot::check_slots(&self.keyslots)
    }

    /// Writes the profile atomically (the caller holds the user's lock).
    pub fn save(&self, paths: &UserPaths) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).context("serializing profile")?;
        fsio::write_atomic(&paths.profile, &json)?;
        Ok(())
    }

    /// The slot of `kind`.
    pub fn slot(&self, kind: SlotKind) -> Option<&Keyslot> {
        self.keyslots.iter().find(|s| s.kind == kind)
    }

    /// The vault's public age recipient.
    pub fn recipient(&self) -> Result<age::x25519::Recipient> {
        self.vault_recipient
            .parse()
            .map_err(|e| anyhow::anyhow!("vault recipient in profile.json: {e}").into())
    }

    /// When this user last logged in, for choosing the default user (Unix ms).
    pub fn last_login_order(&self) -> Option<i64> {
        self.last_login_ms
            .or(self.last_login_at.map(|s| s.saturating_mul(1000)))
    }

    /// Milliseconds the next login attempt must still wait, if any: from the 6th
    /// consecutive failure on, each try waits 2^(failures-5) seconds (capped at one hour).
    /// A last failure in the future (a clock set back, or an edited profile) counts as
    /// now, so the wait never exceeds the cap.
    pub fn login_delay_ms(&self, now_ms: i64) -> Option<i64> {
        let delay_ms = backoff_ms(self.failed_logins)?;
        let last = self.last_failed_login_ms.unwrap_or(i64::MIN).min(now_ms);
        let ready = last.saturating_add(delay_ms);
        (ready > now_ms).then(|| ready - now_ms)
    }
}

/// The wait imposed after `failures` consecutive failures (none below 5).
pub fn backoff_ms(failures: u32) -> Option<i64> {
    const FREE: u32 = 5;
    if failures < FREE {
        return None;
    }
    let exp = (failures - FREE).min(12);
    Some((1000i64 << exp).min(3_600_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        for ok in ["a", "alice", "bob_2", "x-y", &"a".repeat(32)] {
            assert!(validate_username(ok).is_ok(), "{ok}");
        }
        for bad in ["", "Alice", "a b", "a/b", "..", &"a".repeat(33), "é"] {
            assert!(validate_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn backoff_grows_exponentially_from_the_sixth_try() {
        assert_eq!(backoff_ms(4), None);
        assert_eq!(backoff_ms(5), Some(1000));
        assert_eq!(backoff_ms(6), Some(2000));
        assert_eq!(backoff_ms(8), Some(8000));
        assert_eq!(backoff_ms(40), Some(3_600_000));
    }

    #[test]
    fn the_login_wait_never_exceeds_the_cap() {
        let mut p: Profile = serde_json::from_value(serde_json::json!({
            "format": 1, "username": "a", "created_at": 0, "kdf_profile": "test",
            "vault_recipient": "", "keyslots": [], "failed_logins": 40,
            "last_failed_login_ms": null, "last_login_at": null, "password_changed_at": 0,
        }))
        .unwrap();
        let now = 1_800_000_000_000;
        assert_eq!(p.login_delay_ms(now), None);
        for (last, wait) in [
            (now, Some(3_600_000)),
            (now - 1_000, Some(3_599_000)),
            (now - 3_600_000, None),
            (now + 86_400_000, Some(3_600_000)),
            (i64::MAX, Some(3_600_000)),
            (i64::MIN, None),
        ] {
            p.last_failed_login_ms = Some(last);
            assert_eq!(p.login_delay_ms(now), wait, "last failure {last}");
        }
        p.failed_logins = 6;
        p.last_failed_login_ms = Some(now + 1_000_000);
        assert_eq!(p.login_delay_ms(now), Some(2_000));
    }
}
