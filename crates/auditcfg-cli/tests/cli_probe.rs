//! `auditcfg probe` without services: closed loopback ports (refused at
//! once), URLs that are not URLs, usage errors. The probe against real
//! PostgreSQL and Redis servers is `scripts/test-probe.sh`.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_auditcfg");
const PRODUCTION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../auditcfg-core/presets/production.json"
);

/// A loopback port nothing listens on (bound, then released).
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

fn config(edit: impl Fn(&mut serde_json::Value)) -> std::path::PathBuf {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(PRODUCTION).expect("preset")).expect("json");
    edit(&mut doc);
    let path = std::env::temp_dir().join(format!(
        "auditcfg-cli-probe-{}-{}.json",
        std::process::id(),
        closed_port()
    ));
    std::fs::write(&path, serde_json::to_vec_pretty(&doc).expect("ser")).expect("write");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("probe")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("AUDIT_DB_URL")
        .env_remove("REDIS_URL")
        .output()
        .expect("runs")
}

fn findings(out: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    v[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn closed_ports_are_unreachable_at_their_paths_and_no_password_is_printed() {
    let (pg, redis) = (closed_port(), closed_port());
    let path = config(|d| {
        d["database"]["url"] = format!("postgresql://audit:MARK-db-pw@127.0.0.1:{pg}/audit").into();
        d["enhancedClient"]["connectionPool"]["url"] =
            format!("postgresql://audit:MARK-db-pw@127.0.0.1:{pg}/audit").into();
        d["server"]["auth"]["dbUrl"] =
            format!("postgresql://auth:MARK-auth-pw@127.0.0.1:{pg}/auth").into();
        d["redis"]["url"] = format!("redis://:MARK-redis-pw@127.0.0.1:{redis}").into();
        d["server"]["auth"]["redisUrl"] = "http://not-redis:6379".into();
    });
    let file = path.to_str().expect("utf-8 path");
    for format in ["human", "json", "sarif"] {
        let out = run(&[file, "--format", format, "--timeout", "2000"]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("MARK"), "{format} leaks a password:\n{all}");
        if format == "json" {
            let got = findings(&out);
            for want in [
                ("AC401", "/database/url"),
                ("AC401", "/enhancedClient/connectionPool/url"),
                ("AC401", "/server/auth/dbUrl"),
                ("AC401", "/redis/url"),
                ("AC418", "/server/auth/redisUrl"),
            ] {
                assert!(
                    got.iter().any(|(c, p)| (c.as_str(), p.as_str()) == want),
                    "{want:?} not in {got:?}"
                );
            }
            assert!(all.contains("connection refused"), "{all}");
        }
        if format == "human" {
            // Quoted source lines keep their shape, credentials blanked.
            assert!(all.contains(&format!("@127.0.0.1:{redis}")), "{all}");
        }
    }
    let only = run(&[file, "--format", "json", "--only", "redis"]);
    let got = findings(&only);
    assert!(
        got.iter()
            .all(|(_, p)| p.contains("redis") || p.contains("Redis")),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(c, p)| c == "AC401" && p == "/redis/url"),
        "{got:?}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn usage_and_input_errors_exit_2() {
    let out = run(&["/nonexistent/config.json"]);
    assert_eq!(out.status.code(), Some(2));
    let bad = std::env::temp_dir().join(format!(
        "auditcfg-cli-probe-bad-{}.json",
        std::process::id()
    ));
    std::fs::write(&bad, "{\"redis\": ").expect("write");
    let out = run(&[bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[PRODUCTION, "--only", "mysql"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[PRODUCTION, "--timeout", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_file(bad);
}
