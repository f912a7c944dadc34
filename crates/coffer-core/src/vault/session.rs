//! The session file written by `login`: the vault identity (or, with `--session env`, the
//! identity wrapped under a token kept in `COFFER_SESSION`), the absolute expiry, the
//! idle timeout and the last activity, with a MAC keyed from the vault identity so a
//! truncated or edited file is detected and deleted: without the identity (in env mode,
//! without the token) nothing in the file can be extended. The vault records the id of
//! the one live session (`meta.session_id`, see [`crate::vault::Vault::for_session`]): a
//! later login or a logout ends every older session, saved copies included.
//!
//! It lives in `$XDG_RUNTIME_DIR/coffer/<home-id>/<user>.session` (tmpfs) when that
//! directory exists, else in `<home>/sessions/<user>.session`; mode 0600 in a 0700
//! directory. The `<home-id>` level keeps two homes with the same user name apart.

use super::crypto;
use super::fsio;
use crate::clock;
use crate::error::Result;
use anyhow::Context as _;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD as B64URL};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How the identity is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// In the session file itself.
    File,
    /// Wrapped under the `COFFER_SESSION` token; the file alone is useless.
    Env,
}

/// The session file's content.
#[derive(Clone, Serialize, Deserialize)]
pub struct SessionFile {
    /// Format version.
    pub v: u32,
    /// The user.
    pub user: String,
    /// The home this session belongs to.
    pub home: String,
    /// Random session id.
    pub id: String,
    /// How the identity is kept.
    pub mode: Mode,
    /// Login time (Unix seconds).
    pub created_at: i64,
    /// Absolute expiry (Unix seconds).
    pub expires_at: i64,
    /// Idle timeout (seconds).
    pub idle_timeout_secs: i64,
    /// Last activity (Unix seconds), inside the MAC: the idle timeout counts from it.
    pub last_used_at: i64,
    /// The identity (mode `file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    identity: Option<String>,
    /// Nonce and ciphertext of the identity (mode `env`), base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wrapped: Option<(String, String)>,
    /// HMAC-SHA256 over everything else, keyed from the identity.
    #[serde(default)]
    mac: String,
}

impl std::fmt::Debug for SessionFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionFile")
            .field("user", &self.user)
            .field("mode", &self.mode)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// A verified, live session.
pub struct Session {
    /// The file's content.
    pub file: SessionFile,
    /// The unwrapped vault identity.
    pub identity: SecretString,
    /// Where the file is.
    pub path: PathBuf,
    /// Last activity (Unix seconds): the file's `last_used_at` (under its MAC), then
    /// the time this process restarted the idle timer ([`Session::touch_later`]).
    pub last_active: i64,
}

/// Where the session file of `user` in `home` lives.
pub fn path(home: &Path, user: &str, runtime_dir: Option<&Path>) -> PathBuf {
    match runtime_dir.filter(|d| d.is_dir()) {
        Some(rt) => {
            let id = hex::encode(&crypto::sha256(home.as_os_str().as_encoded_bytes())[..8]);
            rt.join("coffer").join(id).join(format!("{user}.session"))
        }
        None => home.join("sessions").join(format!("{user}.session")),
    }
}

fn mac_key(identity: &SecretString) -> Vec<u8> {
    super::derived_key(b"coffer-session-mac-v1", identity).to_vec()
}

fn compute_mac(file: &SessionFile, identity: &SecretString) -> Result<String> {
    let mut unsigned = file.clone();
    unsigned.mac = String::new();
    let body = serde_json::to_vec(&unsigned).context("serializing session")?;
    Ok(hex::encode(crypto::hmac_sha256(&mac_key(identity), &body)))
}

fn wrap_aad(user: &str, id: &str) -> Vec<u8> {
    format!("coffer-session|v1|{user}|{id}").into_bytes()
}

/// Parameters of a new session.
pub struct NewSession<'a> {
    /// Home root (bound into the file).
    pub home: &'a Path,
    /// User name.
    pub user: &'a str,
    /// File or env mode.
    pub mode: Mode,
    /// Idle timeout in seconds.
    pub idle_timeout_secs: i64,
    /// Absolute lifetime in seconds.
    pub max_secs: i64,
    /// The session id ([`new_id`]), recorded in the vault by the caller.
    pub id: &'a str,
}

/// A new random session id.
pub fn new_id() -> String {
    hex::encode(fsio::random_bytes::<16>())
}

/// Writes a new session file at `path`; returns it and, in env mode, the token.
pub fn create(
    path: &Path,
    new: &NewSession<'_>,
    identity: &SecretString,
) -> Result<(SessionFile, Option<SecretString>)> {
    let now = clock::now();
    let id = new.id.to_string();
    let (ident, wrapped, token) = match new.mode {
        Mode::File => (Some(identity.expose_secret().to_string()), None, None),
        Mode::Env => {
            let key = zeroize::Zeroizing::new(fsio::random_bytes::<32>());
            let nonce = fsio::random_bytes::<24>();
            let ct = crypto::xchacha_seal(
                &key,
                &nonce,
                &wrap_aad(new.user, &id),
                identity.expose_secret().as_bytes(),
            );
            let token = SecretString::from(B64URL.encode(*key));
            (
                None,
                Some((B64URL.encode(nonce), B64URL.encode(ct))),
                Some(token),
            )
        }
    };
    let mut file = SessionFile {
        v: 1,
        user: new.user.to_string(),
        home: new.home.to_string_lossy().into_owned(),
        id,
        mode: new.mode,
        created_at: now,
        expires_at: now + new.max_secs,
        idle_timeout_secs: new.idle_timeout_secs,
        last_used_at: now,
        identity: ident,
        wrapped,
        mac: String::new(),
    };
    file.mac = compute_mac(&file, identity)?;
    write(path, &file)?;
    Ok((file, token))
}

fn write(path: &Path, file: &SessionFile) -> Result<()> {
    let dir = path.parent().context("session path has no parent")?;
    fsio::ensure_private_dir(dir)?;
    let json = serde_json::to_vec(file).context("serializing session")?;
    fsio::write_atomic_unlocked(path, &json)?;
    Ok(())
}

/// Why a session could not be used.
pub enum Rejection {
    /// No session file.
    Missing,
    /// Env mode but no (or a wrong) token: the file is kept.
    NeedsToken(&'static str),
    /// Expired (idle or absolute): the file must be deleted.
    Expired(&'static str),
    /// Truncated, edited or belonging elsewhere: the file must be deleted.
    Invalid(&'static str),
}

/// Reads and verifies the session at `path` for `user` in `home` at time `now`.
pub fn open(
    path: &Path,
    home: &Path,
    user: &str,
    token: Option<&str>,
    now: i64,
) -> std::result::Result<Session, Rejection> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(_) => return Err(Rejection::Missing),
    };
    let file: SessionFile = serde_json::from_slice(&bytes)
        .map_err(|_| Rejection::Invalid("the session file is damaged"))?;
    if file.v != 1 || file.user != user || file.home != home.to_string_lossy() {
        return Err(Rejection::Invalid(
            "the session file belongs to another user or home",
        ));
    }
    let identity = match file.mode {
        Mode::File => SecretString::from(
            file.identity
                .clone()
                .ok_or(Rejection::Invalid("the session file is damaged"))?,
        ),
        Mode::Env => unwrap_env(&file, token)?,
    };
    let expected = compute_mac(&file, &identity)
        .map_err(|_| Rejection::Invalid("the session file is damaged"))?;
    if !constant_time_eq(expected.as_bytes(), file.mac.as_bytes()) {
        return Err(Rejection::Invalid("the session file was altered"));
    }
    if now >= file.expires_at {
        return Err(Rejection::Expired(
            "the session reached its maximum lifetime",
        ));
    }
    let last_active = file.last_used_at;
    if now >= last_active + file.idle_timeout_secs {
        return Err(Rejection::Expired(
            "the session was idle longer than its timeout",
        ));
    }
    Ok(Session {
        file,
        identity,
        path: path.to_path_buf(),
        last_active,
    })
}

fn unwrap_env(
    file: &SessionFile,
    token: Option<&str>,
) -> std::result::Result<SecretString, Rejection> {
    let token = token.ok_or(Rejection::NeedsToken(
        "this session needs COFFER_SESSION from `coffer login --session env`",
    ))?;
    let key = B64URL
        .decode(token.trim())
        .ok()
        .map(zeroize::Zeroizing::new)
        .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
        .ok_or(Rejection::NeedsToken(
            "COFFER_SESSION is not a valid session token",
        ))?;
    let key = zeroize::Zeroizing::new(key);
    let (nonce, ct) = file
        .wrapped
        .as_ref()
        .ok_or(Rejection::Invalid("the session file is damaged"))?;
    let (Ok(nonce), Ok(ct)) = (B64URL.decode(nonce), B64URL.decode(ct)) else {
        return Err(Rejection::Invalid("the session file is damaged"));
    };
    let Ok(nonce) = <[u8; 24]>::try_from(nonce.as_slice()) else {
        return Err(Rejection::Invalid("the session file is damaged"));
    };
    let pt = crypto::xchacha_open(&key, &nonce, &wrap_aad(&file.user, &file.id), &ct).ok_or(
        Rejection::NeedsToken("COFFER_SESSION does not match this session"),
    )?;
    std::str::from_utf8(&pt)
        .map(|s| SecretString::from(s.to_owned()))
        .map_err(|_| Rejection::Invalid("the session file is damaged"))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The activity to record once the command has succeeded (see [`Session::touch_later`]).
static PENDING_TOUCH: std::sync::Mutex<Option<(Session, i64)>> = std::sync::Mutex::new(None);

/// Records the activity of [`Session::touch_later`]: called by the binary once the
/// command succeeded (a failed command changes nothing, its session's timer included).
pub fn commit_touch() {
    let pending = PENDING_TOUCH
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take();
    if let Some((mut s, now)) = pending {
        s.touch(now);
    }
}

impl Session {
    /// Restarts the idle timer as of `now` in this process, and records it in the file
    /// once the command has succeeded ([`commit_touch`]).
    pub fn touch_later(&mut self, now: i64) {
        if now <= self.last_active {
            return;
        }
        let copy = Session {
            file: self.file.clone(),
            identity: self.identity.clone(),
            path: self.path.clone(),
            last_active: self.last_active,
        };
        *PENDING_TOUCH.lock().unwrap_or_else(|e| e.into_inner()) = Some((copy, now));
        self.last_active = now;
    }

    /// Records activity now, restarting the idle timer: the file is replaced by one with
    /// the new time under a new MAC, by an atomic exchange that never creates it: a
    /// session file deleted meanwhile (by `logout`) stays deleted, and a reader never
    /// sees a partial file. The old content (which holds the key in file mode) is
    /// removed with the temp name.
    pub fn touch(&mut self, now: i64) {
        if now <= self.file.last_used_at {
            return;
        }
        let mut file = self.file.clone();
        file.last_used_at = now;
        let Ok(mac) = compute_mac(&file, &self.identity) else {
            return;
        };
        file.mac = mac;
        let Ok(json) = serde_json::to_vec(&file) else {
            return;
        };
        if exchange(&self.path, &json).is_ok() {
            self.file = file;
            self.last_active = now;
        }
    }
}

/// Deletes the session file at `path` if it is the session `id` (a file that a later
/// login or a logout ended; a newer session's file is kept).
pub fn remove_if_id(path: &Path, id: &str) {
    let same = std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<SessionFile>(&b).ok())
        .is_some_and(|f| f.id == id);
    if same {
        let _ = std::fs::remove_file(path);
    }
}

/// Replaces the existing file at `path` with `bytes` (mode 0600) by exchanging it with
/// a temp file (`renameat2(RENAME_EXCHANGE)`), then removes the temp name. Fails, and
/// creates nothing, when `path` does not exist.
fn exchange(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // Named as every temp file, so a crash before its removal leaves one that the
    // next command sweeps (wiped: it holds the key in file mode).
    let tmp = fsio::write_new_temp(path, bytes)?;
    let exchanged = fsio::rename_exchange(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    exchanged
}
