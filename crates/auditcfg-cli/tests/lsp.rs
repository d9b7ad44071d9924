//! `auditcfg lsp` driven over stdio as an editor drives it: initialize,
//! open, change, complete, hover, fix, format, close, shutdown, exit; the
//! diagnostics of every validate fixture equal the CLI's.

use serde_json::{Value, json};
use std::io::BufReader;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// A hang guard, not a timing assertion: a message that has not come
/// within this long never will.
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(init_options: Value, encodings: &[&str]) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_auditcfg"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starts auditcfg lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            pending: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {"general": {"positionEncodings": encodings}},
                "initializationOptions": init_options,
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).expect("json");
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self) -> Value {
        match self.incoming.recv_timeout(PATIENCE) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("the server did not answer"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg.get("id") == Some(&json!(id)) {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
            self.pending.push(msg);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_for = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.pending.iter().position(is_for) {
            let m = self.pending.remove(i);
            return m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        loop {
            let m = self.recv();
            if is_for(&m) {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.pending.push(m);
        }
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null);
        assert!(result.is_null());
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().expect("exits");
        assert!(status.success(), "{status}");
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Applies LSP text edits (UTF-16 positions) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let ch = p["character"].as_u64().unwrap_or(0) as usize;
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

/// The CLI's diagnostics for a file, in the LSP's terms. The editor's
/// language (from the extension) is the input format, as the server takes
/// it: `--input-format` tells the CLI the same.
fn cli_diagnostics(path: &Path) -> Vec<Value> {
    let format = if path.extension().is_some_and(|e| e == "toml") {
        "toml"
    } else {
        "json"
    };
    let out = Command::new(env!("CARGO_BIN_EXE_auditcfg"))
        .args(["validate", "--format", "json", "--input-format", format])
        .arg(path)
        .output()
        .expect("runs validate");
    let reports: Value = serde_json::from_slice(&out.stdout).expect("json output");
    reports[0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|d| {
            let severity = match d["severity"].as_str() {
                Some("error") => 1,
                Some("warning") => 2,
                _ => 3,
            };
            let mut message = d["message"].as_str().unwrap_or("").to_owned();
            if let Some(help) = d["help"].as_str() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let pos = |p: &Value| {
                json!({
                    "line": p["line"].as_u64().unwrap_or(1) - 1,
                    "character": p["column"].as_u64().unwrap_or(1) - 1,
                })
            };
            json!({
                "code": d["code"],
                "severity": severity,
                "message": message,
                "range": {"start": pos(&d["range"]["start"]), "end": pos(&d["range"]["end"])},
            })
        })
        .collect()
}

fn comparable(d: &Value) -> Value {
    json!({"code": d["code"], "severity": d["severity"], "message": d["message"], "range": d["range"]})
}

#[test]
fn diagnostics_equal_the_clis_for_every_fixture() {
    let (mut client, init) = Client::start(Value::Null, &["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let dir = repo().join("tests/fixtures/validate");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "toml")
            )
        })
        .collect();
    files.sort();
    assert!(files.len() > 10);
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        let uri = format!("file:///fixtures/{name}");
        let language = if name.ends_with(".toml") {
            "toml"
        } else {
            "json"
        };
        let got: Vec<Value> = client
            .open(&uri, language, &text)
            .iter()
            .map(comparable)
            .collect();
        let want = cli_diagnostics(&path);
        assert_eq!(got, want, "{name}");
        assert!(
            got.iter()
                .all(|d| d["code"].as_str().is_some_and(|c| c.starts_with("AC")))
        );
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        assert!(client.diagnostics(&uri).is_empty(), "closing clears {name}");
    }
    client.shutdown();
}

#[test]
fn an_editing_session() {
    let (mut client, init) = Client::start(json!({"environment": "production"}), &["utf-16"]);
    let caps = &init["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    let uri = "file:///work/audit.json";
    let good =
        std::fs::read_to_string(repo().join("crates/auditcfg-core/presets/development.json"))
            .expect("preset");
    let typo = good.replacen("\"connectTimeout\"", "\"conectTimeout\"", 1);
    let diags = client.open(uri, "json", &typo);
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "AC318")
        .expect("the typo is reported")
        .clone();
    // Validated as production (the settings), though the document says development.
    assert!(diags.iter().any(|d| d["code"] == "AC206"), "{diags:?}");

    // The quick fix repairs the key exactly.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": unknown["range"],
            "context": {"diagnostics": [unknown]},
        }),
    );
    let fix = actions
        .as_array()
        .and_then(|a| a.iter().find(|a| a["kind"] == "quickfix"))
        .expect("a quick fix")
        .clone();
    assert_eq!(fix["diagnostics"][0]["code"], "AC318");
    let edits = fix["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let fixed = apply(&typo, &edits);
    assert_eq!(fixed, good);

    // Apply it as the editor would: an incremental change.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect::<Vec<_>>(),
        }),
    );
    let diags = client.diagnostics(uri);
    assert!(!diags.iter().any(|d| d["code"] == "AC318"), "{diags:?}");

    // Remove `poolSize` from the database section, then complete it back.
    let line_of =
        |text: &str, needle: &str| text[..text.find(needle).unwrap_or(0)].matches('\n').count();
    let pool_line = line_of(&good, "\"poolSize\"");
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{
                "range": {"start": {"line": pool_line, "character": 0}, "end": {"line": pool_line + 1, "character": 0}},
                "text": "    \n",
            }],
        }),
    );
    let mut lines: Vec<&str> = good.split('\n').collect();
    lines[pool_line] = "    ";
    let current = lines.join("\n");
    let diags = client.diagnostics(uri);
    assert!(
        diags.iter().any(|d| d["code"] == "AC101"),
        "poolSize is required: {diags:?}"
    );
    let list = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": pool_line, "character": 4}}),
    );
    let items = list["items"].as_array().cloned().unwrap_or_default();
    assert!(
        !items.iter().any(|i| i["label"] == "url"),
        "present keys are not offered"
    );
    let pool = items
        .iter()
        .find(|i| i["label"] == "poolSize")
        .expect("poolSize offered")
        .clone();
    assert!(pool["detail"].as_str().unwrap_or("").contains("restart"));
    let mut edits = vec![pool["textEdit"].clone()];
    edits.extend(
        pool["additionalTextEdits"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let completed = apply(&current, &edits);
    let v: Value = serde_json::from_str(&completed).expect("still valid JSON");
    let production: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("crates/auditcfg-core/presets/production.json"))
            .expect("preset"),
    )
    .expect("json");
    assert_eq!(
        v["database"]["poolSize"], production["database"]["poolSize"],
        "production's value (settings)"
    );

    // Hover with the limits.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line_of(&good, "\"connectionTimeout\"") , "character": 8}}),
    );
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("1000 to 60000"), "{md}");

    // Formatting a compact document gives upstream's layout.
    let compact_uri = "file:///work/audit-compact.json";
    client.open(
        compact_uri,
        "json",
        "{\"environment\":\"test\",  \"x-team\":{\"a\":[1,2]}}",
    );
    let edits = client.request("textDocument/formatting", json!({"textDocument": {"uri": compact_uri}, "options": {"tabSize": 2, "insertSpaces": true}}));
    let formatted = apply(
        "{\"environment\":\"test\",  \"x-team\":{\"a\":[1,2]}}",
        edits.as_array().map(Vec::as_slice).unwrap_or(&[]),
    );
    assert_eq!(
        formatted,
        "{\n  \"environment\": \"test\",\n  \"x-team\": {\n    \"a\": [\n      1,\n      2\n    ]\n  }\n}"
    );

    // Outline and folding.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"redis") && names.contains(&"database"),
        "{names:?}"
    );
    let folds = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(folds.as_array().is_some_and(|f| f.len() > 10));

    // TOML: completion of a key in a table.
    let toml_uri = "file:///work/audit.toml";
    let toml = "environment = \"test\"\n\n[worker]\nconc\n";
    client.open(toml_uri, "toml", toml);
    let list = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": toml_uri}, "position": {"line": 3, "character": 4}}),
    );
    let item = list["items"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["label"] == "concurrency"))
        .expect("concurrency")
        .clone();
    let out = apply(toml, &[item["textEdit"].clone()]);
    assert!(out.contains("\nconcurrency = "), "{out}");

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(client.diagnostics(uri).is_empty());
    client.shutdown();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (mut client, init) = Client::start(Value::Null, &["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///work/audit-utf8.json";
    let text = "{\"😀\": 1, \"database\": {\"poolSize\": 1000}}";
    let diags = client.open(uri, "json", text);
    let range = diags
        .iter()
        .find(|d| d["code"] == "AC103")
        .map(|d| d["range"].clone())
        .expect("out of range");
    let byte = text.find("1000").unwrap_or(0);
    assert_eq!(range["start"], json!({"line": 0, "character": byte}));
    client.shutdown();
}

#[test]
fn policies_from_initialization_options() {
    let policy = repo().join("tests/fixtures/policy/org.toml");
    let (mut client, _) = Client::start(
        json!({"environment": "production", "policies": [policy.to_str().unwrap_or("")]}),
        &["utf-16"],
    );
    let text = r#"{"environment": "production", "database": {"url": "postgresql://elsewhere/x", "ssl": true}}"#;
    let found = client.open("file:///org/production.json", "json", text);
    let org: Vec<&Value> = found.iter().filter(|d| d["code"] == "ORG001").collect();
    assert_eq!(org.len(), 1, "{found:?}");
    assert_eq!(org[0]["severity"], 1);
    assert_eq!(
        org[0]["range"]["start"],
        json!({"line": 0, "character": 42})
    );
    assert!(
        org[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("db.internal")
    );
    client.shutdown();
}
