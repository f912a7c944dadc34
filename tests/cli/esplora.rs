//! `wallet backend set btc --esplora`: an Esplora HTTP API as the Bitcoin backend.
//!
//! No Esplora server can be installed here, so these tests run an **Esplora-protocol
//! adapter** (below): a small HTTP server on 127.0.0.1 that answers the endpoints
//! bdk_esplora's client calls, by asking a real regtest node (JSON-RPC) and
//! keeping a transaction index it builds by reading every block and the mempool. It is
//! not Esplora: only what coffer's client asks, for the transactions of these tests.

use crate::common::Env;
use crate::node::Node;
use bitcoin::consensus::encode::{deserialize, serialize};
use bitcoin::hashes::Hash as _;
use bitcoin::{Block, BlockHash, Transaction, Txid};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// Where a transaction is: its block (height, hash, time), or none (the mempool).
type Place = Option<(u32, BlockHash, u32)>;

/// What the adapter read from the node so far.
#[derive(Default)]
struct Index {
    /// Block hashes by height, and their headers.
    blocks: Vec<(BlockHash, bitcoin::block::Header, usize, usize, u64)>,
    /// Every transaction of those blocks and of the mempool, with its place.
    txs: HashMap<Txid, (Transaction, Place)>,
}

/// The node's JSON-RPC, over plain HTTP with its cookie.
#[derive(Clone)]
struct Rpc {
    port: u16,
    auth: String,
}

impl Rpc {
    fn call(&self, method: &str, params: Value) -> Result<Value, Value> {
        let body =
            json!({ "jsonrpc": "1.0", "id": 1, "method": method, "params": params }).to_string();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "POST / HTTP/1.0\r\nAuthorization: Basic {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            self.auth,
            body.len()
        )
        .unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let (_, json) = text.split_once("\r\n\r\n").unwrap();
        let v: Value = serde_json::from_str(json).unwrap();
        if v["error"].is_null() {
            Ok(v["result"].clone())
        } else {
            Err(v["error"].clone())
        }
    }

    fn ok(&self, method: &str, params: Value) -> Value {
        self.call(method, params.clone())
            .unwrap_or_else(|e| panic!("{method} {params}: {e}"))
    }
}

/// An Esplora-protocol adapter on a regtest node (see the module's comment).
pub struct Adapter {
    port: u16,
}

impl Adapter {
    /// Starts the adapter in front of `node`; it answers until the test process ends.
    pub fn start(node: &Node) -> Adapter {
        use base64::Engine as _;
        let cookie = std::fs::read_to_string(node.cookie()).unwrap();
        let rpc = Rpc {
            port: node.rpc_port(),
            auth: base64::engine::general_purpose::STANDARD.encode(cookie.trim()),
        };
        let index = Arc::new(Mutex::new(Index::default()));
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (rpc, index) = (rpc.clone(), index.clone());
                std::thread::spawn(move || serve(stream, &rpc, &index));
            }
        });
        Adapter { port }
    }

    /// The API's base URL (with a path, as public Esplora APIs have).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/api", self.port)
    }
}

/// Answers one HTTP request (then closes the connection).
fn serve(stream: TcpStream, rpc: &Rpc, index: &Mutex<Index>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let mut length = 0;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let path = path.strip_prefix("/api").unwrap_or(&path);
    let (status, answer) = {
        let mut index = index.lock().unwrap_or_else(|p| p.into_inner());
        refresh(rpc, &mut index);
        answer(rpc, &mut index, &method, path, &body)
    };
    let mut stream = stream;
    let _ = stream.write_all(
        format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            answer.len()
        )
        .as_bytes(),
    );
    let _ = stream.write_all(&answer);
}

/// Reads the blocks the index lacks (from scratch after a reorganisation) and the
/// mempool.
fn refresh(rpc: &Rpc, index: &mut Index) {
    let count = rpc.ok("getblockcount", json!([])).as_u64().unwrap() as usize;
    if let Some((last, ..)) = index.blocks.last() {
        let h = index.blocks.len() - 1;
        let theirs = rpc.ok("getblockhash", json!([h]));
        if h > count || theirs.as_str() != Some(&last.to_string()) {
            *index = Index::default();
        }
    }
    index.txs.retain(|_, (_, place)| place.is_some());
    for h in index.blocks.len()..=count {
        let hash = rpc.ok("getblockhash", json!([h]));
        let raw = rpc.ok("getblock", json!([hash, 0]));
        let block: Block = deserialize(&hex::decode(raw.as_str().unwrap()).unwrap()).unwrap();
        let hash = block.block_hash();
        let size = serialize(&block).len();
        let weight = block.weight().to_wu();
        for tx in &block.txdata {
            index.txs.insert(
                tx.compute_txid(),
                (tx.clone(), Some((h as u32, hash, block.header.time))),
            );
        }
        index
            .blocks
            .push((hash, block.header, block.txdata.len(), size, weight));
    }
    for txid in rpc.ok("getrawmempool", json!([])).as_array().unwrap() {
        let Ok(raw) = rpc.call("getrawtransaction", json!([txid])) else {
            continue;
        };
        let tx: Transaction = deserialize(&hex::decode(raw.as_str().unwrap()).unwrap()).unwrap();
        index.txs.insert(tx.compute_txid(), (tx, None));
    }
}

fn text(s: impl ToString) -> (u16, Vec<u8>) {
    (200, s.to_string().into_bytes())
}

fn not_found() -> (u16, Vec<u8>) {
    (404, b"not found".to_vec())
}

/// One endpoint of bdk_esplora's blocking client.
fn answer(rpc: &Rpc, index: &mut Index, method: &str, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let tip = index.blocks.len() - 1;
    match (method, parts.as_slice()) {
        ("POST", ["tx"]) => {
            match rpc.call("sendrawtransaction", json!([String::from_utf8_lossy(body)])) {
                Ok(txid) => text(txid.as_str().unwrap()),
                Err(e) => (
                    400,
                    format!("sendrawtransaction RPC error: {e}").into_bytes(),
                ),
            }
        }
        ("GET", ["blocks", "tip", "height"]) => text(tip),
        ("GET", ["blocks", "tip", "hash"]) => text(index.blocks[tip].0),
        ("GET", ["block-height", h]) => {
            match h.parse::<usize>().ok().and_then(|h| index.blocks.get(h)) {
                Some((hash, ..)) => text(hash),
                None => not_found(),
            }
        }
        ("GET", ["blocks"]) => {
            let infos: Vec<Value> = (tip.saturating_sub(9)..=tip)
                .rev()
                .map(|h| block_info(index, h))
                .collect();
            text(Value::from(infos))
        }
        ("GET", ["block", hash, "header"]) => {
            match index.blocks.iter().find(|b| b.0.to_string() == *hash) {
                Some(b) => text(hex::encode(serialize(&b.1))),
                None => not_found(),
            }
        }
        ("GET", ["scripthash", h, "txs"]) => text(Value::from(history(index, h))),
        // Fewer than a page (25) each in these tests: no next page.
        ("GET", ["scripthash", _, "txs", "chain", _]) => text("[]"),
        ("GET", ["tx", txid]) => match find(index, txid) {
            Some(_) => text(tx_json(index, txid.parse().unwrap())),
            None => not_found(),
        },
        ("GET", ["tx", txid, "raw"]) => match find(index, txid) {
            Some((tx, _)) => (200, serialize(tx)),
            None => not_found(),
        },
        ("GET", ["tx", txid, "status"]) => match find(index, txid) {
            Some((_, place)) => text(status(place)),
            None => not_found(),
        },
        ("GET", ["tx", txid, "outspend", vout]) => {
            let Some(_) = find(index, txid) else {
                return not_found();
            };
            let spender = index.txs.iter().find_map(|(id, (tx, place))| {
                tx.input
                    .iter()
                    .position(|i| {
                        i.previous_output.txid.to_string() == *txid
                            && i.previous_output.vout.to_string() == *vout
                    })
                    .map(|vin| json!({ "spent": true, "txid": id, "vin": vin, "status": status(place) }))
            });
            text(spender.unwrap_or_else(|| json!({ "spent": false })))
        }
        ("GET", ["fee-estimates"]) => {
            let mut all = serde_json::Map::new();
            for target in [1, 2, 3, 6, 144] {
                if let Ok(est) = rpc.call("estimatesmartfee", json!([target]))
                    && let Some(rate) = est["feerate"].as_f64()
                {
                    all.insert(target.to_string(), json!(rate * 100_000.0));
                }
            }
            text(Value::Object(all))
        }
        _ => (
            400,
            format!("the adapter does not answer {method} {path}").into_bytes(),
        ),
    }
}

fn find<'a>(index: &'a Index, txid: &str) -> Option<&'a (Transaction, Place)> {
    index.txs.get(&txid.parse::<Txid>().ok()?)
}

fn status(place: &Place) -> Value {
    match place {
        Some((h, hash, time)) => json!({ "confirmed": true, "block_height": h,
            "block_hash": hash, "block_time": time }),
        None => json!({ "confirmed": false }),
    }
}

fn block_info(index: &Index, h: usize) -> Value {
    let (hash, header, tx_count, size, weight) = &index.blocks[h];
    json!({
        "id": hash, "height": h, "version": header.version, "timestamp": header.time,
        "tx_count": tx_count, "size": size, "weight": weight,
        "merkle_root": header.merkle_root,
        "previousblockhash": (h > 0).then_some(header.prev_blockhash),
        "mediantime": header.time, "nonce": header.nonce, "bits": header.bits,
        "difficulty": 1.0,
    })
}

/// The output `tx` spends at `input`, when the index has its transaction.
fn prevout<'a>(index: &'a Index, input: &bitcoin::TxIn) -> Option<&'a bitcoin::TxOut> {
    index
        .txs
        .get(&input.previous_output.txid)
        .and_then(|(tx, _)| tx.output.get(input.previous_output.vout as usize))
}

/// A transaction as Esplora shows it (`/tx/:txid`, and in histories).
fn tx_json(index: &Index, txid: Txid) -> Value {
    let (tx, place) = &index.txs[&txid];
    let coinbase = tx.is_coinbase();
    let vin: Vec<Value> = tx
        .input
        .iter()
        .map(|i| {
            let prev = (!coinbase)
                .then(|| prevout(index, i))
                .flatten()
                .map(|o| json!({ "value": o.value.to_sat(), "scriptpubkey": o.script_pubkey }));
            json!({
                "txid": i.previous_output.txid, "vout": i.previous_output.vout,
                "prevout": prev, "scriptsig": i.script_sig,
                "witness": i.witness.iter().map(hex::encode).collect::<Vec<_>>(),
                "sequence": i.sequence.0, "is_coinbase": coinbase,
            })
        })
        .collect();
    let vout: Vec<Value> = tx
        .output
        .iter()
        .map(|o| json!({ "value": o.value.to_sat(), "scriptpubkey": o.script_pubkey }))
        .collect();
    let fee = if coinbase {
        0
    } else {
        let input: u64 = tx
            .input
            .iter()
            .filter_map(|i| prevout(index, i))
            .map(|o| o.value.to_sat())
            .sum();
        input.saturating_sub(tx.output.iter().map(|o| o.value.to_sat()).sum())
    };
    json!({
        "txid": txid, "version": tx.version.0, "locktime": tx.lock_time.to_consensus_u32(),
        "vin": vin, "vout": vout, "size": tx.total_size(), "weight": tx.weight().to_wu(),
        "status": status(place), "fee": fee,
    })
}

/// The transactions paying to or spending from the script whose SHA-256 is `h`: the
/// mempool's first, then the chain's, newest first.
fn history(index: &Index, h: &str) -> Vec<Value> {
    let hash = |s: &bitcoin::Script| bitcoin::hashes::sha256::Hash::hash(s.as_bytes()).to_string();
    let mut hits: Vec<(u32, Txid)> = index
        .txs
        .iter()
        .filter(|(_, (tx, _))| {
            tx.output.iter().any(|o| hash(&o.script_pubkey) == h)
                || tx
                    .input
                    .iter()
                    .filter_map(|i| prevout(index, i))
                    .any(|o| hash(&o.script_pubkey) == h)
        })
        .map(|(id, (_, place))| (place.map_or(u32::MAX, |p| p.0), *id))
        .collect();
    hits.sort();
    hits.reverse();
    hits.into_iter().map(|(_, id)| tx_json(index, id)).collect()
}

/// `wallet backend set btc --esplora`: the API is checked (its block 0 must be the
/// network's genesis: another network's is refused, exit 7, nothing stored), listed and
/// tested with its kind; a SOCKS5 proxy (its client cannot use one) and https:// (no TLS
/// in its client yet) are refused; a
/// wallet with funds at receive indexes 0 and 5 and on a change address syncs through it
/// to the same balance and history as through the node, and follows a later payment; a
/// payment sent through it (a fee level without an estimate: the level's rate, with a
/// notice) reaches the node's mempool; `status` probes it; `receive import --txid`
/// reads a transaction and its block from it.
#[test]
fn sync_and_send_through_esplora_match_a_node() {
    let node = Node::start();
    let miner = node.miner();
    let adapter = Adapter::start(&node);
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, int) = env.descriptors("main");
    node.pay_indexes(&[(&ext, 0, "0.5"), (&ext, 5, "0.25"), (&int, 0, "0.125")]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let url = adapter.url();
    let set = |network: &str, extra: &[&str]| {
        let mut a = vec![
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            network,
            "--esplora",
            &url,
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };

    // Another network's API, and a proxy: refused, nothing stored.
    let before = crate::common::dump_vault(&env, "alice");
    let wrong = set("signet", &[]);
    let e = env.err(&strs(&wrong), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("it serves another chain than signet"),
        "{e}"
    );
    // A proxy where none listens: no fallback to a direct connection.
    let proxied = set("regtest", &["--proxy", "socks5h://127.0.0.1:9"]);
    let e = env.err(&strs(&proxied), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("socks5h://127.0.0.1:9"),
        "{e}"
    );
    // A pin with http:// is refused before anything is sent.
    let pinned = set("regtest", &["--esplora-cert-sha256", &"ab".repeat(32)]);
    let e = env.err(&strs(&pinned), 5);
    assert_eq!(e["field"], "esplora-cert-sha256", "{e}");
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));

    let good = set("regtest", &[]);
    env.ok(&strs(&good));
    let list = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(list["items"][0]["kind"], "esplora", "{list}");
    assert_eq!(list["items"][0]["rpc"], url, "{list}");
    let tested = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&tested["kind"], &tested["tip"], &tested["rpc"]),
        (&json!("esplora"), &json!(102), &json!(url)),
        "{tested}"
    );
    // What it can do: script histories (with their unconfirmed transactions); no fee
    // estimate on regtest.
    assert_eq!(
        tested["capabilities"],
        json!({ "history": "address-index", "fee_estimates": false, "mempool": true, "internal": null }),
        "{tested}"
    );

    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["confirmed"], "0.87500000", "{synced}");
    assert_eq!(synced["bitcoin"][0]["tip"], 102, "{synced}");
    // The same wallet through the node (a watch-only copy, read from its birth).
    let other = Env::new();
    crate::common::watch_only_copy(&env, &other, "bob");
    crate::btcnode::set_backend(&other, &node);
    let compare = |what: &[&str]| {
        let a = crate::electrum::without_sync_times(crate::common::without_ages(env.ok(what)));
        let b = crate::electrum::without_sync_times(crate::common::without_ages(other.ok(what)));
        assert_eq!(a, b, "{what:?} through Esplora and through the node");
        a
    };
    other.ok(&["wallet", "sync"]);
    let history = compare(&["history"]);
    assert_eq!(history["items"].as_array().unwrap().len(), 3, "{history}");
    compare(&["wallet", "balance"]);
    // Later: a sync (not a full scan) follows a new payment and the confirmations.
    node.pay_indexes(&[(&ext, 1, "0.0625")]);
    node.rpc(&["generatetoaddress", "2", &miner]);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["confirmed"], "0.93750000", "{synced}");
    other.ok(&["wallet", "sync"]);
    compare(&["history"]);
    compare(&["wallet", "balance"]);

    // `status` probes the API (its genesis and tip).
    let s = env.ok(&["status"]);
    let b = &s["backends"][0];
    assert_eq!(
        (&b["reachable"], &b["height"]),
        (&json!(true), &json!(104)),
        "{s}"
    );

    // A payment through the API: no fee estimate on regtest (`/fee-estimates` is
    // empty), so the level's rate with a notice; the node has it in its mempool.
    let pin = env.secret_path("pin");
    let payee = node.rpc(&["getnewaddress"]).as_str().unwrap().to_string();
    let r = env.run(&[
        "--json",
        "send",
        "--to",
        &payee,
        "--amount",
        "0.1",
        "--fee",
        "normal",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(r.code, 0, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("the Esplora API has no fee estimate for 6 blocks; using the normal rate"),
        "{}",
        r.stderr
    );
    let sent = r.json()["data"].clone();
    assert_eq!(
        (&sent["status"], &sent["broadcast"]),
        (&json!("broadcast"), &json!(true)),
        "{sent}"
    );
    let mempool = node.rpc(&["getrawmempool"]);
    assert_eq!(mempool, json!([sent["txid"]]), "{mempool}");
    // Mined, and read back through the API.
    node.rpc(&["generatetoaddress", "1", &miner]);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 105, "{synced}");
    other.ok(&["wallet", "sync"]);
    compare(&["history"]);
    compare(&["wallet", "balance"]);

    // receive import --txid: the transaction and its block from the API.
    let c = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let paid = node.wallet_rpc("miner", &["sendtoaddress", &c, "0.02"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let i = env.ok(&["receive", "import", "--txid", paid.as_str().unwrap()]);
    assert_eq!(
        (&i["result"], &i["status"], &i["height"]),
        (&json!("applied"), &json!("confirmed"), &json!(106)),
        "{i}"
    );
    let e = env.err(&["receive", "import", "--txid", &"ab".repeat(32)], 7);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("the Esplora API does not know"),
        "{e}"
    );
}

/// An API that accepts the connection and never answers: `backend` (exit 7) after
/// `COFFER_RPC_TIMEOUT` seconds, nothing stored.
#[test]
fn a_silent_esplora_api_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = vec![];
        for s in listener.incoming() {
            held.push(s);
        }
    });
    let mut env = Env::new();
    env.regtest_wallet("alice", "main");
    env.vars.push(("COFFER_RPC_TIMEOUT".into(), "1".into()));
    let before = crate::common::dump_vault(&env, "alice");
    let url = format!("http://127.0.0.1:{port}");
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--esplora",
            &url,
        ],
        7,
    );
    assert_eq!(e["code"], "backend", "{e}");
    assert!(e["message"].as_str().unwrap().contains(&url), "{e}");
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
}

/// A TLS front on 127.0.0.1 in front of the adapter (the certificate of
/// tests/fixtures/tls/self-signed.pem, as a personal server's): each connection in its
/// own thread, each request read inside TLS, sent to the adapter, its answer sent back.
fn tls_front(adapter_port: u16) -> u16 {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
    let certs = CertificateDer::pem_file_iter(dir.join("self-signed.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("self-signed.key")).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let config = config.clone();
            std::thread::spawn(move || {
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = BufReader::new(rustls::StreamOwned::new(conn, stream));
                // One request (the adapter closes after its answer), then close.
                let mut request = vec![];
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if tls.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap();
                    }
                    request.extend_from_slice(line.as_bytes());
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; len];
                tls.read_exact(&mut body).unwrap();
                request.extend(body);
                let mut api = TcpStream::connect(("127.0.0.1", adapter_port)).unwrap();
                api.write_all(&request).unwrap();
                let mut answer = vec![];
                api.read_to_end(&mut answer).unwrap();
                let tls = tls.get_mut();
                let _ = tls.write_all(&answer);
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.conn.complete_io(&mut tls.sock);
            });
        }
    });
    port
}

/// `--esplora https://…`: the certificate is checked (a self-signed one is refused with
/// its fingerprint and how to pin it; a wrong pin is refused), and with the right pin
/// the API is set, tested and synced from. Then through a SOCKS5 proxy (pproxy) to a
/// host name only the proxy reaches: no direct connection, the name resolved by the
/// proxy, every request through it.
#[test]
fn esplora_over_https_pinned_and_through_a_socks5_proxy() {
    let node = Node::start();
    let miner = node.miner();
    let adapter = Adapter::start(&node);
    let front = tls_front(adapter.port);
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, _) = env.descriptors("main");
    node.pay_indexes(&[(&ext, 0, "0.5")]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let set = |url: &str, extra: &[&str]| {
        let mut a = vec![
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--esplora",
            url,
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let fp = crate::electrum::fingerprint("self-signed.pem");
    let url = format!("https://127.0.0.1:{front}/api");
    let before = crate::common::dump_vault(&env, "alice");
    // Not trusted: refused with the fingerprint it presented and how to pin it.
    let e = env.err(&strs(&set(&url, &[])), 7);
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("not trusted") && m.contains(&fp) && m.contains("--esplora-cert-sha256"),
        "{e}"
    );
    // A wrong pin.
    let e = env.err(
        &strs(&set(&url, &["--esplora-cert-sha256", &"ab".repeat(32)])),
        7,
    );
    assert!(
        e["message"].as_str().unwrap().contains("not the pinned"),
        "{e}"
    );
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
    // Pinned.
    env.ok(&strs(&set(&url, &["--esplora-cert-sha256", &fp])));
    let list = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(
        (&list["items"][0]["kind"], &list["items"][0]["cert_sha256"]),
        (&json!("esplora"), &json!(fp)),
        "{list}"
    );
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 102, "{synced}");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 50_000_000u64, "{b}");

    // Through the proxy, to a name that does not resolve here.
    let proxy = crate::proxy::Pproxy::start(front);
    let hidden = "https://esplora.coffer-test.invalid:443/api";
    let e = env.err(&strs(&set(hidden, &["--esplora-cert-sha256", &fp])), 7);
    assert_eq!(e["code"], "backend", "{e}");
    env.ok(&strs(&set(
        hidden,
        &["--esplora-cert-sha256", &fp, "--proxy", &proxy.url()],
    )));
    let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
    assert_eq!(
        (&t["kind"], &t["tip"], &t["proxy"]),
        (&json!("esplora"), &json!(102), &json!(proxy.url())),
        "{t}"
    );
    node.pay_indexes(&[(&ext, 0, "0.25")]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["tip"], 103, "{synced}");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 75_000_000u64, "{b}");
    assert!(
        proxy.connections_to("esplora.coffer-test.invalid:443") >= 3,
        "{}",
        proxy.log()
    );
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// A first sync through Esplora is saved part by part, as through Electrum (a test part
/// of 4 scripts, a gap limit of 5, receive indexes 0, 4 and 8 paid): stopped dead after
/// its first save it keeps the first part's payment, and the next sync goes on with the
/// scan to the balance a node's sync of the same wallet finds.
#[test]
fn a_first_esplora_scan_stopped_part_way_keeps_what_it_read() {
    let node = Node::start();
    let miner = node.miner();
    let adapter = Adapter::start(&node);
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let (ext, _) = env.descriptors("main");
    for (i, amount) in [(0, "0.5"), (4, "0.25"), (8, "0.125")] {
        node.pay_indexes(&[(&ext, i, amount)]);
        node.rpc(&["generatetoaddress", "1", &miner]);
    }
    let url = adapter.url();
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--esplora",
        &url,
    ]);
    let out = env
        .command(&["--json", "wallet", "sync", "--gap-limit", "5"])
        .env("COFFER_TEST_SCAN_PART", "4")
        .env("COFFER_TEST_FAULT", "btc-sync-saved")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "the fault hook stops the sync");
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["confirmed_sat"], 50_000_000, "{b}");
    let out = env
        .command(&["--json", "wallet", "sync"])
        .env("COFFER_TEST_SCAN_PART", "4")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["data"]["bitcoin"][0]["confirmed"], "0.87500000", "{s}");
    let other = Env::new();
    crate::common::watch_only_copy(&env, &other, "bob");
    crate::btcnode::set_backend(&other, &node);
    other.ok(&["wallet", "sync", "--gap-limit", "5"]);
    let balance = |e: &Env| {
        crate::electrum::without_sync_times(crate::common::without_ages(
            e.ok(&["wallet", "balance"]),
        ))
    };
    assert_eq!(
        balance(&env),
        balance(&other),
        "through Esplora in parts and a node"
    );
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 3, "{h}");
}
