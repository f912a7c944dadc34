//! `coffer wallet`: HD wallets (one BIP-39 seed with a Bitcoin and/or an EVM account):
//! `create`, `list`, `show`, `reveal`.

use crate::chain::btc::{self, Account, ScriptType};
use crate::chain::{Chain, Network, eth};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::fsio;
use crate::vault::wallets::{self, AccountRow, WalletRow};
use bitcoin::secp256k1::Secp256k1;
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use std::path::PathBuf;
use zeroize::Zeroizing;

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
    CreateMultisig(crate::commands::multisig::CreateArgs),
    /// Rename a wallet.
    Rename(RenameArgs),
    /// Archive a wallet: hidden from lists, kept in the vault.
    Archive(NameArg),
    /// Confirmed, pending and total balance per wallet and currency.
    Balance(crate::commands::balance::BalanceArgs),
    /// Fee rates of the levels slow, normal and fast (sat/vB), per network.
    ///
    /// Examples:
    ///   coffer wallet fees
    ///   coffer wallet fees set slow=2 normal=5 fast=10
    ///   coffer wallet fees set normal=1.5 --network regtest
    ///   coffer wallet fees targets slow=144 normal=6 fast=2   # blocks asked of the node
    #[command(verbatim_doc_comment)]
    Fees(crate::commands::fees::FeesArgs),
    /// Chain backends: the Bitcoin Core node of each Bitcoin network, and the JSON-RPC
    /// endpoint of each EVM chain.
    #[command(subcommand)]
    Backend(crate::commands::backend::BackendCmd),
    /// Read what the backends know: Bitcoin, new blocks and the mempool from the node
    /// (transactions, confirmations, reorganisations); EVM, balances, token balances,
    /// nonces, transfers and receipts.
    Sync(crate::commands::backend::SyncArgs),
    /// ERC-20 tokens: add, list, remove.
    #[command(subcommand)]
    Token(crate::commands::backend::TokenCmd),
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
    pub script_type: crate::commands::multisig::MultiScript,
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

fn parse_words(s: &str) -> std::result::Result<usize, String> {
    match s {
        "12" => Ok(12),
        "24" => Ok(24),
        _ => Err("a new mnemonic has 12 or 24 words".into()),
    }
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

/// An account as shown, with its first receiving address.
#[derive(Debug, Serialize)]
pub struct AccountView {
    #[serde(flatten)]
    account: AccountRow,
    /// The first receiving address (index 0).
    pub first_address: String,
}

/// A wallet as shown by `create` and `show`.
#[derive(Serialize)]
pub struct WalletView {
    /// Name.
    pub name: String,
    /// `hot` or `watch_only`.
    pub kind: String,
    /// Whether the wallet is archived (hidden from lists).
    pub archived: bool,
    /// Chains with an account.
    pub chains: Vec<String>,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Addresses derived so far.
    pub addresses: i64,
    /// The accounts.
    pub accounts: Vec<AccountView>,
    /// How the keys come from the words and passphrase: `bip39` (as every BIP-39
    /// wallet derives them), `legacy` (a wallet made before coffer normalised
    /// passphrases whose passphrase normalisation changes: see `seed_warning`); null for
    /// watch-only wallets.
    pub seed_derivation: Option<&'static str>,
    /// With `legacy`: what it means and what to do (move the funds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed_warning: Option<String>,
    /// The mnemonic: only from `create --reveal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mnemonic: Option<String>,
    /// What to do to see the mnemonic, when it is not shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

impl std::fmt::Debug for WalletView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WalletView")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// What `wallet show` says of a seed derived the old way (see `SeedDerivation::Legacy`).
const LEGACY_SEED_WARNING: &str = "this wallet was created before coffer normalised BIP-39 \
     passphrases (NFKD): its passphrase has characters that normalisation changes, so its \
     keys differ from what BIP-39 derives from its words and passphrase, and other wallets \
     (and `coffer restore wallet`) would restore a different, empty wallet. coffer keeps \
     deriving it the old way, so its funds stay spendable here: move them to a new wallet \
     (`coffer wallet create NEW`, then send everything to it with `coffer send --max`) and \
     back up the new wallet's words. Wallets without a passphrase, or with an ASCII one, are \
     not affected.";

fn view(
    conn: &rusqlite::Connection,
    w: WalletRow,
    mnemonic: Option<String>,
    notice: Option<String>,
) -> Result<WalletView> {
    let secret = wallets::secret(conn, w.id)?;
    let legacy = secret.as_ref().is_some_and(|s| s.nonstandard_seed());
    let seed_derivation = secret
        .as_ref()
        .map(|_| if legacy { "legacy" } else { "bip39" });
    let accounts = w
        .accounts
        .into_iter()
        .map(|a| {
            let first_address = first_address(&a)?;
            Ok(AccountView {
                account: a,
                first_address,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(WalletView {
        name: w.name,
        kind: w.kind,
        archived: w.archived,
        chains: accounts.iter().map(|a| a.account.chain.clone()).collect(),
        created_at: clock::rfc3339(w.created_at),
        addresses: w.addresses,
        accounts,
        seed_derivation,
        seed_warning: legacy.then(|| LEGACY_SEED_WARNING.to_string()),
        mnemonic,
        notice,
    })
}

fn first_address(a: &AccountRow) -> Result<String> {
    Ok(a.addresses(0, 0, 1)?.remove(0))
}

impl Report for WalletView {
    fn human(&self, out: &mut Human) {
        if let Some(m) = &self.mnemonic {
            out.line("Mnemonic (shown once; write it down and keep it offline):");
            out.line(format!("    {m}"));
            out.line("");
        }
        out.kv("Wallet", &self.name);
        out.kv("Kind", &self.kind);
        out.kv("Created", &self.created_at);
        out.kv("Addresses", self.addresses.to_string());
        if let Some(d) = self.seed_derivation {
            out.kv(
                "Seed",
                if d == "legacy" {
                    "legacy derivation (passphrase not normalised)"
                } else {
                    "BIP-39"
                },
            );
        }
        if let Some(w) = &self.seed_warning {
            out.line(format!("warning: {w}"));
        }
        for a in &self.accounts {
            let acc = &a.account;
            out.line("");
            match acc.chain.as_str() {
                "btc" => {
                    out.kv(
                        "Bitcoin",
                        format!(
                            "{} ({})",
                            acc.network.as_deref().unwrap_or("?"),
                            acc.script_type.as_deref().unwrap_or("?")
                        ),
                    );
                }
                _ => out.kv("Ethereum/EVM", "BIP-44 m/44'/60'/account'/0/i"),
            }
            out.kv("Fingerprint", acc.fingerprint.as_deref().unwrap_or("-"));
            out.kv("Path", acc.path.as_deref().unwrap_or("-"));
            out.kv("Account xpub", acc.xpub.as_deref().unwrap_or("-"));
            if let Some(d) = &acc.external_descriptor {
                out.kv("Receive descriptor", d);
            }
            if let Some(d) = &acc.internal_descriptor {
                out.kv("Change descriptor", d);
            }
            out.kv("First address", &a.first_address);
        }
        if let Some(n) = &self.notice {
            out.line("");
            out.line(n);
        }
    }
}

/// Runs `coffer wallet create`.
pub fn create(ctx: &Ctx, args: CreateArgs) -> Result<WalletView> {
    wallets::validate_name(&args.name)?;
    if matches!(
        args.seed.script_type,
        ScriptType::Legacy | ScriptType::NestedSegwit
    ) {
        return Err(Error::invalid(
            "script_type",
            "new wallets are segwit or taproot; legacy and nested segwit are for imports",
        ));
    }
    let chains = unique(&args.seed.chains);
    let unlocked = ctx.unlock()?;
    let interactive = ctx.input.interactive && ctx.out.for_people();
    if ctx.input.interactive {
        // Before a prompt: a name already taken is refused before the user types (else
        // the write below checks it: one decryption).
        wallets::ensure_name_free(&unlocked.vault.read()?, &args.name)?;
    }
    let passphrase = passphrase(ctx, &args.seed)?;
    let entropy = Zeroizing::new(fsio::random_bytes::<32>());
    let len = if args.words == 24 { 32 } else { 16 };
    let mnemonic = bip39::Mnemonic::from_entropy(&entropy[..len])
        .map_err(|e| anyhow::anyhow!("mnemonic: {e}"))?;
    let phrase = Zeroizing::new(mnemonic.to_string());
    if interactive {
        crate::secret::confirm_mnemonic(&phrase)?;
    }
    let accounts = derive_accounts(
        &mnemonic,
        passphrase.as_ref().map(|p| p.expose_secret()).unwrap_or(""),
        &chains,
        &args.seed,
    )?;
    let now = clock::now();
    let (mnemonic_out, notice) = if args.reveal {
        (Some(phrase.to_string()), None)
    } else if interactive {
        (None, None)
    } else {
        (
            None,
            Some(format!(
                "the mnemonic is not shown; see it with `coffer wallet reveal {}`",
                args.name
            )),
        )
    };
    unlocked.vault.write(|conn| {
        let secret = wallets::NewSecret { mnemonic: &phrase, passphrase: passphrase.as_ref().map(|p| p.expose_secret()), derivation: wallets::SeedDerivation::Bip39 };
        wallets::ensure_name_free(conn, &args.name)?;
        wallets::ensure_not_duplicate(conn, &accounts, args.seed.allow_duplicate)?;
        let id = wallets::insert(conn, &args.name, Some(secret), &accounts, now)?;
        wallets::set_birth(conn, id, now)?;
        let details = serde_json::json!({ "wallet": args.name, "chains": chains, "words": args.words, "passphrase": passphrase.is_some() });
        audit::record(conn, &Event::new("wallet_create", Severity::Info, true, details))?;
        view(conn, wallets::get(conn, &args.name)?, mnemonic_out, notice)
    })
}

fn passphrase(ctx: &Ctx, args: &SeedArgs) -> Result<Option<SecretString>> {
    if let Some(f) = &args.passphrase_file {
        let text = Zeroizing::new(std::fs::read_to_string(f).map_err(|e| {
            Error::invalid(
                "passphrase_file",
                format!("cannot read {}: {e}", f.display()),
            )
        })?);
        let line = text
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        return Ok(Some(SecretString::from(line)));
    }
    if !args.passphrase {
        return Ok(None);
    }
    if !ctx.input.interactive {
        return Err(Error::InputRequired {
            what: "a BIP-39 passphrase".into(),
            hint: "pass --passphrase-file FILE".into(),
        });
    }
    let p = dialoguer::Password::new()
        .with_prompt("BIP-39 passphrase")
        .with_confirmation(
            "Repeat to confirm",
            "the two entries do not match, try again",
        )
        .interact()
        .map_err(|e| Error::Usage(format!("prompt failed: {e}")))?;
    Ok(Some(SecretString::from(p)))
}

/// The stored form of a Bitcoin account.
fn btc_row(w: &btc::WatchAccount, network: Network, account: u32) -> Result<AccountRow> {
    let (ext, int) = w.descriptors()?;
    Ok(AccountRow {
        id: 0,
        chain: "btc".into(),
        network: Some(network.name().into()),
        script_type: Some(serde_plain(w.script)),
        account_index: account,
        fingerprint: w.origin.as_ref().map(|(fp, _)| fp.clone()),
        path: w.origin.as_ref().map(|(_, p)| format!("m/{p}")),
        xpub: Some(w.xpub.to_string()),
        external_descriptor: Some(ext),
        internal_descriptor: Some(int),
        address: None,
    })
}

/// Derives the accounts of a seed on the chosen chains.
pub fn derive_accounts(
    mnemonic: &bip39::Mnemonic,
    passphrase: &str,
    chains: &[Chain],
    args: &SeedArgs,
) -> Result<Vec<AccountRow>> {
    let secp = Secp256k1::new();
    let seed = btc::seed(mnemonic, passphrase);
    let mut out = vec![];
    for chain in chains {
        match chain {
            Chain::Btc => {
                let master = btc::master(&seed[..], args.network)?;
                let acct =
                    Account::derive(&secp, &master, args.script_type, args.network, args.account)?;
                out.push(btc_row(&acct.watch(), args.network, args.account)?);
            }
            Chain::Eth => {
                let master = btc::master(&seed[..], Network::Bitcoin)?;
                let path = eth::account_path(args.account)?;
                let xprv = master
                    .derive_priv(&secp, &path)
                    .map_err(|e| anyhow::anyhow!("derivation: {e}"))?;
                out.push(AccountRow {
                    id: 0,
                    chain: "eth".into(),
                    network: None,
                    script_type: None,
                    account_index: args.account,
                    fingerprint: Some(master.fingerprint(&secp).to_string()),
                    path: Some(format!("m/{path}")),
                    xpub: Some(bitcoin::bip32::Xpub::from_priv(&secp, &xprv).to_string()),
                    external_descriptor: None,
                    internal_descriptor: None,
                    address: None,
                });
            }
        }
    }
    Ok(out)
}

fn serde_plain<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn unique(chains: &[Chain]) -> Vec<Chain> {
    let mut out = vec![];
    for c in chains {
        if !out.contains(c) {
            out.push(*c);
        }
    }
    out
}

/// Runs `coffer wallet import` from a mnemonic (a hot wallet).
pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<WalletView> {
    wallets::validate_name(&args.name)?;
    let chains = unique(&args.seed.chains);
    let unlocked = ctx.unlock()?;
    if !args.mnemonic_stdin && args.mnemonic_file.is_none() {
        let accounts = watch_only_accounts(&args)?;
        // The name is checked, and the answer read, in the write's transaction: one
        // decryption.
        return unlocked.vault.write(|conn| {
            wallets::ensure_name_free(conn, &args.name)?;
            wallets::ensure_not_duplicate(conn, &accounts, args.seed.allow_duplicate)?;
            wallets::insert(conn, &args.name, None, &accounts, clock::now())?;
            let chains: Vec<&str> = accounts.iter().map(|a| a.chain.as_str()).collect();
            let details =
                serde_json::json!({ "wallet": args.name, "chains": chains, "from": "watch_only" });
            audit::record(
                conn,
                &Event::new("wallet_import", Severity::Info, true, details),
            )?;
            view(conn, wallets::get(conn, &args.name)?, None, None)
        });
    }
    if ctx.input.interactive {
        // Before a prompt: a name already taken is refused before the user types.
        wallets::ensure_name_free(&unlocked.vault.read()?, &args.name)?;
    }
    let raw = Zeroizing::new(match &args.mnemonic_file {
        Some(f) => std::fs::read_to_string(f).map_err(|e| {
            Error::invalid("mnemonic_file", format!("cannot read {}: {e}", f.display()))
        })?,
        None => {
            let mut buf = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf).map_err(|e| {
                Error::invalid("mnemonic", format!("cannot read standard input: {e}"))
            })?;
            buf
        }
    });
    let words = Zeroizing::new(
        raw.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    );
    let mnemonic = btc::parse_mnemonic(&words)?;
    let phrase = Zeroizing::new(mnemonic.to_string());
    let passphrase = passphrase(ctx, &args.seed)?;
    let pass = passphrase.as_ref().map(|p| p.expose_secret());
    let accounts = derive_accounts(&mnemonic, pass.unwrap_or(""), &chains, &args.seed)?;
    unlocked.vault.write(|conn| {
        let secret = wallets::NewSecret { mnemonic: &phrase, passphrase: pass, derivation: wallets::SeedDerivation::Bip39 };
        wallets::ensure_name_free(conn, &args.name)?;
        wallets::ensure_not_duplicate(conn, &accounts, args.seed.allow_duplicate)?;
        wallets::insert(conn, &args.name, Some(secret), &accounts, clock::now())?;
        let details = serde_json::json!({ "wallet": args.name, "chains": chains, "from": "mnemonic", "passphrase": pass.is_some() });
        audit::record(conn, &Event::new("wallet_import", Severity::Info, true, details))?;
        view(conn, wallets::get(conn, &args.name)?, None, None)
    })
}

/// The accounts of a watch-only import (descriptor, xpub or export file).
fn watch_only_accounts(args: &ImportArgs) -> Result<Vec<AccountRow>> {
    let network = args.seed.network;
    let account = args.seed.account;
    if let Some(f) = &args.watch_only_file {
        return read_export(f);
    }
    if let Some(a) = &args.eth_address {
        return Ok(vec![eth_address_row(a)?]);
    }
    let watch = if let Some(x) = &args.xpub {
        let (xpub, script) = btc::parse_any_xpub(x, args.seed.script_type)?;
        btc::WatchAccount {
            origin: None,
            xpub,
            script,
        }
    } else {
        if let Some(first) = args.descriptor.first()
            && crate::commands::multisig::is_multisig(first)
        {
            if args.descriptor.len() > 2 {
                return Err(Error::invalid(
                    "descriptor",
                    "give the receive (/0/*) and, optionally, the change (/1/*) descriptor",
                ));
            }
            return Ok(vec![crate::commands::multisig::watch_row(
                first,
                args.descriptor.get(1).map(String::as_str),
                network,
            )?]);
        }
        let parsed = args
            .descriptor
            .iter()
            .map(|d| btc::parse_descriptor(d))
            .collect::<Result<Vec<_>>>()?;
        let (first, _) = &parsed[0];
        if parsed.len() > 2
            || parsed.iter().any(|(w, _)| {
                w.xpub != first.xpub || w.script != first.script || w.origin != first.origin
            })
        {
            return Err(Error::invalid(
                "descriptor",
                "give one account: its receive (/0/*) and change (/1/*) descriptors over the same key",
            ));
        }
        if parsed.len() == 2 && parsed[0].1 == parsed[1].1 {
            return Err(Error::invalid(
                "descriptor",
                "the two descriptors must be the receive (/0/*) and change (/1/*) branches",
            ));
        }
        first.clone()
    };
    btc::check_key_network(&watch.xpub, network)?;
    Ok(vec![btc_row(&watch, network, account)?])
}

/// A single-address watch-only EVM account.
fn eth_address_row(address: &str) -> Result<AccountRow> {
    let info = eth::validate_address(address)?;
    Ok(AccountRow {
        id: 0,
        chain: "eth".into(),
        network: None,
        script_type: None,
        account_index: 0,
        fingerprint: None,
        path: None,
        xpub: None,
        external_descriptor: None,
        internal_descriptor: None,
        address: Some(info.checksummed),
    })
}

/// The watch-only export format (`wallet export --watch-only`).
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct WatchOnlyExport {
    /// Always `coffer-watch-only`.
    pub format: String,
    /// Format version (1).
    pub version: u32,
    /// The wallet's name where it was exported.
    pub name: String,
    /// The accounts: public keys and descriptors only.
    pub accounts: Vec<AccountRow>,
}

fn read_export(path: &std::path::Path) -> Result<Vec<AccountRow>> {
    let bad = |why: String| Error::invalid("watch_only_file", why);
    let bytes =
        std::fs::read(path).map_err(|e| bad(format!("cannot read {}: {e}", path.display())))?;
    let export: WatchOnlyExport = serde_json::from_slice(&bytes)
        .map_err(|e| bad(format!("not a coffer watch-only export: {e}")))?;
    if export.format != "coffer-watch-only" || export.version != 1 {
        return Err(bad(format!(
            "unsupported format {} version {}",
            export.format, export.version
        )));
    }
    export
        .accounts
        .into_iter()
        .map(|a| {
            if let (None, Some(addr)) = (&a.xpub, &a.address) {
                return eth_address_row(addr);
            }
            if a.script_type
                .as_deref()
                .is_some_and(|s| s.starts_with("multisig"))
            {
                let network: Network = a.network.as_deref().unwrap_or("bitcoin").parse()?;
                let ext = a
                    .external_descriptor
                    .as_deref()
                    .ok_or_else(|| bad("a multisig account has no descriptor".into()))?;
                return crate::commands::multisig::watch_row(
                    ext,
                    a.internal_descriptor.as_deref(),
                    network,
                );
            }
            let xpub = btc::parse_xpub(a.xpub.as_deref().unwrap_or_default())?;
            if a.chain == "eth" {
                return Ok(AccountRow {
                    id: 0,
                    chain: "eth".into(),
                    network: None,
                    script_type: None,
                    account_index: a.account_index,
                    fingerprint: a.fingerprint,
                    path: a.path,
                    xpub: Some(xpub.to_string()),
                    external_descriptor: None,
                    internal_descriptor: None,
                    address: None,
                });
            }
            let ext = a
                .external_descriptor
                .as_deref()
                .ok_or_else(|| bad("a Bitcoin account has no descriptor".into()))?;
            let (watch, _) = btc::parse_descriptor(ext)?;
            if watch.xpub != xpub {
                return Err(bad(
                    "the descriptor and the xpub of an account differ".into()
                ));
            }
            let network: Network = a.network.as_deref().unwrap_or("bitcoin").parse()?;
            btc::check_key_network(&watch.xpub, network)?;
            let row = btc_row(&watch, network, a.account_index)?;
            if a.internal_descriptor.is_some() && a.internal_descriptor != row.internal_descriptor {
                return Err(bad(
                    "the change descriptor does not belong to the receive descriptor".into(),
                ));
            }
            Ok(row)
        })
        .collect()
}

/// The result of `wallet export --watch-only`.
#[derive(Debug, Serialize)]
pub struct Exported {
    /// Where the export was written (with `--out`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written_to: Option<String>,
    /// The export itself.
    pub export: WatchOnlyExport,
}

impl Report for Exported {
    fn human(&self, out: &mut Human) {
        match &self.written_to {
            Some(p) => out.line(format!(
                "Watch-only export of {} written to {p}",
                self.export.name
            )),
            None => {
                out.raw(&(serde_json::to_string_pretty(&self.export).unwrap_or_default() + "\n"))
            }
        }
    }
}

/// Runs `coffer wallet export --watch-only`: public keys and descriptors, nothing secret.
pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<Exported> {
    let unlocked = ctx.unlock()?;
    // The wallet is read in the write's transaction: one decryption.
    let w = unlocked.vault.write_light(|c| {
        let w = wallets::get(c, &args.name)?;
        audit::record(
            c,
            &Event::new(
                "wallet_exported",
                Severity::Info,
                true,
                serde_json::json!({ "wallet": w.name, "watch_only": true, "file": args.out.as_ref().map(|p| p.display().to_string()) }),
            ),
        )?;
        Ok(w)
    })?;
    let export = WatchOnlyExport {
        format: "coffer-watch-only".into(),
        version: 1,
        name: w.name.clone(),
        accounts: w.accounts,
    };
    let written_to = match &args.out {
        Some(p) => {
            let json = serde_json::to_vec_pretty(&export).map_err(|e| anyhow::anyhow!("{e}"))?;
            crate::vault::fsio::write_private(p, &json).map_err(|e| {
                Error::invalid("out", format!("cannot write {}: {e:#}", p.display()))
            })?;
            Some(p.display().to_string())
        }
        None => None,
    };
    Ok(Exported { written_to, export })
}

/// Runs `coffer wallet rename`.
pub fn rename(ctx: &Ctx, args: RenameArgs) -> Result<WalletView> {
    wallets::validate_name(&args.new)?;
    let unlocked = ctx.unlock()?;
    unlocked.vault.write(|conn| {
        wallets::rename(conn, &args.old, &args.new)?;
        let details = serde_json::json!({ "from": args.old, "to": args.new });
        audit::record(
            conn,
            &Event::new("wallet_rename", Severity::Info, true, details),
        )?;
        // Read in the write's transaction: one decryption.
        view(conn, wallets::get(conn, &args.new)?, None, None)
    })
}

/// Runs `coffer wallet archive`: hidden from lists, kept in the vault.
pub fn archive(ctx: &Ctx, args: NameArg) -> Result<WalletView> {
    let unlocked = ctx.unlock()?;
    unlocked.vault.write(|conn| {
        wallets::set_archived(conn, &args.name, true)?;
        audit::record(
            conn,
            &Event::new(
                "wallet_archive",
                Severity::Info,
                true,
                serde_json::json!({ "wallet": args.name }),
            ),
        )?;
        view(conn, wallets::get(conn, &args.name)?, None, None)
    })
}

/// The result of `wallet list`.
#[derive(Debug, Serialize)]
pub struct WalletList {
    /// The wallets, by name.
    pub items: Vec<WalletView>,
    /// How many.
    pub total: usize,
}

impl Report for WalletList {
    fn human(&self, out: &mut Human) {
        if self.items.is_empty() {
            out.line("No wallets yet; create one with `coffer wallet create NAME`.");
            return;
        }
        let rows = self
            .items
            .iter()
            .map(|w| {
                let btc = w.accounts.iter().find(|a| a.account.chain == "btc");
                vec![
                    w.name.clone(),
                    w.kind.clone(),
                    w.chains.join(","),
                    btc.and_then(|a| a.account.network.clone())
                        .unwrap_or_else(|| "-".into()),
                    btc.and_then(|a| a.account.script_type.clone())
                        .unwrap_or_else(|| "-".into()),
                    w.addresses.to_string(),
                    w.created_at.clone(),
                ]
            })
            .collect();
        out.table(
            &[
                "name",
                "kind",
                "chains",
                "network",
                "script",
                "addresses",
                "created",
            ],
            rows,
        );
    }
}

/// Runs `coffer wallet list`.
pub fn list(ctx: &Ctx) -> Result<WalletList> {
    let conn = ctx.unlock()?.vault.read()?;
    let items = wallets::list(&conn)?
        .into_iter()
        .map(|w| view(&conn, w, None, None))
        .collect::<Result<Vec<_>>>()?;
    Ok(WalletList {
        total: items.len(),
        items,
    })
}

/// Runs `coffer wallet show`.
pub fn show(ctx: &Ctx, args: NameArg) -> Result<WalletView> {
    let conn = ctx.unlock()?.vault.read()?;
    view(&conn, wallets::get(&conn, &args.name)?, None, None)
}

/// The result of `wallet reveal`.
#[derive(Serialize)]
pub struct Revealed {
    /// The wallet.
    pub wallet: String,
    /// The BIP-39 mnemonic.
    pub mnemonic: String,
    /// Whether a BIP-39 passphrase is set (it is not shown).
    pub has_passphrase: bool,
}

impl std::fmt::Debug for Revealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Revealed")
            .field("wallet", &self.wallet)
            .field("mnemonic", &"[REDACTED]")
            .finish()
    }
}

impl Report for Revealed {
    fn human(&self, out: &mut Human) {
        out.line(format!("Mnemonic of {}:", self.wallet));
        out.line(format!("    {}", self.mnemonic));
        if self.has_passphrase {
            out.line("A BIP-39 passphrase is set: the words alone do not restore this wallet.");
        }
    }
}

/// Runs `coffer wallet reveal`: PIN first, then the words; both outcomes are audited.
pub fn reveal(ctx: &Ctx, args: RevealArgs) -> Result<Revealed> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let w = wallets::get(&conn, &args.name)?;
    let Some(secret) = wallets::secret(&conn, w.id)? else {
        return Err(Error::invalid(
            "wallet",
            format!("'{}' is watch-only: it has no mnemonic", w.name),
        ));
    };
    let action = serde_json::json!({ "wallet": w.name, "action": "reveal" });
    if coffer_core::policy::level_high(&conn)? {
        // Level high: the PIN and, with 2FA on, a code.
        super::gate::strict(
            ctx,
            &unlocked.vault,
            args.pin_file.as_deref(),
            args.totp_code.as_deref(),
            action,
        )?;
    } else {
        super::gate::pin(ctx, &unlocked.vault, args.pin_file.as_deref(), action)?;
    }
    unlocked.vault.write_light(|c| {
        let details = serde_json::json!({ "wallet": w.name });
        audit::record(
            c,
            &Event::new("mnemonic_revealed", Severity::Medium, true, details),
        )
    })?;
    Ok(Revealed {
        wallet: w.name,
        mnemonic: secret.mnemonic.to_string(),
        has_passphrase: secret.passphrase.is_some(),
    })
}
