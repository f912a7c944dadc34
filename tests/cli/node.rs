//! A real Bitcoin Core node in regtest on 127.0.0.1 (from `../shared/bitcoin-core/`, or
//! `$COFFER_BITCOIN_BIN`), as an independent check. Missing binaries fail the test.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A running regtest node, stopped (and its data removed) when dropped.
pub struct Node {
    child: Child,
    _dir: tempfile::TempDir,
    datadir: PathBuf,
    rpc_port: u16,
    bin: PathBuf,
}

fn bin_dir() -> PathBuf {
    let dir = std::env::var_os("COFFER_BITCOIN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bitcoin-core/bin")
        });
    assert!(
        dir.join("bitcoind").exists(),
        "bitcoind not found in {} (set COFFER_BITCOIN_BIN); tests need a real node",
        dir.display()
    );
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Node {
    /// Starts a node and waits until its RPC answers.
    pub fn start() -> Node {
        Node::start_with(&[])
    }

    /// Starts a node with extra `bitcoind` options (such as `-txindex`, which an
    /// Electrum server needs) and waits until its RPC answers.
    pub fn start_with(extra: &[&str]) -> Node {
        let bin = bin_dir();
        // In memory where the machine has it: the node's fsyncs (a block, a wallet
        // write) then cost nothing, and the data is thrown away anyway.
        let shm = std::path::Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm).unwrap()
        } else {
            tempfile::tempdir().unwrap()
        };
        let datadir = dir.path().to_path_buf();
        let (rpc_port, p2p_port) = (free_port(), free_port());
        let child = Command::new(bin.join("bitcoind"))
            .args([
                "-regtest",
                "-daemon=0",
                &format!("-datadir={}", datadir.display()),
                &format!("-rpcport={rpc_port}"),
                &format!("-port={p2p_port}"),
                "-bind=127.0.0.1",
                "-rpcbind=127.0.0.1",
                "-rpcallowip=127.0.0.1",
                "-dnsseed=0",
                "-fixedseeds=0",
                "-printtoconsole=0",
                "-fallbackfee=0.0002",
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting bitcoind");
        let node = Node {
            child,
            _dir: dir,
            datadir,
            rpc_port,
            bin,
        };
        // `-rpcwait` retries once a second; polling every 20 ms saves most of that.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let out = node.cli_raw(&["getblockchaininfo"]);
            if out.status.success() {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "bitcoind did not come up: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        node
    }

    fn cli_raw(&self, args: &[&str]) -> std::process::Output {
        Command::new(self.bin.join("bitcoin-cli"))
            .arg("-regtest")
            .arg(format!("-datadir={}", self.datadir.display()))
            .arg(format!("-rpcport={}", self.rpc_port))
            .args(args)
            .output()
            .expect("running bitcoin-cli")
    }

    /// Creates the node wallet "miner" and mines 101 blocks to it (mature coins);
    /// returns its address.
    pub fn miner(&self) -> String {
        self.rpc(&["createwallet", "miner"]);
        let miner = self.wallet_rpc("miner", &["getnewaddress"]);
        let miner = miner.as_str().unwrap().to_string();
        self.rpc(&["generatetoaddress", "101", &miner]);
        miner
    }

    /// The RPC URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.rpc_port)
    }

    /// The RPC port.
    pub fn rpc_port(&self) -> u16 {
        self.rpc_port
    }

    /// The cookie file the node writes for RPC authentication.
    pub fn cookie(&self) -> PathBuf {
        self.datadir.join("regtest").join(".cookie")
    }

    /// Runs an RPC and parses its JSON answer.
    pub fn rpc(&self, args: &[&str]) -> serde_json::Value {
        self.rpc_in(None, args)
    }

    /// The address at `index` of the descriptor `desc` (`deriveaddresses`).
    pub fn derive(&self, desc: &str, index: u32) -> String {
        self.rpc(&["deriveaddresses", desc, &format!("[{index},{index}]")])[0]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Pays each `(descriptor, index, amount in BTC)` from the `miner` wallet (see
    /// [`Node::miner`]); nothing is mined.
    pub fn pay_indexes(&self, payments: &[(&str, u32, &str)]) {
        for (desc, index, amount) in payments {
            let to = self.derive(desc, *index);
            self.wallet_rpc("miner", &["sendtoaddress", &to, amount]);
        }
    }

    /// Runs an RPC of one of the node's wallets (`-rpcwallet`).
    pub fn wallet_rpc(&self, wallet: &str, args: &[&str]) -> serde_json::Value {
        self.rpc_in(Some(wallet), args)
    }

    fn rpc_in(&self, wallet: Option<&str>, args: &[&str]) -> serde_json::Value {
        let w = wallet.map(|w| format!("-rpcwallet={w}"));
        let args: Vec<&str> = w
            .iter()
            .map(String::as_str)
            .chain(args.iter().copied())
            .collect();
        let out = self.cli_raw(&args);
        assert!(
            out.status.success(),
            "bitcoin-cli {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
    }
}

impl Drop for Node {
    /// Kills the node: its data is removed next, so a clean shutdown (which flushes it
    /// to disk first) would only cost time.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
