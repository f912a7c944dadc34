//! The `receive` command-line definitions (clap only: no logic, no I/O).

use crate::chain::Chain;

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
    Watch(WatchArgs),
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

/// Arguments of `receive watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Confirmations for the `confirmed` event.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub confirmations: u64,
    /// How often to sync.
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub interval: String,
    /// Stop (exit 0) after this many events.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Stop (exit 0) after this long, e.g. 30s, 10m, 2h (default: until stopped).
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// Run this command through `sh -c` for each event (environment: COFFER_EVENT,
    /// COFFER_TXID, … see the README).
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
}
