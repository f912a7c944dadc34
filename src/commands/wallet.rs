//! `coffer wallet`: HD wallets (one BIP-39 seed with a Bitcoin and/or an EVM account):
//! `create`, `list`, `show`, `reveal`.

use crate::clock;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::vault::wallets::{self};
use coffer_core::accounts::{self, Hot, HotSeed, Multisig, WatchSource};
use secrecy::ExposeSecret;
use serde::Serialize;
use std::path::Path;
use zeroize::Zeroizing;

use crate::cli::wallet::{
    CreateArgs, ExportArgs, ImportArgs, NameArg, RenameArgs, RevealArgs, SeedArgs,
};
pub use coffer_core::accounts::{AccountView, WalletList, WalletView, WatchOnlyExport};

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
    let passphrase = crate::secret::passphrase(
        &ctx.input,
        args.seed.passphrase_file.as_deref(),
        args.seed.passphrase,
    )?;
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

/// A mnemonic import's secrets, read (file, standard input, prompt; the words checked
/// before the passphrase is asked for) and derived on `seed.chains`.
pub(crate) fn read_hot(ctx: &Ctx, file: Option<&Path>, seed: &SeedArgs) -> Result<HotSeed> {
    let mnemonic = accounts::parse_mnemonic(&crate::secret::read_mnemonic(file)?)?;
    let passphrase =
        crate::secret::passphrase(&ctx.input, seed.passphrase_file.as_deref(), seed.passphrase)?;
    HotSeed::derive(&mnemonic, passphrase, &seed.chains, &seed.derivation())
}

/// Multisig descriptors, as the `multisig` command reads them.
pub(crate) const MULTISIG: Multisig = Multisig {
    is: coffer_core::multisig::is_multisig,
    row: coffer_core::multisig::watch_row,
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
    let input = read_hot(ctx, args.mnemonic_file.as_deref(), &args.seed)?;
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
    let asked = crate::prompt::ask_gate(ctx, vault, &conn, pin_file, totp_code, high)?;
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
