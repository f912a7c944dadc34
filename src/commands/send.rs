//! `coffer send`: pay from a Bitcoin account (one or many recipients, send-max, fee
//! levels, RBF), with a review, a confirmation and the transaction PIN before signing;
//! `--unsigned-out` (or a watch-only wallet) writes a PSBT instead. `send sign` is the
//! offline signer, `send broadcast` finalizes and extracts, `send bump` replaces a
//! pending transaction with a higher fee.
//!
//! The payment itself is `coffer_core::pay::btc` (plan → authorize → commit): built on
//! a snapshot of the vault, signed inside one vault write after checking that the coins
//! it spends are still unspent (so two sends at once can never sign the same coins
//! twice), broadcast after the commit. Here: the arguments, the prompts (the review's
//! confirmation, the PIN, a 2FA code), and the glue.

use crate::cli::send::{
    AbandonArgs, BroadcastArgs, BumpArgs, CombineArgs, CpfpArgs, OutOpts, PayArgs, SignArgs,
    SignOpts,
};
use crate::commands::{approval, fees};
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::Report as _;
use crate::vault::engine::send as chain_send;
use coffer_core::pay::btc::{self, Abandoned, Broadcast, Combined, Commit, Plan, Sent};
pub(crate) use coffer_core::pay::{fault, write_file};
use coffer_core::policy;
use serde::Serialize;
use std::path::Path;

/// What `send sign` and `send broadcast` did, for either chain.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Done {
    /// Bitcoin.
    Btc(Box<Sent>),
    /// Ethereum.
    Eth(Box<crate::commands::send_eth::EthSent>),
    /// Bitcoin broadcast.
    BtcBroadcast(Broadcast),
}

/// What to do with a plan: write it unsigned, or authorize (the spending policy),
/// review, confirm, ask the PIN, and commit (the PIN checked, signed and recorded in one
/// write), then broadcast. `conn` is the snapshot it was planned on: with it, a payment
/// decrypts the vault twice (that snapshot, and the one write).
#[allow(clippy::too_many_arguments)]
fn finish(
    ctx: &Ctx,
    unlocked: &Unlocked,
    conn: &coffer_core::Db,
    plan: Plan,
    out: &OutOpts,
    opts: &SignOpts,
    note: Option<&str>,
    replaces: Option<String>,
) -> Result<Sent> {
    let vault = &unlocked.vault;
    if out.unsigned_out.is_some() || !plan.hot(conn)? {
        if let Some(p) = &out.unsigned_out {
            btc::write_psbt(p, &plan.psbt, "unsigned-out")?;
        }
        let file = out.unsigned_out.as_ref().map(|p| p.display().to_string());
        return plan.keep_unsigned(vault, file, replaces);
    }
    if replaces.is_none() {
        plan.authorize(vault, conn, note)?;
    }
    ctx.input.confirm(
        &plan.review.human_text(),
        "Sign this transaction?",
        opts.yes,
    )?;
    crate::output::review_confirmed(opts.yes);
    let pin = crate::prompt::ask_pin(ctx, conn, opts.pin_file.as_deref())?;
    let master = btc::master_key(conn, &plan.wallet, plan.network)?;
    let node = btc::node_for(conn, &plan.account, !out.no_broadcast)?;
    let action = serde_json::json!({ "wallet": plan.wallet.name, "action": "sign" });
    let commit = Commit {
        note,
        require_unspent: replaces.is_none(),
        ..Commit::default()
    };
    let sent = btc::sign_and_send(vault, plan, &master, node.as_ref(), commit, replaces, |c| {
        coffer_core::access::gate::pin_in(c, &pin, action)
    })?;
    raw_out(out.raw_out.as_deref(), &sent)?;
    Ok(sent)
}

/// Writes the signed transaction's hex to `--raw-out`, when given.
fn raw_out(path: Option<&Path>, sent: &Sent) -> Result<()> {
    match (path, &sent.hex) {
        (Some(p), Some(hex)) => write_file(p, &format!("{hex}\n"), "raw-out"),
        _ => Ok(()),
    }
}

/// Runs `coffer send` (a payment).
pub fn pay(ctx: &Ctx, args: PayArgs) -> Result<Sent> {
    let mut order = args.order();
    let sources = order.take_uri()?;
    if args.eth.any() {
        return Err(Error::Usage(
            "--chain-id, --token, --max-fee, --priority-fee, --gas-limit and --nonce are for \
             Ethereum: add --chain eth"
                .into(),
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let plan = btc::plan(&conn, args.wallet.as_deref(), &order, sources, |n| {
        fees::resolve(&conn, n, &args.fee)
    })?;
    let note = order.note.as_deref();
    finish(
        ctx, &unlocked, &conn, plan, &args.out, &args.sign, note, None,
    )
}

/// Runs `coffer send combine`.
pub fn combine(ctx: &Ctx, args: CombineArgs) -> Result<Combined> {
    let merged = btc::merge(&args.files)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    btc::combined(&conn, merged, args.wallet.as_deref(), &args.out)
}

/// Runs `coffer send confirm`: a held send, approved. Bitcoin (Ethereum likewise, in
/// `send_eth::confirm`): one snapshot to show it
/// again and ask the PIN (and a 2FA code when on), then one write that checks them and
/// the daily limit, signs, records and closes the approval; the broadcast after it.
pub fn confirm(ctx: &Ctx, args: crate::cli::approval::ConfirmArgs) -> Result<Done> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let a = policy::get(&conn, &args.id)?;
    policy::waiting(&a)?;
    if a.chain == crate::chain::Chain::Eth {
        return crate::commands::send_eth::confirm(ctx, &unlocked, &conn, &a, &args)
            .map(|s| Done::Eth(Box::new(s)));
    }
    let plan = btc::plan_held(&conn, &a)?;
    let review = plan.review.clone();
    ctx.input
        .confirm(&review.human_text(), "Sign this transaction?", args.yes)?;
    crate::output::review_confirmed(args.yes);
    let asked = approval::ask(ctx, &unlocked, &conn, &args)?;
    let master = btc::master_key(&conn, &plan.wallet, plan.network)?;
    let node = btc::node_for(&conn, &plan.account, true)?;
    drop(conn);
    let commit = Commit {
        note: a.note.as_deref(),
        require_unspent: true,
        approval: Some(&a),
        ..Commit::default()
    };
    let mut sent = btc::sign_and_send(
        &unlocked.vault,
        plan,
        &master,
        node.as_ref(),
        commit,
        None,
        |c| asked.check(c, &a, 8, true),
    )?;
    // The review confirmed, as shown.
    sent.review = review;
    raw_out(args.raw_out.as_deref(), &sent)?;
    Ok(Done::Btc(Box::new(sent)))
}

/// Runs `coffer send sign` (a PSBT, or an Ethereum request).
pub fn sign(ctx: &Ctx, args: SignArgs) -> Result<Done> {
    let raw = std::fs::read(&args.file)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", args.file.display())))?;
    if crate::commands::send_eth::is_request(&raw) {
        return crate::commands::send_eth::sign(
            ctx,
            &raw,
            &args.file,
            args.out.as_deref(),
            args.wallet.as_deref(),
            &args.sign,
        )
        .map(|s| Done::Eth(Box::new(s)));
    }
    sign_psbt(ctx, args).map(|s| Done::Btc(Box::new(s)))
}

fn sign_psbt(ctx: &Ctx, args: SignArgs) -> Result<Sent> {
    let psbt = btc::read_psbt(&args.file)?;
    chain_send::refuse_finalized(&psbt)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let plan = btc::plan_signing(&conn, psbt, args.wallet.as_deref())?;
    let master = btc::master_key(&conn, &plan.wallet, plan.network)?;
    // A PSBT made elsewhere meets the same policy as a send made here.
    plan.authorize(&unlocked.vault, &conn, None)?;
    ctx.input.confirm(
        &plan.review.human_text(),
        "Sign this transaction?",
        args.sign.yes,
    )?;
    crate::output::review_confirmed(args.sign.yes);
    let pin = crate::prompt::ask_pin(ctx, &conn, args.sign.pin_file.as_deref())?;
    drop(conn);
    let action = serde_json::json!({ "wallet": plan.wallet.name, "action": "sign" });
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| btc::signed_path(&args.file));
    btc::sign_for_elsewhere(&unlocked.vault, plan, &master, &out, |c| {
        coffer_core::access::gate::pin_in(c, &pin, action)
    })
}

/// Runs `coffer send broadcast` (Bitcoin PSBT or hex, or a signed Ethereum transaction).
pub fn broadcast(ctx: &Ctx, args: BroadcastArgs) -> Result<Done> {
    let raw = read_input(&args.file)?;
    if crate::commands::send_eth::is_signed_tx(&raw) {
        return crate::commands::send_eth::broadcast(ctx, &raw).map(|s| Done::Eth(Box::new(s)));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let b = btc::broadcast(
        &unlocked.vault,
        &conn,
        &raw,
        args.wallet.as_deref(),
        args.no_broadcast,
    )?;
    Ok(Done::BtcBroadcast(b))
}

/// A file's bytes, or standard input for `-`.
fn read_input(file: &Path) -> Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut v = vec![];
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut v)
            .map_err(|e| Error::invalid("file", format!("cannot read standard input: {e}")))?;
        Ok(v)
    } else {
        std::fs::read(file)
            .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", file.display())))
    }
}

/// Runs `coffer send cpfp`.
pub fn cpfp(ctx: &Ctx, args: CpfpArgs) -> Result<Sent> {
    let txid = parse_txid(&args.txid)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let plan = btc::plan_cpfp(&conn, txid, args.wallet.as_deref(), |n| {
        fees::resolve(&conn, n, &args.fee)
    })?;
    let note = format!("CPFP for {txid}");
    finish(
        ctx,
        &unlocked,
        &conn,
        plan,
        &args.out,
        &args.sign,
        Some(&note),
        None,
    )
}

/// Runs `coffer send bump` for a Bitcoin transaction (`txid`, from `args.txid`).
pub fn bump(ctx: &Ctx, txid: bitcoin::Txid, args: &BumpArgs) -> Result<Sent> {
    if args.eth_fees.max_fee.is_some() {
        return Err(Error::Usage(
            "--max-fee and --priority-fee are for Ethereum transactions (0x…)".into(),
        ));
    }
    let fee = args
        .fee
        .clone()
        .ok_or_else(|| Error::Usage("send bump needs --fee RATE|slow|normal|fast".into()))?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let plan = btc::plan_bump(&conn, txid, args.wallet.as_deref(), |n| {
        fees::resolve(&conn, n, &fee)
    })?;
    let replaces = Some(txid.to_string());
    finish(
        ctx, &unlocked, &conn, plan, &args.out, &args.sign, None, replaces,
    )
}

/// Runs `coffer send abandon`.
pub fn abandon(ctx: &Ctx, args: AbandonArgs) -> Result<Abandoned> {
    if args.txid.trim().starts_with("0x") {
        return Err(Error::invalid(
            "txid",
            "send abandon is for Bitcoin transactions; an Ethereum one is dropped with \
             `send cancel-eth`",
        ));
    }
    let txid = parse_txid(&args.txid)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    btc::abandon(&unlocked.vault, conn, txid)
}

/// A Bitcoin transaction id given on the command line.
fn parse_txid(text: &str) -> Result<bitcoin::Txid> {
    text.trim()
        .parse()
        .map_err(|_| Error::invalid("txid", format!("'{text}' is not a transaction id")))
}
