//! `coffer security log`: list, `verify`, `export` and `reanchor` the audit trail. The
//! log's reading, checks and export are `coffer_core::auditlog`; here are the
//! arguments and, for `reanchor`, the PIN and the code.

use crate::cli::security::{LogArgs, LogExportArgs, LogFormat, LogReanchorArgs, MinSeverity};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use coffer_core::auditlog::{self, Log, LogExported, LogReanchored, LogVerified};
use secrecy::ExposeSecret as _;

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
        let pin = crate::prompt::ask_pin(ctx, &conn, args.pin_file.as_deref())?;
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
        if let Some(wrong) = coffer_core::access::gate::pin_in(c, &pin, action)? {
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
