//! The `addr` command-line definitions (clap only: no logic, no I/O).

use crate::chain::{Chain, Network};

/// Address commands.
#[derive(Debug, clap::Subcommand)]
pub enum AddrCmd {
    /// Derive the next address(es) of a wallet.
    ///
    /// Examples:
    ///   coffer addr new --label "from Bob"
    ///   coffer addr new --wallet savings --chain eth
    ///   coffer addr new --count 100 --json
    #[command(verbatim_doc_comment)]
    New(NewArgs),
    /// List a wallet's derived addresses.
    List(ListArgs),
    /// Set the label of an address.
    Label(LabelArgs),
    /// Show an address (with a terminal QR code on request).
    Show(ShowArgs),
    /// Check an address: network and type for Bitcoin, EIP-55 checksum for Ethereum.
    ///
    /// Needs no login. An invalid address exits with code 5 and says precisely why
    /// (bad checksum, wrong network, unknown witness version, …).
    ///
    /// Examples:
    ///   coffer addr validate bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu
    ///   coffer addr validate tb1q… --network testnet
    ///   coffer addr validate 0x9858EfFD232B4033E47d90003D41EC34EcaEda94 --json
    #[command(verbatim_doc_comment)]
    Validate(ValidateArgs),
}

/// Arguments of `addr new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// Label for the new address(es).
    #[arg(long, allow_hyphen_values = true)]
    pub label: Option<String>,
    /// What the address is for (free text).
    #[arg(long, allow_hyphen_values = true)]
    pub purpose: Option<String>,
    /// A change address (Bitcoin internal branch).
    #[arg(long)]
    pub change: bool,
    /// How many addresses (1-100000).
    #[arg(long, default_value_t = 1)]
    pub count: u32,
}

/// Arguments of `addr list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this wallet (default: every wallet).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only this chain.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// Only addresses whose label contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Only addresses that have transactions.
    #[arg(long, conflicts_with = "unused")]
    pub used: bool,
    /// Only addresses without transactions.
    #[arg(long)]
    pub unused: bool,
    /// At most N addresses (1-1000; default: all), then `next_cursor` for the rest.
    #[arg(long)]
    pub limit: Option<u32>,
    /// Continue after the last address of a previous page (its `next_cursor`).
    #[arg(long, requires = "limit")]
    pub cursor: Option<String>,
}

/// Arguments of `addr label`.
#[derive(Debug, clap::Args)]
pub struct LabelArgs {
    /// The address.
    pub address: String,
    /// The wallet holding it (needed when two wallets hold the same keys).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The new label (empty to clear; text starting with '-' is text too).
    #[arg(allow_hyphen_values = true)]
    pub label: String,
}

/// Arguments of `addr show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The address.
    pub address: String,
    /// The wallet holding it (needed when two wallets hold the same keys).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Print a terminal QR code of the address.
    #[arg(long)]
    pub qr: bool,
    /// With --qr: encode the payment URI (bitcoin:… / ethereum:…) instead.
    #[arg(long, requires = "qr")]
    pub uri: bool,
}

/// Arguments of `addr validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The address.
    pub address: String,
    /// The chain (default: eth for 0x…, else btc).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// Require a Bitcoin network.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>())]
    pub network: Option<Network>,
}
