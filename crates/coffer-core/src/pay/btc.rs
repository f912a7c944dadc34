//! Bitcoin payments. Plan: the recipients as typed (addresses, amounts, a BIP-21 URI,
//! coin control), the build (coin selection through [`crate::vault::engine::send`]) and its
//! review, on a snapshot of the vault; a CPFP child or an RBF replacement likewise.
//! Authorize: the spending policy, which holds a send for `send confirm`. Commit: one
//! vault write that runs the caller's gate (PIN, 2FA), re-checks that the coins are
//! unspent, signs, records the transaction as pending (and not yet broadcast) and audits
//! it; the broadcast follows with no lock held. Also: PSBT files (read, combine, sign
//! here for elsewhere), `send broadcast` and `send abandon`.

use crate::chain::amount;
use crate::chain::uri::{self, PaymentUri, Source, Sources};
use crate::chain::{Chain, Network, btc};
use crate::clock;
use crate::error::{Error, Result};
use crate::policy::{self, Approval};
use crate::vault::Vault;
use crate::vault::audit::{self, Event, Severity};
use crate::vault::engine::send::{self as btc_send, Payment, Review};
use crate::vault::engine::{BtcWallet, account_network};
use crate::vault::txs;
use crate::vault::wallets::{self, AccountRow, WalletRow};
use bitcoin::psbt::Psbt;
use bitcoin::{Address, FeeRate, OutPoint, ScriptBuf, Transaction, Txid};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

/// The network's Bitcoin backend: a node, or an Electrum server.
pub type Node = crate::chain::btc::backend::Backend;

/// A payment as asked on the command line, before it is parsed.
#[derive(Debug, Clone, Default)]
pub struct Order {
    /// The recipients: addresses, or one payment URI.
    pub to: Vec<String>,
    /// The amount of each (BTC, or `1500sat`).
    pub amount: Vec<String>,
    /// Everything to the one recipient.
    pub max: bool,
    /// Do not signal replace-by-fee.
    pub no_rbf: bool,
    /// The note for history.
    pub note: Option<String>,
    /// Coin control: spend exactly these (TXID:VOUT).
    pub from: Vec<String>,
    /// Coin control: never these (TXID:VOUT).
    pub exclude: Vec<String>,
    /// The chain named with `--chain`, if any.
    pub chain: Option<Chain>,
}

/// The result of `send`, `send sign`, `send bump`, `send cpfp` and `send confirm`.
#[derive(Debug, Serialize)]
pub struct Sent {
    /// `broadcast` (sent through the network's Bitcoin node or Electrum server),
    /// `signed` (complete, recorded as pending, not sent: no backend, or --no-broadcast), `unsigned` (a PSBT for
    /// an offline signer) or `partially_signed`.
    pub status: &'static str,
    /// The wallet.
    pub wallet: String,
    /// The transaction id (of the unsigned transaction when unsigned: it does not
    /// change when segwit inputs are signed).
    pub txid: String,
    /// The signed raw transaction (hex), when complete.
    pub hex: Option<String>,
    /// The PSBT (base64): the unsigned one, or the signed one from `send sign`.
    pub psbt: Option<String>,
    /// The file written (PSBT), if any.
    pub file: Option<String>,
    /// Whether it went out through the network's Bitcoin node or Electrum server.
    pub broadcast: bool,
    /// The transaction this one replaces (`send bump`).
    pub replaces: Option<String>,
    /// The review that was confirmed.
    pub review: Review,
}

/// `send combine` output.
#[derive(Debug, Serialize)]
pub struct Combined {
    /// The wallet.
    pub wallet: String,
    /// The transaction id.
    pub txid: String,
    /// The merged PSBT written.
    pub file: String,
    /// The merged PSBT (base64).
    pub psbt: String,
    /// Multisig: signatures present and needed.
    pub signatures: Option<btc_send::Signatures>,
    /// Whether enough have signed for `send broadcast`.
    pub complete: bool,
}

/// The result of `send broadcast`.
#[derive(Debug, Serialize)]
pub struct Broadcast {
    /// The transaction id.
    pub txid: String,
    /// The raw transaction (hex).
    pub hex: String,
    /// Whether it went out through the network's Bitcoin node or Electrum server.
    pub broadcast: bool,
    /// The wallets it was recorded in.
    pub recorded_in: Vec<String>,
    /// Virtual size (vbytes).
    pub vsize: u64,
}

/// What `send abandon` did.
#[derive(Debug, Serialize)]
pub struct Abandoned {
    /// The wallet.
    pub wallet: String,
    /// The transaction abandoned.
    pub txid: String,
    /// Every transaction now `abandoned`: it, then the unconfirmed transactions of the
    /// wallet that spent its outputs.
    pub abandoned: Vec<String>,
    /// The coins (`txid:vout`) spendable again.
    pub released: Vec<String>,
    /// Whether the network's node or Electrum server was asked (and does not hold it in
    /// its mempool).
    pub node_checked: bool,
}

/// The Bitcoin backend (node or Electrum server) of `account`'s network, if one is set
/// (and broadcasting is wanted).
pub fn node_for(conn: &Connection, account: &AccountRow, wanted: bool) -> Result<Option<Node>> {
    if !wanted {
        return Ok(None);
    }
    crate::sync::btc_backend(conn, account_network(account)?)
}

/// Sends `tx` through the backend; its refusal is its reason (exit 7).
fn send_to_node(node: &Node, tx: &Transaction) -> Result<()> {
    use crate::chain::btc::backend::SendFailure;
    node.broadcast(tx).map_err(|e| match e {
        SendFailure::Refused(e) | SendFailure::Unreachable(e) => e,
    })
}

/// Parses `--from`/`--exclude` outpoints.
pub fn outpoints(list: &[String], field: &'static str) -> Result<Vec<OutPoint>> {
    list.iter()
        .map(|s| {
            OutPoint::from_str(s.trim()).map_err(|_| {
                Error::invalid(
                    field,
                    format!(
                        "'{}' is not a coin: give TXID:VOUT (see `coffer utxo list`)",
                        s.trim()
                    ),
                )
            })
        })
        .collect()
}

/// The coins of `bw` whose outpoint or address is in `frozen`.
pub fn frozen_outpoints(bw: &BtcWallet<'_>, frozen: &BTreeSet<String>) -> Vec<OutPoint> {
    if frozen.is_empty() {
        return vec![];
    }
    bw.inner
        .list_unspent()
        .filter(|u| {
            frozen.contains(&u.outpoint.to_string())
                || frozen.contains(
                    &bw.inner
                        .peek_address(u.keychain, u.derivation_index)
                        .address
                        .to_string(),
                )
        })
        .map(|u| u.outpoint)
        .collect()
}

/// The Bitcoin account of a wallet.
pub fn btc_account(w: &WalletRow) -> Result<&AccountRow> {
    w.accounts
        .iter()
        .find(|a| a.chain == crate::chain::Chain::Btc)
        .ok_or_else(|| {
            Error::invalid(
                "wallet",
                format!("wallet '{}' has no Bitcoin account", w.name),
            )
        })
}

impl Order {
    /// A payment URI given as the one `--to` of a Bitcoin payment (BIP-21): its address,
    /// amount and label take the place of `--to`, `--amount` (which, if given too, must
    /// be equal) and `--note` (which wins); the review says where each came from.
    pub fn take_uri(&mut self) -> Result<Option<Sources>> {
        let mut found = None;
        for to in &self.to {
            match uri::parse(to) {
                None => {}
                Some(Err(e)) => return Err(e),
                Some(Ok(PaymentUri::Ethereum(_))) => {
                    if self.chain != Some(Chain::Btc) {
                        return Err(Error::invalid(
                            "to",
                            "that is an Ethereum payment URI (ethereum:…); pass --chain eth",
                        ));
                    }
                    return Err(Error::invalid(
                        "to",
                        "that is an Ethereum payment URI (ethereum:…), not a Bitcoin one",
                    ));
                }
                Some(Ok(PaymentUri::Bitcoin(b))) => found = Some((to.trim().to_string(), b)),
            }
        }
        let Some((given, b)) = found else {
            return Ok(None);
        };
        if self.to.len() != 1 {
            return Err(Error::invalid(
                "to",
                "a payment URI pays one recipient: give it as the only --to (a batch takes addresses, each with its --amount)",
            ));
        }
        self.to = vec![b.address.clone()];
        let amount = match (b.amount_sat, self.amount.as_slice(), self.max) {
            (Some(sat), _, true) => {
                return Err(Error::invalid(
                    "max",
                    format!(
                        "the URI asks for {} BTC; --max would send everything instead: leave one out",
                        amount::format_btc(sat)
                    ),
                ));
            }
            (Some(sat), [], false) => {
                self.amount = vec![format!("{sat}sat")];
                Source::Uri
            }
            (Some(sat), [a], false) => {
                let given = amount::parse_btc(a, "amount")?;
                if given != sat {
                    return Err(Error::invalid(
                        "amount",
                        format!(
                            "--amount {} BTC differs from the URI's amount {} BTC: leave one out, or make them agree",
                            amount::format_btc(given),
                            amount::format_btc(sat)
                        ),
                    ));
                }
                Source::UriAndCommandLine
            }
            (None, [], false) => {
                return Err(Error::invalid(
                    "amount",
                    "the URI names no amount: give --amount (or --max)",
                ));
            }
            (None, _, _) => Source::CommandLine,
            (Some(_), _, false) => {
                return Err(Error::invalid(
                    "amount",
                    "a URI pays one recipient: give at most one --amount",
                ));
            }
        };
        let uri_label = b.label.filter(|l| !l.trim().is_empty());
        let label = match (&self.note, uri_label) {
            (Some(_), _) => Some(Source::CommandLine),
            (None, Some(l)) => {
                self.note = Some(l);
                Some(Source::Uri)
            }
            (None, None) => None,
        };
        Ok(Some(Sources {
            uri: given,
            recipient: Source::Uri,
            amount,
            label,
            message: b.message,
            chain_id: None,
            token: None,
        }))
    }

    /// Parses the recipients for `network`; `fee` resolves the rate, last: a mistyped
    /// address or amount is told before any notice about the node's fee estimate.
    pub fn payment(
        &self,
        network: Network,
        fee: impl FnOnce() -> Result<FeeRate>,
    ) -> Result<Payment> {
        if self.to.is_empty() {
            return Err(Error::Usage(
                "send needs --to ADDRESS and --amount A (or --max), or a subcommand".into(),
            ));
        }
        let parse_to = |s: &str| -> Result<Address> {
            btc::validate_address(s, Some(network)).map_err(|e| match e {
                Error::InvalidInput { message, .. } => {
                    Error::invalid("to", format!("'{}': {message}", s.trim()))
                }
                e => e,
            })?;
            Address::from_str(s.trim())
                .map_err(|e| Error::invalid("to", format!("'{s}': {e}")))?
                .require_network(network.to_bitcoin())
                .map_err(|_| {
                    Error::invalid("to", format!("'{s}' is not a {} address", network.name()))
                })
        };
        if self.max {
            if self.to.len() != 1 {
                return Err(Error::invalid("max", "--max sends everything to one --to"));
            }
            let sweep_to = Some(parse_to(&self.to[0])?);
            let from = outpoints(&self.from, "from")?;
            let unspendable = outpoints(&self.exclude, "exclude")?;
            return Ok(Payment {
                recipients: vec![],
                sweep_to,
                fee_rate: fee()?,
                rbf: !self.no_rbf,
                from,
                unspendable,
            });
        }
        if self.amount.len() != self.to.len() {
            return Err(Error::invalid(
                "amount",
                format!(
                    "{} --to but {} --amount: give one amount per recipient (or --max)",
                    self.to.len(),
                    self.amount.len()
                ),
            ));
        }
        let mut recipients = vec![];
        for (to, a) in self.to.iter().zip(&self.amount) {
            let address = parse_to(to)?;
            let sat = amount::parse_btc(a, "amount")?;
            let dust = address.script_pubkey().minimal_non_dust().to_sat();
            if sat < dust {
                return Err(Error::invalid(
                    "amount",
                    format!(
                        "{a} to {to} is below the dust limit ({dust} sat for this address type)"
                    ),
                ));
            }
            recipients.push((address, sat));
        }
        let from = outpoints(&self.from, "from")?;
        let unspendable = outpoints(&self.exclude, "exclude")?;
        Ok(Payment {
            recipients,
            sweep_to: None,
            fee_rate: fee()?,
            rbf: !self.no_rbf,
            from,
            unspendable,
        })
    }
}

/// The master key of a hot wallet on `network`.
pub fn master_key(
    conn: &Connection,
    w: &WalletRow,
    network: Network,
) -> Result<bitcoin::bip32::Xpriv> {
    let secret = wallets::secret(conn, w.id)?.ok_or_else(|| {
        Error::invalid(
            "wallet",
            format!(
                "'{}' is watch-only: make a PSBT with --unsigned-out and sign it where the keys are",
                w.name
            ),
        )
    })?;
    btc::master(&secret.seed()?[..], network)
}

/// A transaction built for a wallet, with its review: what is authorized and committed.
#[derive(Debug)]
pub struct Plan {
    /// The wallet.
    pub wallet: WalletRow,
    /// Its Bitcoin account.
    pub account: AccountRow,
    /// The account's network.
    pub network: Network,
    /// The transaction, unsigned.
    pub psbt: Psbt,
    /// Its review.
    pub review: Review,
}

/// Plans a payment from `wallet` (default: the only one) on `conn`, a snapshot: the
/// order parsed, coins selected (frozen ones only when named with `--from`), built and
/// reviewed. `fee` resolves the rate on the account's network.
pub fn plan(
    conn: &Connection,
    wallet: Option<&str>,
    order: &Order,
    sources: Option<Sources>,
    fee: impl FnOnce(Network) -> Result<FeeRate>,
) -> Result<Plan> {
    let w = wallets::resolve(conn, wallet)?;
    let account = btc_account(&w)?.clone();
    let network = account_network(&account)?;
    let mut payment = order.payment(network, || fee(network))?;
    let mut bw = BtcWallet::open(conn, &account)?;
    // Frozen coins are never picked by coin selection; named with --from they are spent.
    let frozen = txs::frozen(conn, account.id)?;
    for op in frozen_outpoints(&bw, &frozen) {
        if !payment.from.contains(&op) {
            payment.unspendable.push(op);
        }
    }
    let psbt = btc_send::build(&mut bw, &payment)?;
    let mut review = btc_send::review(&bw, &psbt)?;
    review.sources = sources;
    drop(bw);
    Ok(Plan {
        wallet: w,
        account,
        network,
        psbt,
        review,
    })
}

/// Plans a transaction built on `txid` (its child, or its replacement) in the wallet
/// that holds it (`which` says how to choose when several do), at the rate `fee`
/// resolves: `build` makes the PSBT from the wallet, the network, the rate and the
/// coins frozen.
fn plan_on(
    conn: &Connection,
    txid: Txid,
    wallet: Option<&str>,
    which: &str,
    fee: impl FnOnce(Network) -> Result<FeeRate>,
    build: impl FnOnce(&mut BtcWallet<'_>, Network, FeeRate, &[bitcoin::OutPoint]) -> Result<Psbt>,
) -> Result<Plan> {
    let (w, account) = cpfp_account(conn, txid, wallet, which)?;
    let network = account_network(&account)?;
    let rate = fee(network)?;
    let mut bw = BtcWallet::open(conn, &account)?;
    let frozen = txs::frozen(conn, account.id)?;
    let frozen = frozen_outpoints(&bw, &frozen);
    let psbt = build(&mut bw, network, rate, &frozen)?;
    let review = btc_send::review(&bw, &psbt)?;
    drop(bw);
    Ok(Plan {
        wallet: w,
        account,
        network,
        psbt,
        review,
    })
}

/// Plans the child that pays for `txid` (`send cpfp`): our output of it spent with a fee
/// that lifts both to the rate `fee` resolves.
pub fn plan_cpfp(
    conn: &Connection,
    txid: Txid,
    wallet: Option<&str>,
    fee: impl FnOnce(Network) -> Result<FeeRate>,
) -> Result<Plan> {
    let which = "choose the one whose output the child spends with --wallet NAME";
    plan_on(
        conn,
        txid,
        wallet,
        which,
        fee,
        |bw, network, rate, frozen| {
            if bw
                .inner
                .get_tx(txid)
                .is_some_and(|t| t.chain_position.is_confirmed())
            {
                return Err(Error::invalid(
                    "txid",
                    format!("{txid} is confirmed: it needs no help"),
                ));
            }
            let package = package_of(conn, bw, network, txid)?;
            btc_send::cpfp(bw, txid, rate, package, frozen)
        },
    )
}

/// Plans the replacement of `txid` (`send bump`) paying the rate `fee` resolves.
pub fn plan_bump(
    conn: &Connection,
    txid: Txid,
    wallet: Option<&str>,
    fee: impl FnOnce(Network) -> Result<FeeRate>,
) -> Result<Plan> {
    let which = "choose the one that paid it with --wallet NAME";
    plan_on(conn, txid, wallet, which, fee, |bw, _, rate, frozen| {
        btc_send::bump(bw, txid, rate, frozen)
    })
}

/// The plan of a held send (`send confirm`): its PSBT, reviewed again.
pub fn plan_held(conn: &Connection, a: &Approval) -> Result<Plan> {
    let w = wallets::get(conn, &a.wallet)?;
    let account = btc_account(&w)?.clone();
    let network = account_network(&account)?;
    let psbt: Psbt = a
        .payload
        .parse()
        .map_err(|e| anyhow::anyhow!("the held PSBT does not parse: {e}"))?;
    let review = {
        let bw = BtcWallet::open(conn, &account)?;
        btc_send::review(&bw, &psbt)?
    };
    Ok(Plan {
        wallet: w,
        account,
        network,
        psbt,
        review,
    })
}

/// The plan of a PSBT made elsewhere (`send sign`): the wallet `name`, else the one
/// whose keys it names; its inputs must be that wallet's and its change derive from its
/// keys.
pub fn plan_signing(conn: &Connection, psbt: Psbt, name: Option<&str>) -> Result<Plan> {
    let w = signer_wallet(conn, &psbt, name)?;
    let account = btc_account(&w)?.clone();
    let network = account_network(&account)?;
    let mut bw = BtcWallet::open(conn, &account)?;
    btc_send::check_ownership(&mut bw, &psbt, &w.name)?;
    let review = btc_send::review(&bw, &psbt)?;
    drop(bw);
    Ok(Plan {
        wallet: w,
        account,
        network,
        psbt,
        review,
    })
}

/// Keeps the change indexes a PSBT uses, so later payments do not reuse them (inside
/// the caller's write).
fn keep_indexes(conn: &Connection, w: &WalletRow, account: &AccountRow, psbt: &Psbt) -> Result<()> {
    let mut bw = BtcWallet::open(conn, account)?;
    btc_send::check_ownership(&mut bw, psbt, &w.name)?;
    bw.save(conn, &[], clock::now_ms())?;
    Ok(())
}

impl Plan {
    /// Whether the wallet holds its keys (else it is watch-only: the PSBT is the result).
    pub fn hot(&self, conn: &Connection) -> Result<bool> {
        Ok(wallets::secret(conn, self.wallet.id)?.is_some())
    }

    /// The plan, not signed: its change indexes kept and `send_built` audited, in one
    /// write. `file` is where the caller wrote the PSBT, if anywhere.
    pub fn keep_unsigned(
        self,
        vault: &Vault,
        file: Option<String>,
        replaces: Option<String>,
    ) -> Result<Sent> {
        let txid = self.psbt.unsigned_tx.compute_txid().to_string();
        vault.write(|c| {
            keep_indexes(c, &self.wallet, &self.account, &self.psbt)?;
            audit::record(
                c,
                &Event::new(
                    "send_built",
                    Severity::Info,
                    true,
                    serde_json::json!({ "wallet": self.wallet.name, "txid": txid, "unsigned": true }),
                ),
            )
        })?;
        Ok(Sent {
            status: "unsigned",
            wallet: self.wallet.name.clone(),
            txid,
            hex: None,
            psbt: Some(self.psbt.to_string()),
            file,
            broadcast: false,
            replaces,
            review: self.review,
        })
    }

    /// The spending policy (limits, new recipients, level high) for a send about to be
    /// signed: when it catches it, the PSBT is held for `send confirm` and the
    /// `approval_required` error returned. `conn` is the snapshot it was planned on.
    pub fn authorize(&self, vault: &Vault, conn: &Connection, note: Option<&str>) -> Result<()> {
        let outgoing = policy::Outgoing {
            asset: crate::chain::asset::Asset::Bitcoin {
                network: self.network,
            },
            amount: u128::from(self.review.total_debited_sat),
            recipients: self
                .review
                .recipients
                .iter()
                .filter(|r| !r.ours)
                .map(|r| r.address.clone())
                .collect(),
        };
        let why = policy::reasons(conn, &outgoing, clock::now())
            .map_err(|e| txs::in_dir(e, &vault.paths.dir))?;
        if why.is_empty() {
            return Ok(());
        }
        let held = policy::Held {
            chain: Chain::Btc,
            wallet: &self.wallet.name,
            outgoing,
            payload: self.psbt.to_string(),
            note,
            chain_id: None,
            account_id: self.account.id,
        };
        // The change indexes kept and the send held, in one write.
        Err(vault.write(|c| {
            keep_indexes(c, &self.wallet, &self.account, &self.psbt)?;
            policy::hold_in(c, &held, why)
        })?)
    }
}

/// What [`sign_and_record`] did.
#[derive(Debug)]
pub struct Recorded {
    /// The PSBT, signed.
    pub psbt: Psbt,
    /// The transaction, when the signatures complete it.
    pub tx: Option<Transaction>,
    /// The review of the signed PSBT (its real fee and size).
    pub review: Review,
}

/// How a plan is committed.
#[derive(Debug, Default)]
pub struct Commit<'a> {
    /// The note for its history row.
    pub note: Option<&'a str>,
    /// Refuse it when one of its coins is no longer unspent (not for a replacement,
    /// which spends the coins of the one it replaces, nor a PSBT signed for elsewhere).
    pub require_unspent: bool,
    /// Recorded as not broadcast yet: the caller broadcasts it after the commit.
    pub to_broadcast: bool,
    /// The held send this signs: closed (`approved`) in the same write.
    pub approval: Option<&'a Approval>,
}

/// Signs `psbt` inside one vault write, after the caller's `gate` (the PIN, a 2FA code,
/// the confirm checks: a refusal it returns as `Ok(Some(error))` is committed, as the
/// count of a wrong PIN, and then given) and after re-checking that its coins are
/// unspent; records the transaction as pending with its note (and, when it is to be
/// broadcast, as not broadcast yet: the broadcast comes after the commit, with no lock
/// held), audits it, and closes the approval it signs.
pub fn sign_and_record(
    vault: &Vault,
    w: &WalletRow,
    account: &AccountRow,
    master: &bitcoin::bip32::Xpriv,
    mut psbt: Psbt,
    c: &Commit<'_>,
    gate: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<Recorded> {
    vault.write(|conn| {
        if let Some(refused) = gate(conn)? {
            return Ok(Err(refused));
        }
        let mut bw = BtcWallet::open(conn, account)?;
        if c.require_unspent {
            for i in &psbt.unsigned_tx.input {
                if bw.inner.get_utxo(i.previous_output).is_none() {
                    return Err(Error::invalid(
                        "transaction",
                        format!(
                            "coin {} is no longer unspent (another send since this one was \
                             built?): nothing was signed; run the command again",
                            i.previous_output
                        ),
                    ));
                }
            }
        }
        btc_send::check_ownership(&mut bw, &psbt, &w.name)?;
        let complete = btc_send::sign(&bw, &mut psbt, master)?;
        let tx = if complete {
            let tx = psbt
                .clone()
                .extract_tx()
                .map_err(|e| Error::invalid("psbt", format!("cannot extract: {e}")))?;
            let txid = tx.compute_txid();
            let now = clock::now_ms();
            bw.apply_tx(tx.clone(), None, (now / 1000) as u64);
            bw.save(conn, &[txid], now)?;
            if let Some(n) = c.note {
                txs::set_note(conn, account.id, &txid.to_string(), n)?;
            }
            if c.to_broadcast {
                txs::mark_unbroadcast(conn, account.id, &txid.to_string())?;
            }
            Some(tx)
        } else {
            bw.save(conn, &[], clock::now_ms())?;
            None
        };
        let review = btc_send::review(&bw, &psbt)?;
        let txid = psbt.unsigned_tx.compute_txid().to_string();
        let details = serde_json::json!({
            "wallet": w.name,
            "txid": txid,
            "complete": complete,
        });
        audit::record(
            conn,
            &Event::new("btc_tx_signed", Severity::Info, true, details),
        )?;
        if let Some(a) = c.approval {
            let txid = tx.as_ref().map_or(txid, |t| t.compute_txid().to_string());
            policy::close(
                conn,
                a,
                policy::Status::Approved,
                serde_json::json!({ "wallet": a.wallet, "txid": txid }),
            )?;
        }
        Ok(Ok(Recorded { psbt, tx, review }))
    })?
}

/// Commits a plan of a hot single-key wallet ([`sign_and_record`]) and then, with no
/// lock held, broadcasts it through `node` ([`broadcast_recorded`]). The review is the
/// signed one, with the plan's sources.
pub fn sign_and_send(
    vault: &Vault,
    plan: Plan,
    master: &bitcoin::bip32::Xpriv,
    node: Option<&Node>,
    c: Commit<'_>,
    replaces: Option<String>,
    gate: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<Sent> {
    let Plan {
        wallet: w,
        account,
        psbt,
        review,
        ..
    } = plan;
    let c = Commit {
        to_broadcast: node.is_some(),
        ..c
    };
    let recorded = sign_and_record(vault, &w, &account, master, psbt, &c, gate)?;
    let tx = recorded
        .tx
        .ok_or_else(|| anyhow::anyhow!("a single-key wallet left its PSBT incomplete"))?;
    // Committed: broadcast now, with no lock held.
    if let Some(n) = node {
        broadcast_recorded(vault, &w, &account, n, &tx, replaces.as_deref())?;
    }
    Ok(Sent {
        status: if node.is_some() {
            "broadcast"
        } else {
            "signed"
        },
        wallet: w.name.clone(),
        txid: tx.compute_txid().to_string(),
        hex: Some(bitcoin::consensus::encode::serialize_hex(&tx)),
        psbt: None,
        file: None,
        broadcast: node.is_some(),
        replaces,
        review: Review {
            sources: review.sources,
            ..recorded.review
        },
    })
}

/// Signs a PSBT made elsewhere (`send sign`) behind the caller's `gate` (the PIN, as in
/// [`sign_and_record`]) and writes it to `out`: signed, or partially signed when more
/// cosigners must sign.
pub fn sign_for_elsewhere(
    vault: &Vault,
    plan: Plan,
    master: &bitcoin::bip32::Xpriv,
    out: &Path,
    gate: impl FnOnce(&Connection) -> Result<Option<Error>>,
) -> Result<Sent> {
    let Recorded {
        psbt: signed,
        tx,
        review: signed_review,
    } = sign_and_record(
        vault,
        &plan.wallet,
        &plan.account,
        master,
        plan.psbt,
        &Commit::default(),
        gate,
    )?;
    write_psbt(out, &signed, "out")?;
    Ok(Sent {
        status: if tx.is_some() {
            "signed"
        } else {
            "partially_signed"
        },
        wallet: plan.wallet.name.clone(),
        txid: signed.unsigned_tx.compute_txid().to_string(),
        hex: tx.map(|t| bitcoin::consensus::encode::serialize_hex(&t)),
        psbt: Some(signed.to_string()),
        file: Some(out.display().to_string()),
        broadcast: false,
        replaces: None,
        review: Review {
            sources: plan.review.sources,
            ..signed_review
        },
    })
}

/// Broadcasts a transaction [`sign_and_record`] committed, with no lock held. A refusal
/// gives the node's reason (exit 7) after one more write: the transaction is recorded
/// `abandoned` (its coins the wallet's again, a replaced one pending again) and the
/// refusal audited.
pub fn broadcast_recorded(
    vault: &Vault,
    w: &WalletRow,
    account: &AccountRow,
    node: &Node,
    tx: &Transaction,
    replaces: Option<&str>,
) -> Result<()> {
    use crate::chain::btc::backend::SendFailure;
    super::fault("after-commit");
    let txid = tx.compute_txid();
    let refused = match node.broadcast(tx) {
        Ok(()) => return Ok(()),
        // Not a refusal: the backend may have it. Recorded and still marked, so the
        // next `wallet sync` sends it (or sees it).
        Err(SendFailure::Unreachable(e)) => {
            return Err(Error::Backend(format!(
                "{e}; {txid} is recorded as pending: `coffer wallet sync` broadcasts it"
            )));
        }
        Err(SendFailure::Refused(e)) => e,
    };
    vault.write(|conn| {
        let mut bw = BtcWallet::open(conn, account)?;
        let now_ms = clock::now_ms();
        let mut touched = bw.abandon(txid, (now_ms / 1000).max(0) as u64);
        touched.extend(replaces.and_then(|r| r.parse::<Txid>().ok()));
        bw.save(conn, &touched, now_ms)?;
        txs::mark_abandoned(conn, account.id, &txid.to_string())?;
        txs::clear_unbroadcast(conn, account.id, &txid.to_string())?;
        audit::record(
            conn,
            &Event::new(
                "btc_tx_refused",
                Severity::Info,
                true,
                serde_json::json!({
                    "wallet": w.name,
                    "txid": txid.to_string(),
                    "reason": refused.to_string(),
                }),
            ),
        )
    })?;
    Err(refused)
}

/// Reads a PSBT file: base64 text or the binary format.
pub fn read_psbt(path: &Path) -> Result<Psbt> {
    let raw = std::fs::read(path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    parse_psbt(&raw).ok_or_else(|| {
        Error::invalid(
            "psbt",
            format!("{} is not a PSBT (base64 or binary)", path.display()),
        )
    })
}

/// A PSBT from its bytes: the binary format, or base64 text.
pub fn parse_psbt(raw: &[u8]) -> Option<Psbt> {
    if raw.starts_with(b"psbt\xff") {
        return Psbt::deserialize(raw).ok();
    }
    let text = std::str::from_utf8(raw).ok()?.trim();
    Psbt::from_str(text).ok()
}

/// Writes a PSBT as base64 text.
pub fn write_psbt(path: &Path, psbt: &Psbt, field: &'static str) -> Result<()> {
    super::write_file(path, &format!("{psbt}\n"), field)
}

/// The default output of `send sign`: FILE with `.signed` before its extension.
pub fn signed_path(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match file.extension() {
        Some(ext) => format!("{stem}.signed.{}", ext.to_string_lossy()),
        None => format!("{stem}.signed.psbt"),
    };
    file.with_file_name(name)
}

/// The wallet `name`, else the hot wallet whose keys a PSBT names (by master
/// fingerprint).
pub fn signer_wallet(conn: &Connection, psbt: &Psbt, name: Option<&str>) -> Result<WalletRow> {
    if let Some(n) = name {
        return wallets::get(conn, n);
    }
    let fps: BTreeSet<String> = psbt
        .inputs
        .iter()
        .flat_map(|i| {
            i.bip32_derivation
                .values()
                .map(|(fp, _)| *fp)
                .chain(i.tap_key_origins.values().map(|(_, (fp, _))| *fp))
        })
        .map(|fp| fp.to_string())
        .collect();
    // The wallets whose scripts the inputs spend (a multisig wallet and the single-key
    // wallet its local key comes from share a fingerprint, not their scripts); else
    // those holding a key the PSBT names.
    let spent: Vec<ScriptBuf> = (0..psbt.inputs.len())
        .filter_map(|i| btc_send::input_utxo(psbt, i).map(|o| o.script_pubkey))
        .collect();
    let all = wallets::list(conn)?;
    let mut found = vec![];
    for w in &all {
        let Ok(account) = btc_account(w) else {
            continue;
        };
        if account.external_descriptor.is_none() || spent.is_empty() {
            continue;
        }
        let bw = BtcWallet::open(conn, account)?;
        if spent.iter().all(|s| bw.inner.is_mine(s.clone())) {
            found.push(w.clone());
        }
    }
    if found.is_empty() {
        found = all
            .into_iter()
            .filter(|w| {
                w.accounts.iter().any(|a| {
                    a.chain == crate::chain::Chain::Btc
                        && a.fingerprint.as_ref().is_some_and(|f| fps.contains(f))
                })
            })
            .collect();
    }
    match found.len() {
        0 => Err(Error::invalid(
            "psbt",
            format!(
                "no wallet of this vault holds its keys (key fingerprints in the PSBT: {})",
                if fps.is_empty() {
                    "none".to_string()
                } else {
                    fps.into_iter().collect::<Vec<_>>().join(", ")
                }
            ),
        )),
        1 => Ok(found.remove(0)),
        _ => Err(Error::Usage(
            "several wallets hold these keys; choose one with --wallet".into(),
        )),
    }
}

/// Reads the PSBT files of `send combine` and merges them (all of one transaction).
pub fn merge(files: &[PathBuf]) -> Result<Psbt> {
    let mut psbts = files
        .iter()
        .map(|f| read_psbt(f))
        .collect::<Result<Vec<_>>>()?;
    let mut merged = psbts.remove(0);
    let txid = merged.unsigned_tx.compute_txid();
    for (p, f) in psbts.into_iter().zip(&files[1..]) {
        if p.unsigned_tx.compute_txid() != txid {
            return Err(Error::invalid(
                "psbt",
                format!(
                    "{} is another transaction ({}, not {txid})",
                    f.display(),
                    p.unsigned_tx.compute_txid()
                ),
            ));
        }
        merged
            .combine(p)
            .map_err(|e| Error::invalid("psbt", format!("cannot merge {}: {e}", f.display())))?;
    }
    Ok(merged)
}

/// `send combine` after [`merge`]: the wallet it spends from (`wallet`, else the one
/// whose coins the inputs are) checks it and counts its signatures; written to `out`.
pub fn combined(
    conn: &Connection,
    merged: Psbt,
    wallet: Option<&str>,
    out: &Path,
) -> Result<Combined> {
    let txid = merged.unsigned_tx.compute_txid();
    let w = signer_wallet(conn, &merged, wallet)?;
    let account = btc_account(&w)?;
    let mut bw = BtcWallet::open(conn, account)?;
    if merged
        .inputs
        .iter()
        .all(|i| i.final_script_witness.is_none() && i.final_script_sig.is_none())
    {
        btc_send::check_ownership(&mut bw, &merged, &w.name)?;
    }
    let signatures = btc_send::signatures(&bw, &merged);
    let complete = match signatures {
        Some(s) => s.missing == 0,
        None => merged.clone().extract_tx().is_ok(),
    };
    write_psbt(out, &merged, "out")?;
    Ok(Combined {
        wallet: w.name.clone(),
        txid: txid.to_string(),
        file: out.display().to_string(),
        psbt: merged.to_string(),
        signatures,
        complete,
    })
}

/// The transaction of `send broadcast`: a PSBT (finalized here with the wallet whose
/// descriptor it spends from) or raw hex; refused while it has unsigned inputs.
fn transaction_of(conn: &Connection, candidates: &[WalletRow], raw: &[u8]) -> Result<Transaction> {
    let tx: Transaction = match parse_psbt(raw) {
        Some(mut psbt) => {
            let finalized = psbt
                .inputs
                .iter()
                .all(|i| i.final_script_witness.is_some() || i.final_script_sig.is_some());
            if !finalized {
                // Finalize with the wallet whose descriptor it spends from.
                let mut done = false;
                for w in candidates {
                    let Ok(account) = btc_account(w) else {
                        continue;
                    };
                    let mut bw = BtcWallet::open(conn, account)?;
                    if btc_send::check_ownership(&mut bw, &psbt, &w.name).is_ok()
                        || bw.is_relevant(&psbt.unsigned_tx)
                    {
                        done = bw
                            .inner
                            .finalize_psbt(&mut psbt, bdk_wallet::SignOptions::default())
                            .unwrap_or(false);
                        if done {
                            break;
                        }
                    }
                }
                if !done {
                    // A multisig PSBT says how many signatures are missing.
                    let mut missing = None;
                    for w in candidates {
                        let Ok(account) = btc_account(w) else {
                            continue;
                        };
                        if account.external_descriptor.is_none() {
                            continue;
                        }
                        let bw = BtcWallet::open(conn, account)?;
                        if let Some(s) = btc_send::signatures(&bw, &psbt)
                            && bw.is_relevant(&psbt.unsigned_tx)
                        {
                            missing = Some(s);
                            break;
                        }
                    }
                    return Err(Error::invalid(
                        "psbt",
                        match missing {
                            Some(s) => format!(
                                "it has {} of the {} signatures needed: {} more cosigner(s) must sign it (coffer send sign), then combine (coffer send combine)",
                                s.have, s.need, s.missing
                            ),
                            None => "it is not fully signed: sign it first with `coffer send sign`"
                                .to_string(),
                        },
                    ));
                }
            }
            psbt.extract_tx()
                .map_err(|e| Error::invalid("psbt", format!("cannot extract: {e}")))?
        }
        None => {
            let text = std::str::from_utf8(raw).unwrap_or("").trim();
            bitcoin::consensus::encode::deserialize_hex(text).map_err(|_| {
                Error::invalid("file", "neither a PSBT nor a raw transaction in hex")
            })?
        }
    };
    if tx
        .input
        .iter()
        .any(|i| i.witness.is_empty() && i.script_sig.is_empty())
    {
        return Err(Error::invalid("transaction", "it has unsigned inputs"));
    }
    Ok(tx)
}

/// `send broadcast` (Bitcoin): `raw` (a signed PSBT or hex) sent through the node of the
/// first wallet it concerns, when one is set and `no_broadcast` is not (a refusal is the
/// node's reason, exit 7, and nothing is recorded), then recorded in every wallet it
/// concerns (`wallet`: only that one). `conn` is a snapshot.
pub fn broadcast(
    vault: &Vault,
    conn: &Connection,
    raw: &[u8],
    wallet: Option<&str>,
    no_broadcast: bool,
) -> Result<Broadcast> {
    let candidates: Vec<WalletRow> = match wallet {
        Some(n) => vec![wallets::get(conn, n)?],
        None => wallets::list(conn)?,
    };
    let tx = transaction_of(conn, &candidates, raw)?;
    let txid = tx.compute_txid();
    // Through the node of the first wallet it concerns, when one is set; a refusal is
    // the node's reason (exit 7) and nothing is recorded.
    let mut node = None;
    if !no_broadcast {
        for w in &candidates {
            let Ok(account) = btc_account(w) else {
                continue;
            };
            if account.external_descriptor.is_none()
                || !BtcWallet::open(conn, account)?.is_relevant(&tx)
            {
                continue;
            }
            node = node_for(conn, account, true)?;
            break;
        }
    }
    if let Some(n) = &node {
        send_to_node(n, &tx)?;
    }
    let recorded_in = vault.write(|c| {
        let mut names = vec![];
        for w in &candidates {
            let Ok(account) = btc_account(w) else {
                continue;
            };
            let mut bw = BtcWallet::open(c, account)?;
            if !bw.is_relevant(&tx) {
                continue;
            }
            let now = clock::now_ms();
            bw.apply_tx(tx.clone(), None, (now / 1000) as u64);
            bw.save(c, &[txid], now)?;
            names.push(w.name.clone());
        }
        audit::record(
            c,
            &Event::new(
                "tx_broadcast",
                Severity::Info,
                true,
                serde_json::json!({ "txid": txid.to_string(), "wallets": names, "sent_to_node": node.is_some() }),
            ),
        )?;
        Ok(names)
    })?;
    Ok(Broadcast {
        txid: txid.to_string(),
        hex: bitcoin::consensus::encode::serialize_hex(&tx),
        broadcast: node.is_some(),
        recorded_in,
        vsize: tx.vsize() as u64,
    })
}

/// The wallet and Bitcoin account whose history holds `txid`.
fn account_of_tx(conn: &Connection, txid: Txid) -> Result<(WalletRow, AccountRow)> {
    let accounts = txs::accounts_with(conn, &txid.to_string())?;
    wallets::list(conn)?
        .into_iter()
        .find_map(|w| {
            let a = w
                .accounts
                .iter()
                .find(|a| accounts.contains(&a.id))?
                .clone();
            Some((w, a))
        })
        .ok_or_else(|| Error::NotFound(format!("transaction {txid} in this vault's history")))
}

/// The wallet and Bitcoin account whose history holds `txid`, for `send cpfp` and `send
/// bump`: the wallet named by `--wallet`, else the only one holding it (a payment
/// between two wallets of this vault is in both: the child must spend an output of the
/// one chosen, a replacement must spend the coins of the one that paid); `choose` ends
/// the usage error when several hold it.
fn cpfp_account(
    conn: &Connection,
    txid: Txid,
    wallet: Option<&str>,
    choose: &str,
) -> Result<(WalletRow, AccountRow)> {
    let accounts = txs::accounts_with(conn, &txid.to_string())?;
    let holding = |w: &WalletRow| {
        w.accounts
            .iter()
            .find(|a| a.chain == crate::chain::Chain::Btc && accounts.contains(&a.id))
            .cloned()
    };
    if let Some(name) = wallet {
        let w = wallets::get(conn, name)?;
        let a = holding(&w).ok_or_else(|| {
            Error::NotFound(format!(
                "transaction {txid} in the history of wallet {name}"
            ))
        })?;
        return Ok((w, a));
    }
    let mut found: Vec<_> = wallets::list(conn)?
        .into_iter()
        .filter_map(|w| holding(&w).map(|a| (w, a)))
        .collect();
    match found.len() {
        0 => Err(Error::NotFound(format!(
            "transaction {txid} in this vault's history"
        ))),
        1 => Ok(found.remove(0)),
        _ => Err(Error::Usage(format!(
            "transaction {txid} is in the history of several wallets ({}); {choose}",
            found
                .iter()
                .map(|(w, _)| w.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The fee and size a child must lift for `parent`: the node's view of it and its
/// unconfirmed ancestors (`getmempoolentry`) when a node is set, else the wallet's own
/// (all of the parent's inputs must be known to it).
fn package_of(
    conn: &Connection,
    bw: &BtcWallet<'_>,
    network: Network,
    parent: Txid,
) -> Result<btc_send::Package> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    // An Electrum server does not tell a transaction's unconfirmed ancestors: the
    // wallet's own view then, as with no backend.
    if let Some(Node::Node(node)) = crate::sync::btc_backend(conn, network)? {
        let e: serde_json::Value = node
            .call("getmempoolentry", &[serde_json::json!(parent.to_string())])
            .map_err(crate::chain::btc::rpc::node_error)?;
        let fee = e["fees"]["ancestor"].as_f64();
        let vsize = e["ancestorsize"].as_u64();
        return match (fee, vsize) {
            (Some(f), Some(v)) => Ok(btc_send::Package {
                fee: (f * 1e8).round() as u64,
                vsize: v,
            }),
            _ => Err(Error::Backend(format!(
                "the node's getmempoolentry for {parent} lacks fees.ancestor or ancestorsize"
            ))),
        };
    }
    let tx = bw
        .inner
        .get_tx(parent)
        .ok_or_else(|| Error::NotFound(format!("transaction {parent} in this wallet")))?
        .tx_node
        .tx;
    let fee = bw.inner.calculate_fee(&tx).map_err(|_| {
        Error::invalid(
            "txid",
            format!(
                "the fee of {parent} is unknown here (inputs from outside the wallet): connect a node (`coffer wallet backend set btc`) to read it"
            ),
        )
    })?;
    Ok(btc_send::Package {
        fee: fee.to_sat(),
        vsize: tx.vsize() as u64,
    })
}

/// Refuses to abandon what can confirm or already counts for nothing, by its history row.
fn abandonable(conn: &Connection, account_id: i64, txid: Txid) -> Result<()> {
    let row = txs::get(conn, account_id, &txid.to_string())?
        .ok_or_else(|| Error::NotFound(format!("transaction {txid} in this vault's history")))?;
    match row.status {
        txs::Status::Pending => Ok(()),
        txs::Status::Confirmed => Err(Error::invalid(
            "txid",
            format!("{txid} is confirmed: it cannot be abandoned"),
        )),
        other => Err(Error::invalid(
            "txid",
            format!("{txid} is {other}: it already counts for nothing"),
        )),
    }
}

/// `send abandon`: a signed transaction that will never confirm, given up. On `conn`
/// (a snapshot, dropped before the node is asked): its history row must be pending; the
/// network's node, when one is set, must not hold it in its mempool nor have spent its
/// confirmed coins. Then, in one write (looked at again under the lock), it and the
/// unconfirmed transactions spending it are `abandoned` in every account recording it,
/// their coins released, and the abandon audited.
pub fn abandon(vault: &Vault, conn: Connection, txid: Txid) -> Result<Abandoned> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let (w, account) = account_of_tx(&conn, txid)?;
    abandonable(&conn, account.id, txid)?;
    let network = account_network(&account)?;
    // The node's mempool, asked before the vault is locked: held there, it may confirm.
    let node = crate::sync::btc_backend(&conn, network)?;
    // Its inputs that spend confirmed coins: should the node's chain have spent one of
    // them already (the transaction mined, or a conflict, before the last sync), its
    // coins would not come back (asked of a node: `gettxout`).
    let confirmed_inputs: Vec<OutPoint> = if node.as_ref().is_some_and(|n| n.node().is_some()) {
        let bw = BtcWallet::open(&conn, &account)?;
        bw.inner
            .tx_graph()
            .get_tx(txid)
            .map(|tx| {
                tx.input
                    .iter()
                    .map(|i| i.previous_output)
                    .filter(|o| {
                        bw.inner
                            .get_tx(o.txid)
                            .is_some_and(|t| t.chain_position.is_confirmed())
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        vec![]
    };
    drop(conn);
    if let Some(b) = &node
        && b.in_mempool(txid)?
    {
        return Err(Error::invalid(
            "txid",
            format!(
                "{txid} is in the {}'s mempool: it may still confirm (replace it \
                 with `coffer send bump {txid} --fee RATE`)",
                b.noun()
            ),
        ));
    }
    if let Some(n) = node.as_ref().and_then(|b| b.node()) {
        for o in &confirmed_inputs {
            // Null: the coin is no longer in the node's UTXO set (mempool left out).
            let out: serde_json::Value = n
                .call(
                    "gettxout",
                    &[
                        serde_json::json!(o.txid.to_string()),
                        serde_json::json!(o.vout),
                        serde_json::json!(false),
                    ],
                )
                .map_err(crate::chain::btc::rpc::node_error)?;
            if out.is_null() {
                return Err(Error::invalid(
                    "txid",
                    format!(
                        "its coin {o} is already spent in the node's chain (by {txid} or a \
                         conflicting transaction): run `coffer wallet sync` to see which"
                    ),
                ));
            }
        }
    }
    let (abandoned, released) = vault.write(|conn| {
        // Looked at again under the lock: another command may have changed it.
        abandonable(conn, account.id, txid)?;
        // Every Bitcoin account of the vault recording it (a payment between two of our
        // wallets, a seed imported twice): the one paying first.
        let holders = txs::accounts_with(conn, &txid.to_string())?;
        let mut accounts = vec![account.clone()];
        accounts.extend(wallets::all_accounts(conn)?.into_iter().filter(|a| {
            a.chain == crate::chain::Chain::Btc && a.id != account.id && holders.contains(&a.id)
        }));
        let now_ms = clock::now_ms();
        let (mut abandoned, mut released) = (vec![], vec![]);
        for (n, acc) in accounts.iter().enumerate() {
            if n > 0
                && txs::get(conn, acc.id, &txid.to_string())?
                    .is_none_or(|r| r.status != txs::Status::Pending)
            {
                continue;
            }
            let mut bw = BtcWallet::open(conn, acc)?;
            match bw.inner.get_tx(txid) {
                Some(t) if t.chain_position.is_confirmed() => {
                    return Err(Error::invalid(
                        "txid",
                        format!("{txid} is confirmed: it cannot be abandoned"),
                    ));
                }
                Some(_) => {}
                // Recorded as pending, but no longer canonical for the engine (a sync found
                // it in no block and no mempool): its coins are free already; the rows
                // are marked all the same.
                None => {}
            }
            let evicted = bw.abandon(txid, (now_ms / 1000).max(0) as u64);
            for t in &evicted {
                if let Some(tx) = bw.inner.tx_graph().get_tx(*t) {
                    for i in &tx.input {
                        let coin = i.previous_output.to_string();
                        if bw.inner.get_utxo(i.previous_output).is_some()
                            && !released.contains(&coin)
                        {
                            released.push(coin);
                        }
                    }
                }
            }
            bw.save(conn, &evicted, now_ms)?;
            for t in &evicted {
                let t = t.to_string();
                txs::clear_unbroadcast(conn, acc.id, &t)?;
                if txs::mark_abandoned(conn, acc.id, &t)? && !abandoned.contains(&t) {
                    abandoned.push(t);
                }
            }
        }
        audit::record(
            conn,
            &Event::new(
                "btc_tx_abandoned",
                Severity::Medium,
                true,
                serde_json::json!({
                    "wallet": w.name,
                    "txid": txid.to_string(),
                    "abandoned": abandoned,
                    "released": released,
                    "node_checked": node.is_some(),
                }),
            ),
        )?;
        Ok((abandoned, released))
    })?;
    Ok(Abandoned {
        wallet: w.name.clone(),
        txid: txid.to_string(),
        abandoned,
        released,
        node_checked: node.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(to: &[&str], amount: &[&str]) -> Order {
        Order {
            to: to.iter().map(|s| s.to_string()).collect(),
            amount: amount.iter().map(|s| s.to_string()).collect(),
            ..Order::default()
        }
    }

    const ADDR: &str = "bcrt1qf5g56g4pw9y920vkqu8jwp8wfpwglgw95rmnm5";

    #[test]
    fn a_uri_gives_the_address_amount_and_label() {
        let mut o = order(&[&format!("bitcoin:{ADDR}?amount=0.001&label=rent")], &[]);
        let s = o.take_uri().unwrap().unwrap();
        assert_eq!(o.to, vec![ADDR.to_string()]);
        assert_eq!(o.amount, vec!["100000sat".to_string()]);
        assert_eq!(o.note.as_deref(), Some("rent"));
        assert_eq!(s.amount, Source::Uri);
        assert_eq!(s.label, Some(Source::Uri));
        // A note given wins over the label; an equal --amount is both sources.
        let mut o = order(
            &[&format!("bitcoin:{ADDR}?amount=0.001&label=rent")],
            &["0.001"],
        );
        o.note = Some("mine".into());
        let s = o.take_uri().unwrap().unwrap();
        assert_eq!(o.note.as_deref(), Some("mine"));
        assert_eq!(s.amount, Source::UriAndCommandLine);
        assert_eq!(s.label, Some(Source::CommandLine));
    }

    #[test]
    fn a_uri_is_refused_in_a_batch_or_against_another_amount() {
        let uri = format!("bitcoin:{ADDR}?amount=0.001");
        let mut o = order(&[&uri, ADDR], &["0.001", "0.002"]);
        assert!(o.take_uri().is_err());
        let mut o = order(&[&uri], &["0.002"]);
        assert!(o.take_uri().is_err());
        let mut o = order(&[&uri], &[]);
        o.max = true;
        assert!(o.take_uri().is_err());
        let mut o = order(&[ADDR], &["0.001"]);
        assert!(o.take_uri().unwrap().is_none(), "no URI, nothing changed");
        assert_eq!(o.to, vec![ADDR.to_string()]);
    }

    #[test]
    fn recipients_are_parsed_before_the_fee_is_resolved() {
        let fee = || -> Result<FeeRate> { panic!("the fee is resolved last") };
        let e = order(&["nonsense"], &["0.001"])
            .payment(Network::Regtest, fee)
            .unwrap_err();
        assert!(e.to_string().contains("nonsense"), "{e}");
        let e = order(&[ADDR], &["0.001", "0.002"])
            .payment(Network::Regtest, fee)
            .unwrap_err();
        assert!(e.to_string().contains("1 --to but 2 --amount"), "{e}");
        let e = order(&[ADDR], &["1sat"])
            .payment(Network::Regtest, fee)
            .unwrap_err();
        assert!(e.to_string().contains("dust"), "{e}");
        let p = order(&[ADDR], &["0.001"])
            .payment(Network::Regtest, || Ok(FeeRate::from_sat_per_vb_u32(2)))
            .unwrap();
        assert_eq!(p.recipients[0].1, 100_000);
        assert!(p.rbf);
    }

    #[test]
    fn outpoints_parse_or_name_the_field() {
        let t = "462d456f9a2b4746671b5ea6a10f1a5a5c94e4e57217c7e30b270ade18e50c9a";
        let ok = outpoints(&[format!(" {t}:1 ")], "from").unwrap();
        assert_eq!(ok[0].vout, 1);
        let e = outpoints(&["x:1".into()], "exclude").unwrap_err();
        assert!(e.to_string().contains("'x:1' is not a coin"), "{e}");
    }

    #[test]
    fn a_signed_psbt_goes_next_to_the_unsigned_one() {
        assert_eq!(
            signed_path(Path::new("/tmp/pay.psbt")),
            Path::new("/tmp/pay.signed.psbt")
        );
        assert_eq!(signed_path(Path::new("pay")), Path::new("pay.signed.psbt"));
    }
}
