//! Credentials never travel in clear: `https://` node URLs speak TLS with the server's
//! certificate verified (never a fallback to plain HTTP, never a redirect followed), and
//! `http://` is only for a node on this machine. The listeners here record every byte
//! they receive, on 127.0.0.1; certificates are in tests/fixtures/tls (see make.sh).

use crate::common::Env;
use crate::node::Node;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tls")
        .join(name)
}

/// What a listener does with a connection.
#[derive(Clone)]
enum Serve {
    /// Plain TCP: records the bytes, answers `HTTP/1.1 400` (what a plain HTTP server
    /// says to a TLS hello) and closes.
    Plain,
    /// TLS with this certificate and key, then forwards each request to the node at
    /// this address and its answer back (a TLS proxy in front of the node).
    Proxy(&'static str, u16),
    /// TLS with the CA-issued certificate, answering every request with a redirect.
    Redirect(String),
    /// TLS with this certificate (the handshake is all that happens).
    Tls(&'static str),
}

/// One connection as the listener saw it.
#[derive(Default, Clone)]
struct Seen {
    /// Every byte received on the socket (ciphertext for TLS).
    raw: Vec<u8>,
    /// The HTTP requests read inside TLS, as text.
    requests: Vec<String>,
}

/// A listener on 127.0.0.1 that serves each connection on a thread of its own (a client
/// may keep one open while it opens another) until dropped.
struct Listener {
    port: u16,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

/// A socket that keeps a copy of what it receives (in `seen[index]`).
struct Recording {
    inner: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    index: usize,
}

impl Read for Recording {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen.lock().unwrap()[self.index]
            .raw
            .extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl Write for Recording {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Reads one HTTP message (head and a `Content-Length` body); `None` at a clean EOF.
fn read_http(s: &mut impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut msg = Vec::new();
    let mut byte = [0u8; 1];
    while !msg.ends_with(b"\r\n\r\n") {
        if s.read(&mut byte)? == 0 {
            return Ok(None);
        }
        msg.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&msg).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse::<usize>().unwrap());
    let mut body = vec![0u8; len];
    s.read_exact(&mut body)?;
    msg.extend_from_slice(&body);
    Ok(Some(msg))
}

fn server_config(cert: &str) -> Arc<rustls::ServerConfig> {
    let certs = CertificateDer::pem_file_iter(fixture(&format!("{cert}.pem")))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(fixture(&format!("{cert}.key"))).unwrap();
    Arc::new(
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    )
}

fn serve(stream: Recording, how: &Serve) -> std::io::Result<()> {
    let (seen, index) = (stream.seen.clone(), stream.index);
    let cert = match how {
        Serve::Plain => {
            let mut s = stream;
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf)?;
            s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")?;
            return Ok(());
        }
        Serve::Proxy(cert, _) | Serve::Tls(cert) => cert,
        Serve::Redirect(_) => "node",
    };
    let conn = rustls::ServerConnection::new(server_config(cert)).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, stream);
    while let Some(request) = read_http(&mut tls)? {
        let text = String::from_utf8_lossy(&request).into_owned();
        seen.lock().unwrap()[index].requests.push(text);
        let answer = match how {
            Serve::Proxy(_, port) => {
                let mut node = TcpStream::connect(("127.0.0.1", *port))?;
                node.set_read_timeout(Some(Duration::from_secs(30)))?;
                node.write_all(&request)?;
                read_http(&mut node)?.expect("the node answered")
            }
            Serve::Redirect(to) => format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n"
            )
            .into_bytes(),
            _ => unreachable!(),
        };
        tls.write_all(&answer)?;
        tls.flush()?;
    }
    tls.conn.send_close_notify();
    let _ = tls.conn.complete_io(&mut tls.sock);
    Ok(())
}

impl Listener {
    fn start(how: Serve) -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let (stop2, seen2) = (stop.clone(), seen.clone());
        let thread = std::thread::spawn(move || {
            let mut served = vec![];
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                let index = {
                    let mut seen = seen2.lock().unwrap();
                    seen.push(Seen::default());
                    seen.len() - 1
                };
                let recording = Recording {
                    inner: stream,
                    seen: seen2.clone(),
                    index,
                };
                let how = how.clone();
                // A failed handshake is what some tests expect: the client gave up.
                served.push(std::thread::spawn(move || {
                    let _ = serve(recording, &how);
                }));
            }
            for s in served {
                s.join().unwrap();
            }
        });
        Listener {
            port,
            stop,
            seen,
            thread: Some(thread),
        }
    }

    /// How many connections it has accepted so far.
    fn connections(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// Stops the listener and returns what it saw.
    fn finish(mut self) -> Vec<Seen> {
        self.shutdown();
        self.seen.lock().unwrap().clone()
    }

    fn shutdown(&mut self) {
        if let Some(t) = self.thread.take() {
            self.stop.store(true, Ordering::SeqCst);
            // Wakes the accept loop, which sees the flag and ends.
            let _ = TcpStream::connect(("127.0.0.1", self.port));
            t.join().unwrap();
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

const RPC_PASSWORD: &str = "hunter2-rpc-secret-5150";

/// An Env with user alice (a regtest wallet), the RPC password file, and a trust store
/// of only `ca` (SSL_CERT_FILE; an empty SSL_CERT_DIR: the system's CAs are not read).
fn env_trusting(ca: &str) -> Env {
    let mut env = Env::new();
    env.regtest_wallet("alice", "main");
    env.secret("rpc-password", RPC_PASSWORD);
    env.vars.push((
        "SSL_CERT_FILE".into(),
        fixture(ca).to_string_lossy().into_owned(),
    ));
    env.vars.push(("SSL_CERT_DIR".into(), String::new()));
    env.vars.push(("COFFER_RPC_TIMEOUT".into(), "5".into()));
    env
}

fn set_with_password(env: &Env, url: &str, exit: i32) -> serde_json::Value {
    let pw = env.secret_path("rpc-password");
    let args = [
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        url,
        "--rpc-user",
        "alice",
        "--rpc-password-file",
        &pw,
    ];
    if exit == 0 {
        env.ok(&args)
    } else {
        env.err(&args, exit)
    }
}

/// Asserts that no byte of the credentials reached the listener in clear.
fn assert_no_credentials(seen: &[Seen]) {
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("alice:{RPC_PASSWORD}"));
    for s in seen {
        for needle in [
            RPC_PASSWORD.as_bytes(),
            basic.as_bytes(),
            b"Authorization".as_slice(),
            b"POST".as_slice(),
        ] {
            assert!(
                !contains(&s.raw, needle),
                "{:?} reached the listener in clear: {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&s.raw)
            );
        }
    }
}

fn no_backend(env: &Env) {
    let l = env.ok(&["wallet", "backend", "list"]);
    assert_eq!(l["items"], serde_json::json!([]), "nothing was stored: {l}");
}

/// `https://` to a server that only speaks plain HTTP: coffer opens with a TLS hello
/// and gives up; the request (and its Authorization header) is never sent in clear.
#[test]
fn https_never_falls_back_to_plain_http() {
    let env = env_trusting("ca.pem");
    let plain = Listener::start(Serve::Plain);
    let url = format!("https://127.0.0.1:{}", plain.port);
    let e = set_with_password(&env, &url, 7);
    assert_eq!(e["code"], "backend", "{e}");
    let seen = plain.finish();
    assert_eq!(seen.len(), 1, "one connection");
    assert_eq!(
        seen[0].raw.first(),
        Some(&0x16),
        "a TLS handshake record first"
    );
    assert_no_credentials(&seen);
    let m = e["message"].as_str().unwrap();
    assert!(
        m.contains("nothing was sent") && m.contains("does not speak TLS"),
        "{e}"
    );
    no_backend(&env);
}

/// A certificate this machine does not trust (self-signed, as a quick TLS proxy makes):
/// refused during the handshake, `backend` (exit 7), the request never sent.
#[test]
fn an_untrusted_certificate_is_refused() {
    let env = env_trusting("other-ca.pem");
    for cert in ["self-signed", "node"] {
        let server = Listener::start(Serve::Tls(cert));
        let url = format!("https://127.0.0.1:{}", server.port);
        let e = set_with_password(&env, &url, 7);
        assert_eq!(e["code"], "backend", "{cert}: {e}");
        let m = e["message"].as_str().unwrap();
        assert!(
            m.contains("no trusted TLS connection") && m.contains("certificate"),
            "{cert}: {e}"
        );
        assert!(!m.contains(RPC_PASSWORD), "{e}");
        let seen = server.finish();
        assert_eq!(seen.len(), 1, "{cert}: one connection");
        assert!(seen[0].requests.is_empty(), "{cert}: no request was read");
        assert_no_credentials(&seen);
    }
    no_backend(&env);
    // The human error says the same, with the hint, on stderr; stdout stays empty.
    let server = Listener::start(Serve::Tls("self-signed"));
    let url = format!("https://127.0.0.1:{}", server.port);
    let pw = env.secret_path("rpc-password");
    let r = env.run(&[
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        &url,
        "--rpc-user",
        "alice",
        "--rpc-password-file",
        &pw,
    ]);
    assert_eq!(r.code, 7, "{}", r.stderr);
    assert!(
        r.stderr.contains("no trusted TLS connection"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(RPC_PASSWORD) && r.stdout.is_empty(),
        "{}",
        r.stderr
    );
}

/// A node behind a TLS proxy whose certificate a trusted CA issued (here the test's CA,
/// named by SSL_CERT_FILE): set, test and sync work, the sync on a connection or two
/// kept open (not one per call); the credentials arrive, but only inside TLS; wrong
/// credentials are still `backend_auth`. A self-signed certificate
/// named by SSL_CERT_FILE is trusted too (pinning the node's own certificate).
#[test]
fn a_node_behind_a_trusted_tls_proxy_works() {
    let node = Node::start();
    let miner = node.miner();
    let mut env = env_trusting("ca.pem");
    let addr = env.ok(&["addr", "new"])["items"][0]["address"]
        .as_str()
        .unwrap()
        .to_string();
    node.wallet_rpc("miner", &["sendtoaddress", &addr, "0.5"]);
    node.rpc(&["generatetoaddress", "1", &miner]);
    let rpc_port = node.url().rsplit(':').next().unwrap().parse().unwrap();
    let proxy = Listener::start(Serve::Proxy("node", rpc_port));
    let cookie = node.cookie();
    let cookie_text = std::fs::read_to_string(&cookie).unwrap();
    let cookie_secret = cookie_text.split_once(':').unwrap().1.trim().to_string();

    for host in ["127.0.0.1", "localhost"] {
        let url = format!("https://{host}:{}", proxy.port);
        let set = env.ok(&[
            "wallet",
            "backend",
            "set",
            "btc",
            "--network",
            "regtest",
            "--rpc",
            &url,
            "--rpc-cookie",
            cookie.to_str().unwrap(),
        ]);
        assert_eq!(set["items"][0]["rpc"], url.as_str(), "{set}");
        let t = env.ok(&["wallet", "backend", "test", "btc", "--network", "regtest"]);
        assert_eq!(t["node"]["chain"], "regtest", "{t}");
    }
    let before = proxy.connections();
    let sync = env.ok(&["wallet", "sync"]);
    assert!(!sync["bitcoin"].as_array().unwrap().is_empty(), "{sync}");
    // The connection is kept between the node calls of the sync (one TLS handshake for
    // them all), not opened again for each call.
    let connections = proxy.connections() - before;
    assert!(
        (1..=2).contains(&connections),
        "{connections} TLS connections for one sync"
    );
    let b = env.ok(&["wallet", "balance"]);
    assert_eq!(
        b["items"][0]["confirmed_sat"], 50_000_000u64,
        "through TLS: {b}"
    );

    // Wrong credentials through the proxy: the node's 401, exit 3.
    let e = set_with_password(&env, &format!("https://127.0.0.1:{}", proxy.port), 3);
    assert_eq!(e["code"], "backend_auth", "{e}");

    let seen = proxy.finish();
    let requests: Vec<&String> = seen.iter().flat_map(|s| &s.requests).collect();
    assert!(requests.len() >= 4, "{} requests", requests.len());
    assert!(
        requests.iter().any(|r| r.contains("Authorization: Basic")),
        "the credentials arrived inside TLS"
    );
    for s in &seen {
        assert!(
            !contains(&s.raw, cookie_secret.as_bytes()),
            "the cookie in clear"
        );
        assert!(!contains(&s.raw, b"Authorization"), "a header in clear");
        assert!(
            !contains(&s.raw, b"getblockchaininfo"),
            "a request in clear"
        );
    }
    assert_no_credentials(&seen);

    // A node's own self-signed certificate is trusted when SSL_CERT_FILE names it.
    let pinned = Listener::start(Serve::Proxy("self-signed", rpc_port));
    let url = format!("https://127.0.0.1:{}", pinned.port);
    let set = [
        "wallet",
        "backend",
        "set",
        "btc",
        "--network",
        "regtest",
        "--rpc",
        &url,
        "--rpc-cookie",
        cookie.to_str().unwrap(),
    ];
    env.err(&set, 7);
    for (k, v) in env.vars.iter_mut() {
        if k == "SSL_CERT_FILE" {
            *v = fixture("self-signed.pem").to_string_lossy().into_owned();
        }
    }
    env.ok(&set);
    env.ok(&["wallet", "sync"]);
    assert!(pinned.finish().iter().any(|s| !s.requests.is_empty()));
}

/// A redirect (here from the TLS endpoint to plain HTTP on this machine) is not followed:
/// it would carry the Authorization header along.
#[test]
fn redirects_are_not_followed() {
    let env = env_trusting("ca.pem");
    let plain = Listener::start(Serve::Plain);
    let server = Listener::start(Serve::Redirect(format!("http://127.0.0.1:{}/", plain.port)));
    let e = set_with_password(&env, &format!("https://127.0.0.1:{}", server.port), 7);
    assert_eq!(e["code"], "backend", "{e}");
    assert!(e["message"].as_str().unwrap().contains("redirect"), "{e}");
    assert_eq!(server.finish().len(), 1);
    let seen = plain.finish();
    assert!(seen.is_empty(), "the redirect was followed");
    no_backend(&env);
}

/// `http://` carries the credentials in clear, so it is only for a node on this machine:
/// another host is `invalid_input` (exit 5) before any connection; so is a URL with
/// `user:password@` in it (it would be stored and shown).
#[test]
fn plain_http_only_to_this_machine() {
    let env = env_trusting("ca.pem");
    let plain = Listener::start(Serve::Plain);
    // 0.0.0.0 is not a loopback address (Linux delivers it to this machine, so a
    // connection, were one made, would reach the listener on 127.0.0.1).
    let e = set_with_password(&env, &format!("http://0.0.0.0:{}", plain.port), 5);
    assert_eq!(e["code"], "invalid_input", "{e}");
    assert_eq!(e["field"], "rpc", "{e}");
    let m = e["message"].as_str().unwrap();
    assert!(m.contains("in clear") && m.contains("https://"), "{e}");
    let e = set_with_password(
        &env,
        &format!("http://alice:{RPC_PASSWORD}@127.0.0.1:{}", plain.port),
        5,
    );
    assert_eq!(e["field"], "rpc", "{e}");
    assert!(!e.to_string().contains(RPC_PASSWORD), "{e}");
    assert!(plain.finish().is_empty(), "nothing was sent");
    no_backend(&env);
}
