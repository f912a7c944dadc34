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

/// A command group's or command's definitions, built only when it is the one invoked
/// (clap's [`clap::Command::defer`]): building the whole tree took half the
/// instructions of a `coffer --version`. Help and `debug_assert` build what they show;
/// [`eager`] builds everything at once (for completions, whose `help` subtree is copied
/// before the commands it mirrors would be built). A listing shows the variant's `about`
/// without building it, so a wrapped command's about is on its variant (`register` and
/// `login`, whose about is on their arguments' struct, are not wrapped).
#[derive(Debug)]
pub struct Lazy<T>(pub T);

static EAGER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The whole command tree, every [`Lazy`] part built now.
pub fn eager() -> clap::Command {
    use clap::CommandFactory as _;
    EAGER.store(true, std::sync::atomic::Ordering::Relaxed);
    let cmd = Cli::command();
    EAGER.store(false, std::sync::atomic::Ordering::Relaxed);
    cmd
}

/// `cmd` built by `build`, but with the about and long about that its variant set
/// before (a derived build sets its own type's; the variant's come after it when built
/// at once, so they win, as here).
fn keeping_about(cmd: clap::Command, build: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let built = build(cmd);
    match (about, long_about) {
        (Some(about), Some(long)) => built.about(about).long_about(long),
        (Some(about), None) => built.about(about).long_about(None::<&str>),
        (None, _) => built,
    }
}

fn deferred_args<T: Args>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_args)
}

fn deferred_args_for_update<T: Args>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_args_for_update)
}

fn deferred_subcommands<T: Subcommand>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_subcommands)
}

fn deferred_subcommands_for_update<T: Subcommand>(cmd: clap::Command) -> clap::Command {
    keeping_about(cmd, T::augment_subcommands_for_update)
}

/// `cmd` with `build` deferred, or run now under [`eager`].
fn lazily(cmd: clap::Command, build: fn(clap::Command) -> clap::Command) -> clap::Command {
    if EAGER.load(std::sync::atomic::Ordering::Relaxed) {
        build(cmd)
    } else {
        cmd.defer(build)
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for Lazy<T> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(m).map(Lazy)
    }
    fn from_arg_matches_mut(m: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(m).map(Lazy)
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(m)
    }
    fn update_from_arg_matches_mut(&mut self, m: &mut clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(m)
    }
}

impl<T: Args> Args for Lazy<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
    fn augment_args(cmd: clap::Command) -> clap::Command {
        lazily(cmd, deferred_args::<T>)
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        lazily(cmd, deferred_args_for_update::<T>)
    }
}

impl<T: Subcommand> Subcommand for Lazy<T> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        lazily(cmd, deferred_subcommands::<T>)
    }
    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        lazily(cmd, deferred_subcommands_for_update::<T>)
    }
    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
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
    Status(Lazy<crate::cli::status::StatusArgs>),
    /// HD wallets: create, import, list, show, balance, fees, backends, sync, tokens,
    /// export, reveal.
    #[command(subcommand)]
    Wallet(Lazy<WalletCmd>),
    /// Addresses: new, list, label, show, validate.
    #[command(subcommand)]
    Addr(Lazy<AddrCmd>),
    /// Sign a message with the key of one of your addresses: BIP-322 (Bitcoin segwit
    /// and taproot), the legacy format (P2PKH), EIP-191 or EIP-712 (Ethereum). Needs the
    /// PIN.
    ///
    /// Examples:
    ///   coffer sign-message --address bc1q… "I control this address"
    ///   coffer sign-message --address 0x… "hello"
    ///   coffer sign-message --address 0x… --typed-data permit.json --json
    #[command(verbatim_doc_comment)]
    SignMessage(Lazy<crate::cli::message::SignArgs>),
    /// Verify a signed message (no vault needed): exit 0 when valid, 5 when not.
    ///
    /// Examples:
    ///   coffer verify-message --address bc1q… --signature AkgwRQ… "I control this address"
    ///   coffer verify-message --address 0x… --signature 0x… "hello"
    #[command(verbatim_doc_comment)]
    VerifyMessage(Lazy<crate::cli::message::VerifyArgs>),
    /// Coin control (Bitcoin): list the unspent coins, freeze or unfreeze coins and
    /// addresses.
    #[command(subcommand)]
    Utxo(Lazy<crate::cli::utxo::UtxoCmd>),
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
    Send(Lazy<Box<SendArgs>>),
    /// The transactions: filters, pages, one in full, labels, categories, notes.
    ///
    /// Examples:
    ///   coffer history
    ///   coffer history --currency BTC --type receive --since 30d
    ///   coffer history --min 0.1 --limit 20 --json
    ///   coffer history show 42
    ///   coffer history label 42 "rent March"
    #[command(verbatim_doc_comment)]
    History(Lazy<Box<HistoryArgs>>),
    /// BIP-329 labels: export and import (Sparrow and other wallets read them).
    ///
    /// Examples:
    ///   coffer labels export --out labels.jsonl
    ///   coffer labels import sparrow-labels.jsonl
    #[command(subcommand, verbatim_doc_comment)]
    Labels(Lazy<LabelsCmd>),
    /// Encrypted backups: create, list, verify.
    #[command(subcommand)]
    Backup(Lazy<BackupCmd>),
    /// Restore a vault from a backup (as a new user), a wallet from its words, or merge a
    /// partial backup.
    #[command(subcommand)]
    Restore(Lazy<crate::cli::backup::RestoreCmd>),
    /// Exchange rates: list, set, import, history, convert.
    ///
    /// Examples:
    ///   coffer rates set BTC/USD 97000.12
    ///   coffer rates set BTC/EUR 89000 --at 2026-01-31
    ///   coffer rates import rates.csv        (rows: time,pair,rate)
    ///   coffer rates convert 0.5 BTC EUR
    #[command(subcommand, verbatim_doc_comment)]
    Rates(Lazy<RatesCmd>),
    /// Supported assets, whether the vault holds them, and their current rate.
    Currencies,
    /// Settings: the preferred fiat currency.
    #[command(subcommand)]
    Config(Lazy<ConfigCmd>),
    /// Show an address to be paid at (payment URI, QR code), or import an incoming
    /// transaction.
    Receive(Lazy<ReceiveArgs>),
    /// Security: the audit trail, settings and limits, the PIN, two-factor codes, the
    /// password, the vault key, the recovery code, and password recovery.
    #[command(subcommand)]
    Security(Lazy<SecurityCmd>),
    /// Print a shell completion script.
    Completions(Lazy<CompletionsArgs>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        eager().debug_assert();
    }

    /// Every command path of `cmd`, the root's first.
    fn paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        for sc in cmd.get_subcommands() {
            let mut p = prefix.clone();
            p.push(sc.get_name().to_string());
            paths(sc, p, out);
        }
    }

    /// The tree parsed from is built lazily (only the invoked command's part), yet every
    /// help screen, short and long, and every usage error reads as from the tree built
    /// at once; and the lazy parts are not built until asked.
    #[test]
    fn the_lazy_tree_shows_what_the_whole_one_does() {
        let mut all = vec![];
        let mut whole = eager();
        whole.build();
        paths(&whole, vec![], &mut all);
        assert!(all.len() > 100, "{}", all.len());
        for path in &all {
            for tail in [
                &["--help"][..],
                &["-h"],
                &["--no-such-flag"],
                &["--version"],
            ] {
                let args: Vec<&str> = std::iter::once("coffer")
                    .chain(path.iter().map(String::as_str))
                    .chain(tail.iter().copied())
                    .collect();
                let render = |cmd: clap::Command| match cmd.try_get_matches_from(&args) {
                    Ok(_) => "parsed".to_string(),
                    Err(e) => format!("{:?}: {}", e.kind(), e.render()),
                };
                assert_eq!(render(Cli::command()), render(eager()), "{args:?}");
            }
        }
        let lazy = Cli::command();
        let mut unbuilt = 0;
        for sc in lazy.get_subcommands() {
            if ["register", "login"].contains(&sc.get_name()) {
                continue;
            }
            assert_eq!(sc.get_arguments().count(), 0, "{}", sc.get_name());
            assert_eq!(sc.get_subcommands().count(), 0, "{}", sc.get_name());
            unbuilt += 1;
        }
        assert!(unbuilt >= 20, "{unbuilt}");
        let built = whole.find_subcommand("wallet").unwrap();
        assert!(built.get_subcommands().count() > 5);
    }
}
