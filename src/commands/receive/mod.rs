//! `coffer receive`: hand out an address with a payment URI (BIP-21 for Bitcoin, EIP-681
//! for Ethereum) and a terminal QR code; `receive import`: learn about an incoming
//! Bitcoin transaction from its raw hex, offline. While the vault is locked an import is
//! queued in the inbox and applied at the next unlock; `receive wait` and `watch`.
//! The arguments and the glue: the work is `coffer_core::receive`'s.

use crate::cli::receive::{ImportArgs, ShowArgs, WaitArgs};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::qr::{qr_payload, qr_text};
use crate::vault::profile::Profile;
pub use coffer_core::receive::wait::Arrived;
use coffer_core::receive::{self as core, ImportRequest, ShowRequest, wait::WaitRequest};
pub use coffer_core::receive::{ImportView, Receive};

pub mod watch;

/// Runs `coffer receive wait`, then its `--exec` command.
pub fn wait(ctx: &Ctx, args: WaitArgs) -> Result<Arrived> {
    let timeout = clock::parse_duration(&args.timeout)?;
    let interval = clock::parse_duration(&args.interval)?.max(1);
    let req = WaitRequest {
        wallet: args.wallet,
        address: args.address,
        amount: args.amount,
        chain: args.chain,
        chain_id: args.chain_id,
        token: args.token,
        confirmations: args.confirmations,
        timeout,
        interval,
    };
    // Progress on stderr, one line each time something changes (stdout stays the result).
    let arrived = core::wait::wait(
        &req,
        &mut || ctx.unlock().map(|u| u.vault),
        &mut crate::output::write_stderr,
    )?;
    if let Some(cmd) = &args.exec {
        watch::run_hook(cmd, &arrived.event(req.confirmations));
    }
    Ok(arrived)
}

/// Runs `coffer receive`.
pub fn show(ctx: &Ctx, args: ShowArgs) -> Result<Receive> {
    let unlocked = ctx.unlock()?;
    let mut shown = core::show(
        &unlocked.vault,
        &ShowRequest {
            wallet: args.wallet,
            chain: args.chain,
            amount: args.amount,
            label: args.label,
            message: args.message,
            chain_id: args.chain_id,
        },
    )?;
    let want_qr = args.qr || (!args.no_qr && ctx.out.wants_qr());
    shown.qr = want_qr
        .then(|| qr_text(&qr_payload(&shown.uri)))
        .transpose()?;
    Ok(shown)
}

/// Runs `coffer receive import`.
pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<ImportView> {
    if let Some(txid) = &args.txid {
        // `--txid`: the transaction and its block from the node, then the same import
        // as a raw one.
        let id = core::parse_txid(txid)?;
        let unlocked = ctx.unlock()?;
        let raw = core::fetch_from_node(&unlocked.vault, args.wallet.as_deref(), id)?;
        return import_raw(ctx, raw);
    }
    let tx_arg = args.tx.unwrap_or_default();
    let hex = if tx_arg == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Error::invalid("tx", format!("cannot read standard input: {e}")))?;
        s
    } else {
        tx_arg
    };
    import_raw(
        ctx,
        ImportRequest {
            hex,
            wallet: args.wallet,
            height: args.height,
            block_time: args.block_time,
            block_hash: args.block_hash,
        },
    )
}

/// Imports a raw transaction: applied when logged in, else queued in the inbox.
fn import_raw(ctx: &Ctx, req: ImportRequest) -> Result<ImportView> {
    let parsed = core::parse_import(&req)?;
    let unlocked = match ctx.unlock() {
        Ok(u) => u,
        Err(Error::Locked { .. } | Error::SessionExpired { .. }) => {
            let user = ctx.resolve_user()?;
            let paths = ctx.home.user(&user);
            let profile = Profile::load(&paths)?;
            return core::import_queued(&paths, &profile, parsed);
        }
        Err(e) => return Err(e),
    };
    core::import_applied(&unlocked.vault, req.wallet.as_deref(), parsed)
}

#[cfg(test)]
mod tests {
    use crate::chain::uri::{bip21, eip681};

    #[test]
    fn uris() {
        assert_eq!(
            bip21("bc1qx", Some(150_000), Some("Bob & Alice"), None),
            "bitcoin:bc1qx?amount=0.0015&label=Bob%20%26%20Alice"
        );
        assert_eq!(bip21("bc1qx", None, None, None), "bitcoin:bc1qx");
        assert_eq!(
            eip681("0xAb", Some(1), Some(10u128.pow(18))),
            "ethereum:0xAb@1?value=1000000000000000000"
        );
    }
}
