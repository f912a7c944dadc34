//! One decrypted snapshot per read command, one write transaction per write (issue 20):
//! the test hook `COFFER_TEST_COUNT_DECRYPTS` lists every file a command decrypts.

use crate::common::Env;
use crate::fund;
use bitcoin::Network;

/// How many times one run of `args` (with `--json`, which must succeed) decrypted
/// `vault.age` and `engine.age`.
fn decryptions(env: &Env, args: &[&str]) -> (usize, usize) {
    decryptions_at(env, args, None)
}

/// A TOTP step boundary a little ahead of real time (a session made now stays valid at
/// it), for runs under the test clock.
fn totp_base() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    (now / 30) * 30 + 300
}

/// `coffer --json ARGS` at test-clock time `t`: its exit code and its JSON.
fn json_at(env: &Env, t: i64, args: &[&str]) -> (Option<i32>, serde_json::Value) {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let out = env
        .command(&a)
        .env("COFFER_TEST_NOW", t.to_string())
        .output()
        .unwrap();
    (
        out.status.code(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

/// [`decryptions`] at the test clock `now` (seconds), when given.
fn decryptions_at(env: &Env, args: &[&str], now: Option<i64>) -> (usize, usize) {
    let log = env.secrets.join("decryptions.log");
    let _ = std::fs::remove_file(&log);
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let mut cmd = env.command(&a);
    if let Some(t) = now {
        cmd.env("COFFER_TEST_NOW", t.to_string());
    }
    let out = cmd
        .env("COFFER_TEST_COUNT_DECRYPTS", &log)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines = std::fs::read_to_string(&log).unwrap_or_default();
    let count = |name: &str| lines.lines().filter(|l| *l == name).count();
    let (vault, engine) = (count("vault.age"), count("engine.age"));
    assert_eq!(
        vault + engine,
        lines.lines().count(),
        "{args:?} decrypted other files: {lines}"
    );
    (vault, engine)
}

/// A user with a regtest wallet that received a payment, a rate, a label and a backup.
fn user_with_a_payment(env: &Env) -> String {
    env.register("alice");
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let a = env.ok(&["addr", "new"]);
    let addr = a["items"][0]["address"].as_str().unwrap().to_string();
    let tx = fund::pay(&[(&addr, 50_000)], Network::Regtest, 60);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "100",
        "--block-time",
        "2026-01-10T12:00:00Z",
    ]);
    env.ok(&["rates", "set", "BTC/USD", "97000"]);
    let pass = env.secret("backup-pass", "a-long-backup-passphrase-19");
    env.ok(&["backup", "create", "--passphrase-file", &pass]);
    tx.compute_txid().to_string()
}

/// Every read command decrypts `vault.age` once (`whoami`: never, see
/// [`whoami_and_users_never_decrypt_the_vault`]); `engine.age` only the three that
/// open a Bitcoin wallet engine (`history show`: inputs and outputs of the raw
/// transaction; `utxo list`: the unspent coins; `labels export`: BIP-329 output
/// records), once.
#[test]
fn every_read_command_decrypts_the_vault_once() {
    let env = Env::new();
    let txid = user_with_a_payment(&env);
    let needs_engine = ["history show", "utxo list", "labels export"];
    let mut engine_reads = 0;
    for args in [
        vec!["wallet", "list"],
        vec!["wallet", "show", "main"],
        vec!["wallet", "balance"],
        vec!["addr", "list"],
        vec!["history"],
        vec!["history", "show", &txid],
        vec!["history", "summary", "--by", "month"],
        vec!["history", "export", "--format", "csv"],
        vec!["security", "show"],
        vec!["security", "log"],
        vec!["status", "--offline"],
        vec!["utxo", "list"],
        vec!["rates", "list"],
        vec!["backup", "list"],
        vec!["labels", "export"],
    ] {
        let (vault, engine) = decryptions(&env, &args);
        assert_eq!(vault, 1, "{args:?} decrypted vault.age {vault} times");
        if needs_engine.contains(&args[..2.min(args.len())].join(" ").as_str()) {
            assert!(engine <= 1, "{args:?} decrypted engine.age {engine} times");
            engine_reads += engine;
        } else {
            assert_eq!(engine, 0, "{args:?} decrypted engine.age");
        }
    }
    assert_eq!(engine_reads, 3, "the engine's readers decrypt it");
}

/// Every write command runs one write transaction on one decryption of each file
/// (none before it, none after it to build the answer). `backup create` reads its
/// snapshot, encrypts it without holding the lock, then records it: two.
#[test]
fn every_write_command_decrypts_the_vault_once() {
    let env = Env::new();
    let txid = user_with_a_payment(&env);
    let a = env.ok(&["addr", "new"]);
    let addr = a["items"][0]["address"].as_str().unwrap().to_string();
    let tx = fund::pay(&[(&addr, 70_000)], Network::Regtest, 61);
    let hex = fund::hex(&tx);
    let pass = env.secret_path("backup-pass");
    let coin = format!("{txid}:0");
    let labels = env.secrets.join("labels.jsonl");
    let line = serde_json::json!({ "type": "tx", "ref": txid, "label": "pay" });
    std::fs::write(&labels, format!("{line}\n")).unwrap();
    let labels = labels.to_string_lossy().into_owned();
    for (args, at_most) in [
        (vec!["addr", "new"], 1),
        (vec!["addr", "label", &addr, "rent"], 1),
        (vec!["receive", "import", "--tx", &hex], 1),
        (vec!["receive"], 1),
        (vec!["rates", "set", "BTC/EUR", "90000"], 1),
        (vec!["history", "label", &txid, "salary"], 1),
        (vec!["utxo", "freeze", &coin], 1),
        (vec!["utxo", "unfreeze", &coin], 1),
        (vec!["labels", "import", &labels], 1),
        (vec!["wallet", "export", "--watch-only", "main"], 1),
        (vec!["backup", "create", "--passphrase-file", &pass], 2),
        (
            vec![
                "wallet",
                "create",
                "spare",
                "--network",
                "regtest",
                "--chains",
                "btc",
            ],
            1,
        ),
        (vec!["wallet", "create", "e", "--chains", "eth"], 1),
        (vec!["wallet", "rename", "spare", "spare2"], 1),
        (vec!["wallet", "archive", "spare2"], 1),
    ] {
        let (vault, engine) = decryptions(&env, &args);
        assert!(
            (1..=at_most).contains(&vault),
            "{args:?} decrypted vault.age {vault} times"
        );
        assert!(engine <= 1, "{args:?} decrypted engine.age {engine} times");
    }
}

/// The gated security writes read once (is anything to do? is the PIN locked?) before
/// asking for the PIN and the code, then check them and change the vault in one write:
/// `security 2fa enable` (a new secret, its confirmation) is one write, `security 2fa
/// disable` and `security log reanchor` one read and one write (nothing to re-anchor:
/// the read alone).
#[test]
fn the_two_factor_commands_and_reanchor_decrypt_once_to_read_and_once_to_write() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    let pin = env.secret_path("pin");
    // A step-aligned clock a little ahead of real time (the session stays valid), one
    // step further for each code (a code is never accepted twice).
    let base = totp_base();
    let at = |t: i64, args: &[&str]| -> serde_json::Value {
        let (code, v) = json_at(&env, t, args);
        assert_eq!(code, Some(0), "{args:?}: {v}");
        v["data"].clone()
    };
    let (vault, _) = decryptions_at(&env, &["security", "2fa", "enable"], Some(base));
    assert_eq!(
        vault, 1,
        "2fa enable (a new secret) decrypted vault.age {vault} times"
    );
    let secret = at(base, &["security", "2fa", "enable", "--new"])["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
        "alice",
    )
    .unwrap();
    let code = |t: i64| g.generate(t as u64).to_string();
    let (vault, _) = decryptions_at(
        &env,
        &["security", "2fa", "enable", "--code", &code(base)],
        Some(base),
    );
    assert_eq!(
        vault, 1,
        "2fa enable --code decrypted vault.age {vault} times"
    );
    // Nothing to re-anchor: one read.
    let reanchor = |t: i64| {
        decryptions_at(
            &env,
            &[
                "security",
                "log",
                "reanchor",
                "--pin-file",
                &pin,
                "--totp-code",
                &code(t),
            ],
            Some(t),
        )
    };
    assert_eq!(reanchor(base + 30).0, 1, "reanchor with nothing to do");
    // The previous generation put back (docs/recovery.md), then accepted.
    at(base + 30, &["security", "set", "session-timeout", "5m"]);
    let dir = env.user_dir("alice");
    // A write in place: the previous generation is vault.age with the previous delta.
    std::fs::copy(
        dir.join("vault.delta.age.prev"),
        dir.join("vault.delta.age"),
    )
    .unwrap();
    let (vault, _) = reanchor(base + 60);
    assert!(
        (1..=2).contains(&vault),
        "reanchor decrypted vault.age {vault} times"
    );
    assert_eq!(at(base + 60, &["security", "log", "verify"])["ok"], true);
    let (vault, _) = decryptions_at(
        &env,
        &[
            "security",
            "2fa",
            "disable",
            "--pin-file",
            &pin,
            "--totp-code",
            &code(base + 90),
        ],
        Some(base + 90),
    );
    assert!(
        (1..=2).contains(&vault),
        "2fa disable decrypted vault.age {vault} times"
    );
    assert_eq!(at(base + 90, &["security", "show"])["two_factor"], false);
}

/// The counter is a test hook: a vault with the production KDF never writes it, even in
/// the test suite's environment.
#[test]
fn the_decryption_counter_ignores_production_vaults() {
    let mut env = Env::new();
    env.vars
        .push(("COFFER_KDF_PROFILE".into(), "default".into()));
    env.register("alice");
    env.vars.clear();
    let log = env.secrets.join("decryptions.log");
    let out = env
        .command(&["--json", "whoami"])
        .env("COFFER_TEST_COUNT_DECRYPTS", &log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!log.exists(), "a production vault wrote the test counter");
}

/// The "abandon … about" test words.
const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

/// An Ethereum payment signed with no backend, then replaced (`send bump 0x…`) and
/// cancelled (`send cancel-eth`): each replacement reads one snapshot and checks the
/// PIN, signs, records and marks the original replaced in one write: at most two.
#[test]
fn an_ethereum_replacement_decrypts_the_vault_at_most_twice() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let pin = env.secret_path("pin");
    let payee = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    let sent = env.ok(&[
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "31337",
        "--to",
        payee,
        "--amount",
        "1",
        "--nonce",
        "0",
        "--gas-limit",
        "21000",
        "--max-fee",
        "30",
        "--priority-fee",
        "1",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(sent["status"], "signed", "{sent}");
    let first = sent["hash"].as_str().unwrap().to_string();
    let fees = [
        "--max-fee",
        "40",
        "--priority-fee",
        "2",
        "--yes",
        "--pin-file",
    ];
    let mut bump = vec!["send", "bump", &first];
    bump.extend_from_slice(&fees);
    bump.push(&pin);
    let (vault, engine) = decryptions(&env, &bump);
    assert!(
        (1..=2).contains(&vault),
        "send bump 0x… decrypted vault.age {vault} times"
    );
    assert_eq!(engine, 0);
    let h = env.ok(&["history"]);
    let second = h["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "pending")
        .unwrap_or_else(|| panic!("no pending row in {h}"))["txid"]
        .as_str()
        .unwrap()
        .to_string();
    let second = format!("0x{}", second.trim_start_matches("0x"));
    let cancel = [
        "send",
        "cancel-eth",
        &second,
        "--max-fee",
        "50",
        "--priority-fee",
        "3",
        "--yes",
        "--pin-file",
        &pin,
    ];
    let (vault, _) = decryptions(&env, &cancel);
    assert!(
        (1..=2).contains(&vault),
        "send cancel-eth decrypted vault.age {vault} times"
    );
    let statuses: Vec<String> = env.ok(&["history"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "replaced").count(),
        2,
        "{statuses:?}"
    );
}

/// `wallet token list` and `remove` decrypt once; `add` reads one snapshot (its
/// chain's backend, for the contract's metadata, is asked with no lock held) and
/// writes once.
#[test]
fn the_token_commands_decrypt_the_vault_once() {
    let env = Env::new();
    env.register("alice");
    let token = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    let add = [
        "wallet",
        "token",
        "add",
        "--chain-id",
        "31337",
        "--address",
        token,
        "--symbol",
        "TST",
        "--decimals",
        "6",
    ];
    let (vault, _) = decryptions(&env, &add);
    assert!(
        (1..=2).contains(&vault),
        "token add decrypted vault.age {vault} times"
    );
    for (args, at_most) in [
        (vec!["wallet", "token", "list"], 1),
        (
            vec!["wallet", "token", "remove", "--chain-id", "31337", "TST"],
            1,
        ),
    ] {
        let (vault, engine) = decryptions(&env, &args);
        assert!(
            (1..=at_most).contains(&vault),
            "{args:?} decrypted vault.age {vault} times"
        );
        assert!(engine <= 1, "{args:?} decrypted engine.age {engine} times");
    }
    assert_eq!(
        env.ok(&["wallet", "token", "list"])["items"],
        serde_json::json!([])
    );
}

/// `restore wallet` (with no EVM backend to read balances from) is one write: the
/// import and the derived addresses in one transaction; its dry run one read.
#[test]
fn restore_wallet_decrypts_the_vault_once() {
    let env = Env::new();
    env.register("alice");
    let words = env.secret("words", ABANDON);
    for args in [
        vec![
            "restore",
            "wallet",
            "old",
            "--mnemonic-file",
            &words,
            "--network",
            "regtest",
            "--dry-run",
        ],
        vec![
            "restore",
            "wallet",
            "old",
            "--mnemonic-file",
            &words,
            "--network",
            "regtest",
            "--gap-limit",
            "3",
        ],
    ] {
        let (vault, engine) = decryptions(&env, &args);
        assert_eq!(vault, 1, "{args:?} decrypted vault.age {vault} times");
        assert!(engine <= 1, "{args:?} decrypted engine.age {engine} times");
    }
    let w = env.ok(&["wallet", "show", "old"]);
    // Three receive and three change addresses of Bitcoin, three of Ethereum.
    assert_eq!(w["addresses"], 9, "{w}");
}

/// `wallet fees` (read: one; set and targets: one write that also builds the answer),
/// `wallet export --cosigner-key` and `wallet create-multisig` (one write each: their
/// checks read the vault they change), and `sign-message` (a snapshot, then one write
/// that checks the PIN, signs and audits). Each was one decryption more before.
#[test]
fn fees_multisig_and_message_signing_decrypt_once_per_step() {
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let pin = env.secret_path("pin");
    let key = env.ok(&["wallet", "export", "main", "--cosigner-key"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    let addr = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    // A second key for the multisig: another wallet of this vault, exported as a
    // cosigner would give it.
    env.ok(&[
        "wallet",
        "create",
        "other",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let other = env.ok(&["wallet", "export", "other", "--cosigner-key"])["key"]
        .as_str()
        .unwrap()
        .to_string();
    for (args, expected) in [
        (vec!["wallet", "fees", "--network", "regtest"], 1),
        (
            vec!["wallet", "fees", "set", "normal=5", "--network", "regtest"],
            1,
        ),
        (
            vec![
                "wallet",
                "fees",
                "targets",
                "normal=6",
                "--network",
                "regtest",
            ],
            1,
        ),
        (vec!["wallet", "export", "main", "--cosigner-key"], 1),
        (
            vec![
                "wallet",
                "create-multisig",
                "vault2of2",
                "--network",
                "regtest",
                "--threshold",
                "2",
                "--cosigner",
                &key,
                "--cosigner",
                &other,
            ],
            1,
        ),
        (
            vec![
                "sign-message",
                "--address",
                &addr,
                "--pin-file",
                &pin,
                "--yes",
                "hello",
            ],
            2,
        ),
    ] {
        let (vault, engine) = decryptions(&env, &args);
        assert_eq!(
            vault, expected,
            "{args:?} decrypted vault.age {vault} times"
        );
        assert!(engine <= 1, "{args:?} decrypted engine.age {engine} times");
    }
}

/// An Ethereum payment with all its values given (no backend): nonce, gas and fees.
fn offline_ether(amount: &str) -> Vec<String> {
    [
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "31337",
        "--to",
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "--amount",
        amount,
        "--nonce",
        "0",
        "--gas-limit",
        "21000",
        "--max-fee",
        "30",
        "--priority-fee",
        "1",
    ]
    .map(String::from)
    .to_vec()
}

/// `send sign FILE` of an Ethereum request made elsewhere: one snapshot (the signer, the
/// policy, the PIN asked), then one write that checks the PIN, records the transaction
/// and writes the signed file (put in place after the commit). A wrong PIN is counted
/// (committed) and writes no file.
#[test]
fn an_offline_ethereum_signature_decrypts_the_vault_at_most_twice() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let pin = env.secret_path("pin");
    let wrong = env.secret("wrong-pin", "9999");
    let request = env.secrets.join("pay.json");
    let request = request.to_str().unwrap();
    let mut unsigned = offline_ether("1");
    unsigned.extend(["--unsigned-out".to_string(), request.to_string()]);
    let unsigned: Vec<&str> = unsigned.iter().map(String::as_str).collect();
    assert_eq!(env.ok(&unsigned)["status"], "unsigned");
    let signed = env.secrets.join("pay.signed.txt");
    let e = env.err(&["send", "sign", request, "--yes", "--pin-file", &wrong], 3);
    assert_eq!(e["code"], "wrong_pin", "{e}");
    assert_eq!(e["attempts_before_lock"], 4, "{e}");
    assert!(!signed.exists(), "a wrong PIN wrote the signed file");
    assert!(env.events().contains(&"pin_failed".to_string()));
    // An --out that cannot be written: refused before anything is recorded.
    let dir = env.secrets.to_str().unwrap();
    let e = env.err(
        &[
            "send",
            "sign",
            request,
            "--out",
            dir,
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(
        e["message"].as_str().unwrap().contains("cannot write"),
        "{e}"
    );
    assert_eq!(env.ok(&["history"])["total"], 0);
    let (vault, engine) = decryptions(
        &env,
        &["send", "sign", request, "--yes", "--pin-file", &pin],
    );
    assert!(
        (1..=2).contains(&vault),
        "send sign (Ethereum) decrypted vault.age {vault} times"
    );
    assert_eq!(engine, 0);
    let raw = std::fs::read_to_string(&signed).unwrap();
    assert!(raw.starts_with("0x02"), "{raw}");
    let h = env.ok(&["history"]);
    assert_eq!(h["total"], 1, "{h}");
    assert_eq!(h["items"][0]["status"], "pending", "{h}");
    assert!(env.events().contains(&"eth_tx_signed".to_string()));
    // A device is written after the commit.
    let mut other = offline_ether("2");
    other.extend(["--unsigned-out".to_string(), request.to_string()]);
    let other: Vec<&str> = other.iter().map(String::as_str).collect();
    env.ok(&other);
    let s = env.ok(&[
        "send",
        "sign",
        request,
        "--out",
        "/dev/null",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(
        (&s["status"], &s["file"]),
        (&"signed".into(), &"/dev/null".into()),
        "{s}"
    );
    assert_eq!(env.ok(&["history"])["total"], 2);
}

/// `send confirm` of a held Ethereum send: one snapshot (the review, the PIN asked),
/// then one write that checks the PIN and the daily limit, signs, records and closes
/// the approval. A wrong PIN is counted (committed) and leaves the approval waiting.
#[test]
fn a_held_ethereum_send_confirmed_decrypts_the_vault_at_most_twice() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    env.ok(&["security", "set", "limit-tx", "ETH", "0.5"]);
    env.ok(&["security", "set", "limit-daily", "ETH", "0.5"]);
    let pin = env.secret_path("pin");
    let wrong = env.secret("wrong-pin", "9999");
    let mut pay = offline_ether("1");
    pay.extend(["--yes", "--pin-file", &pin].map(String::from));
    let pay: Vec<&str> = pay.iter().map(String::as_str).collect();
    let e = env.err(&pay, 6);
    let id = e["approval_id"].as_str().unwrap().to_string();
    let e = env.err(&["send", "confirm", &id, "--yes", "--pin-file", &wrong], 3);
    assert_eq!(e["code"], "wrong_pin", "{e}");
    assert!(env.events().contains(&"pin_failed".to_string()));
    let e = env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 6);
    assert_eq!(e["code"], "limit_exceeded", "{e}");
    let (vault, engine) = decryptions(
        &env,
        &[
            "send",
            "confirm",
            &id,
            "--override-limit",
            "--yes",
            "--pin-file",
            &pin,
        ],
    );
    assert!(
        (1..=2).contains(&vault),
        "send confirm (Ethereum) decrypted vault.age {vault} times"
    );
    assert!(engine <= 1);
    let events = env.events();
    for e in ["limit_overridden", "eth_tx_signed", "send_approved"] {
        assert!(events.contains(&e.to_string()), "{e} in {events:?}");
    }
    let held = env.ok(&["history", "--status", "awaiting_approval"]);
    assert_eq!(held["total"], 0, "{held}");
    let h = env.ok(&["history", "--status", "pending"]);
    assert_eq!(h["total"], 1, "{h}");
    env.err(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 5);
}

/// `wallet reveal`: one snapshot (the wallet, the PIN asked), then one write that
/// checks the PIN (and at level high the 2FA code), audits and reads the words.
#[test]
fn wallet_reveal_decrypts_the_vault_at_most_twice() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "eth"]);
    let pin = env.secret_path("pin");
    let wrong = env.secret("wrong-pin", "9999");
    let e = env.err(&["wallet", "reveal", "main", "--pin-file", &wrong], 3);
    assert_eq!(e["code"], "wrong_pin", "{e}");
    assert!(env.events().contains(&"pin_failed".to_string()));
    let (vault, _) = decryptions(&env, &["wallet", "reveal", "main", "--pin-file", &pin]);
    assert!(
        (1..=2).contains(&vault),
        "wallet reveal decrypted vault.age {vault} times"
    );
    // Level high with 2FA on: the PIN and a code, in the same write.
    env.ok(&["security", "set", "level", "high"]);
    let base = totp_base();
    let at = |t: i64, args: &[&str]| json_at(&env, t, args).1;
    let secret = at(base, &["security", "2fa", "enable"])["data"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
        "alice",
    )
    .unwrap();
    let code = |t: i64| g.generate(t as u64).to_string();
    let on = at(base, &["security", "2fa", "enable", "--code", &code(base)]);
    assert_eq!(on["data"]["status"], "enabled", "{on}");
    let reveal = |t: i64| {
        decryptions_at(
            &env,
            &[
                "wallet",
                "reveal",
                "main",
                "--pin-file",
                &pin,
                "--totp-code",
                &code(t),
            ],
            Some(t),
        )
    };
    let (vault, _) = reveal(base + 30);
    assert!(
        (1..=2).contains(&vault),
        "wallet reveal (level high, 2FA) decrypted vault.age {vault} times"
    );
    let events = env.events();
    assert_eq!(
        events.iter().filter(|e| *e == "mnemonic_revealed").count(),
        2,
        "{events:?}"
    );
}

/// The `keyslots` of the user's profile.json (the recovery keyslot lives there).
fn keyslots(env: &Env) -> serde_json::Value {
    let p = env.user_dir("alice").join("profile.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
    v["keyslots"].clone()
}

/// A wrong PIN was refused (exit 3, `wrong_pin`), counted (`pin_failures` in
/// `security show`, one more `pin_failed` audited) and committed.
fn refused_and_counted(env: &Env, args: &[&str], failures: u64) {
    let audited = || env.events().iter().filter(|e| *e == "pin_failed").count();
    let before = audited();
    let e = env.err(args, 3);
    assert_eq!(e["code"], "wrong_pin", "{args:?}: {e}");
    let shown = env.ok(&["security", "show"]);
    assert_eq!(shown["pin_failures"], failures, "{args:?}: {shown}");
    assert_eq!(audited(), before + 1, "{args:?}: {:?}", env.events());
}

/// `security pin change` and `security recovery-code`: one snapshot (the PIN asked),
/// then one write that checks the PIN and makes the change; a wrong PIN changes
/// nothing and is counted.
#[test]
fn pin_change_and_recovery_code_decrypt_the_vault_at_most_twice() {
    let env = Env::new();
    env.register("alice");
    let pin = env.secret_path("pin");
    let wrong = env.secret("wrong-pin", "9999");
    let new = env.secret("new-pin", "24680");
    let change = |current: &str| {
        [
            "security",
            "pin",
            "change",
            "--pin-file",
            current,
            "--new-pin-file",
            &new,
        ]
        .map(String::from)
    };
    let wrong_change = change(&wrong);
    let args: Vec<&str> = wrong_change.iter().map(String::as_str).collect();
    refused_and_counted(&env, &args, 1);
    // The old PIN still the PIN: the change below takes it.
    let right_change = change(&pin);
    let args: Vec<&str> = right_change.iter().map(String::as_str).collect();
    let (vault, _) = decryptions(&env, &args);
    assert!(
        (1..=2).contains(&vault),
        "security pin change decrypted vault.age {vault} times"
    );
    assert_eq!(env.ok(&["security", "show"])["pin_failures"], 0);
    assert!(env.events().contains(&"pin_changed".to_string()));
    // Recovery code: the old PIN is wrong now.
    let before = keyslots(&env);
    refused_and_counted(&env, &["security", "recovery-code", "--pin-file", &pin], 1);
    assert_eq!(keyslots(&env), before, "a wrong PIN changed a keyslot");
    let (vault, _) = decryptions(&env, &["security", "recovery-code", "--pin-file", &new]);
    assert!(
        (1..=2).contains(&vault),
        "security recovery-code decrypted vault.age {vault} times"
    );
    assert_ne!(
        keyslots(&env),
        before,
        "the recovery keyslot was not replaced"
    );
    assert_eq!(env.ok(&["security", "show"])["pin_failures"], 0);
    assert!(env.events().contains(&"recovery_code_changed".to_string()));
}

/// `security set` at level high (the PIN), and a change that lowers protection with
/// 2FA on (the PIN and a code): one snapshot, then one write that checks them and
/// makes the change; a wrong PIN changes nothing and is counted.
#[test]
fn gated_security_set_decrypts_the_vault_at_most_twice() {
    use coffer::vault::totp;
    let env = Env::new();
    env.register("alice");
    let pin = env.secret_path("pin");
    let wrong = env.secret("wrong-pin", "9999");
    env.ok(&["security", "set", "level", "high"]);
    let timeout = |v: &str, p: &str| {
        ["security", "set", "session-timeout", v, "--pin-file", p].map(String::from)
    };
    let strs = |a: &[String; 6]| a.iter().map(String::clone).collect::<Vec<_>>();
    let a = strs(&timeout("5m", &wrong));
    refused_and_counted(&env, &a.iter().map(String::as_str).collect::<Vec<_>>(), 1);
    assert_eq!(env.ok(&["security", "show"])["session_timeout_secs"], 900);
    let a = strs(&timeout("5m", &pin));
    let (vault, _) = decryptions(&env, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        (1..=2).contains(&vault),
        "security set at level high decrypted vault.age {vault} times"
    );
    let shown = env.ok(&["security", "show"]);
    assert_eq!(shown["session_timeout_secs"], 300, "{shown}");
    assert_eq!(shown["pin_failures"], 0, "{shown}");
    // Back to standard, then 2FA on: a longer timeout lowers protection.
    env.ok(&["security", "set", "level", "standard", "--pin-file", &pin]);
    let base = totp_base();
    let secret = json_at(&env, base, &["security", "2fa", "enable"]).1["data"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
        "alice",
    )
    .unwrap();
    let code = |t: i64| g.generate(t as u64).to_string();
    let on = json_at(
        &env,
        base,
        &["security", "2fa", "enable", "--code", &code(base)],
    )
    .1;
    assert_eq!(on["data"]["status"], "enabled", "{on}");
    let longer = |p: &str, t: i64| {
        let c = code(t);
        let args = [
            "security",
            "set",
            "session-timeout",
            "30m",
            "--pin-file",
            p,
            "--totp-code",
            &c,
        ];
        (args.map(String::from), t)
    };
    let (a, t) = longer(&wrong, base + 30);
    let (exit, e) = json_at(&env, t, &a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        (exit, &e["error"]["code"]),
        (Some(3), &"wrong_pin".into()),
        "{e}"
    );
    let shown = json_at(&env, t, &["security", "show"]).1;
    assert_eq!(shown["data"]["pin_failures"], 1, "{shown}");
    assert_eq!(shown["data"]["session_timeout_secs"], 300, "{shown}");
    // The code was not spent by the refusal: the same step's code still works.
    let (a, t) = longer(&pin, base + 30);
    let (vault, _) = decryptions_at(
        &env,
        &a.iter().map(String::as_str).collect::<Vec<_>>(),
        Some(t),
    );
    assert!(
        (1..=2).contains(&vault),
        "a lowering security set with 2FA on decrypted vault.age {vault} times"
    );
    let shown = json_at(&env, t, &["security", "show"]).1;
    assert_eq!(shown["data"]["session_timeout_secs"], 1800, "{shown}");
    assert_eq!(shown["data"]["pin_failures"], 0, "{shown}");
    // Spent once: the same code again is refused.
    let again = json_at(
        &env,
        t,
        &[
            "security",
            "set",
            "session-timeout",
            "40m",
            "--pin-file",
            &pin,
            "--totp-code",
            &code(t),
        ],
    );
    assert_eq!(again.0, Some(3), "{}", again.1);
    assert_eq!(again.1["error"]["code"], "wrong_totp", "{}", again.1);
}

/// One run of `coffer --json ARGS` (which must succeed) with the decryption log: its
/// `data` and the files it decrypted, one a line.
fn counted(env: &Env, args: &[&str]) -> (serde_json::Value, String) {
    let log = env.secrets.join("decryptions.log");
    let _ = std::fs::remove_file(&log);
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    let out = env
        .command(&a)
        .env("COFFER_TEST_COUNT_DECRYPTS", &log)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {v}");
    (
        v["data"].clone(),
        std::fs::read_to_string(&log).unwrap_or_default(),
    )
}

/// `whoami` and `users` decrypt nothing (issue 22): whoami's e-mail and wallet
/// count come from the vault's summary, which every write keeps (a new wallet, an
/// import, a restored wallet, a user restored from a backup). `status` decrypts the vault for its balances and the rest; its
/// session part adds nothing.
#[test]
fn whoami_and_users_never_decrypt_the_vault() {
    let env = Env::new();
    env.register("alice");
    let whoami = |env: &Env, user: &str, wallets: i64| {
        let (w, log) = counted(env, &["--user", user, "whoami"]);
        assert_eq!(log, "", "whoami decrypted: {log}");
        assert_eq!(w["user"], user);
        assert_eq!(w["email"], "alice@example.com");
        assert_eq!(w["wallets"], wallets, "{w}");
    };
    whoami(&env, "alice", 0);
    let regtest = ["--network", "regtest", "--chains", "btc"];
    let mut create = vec!["wallet", "create", "main"];
    create.extend_from_slice(&regtest);
    env.ok(&create);
    whoami(&env, "alice", 1);
    let words = env.secret(
        "words",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    );
    let mut import = vec!["wallet", "import", "imported", "--mnemonic-file", &words];
    import.extend_from_slice(&regtest);
    env.ok(&import);
    whoami(&env, "alice", 2);
    let zoo = env.secret("zoo", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong");
    let mut restore = vec!["restore", "wallet", "restored", "--mnemonic-file", &zoo];
    restore.extend_from_slice(&regtest);
    env.ok(&restore);
    env.ok(&["wallet", "archive", "restored"]);
    whoami(&env, "alice", 3);

    // A user restored from a backup: the restore writes the summary too.
    let pass = env.secret("backup-pass", "a-long-backup-passphrase-19");
    let file = env.ok(&["backup", "create", "--passphrase-file", &pass])["file"]
        .as_str()
        .unwrap()
        .to_string();
    let copy = env.secrets.join("copy.age");
    std::fs::copy(&file, &copy).unwrap();
    let file = copy.to_string_lossy().into_owned();
    let restore = |how: &[&str]| {
        let args = env.restore_args(&file, &pass, how);
        env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    };
    restore(&["--as", "alice2"]);
    whoami(&env, "alice2", 3);
    // Restored over alice (`--force`): the new vault's summary, not the old one's.
    env.ok(&[
        "--user", "alice", "wallet", "create", "extra", "--chains", "eth",
    ]);
    whoami(&env, "alice", 4);
    restore(&["--force"]);
    whoami(&env, "alice", 3);

    let (users, log) = counted(&env, &["users"]);
    assert_eq!(log, "", "users decrypted: {log}");
    assert_eq!(users["total"], 2);
    // The hook does see a command that decrypts: status reads the vault once for its
    // balances, pending transactions and security state.
    let (status, log) = counted(&env, &["--user", "alice", "status", "--offline"]);
    assert_eq!(log, "vault.age\n");
    assert_eq!(status["whoami"]["wallets"], 3);

    // logout writes the vault (see tests/cli/revoke.rs: an ending kept only beside the
    // vault could be deleted).
    let (out, log) = counted(&env, &["--user", "alice", "logout"]);
    assert!(log.contains("vault.age"), "{log}");
    assert_eq!(out["was_logged_in"], true);
    assert!(!env.session_file("alice").exists());
    let e = env.err(&["--user", "alice", "whoami"], 3);
    assert_eq!(e["code"], "locked", "{e}");
}
