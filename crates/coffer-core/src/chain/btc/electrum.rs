//! The Electrum protocol (line-delimited JSON-RPC over TCP) as far as a backend check
//! needs it: `server.version`, the genesis header (`blockchain.block.header` 0, which must
//! be the network's) and the tip (`blockchain.headers.subscribe`). `tcp://host:port` only
//! for now: `ssl://` is refused as not supported yet (usage, exit 2). Every failure to
//! connect, a malformed answer or a server on another chain is `backend` (exit 7).

use super::super::Network;
use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// What an Electrum server told about itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServerInfo {
    /// Its software (`server.version`), e.g. `ElectrumX 1.20.0`.
    pub version: String,
    /// Its tip height.
    pub height: u64,
    /// The round trip of the checks (ms).
    pub rtt_ms: u64,
}

/// Checks an Electrum server URL's form: `tcp://HOST:PORT` (returns `HOST:PORT`);
/// `ssl://` is not supported yet (`usage`); anything else is `invalid_input`.
pub fn parse_url(url: &str) -> Result<String> {
    if let Some(rest) = url.strip_prefix("tcp://") {
        let rest = rest.trim_end_matches('/');
        let ok = rest
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok());
        if ok {
            return Ok(rest.to_string());
        }
        return Err(Error::invalid(
            "electrum",
            format!("{url}: an Electrum server is tcp://HOST:PORT or ssl://HOST:PORT"),
        ));
    }
    if url.starts_with("ssl://") {
        return Err(Error::Usage(format!(
            "{url}: Electrum servers over TLS (ssl://) are not supported yet; \
             use tcp:// for a server on this machine or behind Tor"
        )));
    }
    Err(Error::invalid(
        "electrum",
        format!("{url}: an Electrum server is tcp://HOST:PORT or ssl://HOST:PORT"),
    ))
}

/// One connection to an Electrum server.
pub struct Client {
    reader: BufReader<TcpStream>,
    url: String,
    next_id: u64,
    /// The server's software, from `server.version` (sent once per session).
    version: String,
}

impl Client {
    /// Connects (timeout: `COFFER_RPC_TIMEOUT` seconds, default 10) and says hello.
    pub fn connect(url: &str) -> Result<Client> {
        let addr = parse_url(url)?;
        let timeout = Duration::from_secs(crate::chain::eth::rpc::timeout());
        let fail = |e: std::io::Error| Error::Backend(format!("Electrum server {url}: {e}"));
        let sock = addr
            .to_socket_addrs()
            .map_err(fail)?
            .next()
            .ok_or_else(|| Error::Backend(format!("Electrum server {url}: no address")))?;
        let stream = TcpStream::connect_timeout(&sock, timeout).map_err(fail)?;
        stream.set_read_timeout(Some(timeout)).map_err(fail)?;
        stream.set_write_timeout(Some(timeout)).map_err(fail)?;
        let mut c = Client {
            reader: BufReader::new(stream),
            url: url.to_string(),
            next_id: 0,
            version: String::new(),
        };
        let v = c.call("server.version", json!(["coffer", "1.4"]))?;
        c.version = v
            .get(0)
            .and_then(Value::as_str)
            .ok_or_else(|| c.bad("a malformed answer to server.version"))?
            .to_string();
        Ok(c)
    }

    fn bad(&self, what: impl std::fmt::Display) -> Error {
        Error::Backend(format!("Electrum server {}: {what}", self.url))
    }

    /// One call; an error answer or a malformed one is `backend`.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.next_id += 1;
        let id = self.next_id;
        let req = json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params });
        let stream = self.reader.get_mut();
        stream
            .write_all(format!("{req}\n").as_bytes())
            .map_err(|e| self.bad(e))?;
        loop {
            let mut line = String::new();
            let n = self.reader.read_line(&mut line).map_err(|e| self.bad(e))?;
            if n == 0 {
                return Err(self.bad("the connection was closed"));
            }
            let v: Value = serde_json::from_str(&line)
                .map_err(|_| self.bad(format!("a malformed answer to {method}")))?;
            // Notifications (no id) are not answers.
            if v.get("id").and_then(Value::as_u64) != Some(id) {
                continue;
            }
            if let Some(e) = v.get("error").filter(|e| !e.is_null()) {
                return Err(self.bad(format!("{method}: {e}")));
            }
            return v
                .get("result")
                .cloned()
                .ok_or_else(|| self.bad(format!("no result for {method}")));
        }
    }

    /// The hash of the header at `height`.
    fn header_hash(&mut self, height: u64) -> Result<bitcoin::BlockHash> {
        let v = self.call("blockchain.block.header", json!([height]))?;
        let header: bitcoin::block::Header = v
            .as_str()
            .and_then(|h| bitcoin::consensus::encode::deserialize_hex(h).ok())
            .ok_or_else(|| self.bad(format!("a malformed header at height {height}")))?;
        Ok(header.block_hash())
    }

    /// The tip height.
    pub fn tip(&mut self) -> Result<u64> {
        let v = self.call("blockchain.headers.subscribe", json!([]))?;
        v.get("height")
            .and_then(Value::as_u64)
            .ok_or_else(|| self.bad("a malformed tip"))
    }
}

/// Connects to the Electrum server at `url` and checks it serves `network` (its genesis
/// header is the network's; else `backend`): its software, tip and the round trip.
pub fn connect(url: &str, network: Network) -> Result<(Client, ServerInfo)> {
    let t0 = Instant::now();
    let mut c = Client::connect(url)?;
    let genesis = bitcoin::blockdata::constants::genesis_block(network.to_bitcoin()).block_hash();
    let theirs = c.header_hash(0)?;
    if theirs != genesis {
        return Err(c.bad(format!(
            "it serves another chain than {} (genesis {theirs})",
            network.name()
        )));
    }
    let version = c.version.clone();
    let height = c.tip()?;
    let rtt_ms = t0.elapsed().as_millis() as u64;
    Ok((
        c,
        ServerInfo {
            version,
            height,
            rtt_ms,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_tcp_or_a_clear_refusal() {
        assert_eq!(
            parse_url("tcp://127.0.0.1:50001").unwrap(),
            "127.0.0.1:50001"
        );
        assert_eq!(
            parse_url("tcp://host.onion:50001/").unwrap(),
            "host.onion:50001"
        );
        assert_eq!(
            parse_url("ssl://e.example:50002").unwrap_err().code(),
            "usage"
        );
        for bad in ["http://h:1", "tcp://h", "tcp://:1", "tcp://h:x", "h:50001"] {
            assert_eq!(parse_url(bad).unwrap_err().code(), "invalid_input", "{bad}");
        }
    }
}
