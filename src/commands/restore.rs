//! `coffer restore wallet`: a wallet recreated from its BIP-39 phrase into the unlocked
//! vault, with the first `--gap-limit` addresses derived; EVM balances are read when a
//! backend is set, Bitcoin ones need a sync.

use crate::backups::restore::{self, RestoredAccount};
use crate::chain::{Chain, btc};
use crate::commands::backend::{self, SyncArgs};
use crate::commands::wallet::{self, ImportArgs, SeedArgs};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::sync::SyncReport;
use crate::vault::wallets;
use serde::Serialize;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Arguments of `restore wallet`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("phrase").required(true).args(["mnemonic_stdin", "mnemonic_file"]))]
pub struct RestoreWalletArgs {
    /// The wallet's name in this vault.
    pub name: String,
    #[command(flatten)]
    pub seed: SeedArgs,
    /// Read the BIP-39 mnemonic from standard input.
    #[arg(long)]
    pub mnemonic_stdin: bool,
    /// Read the BIP-39 mnemonic from FILE.
    #[arg(long, value_name = "FILE")]
    pub mnemonic_file: Option<PathBuf>,
    /// Receive (and change) addresses to derive per account (1-1000).
    #[arg(long, default_value_t = 20)]
    pub gap_limit: u32,
    /// Show the first addresses; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

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

impl Report for RestoredWallet {
    fn human(&self, out: &mut Human) {
        if self.dry_run {
            out.line("Dry run: nothing was written.");
        }
        out.kv("Wallet", &self.wallet);
        for a in &self.accounts {
            out.kv(
                &format!("{} {}", a.chain, a.path),
                a.first_addresses.first().cloned().unwrap_or_default(),
            );
        }
        if let Some(s) = &self.synced {
            s.human(out);
        }
        if let Some(n) = &self.next {
            out.line(n);
        }
        if let Some(w) = &self.already_in_vault {
            out.line(format!(
                "These keys are already wallet '{w}' of this vault: use it; restoring them again \
                 is refused (unless --allow-duplicate)."
            ));
        }
    }
}

/// Runs `coffer restore wallet`.
pub fn restore_wallet(ctx: &Ctx, args: RestoreWalletArgs) -> Result<RestoredWallet> {
    if !(1..=1000).contains(&args.gap_limit) {
        return Err(Error::invalid("gap_limit", "must be between 1 and 1000"));
    }
    let unlocked = ctx.unlock()?;
    if args.dry_run {
        let phrase = Zeroizing::new(match &args.mnemonic_file {
            Some(f) => std::fs::read_to_string(f).map_err(|e| {
                Error::invalid("mnemonic_file", format!("cannot read {}: {e}", f.display()))
            })?,
            None => {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| {
                    Error::invalid("mnemonic", format!("cannot read standard input: {e}"))
                })?;
                s
            }
        });
        let m = btc::parse_mnemonic(phrase.trim())?;
        let passphrase = match &args.seed.passphrase_file {
            Some(f) => Zeroizing::new(
                std::fs::read_to_string(f)
                    .map_err(|e| {
                        Error::invalid(
                            "passphrase_file",
                            format!("cannot read {}: {e}", f.display()),
                        )
                    })?
                    .trim_end_matches(['\n', '\r'])
                    .to_string(),
            ),
            None => Zeroizing::new(String::new()),
        };
        let seed = btc::seed(&m, &passphrase);
        let accounts = restore::preview_accounts(
            &seed[..],
            &args.seed.chains,
            args.seed.network,
            args.seed.script_type,
            args.seed.account,
            args.gap_limit.min(5),
        )?;
        let chains: Vec<Chain> = args.seed.chains.clone();
        let rows = wallet::derive_accounts(&m, &passphrase, &chains, &args.seed)?;
        let already_in_vault = wallets::duplicate_of(&unlocked.vault.read()?, &rows)?.map(|d| d.0);
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
    wallet::import(
        ctx,
        ImportArgs {
            name: args.name.clone(),
            seed: args.seed.clone(),
            mnemonic_stdin: args.mnemonic_stdin,
            mnemonic_file: args.mnemonic_file.clone(),
            descriptor: vec![],
            xpub: None,
            eth_address: None,
            watch_only_file: None,
        },
    )?;
    let conn = unlocked.vault.read()?;
    let w = wallets::get(&conn, &args.name)?;
    unlocked
        .vault
        .write(|c| restore::derive_gap(c, &w, args.gap_limit))?;
    let accounts = restore::restored_accounts(&w, args.gap_limit.min(5))?;
    let has_eth = w.accounts.iter().any(|a| a.chain == "eth");
    let eth_backends = crate::vault::backends::list(&conn)?
        .iter()
        .any(|b| b.chain == "eth");
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
    let next = w.accounts.iter().any(|a| a.chain == "btc").then(|| {
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
