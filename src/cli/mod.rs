//! The command-line definitions (clap only: no logic, no I/O), one module per command
//! group; the pure value parsers they name are in [`crate::values`].

pub mod addr;
pub mod approval;
pub mod backend;
pub mod backup;
pub mod balance;
pub mod completions;
pub mod credentials;
pub mod fees;
pub mod history;
pub mod labels;
pub mod login;
pub mod message;
pub mod multisig;
pub mod rates;
pub mod receive;
pub mod register;
pub mod restore;
pub mod security;
pub mod send;
pub mod status;
pub mod twofa;
pub mod utxo;
pub mod wallet;

use addr::AddrCmd;
use backup::BackupCmd;
use clap::{Args, Parser, Subcommand};
use completions::CompletionsArgs;
use history::HistoryArgs;
use labels::LabelsCmd;
use login::LoginArgs;
use rates::{ConfigCmd, RatesCmd};
use receive::ReceiveArgs;
use register::RegisterArgs;
use security::SecurityCmd;
use send::SendArgs;
use std::path::PathBuf;
use wallet::WalletCmd;

/// coffer: a local-first wallet for Bitcoin and Ethereum with an encrypted vault.
///
/// Every command takes --json for scripts: stdout then holds exactly one JSON document,
/// {"ok":true,"data":…} or {"ok":false,"error":{"code","message","hint"}}.
#[derive(Debug, Parser)]
#[command(
    name = "coffer",
    version = env!("COFFER_LONG_VERSION"),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The coffer home (default: $COFFER_HOME, else the platform data dir).
    #[arg(long, global = true, env = "COFFER_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// The user to act as (default: $COFFER_USER, else the only or last logged-in user).
    #[arg(long, global = true, env = "COFFER_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Print one JSON document on stdout (data or error).
    #[arg(long, global = true)]
    pub json: bool,
    /// Never prompt; a missing secret or answer is an error.
    #[arg(long, global = true)]
    pub no_input: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    Register(RegisterArgs),
    Login(LoginArgs),
    /// Lock the vault: end the session.
    Logout,
    /// Show who is unlocked, and until when.
    Whoami,
    /// List the local users of this home (no unlock needed).
    Users,
    /// One screen: the session, balances and fiat total, pending and held transactions,
    /// backends (reachable now, last sync), automatic backups and security
    /// recommendations. A locked vault exits 3.
    ///
    /// Examples:
    ///   coffer status
    ///   coffer status --offline        (do not contact the backends)
    ///   coffer status --timeout 10     (wait longer for slow backends)
    ///   coffer status --json
    #[command(verbatim_doc_comment)]
    Status(crate::cli::status::StatusArgs),
    /// HD wallets: create, import, list, show, balance, fees, backends, sync, tokens,
    /// export, reveal.
    #[command(subcommand)]
    Wallet(WalletCmd),
    /// Addresses: new, list, label, show, validate.
    #[command(subcommand)]
    Addr(AddrCmd),
    /// Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit
    /// and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the
    /// PIN.
    ///
    /// Examples:
    ///   coffer sign-message --address bc1q… "I control this address"
    ///   coffer sign-message --address 0x… "hello"
    ///   coffer sign-message --address 0x… --typed-data permit.json --json
    #[command(verbatim_doc_comment)]
    SignMessage(crate::cli::message::SignArgs),
    /// Verify a signed message (no vault needed): exit 0 when valid, 5 when not.
    ///
    /// Examples:
    ///   coffer verify-message --address bc1q… --signature AkgwRQ… "I control this address"
    ///   coffer verify-message --address 0x… --signature 0x… "hello"
    #[command(verbatim_doc_comment)]
    VerifyMessage(crate::cli::message::VerifyArgs),
    /// Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and
    /// addresses.
    #[command(subcommand)]
    Utxo(crate::cli::utxo::UtxoCmd),
    /// Pay in bitcoin, ether or tokens; sign, broadcast or fee-bump a transaction.
    ///
    /// Examples:
    ///   coffer send --to bc1q… --amount 0.001
    ///   coffer send --to A --amount 0.1 --to B --amount 0.2 --fee fast
    ///   coffer send --to bc1q… --max --fee 3
    ///   coffer send --wallet cold --to bc1q… --amount 0.5 --unsigned-out pay.psbt
    ///   coffer send sign pay.psbt        (on the offline machine)
    ///   coffer send broadcast pay.signed.psbt
    ///   coffer send bump TXID --fee 20
    #[command(verbatim_doc_comment)]
    Send(Box<SendArgs>),
    /// The transactions: filters, pages, one in full, labels, categories, notes.
    ///
    /// Examples:
    ///   coffer history
    ///   coffer history --currency BTC --type receive --since 30d
    ///   coffer history --min 0.1 --limit 20 --json
    ///   coffer history show 42
    ///   coffer history label 42 "rent March"
    #[command(verbatim_doc_comment)]
    History(Box<HistoryArgs>),
    /// BIP-329 labels: export and import (Sparrow and other wallets read them).
    ///
    /// Examples:
    ///   coffer labels export --out labels.jsonl
    ///   coffer labels import sparrow-labels.jsonl
    #[command(subcommand, verbatim_doc_comment)]
    Labels(LabelsCmd),
    /// Encrypted backups: create, list, verify.
    #[command(subcommand)]
    Backup(BackupCmd),
    /// Restore a vault from a backup (as a new user), a wallet from its words, or merge a
    /// partial backup.
    #[command(subcommand)]
    Restore(crate::cli::backup::RestoreCmd),
    /// Exchange rates: list, set, import, history, convert.
    ///
    /// Examples:
    ///   coffer rates set BTC/USD 97000.12
    ///   coffer rates set BTC/EUR 89000 --at 2026-01-31
    ///   coffer rates import rates.csv        (rows: time,pair,rate)
    ///   coffer rates convert 0.5 BTC EUR
    #[command(subcommand, verbatim_doc_comment)]
    Rates(RatesCmd),
    /// Supported assets, whether the vault holds them, and their current rate.
    Currencies,
    /// Settings: the preferred fiat currency.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Show an address to be paid at (payment URI, QR code), or import an incoming
    /// transaction.
    Receive(ReceiveArgs),
    /// Security: the audit trail, settings and limits, the PIN, two-factor codes, the
    /// password, the vault key, the recovery code, and password recovery.
    #[command(subcommand)]
    Security(SecurityCmd),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
