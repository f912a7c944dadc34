//! A 2-of-3 multisig wallet across three cosigners: two coffer homes and a key the test
//! holds (signing with the bitcoin crate). Checked against a real regtest node: Bitcoin
//! Core derives the same addresses from the descriptor, accepts the final transaction
//! (testmempoolaccept) and mines it; libbitcoinconsensus verifies it too.

use crate::common::Env;
use crate::fund;
use crate::node::Node;
use bitcoin::bip32::{DerivationPath, Xpriv, Xpub};
use bitcoin::psbt::Psbt;
use bitcoin::secp256k1::Secp256k1;
use std::str::FromStr as _;

/// The test's own cosigner: its master key and `[fp/48'/1'/0'/2']tpub…`.
fn held_key() -> (Xpriv, String) {
    let secp = Secp256k1::new();
    let master = Xpriv::new_master(bitcoin::NetworkKind::Test, &[9u8; 32]).unwrap();
    let path = DerivationPath::from_str("m/48'/1'/0'/2'").unwrap();
    let xpub = Xpub::from_priv(&secp, &master.derive_priv(&secp, &path).unwrap());
    let key = format!("[{}/48'/1'/0'/2']{xpub}", master.fingerprint(&secp));
    (master, key)
}

fn read_psbt(path: &std::path::Path) -> Psbt {
    Psbt::from_str(std::fs::read_to_string(path).unwrap().trim()).unwrap()
}

fn cosigner_key(env: &Env, wallet: &str) -> String {
    env.ok(&["wallet", "export", wallet, "--cosigner-key"])["key"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn two_of_three_across_three_cosigners() {
    let node = Node::start();
    let miner = node.miner();
    let (held, held_key) = held_key();
    let (a, b) = (Env::new(), Env::new());
    for (env, user) in [(&a, "alice"), (&b, "bob")] {
        env.regtest_wallet(user, user);
    }
    let (ka, kb) = (cosigner_key(&a, "alice"), cosigner_key(&b, "bob"));
    assert!(ka.contains("/48'/1'/0'/2']tpub"), "{ka}");
    // Bad cosigner keys are refused with nothing written.
    let before = crate::common::dump_vault(&a, "alice");
    for bad in [
        "tpubD6NzVbkrYhZ4Wb…".to_string(),
        held_key.split(']').nth(1).unwrap().to_string(),
        format!("{held_key}/0/*"),
    ] {
        a.err(
            &[
                "wallet",
                "create-multisig",
                "x",
                "--threshold",
                "2",
                "--cosigner",
                &bad,
                "--with-local",
                "alice",
                "--network",
                "regtest",
            ],
            5,
        );
    }
    a.err(
        &[
            "wallet",
            "create-multisig",
            "x",
            "--threshold",
            "4",
            "--cosigner",
            &kb,
            "--cosigner",
            &held_key,
            "--with-local",
            "alice",
            "--network",
            "regtest",
        ],
        5,
    );
    assert_eq!(before, crate::common::dump_vault(&a, "alice"));
    // Each coffer cosigner creates the wallet from the other two keys and its own.
    let ma = a.ok(&[
        "wallet",
        "create-multisig",
        "vault",
        "--threshold",
        "2",
        "--cosigner",
        &kb,
        "--cosigner",
        &held_key,
        "--with-local",
        "alice",
        "--network",
        "regtest",
    ]);
    let mb = b.ok(&[
        "wallet",
        "create-multisig",
        "vault",
        "--threshold",
        "2",
        "--cosigner",
        &held_key,
        "--cosigner",
        &ka,
        "--with-local",
        "bob",
        "--network",
        "regtest",
    ]);
    assert_eq!(ma["external_descriptor"], mb["external_descriptor"]);
    assert_eq!(ma["internal_descriptor"], mb["internal_descriptor"]);
    // The same multisig wallet twice (the keys in another order) is refused, nothing
    // written (`--allow-duplicate` would add it).
    let again = |name: &str, extra: &[&str]| {
        let mut args = vec![
            "wallet",
            "create-multisig",
            name,
            "--threshold",
            "2",
            "--cosigner",
            &held_key,
            "--cosigner",
            &kb,
            "--with-local",
            "alice",
            "--network",
            "regtest",
        ];
        args.extend_from_slice(extra);
        args.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let before = crate::common::dump_vault(&a, "alice");
    let twice = again("vault2", &[]);
    let e = a.err(&twice.iter().map(String::as_str).collect::<Vec<_>>(), 5);
    assert_eq!(e["code"], "duplicate_wallet", "{e}");
    assert_eq!(e["existing_wallet"], "vault", "{e}");
    assert_eq!(before, crate::common::dump_vault(&a, "alice"));

    assert_eq!(
        (ma["threshold"].clone(), ma["keys"].clone()),
        (2.into(), 3.into())
    );
    let shown = a.ok(&["wallet", "show", "vault"]);
    assert_eq!(
        shown["accounts"][0]["external_descriptor"],
        ma["external_descriptor"]
    );
    // Bitcoin Core derives the same addresses from the descriptor.
    let desc = ma["external_descriptor"].as_str().unwrap();
    let core = node.rpc(&["deriveaddresses", desc, "[0,4]"]);
    let ours = a.ok(&["addr", "new", "--wallet", "vault", "--count", "5"]);
    let ours: Vec<&str> = ours["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["address"].as_str().unwrap())
        .collect();
    assert_eq!(core, serde_json::json!(ours));
    let change = ma["internal_descriptor"].as_str().unwrap();
    let core_change = node.rpc(&["deriveaddresses", change, "[0,0]"]);

    // Funded from the node; both cosigners sync.
    for env in [&a, &b] {
        crate::btcnode::set_backend(env, &node);
    }
    let funding = node.rpc(&["sendtoaddress", ours[0], "1"]);
    let funding_hex = node.rpc(&["gettransaction", funding.as_str().unwrap()])["hex"].clone();
    node.rpc(&["generatetoaddress", "1", &miner]);
    for env in [&a, &b] {
        let s = env.ok(&["wallet", "sync", "--wallet", "vault"]);
        assert_eq!(s["bitcoin"][0]["confirmed"], "1.00000000", "{s}");
    }

    // Alice builds the PSBT; the held key and Bob sign it apart.
    let dir = tempfile::tempdir().unwrap();
    let file = |n: &str| dir.path().join(n);
    let payee = node.rpc(&["getnewaddress"]).as_str().unwrap().to_string();
    let u = a.ok(&[
        "send",
        "--wallet",
        "vault",
        "--to",
        &payee,
        "--amount",
        "0.25",
        "--fee",
        "3",
        "--unsigned-out",
        file("p.psbt").to_str().unwrap(),
    ]);
    assert_eq!(u["status"], "unsigned", "{u}");
    assert_eq!(u["review"]["signatures"]["have"], 0, "{u}");
    assert_eq!(u["review"]["change"][0]["address"], core_change[0], "{u}");
    let mut by_held = read_psbt(&file("p.psbt"));
    by_held.sign(&held, &Secp256k1::new()).unwrap();
    std::fs::write(file("held.psbt"), by_held.to_string()).unwrap();
    let pin_b = b.secret_path("pin");
    let sb = b.ok(&[
        "send",
        "sign",
        file("p.psbt").to_str().unwrap(),
        "--out",
        file("bob.psbt").to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin_b,
    ]);
    assert_eq!(sb["status"], "partially_signed", "{sb}");
    assert_eq!(
        sb["review"]["signatures"],
        serde_json::json!({ "have": 1, "need": 2, "keys": 3, "missing": 1 })
    );
    // One signature is not enough to broadcast.
    let e = a.err(
        &["send", "broadcast", file("bob.psbt").to_str().unwrap()],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("1 of the 2"), "{e}");
    // A signature by a key that is not a cosigner does not count.
    let mut forged = read_psbt(&file("bob.psbt"));
    let stranger = Xpriv::new_master(bitcoin::NetworkKind::Test, &[7u8; 32]).unwrap();
    let sk = stranger.private_key;
    let pk = bitcoin::PublicKey::new(sk.public_key(&Secp256k1::new()));
    let sig = bitcoin::ecdsa::Signature::sighash_all(
        Secp256k1::new().sign_ecdsa(&bitcoin::secp256k1::Message::from_digest([1; 32]), &sk),
    );
    forged.inputs[0].partial_sigs.insert(pk, sig);
    std::fs::write(file("forged.psbt"), forged.to_string()).unwrap();
    let c = a.ok(&[
        "send",
        "combine",
        file("forged.psbt").to_str().unwrap(),
        file("bob.psbt").to_str().unwrap(),
        "--out",
        file("f2.psbt").to_str().unwrap(),
    ]);
    assert_eq!(c["signatures"]["have"], 1, "{c}");
    assert_eq!(c["complete"], false);

    // Combined: 2 of 2 needed; the node accepts it, then it is broadcast and mined.
    let c = a.ok(&[
        "send",
        "combine",
        file("held.psbt").to_str().unwrap(),
        file("bob.psbt").to_str().unwrap(),
        "--out",
        file("both.psbt").to_str().unwrap(),
    ]);
    assert_eq!(c["complete"], true, "{c}");
    assert_eq!(
        c["signatures"],
        serde_json::json!({ "have": 2, "need": 2, "keys": 3, "missing": 0 })
    );
    let human = a.run(&[
        "send",
        "combine",
        file("held.psbt").to_str().unwrap(),
        file("bob.psbt").to_str().unwrap(),
        "--out",
        file("both2.psbt").to_str().unwrap(),
    ]);
    assert!(
        human
            .stdout
            .contains("2 of 3 signatures, needs 0 more (threshold 2)"),
        "{}",
        human.stdout
    );
    let dry = a.ok(&[
        "send",
        "broadcast",
        file("both.psbt").to_str().unwrap(),
        "--no-broadcast",
    ]);
    let hex = dry["hex"].as_str().unwrap();
    let accepted = node.rpc(&["testmempoolaccept", &format!("[\"{hex}\"]")]);
    assert_eq!(accepted[0]["allowed"], true, "{accepted}");
    let tx = fund::parse(hex);
    fund::verify(&tx, &[&fund::parse(funding_hex.as_str().unwrap())]).unwrap();
    let sent = a.ok(&["send", "broadcast", file("both.psbt").to_str().unwrap()]);
    assert_eq!(sent["broadcast"], true, "{sent}");
    node.rpc(&["generatetoaddress", "1", &miner]);
    assert_eq!(
        node.rpc(&["gettransaction", sent["txid"].as_str().unwrap()])["confirmations"],
        1
    );
    let (ba, bb) = (
        a.ok(&["wallet", "sync", "--wallet", "vault"]),
        b.ok(&["wallet", "sync", "--wallet", "vault"]),
    );
    assert_eq!(ba["bitcoin"][0]["confirmed"], bb["bitcoin"][0]["confirmed"]);
    assert!(
        ba["bitcoin"][0]["confirmed"]
            .as_str()
            .unwrap()
            .starts_with("0.74"),
        "{ba}"
    );

    // Refusals: a vault without a cosigner key, and a change output swapped for a
    // foreign script.
    let c_env = Env::new();
    c_env.regtest_wallet("carol", "carol");
    let u = a.ok(&[
        "send",
        "--wallet",
        "vault",
        "--to",
        &payee,
        "--amount",
        "0.1",
        "--fee",
        "3",
        "--unsigned-out",
        file("q.psbt").to_str().unwrap(),
    ]);
    assert_eq!(u["status"], "unsigned");
    let pin_c = c_env.secret_path("pin");
    c_env.err(
        &[
            "send",
            "sign",
            file("q.psbt").to_str().unwrap(),
            "--yes",
            "--pin-file",
            &pin_c,
        ],
        5,
    );
    let mut tampered = read_psbt(&file("q.psbt"));
    let change_index = tampered
        .outputs
        .iter()
        .position(|o| !o.bip32_derivation.is_empty())
        .expect("a change output with its derivations");
    tampered.unsigned_tx.output[change_index].script_pubkey = bitcoin::Address::from_str(&payee)
        .unwrap()
        .assume_checked()
        .script_pubkey();
    std::fs::write(file("t.psbt"), tampered.to_string()).unwrap();
    let e = b.err(
        &[
            "send",
            "sign",
            file("t.psbt").to_str().unwrap(),
            "--yes",
            "--pin-file",
            &pin_b,
        ],
        5,
    );
    assert!(e["message"].as_str().unwrap().contains("change"), "{e}");

    // A third copy, watch-only, from the export or from the descriptor alone: the same
    // addresses.
    let export = file("vault.watch.json");
    a.ok(&[
        "wallet",
        "export",
        "vault",
        "--watch-only",
        "--out",
        export.to_str().unwrap(),
    ]);
    c_env.ok(&[
        "wallet",
        "import",
        "vault",
        "--watch-only-file",
        export.to_str().unwrap(),
    ]);
    c_env.ok(&[
        "wallet",
        "import",
        "vault2",
        "--descriptor",
        desc,
        "--network",
        "regtest",
        "--allow-duplicate",
    ]);
    for w in ["vault", "vault2"] {
        let l = c_env.ok(&["addr", "new", "--wallet", w, "--count", "5"]);
        let l: Vec<&str> = l["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["address"].as_str().unwrap())
            .collect();
        assert_eq!(serde_json::json!(l), core, "{w}");
    }
    c_env.err(
        &[
            "wallet",
            "import",
            "v3",
            "--descriptor",
            desc,
            "--network",
            "bitcoin",
        ],
        5,
    );
}

/// Nested segwit and taproot (multi_a under an unspendable internal key): the same flow,
/// each checked by Bitcoin Core (addresses, acceptance, mining).
#[test]
fn nested_segwit_and_taproot_multisig() {
    let node = Node::start();
    let miner = node.miner();
    let (a, b) = (Env::new(), Env::new());
    for (env, user) in [(&a, "alice"), (&b, "bob")] {
        env.regtest_wallet(user, user);
        crate::btcnode::set_backend(env, &node);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    for script in ["sh-wsh", "tr"] {
        let key = |env: &Env, w: &str| {
            env.ok(&[
                "wallet",
                "export",
                w,
                "--cosigner-key",
                "--script-type",
                script,
            ])["key"]
                .as_str()
                .unwrap()
                .to_string()
        };
        let (ka, kb) = (key(&a, "alice"), key(&b, "bob"));
        let name = format!("m-{script}");
        let ma = a.ok(&[
            "wallet",
            "create-multisig",
            &name,
            "--threshold",
            "2",
            "--cosigner",
            &kb,
            "--with-local",
            "alice",
            "--network",
            "regtest",
            "--script-type",
            script,
        ]);
        let mb = b.ok(&[
            "wallet",
            "create-multisig",
            &name,
            "--threshold",
            "2",
            "--cosigner",
            &ka,
            "--with-local",
            "bob",
            "--network",
            "regtest",
            "--script-type",
            script,
        ]);
        assert_eq!(
            ma["external_descriptor"], mb["external_descriptor"],
            "{script}"
        );
        let desc = ma["external_descriptor"].as_str().unwrap();
        let core = node.rpc(&["deriveaddresses", desc, "[0,0]"]);
        assert_eq!(core[0], ma["first_address"], "{script}");
        node.rpc(&[
            "sendtoaddress",
            ma["first_address"].as_str().unwrap(),
            "0.5",
        ]);
        node.rpc(&["generatetoaddress", "1", &miner]);
        a.ok(&["wallet", "sync", "--wallet", &name]);
        a.ok(&[
            "send",
            "--wallet",
            &name,
            "--to",
            &miner,
            "--amount",
            "0.2",
            "--fee",
            "2",
            "--unsigned-out",
            &file("p.psbt"),
        ]);
        let (pa, pb) = (a.secret_path("pin"), b.secret_path("pin"));
        let s = a.ok(&[
            "send",
            "sign",
            &file("p.psbt"),
            "--out",
            &file("a.psbt"),
            "--yes",
            "--pin-file",
            &pa,
        ]);
        assert_eq!(s["status"], "partially_signed", "{script}: {s}");
        b.ok(&[
            "send",
            "sign",
            &file("p.psbt"),
            "--out",
            &file("b.psbt"),
            "--yes",
            "--pin-file",
            &pb,
        ]);
        let c = a.ok(&[
            "send",
            "combine",
            &file("a.psbt"),
            &file("b.psbt"),
            "--out",
            &file("ab.psbt"),
        ]);
        assert_eq!(c["complete"], true, "{script}: {c}");
        let dry = a.ok(&["send", "broadcast", &file("ab.psbt"), "--no-broadcast"]);
        let accepted = node.rpc(&[
            "testmempoolaccept",
            &format!("[\"{}\"]", dry["hex"].as_str().unwrap()),
        ]);
        assert_eq!(accepted[0]["allowed"], true, "{script}: {accepted}");
        let sent = a.ok(&["send", "broadcast", &file("ab.psbt")]);
        node.rpc(&["generatetoaddress", "1", &miner]);
        let got = node.rpc(&["gettransaction", sent["txid"].as_str().unwrap()]);
        assert_eq!(got["confirmations"], 1, "{script}: {got}");
    }
}
