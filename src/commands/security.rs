//! `coffer security`: the audit trail (`log`), password recovery, the PIN, and settings
//! (`set`: sessions, level, limits, new recipients, automatic backups, currency). The
//! services are `coffer_core::access` (keyslots, PIN, 2FA, the overview),
//! `coffer_core::auditlog`, `coffer_core::settings` and `coffer_core::policy`; this is
//! the command line over them: arguments, prompts and the gates.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::audit::Severity;
use crate::vault::keyslot::SlotKind;
use coffer_core::access;
pub use coffer_core::access::{PinChanged, Recovered, SetDone, Shown};
use coffer_core::auditlog::{self, Log, LogExported, LogReanchored, LogVerified};
use coffer_core::policy::{self, LimitAmount};
use coffer_core::settings::{Session, Settings};
use secrecy::ExposeSecret as _;

/// Security settings and the audit trail.
#[derive(Debug, clap::Subcommand)]
pub enum SecurityCmd {
    /// Show the audit trail, newest first.
    ///
    /// Examples:
    ///   coffer security log --limit 20
    ///   coffer security log --since 7d --json
    #[command(verbatim_doc_comment)]
    Log(LogArgs),
    /// Forgotten password: unlock with the recovery code and set a new password. A new
    /// recovery code replaces the old one.
    ///
    /// Example:
    ///   coffer security recover --username alice --recovery-code-file code.txt
    #[command(verbatim_doc_comment)]
    Recover(RecoverArgs),
    /// Every security setting, the keyslots' KDF parameters, failure counters, and
    /// recommendations.
    Show,
    /// Change a setting: session-timeout, session-max, level, limit-tx, limit-daily,
    /// confirm-new-recipient, auto-backup, currency.
    ///
    /// Examples:
    ///   coffer security set auto-backup on --every 24h --keep 7 --recipient age1…
    ///   coffer security set auto-backup on --every 7d --passphrase-file pass.txt --dir ~/Sync
    ///   coffer security set auto-backup off
    ///   coffer security set currency EUR
    ///   coffer security set session-timeout 5m
    ///   coffer security set session-max 8h
    ///   coffer security set limit-tx BTC 0.05
    ///   coffer security set limit-daily ETH 1.5
    ///   coffer security set confirm-new-recipient on
    ///   coffer security set level high
    #[command(subcommand, verbatim_doc_comment)]
    Set(SetCmd),
    /// The transaction PIN.
    #[command(subcommand)]
    Pin(PinCmd),
    /// Change the login password (the current one, then the new one twice). The vault
    /// key is unchanged; every session ends.
    ///
    /// Example (scripted):
    ///   coffer security password --password-file old.txt --new-password-file new.txt
    #[command(verbatim_doc_comment)]
    Password(super::credentials::PasswordChangeArgs),
    /// Give the vault a new key (and a new recovery code), and rewrap the password
    /// keyslot, with stronger Argon2id parameters if given. Every session ends.
    ///
    /// Example:
    ///   coffer security rekey --memory 256MiB --iterations 4
    #[command(verbatim_doc_comment)]
    Rekey(super::credentials::RekeyArgs),
    /// A new recovery code (PIN required); the old one stops working.
    RecoveryCode(super::credentials::RecoveryCodeArgs),
    /// TOTP two-factor authentication.
    #[command(name = "2fa", subcommand)]
    TwoFa(super::twofa::TwoFaCmd),
}

/// `security pin` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum PinCmd {
    /// Change the PIN: the current one, then the new one twice.
    ///
    /// Example (scripted):
    ///   coffer security pin change --pin-file old.txt --new-pin-file new.txt
    #[command(verbatim_doc_comment)]
    Change(PinChangeArgs),
    /// A forgotten PIN: set a new one with the login password (and a two-factor code
    /// when 2FA is on). Clears a PIN lock.
    ///
    /// Example (scripted):
    ///   coffer security pin reset --password-file pw.txt --new-pin-file new.txt
    #[command(verbatim_doc_comment)]
    Reset(PinResetArgs),
}

/// Arguments of `security pin reset`.
#[derive(Debug, clap::Args)]
pub struct PinResetArgs {
    /// The login password.
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE", conflicts_with = "backup_code")]
    pub totp_code: Option<String>,
    /// A 2FA backup code instead.
    #[arg(long, value_name = "CODE")]
    pub backup_code: Option<String>,
    /// Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_pin_file: Option<std::path::PathBuf>,
}

/// Runs `coffer security pin reset`.
pub fn pin_reset(ctx: &Ctx, args: PinResetArgs) -> Result<PinChanged> {
    let unlocked = ctx.unlock()?;
    let paths = unlocked.vault.paths.clone();
    let password = ctx
        .input
        .password(&args.password, "Login password", false, &|_| Ok(()))?;
    // As `login`: the backoff check, the password check and the count under the user's
    // lock, so parallel attempts cannot slip past the backoff.
    let lock = crate::vault::fsio::lock_exclusive(&paths.lock)?;
    let profile = crate::vault::profile::Profile::load(&paths)?;
    access::check_backoff(&profile)?;
    access::open_slot(
        &paths,
        &profile,
        SlotKind::Password,
        password.expose_secret().as_bytes(),
        super::login::record_failure,
    )?;
    drop(lock);
    let second = if crate::vault::totp::enabled(&unlocked.vault.read()?)? {
        Some(super::gate::second_factor(
            ctx,
            args.totp_code.as_deref(),
            args.backup_code.as_deref(),
        )?)
    } else {
        None
    };
    let new = ctx.input.new_pin(
        args.new_pin_file.as_deref(),
        "New transaction PIN (4-12 digits)",
        &super::register::validate_pin,
    )?;
    let now = clock::now();
    access::reset_pin(&unlocked.vault, second.as_ref(), &new, now)?;
    Ok(PinChanged {
        changed_at: clock::rfc3339(now),
    })
}

/// Arguments of `security pin change`.
#[derive(Debug, clap::Args)]
pub struct PinChangeArgs {
    /// Read the current PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// Read the new PIN (4-12 digits) from FILE (else a prompt, asked twice).
    #[arg(long, value_name = "FILE")]
    pub new_pin_file: Option<std::path::PathBuf>,
}

/// Runs `coffer security pin change`.
pub fn pin_change(ctx: &Ctx, args: PinChangeArgs) -> Result<PinChanged> {
    let unlocked = ctx.unlock()?;
    super::gate::pin(
        ctx,
        &unlocked.vault,
        args.pin_file.as_deref(),
        serde_json::json!({ "action": "pin_change" }),
    )?;
    let new = ctx.input.new_pin(
        args.new_pin_file.as_deref(),
        "New transaction PIN (4-12 digits)",
        &super::register::validate_pin,
    )?;
    let now = clock::now();
    access::change_pin(&unlocked.vault, &new)?;
    Ok(PinChanged {
        changed_at: clock::rfc3339(now),
    })
}

/// `security set`: one subcommand per setting, each with its typed value.
#[derive(Debug, clap::Subcommand)]
pub enum SetCmd {
    /// The idle timeout of new sessions: a duration from 1m to 12h.
    ///
    /// Example:
    ///   coffer security set session-timeout 5m
    #[command(verbatim_doc_comment)]
    SessionTimeout(SessionTimeoutArgs),
    /// The absolute lifetime of new sessions: a duration from 1m to 24h.
    ///
    /// The idle timeout never exceeds it.
    ///
    /// Example:
    ///   coffer security set session-max 8h
    #[command(verbatim_doc_comment)]
    SessionMax(SessionMaxArgs),
    /// The security level: standard or high.
    ///
    /// At high, every send is held for approval and every settings change needs the PIN.
    ///
    /// Example:
    ///   coffer security set level high
    #[command(verbatim_doc_comment)]
    Level(LevelArgs),
    /// The most one send may move of an asset, or off.
    ///
    /// Example:
    ///   coffer security set limit-tx BTC 0.05
    #[command(verbatim_doc_comment)]
    LimitTx(LimitArgs),
    /// The most that may leave in a rolling 24 hours of an asset, or off.
    ///
    /// Example:
    ///   coffer security set limit-daily ETH 1.5
    #[command(verbatim_doc_comment)]
    LimitDaily(LimitArgs),
    /// Hold a send to a recipient never paid before for approval: on or off.
    ///
    /// Example:
    ///   coffer security set confirm-new-recipient on
    #[command(verbatim_doc_comment)]
    ConfirmNewRecipient(SwitchArgs),
    /// Automatic full backups: on (with how often, where and to whom) or off.
    ///
    /// Checked at each unlocked write: there is no daemon.
    ///
    /// Examples:
    ///   coffer security set auto-backup on --every 24h --keep 7 --recipient age1…
    ///   coffer security set auto-backup on --every 7d --passphrase-file pass.txt --dir ~/Sync
    ///   coffer security set auto-backup off
    #[command(verbatim_doc_comment)]
    AutoBackup(AutoBackupArgs),
    /// The preferred fiat currency (as `config set currency`).
    ///
    /// Example:
    ///   coffer security set currency EUR
    #[command(verbatim_doc_comment)]
    Currency(CurrencyArgs),
    /// A key this coffer does not know: `invalid_input` naming the known ones.
    #[command(external_subcommand)]
    Unknown(Vec<String>),
}

/// The settings `security set` knows, as typed on the command line.
pub const SETTINGS: &str = "session-timeout, session-max, level, limit-tx, limit-daily, confirm-new-recipient, auto-backup, currency";

/// What a change that needs the PIN (at level high, or lowering protection with 2FA on)
/// is confirmed with.
#[derive(Debug, Clone, clap::Args)]
pub struct GateArgs {
    /// With 2FA on, a change that lowers protection needs the PIN (from FILE, else
    /// $COFFER_PIN, else a prompt)…
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// …and a two-factor code (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
}

/// Arguments of `security set session-timeout`.
#[derive(Debug, clap::Args)]
pub struct SessionTimeoutArgs {
    /// The duration, e.g. 15m, 1h30m: 1m to 12h.
    #[arg(value_name = "DURATION", value_parser = |s: &str| session_secs(s, "session-timeout", 12 * 3600))]
    pub secs: i64,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// Arguments of `security set session-max`.
#[derive(Debug, clap::Args)]
pub struct SessionMaxArgs {
    /// The duration, e.g. 8h: 1m to 24h.
    #[arg(value_name = "DURATION", value_parser = |s: &str| session_secs(s, "session-max", 24 * 3600))]
    pub secs: i64,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// A session duration from 1m to `max` seconds.
fn session_secs(s: &str, key: &str, max: i64) -> Result<i64> {
    let secs = clock::parse_duration(s)? as i64;
    if !(60..=max).contains(&secs) {
        return Err(Error::invalid(
            "value",
            format!(
                "{key} must be between {} and {}",
                clock::human_duration(60),
                clock::human_duration(max)
            ),
        ));
    }
    Ok(secs)
}

/// The security level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    /// The PIN for sends, the limits as set.
    Standard,
    /// Every send held for approval, every settings change behind the PIN.
    High,
}

/// Arguments of `security set level`.
#[derive(Debug, clap::Args)]
pub struct LevelArgs {
    /// standard or high.
    #[arg(value_name = "LEVEL", value_parser = crate::cli::words::<Level>("value", "the level"))]
    pub level: Level,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// A switch: on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    /// On.
    On,
    /// Off.
    Off,
}

impl OnOff {
    /// Whether it is on.
    pub fn on(self) -> bool {
        self == OnOff::On
    }

    /// `on` or `off`.
    pub fn word(self) -> &'static str {
        if self.on() { "on" } else { "off" }
    }
}

/// Arguments of `security set confirm-new-recipient`.
#[derive(Debug, clap::Args)]
pub struct SwitchArgs {
    /// on or off.
    #[arg(value_name = "on|off", value_parser = crate::cli::words::<OnOff>("value", "confirm-new-recipient"))]
    pub state: OnOff,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// Arguments of `security set limit-tx|limit-daily`.
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// BTC, ETH or a token symbol (`coffer wallet token add`).
    #[arg(value_name = "ASSET")]
    pub asset: String,
    /// The amount (an exact decimal), or off.
    #[arg(value_name = "AMOUNT|off", value_parser = policy::limit_amount)]
    pub amount: Option<LimitAmount>,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// An age recipient (`age1…`), checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeRecipient(pub String);

fn age_recipient(s: &str) -> Result<AgeRecipient> {
    s.trim().parse::<age::x25519::Recipient>().map_err(|_| {
        Error::invalid(
            "recipient",
            format!("'{s}' is not an age recipient (age1…)"),
        )
    })?;
    Ok(AgeRecipient(s.trim().to_string()))
}

fn every_secs(s: &str) -> Result<i64> {
    Ok(clock::parse_duration(s)? as i64)
}

fn keep_count(s: &str) -> Result<u32> {
    match s.trim().parse::<u32>() {
        Ok(0) => Err(Error::invalid("keep", "must be at least 1")),
        Ok(n) => Ok(n),
        Err(_) => Err(Error::invalid("keep", format!("'{s}' is not a count"))),
    }
}

/// Arguments of `security set auto-backup`.
#[derive(Debug, clap::Args)]
pub struct AutoBackupArgs {
    /// on or off.
    #[arg(value_name = "on|off", value_parser = crate::cli::words::<OnOff>("value", "auto-backup"))]
    pub state: OnOff,
    /// How often, e.g. 24h, 7d (default 24h). Checked at each unlocked write: there is
    /// no daemon.
    #[arg(long, value_name = "DURATION", value_parser = every_secs)]
    pub every: Option<i64>,
    /// How many automatic backups to keep (default 7).
    #[arg(long, value_name = "N", value_parser = keep_count)]
    pub keep: Option<u32>,
    /// The directory (default users/NAME/backups), e.g. a synced folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
    /// Encrypt to this age recipient (repeatable).
    #[arg(long, value_name = "AGE1…", value_parser = age_recipient)]
    pub recipient: Vec<AgeRecipient>,
    /// Encrypt with the passphrase in FILE instead (kept in the vault, so that backups
    /// can be made unattended).
    #[arg(long, value_name = "FILE", conflicts_with = "recipient")]
    pub passphrase_file: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub gate: GateArgs,
}

/// Arguments of `security set currency`.
#[derive(Debug, clap::Args)]
pub struct CurrencyArgs {
    /// A currency code, e.g. EUR.
    #[arg(value_name = "CODE")]
    pub code: String,
    #[command(flatten)]
    pub gate: GateArgs,
}

impl SetCmd {
    /// The setting's name as typed.
    fn key(&self) -> &'static str {
        match self {
            SetCmd::SessionTimeout(_) => "session-timeout",
            SetCmd::SessionMax(_) => "session-max",
            SetCmd::Level(_) => "level",
            SetCmd::LimitTx(_) => "limit-tx",
            SetCmd::LimitDaily(_) => "limit-daily",
            SetCmd::ConfirmNewRecipient(_) => "confirm-new-recipient",
            SetCmd::AutoBackup(_) => "auto-backup",
            SetCmd::Currency(_) => "currency",
            SetCmd::Unknown(_) => "",
        }
    }

    /// The PIN and code it was given.
    fn gate(&self) -> Option<&GateArgs> {
        match self {
            SetCmd::SessionTimeout(a) => Some(&a.gate),
            SetCmd::SessionMax(a) => Some(&a.gate),
            SetCmd::Level(a) => Some(&a.gate),
            SetCmd::LimitTx(a) | SetCmd::LimitDaily(a) => Some(&a.gate),
            SetCmd::ConfirmNewRecipient(a) => Some(&a.gate),
            SetCmd::AutoBackup(a) => Some(&a.gate),
            SetCmd::Currency(a) => Some(&a.gate),
            SetCmd::Unknown(_) => None,
        }
    }
}

/// Runs `coffer security set`.
pub fn set(ctx: &Ctx, cmd: SetCmd) -> Result<SetDone> {
    let gate = match (&cmd, cmd.gate()) {
        (_, Some(g)) => g.clone(),
        (c, None) => {
            let typed = match c {
                SetCmd::Unknown(words) => words.first().cloned().unwrap_or_default(),
                _ => String::new(),
            };
            return Err(Error::invalid(
                "key",
                format!("'{typed}' is not a setting this coffer knows ({SETTINGS})"),
            ));
        }
    };
    let key = cmd.key();
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let settings = Settings::load(&conn)?;
    // At level high every settings change needs the PIN (and a 2FA code when on); then
    // no second gate for a change that lowers protection.
    let gated = settings.level == coffer_core::settings::Level::High;
    if gated {
        super::gate::strict(
            ctx,
            &unlocked.vault,
            gate.pin_file.as_deref(),
            gate.totp_code.as_deref(),
            serde_json::json!({ "action": "setting", "setting": key, "level": "high" }),
        )?;
    }
    let change = Change {
        ctx,
        unlocked: &unlocked,
        conn: &conn,
        key,
        gate,
        gated,
    };
    match cmd {
        SetCmd::SessionTimeout(a) => change.session(&settings, Session::Timeout, a.secs),
        SetCmd::SessionMax(a) => change.session(&settings, Session::Max, a.secs),
        SetCmd::Level(a) => change.policy(policy::Change::Level {
            high: a.level == Level::High,
        }),
        SetCmd::ConfirmNewRecipient(a) => {
            change.policy(policy::Change::ConfirmNew { on: a.state.on() })
        }
        SetCmd::LimitTx(a) => change.policy(limit_change("limit_tx", a)),
        SetCmd::LimitDaily(a) => change.policy(limit_change("limit_daily", a)),
        SetCmd::AutoBackup(a) => change.auto_backup(a),
        SetCmd::Currency(a) => Ok(SetDone {
            key: key.into(),
            value: coffer_core::valuation::set_currency(&unlocked.vault, &a.code)?,
            auto_backup: None,
        }),
        SetCmd::Unknown(_) => unreachable!("an unknown key returned above"),
    }
}

/// One `security set` under way: the unlocked vault (and a snapshot of it), the setting
/// and how it is gated.
struct Change<'a> {
    ctx: &'a Ctx,
    unlocked: &'a crate::context::Unlocked,
    conn: &'a rusqlite::Connection,
    key: &'static str,
    gate: GateArgs,
    /// Whether level high already asked for the PIN.
    gated: bool,
}

/// A limit change as typed: `kind` is `limit_tx` or `limit_daily`.
fn limit_change(kind: &'static str, a: LimitArgs) -> policy::Change {
    policy::Change::Limit {
        kind,
        asset: a.asset,
        amount: a.amount,
    }
}

impl Change<'_> {
    /// A change that lowers protection: with 2FA on, the PIN and a code (unless level
    /// high asked already).
    fn lowering(&self) -> Result<()> {
        if self.gated {
            return Ok(());
        }
        super::gate::lowering(
            self.ctx,
            &self.unlocked.vault,
            self.gate.pin_file.as_deref(),
            self.gate.totp_code.as_deref(),
            serde_json::json!({ "action": "setting", "setting": self.key }),
        )
    }

    /// `session-timeout` or `session-max`: a longer one lowers protection.
    fn session(&self, settings: &Settings, which: Session, secs: i64) -> Result<SetDone> {
        if secs > settings.session(which) {
            self.lowering()?;
        }
        coffer_core::settings::change_session(&self.unlocked.vault, which, secs, self.key)?;
        Ok(SetDone {
            key: self.key.into(),
            value: clock::human_duration(secs),
            auto_backup: None,
        })
    }

    /// `auto-backup on|off`.
    fn auto_backup(&self, args: AutoBackupArgs) -> Result<SetDone> {
        use crate::backups::AutoBackup;
        let (ctx, unlocked) = (self.ctx, self.unlocked);
        let setting = match args.state {
            OnOff::Off => {
                if args.every.is_some()
                    || args.keep.is_some()
                    || args.dir.is_some()
                    || !args.recipient.is_empty()
                    || args.passphrase_file.is_some()
                {
                    return Err(Error::invalid(
                        "value",
                        "`auto-backup off` takes no other option",
                    ));
                }
                if crate::backups::auto_backup_settings(self.conn)?.is_some() {
                    self.lowering()?;
                }
                None
            }
            OnOff::On => {
                let passphrase = if args.recipient.is_empty() {
                    let user = unlocked.vault.profile.username.clone();
                    let email = crate::vault::meta(self.conn, "email")?.unwrap_or_default();
                    Some(ctx.input.checked_secret(
                        args.passphrase_file.as_deref(),
                        "a passphrase for automatic backups",
                        "--passphrase-file FILE (or --recipient age1…)",
                        true,
                        &|p: &str| super::backup::check_passphrase(p, &user, &email),
                    )?)
                } else {
                    None
                };
                Some(AutoBackup {
                    every_secs: args.every.unwrap_or(24 * 3600),
                    keep: args.keep.unwrap_or(7),
                    dir: args
                        .dir
                        .as_deref()
                        .map(access::auto_backup_dir)
                        .transpose()?,
                    recipients: args.recipient.into_iter().map(|r| r.0).collect(),
                    passphrase,
                    last_at: None,
                    last_error: None,
                })
            }
        };
        let view = access::store_auto_backup(&unlocked.vault, setting.as_ref())?;
        Ok(SetDone {
            key: self.key.into(),
            value: args.state.word().into(),
            auto_backup: Some(view),
        })
    }

    /// `level`, `confirm-new-recipient`, `limit-tx` or `limit-daily`: checked and stored
    /// by the core, gated here when it lowers protection.
    fn policy(&self, change: policy::Change) -> Result<SetDone> {
        let planned = policy::plan(self.conn, change, self.key)?;
        if planned.lowers {
            self.lowering()?;
        }
        self.unlocked
            .vault
            .write_light(|c| planned.apply(c, self.key))?;
        Ok(SetDone {
            key: self.key.into(),
            value: planned.shown,
            auto_backup: None,
        })
    }
}

/// Arguments of `security recover`.
#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    /// The user.
    #[arg(long)]
    pub username: String,
    /// Read the recovery code from FILE (else asked on a terminal).
    #[arg(long, value_name = "FILE")]
    pub recovery_code_file: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub password: crate::secret::PasswordArgs,
}

/// Runs `coffer security recover`.
pub fn recover(ctx: &Ctx, args: RecoverArgs) -> Result<Recovered> {
    use crate::commands::{login, register};
    use crate::vault::fsio;
    use crate::vault::profile::Profile;
    let user = args.username.trim().to_string();
    let paths = ctx.home.user(&user);
    crate::vault::require_user(&paths, &user)?;
    let code = ctx.input.secret(
        args.recovery_code_file.as_deref(),
        "the recovery code",
        "--recovery-code-file FILE",
        false,
    )?;
    let lock = fsio::lock_exclusive(&paths.lock)?;
    let profile = Profile::load(&paths)?;
    access::check_backoff(&profile)?;
    let normalized = register::normalize_recovery_code(code.expose_secret());
    let identity = access::open_slot(
        &paths,
        &profile,
        SlotKind::Recovery,
        normalized.as_bytes(),
        login::record_failure,
    )?;
    let email = access::email(&paths, &profile, &identity)?;
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let strong = |pw: &str| register::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(&args.password, "New password", true, &strong)?;
    let now = clock::now();
    let new_code = register::new_recovery_code();
    let kdf = profile.kdf_profile;
    let keyslots = register::seal_slots(
        &user,
        &identity,
        &password,
        kdf.fresh_params(),
        kdf,
        &new_code,
        now,
    )?;
    let two_factor_disabled = access::recover(&paths, &lock, profile, &identity, keyslots, now)?;
    drop(lock);
    Ok(Recovered {
        user,
        recovery_code: new_code.expose_secret().to_string(),
        password_changed_at: clock::rfc3339(now),
        two_factor_disabled,
    })
}

/// Arguments of `security log`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    /// `verify` the hash chain, or `export` it.
    #[command(subcommand)]
    pub action: Option<LogAction>,
    /// Show at most N events.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Only events since DATE (2026-01-31, RFC 3339, or relative: 12h, 7d, 2w).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only events of at least this severity: info, low, medium, high, critical.
    #[arg(long, value_name = "LEVEL", value_parser = crate::cli::words::<MinSeverity>("severity", "the severity"))]
    pub severity: Option<MinSeverity>,
    /// Only this event (e.g. login_failed, pin_failed).
    #[arg(long, value_name = "NAME")]
    pub event: Option<String>,
}

/// The least severity `security log --severity` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MinSeverity {
    /// Everything.
    Info,
    /// Low and above.
    Low,
    /// Medium and above.
    #[value(alias = "warning")]
    Medium,
    /// High and critical.
    High,
    /// Critical only.
    Critical,
}

impl MinSeverity {
    /// The audit severity it names.
    pub fn severity(self) -> Severity {
        match self {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Low => Severity::Low,
            MinSeverity::Medium => Severity::Medium,
            MinSeverity::High => Severity::High,
            MinSeverity::Critical => Severity::Critical,
        }
    }
}

/// The format of `security log export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values, a header row first.
    Csv,
}

/// `security log` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LogAction {
    /// Walk the hash chain: the first altered or missing row, or a log that does not
    /// hold the head profile.json recorded (an older vault put in place; exit 8 when
    /// broken).
    Verify,
    /// Every row in chain order, with its hash.
    Export(LogExportArgs),
    /// Accept the vault in place after putting an older one back yourself
    /// (docs/recovery.md): the recorded head becomes this log's head (PIN, and a 2FA
    /// code when 2FA is on; audited as `audit_reanchored`, severity high).
    ///
    /// Example:
    ///   coffer security log reanchor --pin-file pin.txt
    #[command(verbatim_doc_comment)]
    Reanchor(LogReanchorArgs),
}

/// Arguments of `security log export`.
#[derive(Debug, clap::Args)]
pub struct LogExportArgs {
    /// jsonl or csv.
    #[arg(long, default_value = "jsonl", value_parser = crate::cli::words::<LogFormat>("format", "the format"))]
    pub format: LogFormat,
    /// Write to FILE (else standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// Arguments of `security log reanchor`.
#[derive(Debug, clap::Args)]
pub struct LogReanchorArgs {
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
}

/// Runs `coffer security log verify`.
pub fn log_verify(ctx: &Ctx) -> Result<LogVerified> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    auditlog::verify(&unlocked.vault, &conn)
}

/// Runs `coffer security log reanchor`: after an older vault was put in place on
/// purpose (docs/recovery.md), the head profile.json records becomes this log's head.
/// One read (is there anything to re-anchor? is the PIN locked?) before the PIN and the
/// code are asked for, then one write that checks them and re-anchors.
pub fn log_reanchor(ctx: &Ctx, args: LogReanchorArgs) -> Result<LogReanchored> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let (pin, code) = {
        let conn = vault.read()?;
        if let Some(nothing) = auditlog::reanchor_needed(vault, &conn)? {
            return Ok(nothing);
        }
        let pin = super::gate::ask_pin(ctx, &conn, args.pin_file.as_deref())?;
        let code = if crate::vault::totp::enabled(&conn)? {
            Some(
                ctx.input
                    .totp(args.totp_code.as_deref(), "Two-factor code")?,
            )
        } else {
            None
        };
        (pin, code)
    };
    let user = vault.profile.username.clone();
    auditlog::reanchor(vault, |c| {
        let action = serde_json::json!({ "action": "audit_reanchor" });
        if let Some(wrong) = super::gate::pin_in(c, &pin, action)? {
            return Ok(Some(wrong));
        }
        if let Some(code) = &code {
            crate::vault::totp::accept(c, &user, code.expose_secret(), clock::now())?;
        }
        Ok(None)
    })
}

/// Runs `coffer security log export`.
pub fn log_export(ctx: &Ctx, args: LogExportArgs) -> Result<LogExported> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let (rows, text) = auditlog::export(&conn, args.format == LogFormat::Csv)?;
    match args.out {
        Some(p) => {
            crate::vault::fsio::write_private(&p, text.as_bytes()).map_err(|e| {
                Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
            })?;
            Ok(LogExported {
                rows,
                file: Some(p.display().to_string()),
                content: None,
            })
        }
        None => Ok(LogExported {
            rows,
            file: None,
            content: Some(text),
        }),
    }
}

/// Runs `coffer security log`: the vault's events plus those still in the inbox.
pub fn log(ctx: &Ctx, args: LogArgs) -> Result<Log> {
    if args.limit == 0 {
        return Err(Error::invalid("limit", "must be at least 1"));
    }
    let since_ms = args
        .since
        .as_deref()
        .map(|s| clock::parse_date(s, clock::now()))
        .transpose()?
        .map(|s| s * 1000);
    let filter = auditlog::Filter {
        limit: args.limit,
        since_ms,
        min_severity: args.severity.map(MinSeverity::severity),
        event: args.event,
    };
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    auditlog::list(&unlocked.vault, &conn, &filter)
}

/// Runs `coffer security show`.
pub fn show(ctx: &Ctx) -> Result<Shown> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    show_of(&unlocked, &conn)
}

/// `security show` from a vault already unlocked and read (`coffer status`).
pub fn show_of(unlocked: &crate::context::Unlocked, conn: &rusqlite::Connection) -> Result<Shown> {
    access::overview(&unlocked.vault, conn)
}
