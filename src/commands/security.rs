//! `coffer security`: the audit trail (`log`), password recovery, and settings (`set`:
//! automatic backups, currency). PIN, 2FA and limits come with the security issue.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::inbox;
use coffer_core::policy::{self, LimitAmount};
use serde::Serialize;

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
    use crate::vault::keyslot::SlotKind;
    use secrecy::ExposeSecret as _;
    let unlocked = ctx.unlock()?;
    let user = unlocked.vault.profile.username.clone();
    let paths = unlocked.vault.paths.clone();
    let password = ctx
        .input
        .password(&args.password, "Login password", false, &|_| Ok(()))?;
    // As `login`: the backoff check, the password check and the count under the user's
    // lock, so parallel attempts cannot slip past the backoff.
    let lock = crate::vault::fsio::lock_exclusive(&paths.lock)?;
    let profile = crate::vault::profile::Profile::load(&paths)?;
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    let slot = profile
        .slot(SlotKind::Password)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no password keyslot"))?;
    if slot
        .open(password.expose_secret().as_bytes(), &user)?
        .is_none()
    {
        let failures = super::login::record_failure(&paths, profile)?;
        return Err(Error::WrongPassword {
            attempts_before_delay: 5u32.saturating_sub(failures),
            recovery: false,
        });
    }
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
    let kdf = unlocked.vault.profile.kdf_profile.fresh_params();
    let now = clock::now();
    unlocked.vault.write_light(|c| {
        if let Some(s) = &second {
            crate::vault::totp::spend(c, &user, s, now)?;
        }
        crate::vault::pin::set(c, new.expose_secret(), &kdf)?;
        audit::record(
            c,
            &Event::new("pin_reset", Severity::High, true, serde_json::json!({})),
        )
    })?;
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

/// What `security pin change` did.
#[derive(Debug, Serialize)]
pub struct PinChanged {
    /// When (RFC 3339).
    pub changed_at: String,
}

impl Report for PinChanged {
    fn human(&self, out: &mut Human) {
        out.line("PIN changed; the old one no longer approves anything.");
    }
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
    let kdf = unlocked.vault.profile.kdf_profile.fresh_params();
    let now = clock::now();
    unlocked.vault.write_light(|c| {
        crate::vault::pin::set(c, secrecy::ExposeSecret::expose_secret(&new), &kdf)?;
        audit::record(
            c,
            &Event::new("pin_changed", Severity::Medium, true, serde_json::json!({})),
        )
    })?;
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
    #[arg(value_name = "LEVEL", value_parser = crate::values::words::<Level>("value", "the level"))]
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
    #[arg(value_name = "on|off", value_parser = crate::values::words::<OnOff>("value", "confirm-new-recipient"))]
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
    #[arg(value_name = "on|off", value_parser = crate::values::words::<OnOff>("value", "auto-backup"))]
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

/// The automatic-backup settings as shown.
#[derive(Debug, Serialize)]
pub struct AutoBackupView {
    /// Whether they are on.
    pub enabled: bool,
    /// Interval (seconds).
    pub every_secs: Option<i64>,
    /// How many are kept.
    pub keep: Option<u32>,
    /// Where they go.
    pub dir: Option<String>,
    /// `N age recipient(s)` or `passphrase (kept in the vault)`.
    pub protection: Option<String>,
    /// When the last one was made (RFC 3339).
    pub last_at: Option<String>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// True when they go inside the coffer home (the default place): a lost or broken
    /// disk takes them with the vault, so they protect against mistakes, not against
    /// that (a warning when set, a recommendation in `security show`).
    pub inside_home: bool,
}

impl AutoBackupView {
    fn of(
        a: Option<&crate::commands::backup::AutoBackup>,
        paths: &crate::vault::profile::UserPaths,
    ) -> Self {
        let default_dir = paths.dir.join("backups");
        let home = crate::commands::backup::home_of(paths);
        match a {
            None => AutoBackupView {
                enabled: false,
                every_secs: None,
                keep: None,
                dir: None,
                protection: None,
                last_at: None,
                last_error: None,
                inside_home: false,
            },
            Some(a) => AutoBackupView {
                inside_home: crate::commands::backup::dir_inside(
                    a.dir.as_deref().map_or(&default_dir, std::path::Path::new),
                    &home,
                ),
                enabled: true,
                every_secs: Some(a.every_secs),
                keep: Some(a.keep),
                dir: Some(
                    a.dir
                        .clone()
                        .unwrap_or_else(|| default_dir.display().to_string()),
                ),
                protection: Some(if a.passphrase.is_some() {
                    "passphrase (kept in the vault)".into()
                } else {
                    format!("{} age recipient(s)", a.recipients.len())
                }),
                last_at: a.last_at.map(clock::rfc3339),
                last_error: a.last_error.clone(),
            },
        }
    }
}

/// What `security set` changed.
#[derive(Debug, Serialize)]
pub struct SetDone {
    /// The setting.
    pub key: String,
    /// Its new value.
    pub value: String,
    /// The automatic-backup settings now (for `auto-backup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_backup: Option<AutoBackupView>,
}

impl Report for SetDone {
    fn human(&self, out: &mut Human) {
        match &self.auto_backup {
            Some(a) if a.enabled => {
                out.line(format!(
                    "Automatic backups on: every {}, keeping {}, in {}, protected by {}.",
                    clock::human_duration(a.every_secs.unwrap_or_default()),
                    a.keep.unwrap_or_default(),
                    a.dir.as_deref().unwrap_or_default(),
                    a.protection.as_deref().unwrap_or_default()
                ));
                out.line("One is made at the next change to the vault, then whenever the last is older than that.");
            }
            Some(_) => out.line("Automatic backups off (the ones made stay where they are)."),
            None => out.kv(&self.key, &self.value),
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
    // At level high every settings change needs the PIN (and a 2FA code when on); then
    // no second gate for a change that lowers protection.
    let gated = policy::level_high(&unlocked.vault.read()?)?;
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
        key,
        gate,
        gated,
    };
    match cmd {
        SetCmd::SessionTimeout(a) => change.session(
            "session_timeout_secs",
            crate::vault::DEFAULT_SESSION_TIMEOUT,
            a.secs,
        ),
        SetCmd::SessionMax(a) => change.session(
            "session_max_secs",
            crate::vault::DEFAULT_SESSION_MAX,
            a.secs,
        ),
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

/// One `security set` under way: the unlocked vault, the setting and how it is gated.
struct Change<'a> {
    ctx: &'a Ctx,
    unlocked: &'a crate::context::Unlocked,
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

    /// `session-timeout` or `session-max`: `secs` stored under `setting`.
    fn session(&self, setting: &str, default: i64, secs: i64) -> Result<SetDone> {
        let vault = &self.unlocked.vault;
        let current = crate::vault::setting_i64(&vault.read()?, setting, default)?;
        if secs > current {
            self.lowering()?;
        }
        vault.write_light(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![setting, secs.to_string()],
            )
            .map_err(anyhow::Error::from)?;
            audit::record(
                c,
                &Event::new(
                    "setting_changed",
                    Severity::Info,
                    true,
                    serde_json::json!({ "setting": self.key, "value_secs": secs }),
                ),
            )
        })?;
        Ok(SetDone {
            key: self.key.into(),
            value: clock::human_duration(secs),
            auto_backup: None,
        })
    }

    /// `auto-backup on|off`.
    fn auto_backup(&self, args: AutoBackupArgs) -> Result<SetDone> {
        use crate::commands::backup::{self, AutoBackup};
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
                if backup::auto_backup_settings(&unlocked.vault.read()?)?.is_some() {
                    self.lowering()?;
                }
                None
            }
            OnOff::On => {
                let passphrase = if args.recipient.is_empty() {
                    let user = unlocked.vault.profile.username.clone();
                    let email =
                        crate::vault::meta(&unlocked.vault.read()?, "email")?.unwrap_or_default();
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
                let dir = match &args.dir {
                    Some(d) => {
                        let abs = std::path::absolute(d)
                            .map_err(|e| Error::invalid("dir", format!("{}: {e}", d.display())))?;
                        crate::vault::fsio::ensure_private_dir(&abs).map_err(|e| {
                            Error::invalid("dir", format!("cannot use {}: {e:#}", abs.display()))
                        })?;
                        Some(abs.display().to_string())
                    }
                    None => None,
                };
                Some(AutoBackup {
                    every_secs: args.every.unwrap_or(24 * 3600),
                    keep: args.keep.unwrap_or(7),
                    dir,
                    recipients: args.recipient.into_iter().map(|r| r.0).collect(),
                    passphrase,
                    last_at: None,
                    last_error: None,
                })
            }
        };
        let view = AutoBackupView::of(setting.as_ref(), &unlocked.vault.paths);
        unlocked.vault.write_light(|c| {
            backup::set_auto_backup(c, setting.as_ref())?;
            let details = serde_json::json!({
                "setting": "auto-backup",
                "enabled": view.enabled,
                "every_secs": view.every_secs,
                "keep": view.keep,
                "dir": view.dir,
                "protection": view.protection,
            });
            audit::record(
                c,
                &Event::new(
                    "setting_changed",
                    if view.enabled {
                        Severity::Info
                    } else {
                        Severity::Medium
                    },
                    true,
                    details,
                ),
            )
        })?;
        if view.inside_home {
            crate::vault::notice(format!(
                "warning: automatic backups go to {}, inside the coffer home ({}): a lost or \
                 broken disk takes them with the vault. Give a directory on another disk \
                 (or synced elsewhere) with --dir to make them survive it.",
                view.dir.as_deref().unwrap_or_default(),
                crate::commands::backup::home_of(&unlocked.vault.paths).display()
            ));
        }
        Ok(SetDone {
            key: self.key.into(),
            value: args.state.word().into(),
            auto_backup: Some(view),
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

/// What `security recover` did.
#[derive(Serialize)]
pub struct Recovered {
    /// The user.
    pub user: String,
    /// The new recovery code: shown here once; the old one no longer works.
    pub recovery_code: String,
    /// When the password changed (RFC 3339).
    pub password_changed_at: String,
    /// True when two-factor authentication was on and the recovery turned it off (the
    /// recovery code is the way back from a lost authenticator too).
    pub two_factor_disabled: bool,
}

impl std::fmt::Debug for Recovered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovered")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Report for Recovered {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "New password set for {}; log in with it (`coffer login`).",
            self.user
        ));
        out.line("");
        out.line("New recovery code (shown once; the old one no longer works):");
        out.line(format!("    {}", self.recovery_code));
        if self.two_factor_disabled {
            out.line("");
            out.line("Two-factor authentication was turned off: turn it on again with `coffer security 2fa enable`.");
        }
    }
}

/// Runs `coffer security recover`.
pub fn recover(ctx: &Ctx, args: RecoverArgs) -> Result<Recovered> {
    use crate::commands::{login, register};
    use crate::vault::keyslot::SlotKind;
    use crate::vault::profile::Profile;
    use crate::vault::{Vault, fsio};
    use secrecy::ExposeSecret as _;
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
    if let Some(wait_ms) = profile.login_delay_ms(clock::now_ms()) {
        return Err(Error::RateLimited {
            retry_after_secs: ((wait_ms + 999) / 1000) as u64,
        });
    }
    let slot = profile
        .slot(SlotKind::Recovery)
        .ok_or_else(|| anyhow::anyhow!("profile.json has no recovery keyslot"))?;
    let normalized = register::normalize_recovery_code(code.expose_secret());
    let Some(identity) = slot.open(normalized.as_bytes(), &user)? else {
        let failures = login::record_failure(&paths, profile)?;
        return Err(Error::WrongPassword {
            attempts_before_delay: 5u32.saturating_sub(failures),
            recovery: true,
        });
    };
    let email = {
        let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
        crate::vault::meta(&vault.read()?, "email")?.unwrap_or_default()
    };
    let inputs = [user.as_str(), email.as_str(), "coffer"];
    let strong = |pw: &str| register::check_strength(pw, &inputs);
    let password = ctx
        .input
        .password(&args.password, "New password", true, &strong)?;
    let now = clock::now();
    let new_code = register::new_recovery_code();
    let kdf = profile.kdf_profile;
    let mut profile = profile;
    profile.keyslots = register::seal_slots(
        &user,
        &identity,
        &password,
        kdf.fresh_params(),
        kdf,
        &new_code,
        now,
    )?;
    profile.password_changed_at = now;
    profile.failed_logins = 0;
    profile.last_failed_login_ms = None;
    profile.bind(&identity);
    let vault = Vault::with_identity(paths.clone(), profile.clone(), &identity)?;
    let two_factor_disabled = vault.write_locked(&lock, |c| {
        let was_on = crate::vault::totp::enabled(c)?;
        if was_on {
            crate::vault::totp::disable(c)?;
        }
        audit::record(
            c,
            &Event::new(
                "password_recovered",
                audit::Severity::High,
                true,
                serde_json::json!({ "via": "recovery_code", "two_factor_disabled": was_on }),
            ),
        )?;
        Ok(was_on)
    })?;
    // The write advanced the audit head in the file: keep it.
    profile.audit_head = Profile::load(&paths)?.audit_head;
    profile.bind(&identity);
    profile.save(&paths)?;
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
    #[arg(long, value_name = "LEVEL", value_parser = crate::values::words::<MinSeverity>("severity", "the severity"))]
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
    #[arg(long, default_value = "jsonl", value_parser = crate::values::words::<LogFormat>("format", "the format"))]
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

/// `security log verify` output.
#[derive(Debug, Serialize)]
pub struct LogVerified {
    /// Always true (a broken chain is an `audit_broken` error).
    pub ok: bool,
    /// Rows in the chain.
    pub rows: u64,
    /// The last row's hash (hex).
    pub head: Option<String>,
    /// Rows profile.json recorded at the last write (the log may have grown since).
    pub recorded_rows: Option<u64>,
    /// Rows merged from the inbox: chained like the others, but written while the vault
    /// was locked by whoever could write to `inbox/` (unauthenticated claims).
    pub unauthenticated_rows: u64,
}

impl Report for LogVerified {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "The audit log is intact: {} rows, each chained to the one before{}.",
            self.rows,
            match self.recorded_rows {
                Some(n) => format!("; profile.json's head ({n} rows) is in it"),
                None => String::new(),
            }
        ));
        if self.unauthenticated_rows > 0 {
            out.line(format!(
                "{} of them came from the inbox: written while the vault was locked, by anyone who could write to inbox/ (unauthenticated claims; `security log` marks them).",
                self.unauthenticated_rows
            ));
        }
    }
}

/// `security log export` output.
#[derive(Debug, Serialize)]
pub struct LogExported {
    /// Rows written.
    pub rows: u64,
    /// The file, with --out.
    pub file: Option<String>,
    /// The export itself, without --out.
    pub content: Option<String>,
}

impl Report for LogExported {
    fn human(&self, out: &mut Human) {
        match (&self.file, &self.content) {
            (Some(f), _) => out.line(format!("{} rows written to {f}", self.rows)),
            (None, Some(c)) => out.raw(c),
            _ => {}
        }
    }
}

/// The `audit_broken` error of a recorded head the log does not hold.
fn head_missing(m: &audit::Mismatch) -> Error {
    Error::AuditBroken {
        reason: format!(
            "profile.json records {} rows ending in {}…, which this log ({} rows) does not hold: rows were removed or an older vault generation is in place; if you put it back yourself (docs/recovery.md), `coffer security log reanchor` accepts it",
            m.recorded_rows,
            &m.recorded_hash[..16.min(m.recorded_hash.len())],
            m.vault_rows
        ),
        row: None,
    }
}

/// The first row that does not check, as an `audit_broken` error.
fn chain_broken(conn: &rusqlite::Connection) -> Result<()> {
    if let Some((row, e)) = audit::verify_chain(conn)? {
        return Err(Error::AuditBroken {
            reason: format!(
                "row {row} ({} at {}) does not match the chain: it or the row before it was changed or removed",
                e.event,
                clock::rfc3339_ms(e.time_ms)
            ),
            row: Some(row),
        });
    }
    Ok(())
}

/// Runs `coffer security log verify`.
pub fn log_verify(ctx: &Ctx) -> Result<LogVerified> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    chain_broken(&conn)?;
    let (rows, head) = audit::head(&conn)?;
    let profile = crate::vault::profile::Profile::load(&unlocked.vault.paths)?;
    if let audit::HeadCheck::Missing(m) = audit::check_head(&conn, profile.audit_head.as_ref())? {
        return Err(head_missing(&m));
    }
    Ok(LogVerified {
        ok: true,
        rows,
        head,
        recorded_rows: profile.audit_head.map(|h| h.count),
        unauthenticated_rows: audit::inbox_rows(&conn)?,
    })
}

/// `security log reanchor` output.
#[derive(Debug, Serialize)]
pub struct LogReanchored {
    /// Whether the recorded head was replaced (false: it was already in the log).
    pub reanchored: bool,
    /// The head profile.json recorded, which the log did not hold (when reanchored).
    pub previous: Option<audit::Mismatch>,
    /// Rows in the log now.
    pub rows: u64,
    /// Its head now, which profile.json records (hex).
    pub head: Option<String>,
}

impl Report for LogReanchored {
    fn human(&self, out: &mut Human) {
        match &self.previous {
            Some(m) if self.reanchored => out.line(format!(
                "Re-anchored: the audit log ({} rows) is accepted in place of the {} rows profile.json recorded; `coffer security log verify` checks against it from now on.",
                self.rows, m.recorded_rows
            )),
            _ => out.line(format!(
                "Nothing to re-anchor: the audit log ({} rows) holds the head profile.json records.",
                self.rows
            )),
        }
    }
}

/// Runs `coffer security log reanchor`: after an older vault was put in place on
/// purpose (docs/recovery.md), the head profile.json records becomes this log's head.
/// A log whose own chain is broken is refused (`audit_broken`): re-anchoring accepts an
/// older generation, never an edited one.
pub fn log_reanchor(ctx: &Ctx, args: LogReanchorArgs) -> Result<LogReanchored> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let conn = vault.read()?;
    chain_broken(&conn)?;
    let recorded = crate::vault::profile::Profile::load(&vault.paths)?.audit_head;
    let audit::HeadCheck::Missing(_) = audit::check_head(&conn, recorded.as_ref())? else {
        let (rows, head) = audit::head(&conn)?;
        return Ok(LogReanchored {
            reanchored: false,
            previous: None,
            rows,
            head,
        });
    };
    drop(conn);
    super::gate::strict(
        ctx,
        vault,
        args.pin_file.as_deref(),
        args.totp_code.as_deref(),
        serde_json::json!({ "action": "audit_reanchor" }),
    )?;
    let previous = vault.write_light(|c| {
        // Under the lock, against the head as it is now.
        let recorded = crate::vault::profile::Profile::load(&vault.paths)?.audit_head;
        match audit::check_head(c, recorded.as_ref())? {
            audit::HeadCheck::Missing(m) => {
                audit::record_reanchor(c, &m)?;
                Ok(Some(m))
            }
            _ => Ok(None),
        }
    })?;
    let conn = vault.read()?;
    let (rows, head) = audit::head(&conn)?;
    Ok(LogReanchored {
        reanchored: previous.is_some(),
        previous,
        rows,
        head,
    })
}

/// The CSV or JSON-lines form of one exported row.
fn export_line(csv: bool, r: &audit::Row, hash: &str) -> String {
    let e = &r.event;
    let (claimed, merged) = times(r.origin);
    if csv {
        use super::history::csv_cell;
        let cells = [
            clock::rfc3339_ms(e.time_ms),
            e.event.clone(),
            e.severity.as_str().to_string(),
            e.success.to_string(),
            e.details.to_string(),
            e.event_id.clone(),
            hash.to_string(),
            r.origin.as_str().to_string(),
            claimed.unwrap_or_default(),
            merged.unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c, false)).collect();
        return format!("{}\r\n", line.join(","));
    }
    let mut line = serde_json::json!({
        "id": e.event_id,
        "time": clock::rfc3339_ms(e.time_ms),
        "event": e.event,
        "severity": e.severity.as_str(),
        "success": e.success,
        "details": e.details,
        "hash": hash,
        "source": r.origin.as_str(),
        "claimed_time": claimed,
        "merged_at": merged,
    })
    .to_string();
    line.push('\n');
    line
}

/// An inbox row's claimed time and merge time (RFC 3339).
fn times(origin: audit::Origin) -> (Option<String>, Option<String>) {
    match origin {
        audit::Origin::Vault => (None, None),
        audit::Origin::Inbox {
            claimed_ms,
            merged_ms,
        } => (
            Some(clock::rfc3339_ms(claimed_ms)),
            merged_ms.map(clock::rfc3339_ms),
        ),
    }
}

/// Runs `coffer security log export`.
pub fn log_export(ctx: &Ctx, args: LogExportArgs) -> Result<LogExported> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let rows = audit::export(&conn)?;
    let csv = args.format == LogFormat::Csv;
    let mut text = String::new();
    if csv {
        text.push_str(
            "time,event,severity,success,details,id,hash,source,claimed_time,merged_at\r\n",
        );
    }
    for (r, hash) in &rows {
        text.push_str(&export_line(csv, r, hash));
    }
    let n = rows.len() as u64;
    match args.out {
        Some(p) => {
            crate::vault::fsio::write_private(&p, text.as_bytes()).map_err(|e| {
                Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
            })?;
            Ok(LogExported {
                rows: n,
                file: Some(p.display().to_string()),
                content: None,
            })
        }
        None => Ok(LogExported {
            rows: n,
            file: None,
            content: Some(text),
        }),
    }
}

/// One audit event as shown.
#[derive(Debug, Serialize)]
pub struct LogRow {
    /// Event id.
    pub id: String,
    /// When (RFC 3339, millisecond precision). For an inbox event, its claimed time
    /// clamped between the event before it and its merge.
    pub time: String,
    /// What happened.
    pub event: String,
    /// `info`, `low`, `medium`, `high` or `critical`.
    pub severity: Severity,
    /// Whether the action succeeded.
    pub success: bool,
    /// Non-secret details.
    pub details: serde_json::Value,
    /// `vault` (written by coffer with the vault unlocked) or `inbox` (written while it
    /// was locked, by anyone who could write to `inbox/`).
    pub source: &'static str,
    /// False for inbox events: claims, not facts.
    pub authenticated: bool,
    /// The time an inbox event claims (may differ from `time`); null for vault events.
    pub claimed_time: Option<String>,
    /// When an inbox event was merged into the vault; null while it still waits in the
    /// inbox, and for vault events.
    pub merged_at: Option<String>,
}

/// The result of `security log`.
#[derive(Debug, Serialize)]
pub struct Log {
    /// Events, newest first.
    pub items: Vec<LogRow>,
    /// Events matching the filter (before `--limit`).
    pub total: usize,
}

impl Report for Log {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No events.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|e| {
                let mut details = match &e.details {
                    serde_json::Value::Object(m) if m.is_empty() => String::new(),
                    d => d.to_string(),
                };
                if let Some(c) = e.claimed_time.as_ref().filter(|c| **c != e.time) {
                    details = format!("(claims {c}) {details}");
                }
                let ok = if e.success { "yes" } else { "no" };
                let source = if e.authenticated { "vault" } else { "inbox?" };
                vec![
                    e.time.clone(),
                    e.event.clone(),
                    format!("{:?}", e.severity).to_lowercase(),
                    ok.into(),
                    source.into(),
                    details.trim_end().to_string(),
                ]
            })
            .collect();
        out.table(
            &["time", "event", "severity", "ok", "source", "details"],
            rows,
        );
        if self.items.iter().any(|e| !e.authenticated) {
            out.line(
                "inbox?: written while the vault was locked, by anyone who could write to inbox/: a claim, not a fact (its time is bounded by the events around it).",
            );
        }
        if self.total > self.items.len() {
            out.line(format!(
                "({} of {} events; use --limit to see more)",
                self.items.len(),
                self.total
            ));
        }
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
    let min = args.severity.map(|s| s.severity().rank());
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let mut events: Vec<audit::Row> = audit::list(&conn, since_ms)?;
    let known: std::collections::HashSet<String> =
        events.iter().map(|r| r.event.event_id.clone()).collect();
    let floor = audit::last_time(&conn)?;
    let now = clock::now_ms();
    for entry in unlocked.vault.pending_inbox()? {
        let inbox::Item::Audit(ev) = entry.item else {
            continue;
        };
        let row = audit::queued(&ev, floor, now);
        if since_ms.is_none_or(|s| row.event.time_ms >= s) && !known.contains(&ev.event_id) {
            events.push(row);
        }
    }
    events.retain(|r| {
        min.is_none_or(|m| r.event.severity.rank() >= m)
            && args.event.as_ref().is_none_or(|n| &r.event.event == n)
    });
    events.sort_by_key(|r| std::cmp::Reverse(r.event.time_ms));
    let total = events.len();
    let items = events
        .into_iter()
        .take(args.limit)
        .map(|r| {
            let (claimed_time, merged_at) = times(r.origin);
            let e = r.event;
            LogRow {
                id: e.event_id,
                time: clock::rfc3339_ms(e.time_ms),
                event: e.event,
                severity: e.severity,
                success: e.success,
                details: e.details,
                source: r.origin.as_str(),
                authenticated: r.origin.authenticated(),
                claimed_time,
                merged_at,
            }
        })
        .collect();
    Ok(Log { items, total })
}

/// One keyslot as `security show` reports it.
#[derive(Debug, Serialize)]
pub struct SlotView {
    /// `password` or `recovery`.
    pub kind: String,
    /// Its KDF parameters (no salt).
    pub kdf: super::credentials::KdfView,
    /// When it was sealed (RFC 3339).
    pub created_at: String,
}

/// `security show` output.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The user.
    pub user: String,
    /// `default` or `test`.
    pub kdf_profile: String,
    /// True for the test profile.
    pub kdf_insecure: bool,
    /// The keyslots of profile.json.
    pub keyslots: Vec<SlotView>,
    /// The PIN hash's KDF parameters.
    pub pin_kdf: super::credentials::KdfView,
    /// Wrong PINs in a row.
    pub pin_failures: u32,
    /// Until when the PIN is locked (RFC 3339), if it is.
    pub pin_locked_until: Option<String>,
    /// Failed logins in a row.
    pub failed_logins: u32,
    /// Whether TOTP two-factor authentication is on.
    pub two_factor: bool,
    /// Its backup codes not used yet.
    pub backup_codes_left: u32,
    /// Last password change (RFC 3339).
    pub password_changed_at: String,
    /// Idle session timeout (seconds).
    pub session_timeout_secs: i64,
    /// Absolute session lifetime (seconds).
    pub session_max_secs: i64,
    /// The preferred fiat currency.
    pub currency: String,
    /// `standard` or `high`.
    pub level: String,
    /// Whether sends to recipients never paid before are held for approval.
    pub confirm_new_recipient: bool,
    /// The spending limits set, per asset.
    pub limits: Vec<policy::LimitView>,
    /// Sends held for approval.
    pub awaiting_approval: u64,
    /// Automatic backups.
    pub auto_backup: AutoBackupView,
    /// When a backup was last created, and last verified (RFC 3339).
    pub last_backup_at: Option<String>,
    /// The most recent successful `backup verify` of a backup this vault knows.
    pub last_verified_backup_at: Option<String>,
    /// What to do about it, most important first.
    pub recommendations: Vec<String>,
}

impl Report for Shown {
    fn human(&self, out: &mut Human) {
        out.kv("User", &self.user);
        out.kv(
            "KDF profile",
            if self.kdf_insecure {
                format!("{} (INSECURE: for test suites only)", self.kdf_profile)
            } else {
                self.kdf_profile.clone()
            },
        );
        for s in &self.keyslots {
            out.kv(
                &format!("{} slot", s.kind),
                format!(
                    "Argon2id m={} KiB t={} p={} (since {})",
                    s.kdf.memory_kib, s.kdf.iterations, s.kdf.parallelism, s.created_at
                ),
            );
        }
        out.kv(
            "PIN",
            format!(
                "Argon2id m={} KiB t={}; {} wrong in a row{}",
                self.pin_kdf.memory_kib,
                self.pin_kdf.iterations,
                self.pin_failures,
                self.pin_locked_until
                    .as_ref()
                    .map(|t| format!(", locked until {t}"))
                    .unwrap_or_default()
            ),
        );
        out.kv("Failed logins", self.failed_logins.to_string());
        out.kv(
            "Two-factor",
            if self.two_factor {
                format!("on ({} backup codes left)", self.backup_codes_left)
            } else {
                "off".into()
            },
        );
        out.kv("Password changed", &self.password_changed_at);
        out.kv(
            "Session",
            format!(
                "idle timeout {}, at most {}",
                clock::human_duration(self.session_timeout_secs),
                clock::human_duration(self.session_max_secs)
            ),
        );
        out.kv("Currency", &self.currency);
        out.kv("Level", &self.level);
        out.kv(
            "New recipients",
            if self.confirm_new_recipient {
                "held for approval"
            } else {
                "not held"
            },
        );
        for l in &self.limits {
            out.kv(
                &format!("Limits {}", l.asset),
                format!(
                    "per send {}, per 24 h {} ({} sent in the last 24 h)",
                    l.per_tx.as_deref().unwrap_or("none"),
                    l.daily.as_deref().unwrap_or("none"),
                    l.sent_last_day
                ),
            );
        }
        if self.awaiting_approval > 0 {
            out.kv(
                "Awaiting approval",
                format!(
                    "{} send(s): `coffer history --status awaiting_approval`",
                    self.awaiting_approval
                ),
            );
        }
        out.kv(
            "Automatic backups",
            if self.auto_backup.enabled {
                format!(
                    "every {}, keep {}, {}",
                    clock::human_duration(self.auto_backup.every_secs.unwrap_or_default()),
                    self.auto_backup.keep.unwrap_or_default(),
                    self.auto_backup.dir.as_deref().unwrap_or_default()
                )
            } else {
                "off".into()
            },
        );
        out.kv(
            "Last backup",
            self.last_backup_at.as_deref().unwrap_or("never"),
        );
        out.kv(
            "Last verified backup",
            self.last_verified_backup_at.as_deref().unwrap_or("never"),
        );
        if !self.recommendations.is_empty() {
            out.line("");
            out.line("Recommendations:");
            for r in &self.recommendations {
                out.line(format!("  - {r}"));
            }
        }
    }
}

/// Runs `coffer security show`.
pub fn show(ctx: &Ctx) -> Result<Shown> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    show_of(&unlocked, &conn)
}

/// `security show` from a vault already unlocked and read (`coffer status`).
pub fn show_of(unlocked: &crate::context::Unlocked, conn: &rusqlite::Connection) -> Result<Shown> {
    use super::credentials::KdfView;
    use crate::vault::{self as v, DEFAULT_SESSION_MAX, DEFAULT_SESSION_TIMEOUT, pin};
    let profile = crate::vault::profile::Profile::load(&unlocked.vault.paths)?;
    let now = clock::now();
    let timeout = v::setting_i64(conn, "session_timeout_secs", DEFAULT_SESSION_TIMEOUT)?;
    let max = v::setting_i64(conn, "session_max_secs", DEFAULT_SESSION_MAX)?;
    let pin_state = pin::state(conn)?;
    let pin_kdf = pin::kdf(conn)?;
    let auto = crate::commands::backup::auto_backup_settings(conn)?;
    let backups = crate::commands::backup::list_for(conn, &unlocked.vault.paths)?;
    let last_backup = backups.iter().filter_map(|b| b.created_at.clone()).max();
    let last_verified = backups
        .iter()
        .filter(|b| b.verified_ok == Some(true))
        .filter_map(|b| b.last_verified.clone())
        .max();
    let floor = profile.kdf_profile.fresh_params();
    let two_factor = crate::vault::totp::enabled(conn)?;
    let backup_codes_left = crate::vault::totp::backup_codes_left(conn)?;
    let mut rec = vec![];
    if !two_factor {
        rec.push("2FA is off: `coffer security 2fa enable`".to_string());
    } else if backup_codes_left < 3 {
        rec.push(format!(
            "only {backup_codes_left} 2FA backup code(s) left: turn 2FA off and on again for new ones"
        ));
    }
    if !profile.kdf_profile.is_secure() {
        rec.push("the KDF profile is the insecure test profile: register a real user without COFFER_KDF_PROFILE=test".to_string());
    }
    for s in &profile.keyslots {
        if s.kdf.m_kib < floor.m_kib || s.kdf.t < floor.t {
            rec.push(format!(
                "the {} slot's KDF parameters are below the current default: run `coffer {}`",
                s.kind.name(),
                if s.kind == crate::vault::keyslot::SlotKind::Password {
                    "security rekey"
                } else {
                    "security recovery-code"
                }
            ));
        }
    }
    let verified_recently = last_verified
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .is_some_and(|t| now - t.as_second() <= 30 * 86_400);
    if !verified_recently {
        rec.push(
            "no verified backup in 30 days: `coffer backup create`, then `coffer backup verify FILE`"
                .into(),
        );
    }
    if auto.is_none() {
        rec.push(
            "automatic backups are off: `coffer security set auto-backup on --recipient age1…`"
                .into(),
        );
    }
    let auto_view = AutoBackupView::of(auto.as_ref(), &unlocked.vault.paths);
    if auto_view.inside_home {
        rec.push(format!(
            "automatic backups go inside the coffer home ({}): a lost disk takes them with \
             the vault: `coffer security set auto-backup on --dir DIR` with DIR on another disk",
            auto_view.dir.as_deref().unwrap_or_default()
        ));
    }
    if timeout > 3600 {
        rec.push(format!(
            "the session timeout is {} (above 1 h): `coffer security set session-timeout 15m`",
            clock::human_duration(timeout)
        ));
    }
    if pin_state.failed > 0 {
        rec.push(format!(
            "{} wrong PIN(s) in a row: look at `coffer security log --event pin_failed`",
            pin_state.failed
        ));
    }
    if profile.failed_logins > 0 {
        rec.push(format!(
            "{} failed login(s) in a row: look at `coffer security log --event login_failed`",
            profile.failed_logins
        ));
    }
    Ok(Shown {
        user: profile.username.clone(),
        kdf_profile: profile.kdf_profile.name().into(),
        kdf_insecure: !profile.kdf_profile.is_secure(),
        keyslots: profile
            .keyslots
            .iter()
            .map(|s| SlotView {
                kind: s.kind.name().into(),
                kdf: KdfView::of(&s.kdf),
                created_at: clock::rfc3339(s.created_at),
            })
            .collect(),
        pin_kdf: KdfView::of(&pin_kdf),
        pin_failures: pin_state.failed,
        pin_locked_until: pin_state
            .locked_until
            .filter(|t| *t > now)
            .map(clock::rfc3339),
        failed_logins: profile.failed_logins,
        two_factor,
        backup_codes_left,
        password_changed_at: clock::rfc3339(profile.password_changed_at),
        session_timeout_secs: timeout,
        session_max_secs: max,
        currency: coffer_core::valuation::preferred(conn)?,
        level: if policy::level_high(conn)? {
            "high".into()
        } else {
            "standard".into()
        },
        confirm_new_recipient: policy::confirm_new_recipient(conn)?,
        limits: policy::limits(conn, now)?,
        awaiting_approval: policy::awaiting_count(conn)?,
        auto_backup: auto_view,
        last_backup_at: last_backup,
        last_verified_backup_at: last_verified,
        recommendations: rec,
    })
}

impl Change<'_> {
    /// `level`, `confirm-new-recipient`, `limit-tx` or `limit-daily`: checked and stored
    /// by the core, gated here when it lowers protection.
    fn policy(&self, change: policy::Change) -> Result<SetDone> {
        let planned = policy::plan(&self.unlocked.vault.read()?, change, self.key)?;
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
