//! `coffer send`: pay from a Bitcoin account (one or many recipients, send-max, fee
//! levels, RBF), with a review, a confirmation and the transaction PIN before signing;
//! `--unsigned-out` (or a watch-only wallet) writes a PSBT instead. `send sign` is the
//! offline signer, `send broadcast` finalizes and extracts, `send bump` replaces a
//! pending transaction with a higher fee.
//!
//! Building happens on a snapshot of the vault; signing happens inside the vault write,
//! after checking that the coins it spends are still unspent, so two sends at once can
//! never sign the same coins twice.

use crate::chain::amount;
use crate::chain::uri::{self, PaymentUri, Source, Sources};
use crate::chain::{Network, btc};
use crate::clock;
use crate::commands::{approval, fees};
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::audit::{self, Event, Severity};
use crate::vault::engine::send::{self as btc_send, Payment, Review};
use crate::vault::engine::{BtcWallet, account_network};
use crate::vault::txs;
use crate::vault::wallets::{self, AccountRow, WalletRow};
use bitcoin::psbt::Psbt;
use bitcoin::{Address, Transaction};
use coffer_core::policy;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

/// Arguments of `coffer send`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SendArgs {
    /// Sign, broadcast or bump instead of paying.
    #[command(subcommand)]
    pub cmd: Option<SendCmd>,
    #[command(flatten)]
    pub pay: PayArgs,
}

/// `send` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SendCmd {
    /// Sign a PSBT with this vault's keys (the offline signer).
    ///
    /// Checks that every input belongs to the wallet and that any change output really
    /// derives from its keys, shows the review, asks for the PIN, signs, and writes the
    /// signed PSBT (default: FILE with `.signed` before the extension).
    ///
    /// Examples:
    ///   coffer send sign payment.psbt
    ///   coffer send sign payment.psbt --out signed.psbt --yes --pin-file pin.txt
    #[command(verbatim_doc_comment)]
    Sign(SignArgs),
    /// Finalize a signed PSBT (or take raw hex), extract the transaction and record it.
    ///
    /// Without a backend it prints the raw transaction to hand to any node
    /// (`bitcoin-cli sendrawtransaction HEX`) or explorer.
    Broadcast(BroadcastArgs),
    /// Replace a pending transaction of ours by one paying a higher fee (RBF).
    Bump(BumpArgs),
    /// Merge PSBTs of the same transaction signed by different cosigners (multisig).
    ///
    /// Examples:
    ///   coffer send combine alice.psbt bob.psbt --out both.psbt
    #[command(verbatim_doc_comment)]
    Combine(CombineArgs),
    /// Ethereum: cancel a pending transaction by sending 0 ETH to ourselves with the
    /// same nonce and higher fees (fast by default, at least 10 % more).
    ///
    /// Examples:
    ///   coffer send cancel-eth 0x5c50…
    ///   coffer send cancel-eth 0x5c50… --max-fee 40 --priority-fee 3
    #[command(verbatim_doc_comment)]
    CancelEth(CancelEthArgs),
    /// Child pays for parent: spend our output of a pending transaction (incoming, or
    /// our change) with a fee that lifts both to RATE.
    ///
    /// Examples:
    ///   coffer send cpfp 4a5e1e4b… --fee 20
    ///   coffer send cpfp 4a5e1e4b… --fee fast --no-broadcast
    ///   coffer send cpfp 4a5e1e4b… --fee 20 --wallet savings
    #[command(verbatim_doc_comment)]
    Cpfp(CpfpArgs),
    /// Approve a send that was held (a limit, a new recipient, level high): shows it
    /// again, asks for the PIN (and a 2FA code when on), signs and, for EVM with a
    /// backend, broadcasts.
    ///
    /// Example:
    ///   coffer send confirm ap-1a2b3c4d5e6f --pin-file pin.txt --totp-code 123456 --yes
    #[command(verbatim_doc_comment)]
    Confirm(crate::commands::approval::ConfirmArgs),
    /// Drop a held send: nothing is signed.
    Cancel(crate::commands::approval::CancelArgs),
    /// Abandon a signed Bitcoin transaction that will never confirm: one never broadcast
    /// (--no-broadcast, or a broadcast that was lost), what Bitcoin Core's
    /// `abandontransaction` does. Its coins become spendable again; it stays in history
    /// as `abandoned`, counted nowhere, with the unconfirmed transactions spending it.
    /// Refused for a confirmed transaction, and for one the network's node holds in its
    /// mempool (it may still confirm: `send bump` replaces it).
    ///
    /// Example:
    ///   coffer send abandon 4a5e1e4b…
    #[command(verbatim_doc_comment)]
    Abandon(AbandonArgs),
}

/// Arguments of `send abandon`.
#[derive(Debug, clap::Args)]
pub struct AbandonArgs {
    /// The pending Bitcoin transaction (its txid).
    pub txid: String,
}

/// What every signing command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct SignOpts {
    /// Do not ask for confirmation (the review is still printed on a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Read the transaction PIN from FILE (else $COFFER_PIN, else a prompt).
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}

/// Where a payment or a fee bump goes besides the output.
#[derive(Debug, Clone, clap::Args)]
pub struct OutOpts {
    /// Sign nothing: write the unsigned PSBT (base64) to FILE for an offline signer.
    #[arg(long, value_name = "FILE")]
    pub unsigned_out: Option<PathBuf>,
    /// Also write the signed raw transaction (hex) to FILE.
    #[arg(long, value_name = "FILE")]
    pub raw_out: Option<PathBuf>,
    /// Do not broadcast through the network's Bitcoin node, even when one is set.
    #[arg(long)]
    pub no_broadcast: bool,
}

/// The Bitcoin node of `account`'s network, if one is set (and broadcasting is wanted).
fn node_for(
    conn: &rusqlite::Connection,
    account: &AccountRow,
    wanted: bool,
) -> Result<Option<bdk_bitcoind_rpc::bitcoincore_rpc::Client>> {
    if !wanted {
        return Ok(None);
    }
    crate::sync::btc_rpc(conn, account_network(account)?)
}

/// A test-only crash point: on a test vault ([`crate::clock::test_vault`]) with
/// `COFFER_TEST_FAULT=<point>`, the process stops dead there (as a power cut would), to
/// test what it leaves.
pub(crate) fn fault(point: &str) {
    if crate::clock::test_vault() && std::env::var("COFFER_TEST_FAULT").is_ok_and(|f| f == point) {
        std::process::abort();
    }
}

/// Sends `tx` through the node; its refusal is the node's reason (exit 7).
fn send_to_node(node: &bdk_bitcoind_rpc::bitcoincore_rpc::Client, tx: &Transaction) -> Result<()> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    node.send_raw_transaction(tx)
        .map(|_| ())
        .map_err(crate::chain::btc::rpc::refused)
}

/// Ethereum-only options of a payment.
#[derive(Debug, Clone, clap::Args)]
pub struct EthOpts {
    /// EIP-155 chain id (Ethereum; default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// An ERC-20 token by symbol or contract address (see `wallet token`).
    #[arg(long, value_name = "SYMBOL|0xCONTRACT")]
    pub token: Option<String>,
    /// Max fee per gas in gwei (with --priority-fee; else from the backend).
    #[arg(long, value_name = "GWEI")]
    pub max_fee: Option<String>,
    /// Max priority fee per gas in gwei.
    #[arg(long, value_name = "GWEI")]
    pub priority_fee: Option<String>,
    /// Gas limit (else estimated by the backend).
    #[arg(long, value_name = "N")]
    pub gas_limit: Option<u64>,
    /// Nonce (else the backend's pending count).
    #[arg(long, value_name = "N")]
    pub nonce: Option<u64>,
}

impl EthOpts {
    fn any(&self) -> bool {
        self.chain_id.is_some()
            || self.token.is_some()
            || self.max_fee.is_some()
            || self.priority_fee.is_some()
            || self.gas_limit.is_some()
            || self.nonce.is_some()
    }
}

/// Arguments of `coffer send` (a payment).
#[derive(Debug, clap::Args)]
pub struct PayArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The chain: btc (default) or eth.
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<crate::chain::Chain>,
    /// A recipient: an address or a payment URI (BIP-21 bitcoin:…, EIP-681
    /// ethereum:…); repeat addresses with --amount for a batch.
    #[arg(long, value_name = "ADDRESS|URI")]
    pub to: Vec<String>,
    /// The amount for the --to at the same position (BTC, or `1500sat`).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Vec<String>,
    /// Send everything to the one --to, with no change (Ethereum: one address's ether
    /// minus gas limit x max fee, or its whole --token balance).
    #[arg(long, conflicts_with = "amount")]
    pub max: bool,
    /// slow, normal, fast (see `wallet fees`) or a rate in sat/vB.
    #[arg(long, default_value = "normal")]
    pub fee: String,
    /// Do not signal replace-by-fee (BIP-125).
    #[arg(long)]
    pub no_rbf: bool,
    /// A note kept with the transaction in history.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Bitcoin coin control: spend exactly these coins (TXID:VOUT, repeat; frozen ones
    /// too), and no others. Ethereum: the one address to pay from (0x…; default: the
    /// first that can pay).
    #[arg(long = "from", value_name = "OUTPOINT")]
    pub from: Vec<String>,
    /// Bitcoin coin control: never spend these coins (TXID:VOUT, repeat).
    #[arg(long, value_name = "OUTPOINT")]
    pub exclude: Vec<String>,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
    #[command(flatten)]
    pub eth: EthOpts,
}

/// Parses `--from`/`--exclude` outpoints.
fn outpoints(list: &[String], field: &'static str) -> Result<Vec<bitcoin::OutPoint>> {
    list.iter()
        .map(|s| {
            bitcoin::OutPoint::from_str(s.trim()).map_err(|_| {
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

/// Arguments of `send sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The PSBT (base64 or binary).
    pub file: PathBuf,
    /// Where to write the signed PSBT.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The wallet (default: the one whose keys the PSBT names).
    #[arg(long)]
    pub wallet: Option<String>,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send broadcast`.
#[derive(Debug, clap::Args)]
pub struct BroadcastArgs {
    /// A signed PSBT, or a file of raw transaction hex (`-`: standard input).
    pub file: PathBuf,
    /// The wallet to record it in (default: every wallet it concerns).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Do not send it through the network's Bitcoin node, even when one is set.
    #[arg(long)]
    pub no_broadcast: bool,
}

/// Explicit fees of an Ethereum replacement (`send bump 0x…`, `send cancel-eth`).
#[derive(Debug, Clone, clap::Args)]
pub struct ReplaceFeeArgs {
    /// Ethereum: max fee per gas in gwei (with --priority-fee; at least 10 % more).
    #[arg(
        long,
        value_name = "GWEI",
        requires = "priority_fee",
        conflicts_with = "fee"
    )]
    pub max_fee: Option<String>,
    /// Ethereum: max priority fee per gas in gwei.
    #[arg(long, value_name = "GWEI", requires = "max_fee")]
    pub priority_fee: Option<String>,
}

/// A transaction as `send bump` takes it: which chain it is on follows from its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxRef {
    /// A Bitcoin txid (64 hex digits).
    Bitcoin(bitcoin::Txid),
    /// An Ethereum transaction hash (`0x` and 64 hex digits), as typed.
    Ethereum(String),
}

/// `text` as a Bitcoin txid or an Ethereum transaction hash; neither is `invalid_input`.
pub fn tx_ref(text: &str) -> Result<TxRef> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(TxRef::Ethereum(t.to_string()));
        }
        return Err(Error::invalid(
            "txid",
            format!("'{t}' is not an Ethereum transaction hash (0x and 64 hex digits)"),
        ));
    }
    match t.parse() {
        Ok(txid) if t.len() == 64 => Ok(TxRef::Bitcoin(txid)),
        _ => Err(Error::invalid(
            "txid",
            format!(
                "'{t}' is neither a Bitcoin txid (64 hex digits) nor an Ethereum transaction \
                 hash (0x and 64 hex digits)"
            ),
        )),
    }
}

/// Arguments of `send bump`.
#[derive(Debug, clap::Args)]
pub struct BumpArgs {
    /// The pending transaction to replace (a Bitcoin txid, or an Ethereum 0x hash).
    #[arg(value_name = "TXID", value_parser = tx_ref)]
    pub txid: TxRef,
    /// The new fee: slow/normal/fast, or (Bitcoin) a rate in sat/vB.
    #[arg(long)]
    pub fee: Option<String>,
    /// Bitcoin: the wallet that paid it (default: the only one holding it; a payment
    /// between two of your wallets is in both).
    #[arg(long)]
    pub wallet: Option<String>,
    #[command(flatten)]
    pub eth_fees: ReplaceFeeArgs,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send combine`.
#[derive(Debug, clap::Args)]
pub struct CombineArgs {
    /// The PSBT files (base64 or binary), two or more.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged PSBT.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The wallet it spends from (default: the one whose coins the inputs are).
    #[arg(long)]
    pub wallet: Option<String>,
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

impl Report for Combined {
    fn human(&self, out: &mut Human) {
        out.kv("Transaction", &self.txid);
        out.kv("Written", &self.file);
        if let Some(s) = &self.signatures {
            out.kv("Signatures", s.describe());
        }
        out.kv(
            "Next",
            if self.complete {
                "coffer send broadcast FILE"
            } else {
                "more cosigners must sign it (coffer send sign FILE)"
            },
        );
    }
}

/// Runs `coffer send combine`.
pub fn combine(ctx: &Ctx, args: CombineArgs) -> Result<Combined> {
    let mut psbts = args
        .files
        .iter()
        .map(|f| read_psbt(f))
        .collect::<Result<Vec<_>>>()?;
    let mut merged = psbts.remove(0);
    let txid = merged.unsigned_tx.compute_txid();
    for (p, f) in psbts.into_iter().zip(&args.files[1..]) {
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
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let w = signer_wallet(&conn, &merged, args.wallet.as_deref())?;
    let account = btc_account(&w)?;
    let mut bw = BtcWallet::open(&conn, account)?;
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
    write_psbt(&args.out, &merged, "out")?;
    Ok(Combined {
        wallet: w.name.clone(),
        txid: txid.to_string(),
        file: args.out.display().to_string(),
        psbt: merged.to_string(),
        signatures,
        complete,
    })
}

/// Arguments of `send cancel-eth`.
#[derive(Debug, clap::Args)]
pub struct CancelEthArgs {
    /// The pending Ethereum transaction (0x hash).
    pub hash: String,
    /// slow, normal or fast (from the backend; default fast).
    #[arg(long)]
    pub fee: Option<String>,
    #[command(flatten)]
    pub eth_fees: ReplaceFeeArgs,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// Arguments of `send cpfp`.
#[derive(Debug, clap::Args)]
pub struct CpfpArgs {
    /// The pending transaction (incoming, or ours with change) to speed up.
    pub txid: String,
    /// The wallet whose output the child spends (default: the only wallet holding the
    /// transaction).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The rate the parent and child together must pay: sat/vB, or slow/normal/fast.
    #[arg(long)]
    pub fee: String,
    #[command(flatten)]
    pub out: OutOpts,
    #[command(flatten)]
    pub sign: SignOpts,
}

/// The result of `send`, `send sign` and `send bump`.
#[derive(Debug, Serialize)]
pub struct Sent {
    /// `broadcast` (sent through the network's Bitcoin node), `signed` (complete,
    /// recorded as pending, not sent: no node, or --no-broadcast), `unsigned` (a PSBT for
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
    /// Whether it went out through the network's Bitcoin node.
    pub broadcast: bool,
    /// The transaction this one replaces (`send bump`).
    pub replaces: Option<String>,
    /// The review that was confirmed.
    pub review: Review,
}

impl Report for Sent {
    fn human(&self, out: &mut Human) {
        // Once: not again after the confirmation prompt showed it.
        if !crate::output::review_shown() {
            self.review.human(out);
        }
        out.kv("Transaction", &self.txid);
        if let Some(r) = &self.replaces {
            out.kv("Replaces", r);
        }
        match self.status {
            "unsigned" => {
                out.kv(
                    "Status",
                    "unsigned PSBT: sign it with `coffer send sign FILE`",
                );
                match &self.file {
                    Some(f) => out.kv("PSBT", f),
                    None => out.kv("PSBT", self.psbt.as_deref().unwrap_or("")),
                }
            }
            "partially_signed" => {
                out.kv("Status", "partially signed: more signatures are needed");
            }
            "broadcast" => {
                out.kv(
                    "Status",
                    "broadcast through the node, recorded as pending (`coffer wallet sync` \
                     follows its confirmations)",
                );
            }
            _ => {
                if let Some(f) = &self.file {
                    out.kv("Signed PSBT", f);
                }
                out.kv(
                    "Status",
                    "signed, recorded as pending; not broadcast (no node set, or \
                     --no-broadcast): hand the hex below to any node (bitcoin-cli \
                     sendrawtransaction) or explorer",
                );
                if let Some(h) = &self.hex {
                    out.line("");
                    out.line(h);
                }
            }
        }
    }
}

fn btc_account(w: &WalletRow) -> Result<&AccountRow> {
    w.accounts.iter().find(|a| a.chain == "btc").ok_or_else(|| {
        Error::invalid(
            "wallet",
            format!("wallet '{}' has no Bitcoin account", w.name),
        )
    })
}

/// A payment URI given as the one `--to` of a Bitcoin payment (BIP-21): its address,
/// amount and label take the place of `--to`, `--amount` (which, if given too, must be
/// equal) and `--note` (which wins); the review says where each came from.
fn btc_uri(args: &mut PayArgs) -> Result<Option<Sources>> {
    let mut found = None;
    for to in &args.to {
        match uri::parse(to) {
            None => {}
            Some(Err(e)) => return Err(e),
            Some(Ok(PaymentUri::Ethereum(_))) => {
                if args.chain != Some(crate::chain::Chain::Btc) {
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
    if args.to.len() != 1 {
        return Err(Error::invalid(
            "to",
            "a payment URI pays one recipient: give it as the only --to (a batch takes addresses, each with its --amount)",
        ));
    }
    args.to = vec![b.address.clone()];
    let amount = match (b.amount_sat, args.amount.as_slice(), args.max) {
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
            args.amount = vec![format!("{sat}sat")];
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
    let label = match (&args.note, uri_label) {
        (Some(_), _) => Some(Source::CommandLine),
        (None, Some(l)) => {
            args.note = Some(l);
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

/// Parses the recipients of a payment for `network`.
fn payment(args: &PayArgs, network: Network, conn: &rusqlite::Connection) -> Result<Payment> {
    if args.to.is_empty() {
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
            .map_err(|_| Error::invalid("to", format!("'{s}' is not a {} address", network.name())))
    };
    // The fee is resolved last: a mistyped address or amount is told before any notice
    // about the node's fee estimate.
    if args.max {
        if args.to.len() != 1 {
            return Err(Error::invalid("max", "--max sends everything to one --to"));
        }
        let sweep_to = Some(parse_to(&args.to[0])?);
        let from = outpoints(&args.from, "from")?;
        let unspendable = outpoints(&args.exclude, "exclude")?;
        return Ok(Payment {
            recipients: vec![],
            sweep_to,
            fee_rate: fees::resolve(conn, network, &args.fee)?,
            rbf: !args.no_rbf,
            from,
            unspendable,
        });
    }
    if args.amount.len() != args.to.len() {
        return Err(Error::invalid(
            "amount",
            format!(
                "{} --to but {} --amount: give one amount per recipient (or --max)",
                args.to.len(),
                args.amount.len()
            ),
        ));
    }
    let mut recipients = vec![];
    for (to, a) in args.to.iter().zip(&args.amount) {
        let address = parse_to(to)?;
        let sat = amount::parse_btc(a, "amount")?;
        let dust = address.script_pubkey().minimal_non_dust().to_sat();
        if sat < dust {
            return Err(Error::invalid(
                "amount",
                format!("{a} to {to} is below the dust limit ({dust} sat for this address type)"),
            ));
        }
        recipients.push((address, sat));
    }
    let from = outpoints(&args.from, "from")?;
    let unspendable = outpoints(&args.exclude, "exclude")?;
    Ok(Payment {
        recipients,
        sweep_to: None,
        fee_rate: fees::resolve(conn, network, &args.fee)?,
        rbf: !args.no_rbf,
        from,
        unspendable,
    })
}

/// The human text of a review, for the confirmation prompt.
fn review_text(r: &Review) -> String {
    let mut h = Human::default();
    r.human(&mut h);
    h.finish()
}

/// Asks for the transaction PIN and checks it; a wrong one is audited and refused.
pub(crate) fn check_pin(
    ctx: &Ctx,
    unlocked: &Unlocked,
    opts: &SignOpts,
    wallet: &str,
) -> Result<()> {
    super::gate::pin(
        ctx,
        &unlocked.vault,
        opts.pin_file.as_deref(),
        serde_json::json!({ "wallet": wallet, "action": "sign" }),
    )
}

/// The master key of a hot wallet on `network`.
pub(crate) fn master_key(
    conn: &rusqlite::Connection,
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

/// Writes a file the user named (mode 0600, replacing an older one atomically); a
/// failure is their input's fault, with the reason.
pub(crate) fn write_file(path: &Path, text: &str, field: &'static str) -> Result<()> {
    crate::vault::fsio::write_private(path, text.as_bytes())
        .map_err(|e| Error::invalid(field, format!("cannot write {}: {e:#}", path.display())))
}

/// Writes a PSBT as base64 text.
fn write_psbt(path: &Path, psbt: &Psbt, field: &'static str) -> Result<()> {
    write_file(path, &format!("{psbt}\n"), field)
}

/// What [`sign_and_record`] did.
struct Recorded {
    /// The PSBT, signed.
    psbt: Psbt,
    /// The transaction, when the signatures complete it.
    tx: Option<Transaction>,
    /// The review of the signed PSBT (its real fee and size).
    review: Review,
}

/// Signs `psbt` inside one vault write, after checking the PIN (`pin`, when given) and
/// re-checking that its coins are unspent; records the transaction as pending with its
/// note (and, when it is to be broadcast, as not broadcast yet: the broadcast comes after
/// the commit, with no lock held), and audits it. A wrong PIN is counted and nothing
/// is signed.
#[allow(clippy::too_many_arguments)]
fn sign_and_record(
    unlocked: &Unlocked,
    w: &WalletRow,
    account: &AccountRow,
    master: &bitcoin::bip32::Xpriv,
    mut psbt: Psbt,
    note: Option<&str>,
    require_unspent: bool,
    to_broadcast: bool,
    pin: Option<&secrecy::SecretString>,
) -> Result<Recorded> {
    unlocked.vault.write(|conn| {
        if let Some(p) = pin {
            let action = serde_json::json!({ "wallet": w.name, "action": "sign" });
            if let Some(wrong) = super::gate::pin_in(conn, p, action)? {
                return Ok(Err(wrong));
            }
        }
        let mut bw = BtcWallet::open(conn, account)?;
        if require_unspent {
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
            if let Some(n) = note {
                txs::set_note(conn, account.id, &txid.to_string(), n)?;
            }
            if to_broadcast {
                txs::mark_unbroadcast(conn, account.id, &txid.to_string())?;
            }
            Some(tx)
        } else {
            bw.save(conn, &[], clock::now_ms())?;
            None
        };
        let review = btc_send::review(&bw, &psbt)?;
        let details = serde_json::json!({
            "wallet": w.name,
            "txid": psbt.unsigned_tx.compute_txid().to_string(),
            "complete": complete,
        });
        audit::record(
            conn,
            &Event::new("btc_tx_signed", Severity::Info, true, details),
        )?;
        Ok(Ok(Recorded { psbt, tx, review }))
    })?
}

/// Broadcasts a transaction [`sign_and_record`] committed, with no lock held. A refusal
/// gives the node's reason (exit 7) after one more write: the transaction is recorded
/// `abandoned` (its coins the wallet's again, a replaced one pending again) and the
/// refusal audited.
fn broadcast_recorded(
    unlocked: &Unlocked,
    w: &WalletRow,
    account: &AccountRow,
    node: &bdk_bitcoind_rpc::bitcoincore_rpc::Client,
    tx: &Transaction,
    replaces: Option<&str>,
) -> Result<()> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::{self, RpcApi as _, jsonrpc};
    fault("after-commit");
    let Err(e) = node.send_raw_transaction(tx) else {
        return Ok(());
    };
    let txid = tx.compute_txid();
    if !matches!(&e, bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(_))) {
        // Not a refusal: the node may have it. Recorded and still marked, so the next
        // `wallet sync` sends it (or sees it).
        return Err(Error::Backend(format!(
            "{}; {txid} is recorded as pending: `coffer wallet sync` broadcasts it",
            crate::chain::btc::rpc::node_error(e)
        )));
    }
    let refused = crate::chain::btc::rpc::refused(e);
    unlocked.vault.write(|conn| {
        let mut bw = BtcWallet::open(conn, account)?;
        let now_ms = clock::now_ms();
        let mut touched = bw.abandon(txid, (now_ms / 1000).max(0) as u64);
        touched.extend(replaces.and_then(|r| r.parse::<bitcoin::Txid>().ok()));
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

/// Keeps the change indexes a PSBT uses, so later payments do not reuse them.
fn keep_indexes(
    unlocked: &Unlocked,
    w: &WalletRow,
    account: &AccountRow,
    psbt: &Psbt,
) -> Result<()> {
    unlocked.vault.write(|conn| {
        let mut bw = BtcWallet::open(conn, account)?;
        btc_send::check_ownership(&mut bw, psbt, &w.name)?;
        bw.save(conn, &[], clock::now_ms())?;
        Ok(())
    })
}

/// The spending policy (limits, new recipients, level high) for a Bitcoin send about
/// to be signed: when it catches it, the PSBT is held for `send confirm` and the
/// `approval_required` error returned.
fn hold_if_policy(
    unlocked: &Unlocked,
    conn: &rusqlite::Connection,
    w: &WalletRow,
    account: &AccountRow,
    review: &Review,
    psbt: &Psbt,
    note: Option<&str>,
) -> Result<()> {
    let outgoing = policy::Outgoing {
        asset: "BTC",
        decimals: 8,
        fixed: true,
        amount: u128::from(review.total_debited_sat),
        recipients: review
            .recipients
            .iter()
            .filter(|r| !r.ours)
            .map(|r| r.address.clone())
            .collect(),
    };
    let why = policy::reasons(conn, &outgoing, clock::now())
        .map_err(|e| txs::in_dir(e, &unlocked.vault.paths.dir))?;
    if why.is_empty() {
        return Ok(());
    }
    keep_indexes(unlocked, w, account, psbt)?;
    let held = policy::Held {
        chain: "btc",
        wallet: &w.name,
        outgoing,
        payload: psbt.to_string(),
        note,
        chain_id: None,
        account_id: account.id,
    };
    Err(policy::hold(&unlocked.vault, &held, why))
}

/// A transaction built for a wallet, with its review.
struct Built<'a> {
    wallet: &'a WalletRow,
    account: &'a AccountRow,
    network: Network,
    psbt: Psbt,
    review: Review,
}

/// What to do with a built PSBT: write it unsigned, or review, confirm, PIN, sign.
/// `conn` is the snapshot the PSBT was built on: with it, a payment decrypts the vault
/// twice (that snapshot, and the one write that checks the PIN, signs and records).
#[allow(clippy::too_many_arguments)]
fn finish(
    ctx: &Ctx,
    unlocked: &Unlocked,
    conn: &rusqlite::Connection,
    built: Built<'_>,
    out: &OutOpts,
    opts: &SignOpts,
    note: Option<&str>,
    replaces: Option<String>,
) -> Result<Sent> {
    let Built {
        wallet: w,
        account,
        network,
        psbt,
        review,
    } = built;
    let txid = psbt.unsigned_tx.compute_txid().to_string();
    let (unsigned_out, raw_out) = (out.unsigned_out.as_deref(), out.raw_out.as_deref());
    let hot = wallets::secret(conn, w.id)?.is_some();
    if unsigned_out.is_some() || !hot {
        if let Some(p) = unsigned_out {
            write_psbt(p, &psbt, "unsigned-out")?;
        }
        keep_indexes(unlocked, w, account, &psbt)?;
        unlocked.vault.write_light(|c| {
            audit::record(
                c,
                &Event::new(
                    "send_built",
                    Severity::Info,
                    true,
                    serde_json::json!({ "wallet": w.name, "txid": txid, "unsigned": true }),
                ),
            )
        })?;
        return Ok(Sent {
            status: "unsigned",
            wallet: w.name.clone(),
            txid,
            hex: None,
            psbt: Some(psbt.to_string()),
            file: unsigned_out.map(|p| p.display().to_string()),
            broadcast: false,
            replaces,
            review,
        });
    }
    if replaces.is_none() {
        hold_if_policy(unlocked, conn, w, account, &review, &psbt, note)?;
    }
    ctx.input
        .confirm(&review_text(&review), "Sign this transaction?", opts.yes)?;
    crate::output::review_confirmed(opts.yes);
    let pin = super::gate::ask_pin(ctx, conn, opts.pin_file.as_deref())?;
    let master = master_key(conn, w, network)?;
    let node = node_for(conn, account, !out.no_broadcast)?;
    let sources = review.sources;
    let recorded = sign_and_record(
        unlocked,
        w,
        account,
        &master,
        psbt,
        note,
        replaces.is_none(),
        node.is_some(),
        Some(&pin),
    )?;
    let tx = recorded
        .tx
        .ok_or_else(|| anyhow::anyhow!("a single-key wallet left its PSBT incomplete"))?;
    // Committed: broadcast now, with no lock held.
    if let Some(n) = &node {
        broadcast_recorded(unlocked, w, account, n, &tx, replaces.as_deref())?;
    }
    let hex = bitcoin::consensus::encode::serialize_hex(&tx);
    if let Some(p) = raw_out {
        write_file(p, &format!("{hex}\n"), "raw-out")?;
    }
    let review = btc_send::Review {
        sources,
        ..recorded.review
    };
    Ok(Sent {
        status: if node.is_some() {
            "broadcast"
        } else {
            "signed"
        },
        wallet: w.name.clone(),
        txid: tx.compute_txid().to_string(),
        hex: Some(hex),
        psbt: None,
        file: None,
        broadcast: node.is_some(),
        replaces,
        review,
    })
}

/// Runs `coffer send` (a payment).
pub fn pay(ctx: &Ctx, mut args: PayArgs) -> Result<Sent> {
    let sources = btc_uri(&mut args)?;
    if args.eth.any() {
        return Err(Error::Usage(
            "--chain-id, --token, --max-fee, --priority-fee, --gas-limit and --nonce are for \
             Ethereum: add --chain eth"
                .into(),
        ));
    }
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let w = wallets::resolve(&conn, args.wallet.as_deref())?;
    let account = btc_account(&w)?;
    let network = account_network(account)?;
    let mut payment = payment(&args, network, &conn)?;
    let mut bw = BtcWallet::open(&conn, account)?;
    // Frozen coins are never picked by coin selection; named with --from they are spent.
    let frozen = crate::vault::txs::frozen(&conn, account.id)?;
    for op in crate::commands::utxo::frozen_outpoints(&bw, &frozen) {
        if !payment.from.contains(&op) {
            payment.unspendable.push(op);
        }
    }
    let psbt = btc_send::build(&mut bw, &payment)?;
    let mut review = btc_send::review(&bw, &psbt)?;
    review.sources = sources;
    drop(bw);
    let built = Built {
        wallet: &w,
        account,
        network,
        psbt,
        review,
    };
    finish(
        ctx,
        &unlocked,
        &conn,
        built,
        &args.out,
        &args.sign,
        args.note.as_deref(),
        None,
    )
}

/// Reads a PSBT file: base64 text or the binary format.
fn read_psbt(path: &Path) -> Result<Psbt> {
    let raw = std::fs::read(path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    parse_psbt(&raw).ok_or_else(|| {
        Error::invalid(
            "psbt",
            format!("{} is not a PSBT (base64 or binary)", path.display()),
        )
    })
}

fn parse_psbt(raw: &[u8]) -> Option<Psbt> {
    if raw.starts_with(b"psbt\xff") {
        return Psbt::deserialize(raw).ok();
    }
    let text = std::str::from_utf8(raw).ok()?.trim();
    Psbt::from_str(text).ok()
}

/// The default output of `send sign`: FILE with `.signed` before its extension.
fn signed_path(file: &Path) -> PathBuf {
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

/// The hot wallet whose keys a PSBT names (by master fingerprint).
use bitcoin::ScriptBuf;

fn signer_wallet(
    conn: &rusqlite::Connection,
    psbt: &Psbt,
    name: Option<&str>,
) -> Result<WalletRow> {
    if let Some(n) = name {
        return wallets::get(conn, n);
    }
    let fps: std::collections::BTreeSet<String> = psbt
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
                    a.chain == "btc" && a.fingerprint.as_ref().is_some_and(|f| fps.contains(f))
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

impl Report for Done {
    fn human(&self, out: &mut Human) {
        match self {
            Done::Btc(s) => s.human(out),
            Done::Eth(s) => s.human(out),
            Done::BtcBroadcast(b) => b.human(out),
        }
    }
}

/// Runs `coffer send confirm`: a held send, approved.
pub fn confirm(ctx: &Ctx, args: approval::ConfirmArgs) -> Result<Done> {
    let unlocked = ctx.unlock()?;
    let a = policy::get(&unlocked.vault.read()?, &args.id)?;
    policy::waiting(&a)?;
    if a.chain == "eth" {
        return crate::commands::send_eth::confirm(ctx, &unlocked, &a, &args)
            .map(|s| Done::Eth(Box::new(s)));
    }
    let conn = unlocked.vault.read_full()?;
    let w = wallets::get(&conn, &a.wallet)?;
    let account = btc_account(&w)?;
    let network = account_network(account)?;
    let psbt: Psbt = a
        .payload
        .parse()
        .map_err(|e| anyhow::anyhow!("the held PSBT does not parse: {e}"))?;
    let review = {
        let bw = BtcWallet::open(&conn, account)?;
        btc_send::review(&bw, &psbt)?
    };
    ctx.input
        .confirm(&review_text(&review), "Sign this transaction?", args.yes)?;
    crate::output::review_confirmed(args.yes);
    approval::confirm_gate(ctx, &unlocked, &a, &args, 8, true)?;
    let master = master_key(&conn, &w, network)?;
    let node = node_for(&conn, account, true)?;
    drop(conn);
    let recorded = sign_and_record(
        &unlocked,
        &w,
        account,
        &master,
        psbt,
        a.note.as_deref(),
        true,
        node.is_some(),
        None,
    )?;
    let tx = recorded
        .tx
        .ok_or_else(|| anyhow::anyhow!("a single-key wallet left its PSBT incomplete"))?;
    if let Some(n) = &node {
        broadcast_recorded(&unlocked, &w, account, n, &tx, None)?;
    }
    let txid = tx.compute_txid().to_string();
    unlocked.vault.write_light(|c| {
        policy::close(
            c,
            &a,
            "approved",
            serde_json::json!({ "wallet": a.wallet, "txid": txid }),
        )
    })?;
    let hex = bitcoin::consensus::encode::serialize_hex(&tx);
    if let Some(p) = &args.raw_out {
        write_file(p, &format!("{hex}\n"), "raw-out")?;
    }
    Ok(Done::Btc(Box::new(Sent {
        status: if node.is_some() {
            "broadcast"
        } else {
            "signed"
        },
        wallet: w.name.clone(),
        txid,
        hex: Some(hex),
        psbt: None,
        file: None,
        broadcast: node.is_some(),
        replaces: None,
        review,
    })))
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
    let psbt = read_psbt(&args.file)?;
    btc_send::refuse_finalized(&psbt)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let w = signer_wallet(&conn, &psbt, args.wallet.as_deref())?;
    let account = btc_account(&w)?;
    let network = account_network(account)?;
    let mut bw = BtcWallet::open(&conn, account)?;
    btc_send::check_ownership(&mut bw, &psbt, &w.name)?;
    let review = btc_send::review(&bw, &psbt)?;
    drop(bw);
    let master = master_key(&conn, &w, network)?;
    // A PSBT made elsewhere meets the same policy as a send made here.
    hold_if_policy(&unlocked, &conn, &w, account, &review, &psbt, None)?;
    ctx.input.confirm(
        &review_text(&review),
        "Sign this transaction?",
        args.sign.yes,
    )?;
    crate::output::review_confirmed(args.sign.yes);
    check_pin(ctx, &unlocked, &args.sign, &w.name)?;
    let Recorded {
        psbt: signed,
        tx,
        review: signed_review,
    } = sign_and_record(
        &unlocked, &w, account, &master, psbt, None, false, false, None,
    )?;
    let out = args.out.clone().unwrap_or_else(|| signed_path(&args.file));
    write_psbt(&out, &signed, "out")?;
    let review = btc_send::Review {
        sources: review.sources,
        ..signed_review
    };
    Ok(Sent {
        status: if tx.is_some() {
            "signed"
        } else {
            "partially_signed"
        },
        wallet: w.name.clone(),
        txid: signed.unsigned_tx.compute_txid().to_string(),
        hex: tx.map(|t| bitcoin::consensus::encode::serialize_hex(&t)),
        psbt: Some(signed.to_string()),
        file: Some(out.display().to_string()),
        broadcast: false,
        replaces: None,
        review,
    })
}

/// The result of `send broadcast`.
#[derive(Debug, Serialize)]
pub struct Broadcast {
    /// The transaction id.
    pub txid: String,
    /// The raw transaction (hex).
    pub hex: String,
    /// Whether it went out through the network's Bitcoin node.
    pub broadcast: bool,
    /// The wallets it was recorded in.
    pub recorded_in: Vec<String>,
    /// Virtual size (vbytes).
    pub vsize: u64,
}

impl Report for Broadcast {
    fn human(&self, out: &mut Human) {
        out.kv("Transaction", &self.txid);
        out.kv("Size", format!("{} vB", self.vsize));
        out.kv(
            "Recorded in",
            if self.recorded_in.is_empty() {
                "no wallet of this vault".to_string()
            } else {
                self.recorded_in.join(", ")
            },
        );
        if self.broadcast {
            out.kv("Broadcast", "sent through the node");
            return;
        }
        out.kv(
            "Broadcast",
            "not sent (no node set, or --no-broadcast): hand the hex below to any node \
             (bitcoin-cli sendrawtransaction) or explorer",
        );
        out.line("");
        out.line(&self.hex);
    }
}

/// Runs `coffer send broadcast` (Bitcoin PSBT or hex, or a signed Ethereum transaction).
pub fn broadcast(ctx: &Ctx, args: BroadcastArgs) -> Result<Done> {
    let raw = read_input(&args.file)?;
    if crate::commands::send_eth::is_signed_tx(&raw) {
        return crate::commands::send_eth::broadcast(ctx, &raw).map(|s| Done::Eth(Box::new(s)));
    }
    broadcast_btc(ctx, args, raw).map(Done::BtcBroadcast)
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

fn broadcast_btc(ctx: &Ctx, args: BroadcastArgs, raw: Vec<u8>) -> Result<Broadcast> {
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let candidates: Vec<WalletRow> = match &args.wallet {
        Some(n) => vec![wallets::get(&conn, n)?],
        None => wallets::list(&conn)?,
    };
    let tx: Transaction = match parse_psbt(&raw) {
        Some(mut psbt) => {
            let finalized = psbt
                .inputs
                .iter()
                .all(|i| i.final_script_witness.is_some() || i.final_script_sig.is_some());
            if !finalized {
                // Finalize with the wallet whose descriptor it spends from.
                let mut done = false;
                for w in &candidates {
                    let Ok(account) = btc_account(w) else {
                        continue;
                    };
                    let mut bw = BtcWallet::open(&conn, account)?;
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
                    for w in &candidates {
                        let Ok(account) = btc_account(w) else {
                            continue;
                        };
                        if account.external_descriptor.is_none() {
                            continue;
                        }
                        let bw = BtcWallet::open(&conn, account)?;
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
            let text = std::str::from_utf8(&raw).unwrap_or("").trim();
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
    let txid = tx.compute_txid();
    // Through the node of the first wallet it concerns, when one is set; a refusal is
    // the node's reason (exit 7) and nothing is recorded.
    let mut node = None;
    if !args.no_broadcast {
        for w in &candidates {
            let Ok(account) = btc_account(w) else {
                continue;
            };
            if account.external_descriptor.is_none()
                || !BtcWallet::open(&conn, account)?.is_relevant(&tx)
            {
                continue;
            }
            node = node_for(&conn, account, true)?;
            break;
        }
    }
    if let Some(n) = &node {
        send_to_node(n, &tx)?;
    }
    let recorded_in = unlocked.vault.write(|c| {
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
fn account_of_tx(
    conn: &rusqlite::Connection,
    txid: bitcoin::Txid,
) -> Result<(wallets::WalletRow, wallets::AccountRow)> {
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
    conn: &rusqlite::Connection,
    txid: bitcoin::Txid,
    wallet: Option<&str>,
    choose: &str,
) -> Result<(wallets::WalletRow, wallets::AccountRow)> {
    let accounts = txs::accounts_with(conn, &txid.to_string())?;
    let holding = |w: &wallets::WalletRow| {
        w.accounts
            .iter()
            .find(|a| a.chain == "btc" && accounts.contains(&a.id))
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
    conn: &rusqlite::Connection,
    bw: &BtcWallet<'_>,
    network: Network,
    parent: bitcoin::Txid,
) -> Result<btc_send::Package> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    if let Some(node) = crate::sync::btc_rpc(conn, network)? {
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

/// Runs `coffer send cpfp`.
pub fn cpfp(ctx: &Ctx, args: CpfpArgs) -> Result<Sent> {
    let txid = parse_txid(&args.txid)?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read_full()?;
    let (w, account) = cpfp_account(
        &conn,
        txid,
        args.wallet.as_deref(),
        "choose the one whose output the child spends with --wallet NAME",
    )?;
    let network = account_network(&account)?;
    let rate = fees::resolve(&conn, network, &args.fee)?;
    let mut bw = BtcWallet::open(&conn, &account)?;
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
    let package = package_of(&conn, &bw, network, txid)?;
    let frozen = crate::vault::txs::frozen(&conn, account.id)?;
    let frozen = crate::commands::utxo::frozen_outpoints(&bw, &frozen);
    let psbt = btc_send::cpfp(&mut bw, txid, rate, package, &frozen)?;
    let review = btc_send::review(&bw, &psbt)?;
    drop(bw);
    let built = Built {
        wallet: &w,
        account: &account,
        network,
        psbt,
        review,
    };
    let note = format!("CPFP for {txid}");
    finish(
        ctx,
        &unlocked,
        &conn,
        built,
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
    let (w, account) = cpfp_account(
        &conn,
        txid,
        args.wallet.as_deref(),
        "choose the one that paid it with --wallet NAME",
    )?;
    let network = account_network(&account)?;
    let rate = fees::resolve(&conn, network, &fee)?;
    let mut bw = BtcWallet::open(&conn, &account)?;
    let frozen = crate::vault::txs::frozen(&conn, account.id)?;
    let frozen = crate::commands::utxo::frozen_outpoints(&bw, &frozen);
    let psbt = btc_send::bump(&mut bw, txid, rate, &frozen)?;
    let review = btc_send::review(&bw, &psbt)?;
    drop(bw);
    let built = Built {
        wallet: &w,
        account: &account,
        network,
        psbt,
        review,
    };
    let replaces = Some(txid.to_string());
    finish(
        ctx, &unlocked, &conn, built, &args.out, &args.sign, None, replaces,
    )
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
    /// Whether the network's node was asked (and does not hold it in its mempool).
    pub node_checked: bool,
}

impl Report for Abandoned {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "{} abandoned: it counts nowhere, its coins are spendable again",
            self.txid
        ));
        for t in self.abandoned.iter().filter(|t| **t != self.txid) {
            out.kv("Also abandoned", t);
        }
        for c in &self.released {
            out.kv("Released", c);
        }
        if !self.node_checked {
            out.line(
                "No node is set for this network: make sure it was never broadcast, or it may \
                 still confirm (a later sync then records it again)",
            );
        }
    }
}

/// Refuses to abandon what can confirm or already counts for nothing, by its history row.
fn abandonable(conn: &rusqlite::Connection, account_id: i64, txid: bitcoin::Txid) -> Result<()> {
    let row = txs::get(conn, account_id, &txid.to_string())?
        .ok_or_else(|| Error::NotFound(format!("transaction {txid} in this vault's history")))?;
    match row.status.as_str() {
        "pending" => Ok(()),
        "confirmed" => Err(Error::invalid(
            "txid",
            format!("{txid} is confirmed: it cannot be abandoned"),
        )),
        other => Err(Error::invalid(
            "txid",
            format!("{txid} is {other}: it already counts for nothing"),
        )),
    }
}

/// Runs `coffer send abandon`.
pub fn abandon(ctx: &Ctx, args: AbandonArgs) -> Result<Abandoned> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::{self, RpcApi as _, jsonrpc};
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
    let (w, account) = account_of_tx(&conn, txid)?;
    abandonable(&conn, account.id, txid)?;
    let network = account_network(&account)?;
    // The node's mempool, asked before the vault is locked: held there, it may confirm.
    let node = crate::sync::btc_rpc(&conn, network)?;
    // Its inputs that spend confirmed coins: should the node's chain have spent one of
    // them already (the transaction mined, or a conflict, before the last sync), its
    // coins would not come back.
    let confirmed_inputs: Vec<bitcoin::OutPoint> = if node.is_some() {
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
    if let Some(n) = &node {
        let entry: std::result::Result<serde_json::Value, _> =
            n.call("getmempoolentry", &[serde_json::json!(txid.to_string())]);
        match entry {
            Ok(_) => {
                return Err(Error::invalid(
                    "txid",
                    format!(
                        "{txid} is in the node's mempool: it may still confirm (replace it \
                         with `coffer send bump {txid} --fee RATE`)"
                    ),
                ));
            }
            // -5: not in the mempool.
            Err(bitcoincore_rpc::Error::JsonRpc(jsonrpc::Error::Rpc(r))) if r.code == -5 => {}
            Err(e) => return Err(crate::chain::btc::rpc::node_error(e)),
        }
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
    let (abandoned, released) = unlocked.vault.write(|conn| {
        // Looked at again under the lock: another command may have changed it.
        abandonable(conn, account.id, txid)?;
        // Every Bitcoin account of the vault recording it (a payment between two of our
        // wallets, a seed imported twice): the one paying first.
        let holders = txs::accounts_with(conn, &txid.to_string())?;
        let mut accounts = vec![account.clone()];
        accounts.extend(
            wallets::all_accounts(conn)?
                .into_iter()
                .filter(|a| a.chain == "btc" && a.id != account.id && holders.contains(&a.id)),
        );
        let now_ms = clock::now_ms();
        let (mut abandoned, mut released) = (vec![], vec![]);
        for (n, acc) in accounts.iter().enumerate() {
            if n > 0
                && txs::get(conn, acc.id, &txid.to_string())?.is_none_or(|r| r.status != "pending")
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

/// A Bitcoin transaction id given on the command line.
fn parse_txid(text: &str) -> Result<bitcoin::Txid> {
    text.trim()
        .parse()
        .map_err(|_| Error::invalid("txid", format!("'{text}' is not a transaction id")))
}
