//! Ethereum through the binary against a real anvil node: backends, sync, ether
//! payments (signed and broadcast, or offline across two homes), EIP-155 replay
//! protection, and the errors.

use crate::anvil::Anvil;
use crate::common::{Env, open_vault};
use serde_json::json;

pub(crate) const CHAIN: u64 = 31337;
/// anvil's second default account, a payee.
pub(crate) const PAYEE: &str = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
pub(crate) const ETHER: u128 = 1_000_000_000_000_000_000;

/// A user with an Ethereum wallet "main"; its first address.
fn eth_wallet(env: &Env, user: &str) -> String {
    env.register(user);
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    env.ok(&["receive", "--chain", "eth"])["address"]
        .as_str()
        .unwrap()
        .to_string()
}

fn fund(node: &Anvil, address: &str, wei: u128) {
    node.result("anvil_setBalance", json!([address, format!("{wei:#x}")]));
}

pub(crate) fn set_backend(env: &Env, node: &Anvil) {
    let b = env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &node.url,
    ]);
    assert_eq!(b["items"][0]["chain_id"], CHAIN, "{b}");
}

/// `send --chain eth --chain-id 31337 EXTRA… --yes --pin-file PIN` with `--json`: the
/// data on success (`exit` None), else the error object of a failure with `exit`.
fn send_eth(env: &Env, extra: &[&str], exit: Option<i32>) -> serde_json::Value {
    let pin = env.secret_path("pin");
    let chain = CHAIN.to_string();
    let mut a = vec!["send", "--chain", "eth", "--chain-id", &chain];
    a.extend_from_slice(extra);
    a.extend_from_slice(&["--yes", "--pin-file", &pin]);
    match exit {
        None => env.ok(&a),
        Some(code) => env.err(&a, code),
    }
}

fn pay(env: &Env, extra: &[&str]) -> serde_json::Value {
    send_eth(env, extra, None)
}

/// The sender recovered from a raw transaction's signature, and its chain id.
fn signer(raw: &serde_json::Value) -> (String, u64) {
    let bytes = hex::decode(raw.as_str().unwrap().trim_start_matches("0x")).unwrap();
    let d = coffer::chain::eth::tx::decode(&bytes).unwrap();
    (d.request.from.to_checksum(None), d.request.chain_id)
}

fn status_of(env: &Env, user: &str, hash: &str) -> (String, Option<String>) {
    open_vault(env, user, "vault.age")
        .query_row(
            "SELECT status, fee FROM transactions WHERE hex(txid) = upper(?1)",
            [hash.trim_start_matches("0x")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn ether_payment_is_broadcast_mined_and_synced() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, 10 * ETHER);
    set_backend(&env, &node);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["items"][0]["balance"], "10", "{s}");
    assert_eq!(s["items"][0]["nonce"], 0);
    let payee_before = node.balance(PAYEE);

    let r = pay(&env, &["--to", PAYEE, "--amount", "1.5", "--fee", "fast"]);
    assert_eq!(r["status"], "broadcast", "{r}");
    assert_eq!(r["broadcast"], true);
    assert_eq!(r["review"]["amount"], "1.5");
    assert_eq!(r["review"]["currency"], "ETH");
    assert_eq!(r["review"]["gas_limit"], 21000);
    let hash = r["hash"].as_str().unwrap().to_string();
    // The signature recovers to our address, with the chain id inside (EIP-155).
    let raw = hex::decode(r["raw"].as_str().unwrap().trim_start_matches("0x")).unwrap();
    let decoded = coffer::chain::eth::tx::decode(&raw).unwrap();
    assert_eq!(decoded.request.from.to_checksum(None), ours);
    assert_eq!(decoded.request.chain_id, CHAIN);
    assert_eq!(format!("{:#x}", decoded.hash), hash);
    assert_eq!(status_of(&env, "alice", &hash).0, "pending");

    // anvil mines at once; a sync reads the receipt.
    node.receipt(&r["hash"]);
    let s = env.ok(&["wallet", "sync"]);
    let receipt = &s["items"][0]["receipts"][0];
    assert_eq!(receipt["hash"], hash, "{s}");
    assert_eq!(receipt["status"], "confirmed");
    assert_eq!(receipt["gas_used"], 21000);
    let fee: u128 = receipt["fee_wei"].as_str().unwrap().parse().unwrap();
    let chain_receipt = node.receipt(&r["hash"]);
    assert_eq!(chain_receipt["status"], "0x1");
    // Balances and the nonce moved by exactly the value and the effective gas cost.
    let expected = 10 * ETHER - 3 * ETHER / 2 - fee;
    assert_eq!(node.balance(&ours), expected);
    assert_eq!(
        s["items"][0]["balance_wei"].as_str().unwrap(),
        expected.to_string()
    );
    assert_eq!(node.balance(PAYEE) - payee_before, 3 * ETHER / 2);
    assert_eq!(s["items"][0]["nonce"], 1);
    assert_eq!(
        status_of(&env, "alice", &hash),
        ("confirmed".into(), Some(fee.to_string()))
    );
    let b = env.ok(&["wallet", "balance"]);
    let eth = b["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["currency"] == "ETH")
        .expect("an ETH row");
    assert_eq!(eth["chain_id"], CHAIN);
    assert_eq!(eth["total_units"], expected.to_string());
}

#[test]
fn backend_and_payment_errors_are_clear_and_change_nothing() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    // The wrong chain, and nobody listening: exit 7, nothing stored.
    let e = env.err(
        &[
            "wallet",
            "backend",
            "set",
            "eth",
            "--chain-id",
            "1",
            "--rpc",
            &node.url,
        ],
        7,
    );
    assert_eq!(e["code"], "backend");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("chain id 31337, not 1"),
        "{e}"
    );
    let dead = format!("http://127.0.0.1:{}", {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    });
    env.err(
        &[
            "wallet",
            "backend",
            "set",
            "eth",
            "--chain-id",
            "31337",
            "--rpc",
            &dead,
        ],
        7,
    );
    env.err(
        &[
            "wallet",
            "backend",
            "set",
            "eth",
            "--chain-id",
            "31337",
            "--rpc",
            "ftp://x",
        ],
        5,
    );
    // An endpoint that accepts the connection and never answers: a timeout, exit 7.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let mut slow = Env::new();
    slow.home = env.home.clone();
    slow.vars.push(("COFFER_RPC_TIMEOUT".into(), "1".into()));
    let t0 = std::time::Instant::now();
    let set = [
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        "31337",
        "--rpc",
    ];
    let mut a = set.to_vec();
    a.push(&silent_url);
    let e = slow.err(&a, 7);
    assert!(
        t0.elapsed() < std::time::Duration::from_secs(8),
        "no timeout applied"
    );
    assert_eq!(e["code"], "backend", "{e}");
    drop(silent);
    assert_eq!(env.ok(&["wallet", "backend", "list"])["items"], json!([]));

    // Without a backend, nonce, fees and gas must be given: the error names what is missing.
    let pin = env.secret_path("pin");
    let base = [
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "31337",
        "--to",
        PAYEE,
        "--amount",
        "1",
    ];
    let mut a = base.to_vec();
    a.extend_from_slice(&["--nonce", "0", "--yes", "--pin-file", &pin]);
    let e = env.err(&a, 5);
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("--max-fee") && m.contains("--gas-limit") && !m.contains("--nonce"),
        "{m}"
    );
    // A mixed-case address with a bad checksum is refused.
    let bad = PAYEE.replace('C', "c").replacen('c', "C", 1);
    let e = env.err(
        &[
            "send",
            "--chain",
            "eth",
            "--chain-id",
            "31337",
            "--to",
            &bad,
            "--amount",
            "1",
            "--yes",
        ],
        5,
    );
    assert_eq!(e["field"], "to", "{e}");

    // Insufficient funds for value + max gas cost: exit 6 before anything is signed.
    set_backend(&env, &node);
    fund(&node, &ours, ETHER);
    let mut a = base.to_vec();
    a.extend_from_slice(&["--yes", "--pin-file", &pin]);
    let e = env.err(&a, 6);
    assert_eq!(e["unit"], "ETH", "{e}");
    assert_eq!(
        node.result("eth_getTransactionCount", json!([ours, "latest"])),
        "0x0"
    );
    // ETH-only flags on a Bitcoin payment are a usage error.
    env.err(&["send", "--to", PAYEE, "--amount", "1", "--nonce", "3"], 2);
    env.ok(&["wallet", "backend", "remove", "eth", "--chain-id", "31337"]);
    env.err(
        &["wallet", "backend", "remove", "eth", "--chain-id", "31337"],
        4,
    );
}

#[test]
fn the_chain_id_is_part_of_the_signature() {
    let home = Anvil::start(CHAIN);
    let other = Anvil::start(99);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&home, &ours, 10 * ETHER);
    fund(&other, &ours, 10 * ETHER);
    // Signed offline, with everything given.
    let r = pay(
        &env,
        &[
            "--to",
            PAYEE,
            "--amount",
            "0.1",
            "--nonce",
            "0",
            "--max-fee",
            "20",
            "--priority-fee",
            "1",
            "--gas-limit",
            "21000",
        ],
    );
    assert_eq!(r["status"], "signed", "{r}");
    assert_eq!(r["review"]["max_total_cost"], "0.10042");
    assert_eq!(signer(&r["raw"]), (ours.clone(), CHAIN));
    let raw = r["raw"].as_str().unwrap();
    let rejected = other.rpc("eth_sendRawTransaction", json!([raw]));
    assert!(
        rejected.get("error").is_some(),
        "chain 99 accepted a chain-31337 signature: {rejected}"
    );
    let accepted = home.rpc("eth_sendRawTransaction", json!([raw]));
    assert_eq!(accepted["result"], r["hash"], "{accepted}");
}

#[test]
fn offline_signing_across_two_homes() {
    let node = Anvil::start(CHAIN);
    let offline = Env::new();
    let ours = eth_wallet(&offline, "cold");
    let online = Env::new();
    crate::common::watch_only_copy(&offline, &online, "desk");
    set_backend(&online, &node);
    fund(&node, &ours, 5 * ETHER);

    // Online: the watch-only copy writes the request (nonce, fees, gas from the node).
    let req = online.secrets.join("pay.json");
    let chain = CHAIN.to_string();
    let u = online.ok(&[
        "send",
        "--chain",
        "eth",
        "--chain-id",
        &chain,
        "--to",
        PAYEE,
        "--amount",
        "0.25",
        "--unsigned-out",
        req.to_str().unwrap(),
    ]);
    assert_eq!(u["status"], "unsigned", "{u}");
    let request: serde_json::Value = serde_json::from_slice(&std::fs::read(&req).unwrap()).unwrap();
    assert_eq!(
        request["from"].as_str().unwrap().to_lowercase(),
        ours.to_lowercase()
    );
    assert_eq!(request["path"], "m/44'/60'/0'/0/0");
    assert_eq!(request["value"], "250000000000000000");
    assert_eq!(request["chain_id"], CHAIN);

    // Offline: a request from someone else is refused; ours is signed.
    let off_req = offline.secrets.join("pay.json");
    let mut foreign = request.clone();
    foreign["from"] = json!(PAYEE);
    let foreign_file = offline.secrets.join("foreign.json");
    std::fs::write(&foreign_file, foreign.to_string()).unwrap();
    let pin = offline.secret_path("pin");
    let e = offline.err(
        &[
            "send",
            "sign",
            foreign_file.to_str().unwrap(),
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("not an address of this vault"),
        "{e}"
    );
    std::fs::copy(&req, &off_req).unwrap();
    let s = offline.ok(&[
        "send",
        "sign",
        off_req.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(s["status"], "signed", "{s}");
    let signed = offline.secrets.join("pay.signed.txt");
    assert_eq!(s["file"], signed.to_str().unwrap());

    // Online: broadcast; mined; synced.
    let on_signed = online.secrets.join("pay.signed.txt");
    std::fs::copy(&signed, &on_signed).unwrap();
    let b = online.ok(&["send", "broadcast", on_signed.to_str().unwrap()]);
    assert_eq!(b["status"], "broadcast", "{b}");
    assert_eq!(b["wallet"], "main");
    assert_eq!(b["hash"], s["hash"]);
    assert_eq!(signer(&b["raw"]), (ours.clone(), CHAIN));
    node.receipt(&b["hash"]);
    let sync = online.ok(&["wallet", "sync"]);
    assert_eq!(
        sync["items"][0]["receipts"][0]["status"], "confirmed",
        "{sync}"
    );
    assert_eq!(sync["items"][0]["nonce"], 1);
    // Each step is in its home's audit trail.
    let events = online.events();
    for ev in ["send_built", "tx_broadcast"] {
        assert!(events.contains(&ev.to_string()), "{ev}: {events:?}");
    }
    let events = offline.events();
    for ev in ["wallet_exported", "eth_tx_signed"] {
        assert!(events.contains(&ev.to_string()), "{ev}: {events:?}");
    }
}

/// anvil's first default account (unlocked on the node): deploys the token.
pub(crate) const DEPLOYER: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/// Deploys tests/fixtures/TestToken.bin (1,000,000 CTT, 6 decimals, to the deployer).
pub(crate) fn deploy_token(node: &Anvil) -> String {
    let bin = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/TestToken.bin"),
    )
    .unwrap();
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "data": format!("0x{}", bin.trim()), "gas": "0x2dc6c0" }]),
    );
    let receipt = node.receipt(&hash);
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    receipt["contractAddress"].as_str().unwrap().to_string()
}

pub(crate) fn token_balance(node: &Anvil, token: &str, owner: &str) -> u128 {
    use coffer::chain::eth::tx;
    let data = tx::balance_of_data(owner.parse().unwrap());
    let ret = node.result(
        "eth_call",
        json!([{ "to": token, "data": data.to_string() }, "latest"]),
    );
    let bytes = hex::decode(ret.as_str().unwrap().trim_start_matches("0x")).unwrap();
    u128::try_from(tx::decode_balance(&bytes).unwrap()).unwrap()
}

#[test]
fn erc20_tokens_are_added_synced_and_sent() {
    use coffer::chain::eth::tx;
    let node = Anvil::start(CHAIN);
    let token = deploy_token(&node);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, ETHER);
    // 1000 CTT to us, sent by the deployer.
    let data = tx::transfer_data(
        ours.parse().unwrap(),
        alloy_primitives::U256::from(1_000_000_000u64),
    );
    let funding = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&funding);
    assert_eq!(token_balance(&node, &token, &ours), 1_000_000_000);

    // Without a backend, symbol and decimals must be given; with one, they are read.
    let chain = CHAIN.to_string();
    let e = env.err(
        &[
            "wallet",
            "token",
            "add",
            "--chain-id",
            &chain,
            "--address",
            &token,
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("--symbol"), "{e}");
    set_backend(&env, &node);
    let e = env.err(
        &[
            "wallet",
            "token",
            "add",
            "--chain-id",
            &chain,
            "--address",
            DEPLOYER,
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("ERC-20"), "{e}");
    let t = env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &chain,
        "--address",
        &token,
    ]);
    assert_eq!(t["items"][0]["symbol"], "CTT", "{t}");
    assert_eq!(t["items"][0]["decimals"], 6);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["items"][0]["tokens"][0]["balance"], "1000", "{s}");

    let r = pay(&env, &["--token", "CTT", "--to", PAYEE, "--amount", "12.5"]);
    assert_eq!(r["status"], "broadcast", "{r}");
    assert_eq!(r["review"]["currency"], "CTT");
    assert_eq!(r["review"]["amount_units"], "12500000");
    assert_eq!(
        r["review"]["token_contract"]
            .as_str()
            .unwrap()
            .to_lowercase(),
        token.to_lowercase()
    );
    let receipt = node.receipt(&r["hash"]);
    assert_eq!(receipt["status"], "0x1");
    assert_eq!(signer(&r["raw"]), (ours.clone(), CHAIN));
    assert_eq!(token_balance(&node, &token, PAYEE), 12_500_000);
    assert_eq!(token_balance(&node, &token, &ours), 987_500_000);
    let s = env.ok(&["wallet", "sync"]);
    assert_eq!(s["items"][0]["tokens"][0]["balance"], "987.5");
    assert_eq!(s["items"][0]["receipts"][0]["status"], "confirmed");
    let b = env.ok(&["wallet", "balance"]);
    assert!(
        b["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["currency"] == "CTT" && i["total"] == "987.5"),
        "{b}"
    );
    // More tokens than we hold: exit 6, nothing signed.
    let e = send_eth(
        &env,
        &["--token", "CTT", "--to", PAYEE, "--amount", "5000"],
        Some(6),
    );
    assert_eq!(e["unit"], "CTT", "{e}");
    // 7 decimals for a 6-decimal token is refused.
    send_eth(
        &env,
        &["--token", "CTT", "--to", PAYEE, "--amount", "0.0000001"],
        Some(5),
    );
    assert_eq!(
        env.ok(&["wallet", "token", "list"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok(&["wallet", "token", "remove", "--chain-id", &chain, "CTT"]);
    assert_eq!(env.ok(&["wallet", "token", "list"])["items"], json!([]));
}

/// `wallet sync` finds transfers nobody recorded here (ether and tokens paid to us, as a
/// payer's wallet would send them), adds them to the history with their block, time and
/// confirmations, recognises our own sends instead of adding them twice, and reads only
/// new blocks the next time.
#[test]
fn sync_finds_incoming_transfers_with_confirmations() {
    use coffer::chain::eth::tx;
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    let token = deploy_token(&node);
    // 2 ETH and 250 CTT paid to us by someone else.
    let paid = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": ours, "value": format!("{:#x}", 2 * ETHER) }]),
    );
    node.receipt(&paid);
    let data = tx::transfer_data(
        ours.parse().unwrap(),
        alloy_primitives::U256::from(250_000_000u64),
    );
    let tokens_paid = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&tokens_paid);
    set_backend(&env, &node);
    let chain = CHAIN.to_string();
    env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &chain,
        "--address",
        &token,
    ]);

    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    let found = item["transfers"].as_array().unwrap();
    assert_eq!(found.len(), 2, "{s}");
    assert!(
        found.iter().any(|t| t["hash"] == paid
            && t["type"] == "receive"
            && t["currency"] == "ETH"
            && t["amount"] == "2"
            && t["counterparty"] == DEPLOYER),
        "{s}"
    );
    assert!(
        found
            .iter()
            .any(|t| t["hash"] == tokens_paid && t["currency"] == "CTT" && t["amount"] == "250"),
        "{s}"
    );
    let tip = item["tip"].as_u64().unwrap();
    assert_eq!(item["scanned"]["to"], tip);
    let h = env.ok(&["history", "--type", "receive"]);
    assert_eq!(h["total"], 2, "{h}");
    let row = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["txid"] == paid)
        .unwrap()
        .clone();
    assert_eq!(row["amount"], "2", "{row}");
    assert_eq!(row["status"], "confirmed");
    let block = node.receipt(&paid)["blockNumber"]
        .as_str()
        .unwrap()
        .to_string();
    let block = u64::from_str_radix(block.trim_start_matches("0x"), 16).unwrap();
    assert_eq!(row["height"], block);
    assert_eq!(row["confirmations"], tip - block + 1);

    // Our own payment: recorded when sent, found again by the scan, never twice.
    let r = pay(&env, &["--to", PAYEE, "--amount", "0.5"]);
    node.receipt(&r["hash"]);
    node.result("evm_mine", json!([]));
    node.result("evm_mine", json!([]));
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["scanned"]["from"], tip + 1, "only new blocks: {s}");
    let found = item["transfers"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{s}");
    assert_eq!(found[0]["type"], "send");
    assert_eq!(found[0]["hash"], r["hash"]);
    let all = env.ok(&["history", "--currency", "ETH"]);
    assert_eq!(all["total"], 2, "{all}");
    let sent = &all["items"][0];
    assert_eq!(sent["type"], "send", "{all}");
    assert_eq!(sent["amount"], "-0.5");
    assert_eq!(sent["status"], "confirmed");
    assert_eq!(
        sent["confirmations"], 3,
        "mined, then two more blocks: {sent}"
    );
    assert!(sent["time"].as_str().is_some());

    // Up to date: nothing to read. A rescan from block 0 adds nothing twice.
    let s = env.ok(&["wallet", "sync"]);
    assert!(s["items"][0]["scanned"].is_null(), "{s}");
    let s = env.ok(&["wallet", "sync", "--from-height", "0"]);
    assert_eq!(
        s["items"][0]["transfers"].as_array().unwrap().len(),
        3,
        "{s}"
    );
    assert_eq!(env.ok(&["history"])["total"], 3);
}

/// The rolling daily limit on ether: two sends that together pass it; the second is
/// held; `send confirm` refuses it until --override-limit, then signs and broadcasts.
#[test]
fn two_ether_sends_over_the_daily_limit_need_an_override() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, 10 * ETHER);
    set_backend(&env, &node);
    env.ok(&["security", "set", "limit-daily", "ETH", "1"]);
    let r = pay(&env, &["--to", PAYEE, "--amount", "0.6"]);
    assert_eq!(r["status"], "broadcast", "{r}");
    node.receipt(&r["hash"]);
    let e = send_eth(&env, &["--to", PAYEE, "--amount", "0.6"], Some(6));
    assert_eq!(e["code"], "approval_required", "{e}");
    assert!(
        e["reasons"][0].as_str().unwrap().contains("daily limit"),
        "{e}"
    );
    let id = e["approval_id"].as_str().unwrap().to_string();
    let pin = env.secret_path("pin");
    let e = env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 6);
    assert_eq!(e["code"], "limit_exceeded", "{e}");
    let payee_before = node.balance(PAYEE);
    let c = env.ok(&[
        "send",
        "confirm",
        &id,
        "--override-limit",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(c["status"], "broadcast", "{c}");
    assert_eq!(node.receipt(&c["hash"])["status"], "0x1");
    assert_eq!(node.balance(PAYEE) - payee_before, 6 * ETHER / 10);
    assert!(env.events().contains(&"limit_overridden".to_string()));
    // The per-transaction limit on ether.
    env.ok(&["security", "set", "limit-daily", "ETH", "off"]);
    env.ok(&["security", "set", "limit-tx", "ETH", "0.5"]);
    let e = send_eth(&env, &["--to", PAYEE, "--amount", "0.6"], Some(6));
    assert!(
        e["reasons"][0]
            .as_str()
            .unwrap()
            .contains("per-transaction limit of 0.5 ETH"),
        "{e}"
    );
    let r = pay(&env, &["--to", PAYEE, "--amount", "0.4"]);
    assert_eq!(r["status"], "broadcast", "{r}");
}

/// With automine off, a pending payment is sped up (`send bump 0x…`: same nonce, at
/// least 10 % higher fees) and another cancelled (`send cancel-eth`: 0 ETH to ourselves
/// with the same nonce); the replacements are what gets mined, the originals are
/// `replaced`.
#[test]
fn pending_ether_is_sped_up_or_cancelled() {
    let node = Anvil::start(CHAIN);
    node.result("evm_setAutomine", json!([false]));
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, 10 * ETHER);
    set_backend(&env, &node);
    let pin = env.secret_path("pin");
    let payee_before = node.balance(PAYEE);

    let r = pay(&env, &["--to", PAYEE, "--amount", "1", "--fee", "slow"]);
    let first = r["hash"].as_str().unwrap().to_string();
    let old = coffer::chain::eth::tx::decode(
        &hex::decode(r["raw"].as_str().unwrap().trim_start_matches("0x")).unwrap(),
    )
    .unwrap()
    .request;
    // Explicit fees under the 10 % minimum are refused; nothing changes.
    let too_low = format!("{:.9}", old.max_fee_per_gas as f64 * 1.05 / 1e9);
    let e = env.err(
        &[
            "send",
            "bump",
            &first,
            "--max-fee",
            &too_low,
            "--priority-fee",
            &too_low,
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("10 %"), "{e}");
    let b = env.ok(&[
        "send",
        "bump",
        &first,
        "--fee",
        "fast",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(b["status"], "broadcast", "{b}");
    let second = b["hash"].as_str().unwrap().to_string();
    let new = coffer::chain::eth::tx::decode(
        &hex::decode(b["raw"].as_str().unwrap().trim_start_matches("0x")).unwrap(),
    )
    .unwrap()
    .request;
    assert_eq!(new.nonce, old.nonce);
    assert_eq!((new.to, new.value), (old.to, old.value));
    assert!(new.max_fee_per_gas >= old.max_fee_per_gas + old.max_fee_per_gas / 10);
    assert!(
        new.max_priority_fee_per_gas
            >= old.max_priority_fee_per_gas + old.max_priority_fee_per_gas / 10
    );
    assert_eq!(status_of(&env, "alice", &first).0, "replaced");
    node.result("evm_mine", json!([]));
    assert_eq!(node.receipt(&json!(second))["status"], "0x1");
    assert!(
        node.result("eth_getTransactionReceipt", json!([first]))
            .is_null(),
        "the original is never mined"
    );
    assert_eq!(node.balance(PAYEE) - payee_before, ETHER);
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, "alice", &second).0, "confirmed");
    assert_eq!(status_of(&env, "alice", &first).0, "replaced");
    // The replaced original cannot be replaced again: the message names its successor.
    let e = env.err(&["send", "bump", &first, "--yes", "--pin-file", &pin], 5);
    assert!(e["message"].as_str().unwrap().contains(&second), "{e}");
    // A mined transaction cannot be replaced.
    env.err(&["send", "bump", &second, "--yes", "--pin-file", &pin], 5);

    // Cancel: 0 ETH to ourselves, same nonce; the payment never happens.
    let r = pay(&env, &["--to", PAYEE, "--amount", "2", "--fee", "slow"]);
    let doomed = r["hash"].as_str().unwrap().to_string();
    let c = env.ok(&["send", "cancel-eth", &doomed, "--yes", "--pin-file", &pin]);
    let cancel = c["hash"].as_str().unwrap().to_string();
    let req = coffer::chain::eth::tx::decode(
        &hex::decode(c["raw"].as_str().unwrap().trim_start_matches("0x")).unwrap(),
    )
    .unwrap()
    .request;
    assert_eq!(req.to.to_checksum(None), ours);
    assert_eq!(req.value, alloy_primitives::U256::ZERO);
    assert_eq!(req.nonce, old.nonce + 1);
    node.result("evm_mine", json!([]));
    assert_eq!(node.receipt(&json!(cancel))["status"], "0x1");
    assert!(
        node.result("eth_getTransactionReceipt", json!([doomed]))
            .is_null()
    );
    assert_eq!(
        node.balance(PAYEE) - payee_before,
        ETHER,
        "the 2 ETH never left"
    );
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, "alice", &doomed).0, "replaced");
    assert_eq!(status_of(&env, "alice", &cancel).0, "confirmed");
    // A replacement signed but never sent (--no-broadcast): the chain mines the
    // original, and the next sync says so: the original confirmed, the replacement
    // replaced by it.
    let r = pay(&env, &["--to", PAYEE, "--amount", "0.5", "--fee", "slow"]);
    let original = r["hash"].as_str().unwrap().to_string();
    let b = env.ok(&[
        "send",
        "bump",
        &original,
        "--no-broadcast",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(b["status"], "signed", "{b}");
    let unsent = b["hash"].as_str().unwrap().to_string();
    assert_eq!(status_of(&env, "alice", &original).0, "replaced");
    node.result("evm_mine", json!([]));
    assert_eq!(node.receipt(&json!(original))["status"], "0x1");
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, "alice", &original).0, "confirmed");
    assert_eq!(status_of(&env, "alice", &unsent).0, "replaced");
    let shown = env.ok(&["history", "show", &unsent]);
    assert_eq!(shown["replaced_by"], original.as_str(), "{shown}");
    // Not ours, or not a hash: clear errors.
    env.err(
        &[
            "send",
            "cancel-eth",
            &format!("0x{}", "ab".repeat(32)),
            "--yes",
        ],
        4,
    );
    env.err(&["send", "cancel-eth", "0x1234", "--yes"], 5);
}

/// The node refuses a replacement whose original was mined meanwhile (its nonce is
/// used): the replacement is `abandoned` and the original, marked `replaced` in the
/// write that recorded the replacement, is `pending` again until a sync sees it mined.
#[test]
fn a_refused_replacement_leaves_the_original_pending() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, 10 * ETHER);
    set_backend(&env, &node);
    let pin = env.secret_path("pin");
    let r = pay(&env, &["--to", PAYEE, "--amount", "1"]);
    let first = r["hash"].as_str().unwrap().to_string();
    assert_eq!(
        node.receipt(&json!(first))["status"],
        "0x1",
        "mined (automine)"
    );
    let e = env.err(&["send", "bump", &first, "--yes", "--pin-file", &pin], 7);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("eth_sendRawTransaction"),
        "{e}"
    );
    assert_eq!(status_of(&env, "alice", &first).0, "pending", "{e}");
    let (abandoned, replaced_by): (i64, Option<String>) = open_vault(&env, "alice", "vault.age")
        .query_row(
            "SELECT (SELECT count(*) FROM transactions WHERE status = 'abandoned' AND replaces IS NULL),
                    (SELECT replaced_by FROM transactions WHERE hex(txid) = upper(?1))",
            [first.trim_start_matches("0x")],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((abandoned, replaced_by), (1, None));
    assert!(env.events().contains(&"eth_tx_refused".to_string()));
    env.ok(&["wallet", "sync"]);
    assert_eq!(status_of(&env, "alice", &first).0, "confirmed");
}

const WORDS: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

/// The Ethereum address `m/44'/60'/0'/0/i` of the "abandon … about" mnemonic, derived
/// here (not by the binary) so that a test knows addresses the wallet has not revealed.
pub(crate) fn abandon_address(i: u32) -> String {
    use coffer::chain::{Network, btc, eth};
    let m = btc::parse_mnemonic(WORDS).unwrap();
    let master = btc::master(&btc::seed(&m, "")[..], Network::Bitcoin).unwrap();
    let secp = bitcoin::secp256k1::Secp256k1::new();
    eth::derive_address(&secp, &master, i)
        .unwrap()
        .to_checksum(None)
}

/// A user with the "abandon … about" wallet "main" (Ethereum only).
pub(crate) fn abandon_wallet(env: &Env, user: &str) {
    env.register(user);
    let words = env.secret("words", WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--chains",
        "eth",
    ]);
}

/// Ether from anvil's deployer account to `to` in a real transaction (the scan finds it).
pub(crate) fn send_from_deployer(node: &Anvil, to: &str, wei: u128) {
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": to, "value": format!("{wei:#x}") }]),
    );
    assert_eq!(node.receipt(&hash)["status"], "0x1");
}

fn wei_of(receipt: &serde_json::Value) -> u128 {
    let q = |k: &str| {
        u128::from_str_radix(receipt[k].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
    };
    q("gasUsed") * q("effectiveGasPrice")
}

/// Issue 18 item 5: ether at index 1, 2 and at index 5 (inside the gap, never revealed)
/// is found by a sync, summed by the balance, shown per address by `addr list`; `send
/// --from` pays from the address given, the default sender is the first that can pay,
/// nonces are per address, and `--max` empties an address exactly (balance minus gas
/// limit x max fee).
#[test]
fn every_ethereum_address_counts() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    abandon_wallet(&env, "alice");
    let a = env.ok(&["addr", "new", "--chain", "eth", "--count", "3"]);
    let items = a["items"].as_array().unwrap();
    assert_eq!(items.last().unwrap()["index"], 2, "{a}");
    let addr: Vec<String> = (0..6).map(abandon_address).collect();
    for (i, row) in items.iter().enumerate() {
        assert_eq!(row["address"], addr[i], "{a}");
    }
    send_from_deployer(&node, &addr[1], ETHER);
    send_from_deployer(&node, &addr[2], 2 * ETHER);
    send_from_deployer(&node, &addr[5], ETHER / 2);
    set_backend(&env, &node);
    let s = env.ok(&["wallet", "sync", "--eth-from-block", "0"]);
    let item = &s["items"][0];
    let total = ETHER + 2 * ETHER + ETHER / 2;
    assert_eq!(item["balance_wei"], total.to_string(), "{s}");
    assert_eq!(item["balance"], "3.5", "{s}");
    assert_eq!(item["gap_limit"], 20, "{s}");
    assert_eq!(item["watched_to"], 25, "index 5 used, 20 past it: {s}");
    let found = item["transfers"].as_array().unwrap();
    assert_eq!(found.len(), 3, "{s}");
    let at: Vec<&str> = found
        .iter()
        .map(|t| t["address"].as_str().unwrap())
        .collect();
    assert_eq!(at, [&addr[1], &addr[2], &addr[5]], "{s}");
    // Index 5 was used: it is revealed now, with 3 and 4 before it.
    let listed = env.ok(&["addr", "list", "--chain", "eth"]);
    assert_eq!(listed["total"], 6, "{listed}");
    let row = |i: usize| listed["items"][i].clone();
    let expect = [0, ETHER, 2 * ETHER, 0, 0, ETHER / 2];
    for (i, wei) in expect.iter().enumerate() {
        let r = row(i);
        assert_eq!(r["address"], addr[i], "{listed}");
        assert_eq!(r["eth_balances"][0]["currency"], "ETH", "{listed}");
        assert_eq!(r["eth_balances"][0]["chain_id"], CHAIN, "{listed}");
        assert_eq!(
            r["eth_balances"][0]["balance_units"],
            wei.to_string(),
            "{listed}"
        );
    }
    assert_eq!(row(2)["balance"], "2", "{listed}");
    assert_eq!(row(1)["transactions"], 1, "{listed}");
    let human = env.run(&["addr", "list", "--chain", "eth"]);
    assert!(human.stdout.contains("0.5"), "{}", human.stdout);
    let human = env.run(&["wallet", "sync"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains(&format!("0.5 ETH, nonce 0, {}", addr[5]))
            && human.stdout.contains("addresses to #25 (gap limit 20)"),
        "{}",
        human.stdout
    );
    // The wallet's balance is the sum over its addresses.
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(b["items"][0]["total_units"], total.to_string(), "{b}");
    // History rows say which of our addresses moved.
    let conn = open_vault(&env, "alice", "vault.age");
    let mut moved: Vec<String> = conn
        .prepare("SELECT address FROM transactions ORDER BY height")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    moved.sort();
    let mut want = vec![addr[1].clone(), addr[2].clone(), addr[5].clone()];
    want.sort();
    assert_eq!(moved, want);
    let h = env.ok(&["history", "--currency", "ETH"]);
    let mut shown: Vec<String> = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["address"]
                .as_str()
                .unwrap_or_else(|| panic!("{h}"))
                .to_string()
        })
        .collect();
    shown.sort();
    assert_eq!(shown, want, "{h}");

    // --from: paid from index 2, with index 2's nonce; index 1 untouched.
    let r = pay(
        &env,
        &["--to", PAYEE, "--amount", "0.25", "--from", &addr[2]],
    );
    assert_eq!(r["review"]["from"], addr[2], "{r}");
    assert_eq!(r["review"]["nonce"], 0, "{r}");
    let receipt = node.receipt(&r["hash"]);
    assert_eq!(
        receipt["from"].as_str().unwrap().to_lowercase(),
        addr[2].to_lowercase()
    );
    let left2 = 2 * ETHER - ETHER / 4 - wei_of(&receipt);
    assert_eq!(node.balance(&addr[2]), left2);
    assert_eq!(node.balance(&addr[1]), ETHER);
    // The default sender: the first address that can pay 1.2 ETH (index 1 holds 1).
    let r = pay(&env, &["--to", PAYEE, "--amount", "1.2"]);
    assert_eq!(r["review"]["from"], addr[2], "{r}");
    assert_eq!(r["review"]["nonce"], 1, "index 2's own nonce: {r}");
    let receipt = node.receipt(&r["hash"]);
    assert_eq!(
        node.balance(&addr[2]),
        left2 - ETHER * 12 / 10 - wei_of(&receipt)
    );
    // A small amount comes from the first address that holds enough: index 1.
    let r = pay(&env, &["--to", PAYEE, "--amount", "0.1"]);
    assert_eq!(r["review"]["from"], addr[1], "{r}");
    assert_eq!(r["review"]["nonce"], 0, "{r}");
    node.receipt(&r["hash"]);

    // --max: which address must be said when several hold ether.
    let e = send_eth(&env, &["--to", PAYEE, "--max"], Some(5));
    assert_eq!(e["field"], "from", "{e}");
    // An address that is not ours, and one that cannot pay the fee.
    let e = send_eth(&env, &["--to", PAYEE, "--max", "--from", PAYEE], Some(5));
    assert_eq!(e["field"], "from", "{e}");
    let e = send_eth(&env, &["--to", PAYEE, "--max", "--from", &addr[3]], Some(6));
    assert_eq!(e["code"], "insufficient_funds", "{e}");
    // --max from index 5: everything but the fee, which the review shows exactly.
    let r = pay(&env, &["--to", PAYEE, "--max", "--from", &addr[5]]);
    let review = &r["review"];
    let fee: u128 = review["max_network_fee_wei"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let raw = hex::decode(r["raw"].as_str().unwrap().trim_start_matches("0x")).unwrap();
    let req = coffer::chain::eth::tx::decode(&raw).unwrap().request;
    assert_eq!(req.gas_limit, 21_000);
    assert_eq!(fee, 21_000 * req.max_fee_per_gas, "{r}");
    assert_eq!(
        review["amount_units"],
        (ETHER / 2 - fee).to_string(),
        "balance minus the fee: {r}"
    );
    assert_eq!(review["max_total_cost_wei"], (ETHER / 2).to_string(), "{r}");
    let receipt = node.receipt(&r["hash"]);
    // What is left is exactly the part of the max fee the block did not charge.
    assert_eq!(node.balance(&addr[5]), fee - wei_of(&receipt));
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["nonce"], 4, "2 + 1 + 1 sent: {s}");
    let sends = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["type"] == "send")
        .count();
    assert_eq!(sends, 4, "{s}");

    // Between two of our addresses: a self-transfer, only the fee leaves the wallet.
    let before: u128 = item["balance_wei"].as_str().unwrap().parse().unwrap();
    let r = pay(
        &env,
        &["--to", &addr[0], "--amount", "0.05", "--from", &addr[1]],
    );
    let fee = wei_of(&node.receipt(&r["hash"]));
    let s = env.ok(&["wallet", "sync"]);
    let item = &s["items"][0];
    assert_eq!(item["balance_wei"], (before - fee).to_string(), "{s}");
    let t = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["hash"] == r["hash"])
        .unwrap_or_else(|| panic!("{s}"))
        .clone();
    assert_eq!(t["type"], "self", "{s}");
    assert_eq!(t["address"], addr[1], "{s}");
    assert_eq!(t["counterparty"], addr[0], "{s}");
    let h = env.ok(&["history", "--currency", "ETH"]);
    let row = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["txid"] == r["hash"])
        .unwrap_or_else(|| panic!("{h}"))
        .clone();
    assert_eq!(row["type"], "self", "{h}");
    assert_eq!(row["amount_units"], "0", "{h}");
    assert_eq!(row["fee_units"], fee.to_string(), "{h}");
    assert_eq!(row["address"], addr[1], "{h}");
}

/// A token contract for the tests, assembled by hand (no compiler): `decimals()` 18,
/// `symbol()` "BIG", `balanceOf(a)` is storage slot `a` (set with anvil_setStorageAt),
/// and any other call emits two `Transfer(caller, to, value)` logs, the first from
/// calldata words 0 (to) and 1 (value), the second from words 2 and 3. The assembly:
///
/// ```text
/// PUSH1 0x00 CALLDATALOAD PUSH1 0xe0 SHR
/// DUP1 PUSH4 0x313ce567 EQ PUSH2 dec JUMPI      ; decimals()
/// DUP1 PUSH4 0x95d89b41 EQ PUSH2 sym JUMPI      ; symbol()
/// DUP1 PUSH4 0x70a08231 EQ PUSH2 bal JUMPI      ; balanceOf(address)
/// PUSH1 0x20 CALLDATALOAD PUSH1 0x00 MSTORE
/// PUSH1 0x00 CALLDATALOAD CALLER PUSH32 <Transfer topic> PUSH1 0x20 PUSH1 0x00 LOG3
/// PUSH1 0x60 CALLDATALOAD PUSH1 0x00 MSTORE
/// PUSH1 0x40 CALLDATALOAD CALLER PUSH32 <Transfer topic> PUSH1 0x20 PUSH1 0x00 LOG3
/// STOP
/// dec: JUMPDEST PUSH1 0x12 PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN
/// sym: JUMPDEST PUSH1 0x20 PUSH1 0x00 MSTORE PUSH1 0x03 PUSH1 0x20 MSTORE
///      PUSH32 "BIG" PUSH1 0x40 MSTORE PUSH1 0x60 PUSH1 0x00 RETURN
/// bal: JUMPDEST PUSH1 0x04 CALLDATALOAD SLOAD PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN
/// ```
const TWO_LOG_TOKEN: &str = "60003560e01c8063313ce5671461008857806395d89b411461009357806370a08231146100c757602035600052600035337fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef60206000a3606035600052604035337fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef60206000a3005b601260005260206000f35b602060005260036020527f424947000000000000000000000000000000000000000000000000000000000060405260606000f35b6004355460005260206000f3";

/// Issue 18 items 6 and 11: two `Transfer` logs of one token to us in one transaction
/// are two movements (the history row holds their sum), and a token balance beyond
/// u128 is exact in sync, balance and addr list.
#[test]
fn two_logs_are_two_movements_and_big_balances_are_exact() {
    use alloy_primitives::U256;
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    abandon_wallet(&env, "alice");
    env.ok(&["addr", "new", "--chain", "eth", "--count", "2"]);
    let (a0, a1) = (abandon_address(0), abandon_address(1));
    let token = "0x00000000000000000000000000000000000C0FFE";
    node.result(
        "anvil_setCode",
        json!([token, format!("0x{TWO_LOG_TOKEN}")]),
    );
    let big: U256 = (U256::from(1u8) << 200usize) + U256::from(7u8);
    let slot = |a: &str| format!("0x{:0>64}", a.trim_start_matches("0x").to_lowercase());
    node.result(
        "anvil_setStorageAt",
        json!([token, slot(&a0), format!("0x{big:064x}")]),
    );
    set_backend(&env, &node);
    let t = env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &CHAIN.to_string(),
        "--address",
        token,
    ]);
    assert_eq!(t["items"][0]["symbol"], "BIG", "{t}");
    assert_eq!(t["items"][0]["decimals"], 18, "{t}");
    // One transaction, two logs to us: 7 units to index 0, 11 to index 0 again.
    let word = |hex: &str| format!("{hex:0>64}");
    let data = format!(
        "0x{}{}{}{}",
        word(&a0[2..].to_lowercase()),
        word("7"),
        word(&a0[2..].to_lowercase()),
        word("b")
    );
    let hash = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data, "gas": "0x30000" }]),
    );
    let receipt = node.receipt(&hash);
    assert_eq!(receipt["logs"].as_array().unwrap().len(), 2, "{receipt}");
    // And one to index 1.
    let data = format!(
        "0x{}{}{}{}",
        word(&a1[2..].to_lowercase()),
        word("5"),
        word(&"0".repeat(40)),
        word("0")
    );
    let other = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data, "gas": "0x30000" }]),
    );
    node.receipt(&other);

    let s = env.ok(&["wallet", "sync", "--eth-from-block", "0"]);
    let item = &s["items"][0];
    let moves: Vec<&serde_json::Value> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["hash"] == hash)
        .collect();
    assert_eq!(moves.len(), 2, "two logs, two movements: {s}");
    assert_eq!(moves[0]["amount_units"], "7", "{s}");
    assert_eq!(moves[1]["amount_units"], "11", "{s}");
    assert_eq!(moves[0]["currency"], "BIG", "{s}");
    assert_ne!(moves[0]["log_index"], moves[1]["log_index"], "{s}");
    let to_a1: Vec<&serde_json::Value> = item["transfers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["hash"] == other)
        .collect();
    assert_eq!(to_a1.len(), 1, "{s}");
    assert_eq!(to_a1[0]["address"], a1, "{s}");
    // The history row of the transaction holds both.
    let h = env.ok(&["history", "--currency", "BIG"]);
    let row = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["txid"] == hash)
        .unwrap_or_else(|| panic!("{h}"))
        .clone();
    assert_eq!(row["amount"], "0.000000000000000018", "{h}");

    // 2^200 + 7 units at index 0 (and 0 at index 1): exact, never u128::MAX.
    let units = big.to_string();
    assert_eq!(
        units,
        "1606938044258990275541962092341162602522202993782792835301383"
    );
    let decimal = "1606938044258990275541962092341162602522202.993782792835301383";
    assert_eq!(item["tokens"][0]["balance_units"], units, "{s}");
    assert_eq!(item["tokens"][0]["balance"], decimal, "{s}");
    let b = env.ok(&["wallet", "balance"]);
    let row = b["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "BIG")
        .unwrap_or_else(|| panic!("{b}"))
        .clone();
    assert_eq!(row["total_units"], units, "{b}");
    assert_eq!(row["total"], decimal, "{b}");
    let l = env.ok(&["addr", "list", "--chain", "eth"]);
    let first = &l["items"][0]["eth_balances"];
    let big_row = first
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "BIG")
        .unwrap_or_else(|| panic!("{l}"));
    assert_eq!(big_row["balance_units"], units, "{l}");
}

/// Issue 18 item 6: each chain its own start. `--eth-from-block` moves only the
/// Ethereum scan, `--btc-from-height` only the Bitcoin one; `--from-height` alone is
/// ambiguous when both are synced (usage error, nothing read).
#[test]
fn each_chain_has_its_own_start() {
    let btc = crate::node::Node::start();
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    set_backend(&env, &node);
    crate::btcnode::set_backend(&env, &btc);
    let miner = btc.miner();
    btc.rpc(&["generatetoaddress", "5", &miner]);
    for _ in 0..5 {
        node.result("evm_mine", json!([]));
    }
    let e = env.err(&["wallet", "sync", "--from-height", "0"], 2);
    assert!(
        e["message"].as_str().unwrap().contains("--eth-from-block"),
        "{e}"
    );
    let s = env.ok(&["wallet", "sync", "--eth-from-block", "2"]);
    assert_eq!(s["items"][0]["scanned"]["from"], 2, "{s}");
    assert!(s["bitcoin"][0]["rescanned_from"].is_null(), "{s}");
    let s = env.ok(&["wallet", "sync", "--btc-from-height", "1"]);
    assert_eq!(s["bitcoin"][0]["rescanned_from"], 1, "{s}");
    assert!(
        s["items"][0]["scanned"].is_null(),
        "ethereum up to date: {s}"
    );
    let s = env.ok(&["wallet", "sync", "--eth-from-block", "1"]);
    assert_eq!(s["items"][0]["scanned"]["from"], 1, "{s}");
    assert!(s["bitcoin"][0]["rescanned_from"].is_null(), "{s}");
}

#[test]
fn eip681_uris_are_paid_as_they_say() {
    use coffer::chain::eth::tx;
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    let ours = eth_wallet(&env, "alice");
    fund(&node, &ours, 10 * ETHER);
    set_backend(&env, &node);
    let pin = env.secret_path("pin");
    let send = |to: &str, extra: &[&str]| {
        let mut a = vec!["send", "--chain", "eth", "--to", to];
        a.extend_from_slice(extra);
        a.extend_from_slice(&["--yes", "--pin-file", &pin]);
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run_ok = |to: &str, extra: &[&str]| {
        let a = send(to, extra);
        env.ok(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let run_err = |to: &str, extra: &[&str], exit: i32| {
        let a = send(to, extra);
        env.err(&a.iter().map(String::as_str).collect::<Vec<_>>(), exit)["message"]
            .as_str()
            .unwrap()
            .to_string()
    };

    // Ether: the chain id and the value (scientific notation, exact) from the URI.
    let payee_before = node.balance(PAYEE);
    let uri = format!("ethereum:{PAYEE}@{CHAIN}?value=2.014e18");
    let r = run_ok(&uri, &[]);
    assert_eq!(r["status"], "broadcast", "{r}");
    assert_eq!(r["review"]["amount_units"], "2014000000000000000");
    assert_eq!(r["review"]["to"], PAYEE);
    let s = &r["review"]["sources"];
    assert_eq!(
        (&s["recipient"], &s["amount"], &s["chain_id"]),
        (&json!("uri"), &json!("uri"), &json!("uri")),
        "{s}"
    );
    node.receipt(&r["hash"]);
    assert_eq!(
        node.balance(PAYEE) - payee_before,
        2_014_000_000_000_000_000
    );

    // Refusals change nothing.
    let before = crate::common::dump_vault(&env, "alice");
    let chain = CHAIN.to_string();
    let m = run_err(
        &format!("ethereum:{PAYEE}@1?value=1"),
        &["--chain-id", &chain],
        5,
    );
    assert!(m.contains("chain id 1"), "{m}");
    let m = run_err(&uri, &["--amount", "2"], 5);
    assert!(m.contains("differs from the URI's amount 2.014"), "{m}");
    let m = run_err(&format!("ethereum:{PAYEE}@{CHAIN}?value=1.5"), &[], 5);
    assert!(m.contains("whole number"), "{m}");
    let m = run_err(
        "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
        &["--chain-id", &chain, "--amount", "1"],
        5,
    );
    assert!(m.contains("that is a Bitcoin address"), "{m}");
    let m = run_err(
        "bitcoin:bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080?amount=1",
        &[],
        5,
    );
    assert!(m.contains("pass --chain btc"), "{m}");

    // An ERC-20 transfer URI: refused until the token is one of ours, then paid.
    let token = deploy_token(&node);
    let data = tx::transfer_data(
        ours.parse().unwrap(),
        alloy_primitives::U256::from(1_000_000_000u64),
    );
    let funding = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&funding);
    let transfer = format!("ethereum:{token}@{CHAIN}/transfer?address={PAYEE}&uint256=2.5e6");
    let e = env.err(
        &send(&transfer, &[])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        4,
    );
    assert!(
        e["message"].as_str().unwrap().contains("wallet token add"),
        "{e}"
    );
    assert_eq!(before, crate::common::dump_vault(&env, "alice"));
    env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &chain,
        "--address",
        &token,
    ]);
    let r = run_ok(&transfer, &["--amount", "2.5"]);
    assert_eq!(r["status"], "broadcast", "{r}");
    assert_eq!(r["review"]["currency"], "CTT");
    assert_eq!(r["review"]["amount_units"], "2500000");
    assert_eq!(r["review"]["to"], PAYEE);
    assert_eq!(r["review"]["sources"]["token"], "uri", "{r}");
    assert_eq!(r["review"]["sources"]["amount"], "uri_and_command_line");
    node.receipt(&r["hash"]);
    assert_eq!(token_balance(&node, &token, PAYEE), 2_500_000);
}
