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

use crate::commands::{approval, fees};
use crate::context::{Ctx, Unlocked};
use crate::error::{Error, Result};
use crate::output::Report as _;
use crate::vault::engine::send as chain_send;
use coffer_core::pay::btc::{self, Abandoned, Broadcast, Combined, Commit, Order, Plan, Sent};
pub(crate) use coffer_core::pay::{fault, write_file};
use coffer_core::policy;
use serde::Serialize;
use std::path::{Path, PathBuf};

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

impl PayArgs {
    /// The payment as asked, for the core to parse.
    fn order(&self) -> Order {
        Order {
            to: self.to.clone(),
            amount: self.amount.clone(),
            max: self.max,
            no_rbf: self.no_rbf,
            note: self.note.clone(),
            from: self.from.clone(),
            exclude: self.exclude.clone(),
            chain: self.chain,
        }
    }
}

/// What to do with a plan: write it unsigned, or authorize (the spending policy),
/// review, confirm, ask the PIN, and commit (the PIN checked, signed and recorded in one
/// write), then broadcast. `conn` is the snapshot it was planned on: with it, a payment
/// decrypts the vault twice (that snapshot, and the one write).
#[allow(clippy::too_many_arguments)]
fn finish(
    ctx: &Ctx,
    unlocked: &Unlocked,
    conn: &rusqlite::Connection,
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
    let pin = super::gate::ask_pin(ctx, conn, opts.pin_file.as_deref())?;
    let master = btc::master_key(conn, &plan.wallet, plan.network)?;
    let node = btc::node_for(conn, &plan.account, !out.no_broadcast)?;
    let action = serde_json::json!({ "wallet": plan.wallet.name, "action": "sign" });
    let commit = Commit {
        note,
        require_unspent: replaces.is_none(),
        ..Commit::default()
    };
    let sent = btc::sign_and_send(vault, plan, &master, node.as_ref(), commit, replaces, |c| {
        super::gate::pin_in(c, &pin, action)
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
pub fn confirm(ctx: &Ctx, args: approval::ConfirmArgs) -> Result<Done> {
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
    let pin = super::gate::ask_pin(ctx, &conn, args.sign.pin_file.as_deref())?;
    drop(conn);
    let action = serde_json::json!({ "wallet": plan.wallet.name, "action": "sign" });
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| btc::signed_path(&args.file));
    btc::sign_for_elsewhere(&unlocked.vault, plan, &master, &out, |c| {
        super::gate::pin_in(c, &pin, action)
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
