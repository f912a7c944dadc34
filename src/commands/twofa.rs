//! `coffer security 2fa enable|disable`: the TOTP second factor. Enabling shows a secret
//! (its `otpauth://` URI and a QR code for an authenticator app) and turns it on only
//! after a right code; it then prints one-time backup codes. `login` asks for a code
//! while it is on.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::{fsio, totp};
use secrecy::{ExposeSecret as _, SecretString};
use serde::Serialize;
use std::path::PathBuf;

/// `security 2fa` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TwoFaCmd {
    /// Turn on TOTP two-factor authentication: shows the secret as an otpauth:// URI
    /// and a QR code for an authenticator app; it is on only once a code from the app
    /// is entered (asked here on a terminal, else with --code). Prints backup codes.
    ///
    /// Examples:
    ///   coffer security 2fa enable                  # on a terminal: scan, type the code
    ///   coffer security 2fa enable --json           # scripts: the URI, then
    ///   coffer security 2fa enable --code 123456    # confirm with a code
    #[command(verbatim_doc_comment)]
    Enable(EnableArgs),
    /// Turn it off: the PIN and a current code (or a backup code).
    Disable(DisableArgs),
}

/// Arguments of `security 2fa enable`.
#[derive(Debug, clap::Args)]
pub struct EnableArgs {
    /// Confirm the pending setup with this code from the app.
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// Start again with a new secret (a pending one is replaced).
    #[arg(long, conflicts_with = "code")]
    pub new: bool,
}

/// Arguments of `security 2fa disable`.
#[derive(Debug, clap::Args)]
pub struct DisableArgs {
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
    /// A current code (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE", conflicts_with = "backup_code")]
    pub totp_code: Option<String>,
    /// One of the backup codes instead (it is then used up).
    #[arg(long, value_name = "CODE")]
    pub backup_code: Option<String>,
}

/// The state of the second factor after `2fa enable|disable`.
#[derive(Serialize)]
pub struct TwoFa {
    /// `pending` (waiting for a first code), `enabled` or `disabled`.
    pub status: String,
    /// The secret (base32), shown only while pending: enter it in the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The otpauth:// URI of it (the QR code's content), only while pending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// One-time backup codes, shown once when it is turned on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_codes: Option<Vec<String>>,
}

impl std::fmt::Debug for TwoFa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwoFa")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl Report for TwoFa {
    fn human(&self, out: &mut Human) {
        match self.status.as_str() {
            "pending" => {
                out.line(
                    "Add this to your authenticator app (scan the QR code or type the secret):",
                );
                if let Some(uri) = &self.uri {
                    if let Ok(qr) = super::addr::qr_text(uri) {
                        out.raw(&qr);
                    }
                    out.kv("URI", uri);
                }
                if let Some(s) = &self.secret {
                    out.kv("Secret", s);
                }
                out.line("Then confirm with a code from the app: `coffer security 2fa enable --code CODE`.");
            }
            "enabled" => {
                out.line("Two-factor authentication is on: `login` now asks for a code as well.");
                out.line("");
                out.line("Backup codes (each works once; keep them offline, shown only now):");
                for c in self.backup_codes.iter().flatten() {
                    out.line(format!("    {c}"));
                }
            }
            _ => out.line("Two-factor authentication is off."),
        }
    }
}

/// Ten backup codes of 10 Crockford base32 characters (50 bits), as `XXXXX-XXXXX`.
fn backup_codes() -> Vec<SecretString> {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    (0..10)
        .map(|_| {
            let bytes = zeroize::Zeroizing::new(fsio::random_bytes::<10>());
            let chars: String = bytes
                .iter()
                .map(|b| CROCKFORD[(*b & 31) as usize] as char)
                .collect();
            SecretString::from(format!("{}-{}", &chars[..5], &chars[5..]))
        })
        .collect()
}

/// Runs `coffer security 2fa enable`.
pub fn enable(ctx: &Ctx, args: EnableArgs) -> Result<TwoFa> {
    let unlocked = ctx.unlock()?;
    let user = unlocked.vault.profile.username.clone();
    let stored = totp::stored(&unlocked.vault.read()?)?;
    if stored.as_ref().is_some_and(|s| s.enabled) {
        return Err(Error::invalid(
            "2fa",
            "two-factor authentication is already on (`coffer security 2fa disable` first)",
        ));
    }
    let confirm = |code: &str| -> Result<TwoFa> {
        let codes = backup_codes();
        let now = clock::now();
        unlocked.vault.write_light(|c| {
            totp::accept(c, &user, code, now)?;
            totp::enable(c, &user, &codes, now)?;
            audit::record(
                c,
                &Event::new("2fa_enabled", Severity::Medium, true, serde_json::json!({})),
            )
        })?;
        Ok(TwoFa {
            status: "enabled".into(),
            secret: None,
            uri: None,
            backup_codes: Some(
                codes
                    .iter()
                    .map(|c| c.expose_secret().to_string())
                    .collect(),
            ),
        })
    };
    if let Some(code) = &args.code {
        if stored.is_none() {
            return Err(Error::invalid(
                "code",
                "nothing to confirm: run `coffer security 2fa enable` first",
            ));
        }
        return confirm(code);
    }
    // A new secret, pending until a code from the app confirms it.
    let secret = totp_rs::Secret::from(fsio::random_bytes::<20>().to_vec()).to_base32();
    let uri = totp::generator(
        &totp::secret_bytes(&SecretString::from(secret.clone()))?,
        &user,
    )?
    .to_url()
    .map_err(|e| anyhow::anyhow!("otpauth URI: {e}"))?;
    unlocked.vault.write_light(|c| {
        totp::begin(c, &secret, clock::now())?;
        audit::record(
            c,
            &Event::new(
                "2fa_setup_started",
                Severity::Info,
                true,
                serde_json::json!({}),
            ),
        )
    })?;
    let pending = TwoFa {
        status: "pending".into(),
        secret: Some(secret),
        uri: Some(uri),
        backup_codes: None,
    };
    if !ctx.input.interactive {
        return Ok(pending);
    }
    // On a terminal: show it, then ask for the first code right here.
    let mut h = Human::default();
    pending.human(&mut h);
    crate::output::write_stderr(&h.finish());
    let code = ctx.input.totp(None, "Code from the app")?;
    confirm(code.expose_secret())
}

/// Runs `coffer security 2fa disable`.
pub fn disable(ctx: &Ctx, args: DisableArgs) -> Result<TwoFa> {
    let unlocked = ctx.unlock()?;
    let user = unlocked.vault.profile.username.clone();
    if !totp::enabled(&unlocked.vault.read()?)? {
        return Err(Error::invalid("2fa", "two-factor authentication is off"));
    }
    super::gate::pin(
        ctx,
        &unlocked.vault,
        args.pin_file.as_deref(),
        serde_json::json!({ "action": "2fa_disable" }),
    )?;
    let second =
        super::gate::second_factor(ctx, args.totp_code.as_deref(), args.backup_code.as_deref())?;
    let now = clock::now();
    unlocked.vault.write_light(|c| {
        totp::spend(c, &user, &second, now)?;
        totp::disable(c)?;
        audit::record(
            c,
            &Event::new("2fa_disabled", Severity::High, true, serde_json::json!({})),
        )
    })?;
    Ok(TwoFa {
        status: "disabled".into(),
        secret: None,
        uri: None,
        backup_codes: None,
    })
}
