//! `coffer send --chain eth`: ether and ERC-20 payments as EIP-1559 transactions with
//! EIP-155 chain ids; with a backend the nonce, fees and gas come from it and the signed
//! transaction is broadcast; without one they must be given. `--unsigned-out` writes a
//! JSON request that `send sign` signs on the offline machine and `send broadcast` sends.
//!
//! Glue over `coffer_core::pay::eth`: plan (core) -> review, confirmation and PIN (here)
//! -> commit (core, the PIN checked in its write) -> broadcast after the commit (core).

use crate::chain::eth::rpc::Rpc;
use crate::cli::send::{PayArgs, SignOpts};
use crate::commands::send::write_file;
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::{txs, wallets};
use coffer_core::pay::eth::{self, Commit, Gate, Replacing};
use std::path::Path;

pub use coffer_core::pay::eth::{EthReview, EthSent, ReplaceFees, is_request, is_signed_tx};

/// The review shown before signing (`intro`: a first line, for replacements), then
/// the confirmation.
fn confirm_review(
    ctx: &Ctx,
    intro: Option<(&str, String)>,
    review: &EthReview,
    question: &str,
    yes: bool,
) -> Result<()> {
    let mut text = Human::default();
    if let Some((k, v)) = intro {
        text.kv(k, v);
    }
    review.human(&mut text);
    ctx.input.confirm(&text.finish(), question, yes)?;
    crate::output::review_confirmed(yes);
    Ok(())
}

/// The PIN gate checked in the commit's write.
fn pin_gate<'a>(
    pin: &'a secrecy::SecretString,
    wallet: &'a str,
) -> impl Fn(&coffer_core::Db) -> Result<Option<Error>> + 'a {
    move |c| {
        let action = serde_json::json!({ "wallet": wallet, "action": "sign" });
        coffer_core::access::gate::pin_in(c, pin, action)
    }
}

/// Runs `coffer send --chain eth …`.
pub fn pay(ctx: &Ctx, args: PayArgs) -> Result<EthSent> {
    if !args.exclude.is_empty() {
        return Err(Error::Usage(
            "--exclude chooses Bitcoin coins; an Ethereum payment is sent from one address (--from ADDRESS)".into(),
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let (out, sign, wallet) = (args.out.clone(), args.sign.clone(), args.wallet.clone());
    let planned = eth::plan(&conn, wallet.as_deref(), crate::convert::payment(args))?;
    if out.unsigned_out.is_some() || !planned.hot {
        let file = out.unsigned_out.as_ref().map(|p| p.display().to_string());
        let sent = eth::unsigned(&unlocked.vault, planned, file)?;
        if let (Some(p), Some(r)) = (&out.unsigned_out, &sent.request) {
            let json = eth::request_json(r)?;
            write_file(p, &format!("{json}\n"), "unsigned-out")?;
        }
        return Ok(sent);
    }
    let eth::Planned {
        wallet: w,
        account,
        request,
        review,
        rpc,
        ..
    } = planned;
    eth::hold_if_policy(
        &unlocked.vault,
        &conn,
        (&w.name, account.id),
        &request,
        &review,
    )?;
    confirm_review(ctx, None, &review, "Sign this transaction?", sign.yes)?;
    let pin = crate::prompt::ask_pin(ctx, &conn, sign.pin_file.as_deref())?;
    let gate = pin_gate(&pin, &w.name);
    sign_and_send(
        &unlocked,
        &conn,
        Commit {
            wallet: &w,
            account: &account,
            request: &request,
            broadcast: false,
            review,
            replacing: None,
            approval: None,
        },
        rpc.as_ref().filter(|_| !out.no_broadcast),
        out.raw_out.as_deref(),
        Some(&gate),
    )
}

/// Commits (core: sign, record, the gate checked in the same write), then broadcasts
/// after the commit when a backend is given, then writes `raw_out`.
fn sign_and_send(
    unlocked: &Unlocked,
    conn: &coffer_core::Db,
    commit: Commit<'_>,
    rpc: Option<&Rpc>,
    raw_out: Option<&Path>,
    gate: Option<Gate<'_>>,
) -> Result<EthSent> {
    let (account, name, replacing) = (commit.account, &commit.wallet.name, commit.replacing);
    let commit = Commit {
        broadcast: rpc.is_some(),
        ..commit
    };
    let signed = eth::commit(&unlocked.vault, conn, commit, gate)?;
    if let Some(r) = rpc {
        crate::commands::send::fault("after-commit");
        eth::broadcast_recorded(&unlocked.vault, account, name, r, &signed, replacing)?;
    }
    if let (Some(p), Some(raw)) = (raw_out, &signed.sent.raw) {
        write_file(p, &format!("{raw}\n"), "raw-out")?;
    }
    Ok(signed.sent)
}

/// `send confirm` of a held EVM send, on `conn` (the snapshot the approval was read
/// from): the review again and the gate asked (the PIN, a 2FA code when on), then one
/// write that checks them and the daily limit, signs, records and closes the approval;
/// the broadcast after it.
pub fn confirm(
    ctx: &Ctx,
    unlocked: &Unlocked,
    conn: &coffer_core::Db,
    a: &coffer_core::policy::Approval,
    args: &crate::cli::approval::ConfirmArgs,
) -> Result<EthSent> {
    let w = wallets::get(conn, &a.wallet)?;
    let account = w.account_for(Some(crate::chain::Chain::Eth))?;
    let request: crate::chain::eth::tx::Request = serde_json::from_str(&a.payload)
        .map_err(|e| anyhow::anyhow!("the held request does not parse: {e}"))?;
    let rpc = crate::sync::eth_rpc(conn, request.chain_id)?;
    let review = EthReview::of(&request);
    confirm_review(ctx, None, &review, "Sign this transaction?", args.yes)?;
    let decimals = request.token.as_ref().map_or(18, |t| u32::from(t.decimals));
    let asked = crate::commands::approval::ask(ctx, unlocked, conn, args)?;
    let dir = &unlocked.vault.paths.dir;
    let gate = |c: &coffer_core::Db| match asked.check(c, a, decimals, false) {
        Ok(refused) => Ok(refused.map(|e| txs::in_dir(e, dir))),
        Err(e) => Err(txs::in_dir(e, dir)),
    };
    sign_and_send(
        unlocked,
        conn,
        Commit {
            wallet: &w,
            account,
            request: &request,
            broadcast: false,
            review,
            replacing: None,
            approval: Some(a),
        },
        rpc.as_ref(),
        args.raw_out.as_deref(),
        Some(&gate),
    )
}

/// `send sign FILE` of an Ethereum request: the sender must be an address of this vault
/// whose path derives to it; review, confirmation and PIN on one snapshot, then one
/// write (core) that checks the PIN, writes the signed raw transaction (hex) and
/// records it as pending.
pub fn sign(
    ctx: &Ctx,
    raw: &[u8],
    file: &Path,
    out: Option<&Path>,
    wallet: Option<&str>,
    opts: &SignOpts,
) -> Result<EthSent> {
    let request = eth::parse_request(raw, file)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let signer = eth::signer_of(&conn, &request, wallet)?;
    let (w, account) = (&signer.0, &signer.1);
    let review = EthReview::of(&request);
    // A request made elsewhere meets the same policy as a send made here.
    eth::hold_if_policy(
        &unlocked.vault,
        &conn,
        (&w.name, account.id),
        &request,
        &review,
    )?;
    confirm_review(ctx, None, &review, "Sign this transaction?", opts.yes)?;
    let pin = crate::prompt::ask_pin(ctx, &conn, opts.pin_file.as_deref())?;
    drop(conn);
    let gate = pin_gate(&pin, &w.name);
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        file.with_file_name(format!("{stem}.signed.txt"))
    });
    eth::sign_request(&unlocked.vault, &signer, &request, review, &out, &gate)
}

/// `send broadcast FILE` of a signed Ethereum transaction: sent with the backend of its
/// chain id, recorded as pending in the wallet it comes from.
pub fn broadcast(ctx: &Ctx, raw: &[u8]) -> Result<EthSent> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    eth::broadcast(&unlocked.vault, &conn, raw)
}

/// `send bump 0xHASH` (the same transaction again with higher fees) and `send cancel-eth
/// 0xHASH` (a zero-value transaction to ourselves): planned on one snapshot (core),
/// reviewed and confirmed here, then signed, recorded and the original marked
/// `replaced` in one write that checks the PIN. `wallet` (`send bump --wallet`): the
/// wallet that sent it, else `not_found`.
pub fn replace(
    ctx: &Ctx,
    hash: &str,
    wallet: Option<&str>,
    fees: &ReplaceFees,
    cancel: bool,
    out: &crate::cli::send::OutOpts,
    sign: &SignOpts,
) -> Result<EthSent> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let eth::Replacement {
        wallet: w,
        account,
        hash,
        request,
        rpc,
    } = eth::plan_replacement(&conn, hash, wallet, fees, cancel)?;
    let review = EthReview::of(&request);
    confirm_review(
        ctx,
        Some((
            if cancel { "Cancel" } else { "Replace" },
            format!("{hash} (nonce {})", request.nonce),
        )),
        &review,
        if cancel {
            "Sign the cancellation?"
        } else {
            "Sign the replacement?"
        },
        sign.yes,
    )?;
    let pin = crate::prompt::ask_pin(ctx, &conn, sign.pin_file.as_deref())?;
    let gate = pin_gate(&pin, &w.name);
    sign_and_send(
        &unlocked,
        &conn,
        Commit {
            wallet: &w,
            account: &account,
            request: &request,
            broadcast: false,
            review,
            replacing: Some(Replacing {
                hash: &hash,
                cancel,
            }),
            approval: None,
        },
        rpc.as_ref().filter(|_| !out.no_broadcast),
        out.raw_out.as_deref(),
        Some(&gate),
    )
}
