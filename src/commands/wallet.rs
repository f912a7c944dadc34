//! `coffer wallet`: HD wallets (one BIP-39 seed with a Bitcoin and/or an EVM account):
//! `create`, `list`, `show`, `reveal`.

use crate::chain::btc::ScriptType;
use crate::chain::{Chain, Network};
use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::wallets::{self, AccountRow};
use coffer_core::accounts::{self, Derivation, Hot, Multisig, WatchSource};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

pub use coffer_core::accounts::{AccountView, WalletList, WalletView, WatchOnlyExport};

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

impl SeedArgs {
    /// How the accounts derive.
    pub fn derivation(&self) -> Derivation {
        Derivation {
            network: self.network,
            script_type: self.script_type,
            account: self.account,
        }
    }
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

/// Runs `coffer wallet create`.
pub fn create(ctx: &Ctx, args: CreateArgs) -> Result<WalletView> {
    wallets::validate_name(&args.name)?;
    accounts::check_new_script_type(args.seed.script_type)?;
    let chains = accounts::unique(&args.seed.chains);
    let unlocked = ctx.unlock()?;
    let interactive = ctx.input.interactive && ctx.out.for_people();
    if ctx.input.interactive {
        // Before a prompt: a name already taken is refused before the user types (else
        // the write below checks it: one decryption).
        wallets::ensure_name_free(&unlocked.vault.read()?, &args.name)?;
    }
    let passphrase = passphrase(ctx, &args.seed)?;
    let mnemonic = accounts::new_mnemonic(args.words)?;
    let phrase = Zeroizing::new(mnemonic.to_string());
    if interactive {
        crate::secret::confirm_mnemonic(&phrase)?;
    }
    let pass = passphrase.as_ref().map(|p| p.expose_secret());
    let derived = accounts::derive_accounts(
        &mnemonic,
        pass.unwrap_or(""),
        &chains,
        &args.seed.derivation(),
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
    let hot = Hot {
        name: &args.name,
        mnemonic: &phrase,
        passphrase: pass,
        accounts: &derived,
        chains: &chains,
        allow_duplicate: args.seed.allow_duplicate,
    };
    unlocked.vault.write(|conn| {
        let w = accounts::create(conn, &hot, args.words, now)?;
        accounts::view(conn, w, mnemonic_out, notice)
    })
}

/// The BIP-39 passphrase: the first line of `--passphrase-file`, else with
/// `--passphrase` asked twice on a terminal, else none.
pub(crate) fn passphrase(ctx: &Ctx, args: &SeedArgs) -> Result<Option<SecretString>> {
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

/// The mnemonic's text: from `file`, else standard input.
pub(crate) fn read_mnemonic(file: Option<&Path>) -> Result<Zeroizing<String>> {
    Ok(Zeroizing::new(match file {
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
    }))
}

/// A mnemonic import's secrets, read (file, standard input, prompt) and derived.
pub(crate) struct HotInput {
    phrase: Zeroizing<String>,
    passphrase: Option<SecretString>,
    accounts: Vec<AccountRow>,
    chains: Vec<Chain>,
}

impl HotInput {
    /// Reads the words and the passphrase and derives the accounts on `seed.chains`.
    pub(crate) fn read(ctx: &Ctx, file: Option<&Path>, seed: &SeedArgs) -> Result<Self> {
        let chains = accounts::unique(&seed.chains);
        let raw = read_mnemonic(file)?;
        let mnemonic = accounts::parse_mnemonic(&raw)?;
        let phrase = Zeroizing::new(mnemonic.to_string());
        let passphrase = passphrase(ctx, seed)?;
        let pass = passphrase.as_ref().map(|p| p.expose_secret()).unwrap_or("");
        let accounts = accounts::derive_accounts(&mnemonic, pass, &chains, &seed.derivation())?;
        Ok(HotInput {
            phrase,
            passphrase,
            accounts,
            chains,
        })
    }

    /// The wallet to store, named `name`.
    pub(crate) fn hot<'a>(&'a self, name: &'a str, allow_duplicate: bool) -> Hot<'a> {
        Hot {
            name,
            mnemonic: &self.phrase,
            passphrase: self.passphrase.as_ref().map(|p| p.expose_secret()),
            accounts: &self.accounts,
            chains: &self.chains,
            allow_duplicate,
        }
    }
}

/// Multisig descriptors, as the `multisig` command reads them.
pub(crate) const MULTISIG: Multisig = Multisig {
    is: crate::commands::multisig::is_multisig,
    row: crate::commands::multisig::watch_row,
};

/// Runs `coffer wallet import` from a mnemonic (a hot wallet).
pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<WalletView> {
    wallets::validate_name(&args.name)?;
    let unlocked = ctx.unlock()?;
    if !args.mnemonic_stdin && args.mnemonic_file.is_none() {
        let source = WatchSource {
            file: args.watch_only_file.as_deref(),
            eth_address: args.eth_address.as_deref(),
            xpub: args.xpub.as_deref(),
            descriptors: &args.descriptor,
        };
        let rows = accounts::watch_only_accounts(&source, &args.seed.derivation(), MULTISIG)?;
        // The name is checked, and the answer read, in the write's transaction: one
        // decryption.
        return unlocked.vault.write(|conn| {
            let w =
                accounts::import_watch_only(conn, &args.name, &rows, args.seed.allow_duplicate)?;
            accounts::view(conn, w, None, None)
        });
    }
    if ctx.input.interactive {
        // Before a prompt: a name already taken is refused before the user types.
        wallets::ensure_name_free(&unlocked.vault.read()?, &args.name)?;
    }
    let input = HotInput::read(ctx, args.mnemonic_file.as_deref(), &args.seed)?;
    let hot = input.hot(&args.name, args.seed.allow_duplicate);
    unlocked.vault.write(|conn| {
        let w = accounts::import(conn, &hot)?;
        accounts::view(conn, w, None, None)
    })
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

/// Runs `coffer wallet export --watch-only`: public keys and descriptors, nothing secret.
pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<Exported> {
    let unlocked = ctx.unlock()?;
    // The wallet is read in the write's transaction: one decryption.
    let file = args.out.as_ref().map(|p| p.display().to_string());
    let export = unlocked
        .vault
        .write_light(|c| accounts::export(c, &args.name, file))?;
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
        // Read in the write's transaction: one decryption.
        let w = accounts::rename(conn, &args.old, &args.new)?;
        accounts::view(conn, w, None, None)
    })
}

/// Runs `coffer wallet archive`: hidden from lists, kept in the vault.
pub fn archive(ctx: &Ctx, args: NameArg) -> Result<WalletView> {
    let unlocked = ctx.unlock()?;
    unlocked.vault.write(|conn| {
        let w = accounts::archive(conn, &args.name)?;
        accounts::view(conn, w, None, None)
    })
}

/// Runs `coffer wallet list`.
pub fn list(ctx: &Ctx) -> Result<WalletList> {
    let conn = ctx.unlock()?.vault.read()?;
    accounts::list(&conn)
}

/// Runs `coffer wallet show`.
pub fn show(ctx: &Ctx, args: NameArg) -> Result<WalletView> {
    let conn = ctx.unlock()?.vault.read()?;
    accounts::view(&conn, wallets::get(&conn, &args.name)?, None, None)
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

/// Runs `coffer wallet reveal`: PIN first (at level high with 2FA on, a code too), then
/// the words; both outcomes are audited. One snapshot (the wallet, the PIN asked), then
/// one write that checks the PIN and the code, audits and reads the words.
pub fn reveal(ctx: &Ctx, args: RevealArgs) -> Result<Revealed> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    let conn = vault.read()?;
    // A watch-only wallet is refused before the PIN is asked.
    accounts::secret_of(&conn, &args.name)?;
    let high = coffer_core::policy::level_high(&conn)?;
    let (pin_file, totp_code) = (args.pin_file.as_deref(), args.totp_code.as_deref());
    let asked = super::gate::ask(ctx, vault, &conn, pin_file, totp_code, high)?;
    drop(conn);
    let (w, secret) = vault.write_light(|c| {
        let (w, secret) = accounts::secret_of(c, &args.name)?;
        let action = serde_json::json!({ "wallet": w.name, "action": "reveal" });
        // Level high: the PIN and, with 2FA on, a code.
        let high = coffer_core::policy::level_high(c)?;
        if let Some(refused) = asked.check(c, action, high)? {
            return Ok(Err(refused));
        }
        accounts::record_reveal(c, &w.name)?;
        Ok(Ok((w, secret)))
    })??;
    Ok(Revealed {
        wallet: w.name,
        mnemonic: secret.mnemonic.to_string(),
        has_passphrase: secret.passphrase.is_some(),
    })
}
