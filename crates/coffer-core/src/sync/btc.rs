//! The Bitcoin half of `wallet sync`: one account brought up to its node's tip and
//! mempool. The node is read with no lock held, on a snapshot of the vault
//! ([`fetch_btc`]); the result is applied in a vault write ([`apply_btc`]) after
//! checking that nothing moved meanwhile, one every few hundred blocks through a node.

use super::Progress;
use crate::chain::amount;
use crate::clock;
use crate::error::{Error, Result};
use crate::vault::{Vault, txs, wallets};
use serde::Serialize;
use std::collections::HashSet;

/// What `wallet sync` did for one Bitcoin account.
#[derive(Debug, Serialize)]
pub struct BtcSynced {
    /// The wallet.
    pub wallet: String,
    /// Its network.
    pub network: crate::chain::Network,
    /// The node's tip the wallet is now at.
    pub tip: u32,
    /// Blocks read.
    pub blocks: u32,
    /// The first block read, when any was.
    pub from_height: Option<u32>,
    /// Set when blocks already read were read again (`--btc-from-height` below the last
    /// sync, or a wider gap limit): the height it started at.
    pub rescanned_from: Option<u32>,
    /// Transactions of the wallet found in them and in the mempool.
    pub transactions: usize,
    /// Transactions found conflicting with confirmed ones (now `failed`).
    pub failed: Vec<String>,
    /// Payments `send` recorded whose broadcast a crash interrupted (after its commit),
    /// sent through the node now.
    pub broadcast: Vec<String>,
    /// Unused addresses watched past the last revealed one on each branch.
    pub gap_limit: u32,
    /// The last address index watched on each branch.
    pub watched: Watched,
    /// Requests sent to the Electrum server it read from (each one of a batch counted),
    /// else null.
    pub requests: Option<u64>,
    /// The balance now (confirmed, pending; BTC).
    pub confirmed: String,
    /// Pending.
    pub pending: String,
    /// Whether to say "Paid to a later address?": the window watched moved since it was
    /// last said (people only).
    #[serde(skip)]
    pub gap_hint: bool,
}

/// The last address index a sync watched, per branch.
#[derive(Debug, Serialize)]
pub struct Watched {
    /// Receive addresses (…/0/i).
    pub receive: u32,
    /// Change addresses (…/1/i); null for a single-descriptor wallet.
    pub change: Option<u32>,
}

/// The gap limit of a Bitcoin sync unless `--gap-limit` or an earlier one says otherwise.
pub const DEFAULT_GAP_LIMIT: u32 = 20;

/// How a Bitcoin sync reads the chain.
#[derive(Debug, Clone, Copy, Default)]
pub struct BtcSyncOpts {
    /// Read blocks from this height (below the last sync: read them again).
    pub from_height: Option<u64>,
    /// Unused addresses to watch past the last revealed one (kept for later syncs; a
    /// wider one than before reads the blocks again from the first sync's start).
    pub gap_limit: Option<u32>,
    /// Whether the result is shown to a person, who is then told "Paid to a later
    /// address?" when the window watched is new (and it is recorded as said); scripts
    /// (`--json`) and `receive wait` leave the record alone.
    pub for_people: bool,
}

/// How many times a Bitcoin sync reads the node again when another writer moved the
/// wallet's chain, or revealed addresses past the window it watched, while it read.
const SYNC_ATTEMPTS: usize = 3;

/// What a Bitcoin sync read from the node on a snapshot of the vault, with no lock held,
/// to be applied in one vault write (see [`sync_btc`]).
struct BtcFetch {
    /// The account's engine change sets when the snapshot was taken.
    start_rows: Vec<Vec<u8>>,
    /// The wallet's checkpoint then (height, hash).
    start_tip: (u32, bitcoin::BlockHash),
    /// The next address index of each branch once read: past it, addresses revealed
    /// meanwhile (`addr new`) moved the window watched, and the node is read again.
    watched_next: Vec<u32>,
    /// Whether the engine was a rebuilt one (its blocks read again).
    rebuilt: bool,
    /// What the reading added to the engine.
    delta: crate::vault::engine::EngineDelta,
    gap: u32,
    start: u32,
    first_read: u32,
    rescan: bool,
    blocks: u32,
    stored_start: u32,
    touched: Vec<bitcoin::Txid>,
    failed: Vec<bitcoin::Txid>,
    reorg_from: Option<u32>,
    /// Payments marked as not broadcast yet that the reading looked at (the marks are
    /// cleared), and those it broadcast.
    marks: Vec<String>,
    broadcast: Vec<String>,
    /// The engine as the reading left it (what the write shows when it adds nothing).
    view: EngineView,
    /// Whether the reading stopped at the end of its part with more to read.
    more: bool,
    /// The last block read, when any was.
    last_read: Option<u32>,
    /// A first scan through a server in parts: where it stands after this part
    /// (`Some(Some(state))`), or that it ended (`Some(None)`); `None` for any other sync.
    scan: Option<Option<String>>,
}

/// What a sync shows of an account's engine: its tip, balance and last revealed index
/// on each branch.
#[derive(Debug, Clone, Copy)]
struct EngineView {
    tip: u32,
    confirmed: u64,
    pending: u64,
    external: Option<u32>,
    internal: Option<u32>,
}

impl EngineView {
    fn of(bw: &crate::vault::engine::BtcWallet<'_>) -> Self {
        let b = bw.balance();
        EngineView {
            tip: bw.inner.latest_checkpoint().height(),
            confirmed: b.confirmed.to_sat(),
            pending: (b.trusted_pending + b.untrusted_pending).to_sat(),
            external: bw
                .inner
                .derivation_index(bdk_wallet::KeychainKind::External),
            internal: bw
                .inner
                .derivation_index(bdk_wallet::KeychainKind::Internal),
        }
    }
}

/// Brings one Bitcoin account up to its node's tip and mempool (bdk_bitcoind_rpc's
/// emitter: blocks connected to the wallet's own checkpoint, so a reorganisation is
/// followed). The node is read with no lock held, on a snapshot of the vault, in parts
/// of [`SAVE_EVERY`] blocks at first, then as many as were read before, up to 10,000
/// ([`next_part`]); each part is applied in its own vault write, after checking that the
/// wallet's checkpoint is still the one the reading started from
/// (another writer that moved it: read again, from the new state, at most
/// [`SYNC_ATTEMPTS`] times). A failure while reading a part records nothing of that
/// part; the parts before it stay, and the next sync goes on from the last.
/// `snapshot`: one the caller read for this (see [`Vault::read_full_for_write`]), else
/// one is read.
pub fn sync_btc(
    vault: &Vault,
    snapshot: Option<crate::vault::Snapshot>,
    client: &bdk_bitcoind_rpc::bitcoincore_rpc::Client,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
) -> Result<BtcSynced> {
    use crate::chain::btc::rpc::{node_error, require_synced};
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let info = client.get_blockchain_info().map_err(node_error)?;
    require_synced(&crate::chain::btc::rpc::NodeInfo {
        version: String::new(),
        chain: String::new(),
        height: info.blocks,
        initial_block_download: info.initial_block_download,
        rtt_ms: 0,
    })?;
    let node_tip = u32::try_from(info.blocks).unwrap_or(u32::MAX);
    // A long reading is saved in parts, each in its own write: a failure later keeps
    // what was read, and the next sync goes on from there.
    let (mut snapshot, mut opts, mut total) = (snapshot, opts, None::<BtcSynced>);
    let mut blocks_in_part = SAVE_EVERY;
    loop {
        let part = std::cell::Cell::new((false, None::<u32>));
        let first = total.is_none();
        let done = read_then_apply(
            vault,
            snapshot.take(),
            wallet,
            account,
            opts,
            progress,
            |c| {
                let f = fetch_btc(
                    c,
                    client,
                    wallet,
                    account,
                    opts,
                    progress,
                    (node_tip, first, blocks_in_part),
                )?;
                part.set((f.more, f.last_read));
                Ok(f)
            },
        )?;
        total = Some(match total {
            None => done,
            Some(t) => BtcSynced {
                blocks: t.blocks + done.blocks,
                from_height: t.from_height.or(done.from_height),
                rescanned_from: t.rescanned_from.or(done.rescanned_from),
                transactions: t.transactions + done.transactions,
                gap_hint: t.gap_hint || done.gap_hint,
                ..done
            },
        });
        match part.get() {
            (true, Some(last)) => {
                progress.set_message(format!("saved up to block {last}"));
                stop_dead_here("btc-sync-saved");
                // On from the block after the last one read (a reading again of blocks
                // below the wallet's tip goes on where it stopped).
                opts.from_height = Some(u64::from(last) + 1);
                blocks_in_part = next_part(SAVE_EVERY, total.as_ref().map_or(0, |t| t.blocks));
            }
            _ => break,
        }
    }
    Ok(total.expect("one part at least"))
}

/// A test-only crash point, as `pay::fault` (which sync cannot name: pay uses sync): on
/// a test vault with `COFFER_TEST_FAULT=<point>`, the process stops dead there the first
/// time it gets there; with `<point>@<n>`, the `n`th time.
fn stop_dead_here(point: &str) {
    static REACHED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    if !crate::clock::test_vault() {
        return;
    }
    let Ok(fault) = std::env::var("COFFER_TEST_FAULT") else {
        return;
    };
    let (at, nth) = fault.split_once('@').unwrap_or((&fault, "1"));
    if at == point {
        let reached = REACHED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if nth.parse() == Ok(reached) {
            std::process::abort();
        }
    }
}

/// Blocks a Bitcoin sync through a node reads before its first save.
const SAVE_EVERY: u32 = 250;

/// How much the next part of a sync in parts reads (blocks, or scripts of a first scan):
/// as much as the sync read before it (`done`), `first` at least and [`PART_GROWTH`]
/// times `first` at most. Each part's write costs what the whole wallet does (the engine
/// loaded, canonicalized and saved, the vault written whole: 1.7 to 1.9 s for a
/// one-transaction import at 100,000 transactions), so parts of a fixed size made a
/// first sync quadratic: a first scan of 100,000 used addresses in parts of 100 scripts
/// took 1,000 such writes, 31 now. Parts that double take about log2(total / first)
/// writes, together about twice the last one, until the largest: a failure keeps at
/// least half of what the sync had read, and loses at most one largest part.
fn next_part(first: u32, done: u32) -> u32 {
    first.max(done).min(first.saturating_mul(PART_GROWTH))
}

/// The largest part of a sync in parts, in first parts: 10,000 blocks through a node
/// (minutes of reading a busy chain's blocks), 4,000 scripts through a server (about
/// four minutes at a public server's pace, 58 s for 1,000 here).
const PART_GROWTH: u32 = 40;

/// Reads on a snapshot with `fetch` (no lock held) and records what it read in one
/// write ([`apply_btc`]); again, from a new snapshot, while another writer moved the
/// wallet meanwhile (at most [`SYNC_ATTEMPTS`] times). One decryption when nothing else
/// writes meanwhile: the write goes on from the snapshot (what the reading did to it
/// rolled back) unless the files changed.
fn read_then_apply(
    vault: &Vault,
    snapshot: Option<crate::vault::Snapshot>,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
    mut fetch: impl FnMut(&rusqlite::Connection) -> Result<BtcFetch>,
) -> Result<BtcSynced> {
    let mut given = snapshot;
    for _ in 0..SYNC_ATTEMPTS {
        let snapshot = match given.take() {
            Some(s) => s,
            None => vault.read_full_for_write()?,
        };
        let fetched = snapshot.scratch(&mut fetch)?;
        if let Some(done) =
            vault.write_from(snapshot, |c| apply_btc(c, wallet, account, opts, &fetched))?
        {
            return Ok(done);
        }
        progress.set_position(0);
        progress.set_length(0);
    }
    Err(Error::Backend(format!(
        "the Bitcoin wallet '{}' kept changing while it synced (other coffer commands wrote \
         it {SYNC_ATTEMPTS} times meanwhile): nothing was recorded; run `coffer wallet sync` again",
        wallet.name
    )))
}

/// The reading half of [`sync_btc`]: what the node says, applied to the wallet of a
/// snapshot `c` (rolled back after, never saved), with no lock held: at most
/// `part` blocks while more are to read (`more`); the mempool and the payments
/// not found in a block once the tip is reached. `first_part`: the first part of the
/// sync (it sets the progress bar's length).
fn fetch_btc(
    c: &rusqlite::Connection,
    client: &bdk_bitcoind_rpc::bitcoincore_rpc::Client,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
    (node_tip, first_part, part): (u32, bool, u32),
) -> Result<BtcFetch> {
    use crate::chain::btc::rpc::node_error;
    use crate::vault::engine::{BtcWallet, ChainIndex, wallet_txs};
    use bdk_bitcoind_rpc::Emitter;
    use bdk_bitcoind_rpc::bitcoincore_rpc::RpcApi as _;
    let height_of = |h: u64| u32::try_from(h).unwrap_or(u32::MAX);
    let start_rows = txs::changesets(c, account.id)?;
    let known_raw = txs::raw_txids(c, account.id)?;
    let state = txs::btc_sync(c, account.id)?;
    let gap = opts
        .gap_limit
        .or(state.map(|s| s.gap_limit))
        .unwrap_or(DEFAULT_GAP_LIMIT);
    // A wider gap limit than before, or an engine rebuilt from the vault (which lost
    // the real block hashes): the blocks are read again from the first sync's start.
    let rebuilt_key = crate::vault::engine::rebuild::rescan_key(account.id);
    let rebuilt = crate::vault::meta(c, &rebuilt_key)?.is_some();
    let widened =
        rebuilt || matches!((opts.gap_limit, state), (Some(g), Some(s)) if g > s.gap_limit);
    let mut bw = BtcWallet::open_with(c, account, gap)?;
    // What opening the engine staged by itself (the addresses coffer handed out,
    // revealed again): not something the node said.
    let opened = bw.inner.staged().cloned();
    let start_cp = bw.inner.latest_checkpoint();
    let start_tip = (start_cp.height(), start_cp.hash());
    if rebuilt {
        // The rebuilt engine's blocks are placeholders: forget them, and read the
        // real ones again from the first sync's start.
        bw.truncate_chain(c, 0)?;
    }
    let cp = bw.inner.latest_checkpoint();
    // Where to read from: as asked; the first sync's start again for a wider gap
    // limit; on from the wallet's checkpoint; or, the first time, from the wallet's
    // birth (a day's margin for block times) when coffer made its keys, else genesis.
    let first_start = match state {
        Some(s) => s.start_height,
        None if cp.height() > 0 => 0,
        None => match wallets::birth(c, wallet.id)? {
            Some(b) => height_of(crate::chain::btc::rpc::first_block_at(client, b - 86_400)?),
            None => 0,
        },
    };
    let start = match opts.from_height {
        Some(h) => height_of(h),
        None if widened => first_start,
        None if state.is_none() && cp.height() == 0 => first_start,
        None => cp.height(),
    };
    // Reading again below the checkpoint: the emitter starts from the block before.
    let rescan = start <= cp.height() && (opts.from_height.is_some() || widened);
    let from_cp = if rescan {
        cp.floor_at(start.saturating_sub(1)).unwrap_or(cp.clone())
    } else {
        cp.clone()
    };
    let first_read = start.max(from_cp.height() + 1);
    if first_part && node_tip >= first_read {
        progress.inc_length(u64::from(node_tip - first_read + 1));
    }
    let chain = ChainIndex::of(&bw.inner);
    let expected: Vec<std::sync::Arc<bitcoin::Transaction>> = wallet_txs(&bw.inner, &chain)
        .into_iter()
        .filter(|t| !t.chain_position.is_confirmed())
        .map(|t| t.tx_node.tx.clone())
        .collect();
    let mut emitter = Emitter::new(client, from_cp, start, expected);
    let mut touched = vec![];
    let mut blocks = 0;
    let mut lowest: Option<u32> = None;
    let mut last_read = None;
    let mut more = false;
    loop {
        if blocks >= part && last_read.is_some_and(|h| h < node_tip) {
            more = true;
            break;
        }
        let Some(ev) = emitter.next_block().map_err(node_error)? else {
            break;
        };
        let height = ev.block_height();
        last_read = Some(height);
        lowest = Some(lowest.map_or(height, |l| l.min(height)));
        for tx in &ev.block.txdata {
            if bw.is_relevant(tx) {
                touched.push(tx.compute_txid());
            }
        }
        bw.inner
            .apply_block_connected_to(&ev.block, height, ev.connected_to())
            .map_err(|e| {
                Error::Backend(format!("the node's block {height} does not connect: {e}"))
            })?;
        blocks += 1;
        progress.inc(1);
    }
    // Blocks read at or below the old tip replaced (or re-read) those: the
    // transactions recorded as confirmed there are looked at again.
    bw.reorg_from = lowest.filter(|l| *l <= cp.height());
    // A part that stopped with more to read leaves the tip, the mempool and the
    // payments not seen in a block to the last part.
    let (marks, broadcast, failed) = if more {
        (vec![], vec![], vec![])
    } else {
        // A node whose chain got shorter (its tip invalidated, nothing in its place yet)
        // emits nothing: our blocks above the last one it still has are forgotten.
        let now_tip = client.get_block_count().map_err(node_error)?;
        let ours = bw.inner.latest_checkpoint();
        let mut agreement = None;
        for cp in ours.iter() {
            if u64::from(cp.height()) <= now_tip
                && client
                    .get_block_hash(u64::from(cp.height()))
                    .map_err(node_error)?
                    == cp.hash()
            {
                agreement = Some(cp.height());
                break;
            }
        }
        if let Some(a) = agreement.filter(|a| *a < ours.height()) {
            bw.truncate_chain(c, a)?;
        }
        let mempool = emitter.mempool().map_err(node_error)?;
        let in_mempool: std::collections::HashSet<bitcoin::Txid> = mempool
            .update
            .iter()
            .map(|(tx, _)| tx.compute_txid())
            .collect();
        for (tx, _) in &mempool.update {
            if bw.is_relevant(tx) {
                touched.push(tx.compute_txid());
            }
        }
        bw.inner.apply_evicted_txs(mempool.evicted.clone());
        // In the node's mempool means live, whatever the clocks say: one abandoned here
        // (evicted at our time) and broadcast since (seen at the node's entry time, which
        // may be the same second or earlier) must come back, so it is seen after its eviction.
        let update: Vec<_> = mempool
            .update
            .into_iter()
            .map(|(tx, seen)| {
                let evicted = bw.inner.tx_graph().get_last_evicted(tx.compute_txid());
                let seen = evicted.map_or(seen, |e| seen.max(e.saturating_add(1)));
                (tx, seen)
            })
            .collect();
        bw.inner.apply_unconfirmed_txs(update);
        // Ours that are neither in a block of the chain nor in the node's mempool (evicted,
        // or their block was replaced): the node says whether they can still confirm.
        let chain = ChainIndex::of(&bw.inner);
        let confirmed: std::collections::HashSet<bitcoin::Txid> = wallet_txs(&bw.inner, &chain)
            .into_iter()
            .filter(|t| t.chain_position.is_confirmed())
            .map(|t| t.tx_node.txid)
            .collect();
        let mut orphans: Vec<std::sync::Arc<bitcoin::Transaction>> = vec![];
        for (txid, _) in &mempool.evicted {
            if let Some(t) = bw.inner.tx_graph().get_tx(*txid) {
                orphans.push(t);
            }
        }
        if let Some(h) = bw.reorg_from {
            for t in txs::txids_confirmed_from(c, account.id, h)? {
                if let Ok(id) = t.parse::<bitcoin::Txid>()
                    && !confirmed.contains(&id)
                    && !in_mempool.contains(&id)
                    && let Some(tx) = bw.inner.tx_graph().get_tx(id)
                {
                    orphans.push(tx);
                }
            }
        }
        // Payments `send` recorded but never broadcast (a crash between its commit and the
        // broadcast): sent now, unless the node has them; one it refuses is looked at as
        // the others below.
        let marks = txs::unbroadcast(c, account.id)?;
        let mut broadcast = vec![];
        for t in &marks {
            let Ok(id) = t.parse::<bitcoin::Txid>() else {
                continue;
            };
            if confirmed.contains(&id)
                || in_mempool.contains(&id)
                || txs::get(c, account.id, t)?.is_none_or(|r| r.status != txs::Status::Pending)
            {
                continue;
            }
            let Some(tx) = bw.inner.tx_graph().get_tx(id) else {
                continue;
            };
            if client.send_raw_transaction(tx.as_ref()).is_ok() {
                broadcast.push(t.clone());
                touched.push(id);
            } else {
                orphans.push(tx);
            }
        }
        let now_secs = u64::try_from(clock::now()).unwrap_or(0);
        // Seen after its eviction (an eviction at the same second would win).
        let revive_at = mempool
            .evicted
            .iter()
            .map(|(_, t)| *t)
            .fold(now_secs, u64::max)
            + 1;
        let mut failed = vec![];
        let mut revived = vec![];
        for tx in orphans {
            let txid = tx.compute_txid();
            let verdict = client
                .test_mempool_accept(&[tx.as_ref()])
                .map_err(node_error)?;
            let reason = verdict
                .first()
                .and_then(|v| v.reject_reason.clone())
                .unwrap_or_default();
            if reason.contains("missingorspent") || reason.contains("missing-inputs") {
                failed.push(txid);
                bw.inner.apply_evicted_txs([(txid, now_secs)]);
            } else if verdict.first().is_some_and(|v| v.allowed) {
                // Still valid (its block was replaced and the node did not take it back):
                // pending again.
                revived.push((tx.clone(), revive_at));
            }
            touched.push(txid);
        }
        bw.inner.apply_unconfirmed_txs(revived);
        (marks, broadcast, failed)
    };
    let reorg_from = bw.reorg_from;
    // Nothing staged beyond what opening the engine staged, and nothing stored by a
    // truncation: the reading added nothing (the usual case of a sync that finds the
    // wallet up to date), and the snapshot need not be written to find that out.
    let unchanged = !rebuilt && bw.reorg_from.is_none() && bw.inner.staged().cloned() == opened;
    let (view, watched_next, delta) =
        read_back(c, account.id, bw, unchanged, &start_rows, &known_raw)?;
    touched.sort();
    touched.dedup();
    let stored_start = match state {
        Some(s) => s.start_height.min(start),
        None if cp.height() > 0 => 0,
        None => start,
    };
    Ok(BtcFetch {
        start_rows,
        start_tip,
        watched_next,
        rebuilt,
        delta,
        gap,
        start,
        first_read,
        rescan,
        blocks,
        stored_start,
        touched,
        failed,
        reorg_from,
        marks,
        broadcast,
        view,
        more,
        last_read,
        scan: None,
    })
}

/// The end of a reading on the snapshot `c`, through a node or a server: the engine
/// stored in the snapshot (only to read back what the reading added) unless it is
/// `unchanged`, what it shows, the next address index of each branch, and what the
/// reading added to the change sets of `start_rows`.
fn read_back(
    c: &rusqlite::Connection,
    account_id: i64,
    mut bw: crate::vault::engine::BtcWallet<'_>,
    unchanged: bool,
    start_rows: &[Vec<u8>],
    known_raw: &std::collections::HashSet<Vec<u8>>,
) -> Result<(EngineView, Vec<u32>, crate::vault::engine::EngineDelta)> {
    if !unchanged {
        bw.save(c, &[], clock::now_ms())?;
    }
    let view = EngineView::of(&bw);
    bw.free_apart();
    let watched_next = [0, 1]
        .into_iter()
        .map(|b| wallets::next_index(c, account_id, b))
        .collect::<Result<Vec<u32>>>()?;
    let delta = if unchanged {
        crate::vault::engine::EngineDelta::default()
    } else {
        crate::vault::engine::engine_delta(c, account_id, start_rows, known_raw)?
    };
    Ok((view, watched_next, delta))
}

/// The recording half of [`sync_btc`], inside the vault write: `None` when another
/// writer moved the wallet's chain (or revealed more addresses than the reading
/// covered) since the snapshot, and the node must be read again.
fn apply_btc(
    c: &rusqlite::Connection,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    f: &BtcFetch,
) -> Result<Option<BtcSynced>> {
    use crate::vault::engine::{BtcWallet, account_network};
    let network = account_network(account)?;
    let gap = f.gap;
    let rebuilt_key = crate::vault::engine::rebuild::rescan_key(account.id);
    let rows = txs::changesets(c, account.id)?;
    if rows != f.start_rows {
        // Another writer changed the engine: still consistent when the chain it holds
        // is the one the reading started from (a payment recorded meanwhile).
        let rebuilt = crate::vault::meta(c, &rebuilt_key)?.is_some();
        let bw = BtcWallet::open_with(c, account, gap)?;
        let cp = bw.inner.latest_checkpoint();
        if rebuilt != f.rebuilt || (cp.height(), cp.hash()) != f.start_tip {
            return Ok(None);
        }
    }
    for (b, watched) in f.watched_next.iter().enumerate() {
        if wallets::next_index(c, account.id, b as u32)? > *watched {
            return Ok(None);
        }
    }
    // The node brought nothing new (the engine, its rows and the wallet's transactions
    // are as the reading started from them): the engine is neither rebuilt nor saved,
    // only the sync's record moves.
    let quiet = f.delta.is_empty()
        && rows == f.start_rows
        && f.touched.is_empty()
        && f.failed.is_empty()
        && f.marks.is_empty()
        && f.broadcast.is_empty()
        && f.reorg_from.is_none()
        && !f.rebuilt;
    let (view, touched) = if quiet {
        (f.view, 0)
    } else {
        crate::vault::engine::apply_engine_delta(c, account.id, &f.delta)?;
        let mut bw = BtcWallet::open_with(c, account, gap)?;
        bw.failed = f.failed.iter().copied().collect();
        bw.reorg_from = f.reorg_from;
        // Ours as the vault's wallet sees them.
        let touched: Vec<bitcoin::Txid> = f
            .touched
            .iter()
            .copied()
            .filter(|t| {
                bw.inner
                    .tx_graph()
                    .get_tx(*t)
                    .is_some_and(|tx| bw.is_relevant(&tx))
            })
            .collect();
        bw.save(c, &touched, clock::now_ms())?;
        (EngineView::of(&bw), touched.len())
    };
    let tip = view.tip;
    for t in &f.marks {
        txs::clear_unbroadcast(c, account.id, t)?;
    }
    txs::set_btc_sync(
        c,
        account.id,
        &txs::BtcSync {
            start_height: f.stored_start,
            gap_limit: gap,
            tip_height: tip,
            synced_at: clock::now(),
        },
    )?;
    if f.rebuilt {
        crate::vault::delete_meta(c, &rebuilt_key)?;
    }
    match &f.scan {
        Some(Some(state)) => crate::vault::set_meta(c, &scan_key(account.id), state)?,
        Some(None) => crate::vault::delete_meta(c, &scan_key(account.id))?,
        None => {}
    }
    let watched =
        |index: Option<u32>| index.map_or(gap.saturating_sub(1), |i| i.saturating_add(gap));
    let receive_watched = watched(view.external);
    // "Paid to a later address?" is said when the window watched is new (the first
    // sync, a wider gap, addresses used or revealed since), not at every sync.
    let hint_key = format!("gap_hint:{}", account.id);
    let window = format!("{gap}:{receive_watched}");
    let gap_hint =
        opts.for_people && crate::vault::meta(c, &hint_key)?.as_deref() != Some(window.as_str());
    if gap_hint {
        crate::vault::set_meta(c, &hint_key, &window)?;
    }
    Ok(Some(BtcSynced {
        gap_hint,
        wallet: wallet.name.clone(),
        network,
        tip,
        blocks: f.blocks,
        from_height: (f.blocks > 0).then_some(f.first_read),
        rescanned_from: (f.rescan || f.rebuilt).then_some(f.start),
        transactions: touched,
        failed: f.failed.iter().map(ToString::to_string).collect(),
        broadcast: f.broadcast.clone(),
        gap_limit: gap,
        watched: Watched {
            receive: receive_watched,
            change: account
                .internal_descriptor
                .is_some()
                .then(|| watched(view.internal)),
        },
        requests: None,
        confirmed: amount::format_btc(view.confirmed),
        pending: amount::format_btc(view.pending),
    }))
}

/// Brings one Bitcoin account up to an Electrum server's tip (bdk_electrum): a full scan
/// of both branches by script history with the gap limit the first time (no block is
/// read, so no genesis scan), in parts of [`SCAN_PART`] scripts ([`in_parts`]), a sync of
/// the revealed scripts afterwards. Read with no lock held on a snapshot, each part
/// applied in its own vault write by the same recording half as a node's sync
/// ([`apply_btc`]), so the history and balance rows are the same; a failure while reading
/// records nothing of that part, and the next sync goes on with the scan.
pub fn sync_electrum(
    vault: &Vault,
    snapshot: Option<crate::vault::Snapshot>,
    (url, route): (&str, &crate::chain::net::Route),
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
) -> Result<BtcSynced> {
    let network = crate::vault::engine::account_network(account)?;
    // The server is checked (its genesis is the network's) before anything is asked.
    let (mut server, _) = crate::chain::btc::electrum::connect(url, route, network)?;
    // The same transport (proxy, TLS, pinned certificate) under the BDK client.
    // Paced for a public server's per-session limits (small batches; a busy server
    // asked again after a pause, with a notice).
    let client = bdk_electrum::BdkElectrumClient::new(crate::chain::btc::electrum::Paced::connect(
        url,
        route,
        Box::new(|m| progress.note(m)),
    )?);
    let fetch = |c: &rusqlite::Connection, part| {
        let source = Source::Electrum(&client, &mut server);
        fetch_electrum(c, source, url, account, (opts, part), progress)
    };
    let mut done = in_parts(vault, snapshot, wallet, account, opts, progress, fetch)?;
    done.requests = Some(client.inner.requests());
    Ok(done)
}

/// A sync through a server, recorded part by part: a first scan (or one with a wider gap
/// limit) reads [`SCAN_PART`] scripts, then parts as large as what it read before, up
/// to 4,000 ([`next_part`]), each part applied in its own vault write
/// ([`read_then_apply`]) with where the scan stands, so that a failure later keeps what
/// was read and the next sync goes on from there; any other sync is one part. `fetch`
/// reads a part of the size given.
fn in_parts(
    vault: &Vault,
    snapshot: Option<crate::vault::Snapshot>,
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
    mut fetch: impl FnMut(&rusqlite::Connection, u32) -> Result<BtcFetch>,
) -> Result<BtcSynced> {
    let (mut snapshot, mut total) = (snapshot, None::<BtcSynced>);
    // Scripts in the first part (a test vault's `COFFER_TEST_SCAN_PART` may say), and
    // scripts read so far.
    let first = match std::env::var("COFFER_TEST_SCAN_PART") {
        Ok(v) if clock::test_vault() => v.parse().unwrap_or(SCAN_PART).max(1),
        _ => SCAN_PART,
    };
    let (mut part, mut read) = (first, 0u32);
    loop {
        let more = std::cell::Cell::new(false);
        let done = read_then_apply(
            vault,
            snapshot.take(),
            wallet,
            account,
            opts,
            progress,
            |c| {
                let f = fetch(c, part)?;
                more.set(f.more);
                Ok(f)
            },
        )?;
        total = Some(match total {
            None => done,
            Some(t) => BtcSynced {
                transactions: t.transactions + done.transactions,
                gap_hint: t.gap_hint || done.gap_hint,
                ..done
            },
        });
        if !more.get() {
            break;
        }
        progress.set_message("saved part of the first scan".to_string());
        stop_dead_here("btc-sync-saved");
        // A part that leaves more to scan read all of its scripts.
        read = read.saturating_add(part);
        part = next_part(first, read);
    }
    Ok(total.expect("one part at least"))
}

/// Brings one Bitcoin account up to the tip of the Esplora API at `url` (bdk_esplora: a
/// full scan in parts the first time or with a wider gap limit, else a sync of the
/// revealed scripts), read outside the lock and recorded by the same step as a node's or an
/// Electrum server's readings.
pub fn sync_esplora(
    vault: &Vault,
    snapshot: Option<crate::vault::Snapshot>,
    (url, route): (&str, &crate::chain::net::Route),
    wallet: &wallets::WalletRow,
    account: &wallets::AccountRow,
    opts: BtcSyncOpts,
    progress: &dyn Progress,
) -> Result<BtcSynced> {
    let network = crate::vault::engine::account_network(account)?;
    // The API is checked (its genesis is the network's) before anything is asked.
    let (mut api, _) = crate::chain::btc::esplora::connect(url, route, network)?;
    let fetch = |c: &rusqlite::Connection, part| {
        fetch_electrum(
            c,
            Source::Esplora(&mut api),
            url,
            account,
            (opts, part),
            progress,
        )
    };
    in_parts(vault, snapshot, wallet, account, opts, progress, fetch)
}

/// Scripts whose histories an Electrum sync asks for in one batch. The outputs that
/// the transactions found spend are not asked for (bdk's `fetch_prev_txouts`, one
/// request per input, about two per payment received): the wallet's own ones are in
/// its transactions already, and the others (what paid it) a node's sync does not read
/// either.
const ELECTRUM_BATCH: usize = crate::chain::btc::electrum::BATCH;

/// What a sync without a node reads from: an Electrum server (bdk's client and coffer's
/// own, on the same transport) or an Esplora API.
enum Source<'a> {
    Electrum(
        &'a bdk_electrum::BdkElectrumClient<ElectrumClient<'a>>,
        &'a mut crate::chain::btc::electrum::Client,
    ),
    Esplora(&'a mut crate::chain::btc::esplora::Client),
}

impl Source<'_> {
    /// A sync of the scripts of `request` (the revealed ones, or a part of a first scan):
    /// the transactions it saw and the update.
    fn scan<I: Send + 'static>(
        &self,
        bw: &crate::vault::engine::BtcWallet<'_>,
        url: &str,
        request: bdk_wallet::chain::spk_client::SyncRequest<I>,
    ) -> Result<(Vec<bitcoin::Txid>, bdk_wallet::Update)> {
        macro_rules! seen {
            ($r:expr) => {{
                let r = $r;
                let seen = r.tx_update.txs.iter().map(|t| t.compute_txid()).collect();
                (seen, r.into())
            }};
        }
        if let Source::Electrum(client, _) = self {
            // What the vault holds already is not asked again: its transactions, and
            // the blocks that confirm them (while the server's chain still has them).
            let graph = bw.inner.tx_graph();
            client.populate_tx_cache(graph.full_txs().map(|t| t.tx));
            client.inner.known(graph.full_txs().map(|t| t.txid));
            client.populate_anchor_cache(
                graph
                    .all_anchors()
                    .iter()
                    .map(|(t, a)| (*t, a.iter().copied().collect::<Vec<_>>())),
            );
        }
        Ok(match self {
            Source::Electrum(client, _) => seen!(
                client
                    .sync(request, ELECTRUM_BATCH, false)
                    .map_err(electrum_error(url))?
            ),
            Source::Esplora(api) => seen!(api.sync(request, 4)?),
        })
    }

    fn noun(&self) -> &'static str {
        match self {
            Source::Electrum(..) => "Electrum server",
            Source::Esplora(_) => "Esplora API",
        }
    }
}

/// What the pending step asks of the server a sync read from.
trait PendingServer {
    /// Whether it knows `txid`: `Some(true)` confirmed, `Some(false)` in its mempool.
    fn known(&mut self, txid: bitcoin::Txid) -> Result<Option<bool>>;
    /// Sends `tx`: `Ok(Err(reason))` when refused.
    fn send(&mut self, tx: &bitcoin::Transaction) -> Result<std::result::Result<(), String>>;
    /// Whether a coin is spent in its view.
    fn coin_spent(&mut self, coin: bitcoin::OutPoint) -> Result<bool>;
}

impl PendingServer for crate::chain::btc::electrum::Client {
    fn known(&mut self, txid: bitcoin::Txid) -> Result<Option<bool>> {
        Ok(self.transaction(txid)?.map(|k| k.block_hash.is_some()))
    }
    fn send(&mut self, tx: &bitcoin::Transaction) -> Result<std::result::Result<(), String>> {
        self.broadcast(tx)
    }
    fn coin_spent(&mut self, coin: bitcoin::OutPoint) -> Result<bool> {
        crate::chain::btc::electrum::Client::coin_spent(self, coin)
    }
}

impl PendingServer for crate::chain::btc::esplora::Client {
    fn known(&mut self, txid: bitcoin::Txid) -> Result<Option<bool>> {
        crate::chain::btc::esplora::Client::known(self, txid)
    }
    fn send(&mut self, tx: &bitcoin::Transaction) -> Result<std::result::Result<(), String>> {
        self.broadcast(tx)
    }
    fn coin_spent(&mut self, coin: bitcoin::OutPoint) -> Result<bool> {
        crate::chain::btc::esplora::Client::coin_spent(self, coin)
    }
}

/// The Electrum client of a sync, over coffer's own transport.
type ElectrumClient<'p> = crate::chain::btc::electrum::Paced<'p>;

fn electrum_error(url: &str) -> impl Fn(bdk_electrum::electrum_client::Error) -> Error + '_ {
    move |e| Error::Backend(format!("Electrum server {url}: {e}"))
}

/// The reading half of [`sync_electrum`] and [`sync_esplora`], on a snapshot `c`
/// (rolled back after); a first scan reads `part` scripts.
fn fetch_electrum(
    c: &rusqlite::Connection,
    mut source: Source<'_>,
    url: &str,
    account: &wallets::AccountRow,
    (opts, part): (BtcSyncOpts, u32),
    progress: &dyn Progress,
) -> Result<BtcFetch> {
    use crate::vault::engine::BtcWallet;
    let start_rows = txs::changesets(c, account.id)?;
    let known_raw = txs::raw_txids(c, account.id)?;
    let state = txs::btc_sync(c, account.id)?;
    let gap = opts
        .gap_limit
        .or(state.map(|s| s.gap_limit))
        .unwrap_or(DEFAULT_GAP_LIMIT);
    // A wallet never synced (or a wider gap limit): a full scan with the gap limit, in
    // parts (a scan stopped part-way goes on where it stopped); else the scripts
    // revealed so far, and the unused ones up to the gap.
    let widened = matches!((opts.gap_limit, state), (Some(g), Some(s)) if g > s.gap_limit);
    let fresh = ScanState {
        keychain: 0,
        next: 0,
        unused: 0,
        gap,
    };
    let scan =
        match crate::vault::meta(c, &scan_key(account.id))?.and_then(|v| ScanState::parse(&v)) {
            Some(s) if opts.gap_limit.is_none_or(|g| g <= s.gap) => Some(s),
            Some(_) => Some(fresh),
            None if state.is_none() || widened => Some(fresh),
            None => None,
        };
    let gap = scan.map_or(gap, |s| s.gap);
    let mut bw = BtcWallet::open_with(c, account, gap)?;
    let opened = bw.inner.staged().cloned();
    let start_cp = bw.inner.latest_checkpoint();
    let start_tip = (start_cp.height(), start_cp.hash());
    progress.inc_length(1);
    let noun = source.noun();
    let apply = |bw: &mut BtcWallet<'_>, update: bdk_wallet::Update| {
        bw.inner.apply_update(update).map_err(|e| {
            Error::Backend(format!(
                "{noun} {url}: its chain does not connect to the wallet's: {e}"
            ))
        })
    };
    let (txs_seen, more, scan_after) = match scan {
        Some(mut st) => {
            let seen = scan_part(&source, &mut bw, (url, part), &mut st, &apply)?;
            let more = (st.keychain as usize) < bw.inner.keychains().count();
            (seen, more, Some(more.then(|| st.to_string())))
        }
        None => {
            let request = bw.inner.start_sync_with_revealed_spks().build();
            let (seen, update) = source.scan(&bw, url, request)?;
            apply(&mut bw, update)?;
            (seen, false, None)
        }
    };
    progress.inc(1);
    // A part with more to scan leaves the payments not seen to the last part.
    let (marks, broadcast, failed) = match &mut source {
        _ if more => (vec![], vec![], vec![]),
        Source::Electrum(_, server) => electrum_pending(c, &mut **server, &mut bw, account)?,
        Source::Esplora(api) => electrum_pending(c, &mut **api, &mut bw, account)?,
    };
    let mut touched: Vec<bitcoin::Txid> = txs_seen
        .into_iter()
        .filter(|t| {
            bw.inner
                .tx_graph()
                .get_tx(*t)
                .is_some_and(|tx| bw.is_relevant(&tx))
        })
        .collect();
    touched.extend(failed.iter().copied());
    touched.extend(
        broadcast
            .iter()
            .filter_map(|t| t.parse::<bitcoin::Txid>().ok()),
    );
    let unchanged = bw.inner.staged().cloned() == opened;
    let (view, watched_next, delta) =
        read_back(c, account.id, bw, unchanged, &start_rows, &known_raw)?;
    touched.sort();
    touched.dedup();
    Ok(BtcFetch {
        start_rows,
        start_tip,
        watched_next,
        rebuilt: false,
        delta,
        gap,
        start: 0,
        first_read: 0,
        rescan: false,
        blocks: 0,
        stored_start: state.map_or(0, |s| s.start_height),
        touched,
        failed,
        reorg_from: None,
        marks,
        broadcast,
        view,
        more,
        last_read: None,
        scan: scan_after,
    })
}

/// Where a first scan through a server stands between two parts (kept in the vault's
/// meta under [`scan_key`]): the branch scanned (its position among the engine's
/// keychains), the next index to look at there, the unused scripts seen since the last
/// used one (past the last revealed one, as bdk counts them) and the gap limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ScanState {
    keychain: u32,
    next: u32,
    unused: u32,
    gap: u32,
}

impl ScanState {
    fn parse(s: &str) -> Option<Self> {
        let mut it = s.split(':').map(|p| p.parse::<u32>().ok());
        let mut next = || it.next().flatten();
        Some(ScanState {
            keychain: next()?,
            next: next()?,
            unused: next()?,
            gap: next()?,
        })
    }
}

impl std::fmt::Display for ScanState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}:{}",
            self.keychain, self.next, self.unused, self.gap
        )
    }
}

/// The vault meta key of an account's first scan in progress.
fn scan_key(account_id: i64) -> String {
    format!("btc_scan:{account_id}")
}

/// Scripts the first part of a first scan through a server looks at (a few hundred
/// requests), unless a test vault's `COFFER_TEST_SCAN_PART` says otherwise; later parts
/// grow ([`next_part`]).
const SCAN_PART: u32 = 100;

/// One part of a first scan: about `part` scripts from where `st` stands, the branches
/// in turn, applied to the engine `bw` with `apply`; `st` moves on. The gap limit is
/// bdk's full scan's: a branch ends at the `gap`-th unused script in a row past
/// the last used one (unused ones at or below the last revealed index not counted).
/// Each request asks at most for the scripts the rule surely reaches, so no script past
/// the end is asked for; a script is used when a transaction found pays to it (every
/// transaction of its history is found, and the first one pays to it).
fn scan_part(
    source: &Source<'_>,
    bw: &mut crate::vault::engine::BtcWallet<'_>,
    (url, part): (&str, u32),
    st: &mut ScanState,
    apply: &dyn Fn(&mut crate::vault::engine::BtcWallet<'_>, bdk_wallet::Update) -> Result<()>,
) -> Result<Vec<bitcoin::Txid>> {
    let keychains: Vec<bdk_wallet::KeychainKind> = bw.inner.keychains().map(|(k, _)| k).collect();
    let (mut seen, mut asked) = (vec![], 0);
    while asked < part {
        let Some(&k) = keychains.get(st.keychain as usize) else {
            break;
        };
        let g = st.gap.max(1);
        let revealed = bw.inner.derivation_index(k);
        let below = revealed.map_or(0, |r| (r + 1).saturating_sub(st.next));
        let len = (part - asked).min(below + g - st.unused.min(g - 1));
        let spks: Vec<(u32, bitcoin::ScriptBuf)> = (st.next..st.next + len)
            .map(|i| (i, bw.inner.peek_address(k, i).script_pubkey()))
            .collect();
        let request = bdk_wallet::chain::spk_client::SyncRequest::builder()
            .chain_tip(bw.inner.latest_checkpoint())
            .spks_with_indexes(spks.clone())
            .build();
        let (txs, mut update) = source.scan(bw, url, request)?;
        let paid: HashSet<&bitcoin::Script> = update
            .tx_update
            .txs
            .iter()
            .flat_map(|t| t.output.iter().map(|o| o.script_pubkey.as_script()))
            .collect();
        let (mut last_used, mut ended) = (None, false);
        for (i, spk) in &spks {
            if paid.contains(spk.as_script()) {
                last_used = Some(*i);
                st.unused = 0;
            } else if revealed.is_none_or(|r| *i > r) {
                st.unused += 1;
                if st.unused >= g {
                    ended = true;
                    break;
                }
            }
        }
        drop(paid);
        if let Some(i) = last_used {
            update.last_active_indices.insert(k, i);
        }
        apply(bw, update)?;
        seen.extend(txs);
        asked += len;
        if ended {
            *st = ScanState {
                keychain: st.keychain + 1,
                next: 0,
                unused: 0,
                gap: st.gap,
            };
        } else {
            st.next += len;
        }
    }
    Ok(seen)
}

/// After an Electrum update, the wallet's recorded transactions that did not end up
/// confirmed and that the server does not know (neither in a block nor in its
/// mempool): a payment `send` recorded but never broadcast (a crash between its commit
/// and the broadcast) is sent now; one the server refuses, or any other whose coins the
/// server sees spent by another transaction (a double spend, one a reorganisation left
/// confirmed), can never confirm: `failed`, and dropped from the engine. Returns the
/// marks looked at (to clear), those broadcast, and those failed. One the server's
/// node holds in its mempool is pending, whatever the server's index said.
fn electrum_pending(
    c: &rusqlite::Connection,
    server: &mut impl PendingServer,
    bw: &mut crate::vault::engine::BtcWallet<'_>,
    account: &wallets::AccountRow,
) -> Result<(Vec<String>, Vec<String>, Vec<bitcoin::Txid>)> {
    let marks = txs::unbroadcast(c, account.id)?;
    let recorded = txs::txids_with_status(
        c,
        account.id,
        &[txs::Status::Pending, txs::Status::Confirmed],
    )?;
    // One canonicalization (each bdk query runs one over the whole graph).
    let (mut canonical, mut confirmed) = (HashSet::new(), HashSet::new());
    let chain = crate::vault::engine::ChainIndex::of(&bw.inner);
    for w in crate::vault::engine::wallet_txs(&bw.inner, &chain) {
        canonical.insert(w.tx_node.txid);
        if w.chain_position.is_confirmed() {
            confirmed.insert(w.tx_node.txid);
        }
    }
    let (mut broadcast, mut failed, mut seen) = (vec![], vec![], vec![]);
    for t in &recorded {
        let Ok(id) = t.parse::<bitcoin::Txid>() else {
            continue;
        };
        if confirmed.contains(&id) {
            continue;
        }
        let Some(tx) = bw.inner.tx_graph().get_tx(id) else {
            continue;
        };
        if let Some(confirmed) = server.known(id)? {
            // In the server's node's mempool though not (yet) in the server's index,
            // which bdk_electrum then took for an eviction: pending still.
            if !confirmed && !canonical.contains(&id) {
                seen.push(tx);
            }
            continue;
        }
        let dead = if marks.contains(t) {
            match server.send(&tx)? {
                Ok(()) => {
                    broadcast.push(t.clone());
                    false
                }
                Err(reason) => {
                    reason.contains("missingorspent")
                        || reason.contains("missing-inputs")
                        || spent_elsewhere(server, &tx)?
                }
            }
        } else {
            spent_elsewhere(server, &tx)?
        };
        if dead {
            failed.push(id);
        }
    }
    let now_secs = u64::try_from(clock::now()).unwrap_or(0);
    bw.inner
        .apply_evicted_txs(failed.iter().map(|t| (*t, now_secs)));
    // bdk_electrum marked what it expected on a script and the server did not have (the
    // payments just broadcast) evicted when the sync started: seen after that, so they
    // stay pending (an eviction at the same second would win).
    let sent: Vec<_> = broadcast
        .iter()
        .filter_map(|t| t.parse::<bitcoin::Txid>().ok())
        .filter_map(|t| bw.inner.tx_graph().get_tx(t))
        .chain(seen)
        .map(|tx| (tx, now_secs + 1))
        .collect();
    bw.inner.apply_unconfirmed_txs(sent);
    Ok((marks, broadcast, failed))
}

/// Whether a coin `tx` spends is spent in the server's view (`tx` itself it does not
/// know): by another transaction.
fn spent_elsewhere(server: &mut impl PendingServer, tx: &bitcoin::Transaction) -> Result<bool> {
    for i in &tx.input {
        if server.coin_spent(i.previous_output)? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parts double from the first, up to the largest; in writes, a first scan of
    /// 100,000 used addresses (and the gap on each branch) takes 31 parts, not 1,001.
    #[test]
    fn parts_double_up_to_the_largest() {
        let sizes = |total: u32, first: u32| {
            let (mut read, mut sizes) = (0, vec![]);
            while read < total {
                let part = next_part(first, read);
                assert!(part > 0, "a part reads something");
                sizes.push(part);
                read += part;
            }
            sizes
        };
        assert_eq!(sizes(1_040, 100), [100, 100, 200, 400, 800]);
        assert_eq!(sizes(1_101, SAVE_EVERY), [250, 250, 500, 1_000]);
        let big = sizes(100_040, SCAN_PART);
        assert_eq!(big.len(), 31);
        assert_eq!(big.iter().max(), Some(&(SCAN_PART * PART_GROWTH)));
        assert_eq!(&big[..8], [100, 100, 200, 400, 800, 1_600, 3_200, 4_000]);
    }
}
