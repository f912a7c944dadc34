//! BIP-329 label export and import.

use crate::common::{Env, dump_vault};
use crate::fund;
use bitcoin::Network;

const WORDS: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

/// A user with the "abandon … about" regtest wallet and two confirmed payments to it.
fn restored(env: &Env, user: &str) -> Vec<String> {
    env.register(user);
    let words = env.secret("words", WORDS);
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--network",
        "regtest",
    ]);
    let a = env.ok(&["addr", "new", "--count", "3"]);
    let addr = |i: usize| a["items"][i]["address"].as_str().unwrap().to_string();
    let mut txids = vec![];
    for i in 0..2 {
        let tx = fund::pay(
            &[(&addr(i), 10_000 * (i as u64 + 1))],
            Network::Regtest,
            70 + i as u8,
        );
        env.ok(&[
            "receive",
            "import",
            "--tx",
            &fund::hex(&tx),
            "--height",
            "10",
            "--block-time",
            "1769860800",
        ]);
        txids.push(tx.compute_txid().to_string());
    }
    txids.push(addr(2));
    txids
}

#[test]
fn labels_round_trip_between_vaults() {
    let a = Env::new();
    let refs = restored(&a, "alice");
    a.ok(&["history", "label", &refs[0], "salary, \"January\""]);
    a.ok(&["addr", "label", &refs[2], "from Bob"]);
    let file = a.secrets.join("labels.jsonl");
    let e = a.ok(&["labels", "export", "--out", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(e["records"], lines.len());
    let tx = lines.iter().find(|l| l["type"] == "tx").unwrap();
    assert_eq!(tx["ref"], refs[0]);
    assert_eq!(tx["label"], "salary, \"January\"");
    assert!(tx["origin"].as_str().unwrap().starts_with("wpkh(["), "{tx}");
    assert!(
        tx["origin"].as_str().unwrap().ends_with("/84'/1'/0'])"),
        "{tx}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["type"] == "addr" && l["ref"] == refs[2])
    );
    assert!(
        lines
            .iter()
            .any(|l| l["type"] == "xpub" && l["label"] == "main")
    );

    // A second vault restored from the same words takes them all.
    let b = Env::new();
    restored(&b, "bob");
    let copy = b.secrets.join("labels.jsonl");
    std::fs::copy(&file, &copy).unwrap();
    let r = b.ok(&["labels", "import", copy.to_str().unwrap()]);
    assert_eq!(
        (r["added"].clone(), r["updated"].clone()),
        (2.into(), 0.into()),
        "{r}"
    );
    assert!(
        r["ignored"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("wallet")
    );
    let again = b.ok(&["labels", "import", copy.to_str().unwrap()]);
    // Two labels and two `output` records (spendable, as they are here).
    assert_eq!(again["unchanged"], 4, "{again}");
    assert_eq!(again["applied"], 0, "{again}");
    let b_export = b.ok(&["labels", "export"]);
    assert_eq!(
        b_export["content"].as_str().unwrap(),
        text,
        "identical labels"
    );

    // Imported wins on conflict.
    b.ok(&["history", "label", &refs[0], "something else"]);
    let r = b.ok(&["labels", "import", copy.to_str().unwrap()]);
    assert_eq!(r["updated"], 1);
}

/// The wallet's own BIP-329 origin, as its export writes it.
fn our_origin(env: &Env) -> String {
    let e = env.ok(&["labels", "export"]);
    let line = e["content"]
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["origin"].is_string())
        .expect("a record with an origin");
    line["origin"].as_str().unwrap().to_string()
}

fn write_lines(env: &Env, name: &str, lines: &[serde_json::Value]) -> String {
    let file = env.secrets.join(name);
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn import_follows_bip329_missing_labels_unknown_types_and_origins() {
    use serde_json::json;
    let env = Env::new();
    let refs = restored(&env, "alice");
    env.ok(&["history", "label", &refs[0], "salary"]);
    let ours = our_origin(&env);
    assert!(
        ours.starts_with("wpkh([") && ours.ends_with("/84'/1'/0'])"),
        "{ours}"
    );
    // The same origin as another wallet might write it: h for ', a checksum, spaces.
    let ours_respelled = format!(" {}#0123abcd", ours.replace('\'', "h"));
    let file = write_lines(
        &env,
        "in.jsonl",
        &[
            // No label: ours stays (BIP-329: the label is optional).
            json!({"type": "tx", "ref": refs[0]}),
            // A type BIP-329 does not define: skipped, not fatal.
            json!({"type": "coin", "ref": "x", "label": "y"}),
            // Another wallet's record for this address: not applied here.
            json!({"type": "addr", "ref": refs[2], "label": "theirs",
                   "origin": "wpkh([deadbeef/84'/1'/0'])"}),
            // Ours, spelled differently: applied.
            json!({"type": "tx", "ref": refs[1], "label": "rent", "origin": ours_respelled}),
        ],
    );
    let r = env.ok(&["labels", "import", &file]);
    assert_eq!(r["applied"], 1, "{r}");
    assert_eq!(r["added"], 1, "{r}");
    assert_eq!(r["unchanged"], 1, "{r}");
    assert_eq!(r["skipped_unknown_type"], 1, "{r}");
    assert_eq!(r["skipped_other_origin"], 1, "{r}");
    assert_eq!(env.ok(&["history", "show", &refs[0]])["label"], "salary");
    assert_eq!(env.ok(&["history", "show", &refs[1]])["label"], "rent");
    let a = env.ok(&["addr", "show", &refs[2]]);
    assert!(a["label"].is_null(), "{a}");
    // The human report counts the same.
    let human = env.run(&["labels", "import", &file]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    let human = human.stdout;
    assert!(human.contains("Skipped, unknown type"), "{human}");
    assert!(human.contains("Skipped, other wallet's origin"), "{human}");
}

#[test]
fn output_records_are_frozen_coins_both_ways() {
    use serde_json::json;
    let env = Env::new();
    let refs = restored(&env, "alice");
    let coins = env.ok(&["utxo", "list"]);
    let coin = |txid: &str| {
        coins["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["outpoint"].as_str().unwrap().to_string())
            .find(|o| o.starts_with(txid))
            .unwrap()
    };
    let (c0, c1) = (coin(&refs[0]), coin(&refs[1]));
    // Export: every coin of ours, spendable or not.
    env.ok(&["utxo", "freeze", &c0]);
    let e = env.ok(&["labels", "export"]);
    let outputs: Vec<serde_json::Value> = e["content"]
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["type"] == "output")
        .collect();
    assert_eq!(outputs.len(), 2, "{outputs:?}");
    for o in &outputs {
        assert_eq!(o["spendable"], json!(o["ref"] != json!(c0)), "{o}");
        assert!(o["origin"].as_str().unwrap().starts_with("wpkh(["), "{o}");
    }
    // Import: spendable false freezes, true unfreezes; another wallet's record does not.
    let file = write_lines(
        &env,
        "outputs.jsonl",
        &[
            json!({"type": "output", "ref": c0, "spendable": true}),
            json!({"type": "output", "ref": c1, "spendable": false}),
        ],
    );
    let r = env.ok(&["labels", "import", &file]);
    assert_eq!(
        (r["frozen"].clone(), r["unfrozen"].clone()),
        (json!(1), json!(1)),
        "{r}"
    );
    assert_eq!(r["applied"], 2, "{r}");
    let frozen = env.ok(&["utxo", "list", "--frozen"]);
    assert_eq!(frozen["frozen"], json!([c1]), "{frozen}");
    let theirs = write_lines(
        &env,
        "theirs.jsonl",
        &[json!({"type": "output", "ref": c0, "spendable": false,
                 "origin": "wpkh([deadbeef/84'/1'/0'])"})],
    );
    let r = env.ok(&["labels", "import", &theirs]);
    assert_eq!(r["skipped_other_origin"], 1, "{r}");
    assert_eq!(env.ok(&["utxo", "list", "--frozen"])["frozen"], json!([c1]));
}

#[test]
fn a_multisig_origin_names_every_key() {
    use bitcoin::bip32::{DerivationPath, Xpriv, Xpub};
    use std::str::FromStr as _;
    let secp = bitcoin::secp256k1::Secp256k1::new();
    let keys: Vec<(String, String)> = (1u8..=3)
        .map(|seed| {
            let master = Xpriv::new_master(bitcoin::NetworkKind::Test, &[seed; 32]).unwrap();
            let path = DerivationPath::from_str("m/48'/1'/0'/2'").unwrap();
            let xpub = Xpub::from_priv(&secp, &master.derive_priv(&secp, &path).unwrap());
            let origin = format!("[{}/48'/1'/0'/2']", master.fingerprint(&secp));
            (origin.clone(), format!("{origin}{xpub}"))
        })
        .collect();
    let env = Env::new();
    env.register("alice");
    let mut args = vec![
        "wallet",
        "create-multisig",
        "vault",
        "--threshold",
        "2",
        "--network",
        "regtest",
    ];
    for (_, k) in &keys {
        args.extend(["--cosigner", k.as_str()]);
    }
    env.ok(&args);
    let a = env.ok(&["addr", "new"]);
    env.ok(&[
        "addr",
        "label",
        a["items"][0]["address"].as_str().unwrap(),
        "shared",
    ]);
    let origin = our_origin(&env);
    assert!(
        origin.starts_with("wsh(sortedmulti(2,[") && origin.ends_with("]))"),
        "{origin}"
    );
    for (o, _) in &keys {
        assert!(origin.contains(o.as_str()), "{o} missing from {origin}");
    }
    assert!(!origin.contains("pub"), "no key in an origin: {origin}");
    assert_eq!(origin.matches('[').count(), 3, "{origin}");
}

#[test]
fn bad_label_files_change_nothing_unless_partial() {
    let env = Env::new();
    let refs = restored(&env, "alice");
    let file = env.secrets.join("bad.jsonl");
    std::fs::write(
        &file,
        format!(
            "{{\"type\":\"tx\",\"ref\":\"{}\",\"label\":\"ok\"}}\nnot json\n{{\"type\":\"coin\",\"ref\":\"x\"}}\n{{\"type\":\"addr\",\"ref\":\"bcrt1qunknown\",\"label\":\"x\"}}\n",
            refs[1]
        ),
    )
    .unwrap();
    let before = dump_vault(&env, "alice");
    let e = env.err(&["labels", "import", file.to_str().unwrap()], 5);
    assert!(e["message"].as_str().unwrap().contains("line 2"), "{e}");
    assert_eq!(before, dump_vault(&env, "alice"));
    let r = env.ok(&["labels", "import", file.to_str().unwrap(), "--partial"]);
    assert_eq!(r["added"], 1, "{r}");
    let lines: Vec<u64> = r["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4]);
    assert_eq!(env.ok(&["history", "show", &refs[1]])["label"], "ok");
}

/// Issue 19 item 4: a bad line is reported by its number and what is wrong with it,
/// in words, never the JSON parser's "line 1 column 15" or "EOF while parsing".
#[test]
fn bad_label_lines_are_explained_without_parser_internals() {
    let env = Env::new();
    env.register("alice");
    let file = env.secrets.join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"type\":\"tx\",\"ref\":\"00\",\"label\":\"ok\"}\n\
         {\"type\":\"tx\",\"ref\":\"abc\"\n\
         {\"type\":\"tx\",\"label\":\"rent\"}\n\
         {\"type\":\"tx\",\"ref\":\"00\",\"label\":5}\n\
         [1,2]\n\
         type=tx\n",
    )
    .unwrap();
    let r = env.run(&["labels", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 5);
    assert_eq!(
        r.stderr,
        "error: invalid file: line 2: the JSON object is cut off (a closing brace or quote is \
         missing); each line is one JSON object like {\"type\":\"tx\",\"ref\":\"TXID\",\"label\":\"rent\"} \
         (5 bad line(s); nothing was imported; --partial imports the good ones)\n"
    );
    let r = env.ok(&["labels", "import", file.to_str().unwrap(), "--partial"]);
    let reasons: Vec<(u64, String)> = r["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["line"].as_u64().unwrap(),
                i["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let of = |n: u64| {
        reasons
            .iter()
            .find(|(l, _)| *l == n)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("line {n}: {reasons:?}"))
    };
    assert!(
        of(3).starts_with("the \"ref\" field is missing"),
        "{}",
        of(3)
    );
    assert_eq!(of(4), "\"label\" must be a string");
    assert!(of(5).starts_with("not a JSON object"), "{}", of(5));
    assert!(
        of(6).starts_with("not valid JSON (at character "),
        "{}",
        of(6)
    );
    for (_, reason) in &reasons {
        for internal in ["column", "EOF", "expected", "invalid type"] {
            assert!(!reason.contains(internal), "{reason}");
        }
    }
}
