//! Multisig wallets: `wallet create-multisig` (an M-of-N `sortedmulti` descriptor wallet
//! of cosigner keys with origins, and optionally a key of this vault at BIP-48
//! `m/48'/coin'/account'/script'`), and `wallet export --cosigner-key` (this vault's key
//! with its origin, for the other cosigners): `coffer_core::multisig`. Spending is the
//! PSBT flow every wallet has: `send --unsigned-out`, `send sign` on each cosigner, `send
//! combine`, `send broadcast` once enough have signed.

use crate::chain::Network;
use crate::cli::multisig::{CreateArgs, MultiScript};
use crate::context::Ctx;
use crate::error::Result;
use coffer_core::multisig::{self, CosignerKey, Created, Spec};

/// The core's script of a multisig wallet.
fn script(s: MultiScript) -> multisig::MultiScript {
    match s {
        MultiScript::Wsh => multisig::MultiScript::Wsh,
        MultiScript::ShWsh => multisig::MultiScript::ShWsh,
        MultiScript::Tr => multisig::MultiScript::Tr,
    }
}

/// Runs `coffer wallet create-multisig`.
pub fn create(ctx: &Ctx, args: CreateArgs) -> Result<Created> {
    // A bad name is refused before the unlock.
    coffer_core::vault::wallets::validate_name(&args.name)?;
    let spec = Spec {
        name: args.name,
        cosigners: args.cosigners,
        threshold: args.threshold,
        with_local: args.with_local,
        network: args.network,
        script_type: script(args.script_type),
        account: args.account,
        allow_duplicate: args.allow_duplicate,
    };
    multisig::create(&ctx.unlock()?.vault, &spec)
}

/// Runs `coffer wallet export NAME --cosigner-key`.
pub fn export_key(
    ctx: &Ctx,
    name: &str,
    network: Option<Network>,
    script_type: MultiScript,
    account: u32,
) -> Result<CosignerKey> {
    multisig::export_key(
        &ctx.unlock()?.vault,
        name,
        network,
        script(script_type),
        account,
    )
}
