//! `backup create`, `backup verify`, `backup list`.

use crate::common::{Env, snapshot};
use crate::fund;
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
    let v = env.ok(&["backup", "verify", &file, "--passphrase-file", &pass]);
    assert_eq!(v["ok"], true, "{v}");
    let checks: Vec<&str> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "snapshot hash",
            "database integrity",
            "schema version",
            "counts",
            "keys of wallet main"
        ]
    );
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["ok"] == true)
    );
    assert_eq!(v["header"]["note"], "weekly");
    // Verification reads only: the home is byte for byte the same.
    let mut after = snapshot(&env.home);
    let mut before = home_before;
    for s in [&mut before, &mut after] {
        s.retain(|p, _| !p.to_string_lossy().contains("/sessions/"));
    }
    assert_eq!(before, after);

    // Wrong passphrase: exit 3; a flipped byte or a cut file: exit 8; nothing changes.
    let wrong = env.secret("wrong-pass", "not it");
    let e = env.err(&["backup", "verify", &file, "--passphrase-file", &wrong], 3);
    assert_eq!(e["code"], "wrong_passphrase");
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
        let e = env.err(
            &[
                "backup",
                "verify",
                p.to_str().unwrap(),
                "--passphrase-file",
                &pass,
            ],
            8,
        );
        assert_eq!(e["code"], "backup_invalid", "{name}: {e}");
    }
    let not_age = env.secrets.join("plain.txt");
    std::fs::write(&not_age, "hello").unwrap();
    env.err(
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
    env.err(&["backup", "create"], 2);

    let l = env.ok(&["backup", "list"]);
    assert_eq!(l["items"][0]["path"], file);
    assert_eq!(l["items"][0]["exists"], true);
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
    env.err(&["backup", "verify", out.to_str().unwrap()], 2);
    let other = age::x25519::Identity::generate();
    let other_file = env.secret("other.txt", &{
        use secrecy::ExposeSecret as _;
        other.to_string().expose_secret().to_string()
    });
    let e = env.err(
        &[
            "backup",
            "verify",
            out.to_str().unwrap(),
            "--identity",
            &other_file,
        ],
        3,
    );
    assert_eq!(e["code"], "wrong_passphrase");
    env.err(&["backup", "create", "--recipient", "age1notakey"], 5);
}
