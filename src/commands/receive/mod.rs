//! `coffer receive`: hand out an address with a payment URI (BIP-21 for Bitcoin, EIP-681
//! for Ethereum) and a terminal QR code; `receive import`: learn about an incoming
//! Bitcoin transaction from its raw hex, offline. While the vault is locked an import is
//! queued in the inbox and applied at the next unlock.

use crate::chain::uri::{bip21, eip681};
use crate::chain::{Chain, amount};
use crate::clock;
use crate::commands::addr::{qr_payload, qr_text};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::output::{Human, Report};
use crate::vault::engine::{self as btc_wallet, Confirmation};
use crate::vault::inbox;
use crate::vault::profile::Profile;
use crate::vault::wallets::{self, NewAddresses};
use serde::Serialize;

pub mod watch;

/// Arguments of `coffer receive`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReceiveArgs {
    /// Import an incoming transaction instead.
    #[command(subcommand)]
    pub cmd: Option<ReceiveCmd>,
    #[command(flatten)]
    pub show: ShowArgs,
}

/// `receive` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ReceiveCmd {
    /// Apply an incoming Bitcoin transaction given as raw hex (offline).
    ///
    /// The transaction is recorded as pending, or as confirmed with --height and
    /// --block-time. Importing it again changes nothing. While the vault is locked it is
    /// queued and applied at the next unlock.
    ///
    /// Examples:
    ///   coffer receive import --tx 0200000001…
    ///   coffer receive import --tx - --height 880000 --block-time 2025-01-31T12:00:00Z < tx.hex
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),
    /// Wait for a payment: syncs with the network's node (or the EVM backend) every
    /// --interval until a payment to --address (or to the wallet) of at least --amount
    /// has --confirmations; exit 10 at --timeout. --exec runs a command when it came.
    ///
    /// Examples:
    ///   coffer receive wait --address bc1q… --amount 0.01 --confirmations 1 --timeout 30m
    ///   coffer receive wait --chain eth --amount 0.5 --exec 'notify-send "paid: $COFFER_TXID"'
    #[command(verbatim_doc_comment)]
    Wait(WaitArgs),
    /// Print incoming payments as they happen, one line per event (`payment`,
    /// `confirmed`, `replaced`; with --json one JSON object per line), until stopped,
    /// --count events or --timeout. What the vault already knew is not announced.
    ///
    /// Examples:
    ///   coffer --json receive watch --interval 10s
    ///   coffer receive watch --wallet shop --exec 'curl -s -d "$COFFER_TXID" https://…'
    #[command(verbatim_doc_comment)]
    Watch(watch::WatchArgs),
}

/// Arguments of `receive wait`.
#[derive(Debug, clap::Args)]
pub struct WaitArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Only a payment to this address of the wallet.
    #[arg(long)]
    pub address: Option<String>,
    /// At least this much (BTC, or ETH / the --token's unit with --chain eth).
    #[arg(long)]
    pub amount: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// EVM chain id (default: the only EVM backend's).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// Ethereum: a payment of this token (symbol from `wallet token add`) instead of ether.
    #[arg(long, value_name = "SYMBOL")]
    pub token: Option<String>,
    /// Confirmations needed (0: in the mempool is enough; Ethereum payments are seen
    /// once mined).
    #[arg(long, default_value_t = 1)]
    pub confirmations: u32,
    /// Run this command through `sh -c` when the payment came (environment: COFFER_TXID,
    /// COFFER_AMOUNT, … see the README); its failure is reported on stderr only.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Give up after this long (exit 10), e.g. 30s, 10m, 2h.
    #[arg(long, default_value = "10m", value_name = "DURATION")]
    pub timeout: String,
    /// How often to ask the node.
    #[arg(long, default_value = "5s", value_name = "DURATION")]
    pub interval: String,
}

/// The payment `receive wait` saw.
#[derive(Debug, Serialize)]
pub struct Arrived {
    /// The wallet.
    pub wallet: String,
    /// The transaction.
    pub txid: String,
    /// What it paid (to --address, else to the wallet), in `currency`.
    pub amount: String,
    /// The same in sat (null on Ethereum: see `amount_units`).
    pub amount_sat: Option<u64>,
    /// Its confirmations now.
    pub confirmations: u32,
    /// Its block, if mined.
    pub height: Option<u32>,
    /// `btc` or `eth`.
    pub chain: &'static str,
    /// The Bitcoin network, or the EVM chain id as text.
    pub network: String,
    /// The amount in the smallest unit (sat, wei, token units), as a string.
    pub amount_units: String,
    /// `BTC`, `ETH` or the token symbol.
    pub currency: String,
    /// Our address it paid.
    pub address: Option<String>,
}

impl Report for Arrived {
    fn human(&self, out: &mut Human) {
        out.line(format!(
            "Received {} {} in {} ({} confirmation(s)).",
            self.amount, self.currency, self.txid, self.confirmations
        ));
    }
}

impl Arrived {
    /// The event `--exec` gets: `confirmed` (or `payment` when 0 confirmations were asked).
    fn event(&self, wanted: u32) -> watch::Event {
        watch::Event {
            event: if wanted == 0 { "payment" } else { "confirmed" },
            wallet: self.wallet.clone(),
            chain: self.chain,
            network: self.network.clone(),
            chain_id: (self.chain == "eth")
                .then(|| self.network.parse().ok())
                .flatten(),
            txid: self.txid.clone(),
            address: self.address.clone(),
            amount: self.amount.clone(),
            amount_units: self.amount_units.clone(),
            currency: self.currency.clone(),
            confirmations: u64::from(self.confirmations),
            height: self.height.map(u64::from),
            time: clock::rfc3339(clock::now()),
        }
    }
}

/// Runs `coffer receive wait`, then its `--exec` command.
pub fn wait(ctx: &Ctx, args: WaitArgs) -> Result<Arrived> {
    let exec = args.exec.clone();
    let wanted = args.confirmations;
    let arrived = wait_for(ctx, args)?;
    if let Some(cmd) = exec {
        watch::run_hook(&cmd, &arrived.event(wanted));
    }
    Ok(arrived)
}

fn wait_for(ctx: &Ctx, args: WaitArgs) -> Result<Arrived> {
    use bdk_wallet::chain::ChainPosition;
    let timeout = clock::parse_duration(&args.timeout)?;
    let interval = clock::parse_duration(&args.interval)?.max(1);
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let w = wallets::resolve(&conn, args.wallet.as_deref())?;
    if w.account_for(args.chain)?.chain == Chain::Eth {
        drop(conn);
        drop(unlocked);
        return watch::wait_eth(ctx, &args, &w, timeout, interval);
    }
    if args.chain_id.is_some() || args.token.is_some() {
        return Err(Error::invalid(
            if args.token.is_some() {
                "token"
            } else {
                "chain-id"
            },
            "is for Ethereum (--chain eth)",
        ));
    }
    let min_sat = match &args.amount {
        Some(a) => amount::parse_btc(a, "amount")?,
        None => 1,
    };
    let account = w.account_for(Some(Chain::Btc))?.clone();
    let network = btc_wallet::account_network(&account)?;
    let script = match &args.address {
        Some(a) => {
            let rows = wallets::find_addresses(&conn, a)?;
            if rows.is_empty() {
                return Err(Error::NotFound(format!(
                    "address {} in this vault",
                    a.trim()
                )));
            }
            // Another wallet may hold the same keys: this wallet's row is the one.
            if !rows.iter().any(|r| r.wallet == w.name) {
                return Err(Error::invalid(
                    "address",
                    format!("{a} is not an address of wallet '{}'", w.name),
                ));
            }
            Some(
                a.parse::<bitcoin::Address<bitcoin::address::NetworkUnchecked>>()
                    .map_err(|_| {
                        Error::invalid("address", format!("'{a}' is not a Bitcoin address"))
                    })?
                    .assume_checked()
                    .script_pubkey(),
            )
        }
        None => None,
    };
    let node = crate::sync::btc_rpc(&conn, network)?.ok_or_else(|| {
        Error::invalid(
            "wallet",
            format!(
                "no Bitcoin node for {}: set one with `coffer wallet backend set btc`",
                network.name()
            ),
        )
    })?;
    drop(conn);
    let started = std::time::Instant::now();
    // Progress on stderr, one line each time something changes (stdout stays the result).
    let what = match (&args.amount, &args.address) {
        (Some(a), Some(to)) => format!("{a} BTC to {to}"),
        (Some(a), None) => format!("{a} BTC to wallet {}", w.name),
        (None, Some(to)) => format!("a payment to {to}"),
        (None, None) => format!("a payment to wallet {}", w.name),
    };
    crate::output::write_stderr(&format!(
        "coffer: waiting for {what} with {} confirmation(s), up to {} s\n",
        args.confirmations, timeout
    ));
    let mut last_said = String::new();
    loop {
        crate::sync::sync_btc(
            &unlocked.vault,
            None,
            &node,
            &w,
            &account,
            crate::sync::BtcSyncOpts::default(),
            &crate::sync::NoProgress,
        )?;
        let conn = unlocked.vault.read_full()?;
        let bw = btc_wallet::BtcWallet::open(&conn, &account)?;
        let tip = bw.inner.latest_checkpoint().height();
        let mut closest: Option<(String, u32)> = None;
        for t in bw.inner.transactions() {
            let paid: u64 = t
                .tx_node
                .tx
                .output
                .iter()
                .filter(|o| match &script {
                    Some(s) => &o.script_pubkey == s,
                    None => bw.inner.is_mine(o.script_pubkey.clone()),
                })
                .map(|o| o.value.to_sat())
                .sum();
            let (confirmations, height) = match &t.chain_position {
                ChainPosition::Confirmed { anchor, .. } => (
                    tip.saturating_sub(anchor.block_id.height) + 1,
                    Some(anchor.block_id.height),
                ),
                ChainPosition::Unconfirmed { .. } => (0, None),
            };
            // Money the wallet sends to itself (change) is no payment.
            let spends_ours = t.tx_node.tx.input.iter().any(|i| {
                bw.inner.get_utxo(i.previous_output).is_some()
                    || bw
                        .inner
                        .tx_graph()
                        .get_txout(i.previous_output)
                        .is_some_and(|o| bw.inner.is_mine(o.script_pubkey.clone()))
            });
            if paid >= min_sat
                && !spends_ours
                && closest.as_ref().is_none_or(|(_, c)| confirmations > *c)
            {
                closest = Some((t.tx_node.txid.to_string(), confirmations));
            }
            if paid >= min_sat && !spends_ours && confirmations >= args.confirmations {
                let address = t
                    .tx_node
                    .tx
                    .output
                    .iter()
                    .find(|o| match &script {
                        Some(s) => &o.script_pubkey == s,
                        None => bw.inner.is_mine(o.script_pubkey.clone()),
                    })
                    .and_then(|o| {
                        bitcoin::Address::from_script(&o.script_pubkey, network.to_bitcoin()).ok()
                    })
                    .map(|a| a.to_string());
                return Ok(Arrived {
                    wallet: w.name.clone(),
                    txid: t.tx_node.txid.to_string(),
                    amount: amount::format_btc(paid),
                    amount_sat: Some(paid),
                    confirmations,
                    height,
                    chain: "btc",
                    network: network.name().to_string(),
                    amount_units: paid.to_string(),
                    currency: "BTC".into(),
                    address,
                });
            }
        }
        drop(bw);
        let closest = closest.map(|(txid, c)| (txid, u64::from(c)));
        next_round(
            u64::from(tip),
            closest,
            args.confirmations,
            &mut last_said,
            started,
            (timeout, interval),
        )?;
    }
}

/// The end of one round of `receive wait`: says on stderr how close the best candidate
/// is (only when that changed), then gives up at the timeout (exit 10) or sleeps until
/// the next round.
pub(super) fn next_round(
    tip: u64,
    closest: Option<(String, u64)>,
    needed: u32,
    last_said: &mut String,
    started: std::time::Instant,
    (timeout, interval): (u64, u64),
) -> Result<()> {
    let said = match &closest {
        Some((txid, c)) => {
            format!("coffer: block {tip}: {txid} has {c} of {needed} confirmation(s)\n")
        }
        None => format!("coffer: block {tip}: nothing yet\n"),
    };
    if said != *last_said {
        crate::output::write_stderr(&said);
        *last_said = said;
    }
    let waited = started.elapsed().as_secs();
    if waited >= timeout {
        return Err(Error::Timeout {
            waited_secs: waited,
        });
    }
    std::thread::sleep(std::time::Duration::from_secs(
        interval.min(timeout - waited),
    ));
    Ok(())
}

/// Arguments of `coffer receive` (showing an address).
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// The chain (default: btc when the wallet has it, else eth).
    #[arg(long, value_parser = crate::values::named::<crate::chain::Chain>())]
    pub chain: Option<Chain>,
    /// Amount requested, in BTC or ETH (exact decimal; `1500sat` for satoshis).
    #[arg(long, allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Label: stored on the address and put in the URI.
    #[arg(long, allow_hyphen_values = true)]
    pub label: Option<String>,
    /// Message for the payer (in the URI).
    #[arg(long, allow_hyphen_values = true)]
    pub message: Option<String>,
    /// EVM chain id for the EIP-681 URI (default: the only EVM backend's, when exactly
    /// one is set; else none).
    #[arg(long, value_name = "ID")]
    pub chain_id: Option<u64>,
    /// Print a QR code of the URI (default on a terminal).
    #[arg(long, conflicts_with = "no_qr")]
    pub qr: bool,
    /// No QR code.
    #[arg(long)]
    pub no_qr: bool,
}

/// Arguments of `coffer receive import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The raw transaction in hex, or `-` to read it from standard input.
    #[arg(long, value_name = "HEX", required_unless_present = "txid")]
    pub tx: Option<String>,
    /// Or fetch it, with its block, from the network's Bitcoin node (`wallet backend set
    /// btc`; the node needs -txindex or the transaction in its own wallet).
    #[arg(long, value_name = "TXID", conflicts_with_all = ["tx", "height", "block_time", "block_hash"])]
    pub txid: Option<String>,
    /// The wallet (default: the only one).
    #[arg(long)]
    pub wallet: Option<String>,
    /// Height of the block that confirmed it.
    #[arg(long, requires = "block_time")]
    pub height: Option<u32>,
    /// Time of that block: Unix seconds, a date or RFC 3339.
    #[arg(long, requires = "height", value_name = "TIME")]
    pub block_time: Option<String>,
    /// Hash of that block, when known (else a placeholder a sync replaces).
    #[arg(long, requires = "height", value_name = "HASH")]
    pub block_hash: Option<String>,
}

/// An address handed out by `receive`.
#[derive(Debug, Serialize)]
pub struct Receive {
    /// The wallet.
    pub wallet: String,
    /// `btc` or `eth`.
    pub chain: Chain,
    /// The address.
    pub address: String,
    /// Its index on the receiving branch.
    pub index: u32,
    /// Its derivation path.
    pub path: String,
    /// BIP-21 or EIP-681 payment URI.
    pub uri: String,
    /// Amount requested (decimal), if any.
    pub amount: Option<String>,
    /// The same in the smallest unit (sat or wei), as a string.
    pub amount_units: Option<String>,
    /// The label.
    pub label: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The QR code as text (only with --qr or on a terminal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qr: Option<String>,
}

impl Report for Receive {
    fn human(&self, out: &mut Human) {
        out.kv("Address", &self.address);
        out.kv("URI", &self.uri);
        out.kv("Wallet", &self.wallet);
        out.kv("Path", &self.path);
        if let Some(a) = &self.amount {
            let unit = if self.chain == Chain::Btc {
                "BTC"
            } else {
                "ETH"
            };
            out.kv("Amount", format!("{a} {unit}"));
        }
        if let Some(l) = &self.label {
            out.kv("Label", l);
        }
        if let Some(qr) = &self.qr {
            out.raw("\n");
            out.raw(qr);
        }
    }
}

/// Runs `coffer receive`.
pub fn show(ctx: &Ctx, args: ShowArgs) -> Result<Receive> {
    let unlocked = ctx.unlock()?;
    let label = args
        .label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    // One decryption: the wallet is resolved, the arguments checked against it and the
    // address handed out in the write's transaction (an error there changes nothing).
    let (wallet, chain, path, index, address, units, decimals, chain_id) =
        unlocked.vault.write(|conn| {
            let wallet = wallets::resolve(conn, args.wallet.as_deref())?;
            let account = wallet.account_for(args.chain)?;
            let chain = account.chain;
            let (units, decimals) = match (&args.amount, chain) {
                (None, _) => (None, 0),
                (Some(a), Chain::Btc) => (Some(u128::from(amount::parse_btc(a, "amount")?)), 8),
                (Some(a), _) => (Some(amount::parse_units(a, 18, "amount")?), 18),
            };
            if units == Some(0) {
                return Err(Error::invalid("amount", "must be more than zero"));
            }
            if args.chain_id.is_some() && chain == Chain::Btc {
                return Err(Error::invalid(
                    "chain-id",
                    "is for Ethereum; Bitcoin addresses carry their network",
                ));
            }
            // Ethereum accounts receive on their first address; Bitcoin hands out the
            // first one nobody has been given, deriving a new one when all are taken.
            let found = if chain == Chain::Eth {
                let next = wallets::next_index(conn, account.id, 0)?;
                (next > 0)
                    .then(|| account.addresses(0, 0, 1))
                    .transpose()?
                    .map(|mut a| (0, a.remove(0)))
            } else {
                wallets::first_unused_receiving(conn, account.id)?
            };
            let (index, address) = match found {
                Some(f) => f,
                None => {
                    let start = wallets::next_index(conn, account.id, 0)?;
                    let addresses = account.addresses(0, start, 1)?;
                    wallets::insert_addresses(
                        conn,
                        &NewAddresses {
                            account_id: account.id,
                            change: 0,
                            start,
                            addresses: &addresses,
                            label: None,
                            purpose: None,
                        },
                        clock::now(),
                    )?;
                    (start, addresses[0].clone())
                }
            };
            if label.is_some() {
                wallets::set_label_at(conn, account.id, 0, index, label, None)?;
            }
            // Without --chain-id: the only EVM backend's, when exactly one is set.
            let chain_id = match args.chain_id {
                Some(id) => Some(id),
                None if chain != Chain::Btc => crate::sync::default_chain_id(conn, "").ok(),
                None => None,
            };
            let path = account.address_path(0, index);
            Ok((
                wallet.name.clone(),
                chain,
                path,
                index,
                address,
                units,
                decimals,
                chain_id,
            ))
        })?;
    let uri = if chain == Chain::Btc {
        bip21(&address, units, label, args.message.as_deref())
    } else {
        eip681(&address, chain_id, units)
    };
    let want_qr = args.qr || (!args.no_qr && ctx.out.wants_qr());
    let qr = want_qr.then(|| qr_text(&qr_payload(&uri))).transpose()?;
    Ok(Receive {
        wallet,
        chain,
        path,
        address,
        index,
        uri,
        amount: units.map(|u| amount::format_units(u, decimals, false)),
        amount_units: units.map(|u| u.to_string()),
        label: label.map(str::to_string),
        message: args.message.clone(),
        qr,
    })
}

/// What `receive import` did.
#[derive(Debug, Serialize)]
pub struct ImportView {
    /// `applied` (the vault changed), `unchanged` (already known as is) or `queued`
    /// (the vault is locked: applied at the next unlock).
    pub result: &'static str,
    /// The transaction id.
    pub txid: String,
    /// The wallet (null when queued without --wallet).
    pub wallet: Option<String>,
    /// `pending` or `confirmed` (null when queued).
    pub status: Option<String>,
    /// Net effect on the wallet in BTC (null when queued).
    pub amount: Option<String>,
    /// The same in satoshis.
    pub amount_sat: Option<i64>,
    /// Block height when confirmed (null when queued: a block given while locked is
    /// not trusted).
    pub height: Option<u32>,
    /// Our receiving addresses among the outputs.
    pub our_addresses: Vec<String>,
    /// The sender's addresses, where the inputs reveal them.
    pub from_addresses: Vec<String>,
}

impl Report for ImportView {
    fn human(&self, out: &mut Human) {
        match self.result {
            "queued" => {
                out.line(format!(
                    "The vault is locked: transaction {} is queued and will be applied at the next `coffer login`, as pending: anyone can write to the inbox, so a block given while locked is not trusted; `coffer wallet sync`, or `coffer receive import` with its block while logged in, confirms it.",
                    self.txid
                ));
                return;
            }
            "unchanged" => out.line("Already imported; nothing changed."),
            _ => out.line("Imported."),
        }
        out.kv("Transaction", &self.txid);
        out.kv("Wallet", self.wallet.as_deref().unwrap_or("-"));
        out.kv("Status", self.status.as_deref().unwrap_or("-"));
        if let Some(h) = self.height {
            out.kv("Height", h.to_string());
        }
        out.kv(
            "Amount",
            format!("{} BTC", self.amount.as_deref().unwrap_or("-")),
        );
        out.kv("To (ours)", self.our_addresses.join(", "));
        if !self.from_addresses.is_empty() {
            out.kv("From", self.from_addresses.join(", "));
        }
    }
}

/// `receive import --txid`: the transaction and its block from the node, then the same
/// import as a raw one.
fn import_from_node(ctx: &Ctx, args: &ImportArgs, txid: &str) -> Result<ImportView> {
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let id: bitcoin::Txid = txid
        .trim()
        .parse()
        .map_err(|_| Error::invalid("txid", format!("'{txid}' is not a transaction id")))?;
    let unlocked = ctx.unlock()?;
    let conn = unlocked.vault.read()?;
    let w = wallets::resolve(&conn, args.wallet.as_deref())?;
    let account = w.account_for(Some(Chain::Btc))?;
    let network = btc_wallet::account_network(account)?;
    let node = crate::sync::btc_rpc(&conn, network)?.ok_or_else(|| {
        Error::invalid(
            "txid",
            format!(
                "no Bitcoin node for {}: set one with `coffer wallet backend set btc`, or import the raw transaction with --tx",
                network.name()
            ),
        )
    })?;
    drop(conn);
    // getrawtransaction (mempool, or any with -txindex), else the node wallet's own.
    let (raw_tx, blockhash) = match node.get_raw_transaction_info(&id, None) {
        Ok(info) => (info.hex, info.blockhash),
        Err(first) => match node.get_transaction(&id, None) {
            Ok(t) => (t.hex, t.info.blockhash),
            Err(_) => {
                return Err(Error::Backend(format!(
                    "the node does not have transaction {id} ({first}); it needs -txindex, or the transaction in its wallet"
                )));
            }
        },
    };
    let mut block = (None, None, None);
    if let Some(hash) = blockhash {
        let header = node
            .get_block_header_info(&hash)
            .map_err(crate::chain::btc::rpc::node_error)?;
        block = (
            Some(header.height as u32),
            Some(header.time.to_string()),
            Some(hash.to_string()),
        );
    }
    let raw = ImportArgs {
        tx: Some(hex::encode(&raw_tx)),
        txid: None,
        wallet: Some(w.name.clone()),
        height: block.0,
        block_time: block.1,
        block_hash: block.2,
    };
    import(ctx, raw)
}

/// Runs `coffer receive import`.
pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<ImportView> {
    if let Some(txid) = &args.txid {
        return import_from_node(ctx, &args, txid);
    }
    let tx_arg = args.tx.clone().unwrap_or_default();
    let hex = if tx_arg == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Error::invalid("tx", format!("cannot read standard input: {e}")))?;
        s
    } else {
        tx_arg
    };
    let hex = hex.trim().to_string();
    let tx: bitcoin::Transaction = bitcoin::consensus::encode::deserialize_hex(&hex)
        .map_err(|e| Error::invalid("tx", format!("not a raw Bitcoin transaction ({e})")))?;
    let block_time = args
        .block_time
        .as_deref()
        .map(|t| match t.parse::<u64>() {
            Ok(secs) => Ok(secs),
            Err(_) => clock::parse_date(t, clock::now()).map(|s| s.max(0) as u64),
        })
        .transpose()?;
    let block_hash = args
        .block_hash
        .as_deref()
        .map(|h| {
            h.parse::<bitcoin::BlockHash>()
                .map_err(|_| Error::invalid("block-hash", format!("'{h}' is not a block hash")))
        })
        .transpose()?;
    let confirmation = match (args.height, block_time) {
        (Some(height), Some(time)) => Some(Confirmation {
            height,
            time,
            hash: block_hash,
        }),
        _ => None,
    };
    let txid = tx.compute_txid().to_string();
    let unlocked = match ctx.unlock() {
        Ok(u) => u,
        Err(Error::Locked { .. } | Error::SessionExpired { .. }) => {
            let user = ctx.resolve_user()?;
            let paths = ctx.home.user(&user);
            let profile = Profile::load(&paths)?;
            let item = inbox::Item::BtcTxImport(inbox::TxImport {
                wallet: args.wallet.clone(),
                hex,
                height: args.height,
                block_time,
                block_hash: block_hash.map(|h| h.to_string()),
            });
            inbox::post(&paths, &profile.recipient()?, &item)?;
            return Ok(ImportView {
                result: "queued",
                txid,
                wallet: args.wallet,
                status: None,
                amount: None,
                amount_sat: None,
                // A claim until the vault confirms it (see vault::apply_queued_imports).
                height: None,
                our_addresses: vec![],
                from_addresses: vec![],
            });
        }
        Err(e) => return Err(e),
    };
    let done = unlocked.vault.write(|conn| {
        btc_wallet::import_tx(
            conn,
            args.wallet.as_deref(),
            tx,
            confirmation,
            clock::now_ms(),
        )
    })?;
    let r = done.record;
    let sat = i64::try_from(r.amount).unwrap_or(i64::MAX);
    Ok(ImportView {
        result: if done.changed { "applied" } else { "unchanged" },
        txid: r.txid,
        wallet: Some(done.wallet),
        status: Some(r.status),
        amount: Some(amount::format_btc_signed(sat)),
        amount_sat: Some(sat),
        height: r.height,
        our_addresses: r.our_addresses,
        from_addresses: r.from_addresses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            bip21("bc1qx", Some(150_000), Some("Bob & Alice"), None),
            "bitcoin:bc1qx?amount=0.0015&label=Bob%20%26%20Alice"
        );
        assert_eq!(bip21("bc1qx", None, None, None), "bitcoin:bc1qx");
        assert_eq!(
            eip681("0xAb", Some(1), Some(10u128.pow(18))),
            "ethereum:0xAb@1?value=1000000000000000000"
        );
        assert_eq!(qr_payload("bitcoin:bc1qx"), "BITCOIN:BC1QX");
        assert_eq!(qr_payload("bc1qx"), "BC1QX");
        assert_eq!(qr_payload("bitcoin:bc1qx?label=a"), "bitcoin:bc1qx?label=a");
        assert_eq!(qr_payload("1BvBMSEY"), "1BvBMSEY");
    }
}
