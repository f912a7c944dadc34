//! `coffer restore wallet`: a wallet recreated from its BIP-39 phrase into the unlocked
//! vault, with the first `--gap-limit` addresses derived; EVM balances are read when a
//! backend is set, Bitcoin ones need a sync.

use crate::backups::restore::RestoredAccount;
use crate::cli::backend::SyncArgs;
use crate::cli::restore::RestoreWalletArgs;
use crate::commands::backend;
use crate::commands::wallet::read_hot;
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::sync::SyncReport;
use crate::vault::wallets;
use coffer_core::accounts;
use secrecy::ExposeSecret;
use serde::Serialize;

/// What `restore wallet` did.
#[derive(Debug, Serialize)]
pub struct RestoredWallet {
    /// The wallet.
    pub wallet: String,
    /// True with --dry-run: nothing was written.
    pub dry_run: bool,
    /// Its accounts.
    pub accounts: Vec<RestoredAccount>,
    /// Addresses derived and stored per branch.
    pub gap_limit: u32,
    /// EVM balances read from the backends, if any.
    pub synced: Option<SyncReport>,
    /// What is left to do.
    pub next: Option<String>,
    /// With --dry-run: the wallet of this vault that already holds these keys, if one
    /// (the restore itself would be refused: `duplicate_wallet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub already_in_vault: Option<String>,
}

/// Runs `coffer restore wallet`: the phrase read and derived here (the same way as
/// `wallet import`), the wallet and its first addresses stored in one write (core
/// `accounts::restore`); EVM balances read after it when a backend is set.
pub fn restore_wallet(ctx: &Ctx, args: RestoreWalletArgs) -> Result<RestoredWallet> {
    if !(1..=1000).contains(&args.gap_limit) {
        return Err(Error::invalid("gap_limit", "must be between 1 and 1000"));
    }
    let unlocked = ctx.unlock()?;
    if args.dry_run {
        let phrase = crate::secret::read_mnemonic(args.mnemonic_file.as_deref())?;
        let m = accounts::parse_mnemonic(&phrase)?;
        let passphrase = crate::secret::passphrase(
            &ctx.input,
            args.seed.passphrase_file.as_deref(),
            args.seed.passphrase,
        )?;
        let pass = passphrase.as_ref().map(|p| p.expose_secret()).unwrap_or("");
        let (accounts, already_in_vault) = accounts::preview(
            &unlocked.vault.read()?,
            &m,
            pass,
            &args.seed.chains,
            &args.seed.derivation(),
            args.gap_limit.min(5),
        )?;
        return Ok(RestoredWallet {
            wallet: args.name,
            dry_run: true,
            accounts,
            gap_limit: args.gap_limit,
            synced: None,
            next: None,
            already_in_vault,
        });
    }
    wallets::validate_name(&args.name)?;
    if ctx.input.interactive {
        // Before a prompt: a name already taken is refused before the user types.
        wallets::ensure_name_free(&unlocked.vault.read()?, &args.name)?;
    }
    let input = read_hot(ctx, args.mnemonic_file.as_deref(), &args.seed)?;
    let hot = input.hot(&args.name, args.seed.allow_duplicate);
    // One write: the wallet, its addresses, and whether an EVM backend can read it.
    let (w, accounts, eth_backends) = unlocked.vault.write(|c| {
        let (w, accounts) = accounts::restore(c, &hot, args.gap_limit, args.gap_limit.min(5))?;
        let eth_backends = crate::vault::backends::list(c)?
            .iter()
            .any(|b| b.chain() == crate::chain::Chain::Eth);
        Ok((w, accounts, eth_backends))
    })?;
    let has_eth = w
        .accounts
        .iter()
        .any(|a| a.chain == crate::chain::Chain::Eth);
    let synced = if has_eth && eth_backends {
        Some(backend::sync(
            ctx,
            SyncArgs {
                wallet: Some(args.name.clone()),
                from_height: None,
                btc_from_height: None,
                eth_from_block: None,
                gap_limit: None,
            },
        )?)
    } else {
        None
    };
    let next = w.accounts.iter().any(|a| a.chain == crate::chain::Chain::Btc).then(|| {
        "Bitcoin: the addresses are derived; learn about their funds with `coffer receive import` \
         (or a sync once a Bitcoin backend is set)."
            .to_string()
    });
    Ok(RestoredWallet {
        wallet: args.name,
        dry_run: false,
        accounts,
        gap_limit: args.gap_limit,
        synced,
        next,
        already_in_vault: None,
    })
}
