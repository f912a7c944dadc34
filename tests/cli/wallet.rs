//! `wallet create`, `list`, `show` and `reveal` through the binary.

use crate::common::{Env, snapshot};
use bitcoin::secp256k1::Secp256k1;
use coffer::chain::btc::{self, Account, ScriptType};
use coffer::chain::{Network, eth};

const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

#[test]
fn create_list_show_and_the_mnemonic_only_on_reveal_paths() {
    let env = Env::new();
    env.register("alice");
    let w = env.ok(&["wallet", "create", "savings"]);
    assert_eq!(w["name"], "savings");
    assert_eq!(w["kind"], "hot");
    assert_eq!(w["chains"], serde_json::json!(["btc", "eth"]));
    assert!(
        w.get("mnemonic").is_none(),
        "no mnemonic without --reveal: {w}"
    );
    assert!(
        w["notice"]
            .as_str()
            .unwrap()
            .contains("wallet reveal savings")
    );
    let btc = &w["accounts"][0];
    assert_eq!(btc["path"], "m/84'/0'/0'");
    assert_eq!(btc["network"], "bitcoin");
    assert_eq!(btc["script_type"], "segwit");
    let ext = btc["external_descriptor"].as_str().unwrap();
    let fp = btc["fingerprint"].as_str().unwrap();
    assert!(
        ext.starts_with(&format!("wpkh([{fp}/84'/0'/0']xpub")) && ext.contains("/0/*)#"),
        "{ext}"
    );
    assert!(
        btc["internal_descriptor"]
            .as_str()
            .unwrap()
            .contains("/1/*)#")
    );
    assert!(btc["first_address"].as_str().unwrap().starts_with("bc1q"));
    assert_eq!(w["accounts"][1]["path"], "m/44'/60'/0'");

    // The mnemonic behind it, after the PIN, derives exactly these keys.
    let wrong = env.secret("wrongpin", "9999");
    let e = env.err_as(&["wallet", "reveal", "savings", "--pin-file", &wrong], 3);
    assert_eq!(e.code, "wrong_pin");
    // No mnemonic in it: ErrorBody takes no field beyond those of wrong_pin.
    let pin = env.secret_path("pin");
    let r = env.ok(&["wallet", "reveal", "savings", "--pin-file", &pin]);
    assert_eq!(r["has_passphrase"], false);
    let words = r["mnemonic"].as_str().unwrap();
    assert_eq!(words.split_whitespace().count(), 12);
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(words).unwrap();
    let master = btc::master(&btc::seed(&m, "")[..], Network::Bitcoin).unwrap();
    let acct = Account::derive(&secp, &master, ScriptType::Segwit, Network::Bitcoin, 0).unwrap();
    assert_eq!(
        btc["first_address"],
        acct.address(&secp, 0, 0).unwrap().to_string()
    );
    assert_eq!(btc["xpub"], acct.xpub.to_string());
    assert_eq!(
        w["accounts"][1]["first_address"],
        eth::derive_address(&secp, &master, 0)
            .unwrap()
            .to_checksum(None)
    );

    let events = env.events();
    assert_eq!(
        &events[..3],
        ["mnemonic_revealed", "pin_failed", "wallet_create"]
    );

    // The words never leave the vault.
    for (path, content) in snapshot(&env.home) {
        let text = String::from_utf8_lossy(&content);
        assert!(
            !text.contains(words),
            "{} holds the mnemonic",
            path.display()
        );
    }

    let list = env.ok(&["wallet", "list"]);
    assert_eq!(list["total"], 1);
    let show = env.ok(&["wallet", "show", "savings"]);
    assert_eq!(show["accounts"], w["accounts"]);
    assert!(show.get("mnemonic").is_none());
    let human = env.run(&["wallet", "show", "savings"]);
    assert!(human.stdout.contains("Receive descriptor:") && !human.stdout.contains(words));
}

#[test]
fn reveal_at_create_taproot_regtest_24_words_and_passphrase() {
    let env = Env::new();
    env.register("alice");
    let pass = env.secret("bip39pass", "TREZOR");
    let w = env.ok(&[
        "wallet",
        "create",
        "t",
        "--chains",
        "btc",
        "--network",
        "regtest",
        "--script-type",
        "taproot",
        "--words",
        "24",
        "--passphrase-file",
        &pass,
        "--reveal",
    ]);
    let words = w["mnemonic"].as_str().unwrap();
    assert_eq!(words.split_whitespace().count(), 24);
    assert_eq!(w["chains"], serde_json::json!(["btc"]));
    let btc = &w["accounts"][0];
    assert_eq!(btc["path"], "m/86'/1'/0'");
    assert!(
        btc["external_descriptor"]
            .as_str()
            .unwrap()
            .starts_with("tr([")
    );
    assert!(btc["first_address"].as_str().unwrap().starts_with("bcrt1p"));
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(words).unwrap();
    let master = btc::master(&btc::seed(&m, "TREZOR")[..], Network::Regtest).unwrap();
    let acct = Account::derive(&secp, &master, ScriptType::Taproot, Network::Regtest, 0).unwrap();
    assert_eq!(
        btc["first_address"],
        acct.address(&secp, 0, 0).unwrap().to_string(),
        "the passphrase is part of the seed"
    );
    let pin = env.secret_path("pin");
    assert_eq!(
        env.ok(&["wallet", "reveal", "t", "--pin-file", &pin])["has_passphrase"],
        true
    );
}

#[test]
fn the_standard_test_mnemonic_matches_the_reference_addresses() {
    // Through the same derivation the create command uses.
    let m = btc::parse_mnemonic(ABANDON).unwrap();
    let args = coffer::cli::wallet::SeedArgs {
        chains: vec![coffer::chain::Chain::Btc, coffer::chain::Chain::Eth],
        passphrase: false,
        passphrase_file: None,
        network: Network::Bitcoin,
        script_type: ScriptType::Segwit,
        account: 0,
        allow_duplicate: false,
    };
    let accounts =
        coffer_core::accounts::derive_accounts(&m, "", &args.chains, &args.derivation()).unwrap();
    assert_eq!(accounts[0].fingerprint.as_deref(), Some("73c5da0a"));
    let secp = Secp256k1::new();
    let eth_xpub = btc::parse_xpub(accounts[1].xpub.as_deref().unwrap()).unwrap();
    assert_eq!(
        eth::address_from_xpub(&secp, &eth_xpub, 0)
            .unwrap()
            .to_checksum(None),
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    let ext = accounts[0].external_descriptor.as_deref().unwrap();
    assert!(ext.starts_with("wpkh([73c5da0a/84'/0'/0']xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)#"), "{ext}");
}

#[test]
fn bad_wallet_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main"]);
    let vault = env.user_dir("alice").join("vault.age");
    let before = std::fs::read(&vault).unwrap();
    assert_eq!(
        env.err_as(&["wallet", "create", "main"], 5).code,
        "invalid_input"
    );
    assert_eq!(
        env.err_as(&["wallet", "create", "bad name"], 5)
            .field
            .as_deref(),
        Some("wallet")
    );
    assert_eq!(
        env.err_as(&["wallet", "create", "x", "--script-type", "legacy"], 5)
            .field
            .as_deref(),
        Some("script_type")
    );
    assert_eq!(
        env.err_as(&["wallet", "create", "x", "--words", "13"], 2)
            .code,
        "usage"
    );
    assert_eq!(
        env.err_as(&["wallet", "create", "x", "--passphrase"], 2)
            .code,
        "input_required"
    );
    assert_eq!(env.err_as(&["wallet", "show", "nope"], 4).code, "not_found");
    assert_eq!(
        env.err_as(&["wallet", "reveal", "nope"], 4).code,
        "not_found"
    );
    assert_eq!(before, std::fs::read(&vault).unwrap(), "nothing written");
    env.ok(&["logout"]);
    assert_eq!(env.err_as(&["wallet", "list"], 3).code, "locked");
    assert_eq!(env.err_as(&["wallet", "create", "y"], 3).code, "locked");
}

#[test]
fn bitcoin_core_derives_the_same_addresses_from_our_descriptors() {
    let node = crate::node::Node::start();
    let env = Env::new();
    env.register("alice");
    for (name, script) in [("wpkh", "segwit"), ("tr", "taproot")] {
        let w = env.ok(&[
            "wallet",
            "create",
            name,
            "--chains",
            "btc",
            "--network",
            "regtest",
            "--script-type",
            script,
            "--reveal",
        ]);
        let acct = &w["accounts"][0];
        for (key, change) in [("external_descriptor", 0), ("internal_descriptor", 1)] {
            let desc = acct[key].as_str().unwrap();
            // Core agrees with the checksum...
            let info = node.rpc(&["getdescriptorinfo", desc]);
            assert_eq!(
                info["checksum"].as_str().unwrap(),
                desc.rsplit('#').next().unwrap()
            );
            // ...and derives the same addresses.
            let core = node.rpc(&["deriveaddresses", desc, "[0,4]"]);
            let secp = Secp256k1::new();
            let m = btc::parse_mnemonic(w["mnemonic"].as_str().unwrap()).unwrap();
            let master = btc::master(&btc::seed(&m, "")[..], Network::Regtest).unwrap();
            let st = if script == "taproot" {
                ScriptType::Taproot
            } else {
                ScriptType::Segwit
            };
            let ours = Account::derive(&secp, &master, st, Network::Regtest, 0).unwrap();
            for i in 0..5u32 {
                assert_eq!(
                    core[i as usize],
                    ours.address(&secp, change, i).unwrap().to_string(),
                    "{desc} #{i}"
                );
            }
            if change == 0 {
                assert_eq!(core[0], acct["first_address"]);
            }
        }
    }
}

#[test]
fn import_from_a_mnemonic_matches_the_bip_vectors() {
    let env = Env::new();
    env.register("alice");
    let words = env.secret("words", &format!("  {}\n", ABANDON.to_uppercase()));
    let w = env.ok(&["wallet", "import", "bip84", "--mnemonic-file", &words]);
    assert_eq!(w["kind"], "hot");
    assert!(w.get("mnemonic").is_none());
    assert_eq!(
        w["accounts"][0]["first_address"],
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    );
    assert_eq!(w["accounts"][0]["fingerprint"], "73c5da0a");
    assert_eq!(
        w["accounts"][1]["first_address"],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    let w = env.ok(&[
        "wallet",
        "import",
        "bip86",
        "--mnemonic-file",
        &words,
        "--chains",
        "btc",
        "--script-type",
        "taproot",
    ]);
    assert_eq!(
        w["accounts"][0]["first_address"],
        "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr"
    );
    let w = env.ok(&[
        "wallet",
        "import",
        "bip49",
        "--mnemonic-file",
        &words,
        "--chains",
        "btc",
        "--script-type",
        "nested-segwit",
        "--network",
        "testnet",
    ]);
    assert_eq!(
        w["accounts"][0]["first_address"],
        "2Mww8dCYPUpKHofjgcXcBCEGmniw9CoaiD2"
    );
    assert_eq!(w["accounts"][0]["path"], "m/49'/1'/0'");
    // From standard input too; the same words reveal back.
    let c = env.command(&[
        "--json",
        "wallet",
        "import",
        "piped",
        "--mnemonic-stdin",
        "--chains",
        "eth",
        "--allow-duplicate",
    ]);
    assert_eq!(crate::common::feed(c, ABANDON).status.code(), Some(0));
    let pin = env.secret_path("pin");
    assert_eq!(
        env.ok(&["wallet", "reveal", "piped", "--pin-file", &pin])["mnemonic"],
        ABANDON
    );
    assert_eq!(env.events()[1], "wallet_import");
}

#[test]
fn bad_mnemonics_name_the_word_or_the_checksum_and_store_nothing() {
    let env = Env::new();
    env.register("alice");
    let before = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let bad_word = env.secret("w1", &ABANDON.replace("about", "abuot"));
    let e = env.err_as(&["wallet", "import", "x", "--mnemonic-file", &bad_word], 5);
    assert!(e.message.as_str().contains("word 12 ('abuot')"), "{e}");
    let bad_sum = env.secret("w2", &ABANDON.replace("about", "abandon"));
    let e = env.err_as(&["wallet", "import", "x", "--mnemonic-file", &bad_sum], 5);
    assert!(e.message.as_str().contains("checksum"), "{e}");
    assert_eq!(
        env.err_as(&["wallet", "import", "x"], 2).code,
        "usage",
        "a source is required"
    );
    assert_eq!(
        before,
        std::fs::read(env.user_dir("alice").join("vault.age")).unwrap()
    );
}

#[test]
fn rename_and_archive() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "a"]);
    env.ok(&["wallet", "create", "b"]);
    assert_eq!(env.ok(&["wallet", "rename", "a", "c"])["name"], "c");
    assert_eq!(
        env.err_as(&["wallet", "rename", "c", "b"], 5)
            .field
            .as_deref(),
        Some("wallet")
    );
    assert_eq!(
        env.err_as(&["wallet", "rename", "nope", "d"], 4).code,
        "not_found"
    );
    assert_eq!(env.err_as(&["wallet", "show", "a"], 4).code, "not_found");
    let archived = env.ok(&["wallet", "archive", "b"]);
    assert_eq!(archived["archived"], true);
    let list = env.ok(&["wallet", "list"]);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["name"], "c");
    assert_eq!(
        env.ok(&["wallet", "show", "b"])["archived"],
        true,
        "kept in the vault"
    );
    assert_eq!(
        env.err_as(&["wallet", "create", "b"], 5).field.as_deref(),
        Some("wallet"),
        "the name stays taken"
    );
}

#[test]
fn watch_only_export_and_imports_derive_the_same_addresses() {
    let cold = Env::new();
    cold.register("alice");
    cold.ok(&["wallet", "create", "vault", "--network", "testnet"]);
    let hot_addrs = cold.ok(&["addr", "new", "--count", "3"]);
    let hot_eth = cold.ok(&["addr", "new", "--chain", "eth"]);
    let file = cold.secrets.join("vault.watch.json");
    let out = cold.ok(&[
        "wallet",
        "export",
        "vault",
        "--watch-only",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out["written_to"], file.to_str().unwrap());
    let text = std::fs::read_to_string(&file).unwrap();
    let pin = cold.secret_path("pin");
    let words = cold.ok(&["wallet", "reveal", "vault", "--pin-file", &pin])["mnemonic"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !text.contains(words.as_str()) && !text.contains("mnemonic"),
        "the export holds no mnemonic"
    );
    assert!(!text.contains("prv"), "no private key in the export");

    let online = Env::new();
    online.register("bob");
    let w = online.ok(&[
        "wallet",
        "import",
        "vault",
        "--watch-only-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(w["kind"], "watch_only");
    let shown = cold.ok(&["wallet", "show", "vault"]);
    assert_eq!(
        w["accounts"], shown["accounts"],
        "same keys, paths and descriptors"
    );
    assert_eq!(
        online.ok(&["addr", "new", "--count", "3"])["items"],
        hot_addrs["items"]
    );
    assert_eq!(
        online.ok(&["addr", "new", "--chain", "eth"])["items"][0]["address"],
        hot_eth["items"][0]["address"]
    );
    assert_eq!(
        online
            .err_as(
                &[
                    "wallet",
                    "reveal",
                    "vault",
                    "--pin-file",
                    &online.secret_path("pin")
                ],
                5
            )
            .field
            .as_deref(),
        Some("wallet")
    );

    // The same account from its two descriptors, and from the bare xpub.
    let btc = &shown["accounts"][0];
    let (ext, int) = (
        btc["external_descriptor"].as_str().unwrap(),
        btc["internal_descriptor"].as_str().unwrap(),
    );
    let d = online.ok(&[
        "wallet",
        "import",
        "desc",
        "--descriptor",
        ext,
        "--descriptor",
        int,
        "--network",
        "testnet",
        "--allow-duplicate",
    ]);
    assert_eq!(d["accounts"][0]["first_address"], btc["first_address"]);
    assert_eq!(d["accounts"][0]["fingerprint"], btc["fingerprint"]);
    let x = online.ok(&[
        "wallet",
        "import",
        "bare",
        "--xpub",
        btc["xpub"].as_str().unwrap(),
        "--network",
        "testnet",
        "--allow-duplicate",
    ]);
    assert_eq!(x["accounts"][0]["first_address"], btc["first_address"]);
    assert!(
        x["accounts"][0]["fingerprint"].is_null(),
        "a bare xpub has no known origin"
    );
}

#[test]
fn slip132_keys_infer_the_script_type() {
    let env = Env::new();
    env.register("alice");
    // BIP-84 and BIP-49 reference account keys.
    let v84: serde_json::Value = serde_json::from_slice(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/bip84.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let w = env.ok(&[
        "wallet",
        "import",
        "z",
        "--xpub",
        v84["account"]["zpub"].as_str().unwrap(),
    ]);
    assert_eq!(w["accounts"][0]["script_type"], "segwit");
    assert_eq!(
        w["accounts"][0]["first_address"],
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    );
    let v49: serde_json::Value = serde_json::from_slice(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/bip49.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let upub = v49["account"]["upub"].as_str().unwrap();
    let w = env.ok(&[
        "wallet",
        "import",
        "u",
        "--xpub",
        upub,
        "--network",
        "testnet",
    ]);
    assert_eq!(w["accounts"][0]["script_type"], "nested_segwit");
    assert_eq!(
        w["accounts"][0]["first_address"],
        "2Mww8dCYPUpKHofjgcXcBCEGmniw9CoaiD2"
    );
    // Wrong network, private keys, bad checksums: refused, nothing stored.
    let before = std::fs::read(env.user_dir("alice").join("vault.age")).unwrap();
    let e = env.err_as(&["wallet", "import", "x", "--xpub", upub], 5);
    assert!(e.message.as_str().contains("network"), "{e}");
    let e = env.err_as(
        &[
            "wallet",
            "import",
            "x",
            "--xpub",
            v84["account"]["zprv"].as_str().unwrap(),
        ],
        5,
    );
    assert!(e.message.as_str().contains("--mnemonic"), "{e}");
    let xprv_desc = "wpkh([73c5da0a/84'/0'/0']xprv9xgqHN7yz9MwCkxsBPN5qetuNdQSUttZNKw1dcYTV4mkaAFiBVGQziHs3NRSWMkCzvgjEe3n9xV8oYywvM8at9yRqyaZVz6TYYhX98VjsUk/0/*)";
    let e = env.err_as(&["wallet", "import", "x", "--descriptor", xprv_desc], 5);
    assert!(e.message.as_str().contains("--mnemonic-file"), "{e}");
    let e = env.err_as(&["wallet", "import", "x", "--descriptor", "wpkh([73c5da0a/84'/0'/0']xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)#aaaaaaaa"], 5);
    assert_eq!(e.field.as_deref(), Some("descriptor"));
    assert_eq!(
        before,
        std::fs::read(env.user_dir("alice").join("vault.age")).unwrap()
    );
}

#[test]
fn a_watch_only_ethereum_address() {
    let env = Env::new();
    env.register("alice");
    let w = env.ok(&[
        "wallet",
        "import",
        "donations",
        "--eth-address",
        "0x9858effd232b4033e47d90003d41ec34ecaeda94",
    ]);
    assert_eq!(w["kind"], "watch_only");
    assert_eq!(
        w["accounts"][0]["address"],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    assert_eq!(
        w["accounts"][0]["first_address"],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    assert_eq!(w["addresses"], 1);
    let list = env.ok(&["addr", "list", "--wallet", "donations"]);
    assert_eq!(
        list["items"][0]["address"],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    assert_eq!(
        env.err_as(&["addr", "new", "--wallet", "donations"], 5)
            .field
            .as_deref(),
        Some("wallet")
    );
    let e = env.err_as(
        &[
            "wallet",
            "import",
            "bad",
            "--eth-address",
            "0x9858EfFD232B4033E47d90003D41EC34EcaEdA94",
        ],
        5,
    );
    assert!(e.message.as_str().contains("EIP-55"), "{e}");
    // Round trip through an export.
    let file = env.secrets.join("d.json");
    env.ok(&[
        "wallet",
        "export",
        "donations",
        "--watch-only",
        "--out",
        file.to_str().unwrap(),
    ]);
    let again = env.ok(&[
        "wallet",
        "import",
        "again",
        "--watch-only-file",
        file.to_str().unwrap(),
        "--allow-duplicate",
    ]);
    assert_eq!(again["accounts"], w["accounts"]);
}
