//! `send confirm` and `send cancel`: the sends the spending policy held
//! (`coffer_core::policy`: limits, confirmation of new recipients, the `high` security
//! level). `send confirm ID` shows one again and signs it behind the PIN (and a 2FA code
//! when on); `send cancel ID` drops it. Here: the clap arguments, the prompts, the glue.

use crate::cli::approval::{CancelArgs, ConfirmArgs};
use crate::context::{Ctx, Unlocked};
use crate::error::Result;
use coffer_core::policy::{self, Approval};
use serde::Serialize;

/// The gate of `send confirm` (Bitcoin and Ethereum: two decryptions), in two halves:
/// [`ask`] reads the PIN (and, when 2FA is on and the PIN is right, a code) on the
/// snapshot; [`Asked::check`] checks them and the daily limit inside the signing write.
pub struct Asked {
    gate: coffer_core::access::gate::Asked,
    override_limit: bool,
}

/// The first half of the gate of `send confirm`, on `conn` (the snapshot): a locked PIN
/// is refused, the PIN asked; a code is asked only when 2FA is on and the PIN is right
/// (a wrong one is counted by [`Asked::check`] before any code is asked for).
pub fn ask(
    ctx: &Ctx,
    unlocked: &Unlocked,
    conn: &coffer_core::Db,
    opts: &ConfirmArgs,
) -> Result<Asked> {
    let (pin_file, totp_code) = (opts.pin_file.as_deref(), opts.totp_code.as_deref());
    Ok(Asked {
        gate: crate::prompt::ask_gate(ctx, &unlocked.vault, conn, pin_file, totp_code, true)?,
        override_limit: opts.override_limit,
    })
}

impl Asked {
    /// The second half, inside the write that signs: the PIN (a wrong one counted and
    /// audited), the 2FA code, the daily limit (`policy::confirm_checks_in`). A refusal
    /// is `Ok(Some(error))`: committed, then given.
    pub fn check(
        &self,
        c: &coffer_core::Db,
        a: &Approval,
        decimals: u32,
        fixed: bool,
    ) -> Result<Option<crate::error::Error>> {
        let action =
            serde_json::json!({ "wallet": a.wallet, "action": "confirm", "approval_id": a.id });
        if let Some(wrong) = self.gate.check_pin(c, action)? {
            return Ok(Some(wrong));
        }
        policy::confirm_checks_in(
            c,
            a,
            self.override_limit,
            decimals,
            fixed,
            self.gate.user(),
            self.gate.code(),
        )
    }
}

/// What `send cancel` did.
#[derive(Debug, Serialize)]
pub struct Cancelled {
    /// The approval, now cancelled.
    pub approval: Approval,
}

/// Runs `coffer send cancel`.
pub fn cancel(ctx: &Ctx, args: CancelArgs) -> Result<Cancelled> {
    let unlocked = ctx.unlock()?;
    // One write: the approval checked, closed and read back in it.
    let approval = unlocked.vault.write_light(|c| {
        let a = policy::get(c, &args.id)?;
        policy::waiting(&a)?;
        policy::close(
            c,
            &a,
            policy::Status::Cancelled,
            serde_json::json!({ "wallet": a.wallet }),
        )?;
        policy::get(c, &args.id)
    })?;
    Ok(Cancelled { approval })
}
