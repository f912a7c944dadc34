//! The vault at rest: nothing readable on disk, damage detected without changing a byte,
//! newer schema refused, and SIGKILL at any moment leaves a vault that opens.

use crate::common::{Env, open_vault, snapshot, write_vault};
use std::os::unix::fs::PermissionsExt;

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_plaintext_at_rest_and_private_permissions() {
    let env = Env::new();
    let reg = env.register("alice");
    let code = reg["recovery_code"].as_str().unwrap().to_string();
    let wrong = env.secret_path("wrong");
    env.ok(&["logout"]);
    env.err(&["login", "--password-file", &wrong], 3);
    env.login("alice", &[]);
    env.ok(&["whoami"]);
    env.login("alice", &["--timeout", "1h"]);

    let files = snapshot(&env.home);
    assert!(files.len() >= 5, "{:?}", files.keys());
    let compact_code = code.replace('-', "");
    for (path, content) in &files {
        let meta = std::fs::metadata(path).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() {
            assert_eq!(mode, 0o700, "{}", path.display());
            continue;
        }
        assert_eq!(mode, 0o600, "{}", path.display());
        for needle in [
            "alice@example.com",
            "SQLite format 3",
            &code,
            &compact_code,
            crate::common::PASSWORD,
        ] {
            assert!(
                !contains(content, needle.as_bytes()),
                "{} contains {needle:?}",
                path.display()
            );
        }
    }
    assert!(files.keys().any(|p| p.ends_with("vault.age")));
    assert!(files.keys().any(|p| p.ends_with("vault.age.prev")));
    assert!(
        !files.keys().any(|p| p.to_string_lossy().ends_with(".tmp")),
        "no temp file is left"
    );
    // The vault file is a plain age file, to the vault key's X25519 recipient and to its
    // wrapping key (vault::filekey), which opens it without a scalar multiplication.
    let vault = &files[&env.user_dir("alice").join("vault.age")];
    assert!(vault.starts_with(b"age-encryption.org/v1\n"));
    let header = String::from_utf8_lossy(&vault[..vault.len().min(1024)]).into_owned();
    assert!(header.contains("\n-> X25519 "), "{header}");
    assert!(header.contains("\n-> coffer-v1\n"), "{header}");
}

/// The wallet engine's file and a delta carry the wrapping key's stanza too, and so does
/// the vault after a key rotation (under the new key).
#[test]
fn every_vault_file_opens_through_the_wrapping_key() {
    let env = Env::new();
    env.regtest_wallet("alice", "w");
    env.ok(&["addr", "new"]);
    let dir = env.user_dir("alice");
    let stanzas = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let header = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).into_owned();
        (
            header.matches("\n-> X25519 ").count(),
            header.matches("\n-> coffer-v1\n").count(),
        )
    };
    for name in ["vault.age", "vault.delta.age", "engine.age"] {
        assert_eq!(stanzas(name), (1, 1), "{name}");
    }
    let pw = env.secret_path("pw");
    env.ok(&["security", "rekey", "--password-file", &pw]);
    assert_eq!(stanzas("vault.age"), (1, 1), "after a rekey");
    // The rotation ended the session; the next login opens the files under the new key.
    env.login("alice", &[]);
    assert!(
        !env.ok(&["addr", "list"])["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    for name in ["vault.age", "engine.age"] {
        assert_eq!(stanzas(name), (1, 1), "{name} after a rekey and a login");
    }
}

fn damaged_case(env: &Env, damage: impl Fn(&mut Vec<u8>)) {
    let vault = env.user_dir("alice").join("vault.age");
    let mut bytes = std::fs::read(&vault).unwrap();
    damage(&mut bytes);
    std::fs::write(&vault, &bytes).unwrap();

    // With a live session: whoami reports the damage and changes nothing in the user dir.
    let before = snapshot(&env.user_dir("alice"));
    let e = env.err(&["whoami"], 8);
    assert_eq!(e["code"], "vault_damaged");
    assert!(
        e["hint"].as_str().unwrap().contains("vault.age.prev"),
        "{e}"
    );
    assert_eq!(before, snapshot(&env.user_dir("alice")));

    // Logged out: login with the right password reports it and changes nothing at all.
    env.ok(&["logout"]);
    let before = snapshot(&env.home);
    let pw = env.secret_path("pw");
    let e = env.err(&["login", "--password-file", &pw], 8);
    assert_eq!(e["code"], "vault_damaged");
    assert_eq!(
        before,
        snapshot(&env.home),
        "files left byte-for-byte untouched"
    );
    let r = env.run(&["login", "--password-file", &pw]);
    assert!(r.stderr.contains("vault.age.prev"), "{}", r.stderr);

    // docs/recovery.md, "A damaged vault.age": keep it, put the previous generation back.
    let dir = env.user_dir("alice");
    std::fs::copy(dir.join("vault.age"), dir.join("vault.age.damaged")).unwrap();
    std::fs::copy(dir.join("vault.age.prev"), dir.join("vault.age")).unwrap();
    env.ok(&["login", "--password-file", &pw]);
    env.ok(&["whoami"]);
}

/// A write that changes the vault in place (`addr new`) leaves `vault.age` byte for byte
/// and writes only `vault.delta.age` (keeping the previous one). A delta with a byte
/// altered, or one forged under the public recipient of profile.json (it decrypts, but
/// lacks the vault key's HMAC), stops reads and writes with `vault_damaged`, exit 8,
/// changing nothing; the hint's step (the previous delta put back) opens the vault as
/// it was one write earlier.
#[test]
fn a_write_in_place_changes_only_the_delta_and_a_damaged_or_forged_one_is_refused() {
    let env = Env::new();
    env.regtest_wallet("alice", "main");
    let dir = env.user_dir("alice");
    let addresses = |env: &Env| env.ok(&["addr", "list"])["items"].as_array().unwrap().len();
    env.ok(&["addr", "new"]);
    let vault = std::fs::read(dir.join("vault.age")).unwrap();
    env.ok(&["addr", "new"]);
    assert_eq!(std::fs::read(dir.join("vault.age")).unwrap(), vault);
    assert!(dir.join("vault.delta.age.prev").exists());
    let n = addresses(&env);
    let good = std::fs::read(dir.join("vault.delta.age")).unwrap();
    let recipient: age::x25519::Recipient = env.profile("alice")["vault_recipient"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let mut flipped = good.clone();
    let at = flipped.len() - 40;
    flipped[at] ^= 1;
    let forged = age::encrypt(&recipient, &[7u8; 4096]).unwrap();
    for bad in [flipped, forged] {
        std::fs::write(dir.join("vault.delta.age"), &bad).unwrap();
        let before = snapshot(&dir);
        for args in [
            &["addr", "list"][..],
            &["wallet", "balance"],
            &["addr", "new"],
        ] {
            let e = env.err_as(args, 8);
            assert_eq!(e.code.as_str(), "vault_damaged", "{args:?}: {e}");
            assert!(e.message.contains("vault.delta.age"), "{e}");
            assert!(
                e.hint.as_deref().unwrap().contains("vault.delta.age.prev"),
                "{e}"
            );
        }
        assert_eq!(before, snapshot(&dir), "nothing changed");
    }
    std::fs::copy(
        dir.join("vault.delta.age.prev"),
        dir.join("vault.delta.age"),
    )
    .unwrap();
    assert_eq!(addresses(&env), n - 1);
    std::fs::write(dir.join("vault.delta.age"), &good).unwrap();
    assert_eq!(addresses(&env), n);
}

#[test]
fn flipped_byte_is_detected_and_nothing_changes() {
    let env = Env::new();
    env.register("alice");
    env.login("alice", &[]);
    damaged_case(&env, |b| {
        let i = b.len() / 2;
        b[i] ^= 0x01;
    });
}

/// A read decrypts only the chunks of vault.age that hold the pages its queries touch
/// (vault::vfs): with one 64 KiB chunk after the first altered (the last one too), a read
/// that never needs it still answers exactly as before, one that needs it reports
/// `vault_damaged` naming the chunk that does not decrypt (never a wrong answer, never
/// `internal`), and neither changes a file.
#[test]
fn a_read_decrypts_only_the_chunks_it_needs_and_reports_a_damaged_one() {
    const CHUNK: usize = 64 * 1024 + 16;
    let env = Env::new();
    env.regtest_wallet("alice", "w");
    env.ok(&["addr", "new", "--wallet", "w", "--count", "3000"]);
    let balance = env.ok(&["wallet", "balance"]);
    let list = env.ok(&["addr", "list"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 3000);

    let path = env.user_dir("alice").join("vault.age");
    let good = std::fs::read(&path).unwrap();
    // The payload follows the header's last line ("--- <mac>\n") and a 16-byte nonce.
    let mac = good.windows(4).position(|w| w == b"\n---").unwrap() + 1;
    let header_end = mac + good[mac..].iter().position(|b| *b == b'\n').unwrap() + 1;
    let payload = header_end + 16;
    let chunks = (good.len() - payload).div_ceil(CHUNK);
    assert!(
        chunks >= 4,
        "a vault of {chunks} chunks is too small for this test"
    );
    let dir = env.user_dir("alice");
    let mut balance_only = 0;
    // Not the first chunk (SQLite's header page, read by every query, which vouches for
    // the length at open); the last is read only by a query that needs its pages.
    for chunk in 1..chunks {
        let mut bad = good.clone();
        bad[payload + chunk * CHUNK + 100] ^= 0x01;
        std::fs::write(&path, &bad).unwrap();
        let before = snapshot(&dir);
        let mut answers = vec![];
        for (args, want) in [
            (&["--json", "wallet", "balance"][..], &balance),
            (&["--json", "addr", "list"], &list),
        ] {
            let r = env.run(args);
            if r.code == 0 {
                assert_eq!(
                    &r.json()["data"],
                    want,
                    "{args:?} with chunk {chunk} altered"
                );
                answers.push(true);
            } else {
                assert_eq!(r.code, 8, "{args:?}: {}", r.stdout);
                let e = &r.json()["error"];
                assert_eq!(e["code"], "vault_damaged", "{args:?}");
                // Said as the chunk that failed, whichever query met it first.
                assert!(
                    e["message"]
                        .as_str()
                        .unwrap()
                        .contains("vault.age does not decrypt"),
                    "{args:?} with chunk {chunk} altered: {e}"
                );
                answers.push(false);
            }
        }
        assert!(
            !answers[1],
            "addr list reads every address: chunk {chunk} too"
        );
        if answers[0] {
            balance_only += 1;
        }
        assert_eq!(before, snapshot(&dir), "a read changes no file");
    }
    assert!(
        balance_only > 0,
        "wallet balance needed every chunk of {chunks}: it decrypts the whole vault"
    );
    std::fs::write(&path, &good).unwrap();
    assert_eq!(env.ok(&["wallet", "balance"]), balance);
}

#[test]
fn flipped_header_byte_is_detected() {
    let env = Env::new();
    env.register("alice");
    env.login("alice", &[]);
    damaged_case(&env, |b| b[30] ^= 0x20);
}

#[test]
fn truncated_vault_is_detected_and_prev_restores() {
    let env = Env::new();
    env.register("alice");
    env.login("alice", &[]);
    env.login("alice", &[]);
    damaged_case(&env, |b| b.truncate(b.len() - 100));
    // The way out named in the hint works.
    let dir = env.user_dir("alice");
    std::fs::copy(dir.join("vault.age.prev"), dir.join("vault.age")).unwrap();
    env.login("alice", &[]);
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
}

#[test]
fn newer_schema_version_is_refused_untouched() {
    let env = Env::new();
    env.register("alice");
    let mut conn = open_vault(&env, "alice", "vault.age");
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(v >= 1);
    conn.pragma_update(None, "user_version", v + 1).unwrap();
    write_vault(&env, "alice", &mut conn);

    let before = snapshot(&env.user_dir("alice"));
    let e = env.err(&["whoami"], 8);
    assert_eq!(e["code"], "vault_too_new");
    assert_eq!(e["found"], v + 1);
    assert_eq!(before, snapshot(&env.user_dir("alice")));
    env.ok(&["logout"]);
    let before = snapshot(&env.home);
    let pw = env.secret_path("pw");
    let e = env.err(&["login", "--password-file", &pw], 8);
    assert_eq!(e["code"], "vault_too_new");
    assert!(e["hint"].as_str().unwrap().contains("upgrade"));
    assert_eq!(before, snapshot(&env.home));
}

#[test]
fn sigkill_during_writes_leaves_a_vault_that_opens() {
    let env = Env::new();
    env.register("alice");
    let pw = env.secret_path("pw");
    // How long does a login (a vault write) take here? Only a first guess: under a loaded
    // CI machine a run's length changes as the other tests come and go, so the guess is
    // corrected after every run. A run that finished before its kill means the span was
    // too long (shrink 10 %); a kill means it may be too short (grow 4.5 %). The two
    // balance when about 70 % of the runs are killed, whatever the machine's speed.
    let t = std::time::Instant::now();
    for _ in 0..3 {
        env.ok(&["login", "--password-file", &pw]);
    }
    let mut span_us = (t.elapsed().as_micros() / 3).max(1000) as u64;

    let mut seed = u64::from_le_bytes(std::array::from_fn(|i| {
        (std::process::id() as u64 >> (i % 4 * 8)) as u8
    })) | 1;
    let mut killed_mid_way = 0;
    for i in 0..100 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Half the kills anywhere in the run, half in its last part, where the write is.
        let delay = if i % 2 == 0 {
            seed % (span_us + span_us / 4)
        } else {
            span_us / 2 + seed % (span_us * 3 / 4)
        };
        let mut child = env
            .command(&["login", "--password-file", &pw])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(delay));
        let _ = child.kill();
        let status = child.wait().unwrap();
        match status.code() {
            None => {
                killed_mid_way += 1;
                span_us += span_us * 45 / 1000;
            }
            // A run that finished before the kill must have succeeded: an earlier kill
            // must not have left a vault that no longer opens.
            Some(code) => {
                assert_eq!(code, 0, "run {i} failed after earlier kills");
                span_us = (span_us * 9 / 10).max(1000);
            }
        }
    }
    assert!(
        killed_mid_way >= 30,
        "only {killed_mid_way} of 100 runs were killed before finishing"
    );

    // The vault still opens, in the old or the new state, and SQLite finds it intact.
    env.ok(&["login", "--password-file", &pw]);
    assert_eq!(env.ok(&["whoami"])["user"], "alice");
    for file in ["vault.age", "vault.age.prev"] {
        let conn = open_vault(&env, "alice", file);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{file}");
    }
    let logins = env.ok(&["security", "log", "--limit", "1000"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "login")
        .count();
    assert!(logins >= 5, "{logins}");
}

#[test]
fn the_recovery_code_unwraps_the_same_vault_identity() {
    use coffer::vault::keyslot::SlotKind;
    let env = Env::new();
    let reg = env.register("alice");
    let code = reg["recovery_code"].as_str().unwrap();
    let profile: coffer::vault::profile::Profile =
        serde_json::from_value(env.profile("alice")).unwrap();
    let slot = profile
        .slot(SlotKind::Recovery)
        .expect("a recovery keyslot");
    // Typed in lower case with spaces instead of dashes, as people do.
    let typed =
        coffer_core::access::user::normalize_recovery_code(&code.to_lowercase().replace('-', " "));
    let identity = slot
        .open(typed.as_bytes(), "alice")
        .unwrap()
        .expect("the code opens its slot");
    let identity: age::x25519::Identity = secrecy::ExposeSecret::expose_secret(&identity)
        .parse()
        .unwrap();
    assert_eq!(identity.to_public().to_string(), profile.vault_recipient);
    assert!(
        slot.open(b"AAAAAAAAAAAAAAAAAAAAAAAAA", "alice")
            .unwrap()
            .is_none()
    );
    // The password slot uses the design's KDF shape (tiny only under the test profile).
    let pw_slot = profile.slot(SlotKind::Password).unwrap();
    assert_eq!(pw_slot.kdf.algorithm, "argon2id");
    assert_ne!(pw_slot.kdf.salt, slot.kdf.salt);
}

#[test]
fn the_default_kdf_profile_meets_the_design_minimum() {
    let mut env = Env::new();
    env.vars
        .push(("COFFER_KDF_PROFILE".into(), "default".into()));
    env.register("alice");
    let p = env.profile("alice");
    assert_eq!(p["kdf_profile"], "default");
    for slot in p["keyslots"].as_array().unwrap() {
        assert!(slot["kdf"]["m_kib"].as_u64().unwrap() >= 65536, "{slot}");
        assert!(slot["kdf"]["t"].as_u64().unwrap() >= 3);
        assert!(slot["kdf"]["p"].as_u64().unwrap() >= 4);
    }
    let who = env.ok(&["whoami"]);
    assert_eq!(who["kdf_insecure"], false);
    let e = {
        let mut env2 = Env::new();
        env2.vars.push(("COFFER_KDF_PROFILE".into(), "fast".into()));
        let pw = env2.secret_path("pw");
        let pin = env2.secret_path("pin");
        env2.err(
            &[
                "register",
                "--username",
                "bob",
                "--email",
                "b@example.com",
                "--password-file",
                &pw,
                "--pin-file",
                &pin,
            ],
            5,
        )
    };
    assert_eq!(e["field"], "kdf_profile");
}

/// The wallet engine's state lives in engine.age: read commands never decrypt it, the
/// commands that need it rebuild it when it is lost, and a write cut between the
/// engine and the vault (old vault, new engine) opens with the engine's previous
/// generation, which is the one that vault expects.
#[test]
fn the_engine_file_is_apart_and_a_write_cut_between_the_files_recovers() {
    use crate::fund::{hex, pay};
    use bitcoin::Network;
    let env = Env::new();
    env.register("alice");
    env.ok(&["wallet", "create", "main", "--network", "regtest"]);
    let addr = env.ok(&["receive"])["address"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = env.user_dir("alice");
    let first = pay(&[(&addr, 50_000)], Network::Regtest, 1);
    env.ok(&["receive", "import", "--tx", &hex(&first)]);
    let total = |env: &Env| env.ok(&["wallet", "balance"])["items"][0]["total_sat"].clone();
    assert_eq!(total(&env), 50_000);
    let vault_one = std::fs::read(dir.join("vault.age")).unwrap();
    let engine_one = std::fs::read(dir.join("engine.age")).unwrap();
    let second = pay(&[(&addr, 70_000)], Network::Regtest, 2);
    env.ok(&["receive", "import", "--tx", &hex(&second)]);
    assert_eq!(total(&env), 120_000);
    assert_eq!(
        std::fs::read(dir.join("engine.age.prev")).unwrap(),
        engine_one
    );

    // The cut: the engine of the second import was written, its vault was not.
    std::fs::write(dir.join("vault.age"), &vault_one).unwrap();
    assert_eq!(total(&env), 50_000);
    let txid = first.compute_txid().to_string();
    let shown = env.ok(&["history", "show", &txid]);
    assert_eq!(shown["outputs"].as_array().unwrap().len(), 1, "{shown}");
    // Importing the second payment again completes the interrupted work.
    env.ok(&["receive", "import", "--tx", &hex(&second)]);
    assert_eq!(total(&env), 120_000);

    // Without the engine: reads still work and decrypt nothing more; what needs the
    // engine rebuilds it (tests/cli/crash.rs follows that path further).
    for f in ["engine.age", "engine.age.prev"] {
        std::fs::rename(dir.join(f), dir.join(format!("{f}.away"))).unwrap();
    }
    let before = snapshot(&dir);
    assert_eq!(total(&env), 120_000);
    assert_eq!(env.ok(&["history"])["total"], 2);
    assert_eq!(before, snapshot(&dir), "reads write nothing");
    let shown = env.run(&["history", "show", &txid, "--json"]);
    assert_eq!(shown.code, 0, "{}", shown.stdout);
    assert!(shown.stderr.contains("rebuilt"), "{}", shown.stderr);
    assert!(dir.join("engine.age").exists());
    assert_eq!(total(&env), 120_000);
}
