//! Issue 21 item 3: Ethereum history from the node's address index (the Otterscan API,
//! which anvil serves), internal transfers (ether a contract forwards to us), and the
//! block scan as the last resort behind an endpoint that offers no `ots_*`, refuses wide
//! `eth_getLogs` ranges and answers HTTP 429 once.

use crate::anvil::Anvil;
use crate::common::Env;
use crate::eth::{
    CHAIN, DEPLOYER, ETHER, abandon_address, abandon_wallet, deploy_token, send_from_deployer,
    set_backend, token_balance,
};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A forwarder contract: its runtime code (15 bytes) calls the address in the first 32
/// bytes of the calldata with all the ether sent to it, then stops:
/// `PUSH1 0 x4 (ret size/offset, args size/offset) CALLVALUE PUSH1 0 CALLDATALOAD GAS
/// CALL STOP`; the 12 bytes before it are the init code that copies it and returns it
/// (`PUSH1 0x0f PUSH1 0x0c PUSH1 0 CODECOPY PUSH1 0x0f PUSH1 0 RETURN`).
const FORWARDER: &str = "0x600f600c600039600f6000f36000600060006000346000355af100";

fn deploy_forwarder(node: &Anvil) -> String {
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "data": FORWARDER }]),
    );
    let r = node.receipt(&hash);
    assert_eq!(r["status"], "0x1", "{r}");
    r["contractAddress"].as_str().unwrap().to_string()
}

/// The deployer sends `wei` to the forwarder, which sends it on to `to` (an internal
/// transfer: no transaction names `to`). The transaction hash.
fn forward(node: &Anvil, forwarder: &str, to: &str, wei: u128) -> String {
    let data = format!("0x{:0>64}", to.trim_start_matches("0x").to_lowercase());
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": forwarder, "value": format!("{wei:#x}"), "data": data }]),
    );
    assert_eq!(node.receipt(&hash)["status"], "0x1");
    hash.as_str().unwrap().to_string()
}

/// `from` (one of our addresses: anvil signs for it) sends `wei` to `to`.
fn send_from_ours(node: &Anvil, from: &str, to: &str, wei: u128) {
    node.result("anvil_impersonateAccount", json!([from]));
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": from, "to": to, "value": format!("{wei:#x}") }]),
    );
    assert_eq!(node.receipt(&hash)["status"], "0x1");
    node.result("anvil_stopImpersonatingAccount", json!([from]));
}

/// What the proxy does besides forwarding.
#[derive(Default)]
struct Rules {
    /// Answer `ots_*` with "method not found".
    no_ots: bool,
    /// Answer `trace_*` with "method not found".
    no_traces: bool,
    /// Answer the pending block, `txpool_status` and `eth_feeHistory` with "method not
    /// found".
    no_pending_or_fees: bool,
    /// Refuse `eth_getLogs` over more blocks than this (-32005).
    max_log_range: Option<u64>,
    /// Answer the first request with HTTP 429.
    too_many_once: bool,
    /// Die (close every connection unanswered) from the first request for a block at
    /// or past this one.
    die_at_block: Option<u64>,
}

/// Counters of what the proxy did.
#[derive(Default)]
struct Seen {
    requests: AtomicUsize,
    refused_ranges: AtomicUsize,
    too_many: AtomicUsize,
    ots: AtomicUsize,
    dead: std::sync::atomic::AtomicBool,
    /// Answer the next `eth_getLogs` with HTTP 429 (set by the test, cleared when done).
    logs_too_many: std::sync::atomic::AtomicBool,
}

/// A loopback JSON-RPC proxy in front of `upstream` applying `rules`; its URL.
fn proxy(upstream: &str, rules: Rules) -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let counters = seen.clone();
    let upstream = upstream.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let l = line.to_ascii_lowercase();
                if let Some(v) = l.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let n = counters.requests.fetch_add(1, Ordering::SeqCst);
            let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let method = request["method"].as_str().unwrap_or("").to_string();
            let error = |code: i64, message: &str| {
                json!({ "jsonrpc": "2.0", "id": request["id"], "error": { "code": code, "message": message } })
                    .to_string()
            };
            if let Some(at) = rules.die_at_block
                && method == "eth_getBlockByNumber"
                && request["params"][0].as_str().is_some_and(|b| {
                    u64::from_str_radix(b.trim_start_matches("0x"), 16).is_ok_and(|b| b >= at)
                })
            {
                counters.dead.store(true, Ordering::SeqCst);
            }
            if counters.dead.load(Ordering::SeqCst) {
                continue;
            }
            let (status, answer) = if rules.too_many_once && n == 0 {
                counters.too_many.fetch_add(1, Ordering::SeqCst);
                ("429 Too Many Requests", "{}".to_string())
            } else if method == "eth_getLogs"
                && counters.logs_too_many.swap(false, Ordering::SeqCst)
            {
                ("429 Too Many Requests", "{}".to_string())
            } else if rules.no_ots && method.starts_with("ots_")
                || rules.no_traces && method.starts_with("trace_")
                || rules.no_pending_or_fees
                    && (method == "txpool_status"
                        || method == "eth_feeHistory"
                        || method == "eth_getBlockByNumber" && request["params"][0] == "pending")
            {
                counters.ots.fetch_add(1, Ordering::SeqCst);
                (
                    "200 OK",
                    error(-32601, "the method does not exist/is not available"),
                )
            } else if method == "eth_getLogs"
                && let Some(max) = rules.max_log_range
                && {
                    let q = |k: &str| {
                        u64::from_str_radix(
                            request["params"][0][k]
                                .as_str()
                                .unwrap_or("0x0")
                                .trim_start_matches("0x"),
                            16,
                        )
                        .unwrap()
                    };
                    q("toBlock") - q("fromBlock") + 1 > max
                }
            {
                counters.refused_ranges.fetch_add(1, Ordering::SeqCst);
                ("200 OK", error(-32005, "query exceeds max block range"))
            } else {
                let r = minreq::post(&upstream)
                    .with_timeout(10)
                    .with_header("Content-Type", "application/json")
                    .with_body(body)
                    .send()
                    .unwrap();
                ("200 OK", r.as_str().unwrap().to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, seen)
}

/// `wallet backend test eth` through the binary.
fn backend_test(env: &Env) -> Value {
    env.ok(&["wallet", "backend", "test", "eth"])
}

/// Sends and receives on addresses 0 and 2 and an internal transfer to address 2 happen
/// before the wallet exists (its clock says two days later): the first sync reads the
/// node's address index from block 0 and finds all of them, the internal one included;
/// balances equal anvil's.
#[test]
fn history_comes_from_the_address_index_with_internal_transfers() {
    let node = Anvil::start(CHAIN);
    let addr: Vec<String> = (0..3).map(abandon_address).collect();
    send_from_deployer(&node, &addr[0], 3 * ETHER);
    send_from_ours(&node, &addr[0], crate::eth::PAYEE, ETHER);
    send_from_deployer(&node, &addr[2], ETHER / 4);
    let forwarder = deploy_forwarder(&node);
    let internal = forward(&node, &forwarder, &addr[2], ETHER / 8);
    send_from_ours(&node, &addr[2], crate::eth::PAYEE, ETHER / 16);

    let mut env = Env::new();
    let later = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 2 * 86_400;
    env.vars.push(("COFFER_TEST_NOW".into(), later.to_string()));
    abandon_wallet(&env, "alice");
    env.ok(&["addr", "new", "--chain", "eth", "--count", "2"]);
    set_backend(&env, &node);
    let t = backend_test(&env);
    assert_eq!(t["history"], "otterscan", "{t}");
    assert_eq!(t["internal"], true, "{t}");

    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["history"], "otterscan", "{s}");
    assert_eq!(item["scanned"]["from"], 0, "no birth block needed: {s}");
    let total: u128 = addr.iter().map(|a| node.balance(a)).sum();
    assert_eq!(item["balance_wei"], total.to_string(), "{s}");
    for (i, a) in addr.iter().enumerate() {
        let row = item["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["index"] == i)
            .unwrap_or_else(|| panic!("address {i}: {s}"));
        assert_eq!(row["balance_wei"], node.balance(a).to_string(), "{s}");
    }
    let found = item["transfers"].as_array().unwrap();
    let kinds: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|t| {
            (
                t["type"].as_str().unwrap(),
                t["address"].as_str().unwrap(),
                t["amount_units"].as_str().unwrap(),
            )
        })
        .collect();
    let (e, q, h, s16) = (
        ETHER.to_string(),
        (ETHER / 4).to_string(),
        (ETHER / 8).to_string(),
        (ETHER / 16).to_string(),
    );
    let three = (3 * ETHER).to_string();
    assert_eq!(
        kinds,
        [
            ("receive", addr[0].as_str(), three.as_str()),
            ("send", addr[0].as_str(), e.as_str()),
            ("receive", addr[2].as_str(), q.as_str()),
            ("receive", addr[2].as_str(), h.as_str()),
            ("send", addr[2].as_str(), s16.as_str()),
        ],
        "{s}"
    );
    let inner = &found[3];
    assert_eq!(inner["hash"], internal, "{s}");
    assert_eq!(
        inner["counterparty"].as_str().unwrap().to_lowercase(),
        forwarder.to_lowercase(),
        "the contract paid it: {s}"
    );
    // The history holds the internal receive, and the books equal anvil's balances.
    let h = env.ok(&["history"]);
    let rows = h["items"].as_array().unwrap();
    assert_eq!(rows.len(), 5, "{h}");
    assert!(
        rows.iter()
            .any(|r| r.to_string().contains(internal.trim_start_matches("0x"))),
        "{h}"
    );
    // People see which way the history was read.
    node.result("anvil_mine", json!(["0x1"]));
    let human = env.run(&["wallet", "sync"]);
    assert!(
        human.stdout.contains("the node's address index"),
        "{}",
        human.stdout
    );
    // A further sync reads nothing new and changes nothing.
    let again = env.ok(&["wallet", "sync"]);
    assert_eq!(again["items"][0]["transfers"], json!([]), "{again}");
    assert_eq!(again["items"][0]["balance_wei"], total.to_string());
}

/// Behind a proxy that says "method not found" to `ots_*`, refuses `eth_getLogs` over
/// more than 2 blocks and answers the first request with HTTP 429, the block scan still
/// reads every ether and token movement (retrying the 429, narrowing the log ranges;
/// the internal transfer through `trace_filter`), and `wallet backend test` says which
/// path it is.
#[test]
fn the_block_scan_is_the_last_resort_and_narrows_refused_ranges() {
    use coffer::chain::eth::tx;
    let node = Anvil::start(CHAIN);
    let token = deploy_token(&node);
    let addr: Vec<String> = (0..3).map(abandon_address).collect();
    send_from_deployer(&node, &addr[0], ETHER);
    for (i, units) in [(0usize, 5_000_000u64), (2, 7_000_000), (2, 1_000_000)] {
        let data = tx::transfer_data(
            addr[i].parse().unwrap(),
            alloy_primitives::U256::from(units),
        );
        let h = node.result(
            "eth_sendTransaction",
            json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
        );
        node.receipt(&h);
        // Empty blocks between the transfers: the ranges must cover them all.
        node.result("anvil_mine", json!(["0x5"]));
    }
    let forwarder = deploy_forwarder(&node);
    forward(&node, &forwarder, &addr[2], ETHER / 8);
    send_from_deployer(&node, &addr[2], ETHER / 2);

    let env = Env::new();
    abandon_wallet(&env, "alice");
    env.ok(&["addr", "new", "--chain", "eth", "--count", "2"]);
    set_backend(&env, &node);
    env.ok(&["wallet", "token", "add", "--address", &token]);
    // The proxy replaces the direct endpoint (checked through it: its 429 is retried).
    let (url, seen) = proxy(
        &node.url,
        Rules {
            no_ots: true,
            max_log_range: Some(2),
            too_many_once: true,
            ..Rules::default()
        },
    );
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &url,
    ]);
    assert_eq!(seen.too_many.load(Ordering::SeqCst), 1);
    let t = backend_test(&env);
    assert_eq!(t["history"], "block-scan", "{t}");
    assert_eq!(t["internal"], true, "trace_filter answers: {t}");

    // A 429 during the sync: the pause is said as the sync goes (before its result,
    // stdout and stderr in one file to see the order), not when the command ends.
    seen.logs_too_many.store(true, Ordering::SeqCst);
    let both = tempfile::NamedTempFile::new().unwrap();
    let file = both.reopen().unwrap();
    let status = env
        .command(&["--json", "wallet", "sync", "--eth-from-block", "0"])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    let out = std::fs::read_to_string(both.path()).unwrap();
    assert_eq!(status.code(), Some(0), "{out}");
    assert!(!seen.logs_too_many.load(Ordering::SeqCst), "{out}");
    let notice = out
        .find("asked coffer to slow down 1 times")
        .unwrap_or_else(|| panic!("{out}"));
    let result = out.find("{\"ok\"").unwrap_or_else(|| panic!("{out}"));
    assert!(notice < result, "the notice came after the result: {out}");
    let s: Value = serde_json::Deserializer::from_str(&out[result..])
        .into_iter()
        .next()
        .unwrap()
        .unwrap();
    let s = s["data"].clone();
    let item = &s["items"][0];
    assert_eq!(item["history"], "block-scan", "{s}");
    assert!(seen.refused_ranges.load(Ordering::SeqCst) > 0);
    assert!(seen.ots.load(Ordering::SeqCst) > 0);
    let total: u128 = addr.iter().map(|a| node.balance(a)).sum();
    assert_eq!(item["balance_wei"], total.to_string(), "{s}");
    let tokens: Vec<(&str, &str)> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["currency"] == "CTT")
        .map(|t| {
            (
                t["address"].as_str().unwrap(),
                t["amount_units"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tokens,
        [
            (addr[0].as_str(), "5000000"),
            (addr[2].as_str(), "7000000"),
            (addr[2].as_str(), "1000000"),
        ],
        "{s}"
    );
    let ether: Vec<&str> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["currency"] == "ETH")
        .map(|t| t["amount_units"].as_str().unwrap())
        .collect();
    // The forwarded eighth is found through trace_filter.
    let (one, eighth, half) = (
        ETHER.to_string(),
        (ETHER / 8).to_string(),
        (ETHER / 2).to_string(),
    );
    assert_eq!(ether, [one.as_str(), eighth.as_str(), half.as_str()], "{s}");
    assert_eq!(
        item["tokens"][0]["balance_units"],
        (token_balance(&node, &token, &addr[0]) + token_balance(&node, &token, &addr[2]))
            .to_string(),
        "{s}"
    );
}

/// A block scan over 700 blocks through a proxy that dies at block 600 fails (exit 7)
/// but keeps what it read: the transfers before its last save (every 250 blocks) are in
/// the history and the next sync goes on from there, ending with the books equal to
/// anvil's balances.
#[test]
fn a_failed_block_scan_keeps_its_progress() {
    let node = Anvil::start(CHAIN);
    let addr: Vec<String> = (0..1).map(abandon_address).collect();
    send_from_deployer(&node, &addr[0], ETHER);
    node.result("anvil_mine", json!(["0x12c"]));
    send_from_deployer(&node, &addr[0], ETHER / 2);
    node.result("anvil_mine", json!(["0x190"]));
    send_from_deployer(&node, &addr[0], ETHER / 4);
    let env = Env::new();
    abandon_wallet(&env, "alice");
    set_backend(&env, &node);
    let (url, seen) = proxy(
        &node.url,
        Rules {
            no_ots: true,
            no_traces: true,
            die_at_block: Some(600),
            ..Rules::default()
        },
    );
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &url,
    ]);
    let t = backend_test(&env);
    assert_eq!(
        (&t["history"], &t["internal"]),
        (&json!("block-scan"), &json!(false)),
        "no ots_, no trace_: {t}"
    );
    let e = env.err(&["wallet", "sync", "--eth-from-block", "0"], 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(seen.dead.load(Ordering::SeqCst));
    // Blocks 0..=499 were saved: the two transfers in them are history already.
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 2, "{h}");
    set_backend(&env, &node);
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["history"], "otterscan", "{s}");
    assert_eq!(
        item["scanned"]["from"], 500,
        "it goes on from the last save: {s}"
    );
    let found = item["transfers"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{s}");
    assert_eq!(found[0]["amount_units"], (ETHER / 4).to_string(), "{s}");
    assert_eq!(
        item["balance_wei"],
        node.balance(&addr[0]).to_string(),
        "{s}"
    );
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 3, "{h}");
}

/// One row an explorer serves (`txlist`, `txlistinternal` or `tokentx`).
#[derive(Clone)]
struct Row {
    action: &'static str,
    fields: Value,
}

/// What the explorer saw: the API keys and chain ids of its requests.
#[derive(Default)]
struct Asked {
    keys: std::sync::Mutex<Vec<String>>,
    chain_ids: std::sync::Mutex<Vec<String>>,
}

/// A loopback server answering the Etherscan API's documented format
/// (`?module=account&action=txlist|txlistinternal|tokentx&address=…&startblock=…
/// &endblock=…&page=…&offset=…`, `{"status","message","result":[…]}`, "No transactions
/// found" as status 0 with an empty list; `module=proxy&action=eth_chainId`) from `rows`.
fn explorer(rows: Vec<Row>, chain_id: u64) -> (String, Arc<Asked>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api", listener.local_addr().unwrap());
    let asked = Arc::new(Asked::default());
    let seen = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap_or(0);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let target = first.split(' ').nth(1).unwrap_or("");
            let query: std::collections::BTreeMap<String, String> = target
                .split_once('?')
                .map_or("", |q| q.1)
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_string(), form_decode(v)))
                .collect();
            let q = |k: &str| query.get(k).cloned().unwrap_or_default();
            seen.keys.lock().unwrap().push(q("apikey"));
            seen.chain_ids.lock().unwrap().push(q("chainid"));
            let body = if q("module") == "proxy" && q("action") == "eth_chainId" {
                json!({ "jsonrpc": "2.0", "id": 1, "result": format!("{chain_id:#x}") })
            } else {
                let address = q("address").to_lowercase();
                let (start, end): (u64, u64) = (
                    q("startblock").parse().unwrap(),
                    q("endblock").parse().unwrap(),
                );
                let matching: Vec<Value> = rows
                    .iter()
                    .filter(|r| r.action == q("action"))
                    .map(|r| r.fields.clone())
                    .filter(|f| {
                        let b: u64 = f["blockNumber"].as_str().unwrap().parse().unwrap();
                        (f["from"].as_str().unwrap().to_lowercase() == address
                            || f["to"].as_str().unwrap().to_lowercase() == address)
                            && b >= start
                            && b <= end
                    })
                    .collect();
                let (page, offset): (usize, usize) =
                    (q("page").parse().unwrap(), q("offset").parse().unwrap());
                let part: Vec<Value> = matching
                    .into_iter()
                    .skip((page - 1) * offset)
                    .take(offset)
                    .collect();
                if part.is_empty() {
                    json!({ "status": "0", "message": "No transactions found", "result": [] })
                } else {
                    json!({ "status": "1", "message": "OK", "result": part })
                }
            };
            let body = body.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, asked)
}

/// The explorer's row of a mined transaction `hash` (its receipt read from anvil).
fn explorer_row(node: &Anvil, action: &'static str, hash: &str, extra: Value) -> Row {
    let t = node.result("eth_getTransactionByHash", json!([hash]));
    let r = node.receipt(&json!(hash));
    let block = node.result("eth_getBlockByNumber", json!([r["blockNumber"], false]));
    let dec = |v: &Value| {
        u128::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16)
            .unwrap()
            .to_string()
    };
    let mut fields = json!({
        "blockNumber": dec(&r["blockNumber"]),
        "timeStamp": dec(&block["timestamp"]),
        "hash": hash,
        "from": t["from"],
        "to": t["to"],
        "value": dec(&t["value"]),
        "gas": dec(&t["gas"]),
        "gasPrice": dec(&r["effectiveGasPrice"]),
        "gasUsed": dec(&r["gasUsed"]),
        "isError": "0",
        "txreceipt_status": "1",
    });
    for (k, v) in extra.as_object().unwrap() {
        fields[k] = v.clone();
    }
    Row { action, fields }
}

/// `wallet backend set eth --explorer URL --explorer-key-file F`: history comes from an
/// Etherscan-compatible API (a server in this test serving its documented format), the
/// internal transfer and the token movement included; the key goes in every request and
/// is never printed.
#[test]
fn an_explorer_api_answers_for_the_history() {
    use coffer::chain::eth::tx;
    let node = Anvil::start(CHAIN);
    let token = deploy_token(&node);
    let addr: Vec<String> = (0..3).map(abandon_address).collect();
    let plain = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": addr[0], "value": format!("{ETHER:#x}") }]),
    );
    node.receipt(&plain);
    let forwarder = deploy_forwarder(&node);
    let inner = forward(&node, &forwarder, &addr[2], ETHER / 8);
    let data = tx::transfer_data(
        addr[0].parse().unwrap(),
        alloy_primitives::U256::from(5_000_000u64),
    );
    let tok = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&tok);
    let plain = plain.as_str().unwrap();
    let tok = tok.as_str().unwrap();
    let rows = vec![
        explorer_row(&node, "txlist", plain, json!({})),
        explorer_row(
            &node,
            "txlistinternal",
            &inner,
            json!({ "from": forwarder, "to": addr[2].to_lowercase(), "value": (ETHER / 8).to_string(), "type": "call", "traceId": "0" }),
        ),
        explorer_row(
            &node,
            "tokentx",
            tok,
            json!({ "to": addr[0].to_lowercase(), "contractAddress": token, "value": "5000000", "tokenSymbol": "CTT", "tokenDecimal": "6", "logIndex": "0" }),
        ),
    ];
    let (url, asked) = explorer(rows, CHAIN);

    let env = Env::new();
    abandon_wallet(&env, "alice");
    env.ok(&["addr", "new", "--chain", "eth", "--count", "2"]);
    set_backend(&env, &node);
    env.ok(&["wallet", "token", "add", "--address", &token]);
    let key = "K3Y-never-printed-0123456789";
    let key_file = env.secret("explorer-key", key);
    let chain = CHAIN.to_string();
    let set = env.run(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &chain,
        "--explorer",
        &url,
        "--explorer-key-file",
        &key_file,
    ]);
    assert_eq!(set.code, 0, "{} {}", set.stdout, set.stderr);
    let t = env.run(&["--json", "wallet", "backend", "test", "eth"]);
    let human = env.run(&["wallet", "backend", "test", "eth"]);
    assert!(human.stdout.contains("explorer API"), "{}", human.stdout);
    let tj = t.json();
    assert_eq!(tj["data"]["history"], "explorer", "{tj}");
    assert_eq!(tj["data"]["internal"], true, "{tj}");
    let s = env.run(&["--json", "wallet", "sync"]);
    let list = env.run(&["wallet", "backend", "list"]);
    for r in [&set, &t, &human, &s, &list] {
        assert!(!r.stdout.contains(key) && !r.stderr.contains(key));
    }
    assert!(asked.keys.lock().unwrap().iter().all(|k| k == key));
    assert!(asked.chain_ids.lock().unwrap().iter().all(|c| *c == chain));
    let s = s.json();
    let item = &s["data"]["items"][0];
    assert_eq!(item["history"], "explorer", "{s}");
    assert_eq!(item["scanned"]["from"], 0, "{s}");
    let total: u128 = addr.iter().map(|a| node.balance(a)).sum();
    assert_eq!(item["balance_wei"], total.to_string(), "{s}");
    let found: Vec<(&str, &str, &str, &str)> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["hash"].as_str().unwrap(),
                t["currency"].as_str().unwrap(),
                t["address"].as_str().unwrap(),
                t["amount_units"].as_str().unwrap(),
            )
        })
        .collect();
    let (one, eighth) = (ETHER.to_string(), (ETHER / 8).to_string());
    assert_eq!(
        found,
        [
            (plain, "ETH", addr[0].as_str(), one.as_str()),
            (inner.as_str(), "ETH", addr[2].as_str(), eighth.as_str()),
            (tok, "CTT", addr[0].as_str(), "5000000"),
        ],
        "{s}"
    );
    assert_eq!(
        item["tokens"][0]["balance_units"],
        token_balance(&node, &token, &addr[0]).to_string(),
        "{s}"
    );
    let h = env.ok(&["history"]);
    assert_eq!(h["items"].as_array().unwrap().len(), 3, "{h}");
}

/// More transactions than one page of the address index (25): every page is read.
#[test]
fn the_address_index_is_read_page_by_page() {
    let node = Anvil::start(CHAIN);
    let addr = abandon_address(0);
    for i in 1..=30u128 {
        send_from_deployer(&node, &addr, i);
    }
    let env = Env::new();
    abandon_wallet(&env, "alice");
    set_backend(&env, &node);
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["history"], "otterscan", "{s}");
    let amounts: Vec<String> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["amount_units"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (1..=30u128).map(|i| i.to_string()).collect();
    assert_eq!(amounts, expected, "{s}");
    assert_eq!(item["balance_wei"], node.balance(&addr).to_string());
}

/// The explorer API goes through the proxy of the chain's endpoint: the endpoint at
/// `anvil.coffer-test.invalid` and the explorer at `explorer.coffer-test.invalid` (names
/// only the proxy "resolves": it sends every connection to one local port, where GETs go
/// to the explorer and POSTs to anvil) are set, tested and synced from, the explorer
/// checked and asked (with its key) through the proxy, which names its host.
#[test]
fn an_explorer_is_asked_through_the_proxy() {
    let node = Anvil::start(CHAIN);
    let addr = abandon_address(0);
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": addr, "value": format!("{ETHER:#x}") }]),
    );
    node.receipt(&hash);
    let hash = hash.as_str().unwrap();
    let (explorer_url, asked) =
        explorer(vec![explorer_row(&node, "txlist", hash, json!({}))], CHAIN);
    let port = |u: &str| -> u16 {
        u.trim_end_matches("/api")
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let mux = by_verb(port(&explorer_url), port(&node.url));
    let proxy = crate::proxy::Pproxy::start(mux);
    let env = Env::new();
    abandon_wallet(&env, "alice");
    let chain = CHAIN.to_string();
    let rpc = "http://anvil.coffer-test.invalid:8545";
    let explorer = "http://explorer.coffer-test.invalid/api";
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &chain,
        "--rpc",
        rpc,
        "--proxy",
        &proxy.url(),
    ]);
    // A key with characters a query string must encode.
    let key = "K3Y+/=&x y";
    let key_file = env.secret("explorer-key", key);
    let list = env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &chain,
        "--explorer",
        explorer,
        "--explorer-key-file",
        &key_file,
    ]);
    assert_eq!(list["items"][0]["explorer"], explorer, "{list}");
    assert_eq!(list["items"][0]["proxy"], json!(proxy.url()), "{list}");
    let t = backend_test(&env);
    assert_eq!(
        (&t["history"], &t["capabilities"]["history"], &t["proxy"]),
        (&json!("explorer"), &json!("explorer"), &json!(proxy.url())),
        "{t}"
    );
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["history"], "explorer", "{s}");
    assert_eq!(item["transfers"][0]["hash"], hash, "{s}");
    // Checked at set, at test, at sync, then the three lists of the sync (no tokens).
    assert!(
        asked.keys.lock().unwrap().len() >= 4,
        "the explorer was not asked"
    );
    assert!(asked.keys.lock().unwrap().iter().all(|k| k == key));
    let human = env.run(&["wallet", "backend", "list"]);
    assert!(human.stdout.contains(explorer), "{}", human.stdout);
    assert!(!human.stdout.contains(key), "{}", human.stdout);
    assert!(
        proxy.connections_to("explorer.coffer-test.invalid:80") >= 4,
        "{}",
        proxy.log()
    );
    assert!(proxy.connections_to("anvil.coffer-test.invalid:8545") >= 2);
}

/// A local port that sends each connection to `get` (a request starting `GET `) or else
/// to `other`, both on 127.0.0.1; returns the port.
fn by_verb(get: u16, other: u16) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(client) = stream else { continue };
            std::thread::spawn(move || {
                let mut head = [0u8; 4];
                // The first bytes, left in the stream for the server to read.
                let mut n = 0;
                while n < 4 {
                    match client.peek(&mut head) {
                        Ok(0) | Err(_) => return,
                        Ok(k) => n = k,
                    }
                }
                let to = if &head == b"GET " { get } else { other };
                let Ok(server) = std::net::TcpStream::connect(("127.0.0.1", to)) else {
                    return;
                };
                let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let up = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c2, &mut s2);
                    let _ = s2.shutdown(std::net::Shutdown::Write);
                });
                let (mut s, mut c) = (server, client);
                let _ = std::io::copy(&mut s, &mut c);
                let _ = c.shutdown(std::net::Shutdown::Write);
                let _ = up.join();
            });
        }
    });
    port
}

/// `backend test eth` says what the endpoint can do, asked now: anvil has the address
/// index, internal transfers, fee history and a pending block; an endpoint without
/// `ots_*`, `trace_*`, the pending block, `txpool_status` and `eth_feeHistory` has
/// none of them (history by block scan).
#[test]
fn the_capabilities_of_an_evm_endpoint() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    abandon_wallet(&env, "alice");
    set_backend(&env, &node);
    let t = backend_test(&env);
    assert_eq!(
        t["capabilities"],
        json!({"history": "otterscan", "fee_estimates": true, "mempool": true, "internal": true}),
        "{t}"
    );
    let human = env.run(&["wallet", "backend", "test", "eth"]);
    assert!(
        human
            .stdout
            .contains("history otterscan, fee estimates yes, mempool yes, internal transfers yes"),
        "{}",
        human.stdout
    );
    let (url, _) = proxy(
        &node.url,
        Rules {
            no_ots: true,
            no_traces: true,
            no_pending_or_fees: true,
            ..Rules::default()
        },
    );
    let env = Env::new();
    abandon_wallet(&env, "alice");
    let chain = CHAIN.to_string();
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &chain,
        "--rpc",
        &url,
    ]);
    let t = backend_test(&env);
    assert_eq!(
        t["capabilities"],
        json!({"history": "block-scan", "fee_estimates": false, "mempool": false, "internal": false}),
        "{t}"
    );
}

/// A query value decoded (`+` a space, `%XX` a byte), as a server reads it.
fn form_decode(v: &str) -> String {
    let b = v.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap()
}
