//! A minimal Redis client for the probe. It can send exactly four
//! commands, `AUTH`, `PING`, `INFO` and `CONFIG GET`: [`Command`] has no
//! other variant, so the probe cannot write to Redis by construction.
//!
//! Why not the `redis` crate: four read-only commands and the RESP2
//! replies to them are ~150 lines; the crate (with its TLS and tokio
//! features) adds dozens of dependencies and minutes of build time on
//! small CI machines, and would make "never writes" a promise rather than
//! a property of the type.

use super::net::{self, Outcome};
use auditcfg_core::probe::{Failure, RedisFacts, ServiceFacts, Target};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The only commands the probe sends.
enum Command<'a> {
    Auth {
        user: Option<&'a str>,
        password: &'a str,
    },
    Ping,
    Info,
    ConfigGet(&'static str),
}

impl Command<'_> {
    fn encode(&self) -> Vec<u8> {
        let parts: Vec<&[u8]> = match self {
            Command::Auth {
                user: Some(u),
                password,
            } => vec![b"AUTH", u.as_bytes(), password.as_bytes()],
            Command::Auth {
                user: None,
                password,
            } => vec![b"AUTH", password.as_bytes()],
            Command::Ping => vec![b"PING"],
            Command::Info => vec![b"INFO"],
            Command::ConfigGet(name) => vec![b"CONFIG", b"GET", name.as_bytes()],
        };
        let mut out = format!("*{}\r\n", parts.len()).into_bytes();
        for p in parts {
            out.extend_from_slice(format!("${}\r\n", p.len()).as_bytes());
            out.extend_from_slice(p);
            out.extend_from_slice(b"\r\n");
        }
        out
    }
}

/// A RESP2 reply (RESP3 is never negotiated: no `HELLO`).
#[derive(Debug, PartialEq)]
enum Reply {
    Simple(String),
    Error(String),
    Integer(i64),
    Bulk(Option<Vec<u8>>),
    Array(Option<Vec<Reply>>),
}

/// Bounds on replies: an `INFO` is a few kilobytes.
const MAX_BULK: usize = 4 << 20;
const MAX_ITEMS: usize = 1024;
const MAX_LINE: usize = 64 << 10;

struct Conn<S> {
    io: BufReader<S>,
}

impl<S: AsyncRead + AsyncWrite + Unpin + Send> Conn<S> {
    async fn call(&mut self, c: Command<'_>) -> Result<Reply, String> {
        self.io
            .get_mut()
            .write_all(&c.encode())
            .await
            .map_err(|e| net::io_reason(&e))?;
        self.io
            .get_mut()
            .flush()
            .await
            .map_err(|e| net::io_reason(&e))?;
        self.reply(0).await
    }

    async fn line(&mut self) -> Result<String, String> {
        let mut buf = Vec::new();
        let n = (&mut self.io)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut buf)
            .await
            .map_err(|e| net::io_reason(&e))?;
        if n == 0 {
            return Err("the server closed the connection".into());
        }
        if !buf.ends_with(b"\r\n") {
            return Err("not a Redis reply".into());
        }
        buf.truncate(buf.len() - 2);
        String::from_utf8(buf).map_err(|_| "not a Redis reply".into())
    }

    fn reply(
        &mut self,
        depth: u8,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<Reply, String>> + Send + '_>> {
        Box::pin(async move {
            if depth > 4 {
                return Err("reply nested too deeply".into());
            }
            let line = self.line().await?;
            let kind = line.get(..1).unwrap_or_default();
            let rest = line.get(1..).unwrap_or_default();
            let len = || {
                rest.parse::<i64>()
                    .map_err(|_| "not a Redis reply".to_owned())
            };
            match kind {
                "+" => Ok(Reply::Simple(rest.to_owned())),
                "-" => Ok(Reply::Error(rest.to_owned())),
                ":" => Ok(Reply::Integer(len()?)),
                "$" => {
                    let n = len()?;
                    if n < 0 {
                        return Ok(Reply::Bulk(None));
                    }
                    let n = usize::try_from(n).map_err(|_| "bad length")?;
                    if n > MAX_BULK {
                        return Err("reply too large".into());
                    }
                    let mut data = vec![0u8; n + 2];
                    self.io
                        .read_exact(&mut data)
                        .await
                        .map_err(|e| net::io_reason(&e))?;
                    data.truncate(n);
                    Ok(Reply::Bulk(Some(data)))
                }
                "*" => {
                    let n = len()?;
                    if n < 0 {
                        return Ok(Reply::Array(None));
                    }
                    let n = usize::try_from(n).map_err(|_| "bad length")?;
                    if n > MAX_ITEMS {
                        return Err("reply too large".into());
                    }
                    let mut items = Vec::with_capacity(n);
                    for _ in 0..n {
                        items.push(self.reply(depth + 1).await?);
                    }
                    Ok(Reply::Array(Some(items)))
                }
                _ => Err("not a Redis reply".into()),
            }
        })
    }
}

pub(super) async fn probe(
    t: &Target,
    timeout: Duration,
    tls: Arc<rustls::ClientConfig>,
) -> Outcome {
    let deadline = Instant::now() + timeout;
    let Ok(url) = url::Url::parse(&t.url) else {
        return Outcome::failed(None, Failure::Other("the URL does not parse".into()));
    };
    let Some((host, port)) = net::host_port(&url, 6379) else {
        return Outcome::failed(None, Failure::Other("the URL has no host".into()));
    };
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| s.to_owned())
    };
    let password = url.password().map(decode);
    let user = Some(decode(url.username())).filter(|u| !u.is_empty());
    let (stream, connect_ms) = match net::connect(&host, port, deadline, timeout).await {
        Ok(s) => s,
        Err(f) => return Outcome::failed(None, f),
    };
    let left = || deadline.saturating_duration_since(Instant::now());
    let login = Login {
        user: user.as_deref(),
        password: password.as_deref(),
        deadline,
        timeout,
    };
    let result = if t.tls {
        match tokio::time::timeout(left(), net::tls(stream, &host, tls)).await {
            // Connected, but no TLS answer: a plain Redis reads the
            // ClientHello as the start of a command and waits for more.
            Err(_) => Err(Failure::TlsHandshake(format!(
                "no answer within {} ms (a port without TLS?)",
                net::ms(timeout)
            ))),
            Ok(Err(f)) => Err(f),
            Ok(Ok(s)) => {
                session(
                    Conn {
                        io: BufReader::new(s),
                    },
                    &login,
                )
                .await
            }
        }
    } else {
        session(
            Conn {
                io: BufReader::new(stream),
            },
            &login,
        )
        .await
    };
    match result {
        Err(f) => Outcome::failed(Some(connect_ms), f),
        Ok(facts) => Outcome {
            connect_ms: Some(connect_ms),
            result: Ok(ServiceFacts::Redis(facts)),
        },
    }
}

struct Login<'a> {
    user: Option<&'a str>,
    password: Option<&'a str>,
    /// AUTH and PING must be answered before this (the connect timeout).
    deadline: Instant,
    /// INFO and CONFIG GET then get this long.
    timeout: Duration,
}

async fn session<S: AsyncRead + AsyncWrite + Unpin + Send>(
    mut c: Conn<S>,
    login: &Login<'_>,
) -> Result<RedisFacts, Failure> {
    let mut facts = RedisFacts::default();
    let left = login.deadline.saturating_duration_since(Instant::now());
    match tokio::time::timeout(left, handshake(&mut c, login, &mut facts)).await {
        Err(_) => return Err(Failure::Timeout(net::ms(login.timeout))),
        Ok(Err(f)) => return Err(f),
        Ok(Ok(())) => {}
    }
    read_info(c, facts, login.timeout).await
}

async fn handshake<S: AsyncRead + AsyncWrite + Unpin + Send>(
    c: &mut Conn<S>,
    login: &Login<'_>,
    facts: &mut RedisFacts,
) -> Result<(), Failure> {
    let other = |why: String| Failure::Other(why);
    let user = login.user;
    if let Some(password) = login.password.filter(|p| !p.is_empty()) {
        match c
            .call(Command::Auth { user, password })
            .await
            .map_err(other)?
        {
            Reply::Simple(_) => facts.authenticated = true,
            // A password given to a server without one: ioredis warns and
            // goes on; so does the probe (nothing is protected by it).
            Reply::Error(e)
                if e.contains("without any password configured")
                    || e.contains("no password is set") => {}
            Reply::Error(e)
                if e.starts_with("WRONGPASS")
                    || e.contains("invalid password")
                    || e.contains("invalid username-password") =>
            {
                return Err(Failure::AuthRejected);
            }
            Reply::Error(e) => {
                return Err(Failure::Other(format!("AUTH refused: {}", first_word(&e))));
            }
            _ => return Err(other("no answer to AUTH like Redis".into())),
        }
    }
    match c.call(Command::Ping).await {
        Ok(Reply::Simple(s)) if s == "PONG" => {}
        Ok(Reply::Error(e)) if e.starts_with("NOAUTH") => return Err(Failure::AuthRequired),
        Ok(Reply::Error(e)) if e.starts_with("WRONGPASS") => return Err(Failure::AuthRejected),
        Ok(Reply::Error(e)) => return Err(other(format!("PING refused: {}", first_word(&e)))),
        _ => return Err(other("no answer to PING like Redis".into())),
    }
    Ok(())
}

async fn read_info<S: AsyncRead + AsyncWrite + Unpin + Send>(
    mut c: Conn<S>,
    mut facts: RedisFacts,
    timeout: Duration,
) -> Result<RedisFacts, Failure> {
    // What follows is read-only information; a refusal leaves a `None`.
    let read = async {
        if let Ok(Reply::Bulk(Some(info))) = c.call(Command::Info).await {
            let info = String::from_utf8_lossy(&info);
            for line in info.lines() {
                let Some((k, v)) = line.trim_end().split_once(':') else {
                    continue;
                };
                match k {
                    "redis_version" => facts.version = Some(v.to_owned()),
                    "maxmemory_policy" => facts.maxmemory_policy = Some(v.to_owned()),
                    "maxmemory" => facts.maxmemory = v.parse().ok(),
                    "aof_enabled" => facts.appendonly = Some(v == "1"),
                    _ => {}
                }
            }
        }
        if let Ok(Reply::Array(Some(items))) = c.call(Command::ConfigGet("protected-mode")).await
            && let [_, Reply::Bulk(Some(v))] = items.as_slice()
        {
            facts.protected_mode = Some(v.as_slice() == b"yes");
        }
        facts
    };
    tokio::time::timeout(timeout, read)
        .await
        .map_err(|_| Failure::Other(format!("no answer to INFO within {} ms", net::ms(timeout))))
}

/// The error's code word (`ERR`, `NOPERM`): the rest may quote input.
fn first_word(e: &str) -> &str {
    e.split_whitespace().next().unwrap_or("error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn encodes_commands_and_parses_replies() {
        assert_eq!(
            Command::ConfigGet("protected-mode").encode(),
            b"*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$14\r\nprotected-mode\r\n"
        );
        let (client, mut server) = tokio::io::duplex(4096);
        server
            .write_all(b"*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n-NOAUTH Authentication required.\r\n:7\r\n")
            .await
            .expect("write");
        let mut c = Conn {
            io: BufReader::new(client),
        };
        assert_eq!(
            c.reply(0).await,
            Ok(Reply::Array(Some(vec![
                Reply::Bulk(Some(b"protected-mode".to_vec())),
                Reply::Bulk(Some(b"yes".to_vec()))
            ])))
        );
        assert_eq!(
            c.reply(0).await,
            Ok(Reply::Error("NOAUTH Authentication required.".into()))
        );
        assert_eq!(c.reply(0).await, Ok(Reply::Integer(7)));
        drop(server);
        assert!(c.reply(0).await.is_err());
    }

    #[tokio::test]
    async fn refuses_what_is_not_resp() {
        let (client, mut server) = tokio::io::duplex(4096);
        server
            .write_all(b"HTTP/1.1 400 Bad Request\r\n")
            .await
            .expect("write");
        let mut c = Conn {
            io: BufReader::new(client),
        };
        assert!(c.reply(0).await.is_err());
        let (client, mut server) = tokio::io::duplex(4096);
        server.write_all(b"$99999999999\r\n").await.expect("write");
        let mut c = Conn {
            io: BufReader::new(client),
        };
        assert_eq!(c.reply(0).await, Err("reply too large".into()));
    }
}
