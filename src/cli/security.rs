//! The `security` command-line definitions (clap only: no logic, no I/O).

use crate::values::{AgeRecipient, age_recipient, every_secs, keep_count, session_secs};
use coffer_core::policy::{self, LimitAmount};

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
    Password(crate::cli::credentials::PasswordChangeArgs),
    /// Give the vault a new key (and a new recovery code), and rewrap the password
    /// keyslot, with stronger Argon2id parameters if given. Every session ends.
    ///
    /// Example:
    ///   coffer security rekey --memory 256MiB --iterations 4
    #[command(verbatim_doc_comment)]
    Rekey(crate::cli::credentials::RekeyArgs),
    /// A new recovery code (PIN required); the old one stops working.
    RecoveryCode(crate::cli::credentials::RecoveryCodeArgs),
    /// TOTP two-factor authentication.
    #[command(name = "2fa", subcommand)]
    TwoFa(crate::cli::twofa::TwoFaCmd),
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
