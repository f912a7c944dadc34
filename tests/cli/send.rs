//! `send`, `send sign`, `send broadcast`, `send bump` and `wallet fees` through the
//! binary. Every signed transaction is verified by Bitcoin Core's script interpreter
//! (libbitcoinconsensus) against the outputs it spends.

use crate::common::{Env, dump_vault, open_vault};
use crate::fund;
use crate::typed::{
    AddrKind, AddressPage, Balances, BtcSendStatus, BtcSent, EthSendStatus, EthSent, HistoryDetail,
    HistoryPage, SecurityShown, UriSource,
};
use bitcoin::{Network, Transaction};
use std::str::FromStr as _;

/// A funded regtest wallet "main" of user `user` (script type `script`): two confirmed
/// payments of 100,000 and 50,000 sat to its first two addresses. Returns the funding.
fn funded(env: &Env, user: &str, script: &str) -> Transaction {
    env.register(user);
    env.ok(&[
        "wallet",
        "create",
        "main",
        "--network",
        "regtest",
        "--chains",
        "btc",
        "--script-type",
        script,
    ]);
    let a = env.ok(&["addr", "new", "--count", "2"]);
    let (a0, a1) = (
        a["items"][0]["address"].as_str().unwrap(),
        a["items"][1]["address"].as_str().unwrap(),
    );
    let tx = fund::pay(&[(a0, 100_000), (a1, 50_000)], Network::Regtest, 7);
    env.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&tx),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    tx
}

/// Someone else's regtest address.
fn payee(n: u8) -> String {
    use bitcoin::secp256k1::{Secp256k1, SecretKey};
    let sk = SecretKey::from_slice(&[n; 32]).unwrap();
    let pk = bitcoin::CompressedPublicKey(sk.public_key(&Secp256k1::new()));
    bitcoin::Address::p2wpkh(&pk, Network::Regtest).to_string()
}

fn sign_opts(env: &Env) -> [String; 3] {
    ["--yes".into(), "--pin-file".into(), env.secret_path("pin")]
}

fn send(env: &Env, args: &[&str]) -> BtcSent {
    let opts = sign_opts(env);
    let mut a = vec!["send"];
    a.extend_from_slice(args);
    a.extend(opts.iter().map(String::as_str));
    env.ok_as(&a)
}

/// `send sign FILE EXTRA… --yes --pin-file PIN`, expected to fail with `exit`; the
/// error message.
fn sign_err(env: &Env, file: &std::path::Path, extra: &[&str], exit: i32) -> String {
    let pin = env.secret_path("pin");
    let mut a = vec!["send", "sign", file.to_str().unwrap()];
    a.extend_from_slice(extra);
    a.extend_from_slice(&["--yes", "--pin-file", &pin]);
    env.err_as(&a, exit).message
}

fn balance_sat(env: &Env) -> (u64, u64) {
    let b = &env.ok_as::<Balances>(&["wallet", "balance"]).items[0];
    (b.confirmed_sat.unwrap(), b.pending_sat.unwrap())
}

fn status_of(env: &Env, user: &str, txid: &str) -> (String, Option<String>, Option<String>) {
    open_vault(env, user, "vault.age")
        .query_row(
            "SELECT status, replaces, replaced_by FROM transactions WHERE hex(txid) = upper(?1)",
            [txid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// Fee arithmetic of a signed transaction: inputs - outputs = fee, and the rate is
/// within 1% of the one asked for.
fn check_fee(tx: &Transaction, funding: &Transaction, data: &BtcSent, rate: f64) {
    let inputs: u64 = tx
        .input
        .iter()
        .map(|i| {
            funding.output[i.previous_output.vout as usize]
                .value
                .to_sat()
        })
        .sum();
    let fee = inputs - fund::out_value(tx);
    assert_eq!(data.review.fee_sat, fee, "{data:?}");
    assert_eq!(data.review.vsize, tx.vsize() as u64);
    assert!(data.review.vsize_final);
    let actual = fee as f64 / tx.vsize() as f64;
    assert!(
        (actual - rate).abs() <= rate * 0.01,
        "rate {actual} for {rate} asked"
    );
}

#[test]
fn a_payment_is_signed_verified_by_consensus_and_recorded() {
    let env = Env::new();
    let funding = funded(&env, "alice", "segwit");
    let to = payee(0x21);
    let raw_out = env.secrets.join("tx.hex");
    let r = send(
        &env,
        &[
            "--to",
            &to,
            "--amount",
            "0.0012",
            "--fee",
            "5",
            "--note",
            "rent",
            "--raw-out",
            raw_out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::read_to_string(&raw_out).unwrap().trim(),
        r.hex.as_deref().unwrap()
    );
    assert_eq!(r.status, BtcSendStatus::Signed, "{r:?}");
    assert!(!r.broadcast);
    let tx = fund::parse(r.hex.as_deref().unwrap());
    assert_eq!(r.txid, tx.compute_txid().to_string());
    fund::verify(&tx, &[&funding]).expect("consensus");
    // The check can fail: the same transaction with a changed output does not verify.
    let mut tampered = tx.clone();
    tampered.output[0].value = bitcoin::Amount::from_sat(tampered.output[0].value.to_sat() - 1);
    assert!(fund::verify(&tampered, &[&funding]).is_err());

    check_fee(&tx, &funding, &r, 5.0);
    let review = &r.review;
    assert_eq!(review.recipients[0].address, to);
    assert_eq!(review.recipients[0].amount, "0.00120000");
    assert!(!review.recipients[0].ours);
    assert_eq!(review.change.len(), 1, "{review:?}");
    assert!(review.change[0].ours);
    assert_eq!(review.change[0].path.as_deref(), Some("m/84'/1'/0'/1/0"));
    assert!(review.rbf);
    assert!(tx.is_explicitly_rbf());
    let fee = review.fee_sat;
    assert_eq!(review.total_debited_sat, 120_000 + fee);
    // Inputs are spent, the change is pending.
    let change = review.change[0].amount_sat;
    assert_eq!(balance_sat(&env), (0, change));
    assert_eq!(change, 150_000 - 120_000 - fee);
    let (status, _, _) = status_of(&env, "alice", r.txid.as_str());
    assert_eq!(status, "pending");
    let note: String = open_vault(&env, "alice", "vault.age")
        .query_row(
            "SELECT note FROM transactions WHERE hex(txid) = upper(?1)",
            [r.txid.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "rent");
    // The change address is now in the address list.
    let change_list = env
        .ok_as::<AddressPage>(&["addr", "list", "--used"])
        .check();
    assert!(
        change_list
            .items
            .iter()
            .any(|a| a.kind == AddrKind::Change && a.balance_sat == Some(change)),
        "{change_list:?}"
    );
    let events = env.events();
    assert!(events.contains(&"btc_tx_signed".to_string()), "{events:?}");
}

#[test]
fn batch_and_send_max() {
    let env = Env::new();
    let funding = funded(&env, "alice", "segwit");
    let (p1, p2, p3) = (payee(1), payee(2), payee(3));
    let r = send(
        &env,
        &[
            "--to", &p1, "--amount", "0.0001", "--to", &p2, "--amount", "20000sat", "--to", &p3,
            "--amount", "0.0003", "--fee", "fast",
        ],
    );
    let tx = fund::parse(r.hex.as_deref().unwrap());
    fund::verify(&tx, &[&funding]).expect("consensus");
    assert_eq!(r.review.recipients.len(), 3);
    let paid: Vec<u64> = [&p1, &p2, &p3]
        .iter()
        .map(|p| {
            tx.output
                .iter()
                .find(|o| {
                    bitcoin::Address::from_script(&o.script_pubkey, Network::Regtest)
                        .unwrap()
                        .to_string()
                        == **p
                })
                .unwrap()
                .value
                .to_sat()
        })
        .collect();
    assert_eq!(paid, [10_000, 20_000, 30_000]);
    check_fee(&tx, &funding, &r, 5.0); // regtest default for fast

    // Send-max sweeps the rest (the pending change) with no change output.
    let all = balance_sat(&env);
    let to = payee(4);
    let m = send(&env, &["--to", &to, "--max", "--fee", "2"]);
    let sweep = fund::parse(m.hex.as_deref().unwrap());
    assert_eq!(sweep.output.len(), 1);
    assert!(m.review.change.is_empty());
    let fee = m.review.fee_sat;
    assert_eq!(sweep.output[0].value.to_sat() + fee, all.0 + all.1);
    fund::verify(&sweep, &[&tx, &funding]).expect("consensus");
    assert_eq!(balance_sat(&env), (0, 0));
}

#[test]
fn bad_payments_are_refused_and_change_nothing() {
    let env = Env::new();
    funded(&env, "alice", "segwit");
    let before = dump_vault(&env, "alice");
    let pin = env.secret_path("pin");
    let to = payee(9);
    let mainnet = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["--to", &to, "--amount", "0.01"],
            6,
            "insufficient_funds",
        ),
        (
            vec!["--to", &to, "--amount", "0.00000100"],
            5,
            "invalid_input",
        ),
        (
            vec!["--to", mainnet, "--amount", "0.0001"],
            5,
            "invalid_input",
        ),
        (
            vec!["--to", "bcrt1qnotanaddress", "--amount", "0.0001"],
            5,
            "invalid_input",
        ),
        (
            vec!["--to", &to, "--amount", "0.000000001"],
            5,
            "invalid_input",
        ),
        (vec!["--to", &to, "--amount", "-1"], 5, "invalid_input"),
        (
            vec!["--to", &to, "--amount", "0.0001", "--fee", "0"],
            5,
            "invalid_input",
        ),
        (
            vec!["--to", &to, "--amount", "0.0001", "--fee", "warp"],
            5,
            "invalid_input",
        ),
        (
            vec!["--to", &to, "--to", &to, "--amount", "0.0001"],
            5,
            "invalid_input",
        ),
        (vec!["--amount", "0.0001"], 2, "usage"),
    ];
    for (args, exit, code) in cases {
        let mut a = vec!["send"];
        a.extend_from_slice(&args);
        a.extend_from_slice(&["--yes", "--pin-file", &pin]);
        let e = env.err_as(&a, exit);
        assert_eq!(e.code, code, "{args:?}: {e}");
    }
    let e = env.err_as(
        &[
            "send",
            "--to",
            &to,
            "--amount",
            "0.01",
            "--yes",
            "--pin-file",
            &pin,
        ],
        6,
    );
    assert!(
        e.message.as_str().contains("0.00150000 BTC available"),
        "{e}"
    );
    assert_eq!(e.available_units.as_deref(), Some("150000"));
    let e = env.err_as(
        &[
            "send",
            "--to",
            mainnet,
            "--amount",
            "0.0001",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    let m = e.message.as_str();
    assert!(
        m.contains("for bitcoin, not regtest") && m.contains(mainnet),
        "{e}"
    );
    assert_eq!(e.field.as_deref(), Some("to"));
    // No terminal and no --yes: a confirmation is required, never assumed.
    let e = env.err_as(
        &[
            "send",
            "--to",
            &to,
            "--amount",
            "0.0001",
            "--pin-file",
            &pin,
        ],
        2,
    );
    assert_eq!(e.code, "input_required");
    assert_eq!(before, dump_vault(&env, "alice"), "a refused payment wrote");
    // A wrong PIN signs nothing (the failure is audited).
    env.secret("badpin", "9999");
    let bad = env.secret_path("badpin");
    let e = env.err_as(
        &[
            "send",
            "--to",
            &to,
            "--amount",
            "0.0001",
            "--yes",
            "--pin-file",
            &bad,
        ],
        3,
    );
    assert_eq!(e.code, "wrong_pin");
    assert_eq!(balance_sat(&env), (150_000, 0));
    assert!(env.events().contains(&"pin_failed".to_string()));
}

#[test]
fn rbf_bump_pays_more_with_the_same_inputs() {
    let env = Env::new();
    let funding = funded(&env, "alice", "segwit");
    let to = payee(5);
    let r = send(&env, &["--to", &to, "--amount", "0.0004", "--fee", "2"]);
    let old = fund::parse(r.hex.as_deref().unwrap());
    let old_fee = r.review.fee_sat;
    let txid = r.txid.as_str().to_string();

    // Not enough: a replacement must pay more.
    let pin = env.secret_path("pin");
    let e = env.err_as(
        &[
            "send",
            "bump",
            &txid,
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(e.message.as_str().contains("more"), "{e}");

    let b = send(&env, &["bump", &txid, "--fee", "20"]);
    assert_eq!(b.status, BtcSendStatus::Signed, "{b:?}");
    assert_eq!(b.replaces.as_deref(), Some(txid.as_str()));
    let new = fund::parse(b.hex.as_deref().unwrap());
    fund::verify(&new, &[&funding]).expect("consensus");
    let ins = |t: &Transaction| {
        let mut v: Vec<_> = t.input.iter().map(|i| i.previous_output).collect();
        v.sort();
        v
    };
    assert_eq!(ins(&new), ins(&old));
    let new_fee = b.review.fee_sat;
    assert!(new_fee > old_fee * 5, "{old_fee} -> {new_fee}");
    check_fee(&new, &funding, &b, 20.0);
    assert_eq!(
        status_of(&env, "alice", &txid),
        ("replaced".into(), None, Some(b.txid.as_str().into()))
    );
    let (status, replaces, _) = status_of(&env, "alice", b.txid.as_str());
    assert_eq!(
        (status.as_str(), replaces.as_deref()),
        ("pending", Some(txid.as_str()))
    );
    // The payee still gets the same amount; the balance reflects the new fee.
    let (c, p) = balance_sat(&env);
    assert_eq!(c + p, 150_000 - 40_000 - new_fee);

    // --no-rbf cannot be bumped.
    let r = send(
        &env,
        &["--to", &to, "--amount", "0.0001", "--fee", "2", "--no-rbf"],
    );
    assert!(!fund::parse(r.hex.as_deref().unwrap()).is_explicitly_rbf());
    let e = env.err_as(
        &[
            "send",
            "bump",
            r.txid.as_str(),
            "--fee",
            "30",
            "--yes",
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(e.message.as_str().contains("RBF"), "{e}");
    env.err_as(&["send", "bump", &"ab".repeat(32), "--fee", "30"], 4);
}

#[test]
fn taproot_payments_verify_by_consensus() {
    let env = Env::new();
    let funding = funded(&env, "alice", "taproot");
    let r = send(
        &env,
        &["--to", &payee(6), "--amount", "0.0007", "--fee", "3"],
    );
    let tx = fund::parse(r.hex.as_deref().unwrap());
    fund::verify(&tx, &[&funding]).expect("consensus");
    check_fee(&tx, &funding, &r, 3.0);
    let mut tampered = tx.clone();
    tampered.output[0].value = bitcoin::Amount::from_sat(1000);
    assert!(fund::verify(&tampered, &[&funding]).is_err());
    assert_eq!(r.review.change[0].path.as_deref(), Some("m/86'/1'/0'/1/0"));
}

#[test]
fn fee_levels_can_be_set_per_network() {
    let env = Env::new();
    env.register("alice");
    let f = env.ok(&["wallet", "fees", "--network", "regtest"]);
    assert_eq!(f["levels"][1]["sat_per_vb"], "2.00");
    assert_eq!(f["levels"][1]["source"], "default");
    let f = env.ok(&[
        "wallet",
        "fees",
        "set",
        "slow=1",
        "normal=3.5",
        "fast=12",
        "--network",
        "regtest",
    ]);
    assert_eq!(f["levels"][1]["sat_per_vb"], "3.50");
    assert_eq!(f["levels"][2]["source"], "user");
    assert_eq!(
        env.ok(&["wallet", "fees"])["levels"][1]["source"],
        "default"
    );
    env.err_as(
        &["wallet", "fees", "set", "normal=0", "--network", "regtest"],
        5,
    );
    env.err_as(&["wallet", "fees", "set", "turbo=5"], 5);
    env.err_as(
        &["wallet", "fees", "set", "slow=20", "--network", "regtest"],
        5,
    );
    let f = env.ok(&["wallet", "fees", "--network", "regtest"]);
    assert_eq!(f["levels"][0]["sat_per_vb"], "1.00");
}

/// The whole cold-signing workflow across two homes: the offline home holds the keys,
/// the online home a watch-only copy; both learn the funding; online builds a PSBT,
/// offline reviews and signs it, online finalizes and extracts it; consensus verifies
/// it and the balances agree.
#[test]
fn cold_signing_across_two_homes() {
    let offline = Env::new();
    let funding = funded(&offline, "cold", "segwit");
    let online = Env::new();
    crate::common::watch_only_copy(&offline, &online, "hot");
    online.ok(&[
        "receive",
        "import",
        "--tx",
        &fund::hex(&funding),
        "--height",
        "101",
        "--block-time",
        "1769860800",
    ]);
    assert_eq!(balance_sat(&online), balance_sat(&offline));

    // Online: a watch-only wallet writes a PSBT even without --unsigned-out.
    let psbt = online.secrets.join("pay.psbt");
    let to = payee(8);
    let u: BtcSent = online.ok_as(&[
        "send",
        "--to",
        &to,
        "--amount",
        "0.0011",
        "--fee",
        "4",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    assert_eq!(u.status, BtcSendStatus::Unsigned, "{u:?}");
    assert!(!u.review.vsize_final);
    assert!(u.review.change[0].ours);
    let no_file: BtcSent = online.ok_as(&["send", "--to", &to, "--amount", "0.0001"]);
    assert_eq!(no_file.status, BtcSendStatus::Unsigned);
    assert!(no_file.psbt.as_deref().unwrap().starts_with("cHNidP"));
    // What any signer needs: each input's UTXO and BIP-32 derivation, the change's too.
    let parsed: bitcoin::psbt::Psbt = std::fs::read_to_string(&psbt)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let fp = offline.ok(&["wallet", "show", "main"])["accounts"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    for input in &parsed.inputs {
        assert!(input.witness_utxo.is_some() || input.non_witness_utxo.is_some());
        let (origin_fp, path) = input.bip32_derivation.values().next().expect("derivation");
        assert_eq!(origin_fp.to_string(), fp);
        assert!(path.to_string().starts_with("84'/1'/0'/0/"), "{path}");
    }
    assert!(
        parsed
            .outputs
            .iter()
            .any(|o| !o.bip32_derivation.is_empty())
    );

    // Offline: the signer checks, reviews and signs.
    let offline_psbt = offline.secrets.join("pay.psbt");
    std::fs::copy(&psbt, &offline_psbt).unwrap();
    let pin = offline.secret_path("pin");
    let s: BtcSent = offline.ok_as(&[
        "send",
        "sign",
        offline_psbt.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(s.status, BtcSendStatus::Signed, "{s:?}");
    assert_eq!(s.review.recipients[0].address, to);
    assert!(s.review.change[0].ours);
    let signed = offline.secrets.join("pay.signed.psbt");
    assert_eq!(s.file.as_deref(), Some(signed.to_str().unwrap()));
    // Signing it again is refused: it is finalized.
    assert!(sign_err(&offline, &signed, &[], 5).contains("finalized"));

    // Online: finalize, extract, record.
    let online_signed = online.secrets.join("pay.signed.psbt");
    std::fs::copy(&signed, &online_signed).unwrap();
    let b = online.ok(&["send", "broadcast", online_signed.to_str().unwrap()]);
    assert_eq!(b["recorded_in"], serde_json::json!(["main"]));
    assert_eq!(b["broadcast"], false);
    let tx = fund::parse(b["hex"].as_str().unwrap());
    assert_eq!(b["txid"], u.txid);
    fund::verify(&tx, &[&funding]).expect("consensus");
    assert_eq!(balance_sat(&online), balance_sat(&offline));
    let (c, p) = balance_sat(&online);
    assert_eq!(c + p, 150_000 - 110_000 - s.review.fee_sat);
    // A fee bump of a watch-only wallet is a PSBT too; once signed offline and
    // broadcast online, the original is marked replaced on both sides.
    let bump = online.secrets.join("bump.psbt");
    let bu: BtcSent = online.ok_as(&[
        "send",
        "bump",
        &u.txid,
        "--fee",
        "12",
        "--unsigned-out",
        bump.to_str().unwrap(),
    ]);
    assert_eq!(bu.status, BtcSendStatus::Unsigned, "{bu:?}");
    assert_eq!(bu.replaces.as_ref(), Some(&u.txid));
    let offline_bump = offline.secrets.join("bump.psbt");
    std::fs::copy(&bump, &offline_bump).unwrap();
    let sb: BtcSent = offline.ok_as(&[
        "send",
        "sign",
        offline_bump.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(sb.status, BtcSendStatus::Signed, "{sb:?}");
    let online_bump = online.secrets.join("bump.signed.psbt");
    std::fs::copy(offline.secrets.join("bump.signed.psbt"), &online_bump).unwrap();
    let bb = online.ok(&["send", "broadcast", online_bump.to_str().unwrap()]);
    let bumped = fund::parse(bb["hex"].as_str().unwrap());
    fund::verify(&bumped, &[&funding]).expect("consensus");
    for (env, user) in [(&online, "hot"), (&offline, "cold")] {
        assert_eq!(status_of(env, user, &u.txid).0, "replaced", "{user}");
    }
    assert_eq!(balance_sat(&online), balance_sat(&offline));
    let tx = bumped;

    // Raw hex broadcasts too, and changes nothing the second time.
    let hex_file = online.secrets.join("tx.hex");
    std::fs::write(&hex_file, fund::hex(&tx)).unwrap();
    let again = online.ok(&["send", "broadcast", hex_file.to_str().unwrap()]);
    assert_eq!(again["txid"], tx.compute_txid().to_string());
    assert_eq!(balance_sat(&online), balance_sat(&offline));
}

#[test]
fn the_signer_refuses_what_is_not_its_own() {
    let env = Env::new();
    let funding = funded(&env, "alice", "segwit");
    let pin = env.secret_path("pin");
    let psbt = env.secrets.join("pay.psbt");
    env.ok(&[
        "send",
        "--to",
        &payee(3),
        "--amount",
        "0.0002",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&psbt).unwrap();
    let parsed: bitcoin::psbt::Psbt = text.trim().parse().unwrap();

    // Another vault's wallet: not its keys.
    let other = Env::new();
    funded(&other, "bob", "segwit");
    assert!(sign_err(&other, &psbt, &[], 5).contains("holds its keys"));
    assert!(sign_err(&other, &psbt, &["--wallet", "main"], 5).contains("another wallet"));

    // A change output swapped for someone else's script, still claiming our derivation.
    let mut tampered = parsed.clone();
    let change = tampered
        .outputs
        .iter()
        .position(|o| !o.bip32_derivation.is_empty())
        .expect("a change output with its derivation");
    let thief = bitcoin::Address::from_str(&payee(0x66))
        .unwrap()
        .assume_checked();
    tampered.unsigned_tx.output[change].script_pubkey = thief.script_pubkey();
    let bad = env.secrets.join("tampered.psbt");
    std::fs::write(&bad, tampered.to_string()).unwrap();
    let before = dump_vault(&env, "alice");
    assert!(sign_err(&env, &bad, &[], 5).contains("does not derive"));

    // Malformed.
    let junk = env.secrets.join("junk.psbt");
    std::fs::write(&junk, "cHNidP8BAHECAAAAAf==").unwrap();
    assert!(sign_err(&env, &junk, &[], 5).contains("not a PSBT"));
    sign_err(&env, std::path::Path::new("/nonexistent.psbt"), &[], 5);
    assert_eq!(before, dump_vault(&env, "alice"), "a refused PSBT wrote");
    assert!(!env.secrets.join("tampered.signed.psbt").exists());

    // The genuine one signs.
    let s: BtcSent = env.ok_as(&[
        "send",
        "sign",
        psbt.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    fund::verify(&fund::parse(s.hex.as_deref().unwrap()), &[&funding]).expect("consensus");
}

/// Bitcoin Core's own check: a wallet funded by a real regtest node pays back to the
/// node (segwit and taproot); `testmempoolaccept` accepts each signed transaction, the
/// node mines it, and an RBF replacement of a transaction in its mempool is accepted.
#[test]
fn bitcoin_core_accepts_what_coffer_signs() {
    let node = crate::node::Node::start();
    node.rpc(&["createwallet", "miner"]);
    let mine_to = node.rpc(&["-rpcwallet=miner", "getnewaddress"]);
    let mine_to = mine_to.as_str().unwrap().to_string();
    node.rpc(&["generatetoaddress", "101", &mine_to]);
    let env = Env::new();
    env.register("alice");
    let pin = env.secret_path("pin");
    for (name, script) in [("sw", "segwit"), ("tr", "taproot")] {
        env.ok(&[
            "wallet",
            "create",
            name,
            "--network",
            "regtest",
            "--chains",
            "btc",
            "--script-type",
            script,
        ]);
        let ours = env.ok(&["receive", "--wallet", name])["address"]
            .as_str()
            .unwrap()
            .to_string();
        let txid = node.rpc(&["-rpcwallet=miner", "sendtoaddress", &ours, "0.01"]);
        let txid = txid.as_str().unwrap().to_string();
        node.rpc(&["generatetoaddress", "1", &mine_to]);
        let t = node.rpc(&["-rpcwallet=miner", "gettransaction", &txid]);
        let height = t["blockheight"].to_string();
        let time = t["blocktime"].to_string();
        let r = env.ok(&[
            "receive",
            "import",
            "--wallet",
            name,
            "--tx",
            t["hex"].as_str().unwrap(),
            "--height",
            &height,
            "--block-time",
            &time,
            "--block-hash",
            t["blockhash"].as_str().unwrap(),
        ]);
        assert_eq!(r["amount_sat"], 1_000_000, "{r}");
        assert_eq!(r["our_addresses"], serde_json::json!([ours]), "{r}");

        let back = node.rpc(&["-rpcwallet=miner", "getnewaddress"]);
        let s: BtcSent = env.ok_as(&[
            "send",
            "--wallet",
            name,
            "--to",
            back.as_str().unwrap(),
            "--amount",
            "0.004",
            "--fee",
            "3",
            "--yes",
            "--pin-file",
            &pin,
        ]);
        let hex = s.hex.as_deref().unwrap();
        let accept = node.rpc(&["testmempoolaccept", &format!("[\"{hex}\"]")]);
        assert_eq!(accept[0]["allowed"], true, "{script}: {accept}");
        assert_eq!(accept[0]["vsize"], s.review.vsize, "{accept}");
        node.rpc(&["sendrawtransaction", hex]);

        // Replace it while it sits in the node's mempool.
        let b: BtcSent = env.ok_as(&[
            "send",
            "bump",
            s.txid.as_str(),
            "--fee",
            "10",
            "--yes",
            "--pin-file",
            &pin,
        ]);
        let bumped = b.hex.as_deref().unwrap();
        let accept = node.rpc(&["testmempoolaccept", &format!("[\"{bumped}\"]")]);
        assert_eq!(accept[0]["allowed"], true, "{script} bump: {accept}");
        node.rpc(&["sendrawtransaction", bumped]);
        node.rpc(&["generatetoaddress", "1", &mine_to]);
        let tip = node.rpc(&["getbestblockhash"]);
        let mined = node.rpc(&[
            "getrawtransaction",
            b.txid.as_str(),
            "true",
            tip.as_str().unwrap(),
        ]);
        assert!(mined["confirmations"].as_u64().unwrap() >= 1, "{mined}");
    }
}

/// `send confirm` with 2FA on: the PIN and the code are asked on the snapshot and checked
/// in the write that signs. A wrong PIN is told first (no code is asked for: none is
/// given here, and there is no terminal); a wrong code refuses it with nothing signed
/// and the send still held; the right code signs it.
#[test]
fn a_held_send_with_two_factor_on_checks_the_pin_then_the_code() {
    use coffer::vault::totp;
    let env = Env::new();
    funded(&env, "alice", "segwit");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // A step-aligned test clock a little ahead of real time (the session stays valid).
    let base = (now / 30) * 30 + 300;
    let at = |t: i64, args: &[&str]| {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = env
            .command(&a)
            .env("COFFER_TEST_NOW", t.to_string())
            .output()
            .unwrap();
        let v = serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        (out.status.code().unwrap(), v)
    };
    let secret = at(base, &["security", "2fa", "enable"]).1["data"]["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = totp::generator(
        &totp::secret_bytes(&secrecy::SecretString::from(secret)).unwrap(),
        "alice",
    )
    .unwrap();
    let code_at = |t: i64| g.generate(t as u64).to_string();
    let (c, on) = at(
        base,
        &["security", "2fa", "enable", "--code", &code_at(base)],
    );
    assert_eq!(
        (c, &on["data"]["status"]),
        (0, &serde_json::json!("enabled")),
        "{on}"
    );
    let (c, _) = at(base, &["security", "set", "limit-tx", "BTC", "0.0003"]);
    assert_eq!(c, 0);
    let pin = env.secret_path("pin");
    let t = base + 30;
    let (c, e) = at(
        t,
        &[
            "send",
            "--to",
            &payee(4),
            "--amount",
            "0.0004",
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ],
    );
    assert_eq!(c, 6, "{e}");
    let id = e["error"]["approval_id"].as_str().unwrap().to_string();
    let wrong_pin = env.secret("wrong-pin", "9999");
    let (c, e) = at(
        t,
        &["send", "confirm", &id, "--yes", "--pin-file", &wrong_pin],
    );
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_pin")),
        "{e}"
    );
    let window = [code_at(t - 30), code_at(t), code_at(t + 30)];
    let wrong = (0..4u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !window.contains(c))
        .unwrap();
    let confirm = |t: i64, code: &str| {
        at(
            t,
            &[
                "send",
                "confirm",
                &id,
                "--yes",
                "--pin-file",
                &pin,
                "--totp-code",
                code,
            ],
        )
    };
    let (c, e) = confirm(t, &wrong);
    assert_eq!(
        (c, e["error"]["code"].as_str()),
        (3, Some("wrong_totp")),
        "{e}"
    );
    let (_, held) = at(t, &["history", "--status", "awaiting_approval"]);
    assert_eq!(held["data"]["total"], 1, "still held: {held}");
    let (c, sent) = confirm(t, &code_at(t));
    assert_eq!(
        (c, &sent["data"]["status"]),
        (0, &serde_json::json!("signed")),
        "{sent}"
    );
    let events = env.events();
    for e in ["pin_failed", "send_approved"] {
        assert!(events.contains(&e.to_string()), "{e} in {events:?}");
    }
}

/// Limits and approval: a send over the per-transaction limit, or to a recipient never
/// paid while confirm-new-recipient is on, is held (exit 6, approval id) and nothing is
/// signed; `send confirm` signs it behind the PIN; `send cancel` drops one; two sends
/// that together pass the daily limit need --override-limit, audited.
#[test]
fn limits_hold_sends_for_approval() {
    let env = Env::new();
    let funding = funded(&env, "alice", "segwit");
    let pin = env.secret_path("pin");
    env.ok(&["security", "set", "limit-tx", "BTC", "0.0003"]);
    env.ok(&["security", "set", "limit-daily", "BTC", "0.0006"]);
    env.err_as(&["security", "set", "limit-tx", "DOGE", "1"], 5);
    env.err_as(&["security", "set", "limit-tx", "BTC"], 5);
    env.err_as(&["security", "set", "level", "maximum"], 5);
    let send_err = |args: &[&str], exit: i32| {
        let mut a = vec!["send"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--yes", "--pin-file", &pin]);
        env.err_as(&a, exit)
    };
    // Within the limits: signed at once.
    let s = send(
        &env,
        &["--to", &payee(1), "--amount", "0.0001", "--fee", "2"],
    );
    assert_eq!(s.status, BtcSendStatus::Signed, "{s:?}");
    // Over the per-transaction limit: held, nothing signed.
    let (before, _) = balance_sat(&env);
    let e = send_err(&["--to", &payee(2), "--amount", "0.0004", "--fee", "2"], 6);
    assert_eq!(e.code, "approval_required", "{e}");
    let id = e.approval_id.clone().unwrap();
    assert!(
        e.reasons.as_ref().unwrap()[0].contains("per-transaction limit"),
        "{e}"
    );
    assert_eq!(balance_sat(&env).0, before, "nothing spent");
    let held: HistoryPage = env.ok_as(&["history", "--status", "awaiting_approval"]);
    assert_eq!(held.total, 1, "{held:?}");
    assert!(held.items[0].amount.starts_with("-0.0004"), "{held:?}");
    // Confirm: the PIN is required; then it is signed and valid.
    let wrong = env.secret("wrong-pin", "9999");
    env.err_as(&["send", "confirm", &id, "--yes", "--pin-file", &wrong], 3);
    let c: BtcSent = env.ok_as(&["send", "confirm", &id, "--yes", "--pin-file", &pin]);
    assert_eq!(c.status, BtcSendStatus::Signed, "{c:?}");
    let tx = fund::parse(c.hex.as_deref().unwrap());
    // It may spend the funding or the change of the first payment.
    let first = fund::parse(s.hex.as_deref().unwrap());
    fund::verify(&tx, &[&funding, &first]).unwrap();
    env.err_as(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 5);
    assert_eq!(
        env.ok_as::<HistoryPage>(&["history", "--status", "awaiting_approval"])
            .total,
        0
    );
    // A PSBT made elsewhere (here with --unsigned-out) meets the policy when signed.
    let psbt = env.secrets.join("big.psbt");
    let psbt = psbt.to_str().unwrap();
    env.ok(&[
        "send",
        "--to",
        &payee(3),
        "--amount",
        "0.0004",
        "--fee",
        "2",
        "--unsigned-out",
        psbt,
    ]);
    let e = env.err_as(&["send", "sign", psbt, "--yes", "--pin-file", &pin], 6);
    assert_eq!(e.code, "approval_required", "{e}");
    // The held send keeps no network: its asset is read with its account's (found by
    // its history row while it waits, else by the wallet it names, which follows a
    // rename).
    env.ok(&["wallet", "rename", "main", "renamed"]);
    let status = env.ok(&["status", "--offline"]);
    assert_eq!(status["held"]["items"][0]["asset"], "BTC", "{status}");
    assert_eq!(status["held"]["items"][0]["wallet"], "renamed", "{status}");
    let cancelled = env.ok(&["send", "cancel", e.approval_id.as_deref().unwrap()]);
    assert_eq!(cancelled["approval"]["asset"], "BTC", "{cancelled}");
    assert_eq!(cancelled["approval"]["status"], "cancelled", "{cancelled}");
    env.ok(&["wallet", "rename", "renamed", "main"]);
    // 0.0001 + 0.0004 (and fees) sent today: another 0.0002 passes the daily 0.0006.
    let e = send_err(&["--to", &payee(1), "--amount", "0.0002", "--fee", "2"], 6);
    assert!(
        e.reasons.as_ref().unwrap()[0].contains("daily limit"),
        "{e}"
    );
    let id = e.approval_id.clone().unwrap();
    let e = env.err_as(&["send", "confirm", &id, "--yes", "--pin-file", &pin], 6);
    assert_eq!(e.code, "limit_exceeded", "{e}");
    let c: BtcSent = env.ok_as(&[
        "send",
        "confirm",
        &id,
        "--override-limit",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(c.status, BtcSendStatus::Signed, "{c:?}");
    assert!(env.events().contains(&"limit_overridden".to_string()));
    // New recipients: held once; after a payment to it, not again.
    env.ok(&["security", "set", "limit-daily", "BTC", "off"]);
    env.ok(&["security", "set", "confirm-new-recipient", "on"]);
    let e = send_err(&["--to", &payee(9), "--amount", "0.0001", "--fee", "2"], 6);
    assert!(e.reasons.as_ref().unwrap()[0].contains("never paid"), "{e}");
    let held = e.approval_id.clone().unwrap();
    // One write (it decrypted the vault three times before).
    let log = env.secrets.join("cancel-decryptions.log");
    let out = env
        .command(&["--json", "send", "cancel", &held])
        .env("COFFER_TEST_COUNT_DECRYPTS", &log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let x: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let x = &x["data"];
    assert_eq!(x["approval"]["status"], "cancelled", "{x}");
    let decrypted = std::fs::read_to_string(&log).unwrap();
    assert_eq!(decrypted.lines().filter(|l| *l == "vault.age").count(), 1);
    env.err_as(&["send", "confirm", &held, "--yes", "--pin-file", &pin], 5);
    env.err_as(&["send", "cancel", "ap-000000000000"], 4);
    let s = send(
        &env,
        &["--to", &payee(1), "--amount", "0.0001", "--fee", "2"],
    );
    assert_eq!(
        s.status,
        BtcSendStatus::Signed,
        "payee 1 was paid before: {s:?}"
    );
    // Once a payment to a new address is approved, the next one is not held.
    let e = send_err(&["--to", &payee(8), "--amount", "0.0001", "--fee", "2"], 6);
    let id = e.approval_id.clone().unwrap();
    env.ok(&["send", "confirm", &id, "--yes", "--pin-file", &pin]);
    let s = send(
        &env,
        &["--to", &payee(8), "--amount", "0.0001", "--fee", "2"],
    );
    assert_eq!(s.status, BtcSendStatus::Signed, "{s:?}");
    // Level high: every send is held.
    env.ok(&["security", "set", "confirm-new-recipient", "off"]);
    env.ok(&["security", "set", "level", "high"]);
    let e = send_err(&["--to", &payee(1), "--amount", "0.0001", "--fee", "2"], 6);
    assert!(
        e.reasons.as_ref().unwrap()[0].contains("level is high"),
        "{e}"
    );
    let shown: SecurityShown = env.ok_as(&["security", "show"]);
    assert_eq!(shown.level, "high", "{shown:?}");
    assert_eq!(shown.limits[0].asset, "BTC");
    assert_eq!(shown.limits[0].per_tx_units.as_deref(), Some("30000"));
    assert_eq!(shown.limits[0].daily_units, None, "{shown:?}");
    assert_eq!(shown.awaiting_approval, 1);
    // At level high the mnemonic still needs the PIN (and a code with 2FA on).
    let r = env.ok(&["wallet", "reveal", "main", "--pin-file", &pin]);
    assert!(r["mnemonic"].is_string());
    // At level high every settings change needs the PIN.
    let e = env.err_as(&["security", "set", "confirm-new-recipient", "on"], 2);
    assert_eq!(e.code, "input_required", "{e}");
    env.ok(&["security", "set", "level", "standard", "--pin-file", &pin]);
    env.ok(&["security", "set", "confirm-new-recipient", "on"]);
    let events = env.events();
    for ev in ["send_awaiting_approval", "send_approved", "send_cancelled"] {
        assert!(events.contains(&ev.to_string()), "{ev}: {events:?}");
    }
}

#[test]
fn a_bip21_uri_is_paid_as_it_says_and_the_review_names_the_sources() {
    let env = Env::new();
    funded(&env, "alice", "segwit");
    let to = payee(3);
    let uri = format!("bitcoin:{to}?amount=0.0003&label=Bob%20%26%20Alice&message=March%20rent");
    // Signed with the URI's address, amount and label (as the note).
    let r = send(&env, &["--to", &uri, "--fee", "2", "--no-broadcast"]);
    assert_eq!(r.status, BtcSendStatus::Signed, "{r:?}");
    assert_eq!(r.review.recipients[0].address, to);
    assert_eq!(r.review.recipients[0].amount_sat, 30_000);
    let s = r.review.sources.as_ref().unwrap();
    assert_eq!(s.uri, uri, "{r:?}");
    assert_eq!(
        (s.recipient, s.amount, s.label, s.message.as_deref()),
        (
            UriSource::Uri,
            UriSource::Uri,
            Some(UriSource::Uri),
            Some("March rent")
        ),
        "{s:?}"
    );
    let txid = r.txid.as_str();
    assert_eq!(
        env.ok_as::<HistoryDetail>(&["history", "show", txid])
            .note
            .as_deref(),
        Some("Bob & Alice")
    );

    // An upper-case QR spelling, the same amount on the command line, and a --note
    // that wins over the label: the review says so.
    let psbt = env.secrets.join("u.psbt");
    let qr = format!("BITCOIN:{}?amount=0.0002", to.to_uppercase());
    let r: BtcSent = env.ok_as(&[
        "send",
        "--to",
        &qr,
        "--amount",
        "20000sat",
        "--note",
        "mine",
        "--fee",
        "2",
        "--unsigned-out",
        psbt.to_str().unwrap(),
    ]);
    assert_eq!(r.review.recipients[0].address, to, "{r:?}");
    let s = r.review.sources.as_ref().unwrap();
    assert_eq!(s.amount, UriSource::UriAndCommandLine);
    assert_eq!(s.label, Some(UriSource::CommandLine));
    // People see it in the review too.
    let pin = env.secret_path("pin");
    let human = env.run(&[
        "send",
        "--to",
        &uri,
        "--fee",
        "2",
        "--no-broadcast",
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human
            .stdout
            .contains("recipient from the URI; amount from the URI"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("Message (URI)"), "{}", human.stdout);

    // Refusals, each naming what is wrong, and nothing changes.
    let before = dump_vault(&env, "alice");
    let refused = |to: &str, extra: &[&str], exit: i32| -> String {
        let mut a = vec![
            "send",
            "--to",
            to,
            "--fee",
            "2",
            "--yes",
            "--pin-file",
            &pin,
        ];
        a.extend_from_slice(extra);
        env.err_as(&a, exit).message
    };
    let m = refused(&format!("bitcoin:{to}?amount=0.0001&req-pop=x"), &[], 5);
    assert!(m.contains("req-pop"), "{m}");
    let m = refused(&uri, &["--amount", "0.0004"], 5);
    assert!(
        m.contains("differs from the URI's amount 0.00030000"),
        "{m}"
    );
    let m = refused(&format!("bitcoin:{to}?amount=1e-4"), &[], 5);
    assert!(m.contains("not a decimal number"), "{m}");
    let m = refused(&format!("bitcoin:{to}"), &[], 5);
    assert!(m.contains("no amount"), "{m}");
    let m = refused(
        "ethereum:0x70997970C51812dc3A010C7d01b50e0d17dc79C8?value=1",
        &[],
        5,
    );
    assert!(m.contains("pass --chain eth"), "{m}");
    // Addresses of the other chain, typos, other networks: said in plain words.
    let m = refused(
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        &["--amount", "0.0001"],
        5,
    );
    assert!(
        m.contains("that is an Ethereum address; pass --chain eth"),
        "{m}"
    );
    let mut typo = to.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == 'q' { 'p' } else { 'q' });
    let m = refused(&typo, &["--amount", "0.0001"], 5);
    assert!(
        m.contains("the address has a typo (checksum mismatch)"),
        "{m}"
    );
    let m = refused(
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        &["--amount", "0.0001"],
        5,
    );
    assert!(m.contains("bitcoin, not regtest"), "{m}");
    let m = refused(
        "m0NotBase58AddressAtAllxxxxxxxxxx",
        &["--amount", "0.0001"],
        5,
    );
    assert!(m.contains("'0' cannot appear"), "{m}");
    for m in [m] {
        for internal in ["base58", "residue", "0x30", "bech32"] {
            assert!(!m.contains(internal), "{m}");
        }
    }
    assert_eq!(before, dump_vault(&env, "alice"));
}

/// An Ethereum send made and signed offline reads as its documented types: the unsigned
/// request (no hash, no raw transaction) and then the signed transaction (no request),
/// with the same review.
#[test]
fn an_offline_ethereum_send_reads_as_its_types() {
    let env = Env::new();
    env.register("alice");
    let words = env.secret(
        "words",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
         abandon about",
    );
    env.ok(&[
        "wallet",
        "import",
        "main",
        "--mnemonic-file",
        &words,
        "--chains",
        "eth",
    ]);
    let from = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";
    let file = env.secrets.join("pay.json");
    let u: EthSent = env.ok_as(&[
        "send",
        "--chain",
        "eth",
        "--chain-id",
        "1",
        "--to",
        "0x000000000000000000000000000000000000dEaD",
        "--amount",
        "0.25",
        "--nonce",
        "0",
        "--max-fee",
        "30",
        "--priority-fee",
        "1",
        "--gas-limit",
        "21000",
        "--unsigned-out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(u.status, EthSendStatus::Unsigned, "{u:?}");
    assert_eq!((u.hash.as_deref(), u.raw.as_deref()), (None, None));
    let request = u.request.as_ref().expect("the unsigned request");
    assert_eq!(request.from, from.to_lowercase());
    assert_eq!(request.value, "250000000000000000");
    assert_eq!(u.review.from, from);
    assert_eq!(u.review.max_total_cost_wei, "250630000000000000");
    assert_eq!(u.review.token_contract, None);
    let pin = env.secret_path("pin");
    let s: EthSent = env.ok_as(&[
        "send",
        "sign",
        file.to_str().unwrap(),
        "--yes",
        "--pin-file",
        &pin,
    ]);
    assert_eq!(s.status, EthSendStatus::Signed, "{s:?}");
    assert!(s.request.is_none() && !s.broadcast);
    assert!(s.raw.as_deref().unwrap().starts_with("0x02"), "EIP-1559");
    assert_eq!(s.hash.as_deref().map(str::len), Some(66));
    assert_eq!(
        format!("{:?}", s.review),
        format!("{:?}", u.review),
        "the review signed is the one shown"
    );
}

/// Issue 20 item 5: `send bump` reads its argument as a Bitcoin txid or an Ethereum
/// transaction hash before anything else (the chain follows from the parsed type); a
/// text that is neither says so (`invalid_input` on `txid`, exit 5), with or without
/// --fee, before any vault is opened.
#[test]
fn bump_routes_by_a_parsed_transaction_reference() {
    let env = Env::new();
    for args in [
        &["send", "bump", "nothex"][..],
        &["send", "bump", "nothex", "--fee", "10"],
    ] {
        let e = env.err(args, 5);
        assert_eq!(
            (&e["code"], &e["field"]),
            (&"invalid_input".into(), &"txid".into()),
            "{e}"
        );
        let msg = e["message"].as_str().unwrap();
        assert!(
            msg.contains("neither a Bitcoin txid")
                && msg.contains("nor an Ethereum transaction hash"),
            "{msg}"
        );
    }
    let e = env.err(&["send", "bump", "0x1234", "--fee", "fast"], 5);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("not an Ethereum transaction hash"),
        "{e}"
    );
    // Well-formed ones reach their chain's command (no user here: not found, exit 4).
    let e = env.err(&["send", "bump", &"ab".repeat(32), "--fee", "10"], 4);
    assert_eq!(e["code"], "no_user", "{e}");
    let e = env.err(&["send", "bump", &format!("0x{}", "ab".repeat(32))], 4);
    assert_eq!(e["code"], "no_user", "{e}");
}
