//! The one error type of coffer: every failure a user can meet is a named variant with a
//! stable snake_case `code()`, an exit code (DESIGN.md "Output and errors") and a hint.

use std::path::PathBuf;

/// Exit codes, as agreed in DESIGN.md.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A bug or an unexpected failure of the environment.
    pub const INTERNAL: u8 = 1;
    /// Bad command-line usage.
    pub const USAGE: u8 = 2;
    /// Authentication: locked, wrong password/PIN/TOTP, session expired.
    pub const AUTH: u8 = 3;
    /// Something named does not exist.
    pub const NOT_FOUND: u8 = 4;
    /// Invalid input.
    pub const INVALID_INPUT: u8 = 5;
    /// Insufficient funds or a spending limit.
    pub const FUNDS: u8 = 6;
    /// Backend or network.
    pub const BACKEND: u8 = 7;
    /// The vault is damaged or unreadable.
    pub const VAULT: u8 = 8;
    /// Rate-limited: try again later.
    pub const RATE_LIMITED: u8 = 9;
    /// `receive wait` ran out of time (nothing went wrong; the payment did not come).
    pub const TIMEOUT: u8 = 10;
}

/// Every failure coffer reports. Messages never contain secrets.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line could not be parsed or is inconsistent.
    #[error("{0}")]
    Usage(String),
    /// A secret or answer is needed but no source was given and prompting is not possible.
    #[error("{what} is required")]
    InputRequired {
        /// What is missing, e.g. "a password".
        what: String,
        /// How to provide it without a terminal.
        hint: String,
    },
    /// No session: the vault is locked.
    #[error("the vault of user '{user}' is locked")]
    Locked {
        /// The user whose vault is locked.
        user: String,
        /// Why, when there is more to say than "locked".
        detail: Option<String>,
    },
    /// The session ran out (idle or absolute), or its file was damaged or tampered with.
    #[error("session expired{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())]
    SessionExpired {
        /// Why the session is no longer valid.
        reason: Option<String>,
    },
    /// The password (or, with `recovery`, the recovery code) does not unlock its keyslot.
    #[error("wrong {}", if *recovery { "recovery code" } else { "password" })]
    WrongPassword {
        /// Tries left before each attempt must wait.
        attempts_before_delay: u32,
        /// True when the secret tried was the recovery code (`security recover`).
        recovery: bool,
    },
    /// The transaction PIN does not match.
    #[error("wrong PIN")]
    WrongPin {
        /// Failures left before signing locks (0: it is locked now).
        attempts_before_lock: u32,
        /// When it locked with this failure: for how long (seconds).
        locked_for_secs: Option<u64>,
    },
    /// The send needs a person's approval (`send confirm ID`): it was stored, not signed.
    #[error("this send needs approval: {}", reasons.join("; "))]
    ApprovalRequired {
        /// The approval to confirm or cancel.
        approval_id: String,
        /// Why.
        reasons: Vec<String>,
    },
    /// `receive wait` ran out of time before the payment arrived.
    #[error("no matching payment within {waited_secs} s")]
    Timeout {
        /// How long it waited.
        waited_secs: u64,
    },
    /// Over the rolling daily limit at confirmation, without --override-limit.
    #[error("{0}")]
    LimitExceeded(String),
    /// The audit log's hash chain is broken, or shorter than profile.json records.
    #[error("the audit log was altered: {reason}")]
    AuditBroken {
        /// What is wrong.
        reason: String,
        /// The first row (1-based, in chain order) that does not check, if one.
        row: Option<u64>,
    },
    /// The TOTP code (or backup code) is wrong, or was already used.
    #[error("wrong two-factor code: {reason}")]
    WrongTotp {
        /// Why.
        reason: String,
    },
    /// Too many failures: the caller must wait.
    #[error("too many failed attempts: try again in {retry_after_secs} s")]
    RateLimited {
        /// Seconds until the next attempt is accepted.
        retry_after_secs: u64,
    },
    /// No local user exists in this home.
    #[error("no user in {home}")]
    NoUser {
        /// The home that was searched.
        home: PathBuf,
    },
    /// The named user does not exist.
    #[error("no user named '{0}' in this home")]
    UserNotFound(String),
    /// A thing looked up by name or id does not exist.
    #[error("{0} not found")]
    NotFound(String),
    /// The user name is already taken in this home.
    #[error("user '{0}' already exists")]
    UserExists(String),
    /// The keys of a wallet being created, imported or restored are already a wallet of
    /// this vault (the same seed, passphrase, script type and network, or the same
    /// watch-only keys): its addresses would belong to two wallets.
    #[error("{what} are already in this vault as wallet '{existing}'")]
    DuplicateWallet {
        /// The wallet that holds them.
        existing: String,
        /// Which keys, e.g. "these keys (fingerprint 73c5da0a, segwit, regtest)".
        what: String,
    },
    /// The password (or a backup passphrase) is too easy to guess.
    #[error("{subject} is too weak: {reason}")]
    WeakPassword {
        /// What makes it weak, from the strength estimator.
        reason: String,
        /// `password`, or `backup passphrase`.
        subject: &'static str,
    },
    /// A value given by the user is not acceptable.
    #[error("invalid {field}: {message}")]
    InvalidInput {
        /// Which input (e.g. "username").
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The vault file cannot be read or decrypted, or its content is damaged.
    #[error("the vault is damaged or unreadable: {reason}")]
    VaultDamaged {
        /// What failed.
        reason: String,
        /// The user directory holding `vault.age` and `vault.age.prev`.
        dir: PathBuf,
    },
    /// `profile.json` (the keyslots) cannot be read.
    #[error("{} is damaged: {reason}", path.display())]
    ProfileDamaged {
        /// What failed.
        reason: String,
        /// The profile file.
        path: PathBuf,
    },
    /// The vault was written by a newer coffer.
    #[error("the vault has schema version {found}, this coffer supports up to {supported}")]
    VaultTooNew {
        /// The vault's `user_version`.
        found: i64,
        /// The newest schema this build knows.
        supported: i64,
    },
    /// The wallet cannot pay what was asked.
    #[error("insufficient funds: {needed} {unit} needed, {available} {unit} available")]
    InsufficientFunds {
        /// What the payment needs (amounts plus fee), decimal.
        needed: String,
        /// What the wallet can spend, decimal.
        available: String,
        /// `BTC`, `ETH`, …
        unit: String,
        /// The same in the smallest unit.
        needed_units: String,
        /// The same in the smallest unit.
        available_units: String,
    },
    /// A backup file is damaged, truncated, not a coffer backup, or fails a check.
    #[error("the backup is not usable: {0}")]
    BackupInvalid(String),
    /// `backup verify`: the backup decrypts, but checks fail: it is not usable.
    #[error("the backup is not usable: {failed}")]
    BackupUnusable {
        /// The failed checks and their details.
        failed: String,
        /// `checks` (every check: `check`, `ok`, `detail`, as `backup verify` returns
        /// them) and `recorded` (where the result was written, `FILE.verified`, or null).
        details: Box<serde_json::Value>,
    },
    /// The passphrase or identity does not open the backup.
    #[error("wrong passphrase or identity for this backup")]
    WrongPassphrase,
    /// A chain backend (node, JSON-RPC endpoint) failed, timed out, or is the wrong chain.
    #[error("backend: {0}")]
    Backend(String),
    /// The exchange-rate source (`rates source set`) failed or answered nothing usable.
    #[error("rates source: {0}")]
    RateSource(String),
    /// A chain backend refused the credentials it was given (HTTP 401).
    #[error("backend: {0}")]
    BackendAuth(String),
    /// Anything unexpected: a bug or an environment failure.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// Shorthand for results carrying [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable, snake_case machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::InputRequired { .. } => "input_required",
            Error::Locked { .. } => "locked",
            Error::SessionExpired { .. } => "session_expired",
            Error::WrongPassword { .. } => "wrong_password",
            Error::WrongPin { .. } => "wrong_pin",
            Error::WrongTotp { .. } => "wrong_totp",
            Error::AuditBroken { .. } => "audit_broken",
            Error::ApprovalRequired { .. } => "approval_required",
            Error::LimitExceeded(_) => "limit_exceeded",
            Error::Timeout { .. } => "timeout",
            Error::RateLimited { .. } => "rate_limited",
            Error::NoUser { .. } => "no_user",
            Error::UserNotFound(_) => "user_not_found",
            Error::NotFound(_) => "not_found",
            Error::UserExists(_) => "user_exists",
            Error::DuplicateWallet { .. } => "duplicate_wallet",
            Error::WeakPassword { .. } => "weak_password",
            Error::InvalidInput { .. } => "invalid_input",
            Error::VaultDamaged { .. } | Error::ProfileDamaged { .. } => "vault_damaged",
            Error::VaultTooNew { .. } => "vault_too_new",
            Error::InsufficientFunds { .. } => "insufficient_funds",
            Error::Backend(_) | Error::RateSource(_) => "backend",
            Error::BackendAuth(_) => "backend_auth",
            Error::BackupInvalid(_) | Error::BackupUnusable { .. } => "backup_invalid",
            Error::WrongPassphrase => "wrong_passphrase",
            Error::Internal(_) => "internal",
        }
    }

    /// The process exit code of this error (DESIGN.md).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::InputRequired { .. } => exit::USAGE,
            Error::Locked { .. }
            | Error::SessionExpired { .. }
            | Error::WrongPassword { .. }
            | Error::WrongPin { .. }
            | Error::WrongTotp { .. } => exit::AUTH,
            Error::RateLimited { .. } => exit::RATE_LIMITED,
            Error::NoUser { .. } | Error::UserNotFound(_) | Error::NotFound(_) => exit::NOT_FOUND,
            Error::UserExists(_)
            | Error::WeakPassword { .. }
            | Error::InvalidInput { .. }
            | Error::DuplicateWallet { .. } => exit::INVALID_INPUT,
            Error::VaultDamaged { .. }
            | Error::ProfileDamaged { .. }
            | Error::VaultTooNew { .. } => exit::VAULT,
            Error::InsufficientFunds { .. } => exit::FUNDS,
            Error::Backend(_) | Error::RateSource(_) => exit::BACKEND,
            Error::BackendAuth(_) => exit::AUTH,
            Error::BackupInvalid(_) | Error::BackupUnusable { .. } => exit::VAULT,
            Error::AuditBroken { .. } => exit::VAULT,
            Error::ApprovalRequired { .. } | Error::LimitExceeded(_) => exit::FUNDS,
            Error::Timeout { .. } => exit::TIMEOUT,
            Error::WrongPassphrase => exit::AUTH,
            Error::Internal(_) => exit::INTERNAL,
        }
    }

    /// What the user can do about it, if anything useful can be said.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage(_) => Some("run `coffer --help` or `coffer <command> --help`".into()),
            Error::InputRequired { hint, .. } => Some(hint.clone()),
            Error::Locked { detail, .. } => Some(match detail {
                Some(d) => format!("{d}; run `coffer login`"),
                None => "run `coffer login`".into(),
            }),
            Error::SessionExpired { .. } => Some("run `coffer login`".into()),
            Error::WrongPassword {
                attempts_before_delay,
                recovery,
            } => {
                let wait = if *attempts_before_delay > 0 {
                    format!(
                        "{attempts_before_delay} more failed attempt(s) before each try must wait"
                    )
                } else {
                    "each further failed attempt doubles the wait".into()
                };
                Some(if *recovery {
                    format!(
                        "nothing was changed; use the newest recovery code you wrote down \
                         (dashes and case do not matter); {wait}"
                    )
                } else {
                    wait
                })
            }
            Error::WrongPin {
                locked_for_secs: Some(s),
                ..
            } => Some(format!(
                "nothing was revealed or signed; too many wrong PINs: the PIN is locked for {s} s"
            )),
            Error::WrongPin {
                attempts_before_lock,
                ..
            } => Some(format!(
                "nothing was revealed or signed; {attempts_before_lock} more wrong PIN(s) lock it for a while"
            )),
            Error::RateLimited { retry_after_secs } => {
                Some(format!("wait {retry_after_secs} s before the next attempt"))
            }
            Error::ApprovalRequired { approval_id, .. } => Some(format!(
                "nothing was signed; approve it with `coffer send confirm {approval_id}` (PIN, and a 2FA code when on) or drop it with `coffer send cancel {approval_id}`"
            )),
            Error::Timeout { .. } => Some(
                "run it again to keep waiting, or with a longer --timeout".into(),
            ),
            Error::LimitExceeded(_) => Some(
                "nothing was signed; wait until older sends leave the 24-hour window, or confirm with --override-limit".into(),
            ),
            Error::AuditBroken { .. } => Some(
                "someone changed the vault's history outside coffer, or put an older vault.age in place; compare with your backups"
                    .into(),
            ),
            Error::WrongTotp { .. } => Some(
                "use the current code of your authenticator app (or an unused backup code)".into(),
            ),
            Error::NoUser { .. } => Some("create one with `coffer register`".into()),
            Error::UserNotFound(_) => {
                Some("list the users of this home with `coffer users`".into())
            }
            Error::NotFound(_) => None,
            Error::UserExists(_) => Some("choose another username, or `coffer login`".into()),
            Error::DuplicateWallet { existing, .. } => Some(format!(
                "nothing was added; use wallet '{existing}' (`coffer wallet show {existing}`). \
                 To keep a second copy anyway, pass --allow-duplicate: its addresses then \
                 belong to both wallets, and commands given an address need --wallet"
            )),
            Error::WeakPassword { .. } => Some(
                "use a longer passphrase of several unrelated words; nothing was created".into(),
            ),
            Error::InvalidInput { .. } => None,
            Error::VaultDamaged { dir, reason } if reason.starts_with("vault.delta.age") => {
                let prev = dir.join("vault.delta.age.prev");
                Some(if prev.exists() {
                    format!(
                        "nothing was changed; vault.delta.age holds the changes since vault.age \
                         was last written whole: keep a copy of it, then copy {} over it (the \
                         previous generation); or restore a backup",
                        prev.display()
                    )
                } else {
                    "nothing was changed; vault.delta.age holds the changes since vault.age was \
                     last written whole: move it aside (vault.age alone is the previous \
                     generation); or restore a backup"
                        .into()
                })
            }
            Error::VaultDamaged { dir, .. } => {
                let prev = dir.join("vault.age.prev");
                Some(if prev.exists() {
                    format!(
                        "nothing was changed; the previous generation is kept as {}: keep a copy of \
                         the damaged vault.age, then copy vault.age.prev over it; or restore a backup",
                        prev.display()
                    )
                } else {
                    "nothing was changed; there is no previous generation (vault.age.prev) yet: \
                     restore a backup"
                        .into()
                })
            }
            Error::ProfileDamaged { .. } => Some(
                "nothing was changed; profile.json holds the wrapped vault keys and the settings \
                 bound to them: if you did not change it, someone with access to this home did. \
                 Restore it from a copy of this home, or the vault from a backup (coffer restore \
                 vault)"
                    .into(),
            ),
            Error::VaultTooNew { .. } => Some(
                "upgrade coffer; the vault was left untouched (vault.age.prev or a backup from \
                 before the upgrade are the way back to this version)"
                    .into(),
            ),
            Error::InsufficientFunds { .. } => Some(
                "send less, choose a lower fee, or wait for pending funds to confirm; nothing was \
                 signed"
                    .into(),
            ),
            Error::BackupInvalid(_) | Error::BackupUnusable { .. } => {
                Some("nothing was changed; use another backup, or restore from the mnemonic".into())
            }
            Error::WrongPassphrase => Some(
                "a backup made with a passphrase needs that passphrase, not the login password"
                    .into(),
            ),
            Error::Backend(_) => Some(
                "check the endpoint with `coffer wallet backend list`; nothing was recorded".into(),
            ),
            Error::RateSource(_) => Some(
                "nothing was recorded; check the source's URL and format (`coffer rates source set \
                 URL --format coingecko|pairs`), or record a rate by hand with `coffer rates set \
                 BTC/USD RATE`"
                    .into(),
            ),
            Error::BackendAuth(_) => Some(
                "set the node again with `coffer wallet backend set btc …` and the right credentials; nothing was recorded".into(),
            ),
            Error::Internal(_) => Some("this is a bug; please report it".into()),
        }
    }

    /// Structured fields added to the JSON error object, if any.
    pub fn extra(&self) -> Option<serde_json::Value> {
        match self {
            Error::RateLimited { retry_after_secs } => {
                Some(serde_json::json!({ "retry_after_secs": retry_after_secs }))
            }
            Error::DuplicateWallet { existing, .. } => {
                Some(serde_json::json!({ "existing_wallet": existing }))
            }
            Error::WrongPassword {
                attempts_before_delay,
                recovery,
            } => Some(serde_json::json!({
                "attempts_before_delay": attempts_before_delay,
                "credential": if *recovery { "recovery_code" } else { "password" },
            })),
            Error::AuditBroken { row, .. } => Some(serde_json::json!({ "row": row })),
            Error::Timeout { waited_secs } => {
                Some(serde_json::json!({ "waited_secs": waited_secs }))
            }
            Error::ApprovalRequired {
                approval_id,
                reasons,
            } => Some(serde_json::json!({ "approval_id": approval_id, "reasons": reasons })),
            Error::WrongPin {
                attempts_before_lock,
                locked_for_secs,
            } => Some(serde_json::json!({
                "attempts_before_lock": attempts_before_lock,
                "locked_for_secs": locked_for_secs,
            })),
            Error::InvalidInput { field, .. } => Some(serde_json::json!({ "field": field })),
            Error::BackupUnusable { details, .. } => Some((**details).clone()),
            Error::VaultTooNew { found, supported } => {
                Some(serde_json::json!({ "found": found, "supported": supported }))
            }
            Error::InsufficientFunds {
                needed_units,
                available_units,
                unit,
                ..
            } => Some(serde_json::json!({
                "needed_units": needed_units,
                "available_units": available_units,
                "unit": unit,
            })),
            _ => None,
        }
    }

    /// The message without the `internal error:` prefix, to quote as the cause of
    /// another error.
    pub fn cause(&self) -> String {
        match self {
            Error::Internal(e) => format!("{e:#}"),
            e => e.to_string(),
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            message: message.into(),
        }
    }
}

/// A stored value that does not decode: the vault's content is damaged (exit 8), never
/// read as zero. The vault directory is filled in by `vault::txs::in_dir` where it is known.
pub fn damaged(what: &str, value: &str) -> Error {
    let shown: String = value.chars().take(40).collect();
    Error::VaultDamaged {
        reason: format!("a stored {what} does not decode ({shown:?})"),
        dir: std::path::PathBuf::new(),
    }
}

/// Reading rows of `what`: a column its type refuses to decode (`FromSql`, e.g. a stored
/// chain that is neither `btc` nor `eth`) is damage naming the column, never guessed at;
/// any other failure is internal, with `context`.
pub fn row_error(what: &'static str, context: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| match e {
        rusqlite::Error::InvalidColumnType(_, name, _) => damaged(what, &name),
        e => anyhow::Error::new(e).context(context).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_design_table() {
        let cases: Vec<(Error, &str, u8)> = vec![
            (Error::Usage("x".into()), "usage", 2),
            (
                Error::Locked {
                    user: "a".into(),
                    detail: None,
                },
                "locked",
                3,
            ),
            (Error::SessionExpired { reason: None }, "session_expired", 3),
            (
                Error::WrongPassword {
                    attempts_before_delay: 1,
                    recovery: false,
                },
                "wrong_password",
                3,
            ),
            (Error::UserNotFound("a".into()), "user_not_found", 4),
            (Error::invalid("email", "bad"), "invalid_input", 5),
            (
                Error::DuplicateWallet {
                    existing: "a".into(),
                    what: "these keys".into(),
                },
                "duplicate_wallet",
                5,
            ),
            (
                Error::WeakPassword {
                    reason: "r".into(),
                    subject: "password",
                },
                "weak_password",
                5,
            ),
            (
                Error::VaultDamaged {
                    reason: "r".into(),
                    dir: "/x".into(),
                },
                "vault_damaged",
                8,
            ),
            (
                Error::VaultTooNew {
                    found: 9,
                    supported: 1,
                },
                "vault_too_new",
                8,
            ),
            (
                Error::RateLimited {
                    retry_after_secs: 3,
                },
                "rate_limited",
                9,
            ),
            (Error::Timeout { waited_secs: 2 }, "timeout", 10),
            (Error::BackupInvalid("x".into()), "backup_invalid", 8),
            (
                Error::BackupUnusable {
                    failed: "counts".into(),
                    details: Box::new(serde_json::json!({})),
                },
                "backup_invalid",
                8,
            ),
            (Error::Internal(anyhow::anyhow!("x")), "internal", 1),
        ];
        for (e, code, exit) in cases {
            assert_eq!(e.code(), code);
            assert_eq!(e.exit_code(), exit, "{code}");
        }
    }
}
