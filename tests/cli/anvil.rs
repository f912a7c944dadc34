//! A real anvil node (Foundry, installed by scripts/install-tools.sh into .tools/, or
//! `$COFFER_ANVIL_BIN`) on 127.0.0.1 with a free port, stopped by its PID when dropped.
//! A missing or failing anvil fails the test: nothing is skipped.

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Anvil {
    child: Child,
    pub url: String,
}

fn bin() -> PathBuf {
    let dir = std::env::var_os("COFFER_ANVIL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/npm/node_modules/.bin")
        });
    let anvil = dir.join("anvil");
    assert!(
        anvil.exists(),
        "anvil not found in {} (run scripts/install-tools.sh, or set COFFER_ANVIL_BIN); \
         the Ethereum tests need a real node",
        dir.display()
    );
    anvil
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Anvil {
    /// Starts anvil on `chain_id` and waits until it answers.
    pub fn start(chain_id: u64) -> Anvil {
        let port = free_port();
        let child = Command::new(bin())
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--chain-id",
                &chain_id.to_string(),
                "--silent",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting anvil");
        let anvil = Anvil {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if anvil.try_rpc("eth_chainId", json!([])).is_some() {
                return anvil;
            }
            assert!(
                Instant::now() < deadline,
                "anvil did not come up on {}",
                anvil.url
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn try_rpc(&self, method: &str, params: Value) -> Option<Value> {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let r = minreq::post(&self.url)
            .with_timeout(10)
            .with_header("Content-Type", "application/json")
            .with_body(body.to_string())
            .send()
            .ok()?;
        serde_json::from_slice(r.as_bytes()).ok()
    }

    /// A JSON-RPC call; the whole answer (`result` or `error`).
    pub fn rpc(&self, method: &str, params: Value) -> Value {
        self.try_rpc(method, params)
            .unwrap_or_else(|| panic!("anvil did not answer {method}"))
    }

    /// A JSON-RPC call that must succeed; its result.
    pub fn result(&self, method: &str, params: Value) -> Value {
        let v = self.rpc(method, params);
        assert!(v.get("error").is_none(), "{method}: {v}");
        v["result"].clone()
    }

    /// The receipt of `hash`, waiting (up to 10 s) for anvil to mine it.
    pub fn receipt(&self, hash: &Value) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self.result("eth_getTransactionReceipt", json!([hash]));
            if !r.is_null() {
                return r;
            }
            assert!(Instant::now() < deadline, "{hash} was not mined");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// An ether balance in wei.
    pub fn balance(&self, address: &str) -> u128 {
        let v = self.result("eth_getBalance", json!([address, "latest"]));
        u128::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
