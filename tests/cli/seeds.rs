//! Seeds and keys: BIP-39 passphrases NFKD-normalised (wallets made before keep their
//! derivation and say so), ECDSA signatures ground to low R as Bitcoin Core's, one seed
//! twice in a vault.

use crate::common::{Env, open_vault, write_vault};
use bitcoin::bip32::Xpriv;
use bitcoin::secp256k1::Secp256k1;
use coffer::chain::Network;
use coffer::chain::btc::{self, Account, ScriptType};
use serde_json::Value;
use std::str::FromStr as _;

fn vectors(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    let v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(
        v["source"].as_str().is_some_and(|s| !s.is_empty()),
        "{name} names its source"
    );
    v
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// The master fingerprint of an xprv.
fn fingerprint(xprv: &str) -> String {
    Xpriv::from_str(xprv)
        .unwrap()
        .fingerprint(&Secp256k1::new())
        .to_string()
}

/// Imports `mnemonic` with `passphrase` as wallet `name` (Bitcoin only, `network`).
fn import(env: &Env, name: &str, mnemonic: &str, passphrase: &str, network: &str) -> Value {
    let words = env.secret(&format!("{name}.words"), mnemonic);
    let pass = env.secret(&format!("{name}.pass"), passphrase);
    env.ok(&[
        "wallet",
        "import",
        name,
        "--mnemonic-file",
        &words,
        "--passphrase-file",
        &pass,
        "--chains",
        "btc",
        "--network",
        network,
    ])
}

/// python-mnemonic's seeds and master keys of English words with non-ASCII passphrases:
/// coffer derives the same (NFKD-normalised), through the library and through the binary
/// (the wallet's fingerprint and account key are those of the reference master key).
#[test]
fn bip39_passphrases_are_nfkd_normalised_as_the_reference_implementation() {
    let v = vectors("bip39_nfkd.json");
    let cases = v["vectors"].as_array().unwrap();
    assert!(
        cases
            .iter()
            .any(|c| c["passphrase"] == "㍍ガバヴァぱばぐゞちぢ十人十色")
    );
    let secp = Secp256k1::new();
    let env = Env::new();
    env.register("alice");
    for (i, c) in cases.iter().enumerate() {
        let (words, pass) = (s(&c["mnemonic"]), s(&c["passphrase"]));
        let m = btc::parse_mnemonic(words).unwrap();
        assert_eq!(hex::encode(&btc::seed(&m, pass)[..]), s(&c["seed"]), "{c}");
        assert_eq!(
            hex::encode(&btc::seed_unnormalized(&m, pass)[..]),
            s(&c["unnormalized_seed"]),
            "{c}"
        );
        assert_eq!(btc::nfkd_changes(pass), c["nfkd_changes"] == true, "{c}");
        let master = btc::master(&btc::seed(&m, pass)[..], Network::Bitcoin).unwrap();
        assert_eq!(master.to_string(), s(&c["xprv"]));

        let name = format!("w{i}");
        let w = import(&env, &name, words, pass, "bitcoin");
        let account = &w["accounts"][0];
        assert_eq!(account["fingerprint"], fingerprint(s(&c["xprv"])), "{c}");
        let expected = Account::derive(&secp, &master, ScriptType::Segwit, Network::Bitcoin, 0)
            .unwrap()
            .watch();
        assert_eq!(account["xpub"], expected.xpub.to_string(), "{c}");
        let shown = env.ok(&["wallet", "show", &name]);
        assert_eq!(shown["seed_derivation"], "bip39", "{shown}");
        assert!(shown.get("seed_warning").is_none(), "{shown}");
    }
}

/// Makes wallet `name` of `user` look as coffer stored it before it normalised
/// passphrases: schema version 7 (no seed_derivation column; the upgrade marks every
/// wallet legacy) and the Bitcoin account derived from the passphrase's bytes as typed.
fn make_legacy(env: &Env, user: &str, name: &str, mnemonic: &str, passphrase: &str) {
    let secp = Secp256k1::new();
    let m = btc::parse_mnemonic(mnemonic).unwrap();
    let master = btc::master(
        &btc::seed_unnormalized(&m, passphrase)[..],
        Network::Regtest,
    )
    .unwrap();
    let acct = Account::derive(&secp, &master, ScriptType::Segwit, Network::Regtest, 0).unwrap();
    let (ext, int) = acct.descriptors().unwrap();
    let mut conn = open_vault(env, user, "vault.age");
    conn.execute(
        "UPDATE accounts SET fingerprint = ?1, xpub = ?2, external_descriptor = ?3,
                internal_descriptor = ?4
         WHERE chain = 'btc' AND wallet_id = (SELECT id FROM wallets WHERE name = ?5)",
        rusqlite::params![
            master.fingerprint(&secp).to_string(),
            acct.watch().xpub.to_string(),
            ext,
            int,
            name
        ],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM addresses WHERE account_id IN
           (SELECT c.id FROM accounts c JOIN wallets w ON c.wallet_id = w.id WHERE w.name = ?1)",
        [name],
    )
    .unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    if version >= 15 {
        conn.execute_batch(
            "DROP INDEX IF EXISTS transactions_txid; DROP INDEX transactions_labelled;
             DROP INDEX transactions_categorized; DROP INDEX addresses_labelled;",
        )
        .unwrap();
    }
    if version >= 13 {
        conn.execute_batch(
            "DROP TRIGGER address_counts_insert; DROP TRIGGER address_counts_delete;
             DROP TRIGGER address_counts_update; DROP TRIGGER tx_counts_insert;
             DROP TRIGGER tx_counts_delete; DROP TRIGGER tx_counts_update;
             DROP TABLE address_counts; DROP TABLE tx_counts;",
        )
        .unwrap();
    }
    if version >= 11 {
        conn.execute_batch(
            "ALTER TABLE backends DROP COLUMN proxy; ALTER TABLE backends DROP COLUMN cert_sha256;",
        )
        .unwrap();
    }
    if version >= 10 {
        conn.execute_batch("ALTER TABLE backends DROP COLUMN kind;")
            .unwrap();
    }
    if version >= 9 {
        conn.execute_batch(
            "DROP TABLE eth_address_state; ALTER TABLE transactions DROP COLUMN address;",
        )
        .unwrap();
    }
    if version >= 8 {
        conn.execute_batch(
            "ALTER TABLE wallet_secrets DROP COLUMN seed_derivation; PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    write_vault(env, user, &mut conn);
}

/// A wallet made before the fix keeps its keys (it signs for its addresses), and
/// `wallet show` says it was derived the old way and what to do; one whose passphrase
/// NFKD does not change (ASCII) is simply BIP-39, with no warning.
#[test]
fn wallets_made_before_the_fix_keep_their_keys_and_say_what_to_do() {
    let v = vectors("bip39_nfkd.json");
    let japanese = &v["vectors"][0];
    let (words, pass) = (s(&japanese["mnemonic"]), s(&japanese["passphrase"]));
    let ascii_words = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    let env = Env::new();
    env.register("alice");
    import(&env, "old", words, pass, "regtest");
    import(&env, "plain", ascii_words, "TREZOR", "regtest");
    make_legacy(&env, "alice", "old", words, pass);
    make_legacy(&env, "alice", "plain", ascii_words, "TREZOR");

    let old = env.ok(&["wallet", "show", "old"]);
    assert_eq!(old["seed_derivation"], "legacy", "{old}");
    assert_eq!(
        old["accounts"][0]["fingerprint"],
        fingerprint(s(&japanese["unnormalized_xprv"])),
        "the wallet keeps its keys: {old}"
    );
    let warning = s(&old["seed_warning"]);
    assert!(warning.contains("move them to a new wallet"), "{warning}");
    assert!(warning.contains("ASCII"), "{warning}");
    let human = env.run(&["wallet", "show", "old"]);
    assert!(
        human.stdout.contains("legacy derivation") && human.stdout.contains("move them"),
        "{}",
        human.stdout
    );
    let plain = env.ok(&["wallet", "show", "plain"]);
    assert_eq!(plain["seed_derivation"], "bip39", "{plain}");
    assert!(plain.get("seed_warning").is_none(), "{plain}");

    // It still signs for its addresses: its keys are derived the old way.
    let pin = env.secret_path("pin");
    let address = env.ok(&["addr", "new", "--wallet", "old"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    let signed = env.ok(&[
        "sign-message",
        "--address",
        &address,
        "hello",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    env.ok(&[
        "verify-message",
        "--address",
        &address,
        "--signature",
        s(&signed["signature"]),
        "hello",
    ]);
    // A new wallet from the same words and passphrase is the BIP-39 one: another wallet.
    let again = import(&env, "again", words, pass, "regtest");
    assert_eq!(
        again["accounts"][0]["fingerprint"],
        fingerprint(s(&japanese["xprv"])),
        "{again}"
    );
    assert_ne!(
        again["accounts"][0]["fingerprint"],
        old["accounts"][0]["fingerprint"]
    );
}

/// The words of the low-R test's wallet, and its master key on regtest.
const LOW_R_WORDS: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

fn low_r_master() -> Xpriv {
    let m = btc::parse_mnemonic(LOW_R_WORDS).unwrap();
    btc::master(&btc::seed(&m, "")[..], Network::Regtest).unwrap()
}

/// The descriptor with checksum, as the node completes it.
fn with_checksum(node: &crate::node::Node, desc: &str) -> String {
    let info = node.rpc(&["getdescriptorinfo", desc]);
    format!("{desc}#{}", s(&info["checksum"]))
}

/// One PSBT spending 16 coins, signed by coffer and by Bitcoin Core
/// (`walletprocesspsbt`, a wallet of the same keys): the transactions are byte for
/// byte the same, every signature is low-R (ground as Core does), and at least one
/// input's first RFC 6979 nonce gives a high R (so a signer that does not grind, as
/// coffer did, differs from Core on it).
#[test]
fn ecdsa_signatures_are_low_r_and_byte_identical_to_bitcoin_core() {
    use bitcoin::psbt::Psbt;
    let node = crate::node::Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.register("alice");
    let words = env.secret("low-r.words", LOW_R_WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--chains",
        "btc",
        "--network",
        "regtest",
    ]);
    crate::btcnode::set_backend(&env, &node);
    let new = env.ok(&["addr", "new", "--count", "16"]);
    let mut pay = serde_json::Map::new();
    for item in new["items"].as_array().unwrap() {
        pay.insert(s(&item["address"]).to_string(), serde_json::json!(0.01));
    }
    node.wallet_rpc("miner", &["sendmany", "", &Value::Object(pay).to_string()]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let synced = env.ok(&["wallet", "sync"]);
    assert_eq!(synced["bitcoin"][0]["confirmed"], "0.16000000", "{synced}");

    let unsigned = env.secrets.join("all.psbt");
    let signed = env.secrets.join("all.signed.psbt");
    env.ok(&[
        "send",
        "--to",
        &miner,
        "--max",
        "--fee",
        "2",
        "--unsigned-out",
        unsigned.to_str().unwrap(),
    ]);
    let pin = env.secret_path("pin");
    env.ok(&[
        "send",
        "sign",
        unsigned.to_str().unwrap(),
        "--out",
        signed.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    let unsigned = std::fs::read_to_string(&unsigned)
        .unwrap()
        .trim()
        .to_string();
    let signed = std::fs::read_to_string(&signed).unwrap().trim().to_string();
    assert_eq!(
        Psbt::from_str(&unsigned).unwrap().inputs.len(),
        16,
        "one input per coin"
    );

    // Bitcoin Core, with the same keys (the master tprv, BIP-84 regtest paths).
    let master = low_r_master();
    node.rpc(&["createwallet", "keys", "false", "true"]);
    let import = serde_json::json!([
        { "desc": with_checksum(&node, &format!("wpkh({master}/84h/1h/0h/0/*)")),
          "timestamp": "now", "range": [0, 50], "active": true, "internal": false },
        { "desc": with_checksum(&node, &format!("wpkh({master}/84h/1h/0h/1/*)")),
          "timestamp": "now", "range": [0, 50], "active": true, "internal": true },
    ]);
    let r = node.wallet_rpc("keys", &["importdescriptors", &import.to_string()]);
    assert!(
        r.as_array().unwrap().iter().all(|x| x["success"] == true),
        "{r}"
    );
    let core = node.wallet_rpc(
        "keys",
        &[
            "walletprocesspsbt",
            &unsigned,
            "true",
            "ALL",
            "true",
            "true",
        ],
    );
    assert_eq!(core["complete"], true, "{core}");
    let core_hex = s(&core["hex"]).to_string();
    let ours = node.rpc(&["finalizepsbt", &signed]);
    assert_eq!(ours["complete"], true, "{ours}");
    assert_eq!(
        s(&ours["hex"]),
        core_hex,
        "coffer's transaction is Core's, byte for byte"
    );

    let tx: bitcoin::Transaction =
        bitcoin::consensus::deserialize(&hex::decode(&core_hex).unwrap()).unwrap();
    for input in &tx.input {
        let sig = bitcoin::ecdsa::Signature::from_slice(&input.witness.to_vec()[0]).unwrap();
        let der = sig.signature.serialize_der();
        // DER: 0x30 len 0x02 rlen r…: a low R is at most 32 bytes with no sign padding.
        assert!(der[3] <= 32, "a high R: {}", hex::encode(&der[..]));
    }
    // A signer that takes the first nonce (rust-bitcoin's Psbt::sign, what coffer used)
    // makes a high R on at least one of these inputs: the comparison above means
    // something.
    let mut plain = Psbt::from_str(&unsigned).unwrap();
    let _ = plain.sign(&master, &Secp256k1::new());
    let high = plain
        .inputs
        .iter()
        .flat_map(|i| i.partial_sigs.values())
        .filter(|sig| sig.signature.serialize_der()[3] > 32)
        .count();
    assert!(high >= 1, "no input with a high first-nonce R among 16");

    // Messages: a P2PKH address signs as Core's `signmessage` does (a recoverable
    // signature from the first nonce, not ground: Core's CKey::SignCompact), byte for
    // byte.
    let words = env.secret("low-r.words", LOW_R_WORDS);
    env.ok(&[
        "wallet",
        "import",
        "legacy",
        "--mnemonic-file",
        &words,
        "--chains",
        "btc",
        "--network",
        "regtest",
        "--script-type",
        "legacy",
    ]);
    let import = serde_json::json!([
        { "desc": with_checksum(&node, &format!("pkh({master}/44h/1h/0h/0/*)")),
          "timestamp": "now", "range": [0, 10] },
    ]);
    let r = node.wallet_rpc("keys", &["importdescriptors", &import.to_string()]);
    assert_eq!(r[0]["success"], true, "{r}");
    let address = env.ok(&["addr", "new", "--wallet", "legacy", "--count", "5"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| s(&i["address"]).to_string())
        .collect::<Vec<_>>();
    for (i, a) in address.iter().enumerate() {
        let text = format!("message {i}");
        let ours = env.ok(&[
            "sign-message",
            "--address",
            a,
            &text,
            "--yes",
            "--pin-file",
            &pin,
        ]);
        let theirs = node.wallet_rpc("keys", &["signmessage", a, &text]);
        assert_eq!(ours["signature"], theirs, "{a}");
    }
}

/// The error of a duplicate: `duplicate_wallet`, exit 5, naming the wallet that holds
/// the keys, and nothing written.
fn refused_as_duplicate(env: &Env, args: &[&str], existing: &str) {
    let before = crate::common::dump_vault(env, "alice");
    let e = env.err(args, 5);
    assert_eq!(e["code"], "duplicate_wallet", "{args:?}: {e}");
    assert_eq!(e["existing_wallet"], existing, "{e}");
    assert!(
        s(&e["message"]).contains(&format!("wallet '{existing}'")),
        "{e}"
    );
    assert!(s(&e["hint"]).contains("--allow-duplicate"), "{e}");
    assert_eq!(before, crate::common::dump_vault(env, "alice"), "{args:?}");
}

/// One seed in a vault twice: `restore wallet`, `wallet import` (words, export file,
/// xpub, descriptor) of keys the vault holds are refused, naming the wallet, unless
/// --allow-duplicate; other passphrases, script types and accounts are other keys. With
/// the duplicate made on purpose, every address lookup honours --wallet (`addr show`,
/// `addr label`, `utxo freeze`, `receive wait --address`), and without it says the
/// address is ambiguous.
#[test]
fn one_seed_twice_is_refused_unless_asked_and_lookups_honour_wallet() {
    let node = crate::node::Node::start();
    let miner = node.miner();
    let env = Env::new();
    env.register("alice");
    let words = env.secret("dup.words", LOW_R_WORDS);
    let regtest = ["--chains", "btc", "--network", "regtest"];
    let with = |head: &[&str], tail: &[&str]| -> Vec<String> {
        head.iter().chain(tail).map(|s| s.to_string()).collect()
    };
    fn args(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let a = env.ok(&args(&with(
        &["wallet", "import", "a", "--mnemonic-file", &words],
        &regtest,
    )));
    let restore = with(
        &["restore", "wallet", "b", "--mnemonic-file", &words],
        &regtest,
    );
    refused_as_duplicate(&env, &args(&restore), "a");
    refused_as_duplicate(
        &env,
        &args(&with(
            &["wallet", "import", "c", "--mnemonic-file", &words],
            &regtest,
        )),
        "a",
    );
    // The dry run says so.
    let dry = env.ok(&args(&with(&args(&restore), &["--dry-run"])));
    assert_eq!(dry["already_in_vault"], "a", "{dry}");
    // Watch-only copies of the same keys: the export file, the xpub, the descriptors.
    let export = env.secrets.join("a.watch.json");
    env.ok(&[
        "wallet",
        "export",
        "a",
        "--watch-only",
        "--out",
        export.to_str().unwrap(),
    ]);
    refused_as_duplicate(
        &env,
        &[
            "wallet",
            "import",
            "w",
            "--watch-only-file",
            export.to_str().unwrap(),
        ],
        "a",
    );
    let account = &a["accounts"][0];
    refused_as_duplicate(
        &env,
        &args(&with(
            &["wallet", "import", "x", "--xpub", s(&account["xpub"])],
            &regtest,
        )),
        "a",
    );
    refused_as_duplicate(
        &env,
        &args(&with(
            &[
                "wallet",
                "import",
                "d",
                "--descriptor",
                s(&account["external_descriptor"]),
            ],
            &regtest,
        )),
        "a",
    );
    // Other keys from the same words are not duplicates.
    let pass = env.secret("dup.pass", "another passphrase");
    env.ok(&args(&with(
        &[
            "wallet",
            "import",
            "p",
            "--mnemonic-file",
            &words,
            "--passphrase-file",
            &pass,
        ],
        &regtest,
    )));
    env.ok(&args(&with(
        &[
            "wallet",
            "import",
            "t",
            "--mnemonic-file",
            &words,
            "--script-type",
            "taproot",
        ],
        &regtest,
    )));
    env.ok(&args(&with(
        &[
            "wallet",
            "import",
            "n",
            "--mnemonic-file",
            &words,
            "--account",
            "1",
        ],
        &regtest,
    )));

    // Asked for explicitly: the duplicate exists, and each lookup resolves in --wallet.
    let b = env.ok(&args(&with(&args(&restore), &["--allow-duplicate"])));
    assert_eq!(b["wallet"], "b", "{b}");
    let new = env.ok(&["addr", "new", "--wallet", "a"]);
    let addr = s(&new["items"][0]["address"]).to_string();
    assert_eq!(addr, a["accounts"][0]["first_address"], "{new}");
    let e = env.err(&["addr", "show", &addr], 2);
    assert_eq!(e["code"], "usage", "{e}");
    assert!(
        s(&e["message"]).contains("'a'") && s(&e["message"]).contains("'b'"),
        "{e}"
    );
    for w in ["a", "b"] {
        let shown = env.ok(&["addr", "show", &addr, "--wallet", w]);
        assert_eq!(shown["wallet"], w, "{shown}");
    }
    env.err(&["addr", "show", &addr, "--wallet", "p"], 4);
    env.err(&["addr", "show", &addr, "--wallet", "nobody"], 4);
    env.err(&["addr", "label", &addr, "rent"], 2);
    let labelled = env.ok(&["addr", "label", &addr, "rent", "--wallet", "a"]);
    assert_eq!(labelled["wallet"], "a");
    assert_eq!(labelled["label"], "rent");
    let other = env.ok(&["addr", "show", &addr, "--wallet", "b"]);
    assert!(other["label"].is_null(), "only wallet a's row: {other}");

    crate::btcnode::set_backend(&env, &node);
    node.wallet_rpc("miner", &["sendtoaddress", &addr, "0.5"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    for w in ["a", "b"] {
        let got = env.ok(&[
            "receive",
            "wait",
            "--wallet",
            w,
            "--address",
            &addr,
            "--timeout",
            "30s",
        ]);
        assert_eq!(got["wallet"], w, "{got}");
        assert_eq!(got["amount_sat"], 50_000_000u64, "{got}");
    }
    env.ok(&["wallet", "sync"]);
    let frozen = env.ok(&["utxo", "freeze", "--wallet", "a", &addr]);
    assert_eq!(frozen["frozen"], serde_json::json!([addr]), "{frozen}");
    assert_eq!(frozen["items"][0]["frozen"], true, "{frozen}");
    assert_eq!(frozen["items"][0]["label"], "rent", "{frozen}");
    let b_coins = env.ok(&["utxo", "list", "--wallet", "b"]);
    assert_eq!(b_coins["items"][0]["frozen"], false, "{b_coins}");
    assert!(b_coins["items"][0]["label"].is_null(), "{b_coins}");
    env.ok(&["utxo", "unfreeze", "--wallet", "a", &addr]);
    // An address of another wallet only is still refused for this one.
    let taproot = env.ok(&["addr", "new", "--wallet", "t"]);
    let e = env.err(
        &[
            "utxo",
            "freeze",
            "--wallet",
            "a",
            s(&taproot["items"][0]["address"]),
        ],
        5,
    );
    assert_eq!(e["code"], "invalid_input", "{e}");
}

/// `restore wallet --dry-run` reads the words and the passphrase as the restore itself
/// (and `wallet import`) do: a passphrase file's first line, words in any case and
/// spacing; so the addresses it shows are the ones the restore makes.
#[test]
fn a_restore_dry_run_shows_the_addresses_the_restore_makes() {
    let env = Env::new();
    env.register("alice");
    let shouted = LOW_R_WORDS.to_uppercase().replace(' ', "  \n");
    let words = env.secret("shouted.words", &shouted);
    let pass = env.secret("pass", "correct horse\nnot part of it\n");
    let restore = [
        "restore",
        "wallet",
        "r",
        "--mnemonic-file",
        &words,
        "--passphrase-file",
        &pass,
        "--network",
        "regtest",
    ];
    let mut dry = restore.to_vec();
    dry.push("--dry-run");
    let preview = env.ok(&dry);
    let made = env.ok(&restore);
    let firsts = |v: &Value| -> Vec<Value> {
        v["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["first_addresses"].clone())
            .collect()
    };
    assert_eq!(firsts(&preview), firsts(&made), "{preview} {made}");
    // Without the passphrase's first line only, the keys differ.
    let plain = env.secret("plain", "correct horse");
    let imported = env.ok(&[
        "wallet",
        "import",
        "i",
        "--mnemonic-file",
        &words,
        "--passphrase-file",
        &plain,
        "--network",
        "regtest",
        "--allow-duplicate",
    ]);
    assert_eq!(
        imported["accounts"][0]["first_address"], made["accounts"][0]["first_addresses"][0],
        "{imported}"
    );
}
