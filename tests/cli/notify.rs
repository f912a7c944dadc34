//! Payment notifications: `receive watch` (one JSON line per event) and `receive wait
//! --exec` against a regtest Bitcoin Core node and anvil; `receive --chain eth` takes the
//! only EVM backend's chain id.

use crate::anvil::Anvil;
use crate::btcnode::set_backend;
use crate::common::Env;
use crate::node::Node;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Stdio};

/// A running `receive watch`, read line by line.
struct Watch {
    child: Child,
    lines: BufReader<ChildStdout>,
}

impl Watch {
    /// Starts `coffer --json receive watch --interval 1s EXTRA…` (with a --timeout as a
    /// safety net: a watch that never sees its events ends and the read below fails).
    fn start(env: &Env, extra: &[&str]) -> Watch {
        let mut args = vec!["--json", "receive", "watch", "--interval", "1s"];
        if !extra.contains(&"--timeout") {
            args.extend_from_slice(&["--timeout", "300s"]);
        }
        args.extend_from_slice(extra);
        let mut child = env
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap());
        Watch { child, lines }
    }

    /// The next event line, parsed.
    fn next(&mut self) -> Value {
        let mut line = String::new();
        let n = self.lines.read_line(&mut line).unwrap();
        if n == 0 {
            let out = self.child.wait_with_output_ref();
            panic!("the watch ended without the event: {out}");
        }
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"))
    }

    /// Waits for the end: (exit code, the rest of stdout, stderr).
    fn finish(mut self) -> (Option<i32>, String, String) {
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut self.lines, &mut rest).unwrap();
        let out = self.child.wait_with_output().unwrap();
        (
            out.status.code(),
            rest,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

trait WaitRef {
    fn wait_with_output_ref(&mut self) -> String;
}

impl WaitRef for Child {
    fn wait_with_output_ref(&mut self) -> String {
        let status = self.wait().unwrap();
        let mut err = String::new();
        if let Some(mut e) = self.stderr.take() {
            std::io::Read::read_to_string(&mut e, &mut err).unwrap();
        }
        format!("{status}; stderr: {err}")
    }
}

/// The keys of an object.
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// The example line docs/json.md gives for `receive watch` (the ```jsonl block after
/// `<!-- docs-jsonl: receive watch -->`).
fn documented_event() -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"),
    )
    .unwrap();
    let at = text
        .find("<!-- docs-jsonl: receive watch -->")
        .expect("docs/json.md documents the receive watch line");
    let block = text[at..].split("```jsonl\n").nth(1).unwrap();
    let line = block.lines().next().unwrap();
    serde_json::from_str(line).unwrap()
}

/// The environment a hook wrote with `env > FILE`.
fn env_file(path: &std::path::Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn watch_sees_bitcoin_payments_confirmations_and_replacements() {
    let node = Node::start();
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    set_backend(&env, &node);
    let miner = node.miner();
    // An old payment, known to the vault before the watch starts: never announced.
    let ours = env.ok(&["receive", "--no-qr"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &ours, "0.2"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    env.ok(&["wallet", "sync"]);

    let to = env.ok(&["receive", "--no-qr"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let mut w = Watch::start(
        &env,
        &["--count", "4", "--exec", "echo hook-$COFFER_EVENT; exit 3"],
    );
    // A replaceable payment from Core: `payment`, unconfirmed.
    let first = node.wallet_rpc(
        "miner",
        &[
            "-named",
            "sendtoaddress",
            &format!("address={to}"),
            "amount=0.5",
            "replaceable=true",
        ],
    );
    let e = w.next();
    assert_eq!(e["event"], "payment", "{e}");
    assert_eq!(e["txid"], first, "{e}");
    assert_eq!(e["wallet"], "main");
    assert_eq!(e["chain"], "btc");
    assert_eq!(e["network"], "regtest");
    assert_eq!(e["chain_id"], Value::Null);
    assert_eq!(e["address"], to.as_str(), "{e}");
    assert_eq!(e["amount"], "0.50000000");
    assert_eq!(e["amount_units"], "50000000");
    assert_eq!(e["currency"], "BTC");
    assert_eq!(e["confirmations"], 0);
    assert_eq!(e["height"], Value::Null);
    assert_eq!(keys(&e), keys(&documented_event()), "docs/json.md's line");

    // Core bumps its fee: the first is `replaced`, the bump is a new `payment`.
    let bumped = node.wallet_rpc("miner", &["bumpfee", first.as_str().unwrap()]);
    let second = bumped["txid"].clone();
    let mut two: Vec<Value> = vec![w.next(), w.next()];
    two.sort_by_key(|e| e["event"].as_str().unwrap().to_string());
    assert_eq!(two[0]["event"], "payment", "{two:?}");
    assert_eq!(two[0]["txid"], second, "{two:?}");
    assert_eq!(two[1]["event"], "replaced", "{two:?}");
    assert_eq!(two[1]["txid"], first, "{two:?}");
    assert_eq!(two[1]["amount"], "0.50000000", "{two:?}");

    // A block: the bump is `confirmed`; the fourth event ends the watch (exit 0).
    let mined = node.rpc(&["generatetoaddress", "1", &miner]);
    let height = node.rpc(&["getblockcount"]);
    let e = w.next();
    assert_eq!(e["event"], "confirmed", "{e} {mined}");
    assert_eq!(e["txid"], second, "{e}");
    assert_eq!(e["confirmations"], 1, "{e}");
    assert_eq!(e["height"], height, "{e}");
    let (code, rest, stderr) = w.finish();
    assert_eq!(code, Some(0), "{stderr}");
    // Nothing else on stdout: the hook's output went to stderr, its failure is a notice.
    assert_eq!(rest, "", "{stderr}");
    assert!(stderr.contains("hook-payment"), "{stderr}");
    assert!(stderr.contains("hook-replaced"), "{stderr}");
    assert!(
        stderr.contains("the --exec command exited with status 3"),
        "{stderr}"
    );

    // A restarted watch announces nothing old (the first sync finds nothing new).
    let (code, rest, stderr) = Watch::start(&env, &["--timeout", "2s"]).finish();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(rest, "", "{stderr}");

    // Human form: one readable line per event.
    let mut human = env
        .command(&[
            "receive",
            "watch",
            "--interval",
            "1s",
            "--count",
            "1",
            "--timeout",
            "300s",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let third = node.wallet_rpc("miner", &["sendtoaddress", &to, "0.125"]);
    let mut line = String::new();
    BufReader::new(human.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(human.wait().unwrap().success());
    assert!(line.contains(" payment "), "{line}");
    assert!(line.contains("0.12500000 BTC"), "{line}");
    assert!(line.contains(third.as_str().unwrap()), "{line}");
    assert!(line.contains(&to), "{line}");

    // receive wait --exec: the hook's environment describes the payment, no secret.
    let out = env.secrets.join("hook-env");
    let cmd = format!("env > '{}'", out.display());
    let r = env
        .command(&[
            "--json",
            "receive",
            "wait",
            "--address",
            &to,
            "--amount",
            "0.4",
            "--timeout",
            "60s",
            "--interval",
            "1s",
            "--exec",
            &cmd,
        ])
        .env("COFFER_TOTP", "123456")
        .env("BANK_PASSWORD", "hunter2")
        .env("NOTIFY_SAFE", "kept")
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let v: Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["data"]["txid"], second, "{v}");
    assert_eq!(v["data"]["chain"], "btc", "{v}");
    assert_eq!(v["data"]["address"], to.as_str(), "{v}");
    assert_eq!(v["data"]["currency"], "BTC", "{v}");
    assert_eq!(v["data"]["amount_units"], "50000000", "{v}");
    let got = env_file(&out);
    let want = [
        ("COFFER_EVENT", "confirmed"),
        ("COFFER_WALLET", "main"),
        ("COFFER_CHAIN", "btc"),
        ("COFFER_NETWORK", "regtest"),
        ("COFFER_CHAIN_ID", ""),
        ("COFFER_TXID", second.as_str().unwrap()),
        ("COFFER_ADDRESS", to.as_str()),
        ("COFFER_AMOUNT", "0.50000000"),
        ("COFFER_AMOUNT_UNITS", "50000000"),
        ("COFFER_UNITS", "sat"),
        ("COFFER_CURRENCY", "BTC"),
        ("COFFER_HEIGHT", &height.to_string()),
        ("NOTIFY_SAFE", "kept"),
    ];
    for (k, val) in want {
        assert_eq!(got.get(k).map(String::as_str), Some(val), "{k}: {got:?}");
    }
    assert!(got["COFFER_CONFIRMATIONS"].parse::<u32>().unwrap() >= 1);
    assert_eq!(
        got.get("COFFER_HOME").map(std::path::PathBuf::from),
        Some(env.home.clone())
    );
    for secret in ["COFFER_TOTP", "BANK_PASSWORD", "COFFER_KDF_PROFILE"] {
        assert!(!got.contains_key(secret), "{secret} reached the hook");
    }
    assert!(
        !std::fs::read_to_string(&out).unwrap().contains("hunter2"),
        "a secret reached the hook"
    );
}

const CHAIN: u64 = 31337;
const ETHER: u128 = 1_000_000_000_000_000_000;
/// anvil's first default account, unlocked in the node.
const DEPLOYER: &str = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

#[test]
fn watch_and_wait_see_ether_payments() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    // No EVM backend: the URI has no chain id.
    let r = env.ok(&["receive", "--chain", "eth", "--no-qr"]);
    let ours = r["address"].as_str().unwrap().to_string();
    assert_eq!(r["uri"], format!("ethereum:{ours}"), "{r}");
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &CHAIN.to_string(),
        "--rpc",
        &node.url,
    ]);
    // One EVM backend: its chain id is in the URI, as `send` would default to it.
    let r = env.ok(&["receive", "--chain", "eth", "--no-qr", "--amount", "1"]);
    assert_eq!(
        r["uri"],
        format!("ethereum:{ours}@{CHAIN}?value={ETHER}"),
        "{r}"
    );
    let r = env.ok(&["receive", "--chain", "eth", "--no-qr", "--chain-id", "5"]);
    assert_eq!(r["uri"], format!("ethereum:{ours}@5"), "{r}");

    // Counts and confirmations start at 1 (a usage error, exit 2).
    env.err(&["receive", "watch", "--count", "0"], 2);
    env.err(&["receive", "watch", "--confirmations", "0"], 2);

    // A payment of 2 ETH (anvil mines it at once): `payment` and `confirmed`.
    let mut w = Watch::start(&env, &["--count", "2"]);
    let paid = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": ours, "value": format!("{:#x}", 2 * ETHER) }]),
    );
    let block = node.receipt(&paid)["blockNumber"].clone();
    let block = u64::from_str_radix(block.as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    let e = w.next();
    assert_eq!(e["event"], "payment", "{e}");
    assert_eq!(e["txid"], paid, "{e}");
    assert_eq!(e["chain"], "eth");
    assert_eq!(e["network"], CHAIN.to_string());
    assert_eq!(e["chain_id"], CHAIN);
    assert_eq!(
        e["address"].as_str().unwrap().to_lowercase(),
        ours.to_lowercase()
    );
    assert_eq!(e["amount"], "2");
    assert_eq!(e["amount_units"], (2 * ETHER).to_string());
    assert_eq!(e["currency"], "ETH");
    assert_eq!(e["height"], block);
    let e = w.next();
    assert_eq!(e["event"], "confirmed", "{e}");
    assert_eq!(e["txid"], paid, "{e}");
    assert!(e["confirmations"].as_u64().unwrap() >= 1, "{e}");
    let (code, rest, stderr) = w.finish();
    assert_eq!((code, rest.as_str()), (Some(0), ""), "{stderr}");

    // A reader that goes away (`receive watch | head -1`) ends the watch at its next
    // event (exit 0), however long its --timeout.
    let mut w = Watch::start(&env, &["--confirmations", "3", "--timeout", "3600s"]);
    let again = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": ours, "value": format!("{:#x}", ETHER) }]),
    );
    // (The first payment reaching its confirmations may come first.)
    loop {
        let e = w.next();
        if e["txid"] == again {
            assert_eq!(e["event"], "payment", "{e}");
            break;
        }
    }
    let Watch { mut child, lines } = w;
    drop(lines);
    for _ in 0..3 {
        node.result("evm_mine", json!([]));
    }
    // A generous safety net, not a timing: the watch would otherwise run for an hour.
    let mut status = None;
    for _ in 0..1200 {
        if let Some(s) = child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let Some(status) = status else {
        child.kill().unwrap();
        panic!("the watch went on after its reader had gone");
    };
    assert_eq!(status.code(), Some(0));

    // receive wait on Ethereum: the payment is there; --exec gets it.
    let out = env.secrets.join("hook-env");
    let cmd = format!("env > '{}'", out.display());
    let v = env.ok(&[
        "receive",
        "wait",
        "--chain",
        "eth",
        "--amount",
        "1.5",
        "--address",
        &ours,
        "--timeout",
        "60s",
        "--interval",
        "1s",
        "--exec",
        &cmd,
    ]);
    assert_eq!(v["txid"], paid, "{v}");
    assert_eq!(v["chain"], "eth", "{v}");
    assert_eq!(v["network"], CHAIN.to_string(), "{v}");
    assert_eq!(v["amount"], "2", "{v}");
    assert_eq!(v["amount_sat"], Value::Null, "{v}");
    assert_eq!(v["amount_units"], (2 * ETHER).to_string(), "{v}");
    assert_eq!(v["currency"], "ETH", "{v}");
    assert_eq!(v["height"], block, "{v}");
    let got = env_file(&out);
    assert_eq!(got["COFFER_CHAIN"], "eth", "{got:?}");
    assert_eq!(got["COFFER_CHAIN_ID"], CHAIN.to_string(), "{got:?}");
    assert_eq!(got["COFFER_TXID"], paid.as_str().unwrap(), "{got:?}");
    assert_eq!(got["COFFER_AMOUNT"], "2", "{got:?}");
    assert_eq!(got["COFFER_UNITS"], "wei", "{got:?}");
    assert_eq!(got["COFFER_CURRENCY"], "ETH", "{got:?}");

    // More than was paid: exit 10 at the timeout.
    let e = env.err(
        &[
            "receive",
            "wait",
            "--chain",
            "eth",
            "--amount",
            "5",
            "--timeout",
            "2s",
            "--interval",
            "1s",
        ],
        10,
    );
    assert_eq!(e["code"], "timeout", "{e}");

    // A token payment: --token waits for it in the token's unit.
    let token = deploy_token(&node);
    env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &CHAIN.to_string(),
        "--address",
        &token,
    ]);
    let data = coffer::chain::eth::tx::transfer_data(
        ours.parse().unwrap(),
        alloy_primitives::U256::from(250_000_000u64),
    );
    let tokens_paid = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&tokens_paid);
    let v = env.ok(&[
        "receive",
        "wait",
        "--chain",
        "eth",
        "--token",
        "ctt",
        "--amount",
        "250",
        "--timeout",
        "60s",
        "--interval",
        "1s",
    ]);
    assert_eq!(v["txid"], tokens_paid, "{v}");
    assert_eq!(v["currency"], "CTT", "{v}");
    assert_eq!(v["amount"], "250", "{v}");
    assert_eq!(v["amount_units"], "250000000", "{v}");
}

/// Deploys tests/fixtures/TestToken.bin (1,000,000 CTT, 6 decimals, to the deployer).
fn deploy_token(node: &Anvil) -> String {
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

/// `receive wait --chain eth --token` counts a token payment's confirmations as it does
/// ether's: with one block on the payment, 3 confirmations are not there (exit 10 at the
/// timeout); two blocks later they are, and the answer says 3.
#[test]
fn receive_wait_counts_the_confirmations_of_a_token_payment() {
    let node = Anvil::start(CHAIN);
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let chain = CHAIN.to_string();
    env.ok(&[
        "wallet",
        "backend",
        "set",
        "eth",
        "--chain-id",
        &chain,
        "--rpc",
        &node.url,
    ]);
    let ours = env.ok(&["receive", "--chain", "eth", "--no-qr"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let token = deploy_token(&node);
    env.ok(&[
        "wallet",
        "token",
        "add",
        "--chain-id",
        &chain,
        "--address",
        &token,
    ]);
    let data = coffer::chain::eth::tx::transfer_data(
        ours.parse().unwrap(),
        alloy_primitives::U256::from(7_000_000u64),
    );
    let paid = node.result(
        "eth_sendTransaction",
        json!([{ "from": DEPLOYER, "to": token, "data": data.to_string() }]),
    );
    node.receipt(&paid);
    let wait = |timeout: &str| {
        [
            "receive",
            "wait",
            "--chain",
            "eth",
            "--token",
            "CTT",
            "--amount",
            "7",
            "--confirmations",
            "3",
            "--timeout",
            timeout,
            "--interval",
            "1s",
        ]
        .map(String::from)
    };
    let a = wait("2s");
    let e = env.err(&a.iter().map(String::as_str).collect::<Vec<_>>(), 10);
    assert_eq!(e["code"], "timeout", "{e}");
    for _ in 0..2 {
        node.result("evm_mine", json!([]));
    }
    let a = wait("60s");
    let v = env.ok(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(v["txid"], paid, "{v}");
    assert_eq!(v["currency"], "CTT", "{v}");
    assert_eq!(v["amount_units"], "7000000", "{v}");
    assert_eq!(v["confirmations"], 3, "{v}");
}
