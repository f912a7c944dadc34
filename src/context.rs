//! The command context: the resolved home, the user selection, the input channel and the
//! environment-derived settings; `unlock()` turns it into an unlocked vault through the
//! session file.

use crate::clock;
use crate::error::{Error, Result};
use crate::secret::Input;
use crate::vault::audit::{Event, Severity};
use crate::vault::profile::{Home, Profile, validate_username};
use crate::vault::session::{self, Rejection, Session};
use crate::vault::{Vault, fsio, inbox};
use secrecy::ExposeSecret as _;
use std::path::PathBuf;

/// Everything a command needs from the outside world, resolved once in `main`.
pub struct Ctx {
    /// The coffer home.
    pub home: Home,
    /// `--user` / `$COFFER_USER`.
    pub user_flag: Option<String>,
    /// Prompts and secret sources.
    pub input: Input,
    /// `$COFFER_KDF_PROFILE` (read by `register`).
    pub kdf_profile: Option<String>,
    /// `$COFFER_SESSION` (env-mode sessions).
    pub session_token: Option<String>,
    /// `$XDG_RUNTIME_DIR`.
    pub runtime_dir: Option<PathBuf>,
    /// What the output is (for people or `--json`), asked through its handles.
    pub out: crate::output::Output,
}

/// An unlocked vault and the live session that unlocked it.
pub struct Unlocked {
    /// The vault.
    pub vault: Vault,
    /// The session (its idle timer restarted; the file records it when the command
    /// succeeds).
    pub session: Session,
}

impl Ctx {
    /// The user a command acts for: `--user`, else `$COFFER_USER`, else the only user,
    /// else the one who logged in most recently, named in a notice on stderr (never a
    /// silent switch). A fixed test clock applies only when
    /// that user's vault is a test vault ([`clock::allow_for_vault`]).
    pub fn resolve_user(&self) -> Result<String> {
        Ok(self.resolve()?.0)
    }

    /// [`Self::resolve_user`] with that user's profile, read once.
    fn resolve(&self) -> Result<(String, Profile)> {
        let (user, read) = self.resolve_user_name()?;
        let profile = match read {
            Some(p) => p,
            None => Profile::load(&self.home.user(&user))?,
        };
        let test_vault = profile.kdf_profile == crate::vault::kdf::KdfProfile::Test
            && profile.keyslots.iter().all(|k| k.kdf.is_test_level());
        clock::allow_for_vault(test_vault, &user)?;
        Ok((user, profile))
    }

    /// The user's name, and the profile when listing the users read it.
    fn resolve_user_name(&self) -> Result<(String, Option<Profile>)> {
        if let Some(name) = &self.user_flag {
            validate_username(name)?;
            if !self.home.user(name).profile.exists() {
                return Err(Error::UserNotFound(name.clone()));
            }
            return Ok((name.clone(), None));
        }
        let mut users = self.home.list_users()?;
        if users.len() == 1 {
            let (only, profile) = users.remove(0);
            return Ok((only, Some(profile?)));
        }
        match users.as_slice() {
            [] => Err(Error::NoUser {
                home: self.home.root.clone(),
            }),
            many => {
                let names: Vec<&str> = many.iter().map(|(n, _)| n.as_str()).collect();
                let last = many
                    .iter()
                    .filter_map(|(_, p)| p.as_ref().ok())
                    .filter_map(|p| Some((p.last_login_order()?, p)))
                    .max_by_key(|(t, _)| *t)
                    .map(|(_, p)| p.username.clone());
                match last {
                    // Never a silent switch: a restore (`restore vault --as`) or another
                    // person's login changes who "last logged in".
                    Some(user) => {
                        crate::vault::notice(format!(
                            "acting as {user} (the last to log in of the users {}); pass --user NAME or set COFFER_USER to choose",
                            names.join(", ")
                        ));
                        Ok((user, None))
                    }
                    None => Err(Error::Usage(format!(
                        "this home has several users ({}); choose one with --user NAME",
                        names.join(", ")
                    ))),
                }
            }
        }
    }

    /// Where `user`'s session file lives. Temp files that crashed session writers left
    /// in that directory (they hold a vault key) are wiped and removed on the way.
    pub fn session_path(&self, user: &str) -> PathBuf {
        let path = session::path(&self.home.root, user, self.runtime_dir.as_deref());
        if let Some(dir) = path.parent() {
            fsio::sweep_stale_temps(dir, |_| true);
        }
        path
    }

    /// Opens the session of the resolved user and the vault behind it, and restarts the
    /// session's idle timer once the command has succeeded.
    pub fn unlock(&self) -> Result<Unlocked> {
        let mut unlocked = self.unlock_without_activity()?;
        unlocked.session.touch_later(clock::now());
        Ok(unlocked)
    }

    /// [`Ctx::unlock`] without restarting the idle timer: for `whoami`, which reports
    /// how long the session has left (as `bitcoin-cli getwalletinfo` reports
    /// `unlocked_until` without extending it), so that asking, from a script or a shell
    /// prompt however often, never keeps the vault unlocked.
    pub fn unlock_without_activity(&self) -> Result<Unlocked> {
        let (user, profile) = self.resolve()?;
        let paths = self.home.user(&user);
        let path = self.session_path(&user);
        let now = clock::now();
        let rejected = |reason: &'static str, event: &str, severity: Severity| {
            let _ = fsio::remove_if_exists(&path);
            if let Ok(r) = profile.recipient() {
                let ev = Event::new(
                    event,
                    severity,
                    false,
                    serde_json::json!({ "reason": reason }),
                );
                let _ = inbox::post(&paths, &r, &inbox::Item::Audit(ev));
            }
            Error::SessionExpired {
                reason: Some(reason.into()),
            }
        };
        let session = match session::open(
            &path,
            &self.home.root,
            &user,
            self.session_token.as_deref(),
            now,
        ) {
            Ok(s) => s,
            Err(Rejection::Missing) => return Err(Error::Locked { user, detail: None }),
            Err(Rejection::NeedsToken(why)) => {
                return Err(Error::Locked {
                    user,
                    detail: Some(why.into()),
                });
            }
            Err(Rejection::Expired(why)) => {
                return Err(rejected(why, "session_expired", Severity::Info));
            }
            Err(Rejection::Invalid(why)) => {
                return Err(rejected(why, "session_rejected", Severity::Medium));
            }
        };
        // A password change (or recovery) ends every session opened before it.
        if session.file.created_at < profile.password_changed_at {
            return Err(rejected(
                "the password changed after this login",
                "session_rejected",
                Severity::Info,
            ));
        }
        // The session's key opens this vault, yet the profile does not verify against it:
        // profile.json was changed, which the user must hear about.
        // (Asked only then: it decrypts the vault's header.)
        let ours = || {
            session
                .identity
                .expose_secret()
                .parse::<age::x25519::Identity>()
                .is_ok_and(|i| crate::vault::store::opens(&paths, &i))
        };
        let vault = match Vault::with_identity(paths.clone(), profile.clone(), &session.identity) {
            Ok(v) => v,
            Err(e @ Error::ProfileDamaged { .. }) if ours() => return Err(e),
            Err(_) => {
                return Err(rejected(
                    "the session belongs to another vault",
                    "session_rejected",
                    Severity::Medium,
                ));
            }
        };
        let vault = vault.for_session(&session.file.id, &path);
        Ok(Unlocked { vault, session })
    }
}
