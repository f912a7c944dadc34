//! The `multisig` command-line definitions (clap only: no logic, no I/O).

use crate::chain::Network;

/// The script of a multisig wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MultiScript {
    /// Native segwit: `wsh(sortedmulti(…))` (BIP-48 script type 2').
    Wsh,
    /// Nested segwit: `sh(wsh(sortedmulti(…)))` (BIP-48 script type 1').
    ShWsh,
    /// Taproot: `tr(NUMS, multi_a(…))`, a script path under an unspendable
    /// internal key (no BIP-48 type: 3' as Sparrow and others use).
    Tr,
}

/// Arguments of `wallet create-multisig`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Wallet name.
    pub name: String,
    /// Signatures needed (M of N).
    #[arg(long, value_name = "M")]
    pub threshold: u8,
    /// A cosigner's key with origin: `[fingerprint/48'/0'/0'/2']xpub…` (repeat).
    #[arg(long = "cosigner", value_name = "KEY")]
    pub cosigners: Vec<String>,
    /// Add this vault's key, derived from WALLET's seed at m/48'/coin'/account'/type'.
    #[arg(long, value_name = "WALLET")]
    pub with_local: Option<String>,
    /// The network.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>(), default_value = "bitcoin")]
    pub network: Network,
    /// The script.
    #[arg(long, value_enum, default_value = "wsh")]
    pub script_type: MultiScript,
    /// The BIP-48 account of the local key.
    #[arg(long, default_value_t = 0)]
    pub account: u32,
    /// Add the wallet even when a wallet of this vault has the same descriptors (the
    /// same keys and threshold): their addresses then belong to both, and commands
    /// given an address need --wallet.
    #[arg(long)]
    pub allow_duplicate: bool,
}
