//! `coffer security log`: list, `verify`, `export` and `reanchor` the audit trail. The
//! log's reading, checks and export are `coffer_core::auditlog`; here are the
//! arguments and, for `reanchor`, the PIN and the code.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::audit::Severity;
use coffer_core::auditlog::{self, Log, LogExported, LogReanchored, LogVerified};
use secrecy::ExposeSecret as _;

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
        let pin = crate::commands::gate::ask_pin(ctx, &conn, args.pin_file.as_deref())?;
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
        if let Some(wrong) = crate::commands::gate::pin_in(c, &pin, action)? {
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
