//! `sign-message` and `verify-message` from the binary: the known answers of
//! tests/vectors (BIP-322's text; cast for EIP-191/712), Bitcoin Core's `verifymessage`
//! for the legacy format, the PIN gate, the audit log, and refusals.

use crate::common::{Env, dump_vault};
use crate::node::Node;

fn vectors(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn ethereum_messages_match_cast() {
    let v = vectors("eip191_712.json");
    let env = Env::new();
    env.register("alice");
    let words = env.secrets.join("words");
    std::fs::write(&words, v["mnemonic"].as_str().unwrap()).unwrap();
    env.ok(&[
        "wallet",
        "import",
        "anvil",
        "--mnemonic-file",
        words.to_str().unwrap(),
        "--chains",
        "eth",
    ]);
    let address = v["address"].as_str().unwrap();
    let pin = env.secret_path("pin");
    for c in v["personal"].as_array().unwrap() {
        let m = c["message"].as_str().unwrap();
        let s = env.ok(&[
            "sign-message",
            "--address",
            address,
            m,
            "--yes",
            "--pin-file",
            &pin,
        ]);
        assert_eq!(s["format"], "eip191");
        assert_eq!(s["signature"], c["signature"], "{s}");
        let ok = env.ok(&[
            "verify-message",
            "--address",
            address,
            "--signature",
            s["signature"].as_str().unwrap(),
            m,
        ]);
        assert_eq!(ok["valid"], true);
    }
    let typed = env.secrets.join("mail.json");
    let t = &v["typed"][0];
    std::fs::write(&typed, t["data"].to_string()).unwrap();
    let s = env.ok(&[
        "sign-message",
        "--address",
        address,
        "--typed-data",
        typed.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(s["format"], "eip712");
    assert_eq!(s["digest"], t["digest"]);
    assert_eq!(s["signature"], t["signature"], "{s}");
    env.ok(&[
        "verify-message",
        "--address",
        address,
        "--signature",
        t["signature"].as_str().unwrap(),
        "--typed-data",
        typed.to_str().unwrap(),
    ]);
    // Another message, or another address: not valid (exit 5).
    let sig = v["personal"][0]["signature"].as_str().unwrap();
    let e = env.err(
        &[
            "verify-message",
            "--address",
            address,
            "--signature",
            sig,
            "hullo",
        ],
        5,
    );
    assert_eq!(e["field"], "signature", "{e}");
    env.err(
        &[
            "verify-message",
            "--address",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "--signature",
            sig,
            "hello",
        ],
        5,
    );
    env.err(
        &[
            "verify-message",
            "--address",
            address,
            "--signature",
            "0x1234",
            "hello",
        ],
        5,
    );
    // A wrong PIN signs nothing; no terminal and no --yes: input_required.
    let wrong = env.secrets.join("wrong");
    std::fs::write(&wrong, "9999\n").unwrap();
    let r = env.run(&[
        "--json",
        "sign-message",
        "--address",
        address,
        "x",
        "--yes",
        "--pin-file",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "{}", r.stdout);
    assert!(!r.stdout.contains("signature\":\"0x"), "{}", r.stdout);
    env.err(&["sign-message", "--address", address, "x"], 2);
    // An address that is not this vault's.
    let before = dump_vault(&env, "alice");
    env.err(
        &[
            "sign-message",
            "--address",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "x",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert_eq!(before, dump_vault(&env, "alice"));
    let events = env.events();
    assert_eq!(
        events.iter().filter(|e| *e == "message_signed").count(),
        3,
        "{events:?}"
    );
}

#[test]
fn bitcoin_messages_bip322_and_legacy() {
    // BIP-322's vectors verify from the binary, without any user.
    let v = vectors("bip322.json");
    let env = Env::new();
    for c in v["cases"].as_array().unwrap() {
        let ok = env.ok(&[
            "verify-message",
            "--address",
            c["address"].as_str().unwrap(),
            "--signature",
            c["signature"].as_str().unwrap(),
            c["message"].as_str().unwrap(),
        ]);
        assert_eq!(ok["format"], "bip322-simple");
        env.err(
            &[
                "verify-message",
                "--address",
                c["address"].as_str().unwrap(),
                "--signature",
                c["signature"].as_str().unwrap(),
                "something else",
            ],
            5,
        );
    }

    // Our own segwit, taproot and legacy addresses sign; each verifies.
    env.register("alice");
    let pin = env.secret_path("pin");
    let mut legacy = None;
    let words = env.secrets.join("words");
    std::fs::write(
        &words,
        "test test test test test test test test test test test junk",
    )
    .unwrap();
    for script in ["segwit", "taproot", "legacy"] {
        if script == "legacy" {
            // New wallets are segwit or taproot; legacy keys come from an import.
            env.ok(&[
                "wallet",
                "import",
                script,
                "--mnemonic-file",
                words.to_str().unwrap(),
                "--network",
                "regtest",
                "--chains",
                "btc",
                "--script-type",
                script,
            ]);
        } else {
            env.ok(&[
                "wallet",
                "create",
                script,
                "--network",
                "regtest",
                "--chains",
                "btc",
                "--script-type",
                script,
            ]);
        }
        let a = env.ok(&["receive", "--wallet", script])["address"]
            .as_str()
            .unwrap()
            .to_string();
        let s = env.ok(&[
            "sign-message",
            "--address",
            &a,
            "Hello World",
            "--yes",
            "--pin-file",
            &pin,
        ]);
        let expected = if script == "legacy" {
            "legacy"
        } else {
            "bip322-simple"
        };
        assert_eq!(s["format"], expected, "{s}");
        let sig = s["signature"].as_str().unwrap().to_string();
        env.ok(&[
            "verify-message",
            "--address",
            &a,
            "--signature",
            &sig,
            "Hello World",
        ]);
        env.err(
            &[
                "verify-message",
                "--address",
                &a,
                "--signature",
                &sig,
                "Hello",
            ],
            5,
        );
        if script == "legacy" {
            legacy = Some((a, sig));
        }
    }
    // Bitcoin Core checks the legacy signature independently.
    let (a, sig) = legacy.unwrap();
    let node = Node::start();
    assert_eq!(
        node.rpc(&["verifymessage", &a, &sig, "Hello World"]),
        serde_json::json!(true)
    );
    assert_eq!(
        node.rpc(&["verifymessage", &a, &sig, "Hello"]),
        serde_json::json!(false)
    );
    // Typed data is for Ethereum.
    let f = env.secrets.join("t.json");
    std::fs::write(&f, "{}").unwrap();
    env.err(
        &[
            "sign-message",
            "--address",
            &a,
            "--typed-data",
            f.to_str().unwrap(),
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
}
