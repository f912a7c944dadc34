//! The Bitcoin wallet of an account: a `bdk_wallet::Wallet` built from the account's
//! public descriptors (keys never enter it; signing is done on the PSBT with the
//! vault's xprv), persisted inside the vault as bdk change sets (see `vault::txs`).
//!
//! Every change goes through [`BtcWallet::save`], which stores the staged change set and
//! brings coffer's own indexed tables up to date: addresses bdk revealed (change), the
//! account balance, the usage of each address, and the history rows of the transactions
//! touched. Read commands use those tables and never rebuild a wallet.

pub mod rebuild;
pub mod send;

use crate::chain::Network;
use crate::chain::asset::Asset;
use crate::error::{Error, Result};
use crate::vault::txs::{self, Direction, Status, TxRecord};
use crate::vault::wallets::{self, AccountRow, NewAddresses, WalletRow};
use anyhow::Context as _;
use bdk_wallet::chain::{
    BlockId, CanonicalizationParams, ChainOracle, ChainPosition, ConfirmationBlockTime, FullTxOut,
    Indexer as _, Merge,
};
use bdk_wallet::{ChangeSet, KeychainKind, Update, Wallet, WalletTx};
use bitcoin::hashes::Hash as _;
use bitcoin::{Address, BlockHash, OutPoint, Transaction, Txid};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Scripts bdk watches beyond the last revealed index of each branch (a sync uses its
/// gap limit instead).
const LOOKAHEAD: u32 = 25;
/// Change sets kept before they are merged into one row.
const COMPACT_AFTER: usize = 64;
/// Records a save computes on one thread before it spreads them over several.
const RECORDS_PER_THREAD: usize = 2_000;
/// Transactions from which an engine is freed on a thread of its own
/// ([`BtcWallet::free_apart`]).
const FREE_APART_FROM: usize = 5_000;

/// A bdk change set as stored (CBOR), without its transactions (stored apart) and with
/// its anchors as tuples: bdk's own serde form repeats four field names per anchor,
/// two thirds of a large wallet's change set.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredChangeSet {
    changes: ChangeSet,
    /// (height, block hash, confirmation time, txid)
    anchors: Vec<(u32, BlockHash, u64, Txid)>,
}

/// [`StoredChangeSet`] as it is written, borrowed: a change set (its anchors taken out
/// for the time) and the anchors, turned into tuples as they are written. Encoding a
/// large change set cloned it whole before (20 MB at 100,000 transactions).
#[derive(serde::Serialize)]
struct StoredChangeSetRef<'a> {
    changes: &'a ChangeSet,
    anchors: StoredAnchors<'a>,
}

/// A change set's anchors, written as [`StoredChangeSet::anchors`] is.
struct StoredAnchors<'a>(&'a BTreeSet<(ConfirmationBlockTime, Txid)>);

impl serde::Serialize for StoredAnchors<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(a, txid)| {
            (
                a.block_id.height,
                a.block_id.hash,
                a.confirmation_time,
                txid,
            )
        }))
    }
}

/// `cs` as stored ([`StoredChangeSet`]); `cs` is as it was after.
fn encode_changeset(cs: &mut ChangeSet) -> Result<Vec<u8>> {
    let anchors = std::mem::take(&mut cs.tx_graph.anchors);
    let mut data = vec![];
    let written = ciborium::into_writer(
        &StoredChangeSetRef {
            changes: cs,
            anchors: StoredAnchors(&anchors),
        },
        &mut data,
    );
    cs.tx_graph.anchors = anchors;
    written.context("encoding the Bitcoin wallet state")?;
    Ok(data)
}

fn decode_changeset(data: &[u8]) -> Result<ChangeSet> {
    let stored: StoredChangeSet = ciborium::from_reader(data)
        .map_err(|e| anyhow::anyhow!("the stored Bitcoin wallet state is unreadable: {e}"))?;
    let mut cs = stored.changes;
    cs.tx_graph.anchors.extend(
        stored
            .anchors
            .into_iter()
            .map(|(height, hash, time, txid)| {
                (
                    ConfirmationBlockTime {
                        block_id: BlockId { height, hash },
                        confirmation_time: time,
                    },
                    txid,
                )
            }),
    );
    Ok(cs)
}

/// What a reading (a sync on a snapshot of the vault) added to an account's engine
/// state: one change set and the raw transactions, to store in the vault under the lock
/// (see [`engine_delta`], [`apply_engine_delta`]).
#[derive(Debug, Default)]
pub struct EngineDelta {
    /// The change set (encoded as stored), or empty when nothing changed.
    data: Option<Vec<u8>>,
    /// Raw transactions with their txids.
    raw: Vec<([u8; 32], Vec<u8>)>,
}

/// What `conn` (a snapshot whose account `account_id` had the change sets `before` and
/// the raw transactions `known`) holds more than that: the change sets added since,
/// merged (all of them when the snapshot compacted them), and the raw transactions
/// added since.
pub fn engine_delta(
    conn: &Connection,
    account_id: i64,
    before: &[Vec<u8>],
    known: &std::collections::HashSet<Vec<u8>>,
) -> Result<EngineDelta> {
    let after = txs::changesets(conn, account_id)?;
    let added = if after.starts_with(before) {
        &after[before.len()..]
    } else {
        &after[..]
    };
    let mut cs = ChangeSet::default();
    for data in added {
        cs.merge(decode_changeset(data)?);
    }
    let data = if cs.is_empty() {
        None
    } else {
        Some(encode_changeset(&mut cs)?)
    };
    let mut raw = vec![];
    for (id, r) in txs::raw_txs_with_ids(conn, account_id)? {
        if known.contains(&id) {
            continue;
        }
        let id: [u8; 32] = id
            .try_into()
            .map_err(|_| anyhow::anyhow!("a stored transaction id is malformed"))?;
        raw.push((id, r));
    }
    Ok(EngineDelta { data, raw })
}

impl EngineDelta {
    /// Whether the reading added nothing to the engine.
    pub fn is_empty(&self) -> bool {
        self.data.is_none() && self.raw.is_empty()
    }
}

/// Stores an [`EngineDelta`] for `account_id` (its change set merges with what is there).
pub fn apply_engine_delta(conn: &Connection, account_id: i64, d: &EngineDelta) -> Result<()> {
    txs::add_raw_txs(conn, account_id, &d.raw)?;
    if let Some(data) = &d.data {
        txs::add_changeset(conn, account_id, data, false)?;
    }
    Ok(())
}

/// The blocks of a wallet's chain by height: bdk's questions "is this block in the
/// chain?" answered in constant time. bdk's own `LocalChain` answers each by walking its
/// checkpoints down from the tip, and a canonicalization (the balance, the transaction
/// list, `Wallet::get_tx`) asks once per anchored transaction: transactions × blocks, the
/// step that made saving 100,000 transactions 50 times slower than saving 10,000. Built
/// once per canonicalization (one walk of the chain), it answers exactly as `LocalChain`.
#[derive(Debug, Clone)]
pub struct ChainIndex {
    tip: BlockId,
    blocks: HashMap<u32, BlockHash>,
}

impl ChainIndex {
    /// The index of `wallet`'s chain as it is now.
    pub fn of(wallet: &Wallet) -> Self {
        let cp = wallet.latest_checkpoint();
        ChainIndex {
            tip: cp.block_id(),
            blocks: cp.iter().map(|c| (c.height(), c.hash())).collect(),
        }
    }
}

impl ChainOracle for ChainIndex {
    type Error = std::convert::Infallible;

    /// As `LocalChain`: unknown (`None`) unless `chain_tip` is in the chain; then whether
    /// the chain has `block` at its height (`None` when it has no block there, or the
    /// height is above `chain_tip`).
    fn is_block_in_chain(
        &self,
        block: BlockId,
        chain_tip: BlockId,
    ) -> std::result::Result<Option<bool>, Self::Error> {
        if self.blocks.get(&chain_tip.height) != Some(&chain_tip.hash)
            || block.height > chain_tip.height
        {
            return Ok(None);
        }
        Ok(self.blocks.get(&block.height).map(|h| *h == block.hash))
    }

    fn get_chain_tip(&self) -> std::result::Result<BlockId, Self::Error> {
        Ok(self.tip)
    }
}

/// The rows of floating outputs (`txs::add_txouts`) of `outs`.
fn floating_rows(outs: &BTreeMap<OutPoint, bitcoin::TxOut>) -> Vec<txs::FloatingTxOut> {
    outs.iter()
        .map(|(op, out)| {
            (
                op.txid.to_byte_array(),
                op.vout,
                out.value.to_sat(),
                out.script_pubkey.to_bytes(),
            )
        })
        .collect()
}

/// Every canonical transaction of `wallet`'s graph, relevant or not (what
/// `Wallet::get_tx` looks through), in one canonicalization against `chain`.
pub fn canonical_txs<'w>(wallet: &'w Wallet, chain: &'w ChainIndex) -> Vec<WalletTx<'w>> {
    wallet
        .tx_graph()
        .list_canonical_txs(chain, chain.tip, CanonicalizationParams::default())
        .collect()
}

/// The wallet's transactions as `Wallet::transactions` lists them (canonical and
/// relevant), in one canonicalization against `chain`.
pub fn wallet_txs<'w>(wallet: &'w Wallet, chain: &'w ChainIndex) -> Vec<WalletTx<'w>> {
    let index = wallet.spk_index();
    wallet
        .tx_graph()
        .list_canonical_txs(chain, chain.tip, CanonicalizationParams::default())
        .filter(|t| index.is_tx_relevant(&t.tx_node.tx))
        .collect()
}

/// The wallet's balance as `Wallet::balance` computes it, against `chain`.
pub fn wallet_balance(wallet: &Wallet, chain: &ChainIndex) -> bdk_wallet::Balance {
    wallet.tx_graph().balance(
        chain,
        chain.tip,
        CanonicalizationParams::default(),
        wallet.spk_index().outpoints().iter().cloned(),
        |&(k, _), _| k == KeychainKind::Internal,
    )
}

/// The wallet's balance as [`wallet_balance`] computes it (bdk's `TxGraph::balance`), from
/// the canonical transactions already listed (`all`, from [`canonical_txs`], and the
/// same by txid: `canonical`; the coins they spend are gathered walking `all`, in the
/// order their transactions lie in memory, not the map's), instead of a
/// canonicalization of its own (a second walk of the whole graph in a save): the outputs
/// of the wallet's scripts in canonical transactions that no canonical transaction
/// spends, each counted as bdk counts it (its `FullTxOut` tells maturity and
/// confirmation; change is trusted when pending). And, in the same pass, the usage of
/// each address with activity (`txs::Usage`): the canonical transactions paying to it
/// or spending one of its outputs, each counted once, and the unspent amount of its
/// outputs. One walk of the wallet's own outputs, which bdk's index keeps by address
/// (`outpoints`), with the two lookups the balance needs: no output script is looked
/// up again.
pub fn balance_and_usage(
    wallet: &Wallet,
    chain: &ChainIndex,
    all: &[WalletTx<'_>],
    canonical: &HashMap<Txid, &WalletTx<'_>>,
) -> (bdk_wallet::Balance, txs::Usage) {
    // The coins the canonical transactions spend, and which one spends each, by its
    // place in `all` (a coinbase's one input spends no coin). Places, not txids: the
    // map's entries are 40 bytes instead of 68, and the walk below reads them at
    // random (4 MB at 100,000 transactions).
    let mut spent: HashMap<OutPoint, u32> = HashMap::with_capacity(canonical.len());
    for (at, t) in (0u32..).zip(all) {
        if !t.tx_node.tx.is_coinbase() {
            for i in &t.tx_node.tx.input {
                spent.insert(i.previous_output, at);
            }
        }
    }
    let tip = chain.tip.height;
    let mut b = bdk_wallet::Balance::default();
    // Each address with activity: its key, the transactions touching it (its outputs
    // come together, in key order) and their unspent amount.
    let mut usage: Vec<((u32, u32), (u32, u128))> = vec![];
    let mut address: Option<((u32, u32), u128)> = None;
    let mut touching: Vec<Txid> = vec![];
    let mut count = |address: Option<((u32, u32), u128)>, touching: &mut Vec<Txid>| {
        if let Some((key, unspent)) = address {
            touching.sort_unstable();
            touching.dedup();
            usage.push((key, (touching.len() as u32, unspent)));
        }
        touching.clear();
    };
    for ((keychain, index), op) in wallet.spk_index().outpoints() {
        let Some(t) = canonical.get(&op.txid) else {
            continue;
        };
        let Some(txout) = t.tx_node.tx.output.get(op.vout as usize) else {
            continue;
        };
        let key = (branch(*keychain), *index);
        let walking = match &mut address {
            Some((k, unspent)) if *k == key => unspent,
            _ => {
                count(address, &mut touching);
                &mut address.insert((key, 0)).1
            }
        };
        touching.push(op.txid);
        if let Some(&by) = spent.get(op) {
            touching.push(all[by as usize].tx_node.txid);
            continue;
        }
        *walking += u128::from(txout.value.to_sat());
        // Maturity and confirmation, as bdk tells them (its script is not looked at:
        // not copied either).
        let out = FullTxOut {
            chain_position: t.chain_position,
            outpoint: *op,
            txout: bitcoin::TxOut {
                value: txout.value,
                script_pubkey: bitcoin::ScriptBuf::new(),
            },
            spent_by: None,
            is_on_coinbase: t.tx_node.tx.is_coinbase(),
        };
        match out.chain_position {
            ChainPosition::Confirmed { .. } => {
                if out.is_confirmed_and_spendable(tip) {
                    b.confirmed += out.txout.value;
                } else if !out.is_mature(tip) {
                    b.immature += out.txout.value;
                }
            }
            ChainPosition::Unconfirmed { .. } => {
                if *keychain == KeychainKind::Internal {
                    b.trusted_pending += out.txout.value;
                } else {
                    b.untrusted_pending += out.txout.value;
                }
            }
        }
    }
    count(address, &mut touching);
    // In key order already (bdk's index keeps outputs by address): built in one pass.
    (b, usage.into_iter().collect())
}

/// The first fields of a transaction's order (`Ord for Transaction`: version, lock
/// time, inputs, outputs), kept beside it to sort many: bdk's change set keeps its
/// transactions in a `BTreeSet` ordered by content, and built one insertion at a time
/// each of 100,000 transactions was compared with 17 others through their pointers (90
/// ms of a write's load at 100,000, most of it cache misses). Sorted by this key first
/// (equal keys by the whole transactions), the set is built from the sorted list in
/// one pass.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct TxOrder {
    version: i32,
    lock_time: u32,
    /// The first input's outpoint (none sorts first, as an empty list of inputs does).
    first: Option<([u8; 32], u32)>,
}

impl TxOrder {
    fn of(tx: &Transaction) -> Self {
        TxOrder {
            version: tx.version.0,
            lock_time: tx.lock_time.to_consensus_u32(),
            first: tx.input.first().map(|i| {
                (
                    i.previous_output.txid.to_byte_array(),
                    i.previous_output.vout,
                )
            }),
        }
    }
}

/// Where an imported transaction was confirmed.
#[derive(Debug, Clone, Copy)]
pub struct Confirmation {
    /// Block height.
    pub height: u32,
    /// Block time (Unix seconds).
    pub time: u64,
    /// The block's hash, when known. Offline imports usually do not know it; a
    /// placeholder derived from the height stands in until a sync replaces it.
    pub hash: Option<BlockHash>,
}

impl Confirmation {
    fn block_id(&self) -> BlockId {
        let hash = self.hash.unwrap_or_else(|| {
            let mut seed = b"coffer offline confirmation ".to_vec();
            seed.extend_from_slice(&self.height.to_be_bytes());
            BlockHash::hash(&seed)
        });
        BlockId {
            height: self.height,
            hash,
        }
    }
}

/// A Bitcoin account's wallet, open for reading or changing.
pub struct BtcWallet<'a> {
    /// The bdk wallet.
    pub inner: Wallet,
    /// The account it belongs to.
    pub account: &'a AccountRow,
    /// Its network.
    pub network: bitcoin::Network,
    /// What it holds: bitcoin on its network.
    pub asset: Asset,
    /// Everything stored so far, merged (for compaction).
    base: ChangeSet,
    rows: usize,
    /// The records `save` wrote or confirmed, by txid.
    pub saved: Saved,
    /// Transactions a sync found conflicting with confirmed ones: `save` marks them
    /// `failed` unless a transaction of ours replaced them.
    pub failed: BTreeSet<Txid>,
    /// A reorganisation replaced the blocks from this height: `save` looks again at the
    /// transactions recorded as confirmed there.
    pub reorg_from: Option<u32>,
    /// Scripts watched past the last revealed index (to reload it alike).
    lookahead: u32,
    /// What [`BtcWallet::apply_tx`] staged so far, taken out of bdk as it comes (see
    /// [`Stash`]); [`BtcWallet::save`] stores it with whatever else bdk staged.
    stash: Stash,
}

/// Changes taken out of bdk's staged change set after each applied transaction. bdk
/// merges every update into one change set whose transactions are a `BTreeSet` ordered
/// by content: an import or a first sync applying transactions one at a time compared
/// each new one with log n of the others through their pointers (0.24 s of applying
/// 100,000 in the bench's generator, 18 × its time at 10,000). Here the transactions are
/// appended, and the rest (anchors, times seen, revealed indexes: small keys) is merged.
#[derive(Default)]
struct Stash {
    txs: Vec<Arc<Transaction>>,
    rest: ChangeSet,
}

impl std::fmt::Debug for BtcWallet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BtcWallet")
            .field("account", &self.account.id)
            .finish_non_exhaustive()
    }
}

fn keychain(change: u32) -> KeychainKind {
    if change == 0 {
        KeychainKind::External
    } else {
        KeychainKind::Internal
    }
}

/// `receiving` or `change`, as `addr list` names the branches.
pub fn keychain_name(k: KeychainKind) -> &'static str {
    match k {
        KeychainKind::External => "receiving",
        KeychainKind::Internal => "change",
    }
}

fn branch(k: KeychainKind) -> u32 {
    match k {
        KeychainKind::External => 0,
        KeychainKind::Internal => 1,
    }
}

/// The network of a Bitcoin account.
pub fn account_network(account: &AccountRow) -> Result<Network> {
    Ok(account
        .network
        .context("a Bitcoin account without a network")?)
}

impl<'a> BtcWallet<'a> {
    /// Builds the wallet of `account` from its stored change sets (or afresh), with every
    /// address coffer has handed out revealed.
    pub fn open(conn: &Connection, account: &'a AccountRow) -> Result<Self> {
        Self::open_with(conn, account, LOOKAHEAD)
    }

    /// [`BtcWallet::open`], watching `lookahead` scripts past the last revealed index of
    /// each branch (a sync's gap limit).
    pub fn open_with(conn: &Connection, account: &'a AccountRow, lookahead: u32) -> Result<Self> {
        if !crate::vault::store::engine_attached(conn)? {
            return Err(anyhow::anyhow!(
                "internal: the wallet engine's state is not loaded (Vault::read_full)"
            )
            .into());
        }
        let asset = Asset::Bitcoin {
            network: account_network(account)?,
        };
        let network = account_network(account)?.to_bitcoin();
        let external = account.external_descriptor.clone().ok_or_else(|| {
            Error::invalid(
                "wallet",
                "this Bitcoin account has no descriptor (a single-address watch-only import)",
            )
        })?;
        let internal = account.internal_descriptor.clone();
        let stored = txs::changesets(conn, account.id)?;
        let rows = stored.len();
        let mut base = ChangeSet::default();
        for data in &stored {
            base.merge(decode_changeset(data)?);
        }
        // The transactions are stored apart, in consensus encoding.
        let mut full = base.clone();
        let mut stored_txs = txs::raw_txs(conn, account.id)?
            .iter()
            .map(|raw| {
                let tx: Transaction = bitcoin::consensus::deserialize(raw)
                    .map_err(|e| anyhow::anyhow!("a stored transaction is unreadable: {e}"))?;
                Ok((TxOrder::of(&tx), Arc::new(tx)))
            })
            .collect::<Result<Vec<_>>>()?;
        stored_txs.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.cmp(b)));
        full.tx_graph
            .txs
            .append(&mut stored_txs.into_iter().map(|(_, t)| t).collect());
        let inner = if full.is_empty() {
            let params = match &internal {
                Some(int) => Wallet::create(external, int.clone()),
                None => Wallet::create_single(external),
            };
            params
                .network(network)
                .lookahead(lookahead)
                .use_spk_cache(true)
                .create_wallet_no_persist()
                .map_err(|e| anyhow::anyhow!("building the Bitcoin wallet: {e}"))?
        } else {
            let mut params = Wallet::load()
                .descriptor(KeychainKind::External, Some(external))
                .check_network(network)
                .lookahead(lookahead)
                .use_spk_cache(true);
            if let Some(int) = internal {
                params = params.descriptor(KeychainKind::Internal, Some(int));
            }
            params
                .load_wallet_no_persist(full)
                .map_err(|e| anyhow::anyhow!("loading the Bitcoin wallet: {e}"))?
                .context("the stored Bitcoin wallet state is empty")?
        };
        let mut w = BtcWallet {
            inner,
            account,
            network,
            asset,
            base,
            rows,
            saved: Saved::default(),
            failed: BTreeSet::new(),
            reorg_from: None,
            lookahead,
            stash: Stash::default(),
        };
        for change in w.branches() {
            let next = wallets::next_index(conn, account.id, change)?;
            if next > 0 {
                let _ = w.inner.reveal_addresses_to(keychain(change), next - 1);
            }
        }
        Ok(w)
    }

    /// Forgets the blocks above `height`: the node's chain got shorter (its tip was
    /// invalidated and nothing replaced it yet), which no bdk update can say. What was
    /// staged is saved, a change set removing the blocks is stored, and the wallet is
    /// loaded again from what is stored.
    pub fn truncate_chain(&mut self, conn: &Connection, height: u32) -> Result<()> {
        let mut cs = ChangeSet::default();
        for cp in self.inner.latest_checkpoint().range(height + 1..) {
            cs.local_chain.blocks.insert(cp.height(), None);
        }
        if cs.local_chain.blocks.is_empty() {
            return Ok(());
        }
        self.save(conn, &[], crate::clock::now_ms())?;
        txs::add_changeset(conn, self.account.id, &encode_changeset(&mut cs)?, false)?;
        let mut reloaded = BtcWallet::open_with(conn, self.account, self.lookahead)?;
        reloaded.failed = std::mem::take(&mut self.failed);
        reloaded.reorg_from = Some(height + 1);
        *self = reloaded;
        Ok(())
    }

    /// The master key fingerprint of the account's keys.
    pub fn fingerprint(&self) -> Option<bitcoin::bip32::Fingerprint> {
        self.account.fingerprint.as_deref()?.parse().ok()
    }

    /// The branches this account has: receive, and change unless it is a single
    /// descriptor.
    fn branches(&self) -> Vec<u32> {
        if self.account.internal_descriptor.is_some() {
            vec![0, 1]
        } else {
            vec![0]
        }
    }

    /// Applies a transaction learnt offline: unconfirmed (seen `now`), or confirmed in a
    /// block. Nothing is stored until [`BtcWallet::save`]; what bdk staged goes to the
    /// stash (see [`Stash`]), so `inner.staged()` no longer shows it.
    pub fn apply_tx(&mut self, tx: Transaction, confirmation: Option<Confirmation>, now: u64) {
        match confirmation {
            None => {
                // Seen after anything it conflicts with (a replacement made in the same
                // second must win): bdk prefers the most recently seen.
                let graph = self.inner.tx_graph();
                let txid = tx.compute_txid();
                let seen = tx
                    .input
                    .iter()
                    .flat_map(|i| graph.outspends(i.previous_output).iter().copied())
                    .filter(|t| *t != txid)
                    .filter_map(|t| match self.inner.get_tx(t)?.chain_position {
                        bdk_wallet::chain::ChainPosition::Unconfirmed { last_seen, .. } => {
                            last_seen
                        }
                        _ => None,
                    })
                    .fold(now, |acc, t| acc.max(t + 1));
                self.inner.apply_unconfirmed_txs([(tx, seen)]);
            }
            Some(c) => {
                let block_id = c.block_id();
                let txid = tx.compute_txid();
                let mut update = Update::default();
                update.tx_update.txs.push(Arc::new(tx));
                update.tx_update.anchors.insert((
                    ConfirmationBlockTime {
                        block_id,
                        confirmation_time: c.time,
                    },
                    txid,
                ));
                update.chain = Some(self.inner.latest_checkpoint().insert(block_id));
                // The update is built on our own tip, so it always connects.
                let _ = self.inner.apply_update(update);
            }
        }
        self.stash_staged();
    }

    /// Drops the engine, one of [`FREE_APART_FROM`] transactions or more on a thread of
    /// its own: freeing bdk's graph is allocator work that grows with the transactions
    /// (56 ms of a one-transaction import at 100,000, 127 ms of the bench's bulk apply
    /// there), and nothing needs to wait for it. The caller goes on to write the vault;
    /// if the process ends first, the system takes the memory back whole. bdk wipes
    /// nothing when it frees, on either thread.
    pub fn free_apart(self) {
        let BtcWallet {
            inner,
            base,
            saved,
            stash,
            failed,
            ..
        } = self;
        let held = base.tx_graph.anchors.len() + base.tx_graph.last_seen.len() + saved.len();
        let parts = (inner, base, saved, stash, failed);
        if held >= FREE_APART_FROM {
            // Dropped here if the thread cannot start.
            let _ = std::thread::Builder::new()
                .name("free-engine".into())
                .spawn(move || drop(parts));
        }
    }

    /// Moves what bdk staged into [`BtcWallet::stash`].
    fn stash_staged(&mut self) {
        if let Some(mut cs) = self.inner.take_staged() {
            self.stash.txs.extend(std::mem::take(&mut cs.tx_graph.txs));
            self.stash.rest.merge(cs);
        }
    }

    /// Everything staged since the last save: the stash and what bdk staged since, with
    /// the transactions apart (`None` when nothing is).
    fn take_staged(&mut self) -> Option<(ChangeSet, Vec<Arc<Transaction>>)> {
        self.stash_staged();
        let Stash { txs, rest } = std::mem::take(&mut self.stash);
        (!txs.is_empty() || !rest.is_empty()).then_some((rest, txs))
    }

    /// Raises the wallet's chain tip to `height` (with the placeholder block of an
    /// offline confirmation, which a sync replaces), so that confirmations count from
    /// where the wallet had got to. A lower height changes nothing.
    pub fn extend_tip(&mut self, height: u32) {
        if height <= self.inner.latest_checkpoint().height() {
            return;
        }
        let block_id = Confirmation {
            height,
            time: 0,
            hash: None,
        }
        .block_id();
        let update = Update {
            chain: Some(self.inner.latest_checkpoint().insert(block_id)),
            ..Update::default()
        };
        // Built on our own tip, so it always connects.
        let _ = self.inner.apply_update(update);
    }

    /// The wallet's balance, as `Wallet::balance` computes it (against a [`ChainIndex`]).
    pub fn balance(&self) -> bdk_wallet::Balance {
        wallet_balance(&self.inner, &ChainIndex::of(&self.inner))
    }

    /// Whether `tx` pays to or spends from this wallet.
    pub fn is_relevant(&self, tx: &Transaction) -> bool {
        let (sent, received) = self.inner.sent_and_received(tx);
        sent.to_sat() > 0 || received.to_sat() > 0
    }

    /// The history record of `txid` as the wallet sees it now (`None` if the wallet does
    /// not hold it as canonical).
    pub fn record(&self, txid: Txid) -> Option<TxRecord> {
        Some(self.record_of(&self.inner.get_tx(txid)?))
    }

    /// The records of `wtxs` ([`BtcWallet::record_of`]; `None` stays `None`), in order:
    /// on a few threads when there are many. A first sync's records are CPU work alone
    /// (addresses encoded, the keys of inputs parsed), a quarter of its save on one core.
    fn records_of(&self, wtxs: &[Option<&WalletTx<'_>>]) -> Vec<Option<TxRecord>> {
        // Each thread writes its part of the one list (no list per thread to join).
        let fill = |c: &[Option<&WalletTx<'_>>], out: &mut [Option<TxRecord>]| {
            for (t, slot) in c.iter().zip(out) {
                *slot = t.map(|t| self.record_of(t));
            }
        };
        let mut out: Vec<Option<TxRecord>> = vec![None; wtxs.len()];
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads < 2 || wtxs.len() < RECORDS_PER_THREAD * 2 {
            fill(wtxs, &mut out);
            return out;
        }
        let chunk = wtxs.len().div_ceil(threads).max(RECORDS_PER_THREAD);
        std::thread::scope(|s| {
            let running: Vec<_> = wtxs
                .chunks(chunk)
                .zip(out.chunks_mut(chunk))
                .map(|(c, o)| s.spawn(move || fill(c, o)))
                .collect();
            for h in running {
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            }
        });
        out
    }

    /// The history record of a canonical wallet transaction.
    fn record_of(&self, wtx: &bdk_wallet::WalletTx<'_>) -> TxRecord {
        let txid = wtx.tx_node.txid;
        let tx = &wtx.tx_node.tx;
        let (sent, received) = self.inner.sent_and_received(tx);
        let (sent, received) = (sent.to_sat(), received.to_sat());
        let mine = |o: &bitcoin::TxOut| self.inner.is_mine(o.script_pubkey.clone());
        let address = |s: &bitcoin::Script| {
            Address::from_script(s, self.network)
                .map(|a| a.to_string())
                .ok()
        };
        let direction = if sent == 0 {
            Direction::Receive
        } else if tx.output.iter().all(mine) {
            Direction::ToSelf
        } else {
            Direction::Send
        };
        let our_addresses: Vec<String> = tx
            .output
            .iter()
            .filter(|o| mine(o))
            .filter_map(|o| address(&o.script_pubkey))
            .collect();
        let from_addresses: Vec<String> = tx
            .input
            .iter()
            .filter_map(
                |i| match self.inner.tx_graph().get_txout(i.previous_output) {
                    Some(prev) => address(&prev.script_pubkey),
                    None => input_address(i, self.network),
                },
            )
            .collect::<Vec<_>>()
            .into_iter()
            .fold(vec![], |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            });
        let counterparty = match direction {
            Direction::Receive => from_addresses.first().cloned(),
            Direction::Send => tx
                .output
                .iter()
                .find(|o| !mine(o))
                .and_then(|o| address(&o.script_pubkey)),
            Direction::ToSelf => None,
        };
        let (status, height, block_time) = match &wtx.chain_position {
            bdk_wallet::chain::ChainPosition::Confirmed { anchor, .. } => (
                Status::Confirmed,
                Some(anchor.block_id.height),
                Some(anchor.confirmation_time),
            ),
            bdk_wallet::chain::ChainPosition::Unconfirmed { .. } => (Status::Pending, None, None),
        };
        TxRecord {
            account_id: self.account.id,
            txid: txid.to_string(),
            asset: self.asset.clone(),
            direction,
            amount: i128::from(received) - i128::from(sent),
            fee: self.own_fee(tx),
            status,
            height,
            block_time,
            counterparty,
            our_addresses,
            from_addresses,
        }
    }

    /// The fee of `tx` when this wallet paid it: every input spends one of our coins. A
    /// payment to us (the sender's inputs), or one we only share in, has no fee of ours
    /// (as Bitcoin Core's `gettransaction` reports it).
    fn own_fee(&self, tx: &Transaction) -> Option<u64> {
        let graph = self.inner.tx_graph();
        let all_ours = !tx.input.is_empty()
            && tx.input.iter().all(|i| {
                graph
                    .get_txout(i.previous_output)
                    .is_some_and(|p| self.inner.is_mine(p.script_pubkey.clone()))
            });
        if !all_ours {
            return None;
        }
        self.inner.calculate_fee(tx).ok().map(|f| f.to_sat())
    }

    /// Evicts `txid` and every unconfirmed transaction of the wallet spending its outputs
    /// (`send abandon`; `txid` must not be confirmed): none of them is canonical any more, so the coins they spend are
    /// the wallet's again. The eviction is stored with the next [`BtcWallet::save`] and
    /// holds until a sync sees one of them again (in a block, or in a node's mempool
    /// after the abandon). Returns the transactions evicted, `txid` first.
    pub fn abandon(&mut self, txid: Txid, now: u64) -> Vec<Txid> {
        let graph = self.inner.tx_graph();
        let mut out = vec![txid];
        out.extend(graph.walk_descendants(txid, |_, t| Some(t)));
        // Confirmed ones stay; one the wallet no longer holds as canonical (a sync found
        // it in no block and no mempool) is abandoned all the same.
        out.retain(|t| {
            !self
                .inner
                .get_tx(*t)
                .is_some_and(|w| w.chain_position.is_confirmed())
        });
        let evictions: Vec<(Txid, u64)> = out
            .iter()
            .filter(|t| self.inner.get_tx(**t).is_some())
            .map(|t| {
                let seen = match self.inner.get_tx(*t).map(|w| w.chain_position) {
                    Some(bdk_wallet::chain::ChainPosition::Unconfirmed {
                        last_seen: Some(s),
                        ..
                    }) => s,
                    _ => 0,
                };
                (*t, now.max(seen))
            })
            .collect();
        self.inner.apply_evicted_txs(evictions);
        out
    }

    /// Stores what changed and refreshes coffer's tables: revealed addresses, balance,
    /// address usage, and the history rows of `touched` and of every pending
    /// transaction. Returns the number of history rows that changed.
    pub fn save(&mut self, conn: &Connection, touched: &[Txid], now_ms: i64) -> Result<usize> {
        // The floating outputs go beside the raw transactions (`history show` reads them
        // there): the new ones, or all of them the first time.
        let complete = txs::txouts_complete(conn, self.account.id)?;
        let mut floating = vec![];
        if let Some((mut staged, new_txs)) = self.take_staged() {
            let mut raw: Vec<([u8; 32], Vec<u8>)> = new_txs
                .iter()
                .map(|t| {
                    let id = t.compute_txid().to_byte_array();
                    (id, bitcoin::consensus::serialize(t.as_ref()))
                })
                .collect();
            // In key order: each row lands next to the last in the table's b-tree (they
            // come in the order they were applied, or bdk's, by content); one applied
            // twice is stored once.
            raw.sort_unstable();
            raw.dedup();
            txs::add_raw_txs(conn, self.account.id, &raw)?;
            if complete {
                floating = floating_rows(&staged.tx_graph.txouts);
            }
            // The change set is stored (a delta encoded before it is merged, a
            // compaction after) and merged into `base` by move: a first sync's is 20 MB
            // at 100,000 transactions, and it was copied to be merged.
            if !staged.is_empty() {
                let compact = self.rows + 1 >= COMPACT_AFTER;
                let delta = (!compact)
                    .then(|| encode_changeset(&mut staged))
                    .transpose()?;
                self.base.merge(staged);
                let data = match delta {
                    Some(data) => data,
                    None => encode_changeset(&mut self.base)?,
                };
                txs::add_changeset(conn, self.account.id, &data, compact)?;
                self.rows = if compact { 1 } else { self.rows + 1 };
            }
        }
        if !complete {
            floating = floating_rows(&self.base.tx_graph.txouts);
        }
        txs::add_txouts(conn, self.account.id, &floating)?;
        if !complete {
            txs::set_txouts_complete(conn, self.account.id)?;
        }
        self.mirror_addresses(conn, now_ms / 1000)?;
        // One canonicalization for the balance, the address usage and every record (each
        // bdk query would canonicalize the whole graph), against an index of the chain
        // (see [`ChainIndex`]). Every canonical transaction, relevant or not (a conflict
        // of ours need not be), by txid: what `Wallet::get_tx` would find.
        let chain = ChainIndex::of(&self.inner);
        let all = canonical_txs(&self.inner, &chain);
        let by_txid: HashMap<Txid, &WalletTx<'_>> =
            all.iter().map(|t| (t.tx_node.txid, t)).collect();
        let (b, usage) = balance_and_usage(&self.inner, &chain, &all, &by_txid);
        txs::set_balance(
            conn,
            self.account.id,
            &txs::Balance {
                confirmed: u128::from(b.confirmed.to_sat()),
                pending: u128::from(b.trusted_pending.to_sat() + b.untrusted_pending.to_sat()),
                immature: u128::from(b.immature.to_sat()),
                tip_height: Some(self.inner.latest_checkpoint().height()),
                updated_at: now_ms / 1000,
            },
        )?;
        let mut ids: HashSet<Txid> = touched.iter().copied().collect();
        // One read of the account's recorded txids: the pending ones are looked at
        // again, and a record not among them is written without a lookup first.
        let mut recorded = HashSet::new();
        for (mut key, status) in txs::recorded_keys(conn, self.account.id)? {
            // Stored in display order; a `Txid` keeps the bytes reversed.
            key.reverse();
            let t = Txid::from_byte_array(key);
            if status == Status::Pending {
                ids.insert(t);
            }
            recorded.insert(t);
        }
        if let Some(h) = self.reorg_from {
            for t in txs::txids_confirmed_from(conn, self.account.id, h)? {
                ids.extend(t.parse::<Txid>().ok());
            }
        }
        let mut changed = 0;
        let mut gone = vec![];
        txs::set_address_usage(conn, self.account.id, &usage)?;
        // The wanted ones the wallet holds: canonical and relevant (`Wallet::get_tx`).
        // Those canonical come in the order bdk lists them (`all`), about the order
        // their transactions lie in memory (applied block by block); in txid order, each
        // of a first sync's 100,000 was a cache miss or several. The rest (not
        // canonical) follow in txid order.
        let index = self.inner.spk_index();
        let mut ordered: Vec<(Txid, Option<&WalletTx<'_>>)> = Vec::with_capacity(ids.len());
        for t in &all {
            if ids.remove(&t.tx_node.txid) {
                ordered.push((t.tx_node.txid, Some(t)));
            }
        }
        let mut rest: Vec<Txid> = ids.into_iter().collect();
        rest.sort_unstable();
        ordered.extend(rest.into_iter().map(|t| (t, None)));
        let (ids, wanted_of): (Vec<Txid>, Vec<Option<&WalletTx<'_>>>) = ordered
            .into_iter()
            .map(|(t, w)| (t, w.filter(|w| index.is_tx_relevant(&w.tx_node.tx))))
            .unzip();
        // The records, each in the place of its txid (one list: copied into another, a
        // first sync's 100,000 took 20 MB more at each copy).
        let records = self.records_of(&wanted_of);
        gone.extend(
            ids.iter()
                .zip(&records)
                .filter(|(_, r)| r.is_none())
                .map(|(t, _)| *t),
        );
        // New rows go in in time order (confirmed by block time, then pending), so the
        // table's order follows the time index and a read in time order (a page, an
        // export) reads the vault's pages in sequence. Their keys are sorted, not the
        // records (a few hundred bytes each, 20 MB at 100,000).
        let mut order: Vec<(bool, Option<u64>, Txid, usize)> = ids
            .iter()
            .zip(&records)
            .enumerate()
            .filter_map(|(i, (txid, r))| {
                r.as_ref()
                    .map(|r| (r.block_time.is_none(), r.block_time, *txid, i))
            })
            .collect();
        order.sort_unstable();
        // A record not yet stored is written without a lookup first, all in one batch.
        let (mut new, mut known): (Vec<&TxRecord>, Vec<&TxRecord>) = (vec![], vec![]);
        for &(.., txid, i) in &order {
            if let Some(r) = records[i].as_ref() {
                if recorded.contains(&txid) {
                    known.push(r);
                } else {
                    new.push(r);
                }
            }
        }
        txs::insert_new_all(conn, &new, now_ms)?;
        changed += new.len();
        for r in known {
            if txs::upsert(conn, r, now_ms)? {
                changed += 1;
            }
        }
        let records = Saved::new(&ids, records);
        // A recorded pending transaction the wallet no longer holds as canonical was
        // replaced by one spending the same coins.
        gone.sort_unstable();
        for old in gone {
            if let Some(new) = self.replacement_of(old, &by_txid) {
                let new_id = new.tx_node.txid.to_string();
                if txs::get(conn, self.account.id, &new_id)?.is_none() {
                    txs::upsert(conn, &self.record_of(new), now_ms)?;
                }
                txs::mark_replaced(conn, self.account.id, &old.to_string(), &new_id)?;
                changed += 1;
            } else if self.failed.contains(&old) || self.confirmed_conflict(old, &by_txid) {
                txs::mark_failed(conn, self.account.id, &old.to_string())?;
                changed += 1;
            }
        }
        drop(by_txid);
        drop(all);
        self.saved = records;
        Ok(changed)
    }

    /// The canonical transactions spending one of the coins `txid` spends (bdk keeps the
    /// conflicts of the wallet's transactions in its graph, ours or not), looked up in
    /// `canonical` (every canonical transaction by txid, see [`canonical_txs`]).
    fn conflicts<'c, 'w>(
        &self,
        txid: Txid,
        canonical: &'c HashMap<Txid, &'c WalletTx<'w>>,
    ) -> Vec<&'c WalletTx<'w>> {
        let graph = self.inner.tx_graph();
        let Some(old) = graph.get_tx(txid) else {
            return vec![];
        };
        old.input
            .iter()
            .flat_map(|i| graph.outspends(i.previous_output).iter().copied())
            .filter(|t| *t != txid)
            .filter_map(|t| canonical.get(&t).copied())
            .collect()
    }

    /// A transaction of the wallet (paying to or spending from it) that took the place
    /// of `txid`: a replacement (RBF).
    fn replacement_of<'c, 'w>(
        &self,
        txid: Txid,
        canonical: &'c HashMap<Txid, &'c WalletTx<'w>>,
    ) -> Option<&'c WalletTx<'w>> {
        self.conflicts(txid, canonical)
            .into_iter()
            .find(|w| self.is_relevant(&w.tx_node.tx))
    }

    /// Whether a confirmed transaction that is not ours spends one of the coins `txid`
    /// spends: `txid` can never confirm.
    fn confirmed_conflict(&self, txid: Txid, canonical: &HashMap<Txid, &WalletTx<'_>>) -> bool {
        self.conflicts(txid, canonical)
            .iter()
            .any(|w| w.chain_position.is_confirmed() && !self.is_relevant(&w.tx_node.tx))
    }

    /// Stores in coffer's address table every address bdk revealed beyond it (change
    /// addresses picked while building a transaction).
    fn mirror_addresses(&self, conn: &Connection, now: i64) -> Result<()> {
        for change in self.branches() {
            let Some(last) = self.inner.derivation_index(keychain(change)) else {
                continue;
            };
            let next = wallets::next_index(conn, self.account.id, change)?;
            if last < next {
                continue;
            }
            let addresses: Vec<String> = (next..=last)
                .map(|i| {
                    self.inner
                        .peek_address(keychain(change), i)
                        .address
                        .to_string()
                })
                .collect();
            wallets::insert_addresses(
                conn,
                &NewAddresses {
                    account_id: self.account.id,
                    change,
                    start: next,
                    addresses: &addresses,
                    label: None,
                    purpose: None,
                },
                now,
            )?;
        }
        Ok(())
    }
}

/// The address an input spends from, when its script or witness reveals it: P2PKH,
/// P2WPKH, P2SH-wrapped segwit and P2WSH. Taproot key-path spends do not reveal it.
pub fn input_address(input: &bitcoin::TxIn, network: bitcoin::Network) -> Option<String> {
    use bitcoin::script::Instruction;
    let pushes: Vec<&[u8]> = input
        .script_sig
        .instructions()
        .filter_map(|i| match i {
            Ok(Instruction::PushBytes(b)) => Some(b.as_bytes()),
            _ => None,
        })
        .collect();
    let witness: Vec<&[u8]> = input.witness.iter().collect();
    let address = if witness.is_empty() {
        // P2PKH: <sig> <pubkey>.
        match pushes.as_slice() {
            [_, pk] => bitcoin::PublicKey::from_slice(pk)
                .ok()
                .map(|pk| Address::p2pkh(pk, network)),
            _ => None,
        }
    } else if let [redeem] = pushes.as_slice() {
        // Segwit wrapped in P2SH: the one push is the redeem script.
        Address::p2sh(bitcoin::Script::from_bytes(redeem), network).ok()
    } else if !input.script_sig.is_empty() {
        None
    } else {
        match witness.as_slice() {
            [_, pk] if pk.len() == 33 => bitcoin::CompressedPublicKey::from_slice(pk)
                .ok()
                .map(|pk| Address::p2wpkh(&pk, network)),
            // Taproot script paths end with a control block, not a script.
            [.., last] if is_control_block(last) => None,
            [.., script] if witness.len() > 2 => {
                Some(Address::p2wsh(bitcoin::Script::from_bytes(script), network))
            }
            _ => None,
        }
    };
    address.map(|a| a.to_string())
}

/// Whether a witness element looks like a taproot control block (BIP-341).
fn is_control_block(b: &[u8]) -> bool {
    b.len() >= 33 && (b.len() - 33).is_multiple_of(32) && b[0] & 0xfe == 0xc0
}

/// The records a [`BtcWallet::save`] wrote or confirmed, by txid: the records stay in
/// the list `save` made (`None` where the wallet does not hold a transaction it looked
/// at), and a map holds where each is. Moved into a map, a first sync's 100,000 records
/// (a few hundred bytes each) took 38 ms, 23 times 10,000's.
#[derive(Debug, Default)]
pub struct Saved {
    records: Vec<Option<TxRecord>>,
    at: HashMap<Txid, usize>,
}

impl Saved {
    /// The records of `txids`, in their places (`None`: no record).
    fn new(txids: &[Txid], records: Vec<Option<TxRecord>>) -> Self {
        let at = txids
            .iter()
            .zip(&records)
            .enumerate()
            .filter(|(_, (_, r))| r.is_some())
            .map(|(i, (t, _))| (*t, i))
            .collect();
        Saved { records, at }
    }

    /// The record of `txid`, when the save wrote or confirmed it.
    pub fn get(&self, txid: &Txid) -> Option<&TxRecord> {
        self.at.get(txid).and_then(|&i| self.records[i].as_ref())
    }

    /// Whether the save wrote or confirmed `txid`.
    pub fn contains_key(&self, txid: &Txid) -> bool {
        self.at.contains_key(txid)
    }

    /// How many records the save wrote or confirmed.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether the save wrote or confirmed none.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

/// What `receive import` did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Imported {
    /// The wallet.
    pub wallet: String,
    /// Whether the vault changed (false: this transaction was already known as is).
    pub changed: bool,
    /// The transaction as now recorded.
    #[serde(flatten)]
    pub record: TxRecord,
}

/// Applies a raw transaction learnt offline to the Bitcoin account of `wallet` (the only
/// wallet when `None`) and records it. Refuses one that neither pays to nor spends from
/// the wallet. Importing the same transaction again changes nothing.
pub fn import_tx(
    conn: &Connection,
    wallet: Option<&str>,
    tx: Transaction,
    confirmation: Option<Confirmation>,
    now_ms: i64,
) -> Result<Imported> {
    let item = ToImport {
        wallet: wallet.map(str::to_string),
        tx,
        confirmation,
        queued: false,
    };
    import_batch(conn, vec![item], now_ms)?
        .pop()
        .unwrap_or_else(|| Err(anyhow::anyhow!("the import gave no outcome").into()))
}

/// One raw transaction to import (see [`import_batch`]).
#[derive(Debug, Clone)]
pub struct ToImport {
    /// The wallet (the only wallet when `None`).
    pub wallet: Option<String>,
    /// The transaction.
    pub tx: Transaction,
    /// Its block, when confirmed.
    pub confirmation: Option<Confirmation>,
    /// Queued in the inbox while the vault was locked: a claim anyone who can write to
    /// the inbox could make. Applied only as unconfirmed (its `confirmation` is
    /// ignored), and refused when it spends the wallet's coins or conflicts with a
    /// transaction the wallet holds, so it can never change a confirmed balance or
    /// displace a real transaction.
    pub queued: bool,
}

/// Refuses a queued import (see [`ToImport::queued`]) that spends the wallet's coins or
/// conflicts with a transaction the wallet holds.
fn refuse_queued_spend(w: &BtcWallet<'_>, tx: &Transaction, txid: Txid) -> Result<()> {
    let (sent, _) = w.inner.sent_and_received(tx);
    if sent.to_sat() > 0 {
        return Err(Error::invalid(
            "tx",
            format!(
                "transaction {txid} spends this wallet's coins: a transaction queued while the vault was locked may only pay it; import it again while logged in"
            ),
        ));
    }
    let graph = w.inner.tx_graph();
    let conflicts = tx.input.iter().any(|i| {
        graph
            .outspends(i.previous_output)
            .iter()
            .any(|t| *t != txid)
    });
    if conflicts {
        return Err(Error::invalid(
            "tx",
            format!(
                "transaction {txid} spends an output another transaction of this wallet spends: a transaction queued while the vault was locked may not replace one; import it again while logged in"
            ),
        ));
    }
    Ok(())
}

/// [`import_tx`] for many transactions at once (the inbox of imports queued while the
/// vault was locked): each wallet's engine is opened and saved once, not once per
/// transaction. Each item gets its own outcome; a refused one (unknown wallet, pays
/// nothing to the wallet) changes nothing. A transaction that conflicts with one the
/// wallet holds is reported as refused, though bdk keeps it (not canonical: it is in no
/// balance or history row).
pub fn import_batch(
    conn: &Connection,
    items: Vec<ToImport>,
    now_ms: i64,
) -> Result<Vec<Result<Imported>>> {
    // Resolve every wallet first: the engines borrow these rows.
    let mut rows: Vec<Option<WalletRow>> = vec![];
    let mut errors: Vec<Option<Error>> = vec![];
    for i in &items {
        match wallets::resolve(conn, i.wallet.as_deref()) {
            Ok(r) => {
                rows.push(Some(r));
                errors.push(None);
            }
            Err(e) => {
                rows.push(None);
                errors.push(Some(e));
            }
        }
    }
    let mut engines: HashMap<i64, BtcWallet<'_>> = HashMap::new();
    // The canonical txids of each engine as it is since its last change (one
    // canonicalization for a run of known transactions, not one each).
    let mut canonical: HashMap<i64, std::collections::HashSet<Txid>> = HashMap::new();
    // (wallet name, account id, txid) of each applied item, else its error.
    let mut applied: Vec<Result<(String, i64, Txid, bool)>> = vec![];
    for ((item, row), error) in items.into_iter().zip(&rows).zip(errors.iter_mut()) {
        let outcome = (|| -> Result<(String, i64, Txid, bool)> {
            let Some(row) = row else {
                return Err(error
                    .take()
                    .unwrap_or_else(|| Error::invalid("wallet", "unknown wallet")));
            };
            let account = row
                .accounts
                .iter()
                .find(|a| a.chain == crate::chain::Chain::Btc)
                .ok_or_else(|| {
                    Error::invalid(
                        "wallet",
                        format!("wallet '{}' has no Bitcoin account", row.name),
                    )
                })?;
            let txid = item.tx.compute_txid();
            if let std::collections::hash_map::Entry::Vacant(e) = engines.entry(account.id) {
                e.insert(BtcWallet::open(conn, account)?);
            }
            let w = engines.get_mut(&account.id).expect("opened above");
            if let Some(known) = txs::get(conn, account.id, &txid.to_string())? {
                let claimed = if item.queued { None } else { item.confirmation };
                let same = match claimed {
                    None => known.status.counted(),
                    Some(c) => known.status == Status::Confirmed && known.height == Some(c.height),
                };
                // Known as is, and held by the engine (one rebuilt without its raw
                // transactions takes them back from an import).
                let held = canonical.entry(account.id).or_insert_with(|| {
                    let chain = ChainIndex::of(&w.inner);
                    canonical_txs(&w.inner, &chain)
                        .iter()
                        .map(|t| t.tx_node.txid)
                        .collect()
                });
                if same && held.contains(&txid) {
                    return Ok((row.name.clone(), account.id, txid, false));
                }
            }
            if !w.is_relevant(&item.tx) {
                return Err(Error::invalid(
                    "tx",
                    format!(
                        "transaction {txid} pays nothing to wallet '{}' (none of its outputs is \
                         an address of this wallet, and it spends none of its coins)",
                        row.name
                    ),
                ));
            }
            let confirmation = if item.queued {
                refuse_queued_spend(w, &item.tx, txid)?;
                None
            } else {
                item.confirmation
            };
            w.apply_tx(item.tx, confirmation, (now_ms / 1000) as u64);
            canonical.remove(&account.id);
            Ok((row.name.clone(), account.id, txid, true))
        })();
        applied.push(outcome);
    }
    for (id, w) in engines.iter_mut() {
        // Only what was applied: a transaction already known as is changes nothing.
        let touched: Vec<Txid> = applied
            .iter()
            .filter_map(|a| a.as_ref().ok())
            .filter(|(_, a, _, changed)| a == id && *changed)
            .map(|(_, _, t, _)| *t)
            .collect();
        if !touched.is_empty() {
            w.save(conn, &touched, now_ms)?;
        }
    }
    // The records of the transactions known as is, as each engine sees them now: one
    // canonicalization per engine.
    let mut known: HashMap<(i64, Txid), TxRecord> = HashMap::new();
    for (id, w) in &engines {
        let wanted: BTreeSet<Txid> = applied
            .iter()
            .filter_map(|a| a.as_ref().ok())
            .filter(|(_, a, t, changed)| a == id && !changed && !w.saved.contains_key(t))
            .map(|(_, _, t, _)| *t)
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let chain = ChainIndex::of(&w.inner);
        for t in canonical_txs(&w.inner, &chain) {
            if wanted.contains(&t.tx_node.txid) {
                known.insert((*id, t.tx_node.txid), w.record_of(&t));
            }
        }
    }
    let imported = applied
        .into_iter()
        .map(|a| {
            let (wallet, account_id, txid, changed) = a?;
            let w = engines.get_mut(&account_id).expect("opened above");
            let record = match w.saved.get(&txid) {
                Some(r) => r.clone(),
                None if !changed => match known.remove(&(account_id, txid)) {
                    Some(r) => r,
                    None => txs::get(conn, account_id, &txid.to_string())?
                        .ok_or_else(|| anyhow::anyhow!("transaction {txid} vanished"))?,
                },
                None => {
                    return Err(Error::invalid(
                        "tx",
                        format!("transaction {txid} conflicts with one this wallet already holds"),
                    ));
                }
            };
            Ok(Imported {
                wallet,
                changed,
                record,
            })
        })
        .collect();
    for (_, w) in engines.drain() {
        w.free_apart();
    }
    Ok(imported)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use bitcoin::{Amount, OutPoint, ScriptBuf, Sequence, TxIn, TxOut, Witness};
    use std::collections::BTreeMap;

    pub(crate) const NOW_MS: i64 = 1_770_000_000_000;

    /// A vault with a watch-only regtest wallet (both branches) and its first `n`
    /// receive addresses handed out.
    pub(crate) fn vault(n: u32) -> (Connection, AccountRow, Vec<ScriptBuf>) {
        let mut conn = crate::vault::schema::memory_connection().unwrap();
        crate::vault::schema::migrate(&mut conn).unwrap();
        let secp = bitcoin::secp256k1::Secp256k1::new();
        let xprv =
            bitcoin::bip32::Xpriv::new_master(bitcoin::Network::Regtest, &[7u8; 32]).unwrap();
        let xpub = bitcoin::bip32::Xpub::from_priv(&secp, &xprv);
        let account = AccountRow {
            id: 0,
            chain: crate::chain::Chain::Btc,
            network: Some(Network::Regtest),
            script_type: Some("segwit".into()),
            account_index: 0,
            fingerprint: None,
            path: None,
            xpub: Some(xpub.to_string()),
            external_descriptor: Some(format!("wpkh({xpub}/0/*)")),
            internal_descriptor: Some(format!("wpkh({xpub}/1/*)")),
            address: None,
        };
        wallets::insert(&conn, "w", None, &[account], 0).unwrap();
        let account = wallets::get(&conn, "w").unwrap().accounts.remove(0);
        let w = BtcWallet::open(&conn, &account).unwrap();
        let (addresses, scripts): (Vec<String>, Vec<ScriptBuf>) = (0..n)
            .map(|i| {
                let a = w.inner.peek_address(KeychainKind::External, i).address;
                (a.to_string(), a.script_pubkey())
            })
            .unzip();
        drop(w);
        wallets::insert_addresses(
            &conn,
            &NewAddresses {
                account_id: account.id,
                change: 0,
                start: 0,
                addresses: &addresses,
                label: None,
                purpose: None,
            },
            0,
        )
        .unwrap();
        (conn, account, scripts)
    }

    pub(crate) fn tx(inputs: &[OutPoint], outputs: &[(&ScriptBuf, u64)]) -> Transaction {
        Transaction {
            version: bitcoin::transaction::Version::TWO,
            lock_time: bitcoin::absolute::LockTime::ZERO,
            input: inputs
                .iter()
                .map(|op| TxIn {
                    previous_output: *op,
                    script_sig: ScriptBuf::new(),
                    sequence: Sequence::ENABLE_RBF_NO_LOCKTIME,
                    witness: Witness::from_slice(&[vec![0x30; 71], vec![0x02; 33]]),
                })
                .collect(),
            output: outputs
                .iter()
                .map(|(s, v)| TxOut {
                    value: Amount::from_sat(*v),
                    script_pubkey: (*s).clone(),
                })
                .collect(),
        }
    }

    /// Applies `txs` (each as its confirmation says, seen now) and saves them in one
    /// save; their txids.
    fn apply_and_save(
        w: &mut BtcWallet<'_>,
        conn: &Connection,
        txs: Vec<(Transaction, Option<Confirmation>)>,
    ) -> Vec<Txid> {
        let mut touched = vec![];
        for (t, c) in txs {
            touched.push(t.compute_txid());
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        w.save(conn, &touched, NOW_MS).unwrap();
        touched
    }

    /// Payments to `scripts` from outside coins, several a block over many blocks (one
    /// confirmed below the tip reached), some pending, and sends of our own coins (to
    /// an outside script with change, and to ourselves), confirmed or not.
    pub(crate) fn payments(scripts: &[ScriptBuf]) -> Vec<(Transaction, Option<Confirmation>)> {
        let outside = ScriptBuf::new_op_return([1u8; 4]);
        let mut out = vec![];
        for (i, s) in scripts.iter().enumerate() {
            let from = OutPoint::new(Txid::hash(&(i as u32).to_be_bytes()), 0);
            let t = tx(&[from], &[(s, 10_000 + i as u64)]);
            let confirmation = (i % 7 != 6).then_some(Confirmation {
                height: 100 + (i / 3) as u32,
                time: 1_760_000_000 + i as u64 * 60,
                hash: None,
            });
            out.push((t, confirmation));
        }
        // Spends of the first coins: one out with change back, one to ourselves.
        let spend = tx(
            &[OutPoint::new(out[0].0.compute_txid(), 0)],
            &[(&outside, 4_000), (&scripts[1], 5_000)],
        );
        let to_self = tx(
            &[
                OutPoint::new(out[2].0.compute_txid(), 0),
                OutPoint::new(out[3].0.compute_txid(), 0),
            ],
            &[(&scripts[4], 20_000)],
        );
        let low = Confirmation {
            height: 101,
            time: 1_760_000_100,
            hash: None,
        };
        out.push((spend, Some(low)));
        out.push((to_self, None));
        out
    }

    /// What a save leaves in coffer's tables (all but the first-seen time).
    fn tables(conn: &Connection) -> Vec<String> {
        let mut rows = vec![];
        for sql in [
            "SELECT account_id, hex(txid), asset, direction, amount, fee, status, height,
                    block_time, counterparty FROM transactions ORDER BY txid",
            "SELECT account_id, confirmed, pending, immature, tip_height, updated_at
             FROM balances",
            "SELECT account_id, change, idx, address, tx_count, balance FROM addresses
             ORDER BY account_id, change, idx",
        ] {
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let found = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                                rusqlite::types::Value::Text(t) => t,
                                v => format!("{v:?}"),
                            })
                        })
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|v| v.join("|"))
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap();
            rows.extend(found);
        }
        rows
    }

    /// The engine's transactions and balance as bdk itself computes them.
    fn engine(w: &BtcWallet<'_>) -> (Vec<String>, bdk_wallet::Balance) {
        let mut txs: Vec<String> = w
            .inner
            .transactions()
            .map(|t| format!("{} {:?}", t.tx_node.txid, t.chain_position))
            .collect();
        txs.sort();
        (txs, w.inner.balance())
    }

    /// Applying many transactions and saving once leaves the same history, balance,
    /// address and engine state as saving after each one.
    #[test]
    fn one_save_of_many_transactions_equals_a_save_after_each() {
        let (bulk, account, scripts) = vault(40);
        let (each, account_each, _) = vault(40);
        let txs = payments(&scripts);
        assert!(txs.len() > 40);

        let mut w = BtcWallet::open(&bulk, &account).unwrap();
        let mut touched = vec![];
        for (t, c) in txs.clone() {
            touched.push(t.compute_txid());
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        assert_eq!(w.save(&bulk, &touched, NOW_MS).unwrap(), txs.len());
        drop(w);

        let mut w = BtcWallet::open(&each, &account_each).unwrap();
        for (t, c) in txs.clone() {
            let txid = t.compute_txid();
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
            w.save(&each, &[txid], NOW_MS).unwrap();
        }
        drop(w);

        let rows = tables(&bulk);
        let rows_each = tables(&each);
        let differ: Vec<_> = rows
            .iter()
            .zip(&rows_each)
            .filter(|(a, b)| a != b)
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
        assert_eq!(rows.len(), rows_each.len());
        assert!(rows.iter().any(|r| r.contains("|send|")), "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains("|self|")), "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains("|pending|")), "{rows:#?}");
        // The engines, loaded again from what each stored, agree.
        let reopened = BtcWallet::open(&bulk, &account).unwrap();
        let (bulk_txs, bulk_balance) = engine(&reopened);
        assert_eq!(bulk_txs.len(), txs.len());
        assert_eq!(
            (bulk_txs, bulk_balance),
            engine(&BtcWallet::open(&each, &account_each).unwrap())
        );
    }

    /// A change set is encoded in place as it was when it was copied to be encoded: the
    /// same bytes (`StoredChangeSet`), read back whole, and the change set is left as
    /// it was.
    #[test]
    fn a_change_set_is_encoded_as_its_stored_form() {
        let (conn, account, scripts) = vault(40);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        apply_and_save(&mut w, &conn, payments(&scripts));
        let before = w.base.clone();
        assert!(!before.tx_graph.anchors.is_empty());
        assert!(!before.tx_graph.last_seen.is_empty());
        assert!(!before.local_chain.blocks.is_empty());
        let mut cs = before.clone();
        let data = encode_changeset(&mut cs).unwrap();
        assert_eq!(cs, before);
        let mut changes = before.clone();
        let anchors = std::mem::take(&mut changes.tx_graph.anchors)
            .into_iter()
            .map(|(a, t)| (a.block_id.height, a.block_id.hash, a.confirmation_time, t))
            .collect();
        let mut owned = vec![];
        ciborium::into_writer(&StoredChangeSet { changes, anchors }, &mut owned).unwrap();
        assert_eq!(data, owned);
        assert_eq!(decode_changeset(&data).unwrap(), before);
    }

    /// The floating outputs a save finds (the outputs a sync fetched that its
    /// transactions spend) are stored beside the raw transactions: all of them the
    /// first time, the new ones at each save after.
    #[test]
    fn floating_outputs_are_stored_at_each_save() {
        let (conn, account, scripts) = vault(2);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        let stored = |conn: &Connection| -> Vec<(u32, i64)> {
            let mut stmt = conn
                .prepare("SELECT vout, value FROM btc_txouts WHERE account_id = ?1 ORDER BY vout")
                .unwrap();
            stmt.query_map([account.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let out = |n: u32| {
            (
                OutPoint::new(Txid::hash(&n.to_be_bytes()), n),
                TxOut {
                    value: Amount::from_sat(1_000 + u64::from(n)),
                    script_pubkey: scripts[1].clone(),
                },
            )
        };
        let (op, o) = out(1);
        w.inner.insert_txout(op, o);
        w.save(&conn, &[], NOW_MS).unwrap();
        assert_eq!(stored(&conn), [(1, 1_001)]);
        let (op, o) = out(2);
        w.inner.insert_txout(op, o);
        w.save(&conn, &[], NOW_MS).unwrap();
        assert_eq!(stored(&conn), [(1, 1_001), (2, 1_002)]);
    }

    /// Saves past [`COMPACT_AFTER`] change sets merge them into one row, and the engine
    /// loaded from the rows is the one that wrote them.
    #[test]
    fn change_sets_are_compacted_into_one_row() {
        let (conn, account, scripts) = vault(COMPACT_AFTER as u32 + 10);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        for (i, s) in scripts.iter().enumerate() {
            let t = tx(
                &[OutPoint::new(Txid::hash(&i.to_be_bytes()), 0)],
                &[(s, 10_000 + i as u64)],
            );
            let txid = t.compute_txid();
            let confirmation = (i % 3 != 0).then_some(Confirmation {
                height: 100 + i as u32,
                time: 1_760_000_000 + i as u64,
                hash: None,
            });
            w.apply_tx(t, confirmation, (NOW_MS / 1000) as u64);
            w.save(&conn, &[txid], NOW_MS).unwrap();
        }
        let rows = txs::changesets(&conn, account.id).unwrap().len();
        assert!(rows < COMPACT_AFTER, "{rows} change sets");
        assert_eq!(
            engine(&BtcWallet::open(&conn, &account).unwrap()),
            engine(&w)
        );
        assert_eq!(engine(&w).0.len(), scripts.len());
    }

    /// Transactions sorted by their `TxOrder` key and then by themselves are in their own
    /// order (`Ord for Transaction`), whatever differs between them: version, lock
    /// time, no inputs, the first input's txid or index, a later input, the outputs.
    #[test]
    fn the_order_key_sorts_as_transactions_do() {
        use bitcoin::hashes::Hash as _;
        let script = ScriptBuf::new_op_return([1u8; 4]);
        let mut all = vec![];
        for n in 0..400u32 {
            let op = |k: u32| OutPoint::new(Txid::hash(&(k % 7).to_be_bytes()), k % 3);
            let inputs: Vec<OutPoint> = (0..n % 3).map(|k| op(n / 3 + k * 5)).collect();
            let mut t = tx(&inputs, &[(&script, u64::from(n % 5))]);
            t.version = bitcoin::transaction::Version(1 + (n % 2) as i32);
            t.lock_time = bitcoin::absolute::LockTime::from_consensus(n % 4 * 100);
            all.push(t);
        }
        let mut by_key: Vec<(TxOrder, Transaction)> =
            all.iter().map(|t| (TxOrder::of(t), t.clone())).collect();
        by_key.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| a.cmp(b)));
        let mut by_tx = all.clone();
        by_tx.sort();
        let by_key: Vec<Transaction> = by_key.into_iter().map(|(_, t)| t).collect();
        assert_eq!(by_key, by_tx);
        // Distinct keys and ties both occur.
        let keys: BTreeSet<_> = all.iter().map(TxOrder::of).collect();
        assert!(keys.len() > 20 && keys.len() < all.len(), "{}", keys.len());
    }

    /// Each address's stored usage is what bdk's own graph says: the canonical
    /// transactions paying it or spending one of its outputs, each counted once (one
    /// pays an address twice, one spends from an address and pays it change), and the
    /// unspent amount of its outputs in bdk's list of unspent outputs.
    #[test]
    fn address_usage_counts_each_transaction_once() {
        use bitcoin::hashes::Hash as _;
        let (conn, account, scripts) = vault(8);
        let mut txs = payments(&scripts);
        let twice = tx(
            &[OutPoint::new(Txid::hash(b"twice"), 0)],
            &[(&scripts[5], 1_000), (&scripts[5], 2_000)],
        );
        let back = tx(
            &[OutPoint::new(txs[6].0.compute_txid(), 0)],
            &[(&scripts[6], 3_000)],
        );
        // A pending payment replaced by one paying the same address less: only the
        // replacement counts.
        let replaced = tx(
            &[OutPoint::new(Txid::hash(b"replaced"), 0)],
            &[(&scripts[7], 9_000)],
        );
        let replacement = tx(
            &[OutPoint::new(Txid::hash(b"replaced"), 0)],
            &[(&scripts[7], 8_000)],
        );
        txs.extend([
            (twice, None),
            (back, None),
            (replaced, None),
            (replacement, None),
        ]);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        let touched: Vec<Txid> = txs.iter().map(|(t, _)| t.compute_txid()).collect();
        for (t, c) in txs {
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        w.save(&conn, &touched, NOW_MS).unwrap();
        // The balance from the same pass is bdk's.
        let chain = ChainIndex::of(&w.inner);
        let all = canonical_txs(&w.inner, &chain);
        let by_txid = all.iter().map(|t| (t.tx_node.txid, t)).collect();
        assert_eq!(
            balance_and_usage(&w.inner, &chain, &all, &by_txid).0,
            w.inner.balance()
        );

        let mut expected: BTreeMap<(u32, u32), (BTreeSet<Txid>, u128)> = BTreeMap::new();
        for t in w.inner.transactions() {
            let ours = |s: &ScriptBuf| w.inner.derivation_of_spk(s.clone());
            let paid = t.tx_node.tx.output.iter().map(|o| o.script_pubkey.clone());
            let spent = t.tx_node.tx.input.iter().filter_map(|i| {
                let prev = w.inner.tx_graph().get_txout(i.previous_output)?;
                Some(prev.script_pubkey.clone())
            });
            for (k, i) in paid.chain(spent).filter_map(|s| ours(&s)) {
                expected
                    .entry((branch(k), i))
                    .or_default()
                    .0
                    .insert(t.tx_node.txid);
            }
        }
        for u in w.inner.list_unspent() {
            expected
                .entry((branch(u.keychain), u.derivation_index))
                .or_default()
                .1 += u128::from(u.txout.value.to_sat());
        }
        let expected: Vec<String> = expected
            .into_iter()
            .map(|((c, i), (txids, bal))| format!("{c}/{i} {} {bal}", txids.len()))
            .collect();
        let mut stmt = conn
            .prepare(
                "SELECT change, idx, tx_count, balance FROM addresses
                 WHERE account_id = ?1 AND (tx_count > 0 OR balance != '0')
                 ORDER BY change, idx",
            )
            .unwrap();
        let stored: Vec<String> = stmt
            .query_map([account.id], |r| {
                Ok(format!(
                    "{}/{} {} {}",
                    r.get::<_, u32>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, String>(3)?
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(stored, expected);
        assert!(
            stored.iter().any(|r| r.starts_with("0/5 2 ")),
            "{stored:#?}"
        );
        assert!(
            stored.iter().any(|r| r.starts_with("0/6 2 ")),
            "{stored:#?}"
        );
        // Its payment in `payments` and the replacement; unspent, both.
        let paid_7 = 10_007 + 8_000;
        assert!(stored.contains(&format!("0/7 2 {paid_7}")), "{stored:#?}");
    }

    /// Two encodings of one transaction (their witnesses differ, their txid does not)
    /// applied before one save are stored once, as the lesser encoding: what a sort of
    /// the encodings kept, whichever came first.
    #[test]
    fn two_encodings_of_one_transaction_are_stored_once() {
        for reversed in [false, true] {
            let (conn, account, scripts) = vault(6);
            let (t, _) = payments(&scripts)[0].clone();
            let mut a = t.clone();
            a.input[0].witness = Witness::from_slice(&[vec![1u8; 70], vec![2u8; 33]]);
            let mut b = t;
            b.input[0].witness = Witness::from_slice(&[vec![3u8; 70], vec![2u8; 33]]);
            assert_eq!(a.compute_txid(), b.compute_txid());
            let (lesser, greater) = {
                let (x, y) = (
                    bitcoin::consensus::serialize(&a),
                    bitcoin::consensus::serialize(&b),
                );
                assert!(x < y);
                (x, y)
            };
            let mut w = BtcWallet::open(&conn, &account).unwrap();
            let (first, second) = if reversed { (b, a) } else { (a, b) };
            let txid = first.compute_txid();
            w.apply_tx(first, None, (NOW_MS / 1000) as u64);
            w.apply_tx(second, None, (NOW_MS / 1000) as u64 + 1);
            w.save(&conn, &[txid], NOW_MS).unwrap();
            let stored: Vec<Vec<u8>> = conn
                .prepare("SELECT raw FROM engine.btc_txs WHERE account_id = ?1")
                .unwrap()
                .query_map([account.id], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            assert_eq!(stored.len(), 1, "reversed: {reversed}");
            assert_eq!(stored[0], lesser, "reversed: {reversed}");
            assert_ne!(stored[0], greater);
        }
    }

    /// A transaction applied pending, then confirmed, then confirmed again before one
    /// save (an import, then its block) is stored once, confirmed, and the stash is
    /// empty after the save: a second save stores nothing new.
    #[test]
    fn a_transaction_applied_twice_before_a_save_is_stored_once() {
        let (conn, account, scripts) = vault(6);
        let txs = payments(&scripts);
        let (t, c) = txs[0].clone();
        let c = c.expect("the first payment is confirmed");
        let txid = t.compute_txid();
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        w.apply_tx(t.clone(), None, (NOW_MS / 1000) as u64);
        w.apply_tx(t.clone(), Some(c), (NOW_MS / 1000) as u64);
        w.apply_tx(t, Some(c), (NOW_MS / 1000) as u64);
        let (other, oc) = txs[1].clone();
        w.apply_tx(other.clone(), oc, (NOW_MS / 1000) as u64);
        assert_eq!(
            w.save(&conn, &[txid, other.compute_txid()], NOW_MS)
                .unwrap(),
            2
        );
        let stored: i64 = conn
            .query_row(
                "SELECT count(*) FROM engine.btc_txs WHERE account_id = ?1",
                [account.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored, 2);
        let before = tables(&conn);
        assert_eq!(w.save(&conn, &[], NOW_MS).unwrap(), 0);
        assert_eq!(tables(&conn), before);
        drop(w);
        let reopened = BtcWallet::open(&conn, &account).unwrap();
        let found = reopened
            .inner
            .get_tx(txid)
            .expect("the transaction is kept");
        assert!(
            found.chain_position.is_confirmed(),
            "{:?}",
            found.chain_position
        );
        assert!(
            before
                .iter()
                .any(|r| r.contains(&format!("|confirmed|Integer({})|", c.height))),
            "{before:#?}"
        );
    }

    /// A save looks up every record it writes: the cached statements of `txs::get` are
    /// reused as they are, never prepared again (a join whose plan depended on its
    /// parameter was, at each lookup: half of a large save's time).
    #[test]
    fn a_saved_record_is_read_back_without_preparing_again() {
        let (conn, account, scripts) = vault(10);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        let touched = apply_and_save(&mut w, &conn, payments(&scripts));
        for txid in &touched {
            let r = txs::get(&conn, account.id, &txid.to_string())
                .unwrap()
                .unwrap();
            assert_eq!(
                Some(&r),
                w.saved
                    .get(txid)
                    .map(|s| TxRecord {
                        our_addresses: vec![],
                        from_addresses: vec![],
                        ..s.clone()
                    })
                    .as_ref()
            );
        }
        assert_eq!(txs::get(&conn, account.id, &"00".repeat(32)).unwrap(), None);
        for sql in [txs::GET_ROW, txs::GET_NETWORK] {
            let stmt = conn.prepare_cached(sql).unwrap();
            assert_eq!(
                stmt.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "{sql}"
            );
        }
    }

    /// Records computed on several threads come back in order, each the record of its
    /// transaction, with the absent ones still absent.
    #[test]
    fn records_on_several_threads_keep_their_order() {
        let (conn, account, scripts) = vault(12);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        for (t, c) in payments(&scripts) {
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        let chain = ChainIndex::of(&w.inner);
        let all = canonical_txs(&w.inner, &chain);
        let wtxs: Vec<Option<&WalletTx<'_>>> = (0..RECORDS_PER_THREAD * 3 + 7)
            .map(|i| (i % 5 != 3).then(|| &all[i % all.len()]))
            .collect();
        let one_by_one: Vec<Option<TxRecord>> =
            wtxs.iter().map(|t| t.map(|t| w.record_of(t))).collect();
        assert_eq!(w.records_of(&wtxs), one_by_one);
        assert!(
            one_by_one
                .iter()
                .flatten()
                .any(|r| r.direction == Direction::Send)
        );
    }

    /// Importing a batch again reports each known transaction unchanged, with the record
    /// the first import gave; a new one among them (after which the engine changed) is
    /// applied, and the known ones after it are still recognised.
    #[test]
    fn a_batch_imported_again_is_known_around_a_new_transaction() {
        let (conn, _, scripts) = vault(12);
        let txs = payments(&scripts[..10]);
        let item = |(tx, confirmation): &(Transaction, Option<Confirmation>)| ToImport {
            wallet: Some("w".into()),
            tx: tx.clone(),
            confirmation: *confirmation,
            queued: false,
        };
        let first: Vec<Imported> = import_batch(&conn, txs.iter().map(item).collect(), NOW_MS)
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(first.iter().all(|i| i.changed));
        let new = (
            tx(
                &[OutPoint::new(Txid::hash(b"new"), 0)],
                &[(&scripts[11], 7_000)],
            ),
            None,
        );
        let mut again: Vec<ToImport> = txs.iter().map(item).collect();
        again.insert(4, item(&new));
        let second: Vec<Imported> = import_batch(&conn, again, NOW_MS + 1_000)
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(second[4].changed);
        assert_eq!(second[4].record.amount, 7_000);
        let known: Vec<&Imported> = second[..4].iter().chain(&second[5..]).collect();
        assert_eq!(known.len(), first.len());
        for (k, f) in known.into_iter().zip(&first) {
            assert!(!k.changed, "{}", k.record.txid);
            assert_eq!(k.record, f.record);
        }
    }

    /// The chain index answers bdk's chain questions exactly as bdk's `LocalChain`, so
    /// the canonical transactions and the balance computed against it are bdk's own,
    /// also once a block was replaced (its transactions no longer confirmed).
    #[test]
    fn the_chain_index_answers_as_the_local_chain() {
        let (conn, account, scripts) = vault(30);
        let mut w = BtcWallet::open(&conn, &account).unwrap();
        for (t, c) in payments(&scripts) {
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        // Change, pending (trusted) and confirmed.
        let change = |i| {
            w.inner
                .peek_address(KeychainKind::Internal, i)
                .script_pubkey()
        };
        let (change0, change1) = (change(0), change(1));
        for (i, s, c) in [(0u8, &change0, None), (1, &change1, Some(102))] {
            let t = tx(&[OutPoint::new(Txid::hash(&[i]), 0)], &[(s, 3_000)]);
            let c = c.map(|height| Confirmation {
                height,
                time: 1_760_000_500,
                hash: None,
            });
            w.apply_tx(t, c, (NOW_MS / 1000) as u64);
        }
        let check = |w: &BtcWallet<'_>| {
            let chain = ChainIndex::of(&w.inner);
            let local = w.inner.local_chain();
            let tip = w.inner.latest_checkpoint();
            let mut tips = vec![tip.block_id()];
            tips.extend(tip.iter().skip(3).step_by(4).map(|c| c.block_id()));
            tips.push(BlockId {
                height: tip.height(),
                hash: BlockHash::hash(b"elsewhere"),
            });
            for chain_tip in tips {
                for height in 0..=tip.height() + 2 {
                    let mut blocks = vec![BlockId {
                        height,
                        hash: BlockHash::hash(b"not in the chain"),
                    }];
                    blocks.extend(tip.get(height).map(|c| c.block_id()));
                    for block in blocks {
                        assert_eq!(
                            chain.is_block_in_chain(block, chain_tip).unwrap(),
                            local.is_block_in_chain(block, chain_tip).unwrap(),
                            "{block:?} under {chain_tip:?}"
                        );
                    }
                }
            }
            assert_eq!(chain.get_chain_tip().unwrap(), tip.block_id());
            let mut ours: Vec<String> = wallet_txs(&w.inner, &chain)
                .iter()
                .map(|t| format!("{} {:?}", t.tx_node.txid, t.chain_position))
                .collect();
            ours.sort();
            assert_eq!((ours, w.balance()), engine(w));
            // The balance from the one canonicalization a save makes is bdk's.
            let all = canonical_txs(&w.inner, &chain);
            let by_txid = all.iter().map(|t| (t.tx_node.txid, t)).collect();
            let (balance, _) = balance_and_usage(&w.inner, &chain, &all, &by_txid);
            assert_eq!(balance, w.inner.balance());
            assert!(balance.trusted_pending.to_sat() > 0, "{balance:?}");
            assert!(balance.untrusted_pending.to_sat() > 0, "{balance:?}");
            let all: BTreeSet<Txid> = canonical_txs(&w.inner, &chain)
                .iter()
                .map(|t| t.tx_node.txid)
                .collect();
            for t in w.inner.tx_graph().full_txs() {
                assert_eq!(
                    all.contains(&t.txid),
                    w.inner.get_tx(t.txid).is_some(),
                    "{}",
                    t.txid
                );
            }
        };
        check(&w);
        // Another block at height 104: those confirmed from there are not any more.
        let other = tx(
            &[OutPoint::new(Txid::hash(b"other"), 0)],
            &[(&scripts[29], 1_000)],
        );
        w.apply_tx(
            other,
            Some(Confirmation {
                height: 104,
                time: 1_760_009_000,
                hash: Some(BlockHash::hash(b"a replacement block")),
            }),
            (NOW_MS / 1000) as u64,
        );
        assert_eq!(w.inner.latest_checkpoint().height(), 104);
        let unconfirmed = w
            .inner
            .transactions()
            .filter(|t| !t.chain_position.is_confirmed())
            .count();
        assert!(unconfirmed > 10, "{unconfirmed}");
        check(&w);
    }
}
