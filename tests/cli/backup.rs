//! `backup create`, `backup verify`, `backup list`.

use crate::common::{Env, open_vault, snapshot, write_vault};
use crate::fund;
use crate::typed::{BackupVerified, Credential, SecurityShown};
use bitcoin::Network;

fn with_data(env: &Env) {
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let a = env.ok(&["addr", "new", "--count", "2"]);
    let to = a["items"][0]["address"].as_str().unwrap();
    let tx = fund::pay(&[(to, 40_000)], Network::Regtest, 99);
    env.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    env.ok(&["history", "label", &tx.compute_txid().to_string(), "first"]);
}

#[test]
fn passphrase_backups_verify_in_memory_and_change_nothing() {
    let env = Env::new();
    with_data(&env);
    let pass = env.secret("backup-pass", "correct horse battery staple");
    let c = env.ok(&[
        "backup",
        "create",
        "--passphrase-file",
        &pass,
        "--note",
        "weekly",
    ]);
    let file = c["file"].as_str().unwrap().to_string();
    assert!(file.contains("/users/alice/backups/coffer-alice-"), "{c}");
    assert!(
        c["protection"]
            .as_str()
            .unwrap()
            .starts_with("passphrase (scrypt")
    );
    assert_eq!(c["header"]["counts"]["wallets"], 1);
    assert_eq!(c["header"]["counts"]["transactions"], 1);
    assert_eq!(c["header"]["counts"]["labels"], 1);
    let raw = std::fs::read(&file).unwrap();
    assert!(
        raw.starts_with(b"age-encryption.org/v1"),
        "the outside is only an age file"
    );
    assert!(
        !raw.windows(5).any(|w| w == b"alice"),
        "nothing readable outside"
    );
    let mode = std::fs::metadata(std::path::Path::new(&file).parent().unwrap())
        .unwrap()
        .permissions();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777,
        0o700
    );

    let home_before = snapshot(&env.home);
    let v: BackupVerified = env.ok_as(&["backup", "verify", &file, "--passphrase-file", &pass]);
    assert!(v.ok, "{v:?}");
    let checks: Vec<&str> = v.checks.iter().map(|c| c.check.as_str()).collect();
    assert_eq!(
        checks,
        [
            "snapshot hash",
            "engine snapshot hash",
            "database integrity",
            "schema version",
            "tables",
            "counts",
            "keys of wallet main"
        ]
    );
    assert!(v.checks.iter().all(|c| c.ok));
    assert_eq!(v.header.note.as_deref(), Some("weekly"));
    // Verification never touches the vault: the home is byte for byte the same, but
    // for the result recorded next to the backup (for `backup list`).
    let record = format!("{file}.verified");
    assert_eq!(v.recorded.as_deref(), Some(record.as_str()), "{v:?}");
    let mut after = snapshot(&env.home);
    let mut before = home_before;
    for s in [&mut before, &mut after] {
        s.retain(|p, _| !p.to_string_lossy().contains("/sessions/"));
    }
    after
        .remove(std::path::Path::new(&record))
        .expect("the record");
    assert_eq!(before, after);
    let l = env.ok(&["backup", "list"]);
    assert_eq!(l["items"][0]["verified_ok"], true, "{l}");
    assert!(l["items"][0]["last_verified"].is_string(), "{l}");

    // Wrong passphrase: exit 3; a flipped byte or a cut file: exit 8; nothing changes.
    let home_before = snapshot(&env.home);
    let wrong = env.secret("wrong-pass", "not it");
    let e = env.err_as(&["backup", "verify", &file, "--passphrase-file", &wrong], 3);
    assert_eq!(e.code, "wrong_passphrase");
    for (name, bytes) in [
        ("flipped.age", {
            let mut b = raw.clone();
            let i = b.len() - 40;
            b[i] ^= 0x01;
            b
        }),
        ("cut.age", raw[..raw.len() - 100].to_vec()),
    ] {
        let p = env.secrets.join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = env.err_as(
            &[
                "backup",
                "verify",
                p.to_str().unwrap(),
                "--passphrase-file",
                &pass,
            ],
            8,
        );
        assert_eq!(e.code, "backup_invalid", "{name}: {e}");
    }
    let not_age = env.secrets.join("plain.txt");
    std::fs::write(&not_age, "hello").unwrap();
    env.err_as(
        &[
            "backup",
            "verify",
            not_age.to_str().unwrap(),
            "--passphrase-file",
            &pass,
        ],
        8,
    );
    // Without a passphrase source and no terminal: a clear error.
    env.err_as(&["backup", "create"], 2);
    let mut after = snapshot(&env.home);
    let mut before = home_before;
    for s in [&mut before, &mut after] {
        s.retain(|p, _| !p.to_string_lossy().contains("/sessions/"));
    }
    assert_eq!(
        before, after,
        "failed verifications and refusals write nothing"
    );

    let l = env.ok(&["backup", "list"]);
    assert_eq!(l["items"][0]["path"], file);
    assert_eq!(l["items"][0]["exists"], true);
    assert_eq!(
        l["items"].as_array().unwrap().len(),
        1,
        "the record is no backup: {l}"
    );
    // A backup changed since it was verified is not shown as verified.
    let mut changed = raw.clone();
    let i = changed.len() - 40;
    changed[i] ^= 0x01;
    std::fs::write(&file, &changed).unwrap();
    let l = env.ok(&["backup", "list"]);
    assert!(l["items"][0]["last_verified"].is_null(), "{l}");
    assert!(env.events().contains(&"backup_created".to_string()));
}

#[test]
fn recipient_backups_need_the_identity() {
    let env = Env::new();
    with_data(&env);
    let id = age::x25519::Identity::generate();
    let id_file = env.secret("identity.txt", &{
        use secrecy::ExposeSecret as _;
        id.to_string().expose_secret().to_string()
    });
    let out = env.secrets.join("offsite.age");
    let c = env.ok(&[
        "backup",
        "create",
        "--recipient",
        &id.to_public().to_string(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(c["protection"], "1 age recipient(s)");
    let v = env.ok(&[
        "backup",
        "verify",
        out.to_str().unwrap(),
        "--identity",
        &id_file,
    ]);
    assert_eq!(v["ok"], true, "{v}");
    env.err_as(&["backup", "verify", out.to_str().unwrap()], 2);
    let other = age::x25519::Identity::generate();
    let other_file = env.secret("other.txt", &{
        use secrecy::ExposeSecret as _;
        other.to_string().expose_secret().to_string()
    });
    let e = env.err_as(
        &[
            "backup",
            "verify",
            out.to_str().unwrap(),
            "--identity",
            &other_file,
        ],
        3,
    );
    assert_eq!(e.code, "wrong_passphrase");
    env.err_as(&["backup", "create", "--recipient", "age1notakey"], 5);

    // Another user's backup verifies as well, and says whose it is.
    env.register("bob");
    let v = env.ok(&[
        "--user",
        "bob",
        "backup",
        "verify",
        out.to_str().unwrap(),
        "--identity",
        &id_file,
    ]);
    assert_eq!(v["header"]["user"], "alice", "{v}");
    // A partial backup where a full one is needed: refused, nothing written.
    let part = env.secrets.join("part.age");
    env.ok(&[
        "--user",
        "alice",
        "backup",
        "create",
        "--partial",
        "labels",
        "--recipient",
        &id.to_public().to_string(),
        "--out",
        part.to_str().unwrap(),
    ]);
    let before = snapshot(&env.home);
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    let e = env.err_as(
        &[
            "restore",
            "vault",
            part.to_str().unwrap(),
            "--identity",
            &id_file,
            "--as",
            "carol",
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ],
        5,
    );
    assert!(e.message.as_str().contains("partial"), "{e}");
    assert_eq!(before, snapshot(&env.home), "nothing written");
}

#[test]
fn a_backup_restores_as_a_new_user_with_everything() {
    let env = Env::new();
    with_data(&env);
    env.ok(&["wallet", "create", "spare", "--chains", "eth"]);
    env.ok(&["addr", "new", "--wallet", "spare", "--label", "tips"]);
    env.ok(&["rates", "set", "BTC/USD", "90000"]);
    let pass = env.secret("backup-pass", "correct horse battery staple");
    let c = env.ok(&["backup", "create", "--passphrase-file", &pass]);
    let file = c["file"].as_str().unwrap().to_string();
    // A copy elsewhere: restore does not need the original home's files.
    let copy = env.secrets.join("copy.age");
    std::fs::copy(&file, &copy).unwrap();

    let pin = env.secret_path("pin");
    let restore = |extra: &[&str]| env.restore_args(copy.to_str().unwrap(), &pass, extra);
    let dry: Vec<String> = restore(&["--as", "alice2", "--dry-run"]);
    let dry: Vec<&str> = dry.iter().map(String::as_str).collect();
    let d = env.ok(&dry);
    assert_eq!(d["dry_run"], true);
    assert_eq!(d["wallets"], serde_json::json!(["main", "spare"]));
    assert!(!env.user_dir("alice2").exists(), "a dry run writes nothing");
    // The existing user is never overwritten.
    let same: Vec<String> = restore(&[]);
    let same: Vec<&str> = same.iter().map(String::as_str).collect();
    env.err_as(&same, 5);

    let real: Vec<String> = restore(&["--as", "alice2"]);
    let real: Vec<&str> = real.iter().map(String::as_str).collect();
    let r = env.ok(&real);
    assert_eq!(r["user"], "alice2");
    assert_eq!(r["from_user"], "alice");
    assert!(
        r["registered"]["recovery_code"]
            .as_str()
            .is_some_and(|c| !c.is_empty())
    );
    for args in [
        vec!["wallet", "list"],
        vec!["addr", "list", "--wallet", "main"],
        vec!["addr", "list", "--wallet", "spare"],
        vec!["history"],
        vec!["labels", "export"],
        vec!["rates", "list"],
        vec!["wallet", "balance"],
    ] {
        let mut a1 = vec!["--user", "alice"];
        a1.extend_from_slice(&args);
        let mut a2 = vec!["--user", "alice2"];
        a2.extend_from_slice(&args);
        // Ages (a rate's `age_secs`) follow the clock between the two reads.
        assert_eq!(
            crate::common::without_ages(env.ok(&a1)),
            crate::common::without_ages(env.ok(&a2)),
            "{args:?} differs after restore"
        );
    }
    // The restored vault opens with its new password and signs with its new PIN.
    env.ok(&[
        "--user",
        "alice2",
        "wallet",
        "reveal",
        "main",
        "--pin-file",
        &pin,
    ]);
    let wrong = env.secret("wrong-pass", "nope");
    let bad: Vec<String> = {
        let mut v = restore(&["--as", "alice3"]);
        let i = v.iter().position(|s| s == &pass).unwrap();
        v[i] = wrong;
        v
    };
    let bad: Vec<&str> = bad.iter().map(String::as_str).collect();
    env.err_as(&bad, 3);
    assert!(!env.user_dir("alice3").exists());
}

#[test]
fn a_wallet_restores_from_its_mnemonic() {
    let env = Env::new();
    env.register("alice");
    let words = env.secret(
        "words",
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    );
    let dry = env.ok(&[
        "restore",
        "wallet",
        "old",
        "--mnemonic-file",
        &words,
        "--dry-run",
    ]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(
        dry["accounts"][0]["first_addresses"][0], "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
        "BIP-84 vector"
    );
    assert_eq!(
        dry["accounts"][1]["first_addresses"][0],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    env.err_as(&["wallet", "show", "old"], 4);

    let r = env.ok(&[
        "restore",
        "wallet",
        "old",
        "--mnemonic-file",
        &words,
        "--gap-limit",
        "7",
    ]);
    assert_eq!(r["dry_run"], false);
    assert_eq!(
        r["accounts"][0]["first_addresses"][0],
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    );
    assert!(r["next"].as_str().unwrap().contains("receive import"));
    let btc = env.ok(&["addr", "list", "--wallet", "old", "--chain", "btc"]);
    assert_eq!(btc["total"], 14, "7 receive and 7 change");
    let eth = env.ok(&["addr", "list", "--wallet", "old", "--chain", "eth"]);
    assert_eq!(eth["total"], 7);
    assert_eq!(
        eth["items"][0]["address"],
        "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
    );
    env.err_as(&["restore", "wallet", "old", "--mnemonic-file", &words], 5);
    env.err_as(
        &[
            "restore",
            "wallet",
            "x",
            "--mnemonic-file",
            &words,
            "--gap-limit",
            "0",
        ],
        5,
    );
}

#[test]
fn a_forgotten_password_is_recovered_with_the_recovery_code() {
    let env = Env::new();
    let reg = env.register("alice");
    env.ok(&["wallet", "create", "main", "--chains", "btc"]);
    let wallets = env.ok(&["wallet", "list"]);
    env.ok(&["logout"]);
    let code = env.secret("code", reg["recovery_code"].as_str().unwrap());
    let new_pw = env.secret("new-pw", "violet-harbor-compass-meadow-47");
    let bad_code = env.secret("bad-code", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE");
    let e = env.err_as(
        &[
            "security",
            "recover",
            "--username",
            "alice",
            "--recovery-code-file",
            &bad_code,
            "--password-file",
            &new_pw,
        ],
        3,
    );
    assert_eq!(e.code, "wrong_password");
    // A wrong recovery code is called that, not "wrong password" (issue 19 item 4).
    assert_eq!(e.message, "wrong recovery code", "{e}");
    assert_eq!(e.credential, Some(Credential::RecoveryCode), "{e}");
    let human = env.run(&[
        "security",
        "recover",
        "--username",
        "alice",
        "--recovery-code-file",
        &bad_code,
        "--password-file",
        &new_pw,
    ]);
    assert_eq!(human.code, 3);
    assert!(human.stdout.is_empty(), "{}", human.stdout);
    assert!(
        human.stderr.contains("wrong recovery code")
            && human.stderr.contains("newest recovery code")
            && !human.stderr.contains("password"),
        "{}",
        human.stderr
    );
    let r = env.ok(&[
        "security",
        "recover",
        "--username",
        "alice",
        "--recovery-code-file",
        &code,
        "--password-file",
        &new_pw,
    ]);
    let new_code = r["recovery_code"].as_str().unwrap().to_string();
    assert_ne!(new_code, reg["recovery_code"].as_str().unwrap());
    // The old password and the old code no longer open the vault; the new ones do.
    env.err_as(
        &[
            "--user",
            "alice",
            "login",
            "--password-file",
            &env.secret_path("pw"),
        ],
        3,
    );
    env.err_as(
        &[
            "security",
            "recover",
            "--username",
            "alice",
            "--recovery-code-file",
            &code,
            "--password-file",
            &new_pw,
        ],
        3,
    );
    env.ok(&["--user", "alice", "login", "--password-file", &new_pw]);
    assert_eq!(env.ok(&["wallet", "list"]), wallets);
    assert!(env.events().contains(&"password_recovered".to_string()));
}

#[test]
fn partial_backups_hold_no_keys_and_merge_labels() {
    let env = Env::new();
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
    let words = env.ok(&[
        "wallet",
        "reveal",
        "main",
        "--pin-file",
        &env.secret_path("pin"),
    ])["mnemonic"]
        .as_str()
        .unwrap()
        .to_string();
    let a = env.ok(&["addr", "new", "--label", "from Bob"]);
    let to = a["items"][0]["address"].as_str().unwrap().to_string();
    let tx = fund::pay(&[(&to, 40_000)], Network::Regtest, 98);
    env.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    let txid = tx.compute_txid().to_string();
    env.ok(&["history", "label", &txid, "first"]);
    env.ok(&["history", "note", &txid, "for the tax man"]);
    env.ok(&["config", "set", "currency", "EUR"]);
    // Two-factor authentication on: its secret must not travel either.
    let totp_secret = env.ok(&["security", "2fa", "enable"])["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let g = coffer::vault::totp::generator(
        &coffer::vault::totp::secret_bytes(&secrecy::SecretString::from(totp_secret.clone()))
            .unwrap(),
        "alice",
    )
    .unwrap();
    let code = g.generate_current().to_string();
    env.ok(&["security", "2fa", "enable", "--code", &code]);
    let xprv = {
        let m = bip39::Mnemonic::parse(&words).unwrap();
        bitcoin::bip32::Xpriv::new_master(Network::Regtest, &m.to_seed(""))
            .unwrap()
            .to_string()
    };

    let pass = env.secret("backup-pass", "correct horse battery staple");
    let c = env.ok(&[
        "backup",
        "create",
        "--passphrase-file",
        &pass,
        "--partial",
        "addresses,transactions,labels,settings",
    ]);
    assert_eq!(c["header"]["kind"], "partial");
    assert_eq!(c["header"]["key_material"], false);
    let file = c["file"].as_str().unwrap().to_string();
    // Decrypt it here: the mnemonic is nowhere in the plaintext.
    let ct = std::fs::read(&file).unwrap();
    let id = age::scrypt::Identity::new("correct horse battery staple".to_string().into());
    let plain = age::decrypt(&id, &ct).unwrap();
    let first_three: String = words.split(' ').take(3).collect::<Vec<_>>().join(" ");
    for needle in [
        words.as_str(),
        first_three.as_str(),
        totp_secret.as_str(),
        xprv.as_str(),
        "tprv",
    ] {
        assert!(
            !plain.windows(needle.len()).any(|w| w == needle.as_bytes()),
            "key material in a partial backup"
        );
    }
    let v: BackupVerified = env.ok_as(&["backup", "verify", &file, "--passphrase-file", &pass]);
    assert!(v.ok, "{v:?}");
    let (pw, pin) = (env.secret_path("pw"), env.secret_path("pin"));
    env.err_as(
        &[
            "restore",
            "vault",
            &file,
            "--as",
            "x",
            "--passphrase-file",
            &pass,
            "--password-file",
            &pw,
            "--pin-file",
            &pin,
        ],
        5,
    );

    // Another vault with the same wallet takes the labels, notes and settings.
    let other = Env::new();
    other.register("bob");
    let wf = other.secret("words", &words);
    other.ok(&[
        "restore",
        "wallet",
        "main",
        "--mnemonic-file",
        &wf,
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    other.ok(&["receive", "import", "--tx", &fund::hex(&tx)]);
    let copy = other.secrets.join("partial.age");
    std::fs::copy(&file, &copy).unwrap();
    let pass2 = other.secret("backup-pass", "correct horse battery staple");
    let m = other.ok(&[
        "restore",
        "partial",
        copy.to_str().unwrap(),
        "--passphrase-file",
        &pass2,
    ]);
    assert_eq!(
        (m["addresses"].clone(), m["transactions"].clone()),
        (1.into(), 1.into()),
        "{m}"
    );
    let shown = other.ok(&["history", "show", &txid]);
    assert_eq!(
        (shown["label"].clone(), shown["note"].clone()),
        ("first".into(), "for the tax man".into())
    );
    assert_eq!(other.ok(&["config", "show"])["currency"], "EUR");
    assert_eq!(other.ok(&["addr", "list", "--label", "bob"])["total"], 1);
}

/// The round trip of the issue: two wallets, 200 transactions (imported while the vault
/// is locked, merged by the next login), labels and settings → `backup create` →
/// `backup verify` → `restore vault --as` gives identical reads. Then `restore vault
/// --force` replaces the original user, keeping the old vault until the next login.
#[test]
fn two_hundred_transactions_round_trip_and_a_forced_restore() {
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    env.ok(&[
        "wallet",
        "create",
        "savings",
        "--network",
        "regtest",
        "--chains",
        "btc",
    ]);
    let addrs = |w: &str| -> Vec<String> {
        env.ok(&["addr", "new", "--wallet", w, "--count", "100"])["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["address"].as_str().unwrap().to_string())
            .collect()
    };
    let (main, savings) = (addrs("main"), addrs("savings"));
    env.ok(&["logout"]);
    let mut txids = vec![];
    for i in 0..200usize {
        let (wallet, to) = if i % 2 == 0 {
            ("main", &main[i / 2])
        } else {
            ("savings", &savings[i / 2])
        };
        let tx = fund::pay(&[(to, 10_000 + i as u64)], Network::Regtest, i as u8);
        txids.push(tx.compute_txid().to_string());
        let height = (200 + i).to_string();
        let time = (1_760_000_000 + 600 * i).to_string();
        let q = env.ok(&[
            "receive",
            "import",
            "--wallet",
            wallet,
            "--tx",
            &fund::hex(&tx),
            "--height",
            &height,
            "--block-time",
            &time,
        ]);
        assert_eq!(q["result"], "queued", "{q}");
    }
    env.login("alice", &[]);
    let all = env.ok(&["history", "--limit", "1000"]);
    assert_eq!(all["total"], 200, "every queued import was merged");
    env.ok(&["history", "label", &txids[0], "rent"]);
    env.ok(&["history", "categorize", &txids[1], "income"]);
    env.ok(&["history", "note", &txids[2], "from the shop"]);
    env.ok(&["addr", "label", &main[0], "donations"]);
    env.ok(&["config", "set", "currency", "EUR"]);
    env.ok(&["rates", "set", "BTC/EUR", "85000.5"]);

    let pass = env.secret("backup-pass", "correct horse battery staple");
    let c = env.ok(&["backup", "create", "--passphrase-file", &pass]);
    assert_eq!(c["header"]["counts"]["transactions"], 200, "{c}");
    let file = c["file"].as_str().unwrap().to_string();
    let v: BackupVerified = env.ok_as(&["backup", "verify", &file, "--passphrase-file", &pass]);
    assert!(v.ok, "{v:?}");
    assert!(v.checks.iter().all(|c| c.ok));

    let restore = |extra: &[&str]| -> Vec<String> { env.restore_args(&file, &pass, extra) };
    let as_strs = |v: &[String]| -> Vec<String> { v.to_vec() };
    let run = |v: Vec<String>| env.ok(&v.iter().map(String::as_str).collect::<Vec<_>>());
    let r = run(as_strs(&restore(&["--as", "other"])));
    assert_eq!(r["replaced"], false, "{r}");
    let reads: [&[&str]; 8] = [
        &["wallet", "list"],
        &["addr", "list", "--wallet", "main"],
        &["addr", "list", "--wallet", "savings"],
        &["history", "--limit", "1000"],
        &["labels", "export"],
        &["rates", "list"],
        &["config", "show"],
        &["wallet", "balance"],
    ];
    let snapshot_of = |user: &str| -> Vec<serde_json::Value> {
        reads
            .iter()
            .map(|args| {
                let mut a = vec!["--user", user];
                a.extend_from_slice(args);
                // Ages (a rate's `age_secs`) follow the clock between the two reads.
                crate::common::without_ages(env.ok(&a))
            })
            .collect()
    };
    let original = snapshot_of("alice");
    assert_eq!(
        original,
        snapshot_of("other"),
        "the restored user reads the same"
    );

    // --force over alice: a dry run says so and writes nothing; then the real thing.
    let dir = env.user_dir("alice");
    let before = snapshot(&dir);
    let d = run(restore(&["--force", "--dry-run"]));
    assert_eq!(d["replaced"], true, "{d}");
    assert_eq!(before, snapshot(&dir));
    let old_vault = std::fs::read(dir.join("vault.age")).unwrap();
    let f = run(restore(&["--force"]));
    assert_eq!(f["replaced"], true, "{f}");
    assert_eq!(f["user"], "alice");
    assert_eq!(
        std::fs::read(dir.join("vault.age.before-restore")).unwrap(),
        old_vault,
        "the old vault is kept"
    );
    assert!(dir.join("profile.json.before-restore").exists());
    assert_eq!(
        original,
        snapshot_of("alice"),
        "alice reads the same after --force"
    );
    // The next successful login removes what was kept.
    env.login("alice", &[]);
    assert!(!dir.join("vault.age.before-restore").exists());
    assert!(!dir.join("profile.json.before-restore").exists());
    assert_eq!(env.ok(&["history"])["total"], 200);
}

/// `security set auto-backup`: a backup at each unlocked write once the last is older
/// than `--every`, the oldest beyond `--keep` removed; a failure is reported on stderr
/// and in the audit log but never fails the command; the passphrase form keeps the
/// passphrase in the vault only (never in a partial backup).
#[test]
fn automatic_backups_rotate_and_never_fail_a_command() {
    let env = Env::new();
    with_data(&env);
    let id = age::x25519::Identity::generate();
    let id_file = env.secret("identity.txt", &{
        use secrecy::ExposeSecret as _;
        id.to_string().expose_secret().to_string()
    });
    let dir = env.secrets.join("auto");
    let files = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".age"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    // A fixed clock (the test profile's COFFER_TEST_NOW) makes "within the interval"
    // exact: the interval is checked in whole seconds.
    let t0 = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 60;
    let at = |t: i64, args: &[&str]| -> (i32, serde_json::Value, String) {
        let mut a = vec!["--json"];
        a.extend_from_slice(args);
        let out = env
            .command(&a)
            .env("COFFER_TEST_NOW", t.to_string())
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            serde_json::from_slice(&out.stdout).unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let recipient = id.to_public().to_string();
    let (c, s, _) = at(
        t0,
        &[
            "security",
            "set",
            "auto-backup",
            "on",
            "--every",
            "1s",
            "--keep",
            "3",
            "--recipient",
            &recipient,
            "--dir",
            dir.to_str().unwrap(),
        ],
    );
    assert_eq!(c, 0, "{s}");
    assert_eq!(s["data"]["auto_backup"]["enabled"], true, "{s}");
    assert_eq!(s["data"]["auto_backup"]["protection"], "1 age recipient(s)");
    // The write that turned them on made the first one.
    let mut made = files();
    assert_eq!(made.len(), 1, "{made:?}");
    // A write within the interval makes none.
    assert_eq!(at(t0, &["addr", "new"]).0, 0);
    assert_eq!(files().len(), 1);
    for i in 1..=5 {
        assert_eq!(at(t0 + 2 * i, &["addr", "new"]).0, 0);
        let now = files();
        let newest = now.last().unwrap().clone();
        assert!(
            !made.contains(&newest),
            "a new backup at each write: {now:?}"
        );
        made.push(newest);
    }
    let left = files();
    assert_eq!(
        left,
        made[made.len() - 3..].to_vec(),
        "the three newest remain"
    );
    let newest = dir.join(left.last().unwrap());
    let v = env.ok(&[
        "backup",
        "verify",
        newest.to_str().unwrap(),
        "--identity",
        &id_file,
    ]);
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["header"]["note"], "automatic");
    assert!(
        v["header"]["counts"]["addresses"].as_u64().unwrap() >= 8,
        "{v}"
    );
    let listed: Vec<String> = env.ok(&["backup", "list"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap().to_string())
        .filter(|p| p.contains("-auto-"))
        .collect();
    assert_eq!(listed.len(), 3, "rotated ones are forgotten: {listed:?}");

    // A failing backup (its directory became a file) does not fail the command.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "not a directory").unwrap();
    let (c, _, stderr) = at(t0 + 20, &["addr", "new"]);
    assert_eq!(c, 0, "{stderr}");
    assert!(stderr.contains("automatic backup failed"), "{stderr}");
    assert!(env.events().contains(&"backup_failed".to_string()));
    std::fs::remove_file(&dir).unwrap();

    // Off: no more.
    let (_, off, _) = at(t0 + 22, &["security", "set", "auto-backup", "off"]);
    assert_eq!(off["data"]["auto_backup"]["enabled"], false, "{off}");
    assert_eq!(at(t0 + 24, &["addr", "new"]).0, 0);
    assert!(!dir.exists());

    // The passphrase form: kept in the vault, never in a partial backup.
    let secret = "auto backup passphrase 77";
    let pass = env.secret("auto-pass", secret);
    let on = env.ok(&[
        "security",
        "set",
        "auto-backup",
        "on",
        "--passphrase-file",
        &pass,
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(
        on["auto_backup"]["protection"],
        "passphrase (kept in the vault)"
    );
    assert!(!on.to_string().contains(secret));
    let auto = dir.join(&files()[0]);
    let v = env.ok(&[
        "backup",
        "verify",
        auto.to_str().unwrap(),
        "--passphrase-file",
        &pass,
    ]);
    assert_eq!(v["ok"], true, "{v}");
    let part = env.secrets.join("part.age");
    let bp = env.secret("part-pass", "partial pass");
    env.ok(&[
        "backup",
        "create",
        "--partial",
        "settings",
        "--passphrase-file",
        &bp,
        "--out",
        part.to_str().unwrap(),
    ]);
    let ct = std::fs::read(&part).unwrap();
    let pid = age::scrypt::Identity::new("partial pass".to_string().into());
    let plain = age::decrypt(&pid, &ct).unwrap();
    assert!(
        !plain.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the passphrase never leaves the vault"
    );
    // Bad input changes nothing.
    env.err_as(&["security", "set", "auto-backup", "maybe"], 5);
    env.err_as(
        &[
            "security",
            "set",
            "auto-backup",
            "on",
            "--keep",
            "0",
            "--recipient",
            &id.to_public().to_string(),
        ],
        5,
    );
    env.err_as(
        &[
            "security",
            "set",
            "auto-backup",
            "on",
            "--recipient",
            "age1nope",
        ],
        5,
    );
    env.err_as(&["security", "set", "no-such-thing", "1"], 5);
}

/// Issue 19 item 6: a weak backup passphrase is refused like a weak password; the hint
/// for a missing one is well formed; `--out` with a bare file name works from the
/// current directory and is recorded absolute (so `backup list` finds it after `cd`);
/// a backup inside the coffer home warns that it must be copied elsewhere.
#[test]
fn backup_passphrases_are_checked_and_places_are_told() {
    let env = Env::new();
    env.register("alice");
    let weak = env.secret("weak", "1");
    let before = snapshot(&env.home);
    let r = env.run(&["backup", "create", "--passphrase-file", &weak]);
    assert_eq!(r.code, 5, "{} / {}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr
            .starts_with("error: backup passphrase is too weak: "),
        "{}",
        r.stderr
    );
    let e = env.err_as(&["backup", "create", "--passphrase-file", &weak], 5);
    assert_eq!(e.code, "weak_password", "{e}");
    // The automatic backups' passphrase too.
    let e = env.err_as(
        &[
            "security",
            "set",
            "auto-backup",
            "on",
            "--passphrase-file",
            &weak,
        ],
        5,
    );
    assert_eq!(e.code, "weak_password", "{e}");
    assert_eq!(
        snapshot(&env.home),
        before,
        "a refused backup writes nothing"
    );

    // No passphrase and no terminal: the hint reads as a command line.
    let r = env.run(&["backup", "create"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: a backup passphrase is required\n\
         hint: without a terminal, pass --passphrase-file FILE (or --recipient age1…)\n"
    );

    let pass = env.secret("backup-pass", "violet-harbor-compass-meadow-47");
    // The default place is inside the home: a warning on stderr and in the JSON.
    let mut a = vec!["--json", "backup", "create", "--passphrase-file", &pass];
    let r = env.run(&a);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["data"]["inside_home"], true);
    assert!(
        r.stderr.starts_with("warning: ")
            && r.stderr.contains("is inside the coffer home")
            && r.stderr.contains("Copy it elsewhere"),
        "{}",
        r.stderr
    );

    // A bare file name, from another directory; then listed from elsewhere.
    let work = env.secrets.parent().unwrap().join("work");
    std::fs::create_dir_all(&work).unwrap();
    a.extend(["--out", "rel.age"]);
    let out = env.command(&a).current_dir(&work).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "outside the home, no warning: {stderr}");
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let abs = work.join("rel.age");
    assert_eq!(c["data"]["file"], abs.to_str().unwrap(), "{c}");
    assert_eq!(c["data"]["inside_home"], false, "{c}");
    assert!(abs.is_file());
    let list = env.ok(&["backup", "list"]);
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == abs.to_str().unwrap())
        .unwrap_or_else(|| panic!("{list}"))
        .clone();
    assert_eq!(item["exists"], true, "{list}");
    env.ok(&[
        "backup",
        "verify",
        abs.to_str().unwrap(),
        "--passphrase-file",
        &pass,
    ]);
}

/// Issue 19 item 6: automatic backups set to go inside the coffer home (the default
/// place, or a --dir in it) warn when set, say so (`inside_home`), and `security show`
/// recommends another disk; a --dir outside the home does none of that.
#[test]
fn automatic_backups_inside_the_home_warn() {
    let env = Env::new();
    env.register("alice");
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let recommends = |env: &Env| -> bool {
        env.ok_as::<SecurityShown>(&["security", "show"])
            .recommendations
            .iter()
            .any(|r| r.contains("inside the coffer home"))
    };
    let set = |extra: &[&str]| {
        let mut a = vec![
            "--json",
            "security",
            "set",
            "auto-backup",
            "on",
            "--recipient",
            &recipient,
        ];
        a.extend_from_slice(extra);
        let r = env.run(&a);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r
    };
    // The default place: users/alice/backups.
    let r = set(&[]);
    assert_eq!(
        r.json()["data"]["auto_backup"]["inside_home"],
        true,
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("inside the coffer home") && r.stderr.contains("--dir"),
        "{}",
        r.stderr
    );
    assert!(recommends(&env));
    assert!(
        env.ok_as::<SecurityShown>(&["security", "show"])
            .auto_backup
            .inside_home
    );
    // A directory of the home given with --dir.
    let inner = env.home.join("copies");
    let r = set(&["--dir", inner.to_str().unwrap()]);
    assert_eq!(r.json()["data"]["auto_backup"]["inside_home"], true);
    assert!(r.stderr.contains("inside the coffer home"), "{}", r.stderr);
    // Elsewhere: no warning, no recommendation.
    let outer = env.secrets.join("elsewhere");
    let r = set(&["--dir", outer.to_str().unwrap()]);
    assert_eq!(r.json()["data"]["auto_backup"]["inside_home"], false);
    assert!(!r.stderr.contains("inside the coffer home"), "{}", r.stderr);
    assert!(!recommends(&env));
    assert!(
        !env.ok_as::<SecurityShown>(&["security", "show"])
            .auto_backup
            .inside_home
    );
}

/// Issue 19 item 6: a backup recorded with a relative path (before issue 19 paths were
/// made absolute) cannot be located: `backup list` says so (`path_relative`, "recorded
/// relative to an unknown directory") rather than a plain "missing".
#[test]
fn backups_recorded_with_a_relative_path_say_so() {
    let env = Env::new();
    env.register("alice");
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let out = env.secrets.join("b.age");
    env.ok(&[
        "backup",
        "create",
        "--out",
        out.to_str().unwrap(),
        "--recipient",
        &recipient,
    ]);
    let mut conn = open_vault(&env, "alice", "vault.age");
    conn.execute(
        "INSERT INTO backups (path, created_at, kind, size, sha256, protection)
         VALUES ('old/coffer-alice.age', 1767225600, 'full', 1234, 'ab', '1 age recipient(s)')",
        [],
    )
    .unwrap();
    write_vault(&env, "alice", &mut conn);
    let l = env.ok(&["backup", "list"]);
    let item = |p: &str| {
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"] == p)
            .unwrap_or_else(|| panic!("{p} in {l}"))
            .clone()
    };
    let old = item("old/coffer-alice.age");
    assert_eq!(
        (old["path_relative"].as_bool(), old["exists"].as_bool()),
        (Some(true), Some(false)),
        "{old}"
    );
    let new = item(out.to_str().unwrap());
    assert_eq!(
        (new["path_relative"].as_bool(), new["exists"].as_bool()),
        (Some(false), Some(true)),
        "{new}"
    );
    let r = env.run(&["backup", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("old/coffer-alice.age"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        line.contains("recorded relative to an unknown directory")
            && line.contains("not found here")
            && !line.contains("missing"),
        "{}",
        r.stdout
    );
}
