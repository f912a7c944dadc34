//! `coffer wallet backend`: the JSON-RPC endpoint of each EVM chain, and `coffer wallet
//! sync`: read balances, token balances, nonces and the receipts of pending transactions
//! from it. Network reads happen before the vault write, so a failing endpoint records
//! nothing.

use crate::chain::btc::rpc::RpcAuth;
use crate::chain::net::{self, Route};
use crate::cli::backend::{BackendChain, BackendCmd, RemoveArgs, SetArgs, SyncArgs, TokenCmd};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::sync::{Progress, SyncOptions, SyncReport};
use coffer_core::backends::{self, NewToken};
pub use coffer_core::backends::{BackendView, Backends, Tested, Tokens};

/// Runs `coffer wallet backend …`.
pub fn run(ctx: &Ctx, cmd: BackendCmd) -> Result<Backends> {
    let unlocked = ctx.unlock()?;
    let vault = &unlocked.vault;
    match cmd {
        BackendCmd::Set(a) => {
            // Checked before any connection.
            let route = Route {
                proxy: a
                    .proxy
                    .as_deref()
                    .map(|p| net::parse_proxy(p).map(|_| p.trim_end_matches('/').to_string()))
                    .transpose()?,
                cert_sha256: a
                    .electrum_cert_sha256
                    .as_deref()
                    .or(a.esplora_cert_sha256.as_deref())
                    .map(net::parse_fingerprint)
                    .transpose()?,
            };
            set(ctx, vault, *a, &route)?;
        }
        BackendCmd::Remove(a) => match a.chain {
            BackendChain::Eth => backends::remove_eth(vault, a.chain_id)?,
            BackendChain::Btc => {
                let network = a.network.ok_or_else(|| {
                    Error::invalid("network", "a Bitcoin backend is named by --network")
                })?;
                backends::remove_btc(vault, network)?;
            }
        },
        BackendCmd::Test(_) => {
            return Err(Error::Usage(
                "internal: backend test is run by backend::test".into(),
            ));
        }
        BackendCmd::List => {}
    }
    backends::list(&vault.read()?)
}

/// `wallet backend set`: the endpoint is checked (reached along `route`) before it is
/// stored.
fn set(ctx: &Ctx, vault: &coffer_core::vault::Vault, a: SetArgs, route: &Route) -> Result<()> {
    match a.chain {
        BackendChain::Eth => {
            let id = a
                .chain_id
                .ok_or_else(|| Error::invalid("chain-id", "an EVM backend needs --chain-id"))?;
            if a.electrum.is_some() || a.esplora.is_some() {
                return Err(Error::invalid(
                    "rpc",
                    "an EVM backend needs --rpc (--electrum and --esplora are for btc)",
                ));
            }
            if let Some(rpc) = a.rpc.as_deref() {
                backends::set_eth(vault, id, rpc, route)?;
            }
            if let Some(url) = a.explorer.as_deref() {
                let key = match &a.explorer_key_file {
                    Some(f) => Some(ctx.input.secret(
                        Some(f),
                        "the explorer API key",
                        "--explorer-key-file FILE",
                        false,
                    )?),
                    None => None,
                };
                let key = key
                    .as_ref()
                    .map(|k| secrecy::ExposeSecret::expose_secret(k).trim().to_string());
                backends::set_eth_explorer(vault, id, url, key.as_deref())?;
            }
        }
        BackendChain::Btc => {
            let network = a
                .network
                .ok_or_else(|| Error::invalid("network", "a Bitcoin backend needs --network"))?;
            if let Some(url) = &a.electrum {
                return backends::set_btc_electrum(vault, network, url, route);
            }
            if let Some(url) = &a.esplora {
                return backends::set_btc_esplora(vault, network, url, route);
            }
            if route.cert_sha256.is_some() {
                return Err(Error::invalid(
                    "electrum-cert-sha256",
                    "a pinned certificate is for an Electrum server (--electrum ssl://…)",
                ));
            }
            let rpc = a.rpc.as_deref().unwrap_or_default();
            let auth = match (&a.rpc_cookie, &a.rpc_user, &a.rpc_password_file) {
                (Some(c), _, _) => {
                    RpcAuth::Cookie(std::path::absolute(c).map_err(|e| {
                        Error::invalid("rpc-cookie", format!("{}: {e}", c.display()))
                    })?)
                }
                (None, Some(u), Some(f)) => {
                    let p = ctx.input.secret(
                        Some(f),
                        "the RPC password",
                        "--rpc-password-file FILE",
                        false,
                    )?;
                    RpcAuth::UserPass(
                        u.clone(),
                        secrecy::ExposeSecret::expose_secret(&p).to_string(),
                    )
                }
                _ => {
                    return Err(Error::invalid(
                        "rpc-cookie",
                        "a Bitcoin node needs --rpc-cookie FILE, or --rpc-user and --rpc-password-file",
                    ));
                }
            };
            backends::set_btc(vault, network, rpc, route, &auth)?;
        }
    }
    Ok(())
}

/// Runs `coffer wallet backend test`.
pub fn test(ctx: &Ctx, a: RemoveArgs) -> Result<Tested> {
    let conn = ctx.unlock()?.vault.read()?;
    match a.chain {
        BackendChain::Btc => {
            let network = a.network.ok_or_else(|| {
                Error::invalid("network", "a Bitcoin backend is named by --network")
            })?;
            backends::test_btc(&conn, network)
        }
        BackendChain::Eth => backends::test_eth(&conn, a.chain_id),
    }
}

/// The sync's progress on a terminal: an indicatif bar (on stderr; hidden under `--json`
/// and when stderr is not a terminal); a note is printed now, above it.
struct Bar(indicatif::ProgressBar, crate::output::Output);

impl Progress for Bar {
    fn set_length(&self, len: u64) {
        self.0.set_length(len);
    }
    fn inc_length(&self, delta: u64) {
        self.0.inc_length(delta);
    }
    fn set_position(&self, pos: u64) {
        self.0.set_position(pos);
    }
    fn inc(&self, delta: u64) {
        self.0.inc(delta);
    }
    fn set_message(&self, msg: String) {
        self.0.set_message(msg);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
    fn note(&self, msg: String) {
        self.1.note(&self.0, &msg);
    }
}

/// Runs `coffer wallet sync`.
pub fn sync(ctx: &Ctx, args: SyncArgs) -> Result<SyncReport> {
    let out = ctx.out;
    let unlocked = ctx.unlock()?;
    let opts = SyncOptions {
        wallet: args.wallet,
        btc_from_height: args.btc_from_height,
        eth_from_block: args.eth_from_block,
        from_height: args.from_height,
        gap_limit: args.gap_limit,
        for_people: out.for_people(),
    };
    crate::sync::sync(&unlocked.vault, &opts, |any| {
        // A progress bar on a terminal (indicatif draws nothing when stderr is not one):
        // one step per account, and one per block read.
        let progress = if any {
            out.progress()
        } else {
            indicatif::ProgressBar::hidden()
        };
        progress.set_style(
            indicatif::ProgressStyle::with_template("syncing {bar:30} {pos}/{len} blocks {msg}")
                .map_err(|e| anyhow::anyhow!("progress style: {e}"))?,
        );
        Ok(Bar(progress, out))
    })
}

/// Runs `coffer wallet token …`.
///
/// `list` reads one snapshot and `remove` is one write; `add` reads one snapshot (the
/// chain's backend, asked for the contract's metadata with no lock held), then writes
/// once; each answers with the list read in its last transaction.
pub fn token(ctx: &Ctx, cmd: TokenCmd) -> Result<Tokens> {
    let unlocked = ctx.unlock()?;
    match cmd {
        TokenCmd::Add(a) => backends::add_token(
            &unlocked.vault,
            NewToken {
                chain_id: a.chain_id,
                address: a.address,
                symbol: a.symbol,
                decimals: a.decimals,
            },
        ),
        TokenCmd::Remove { chain_id, token } => {
            backends::remove_token(&unlocked.vault, chain_id, &token)
        }
        TokenCmd::List { chain_id } => backends::tokens(&unlocked.vault.read()?, chain_id),
    }
}
