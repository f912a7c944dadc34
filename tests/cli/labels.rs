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
    assert_eq!(again["unchanged"], 2);
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
