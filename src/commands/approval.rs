//! `send confirm` and `send cancel`: the sends the spending policy held
//! (`coffer_core::policy`: limits, confirmation of new recipients, the `high` security
//! level). `send confirm ID` shows one again and signs it behind the PIN (and a 2FA code
//! when on); `send cancel ID` drops it. Here: the clap arguments, the prompts, the glue.

use crate::context::{Ctx, Unlocked};
use crate::error::Result;
use crate::output::{Human, Report};
use crate::vault::txs;
use coffer_core::policy::{self, Approval};
use serde::Serialize;

/// The gate of `send confirm`: the review is shown again by the caller; here the PIN,
/// a 2FA code when on, and the daily limit, which only `--override-limit` passes
/// (audited with severity high).
pub fn confirm_gate(
    ctx: &Ctx,
    unlocked: &Unlocked,
    a: &Approval,
    opts: &ConfirmArgs,
    decimals: u32,
    fixed: bool,
) -> Result<()> {
    let vault = &unlocked.vault;
    super::gate::pin(
        ctx,
        vault,
        opts.pin_file.as_deref(),
        serde_json::json!({ "wallet": a.wallet, "action": "confirm", "approval_id": a.id }),
    )
    .and_then(|()| {
        policy::confirm_checks(vault, a, opts.override_limit, decimals, fixed, || {
            ctx.input.totp(opts.totp_code.as_deref(), "Two-factor code")
        })
    })
    .map_err(|e| txs::in_dir(e, &vault.paths.dir))
}

/// Arguments of `send confirm`.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfirmArgs {
    /// The approval id (from the send that was held).
    pub id: String,
    /// Pass the rolling daily limit (PIN and, when on, a 2FA code; audited, severity high).
    #[arg(long)]
    pub override_limit: bool,
    /// Read the PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
    /// A two-factor code, when 2FA is on (else $COFFER_TOTP, else a prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
    /// Do not ask "Sign this transaction?" (the review is still printed on a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also write the signed raw transaction (hex) to FILE.
    #[arg(long, value_name = "FILE")]
    pub raw_out: Option<std::path::PathBuf>,
}

/// Arguments of `send cancel`.
#[derive(Debug, Clone, clap::Args)]
pub struct CancelArgs {
    /// The approval id.
    pub id: String,
}

/// What `send cancel` did.
#[derive(Debug, Serialize)]
pub struct Cancelled {
    /// The approval, now cancelled.
    pub approval: Approval,
}

impl Report for Cancelled {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Approval {} cancelled: nothing was signed.",
            self.approval.id
        ));
    }
}

/// Runs `coffer send cancel`.
pub fn cancel(ctx: &Ctx, args: CancelArgs) -> Result<Cancelled> {
    let unlocked = ctx.unlock()?;
    let a = policy::get(&unlocked.vault.read()?, &args.id)?;
    policy::waiting(&a)?;
    unlocked.vault.write_light(|c| {
        policy::close(
            c,
            &a,
            "cancelled",
            serde_json::json!({ "wallet": a.wallet }),
        )
    })?;
    let approval = policy::get(&unlocked.vault.read()?, &args.id)?;
    Ok(Cancelled { approval })
}
