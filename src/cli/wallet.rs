//! The `wallet` command-line definitions (clap only: no logic, no I/O).

use crate::chain::btc::ScriptType;
use crate::chain::{Chain, Network};
use crate::values::parse_words;
use std::path::PathBuf;

/// Wallet commands.
#[derive(Debug, clap::Subcommand)]
pub enum WalletCmd {
    /// Create a wallet from a new BIP-39 mnemonic.
    ///
    /// On a terminal the words are shown once and three of them are asked back before
    /// anything is saved. Under --json or --no-input the mnemonic is returned only with
    /// --reveal; otherwise run `coffer wallet reveal NAME` later.
    ///
    /// Examples:
    ///   coffer wallet create savings
    ///   coffer wallet create trading --chains eth --words 24
    ///   coffer wallet create test --network regtest --script-type taproot --json
    #[command(verbatim_doc_comment)]
    Create(CreateArgs),
    /// List the wallets.
    List,
    /// Show a wallet: accounts, key origins, xpubs, descriptors, addresses.
    Show(NameArg),
    /// Show a wallet's mnemonic, after the transaction PIN (audited).
    ///
    /// Examples:
    ///   coffer wallet reveal savings
    ///   coffer wallet reveal savings --pin-file pin --json
    #[command(verbatim_doc_comment)]
    Reveal(RevealArgs),
    /// Import a wallet: from its BIP-39 mnemonic, or watch-only from descriptors, an
    /// xpub, an Ethereum address or a `wallet export --watch-only` file.
    ///
    /// Examples:
    ///   coffer wallet import old --mnemonic-file words.txt
    ///   coffer wallet import old --mnemonic-stdin --script-type legacy --account 1
    ///   coffer wallet import cold --xpub zpub6r…
    ///   coffer wallet import cold --descriptor "wpkh([73c5da0a/84'/0'/0']xpub…/0/*)#…"
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// Export what an online watch-only copy needs: public keys and descriptors only.
    ///
    /// Examples:
    ///   coffer wallet export savings --watch-only --out savings.watch.json
    ///   coffer wallet import savings --watch-only-file savings.watch.json   # on the online machine
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),
    /// Create an M-of-N multisig wallet (sortedmulti descriptors) from cosigner keys
    /// with origins, and optionally a key of this vault.
    ///
    /// Examples:
    ///   coffer wallet export main --cosigner-key          # on each cosigner's coffer
    ///   coffer wallet create-multisig vault --threshold 2 \
    ///       --cosigner "[d34db33f/48'/0'/0'/2']xpub6E…" --cosigner "[0b5c…/48'/0'/0'/2']xpub6F…" \
    ///       --with-local main
    #[command(verbatim_doc_comment)]
    CreateMultisig(crate::cli::multisig::CreateArgs),
    /// Rename a wallet.
    Rename(RenameArgs),
    /// Archive a wallet: hidden from lists, kept in the vault.
    Archive(NameArg),
    /// Confirmed, pending and total balance per wallet and currency.
    Balance(crate::cli::balance::BalanceArgs),
    /// Fee rates of the levels slow, normal and fast (sat/vB), per network.
    ///
    /// Examples:
    ///   coffer wallet fees
    ///   coffer wallet fees set slow=2 normal=5 fast=10
    ///   coffer wallet fees set normal=1.5 --network regtest
    ///   coffer wallet fees targets slow=144 normal=6 fast=2   # blocks asked of the node
    #[command(verbatim_doc_comment)]
    Fees(crate::cli::fees::FeesArgs),
    /// Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC
    /// endpoint of each EVM chain.
    #[command(subcommand)]
    Backend(crate::cli::backend::BackendCmd),
    /// Read what the backends know: Bitcoin, new blocks and the mempool from the node
    /// (transactions, confirmations, reorganisations); EVM, balances, token balances,
    /// nonces, transfers and receipts.
    Sync(crate::cli::backend::SyncArgs),
    /// ERC-20 tokens: add, list, remove.
    #[command(subcommand)]
    Token(crate::cli::backend::TokenCmd),
}

/// Seed and account options shared by `create` and `import`.
#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// Chains to create accounts on.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>(), value_delimiter = ',', default_value = "btc,eth")]
    pub chains: Vec<Chain>,
    /// Protect the seed with a BIP-39 passphrase (asked twice on a terminal).
    #[arg(long)]
    pub passphrase: bool,
    /// Read the BIP-39 passphrase from FILE.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Bitcoin network.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>(), default_value = "bitcoin")]
    pub network: Network,
    /// Bitcoin script type: segwit (BIP-84), taproot (BIP-86); for imports also
    /// legacy (BIP-44) and nested-segwit (BIP-49).
    #[arg(long, value_parser = crate::values::named::<crate::chain::btc::ScriptType>(), default_value = "segwit")]
    pub script_type: ScriptType,
    /// Account number (the last hardened level of the path).
    #[arg(long, default_value_t = 0)]
    pub account: u32,
    /// Add the wallet even when its keys (same seed, passphrase, script type, account
    /// and network, or the same watch-only keys) are already a wallet of this vault:
    /// their addresses then belong to both, and commands given an address need
    /// --wallet.
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// Arguments of `wallet create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Wallet name (letters, digits, '_', '-', '.').
    pub name: String,
    #[command(flatten)]
    pub seed: SeedArgs,
    /// Mnemonic length.
    #[arg(long, default_value_t = 12, value_parser = parse_words)]
    pub words: usize,
    /// Include the mnemonic in the output (for scripts; it is shown once).
    #[arg(long)]
    pub reveal: bool,
}

/// Arguments of `wallet import`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["mnemonic_stdin", "mnemonic_file", "descriptor", "xpub", "eth_address", "watch_only_file"]))]
pub struct ImportArgs {
    /// Wallet name (letters, digits, '_', '-', '.').
    pub name: String,
    #[command(flatten)]
    pub seed: SeedArgs,
    /// Read the BIP-39 mnemonic from standard input.
    #[arg(long)]
    pub mnemonic_stdin: bool,
    /// Read the BIP-39 mnemonic from FILE.
    #[arg(long, value_name = "FILE")]
    pub mnemonic_file: Option<PathBuf>,
    /// Watch-only: a public descriptor (`wpkh([fp/84'/0'/0']xpub…/0/*)#…`); give it twice
    /// for the receive and change branches.
    #[arg(long, value_name = "DESCRIPTOR")]
    pub descriptor: Vec<String>,
    /// Watch-only: an account extended public key (xpub, ypub, zpub, tpub, upub, vpub).
    #[arg(long, value_name = "XPUB")]
    pub xpub: Option<String>,
    /// Watch-only: one Ethereum address (EIP-55 checked).
    #[arg(long, value_name = "0x…")]
    pub eth_address: Option<String>,
    /// Watch-only: a file written by `wallet export --watch-only`.
    #[arg(long, value_name = "FILE")]
    pub watch_only_file: Option<PathBuf>,
}

/// Arguments of `wallet export`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["watch_only", "cosigner_key"]))]
pub struct ExportArgs {
    /// Wallet name.
    pub name: String,
    /// Export only public data (secrets are never exported).
    #[arg(long)]
    pub watch_only: bool,
    /// Print this vault's multisig cosigner key for the wallet's seed:
    /// `[fingerprint/48'/coin'/account'/type']xpub…`.
    #[arg(long)]
    pub cosigner_key: bool,
    /// With --cosigner-key: the network (default: the wallet's).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Network>(), requires = "cosigner_key")]
    pub network: Option<crate::chain::Network>,
    /// With --cosigner-key: the multisig script (BIP-48 type 2' wsh, 1' sh-wsh, 3' tr).
    #[arg(long, value_enum, default_value = "wsh", requires = "cosigner_key")]
    pub script_type: crate::cli::multisig::MultiScript,
    /// With --cosigner-key: the BIP-48 account.
    #[arg(long, default_value_t = 0, requires = "cosigner_key")]
    pub account: u32,
    /// Write the export to FILE instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Arguments of `wallet rename`.
#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// Current name.
    pub old: String,
    /// New name.
    pub new: String,
}

/// A wallet name argument.
#[derive(Debug, clap::Args)]
pub struct NameArg {
    /// Wallet name.
    pub name: String,
}

/// Arguments of `wallet reveal`.
#[derive(Debug, clap::Args)]
pub struct RevealArgs {
    /// Wallet name.
    pub name: String,
    /// Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
    /// At level high with 2FA on, a two-factor code as well (else $COFFER_TOTP, else a
    /// prompt).
    #[arg(long, value_name = "CODE")]
    pub totp_code: Option<String>,
}
