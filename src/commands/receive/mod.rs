//! `coffer receive`: hand out an address with a payment URI (BIP-21 for Bitcoin, EIP-681
//! for Ethereum) and a terminal QR code; `receive import`: learn about an incoming
//! Bitcoin transaction from its raw hex, offline. While the vault is locked an import is
//! queued in the inbox and applied at the next unlock; `receive wait` and `watch`.
//! The arguments and the glue: the work is `coffer_core::receive`'s.

use crate::chain::Chain;
use crate::clock;
use crate::commands::addr::{qr_payload, qr_text};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::profile::Profile;
pub use coffer_core::receive::wait::Arrived;
use coffer_core::receive::{self as core, ImportRequest, ShowRequest, wait::WaitRequest};
pub use coffer_core::receive::{ImportView, Receive};

pub mod watch;

/// Arguments of `coffer receive`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReceiveArgs {
    /// Import an incoming transaction instead.
    #[command(subcommand)]
    pub cmd: Option<ReceiveCmd>,
    #[command(flatten)]
    pub show: ShowArgs,
}

/// `receive` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ReceiveCmd {
    /// Apply an incoming Bitcoin transaction given as raw hex (offline).
    ///
    /// The transaction is recorded as pending, or as confirmed with --height and
    /// --block-time. Importing it again changes nothing. While the vault is locked it is
    /// queued and applied at the next unlock.
    ///
    /// Examples:
    ///   coffer receive import --tx 0200000001…
    ///   coffer receive import --tx - --height 880000 --block-time 2025-01-31T12:00:00Z < tx.hex
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// Wait for a payment: syncs with the network's node (or the EVM backend) every
    /// --interval until a payment to --address (or to the wallet) of at least --amount
    /// has --confirmations; exit 10 at --timeout. --exec runs a command when it came.
    ///
    /// Examples:
    ///   coffer receive wait --address bc1q… --amount 0.01 --confirmations 1 --timeout 30m
    ///   coffer receive wait --chain eth --amount 0.5 --exec 'notify-send "paid: $COFFER_TXID"'
    #[command(verbatim_doc_comment)]
    Wait(WaitArgs),
    /// Print incoming payments as they happen, one line per event (`payment`,
    /// `confirmed`, `replaced`; with --json one JSON object per line), until stopped,
    /// --count events or --timeout. What the vault already knew is not announced.
    ///
    /// Examples:
    ///   coffer --json receive watch --interval 10s
    ///   coffer receive watch --wallet shop --exec 'curl -s -d "$COFFER_TXID" https://…'
    #[command(verbatim_doc_comment)]
    Watch(watch::WatchArgs),
}

/// Arguments of `receive wait`.
#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only a payment to this address of the wallet.
    #[arg(long)]
    pub address: Option<String>,
    /// At least this much (BTC, or ETH / the --token's unit with --chain eth).
    #[arg(long)]
    pub amount: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// EVM chain id (default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// Ethereum: a payment of this token (symbol from `wallet token add`) instead of ether.
    #[arg(long, value_name = "SYMBOL")]
    pub token: Option<String>,
    /// Confirmations needed (0: in the mempool is enough; Ethereum payments are seen
    /// once mined).
    #[arg(long, default_value_t = 1)]
    pub confirmations: u32,
    /// Run this command through `sh -c` when the payment came (environment: COFFER_TXID,
    /// COFFER_AMOUNT, … see the README); its failure is reported on stderr only.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Give up after this long (exit 10), e.g. 30s, 10m, 2h.
    #[arg(long, default_value = "10m", value_name = "DURATION")]
    pub timeout: String,
    /// How often to ask the node.
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub interval: String,
}

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

/// Arguments of `coffer receive` (showing an address).
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// Amount requested, in BTC or ETH (exact decimal; `1500sat` for satoshis).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Label: stored on the address and put in the URI.
    #[arg(long, allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Message for the payer (in the URI).
    #[arg(long, allow_hyphen_values = true)]
    pub message: Option<String>,
    /// EVM chain id for the EIP-681 URI (default: the only EVM backend's, when exactly
    /// one is set; else none).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// Print a QR code of the URI (default on a terminal).
    #[arg(long, conflicts_with = "no_qr")]
    pub qr: bool,
    /// No QR code.
    #[arg(long)]
    pub no_qr: bool,
}

/// Arguments of `coffer receive import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The raw transaction in hex, or `-` to read it from standard input.
    #[arg(long, value_name = "HEX", required_unless_present = "txid")]
    pub tx: Option<String>,
    /// Or fetch it, with its block, from the network's Bitcoin node (`wallet backend set
    /// btc`; the node needs -txindex or the transaction in its own wallet).
    #[arg(long, value_name = "TXID", conflicts_with_all = ["tx", "height", "block_time", "block_hash"])]
    pub txid: Option<String>,
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Height of the block that confirmed it.
    #[arg(long, requires = "block_time")]
    pub height: Option<u32>,
    /// Time of that block: Unix seconds, a date or RFC 3339.
    #[arg(long, requires = "height", value_name = "TIME")]
    pub block_time: Option<String>,
    /// Hash of that block, when known (else a placeholder a sync replaces).
    #[arg(long, requires = "height", value_name = "HASH")]
    pub block_hash: Option<String>,
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
    use super::*;
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
        assert_eq!(qr_payload("bitcoin:bc1qx"), "BITCOIN:BC1QX");
        assert_eq!(qr_payload("bc1qx"), "BC1QX");
        assert_eq!(qr_payload("bitcoin:bc1qx?label=a"), "bitcoin:bc1qx?label=a");
        assert_eq!(qr_payload("1BvBMSEY"), "1BvBMSEY");
    }
}
