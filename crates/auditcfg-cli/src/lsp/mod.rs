//! `auditcfg lsp`: a language server over standard input and output.
//!
//! Thin like the rest of the CLI: every answer comes from the core's
//! `ide` layer and `validate`; this module keeps the open documents,
//! converts positions (UTF-16 by default, UTF-8 when the client offers
//! it) and speaks the protocol through `lsp-server` (rust-analyzer's
//! synchronous scaffold), with the messages written as JSON.

mod position;

use auditcfg_core::ide::{self, IdeOptions};
use auditcfg_core::{Diagnostic, Environment, Format, LineIndex, Severity, ValidateOptions};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use position::{Encoding, Positions};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Arguments of `auditcfg lsp`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Talk over standard input/output (the only transport; accepted for
    /// clients that pass it).
    #[arg(long)]
    stdio: bool,
    /// Policy files (also `initializationOptions.policies`, and those the
    /// project file `auditcfg.toml` in the working directory names).
    #[command(flatten)]
    policy: crate::cmd::policy::PolicyArgs,
}

/// An open document.
struct Doc {
    text: String,
    format: Option<Format>,
    /// The diagnostics last published (code actions read their fixes).
    diagnostics: Vec<Diagnostic>,
}

struct Server {
    connection: Connection,
    docs: HashMap<String, Doc>,
    encoding: Encoding,
    environment: Option<Environment>,
    policies: crate::cmd::policy::Policies,
}

/// Runs the server until the client says `exit`.
pub(crate) fn run(args: &Args) -> Result<crate::Outcome, crate::Failure> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| crate::Failure(format!("lsp: {e}")))?;
    let encoding = Encoding::negotiate(&params);
    let environment = environment_of(params.get("initializationOptions"));
    let mut policy_args = args.policy.clone();
    policy_args.policies.extend(
        params
            .get("initializationOptions")
            .and_then(|o| o.get("policies"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned),
    );
    // A bad policy file must not stop the editor's server: it is said once
    // (a message to the user) and the built-in rules still run.
    let (policies, policy_problem) = match crate::cmd::policy::load(&policy_args, &[]) {
        Ok(p) => (p, None),
        Err(crate::Failure(m)) => (crate::cmd::policy::Policies::default(), Some(m)),
    };
    let result = json!({
        "capabilities": capabilities(encoding),
        "serverInfo": {"name": "auditcfg", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| crate::Failure(format!("lsp: {e}")))?;
    let mut server = Server {
        connection,
        docs: HashMap::new(),
        encoding,
        environment,
        policies,
    };
    if let Some(message) = policy_problem {
        server.send(Message::Notification(Notification::new(
            "window/showMessage".to_owned(),
            json!({"type": 1, "message": format!("auditcfg: policies not loaded: {message}")}),
        )));
    }
    server.main_loop()?;
    drop(server);
    io_threads
        .join()
        .map_err(|e| crate::Failure(format!("lsp: {e}")))?;
    Ok(crate::Outcome::Ok)
}

fn capabilities(encoding: Encoding) -> Value {
    json!({
        "positionEncoding": encoding.name(),
        "textDocumentSync": {"openClose": true, "change": 2},
        "completionProvider": {"triggerCharacters": ["\"", ":", "[", "=", ".", " "]},
        "hoverProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix", "refactor.rewrite"]},
        "documentFormattingProvider": true,
        "documentSymbolProvider": true,
        "foldingRangeProvider": true,
    })
}

/// `{"environment": "production"}`, also under an `auditcfg` key (VS Code
/// sends settings by section).
fn environment_of(settings: Option<&Value>) -> Option<Environment> {
    let s = settings?;
    let name = s
        .get("environment")
        .or_else(|| s.get("auditcfg").and_then(|a| a.get("environment")))?
        .as_str()?;
    Environment::from_name(name)
}

fn format_of(uri: &str, language: Option<&str>) -> Option<Format> {
    let lower = uri.to_ascii_lowercase();
    if lower.ends_with(".toml") || language == Some("toml") {
        Some(Format::Toml)
    } else if lower.ends_with(".json") || matches!(language, Some("json" | "jsonc")) {
        Some(Format::Json)
    } else {
        None
    }
}

impl Server {
    fn main_loop(&mut self) -> Result<(), crate::Failure> {
        while let Ok(msg) = self.connection.receiver.recv() {
            match msg {
                Message::Request(req) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| crate::Failure(format!("lsp: {e}")))?
                    {
                        return Ok(());
                    }
                    let response = self.request(&req);
                    self.send(Message::Response(response));
                }
                Message::Notification(n) => self.notification(&n),
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, msg: Message) {
        // The client is gone when this fails; the loop ends on the next
        // receive.
        let _ = self.connection.sender.send(msg);
    }

    fn options(&self, doc: &Doc) -> IdeOptions {
        IdeOptions {
            format: doc.format,
            environment: self.environment,
        }
    }

    fn notification(&mut self, n: &Notification) {
        let p = &n.params;
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let td = &p["textDocument"];
                let Some(uri) = td["uri"].as_str() else {
                    return;
                };
                let text = td["text"].as_str().unwrap_or("").to_owned();
                let format = format_of(uri, td["languageId"].as_str());
                self.docs.insert(
                    uri.to_owned(),
                    Doc {
                        text,
                        format,
                        diagnostics: Vec::new(),
                    },
                );
                self.publish(uri);
            }
            "textDocument/didChange" => {
                let Some(uri) = p["textDocument"]["uri"].as_str() else {
                    return;
                };
                let encoding = self.encoding;
                let Some(doc) = self.docs.get_mut(uri) else {
                    return;
                };
                for change in p["contentChanges"].as_array().into_iter().flatten() {
                    let new_text = change["text"].as_str().unwrap_or("");
                    match change.get("range") {
                        Some(range) => {
                            let pos = Positions::new(&doc.text, encoding);
                            if let Some(r) = pos.range_from_lsp(range) {
                                doc.text.replace_range(r.start..r.end, new_text);
                            }
                        }
                        None => doc.text = new_text.to_owned(),
                    }
                }
                self.publish(uri);
            }
            "textDocument/didClose" => {
                if let Some(uri) = p["textDocument"]["uri"].as_str() {
                    self.docs.remove(uri);
                    self.send(Message::Notification(Notification::new(
                        "textDocument/publishDiagnostics".to_owned(),
                        json!({"uri": uri, "diagnostics": []}),
                    )));
                }
            }
            "workspace/didChangeConfiguration" => {
                if let Some(env) = environment_of(p.get("settings")) {
                    self.environment = Some(env);
                } else if p.get("settings").is_some() {
                    self.environment = None;
                }
                let uris: Vec<String> = self.docs.keys().cloned().collect();
                for uri in uris {
                    self.publish(&uri);
                }
            }
            _ => {}
        }
    }

    /// Validates a document and pushes its diagnostics.
    fn publish(&mut self, uri: &str) {
        let environment = self.environment;
        let encoding = self.encoding;
        let policies = &self.policies;
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let mut report = auditcfg_core::validate(
            &doc.text,
            &ValidateOptions {
                format: doc.format,
                environment,
                ..ValidateOptions::default()
            },
        );
        policies.extend_report(&doc.text, &mut report);
        let pos = Positions::new(&doc.text, encoding);
        let diagnostics: Vec<Value> = report
            .diagnostics
            .iter()
            .map(|d| lsp_diagnostic(&pos, uri, d))
            .collect();
        doc.diagnostics = report.diagnostics;
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_owned(),
            json!({"uri": uri, "diagnostics": diagnostics}),
        )));
    }

    fn request(&self, req: &Request) -> Response {
        let p = &req.params;
        let uri = p["textDocument"]["uri"].as_str().unwrap_or("");
        let Some(doc) = self.docs.get(uri) else {
            return match req.method.as_str() {
                "textDocument/completion"
                | "textDocument/hover"
                | "textDocument/codeAction"
                | "textDocument/formatting"
                | "textDocument/documentSymbol"
                | "textDocument/foldingRange" => Response::new_ok(req.id.clone(), Value::Null),
                _ => Response::new_err(
                    req.id.clone(),
                    ErrorCode::MethodNotFound as i32,
                    format!("unsupported request {}", req.method),
                ),
            };
        };
        let pos = Positions::new(&doc.text, self.encoding);
        let options = self.options(doc);
        let offset = || pos.offset_from_lsp(&p["position"]);
        let result = match req.method.as_str() {
            "textDocument/completion" => {
                let items: Vec<Value> = offset()
                    .map(|o| ide::complete(&doc.text, o, &options))
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| completion_item(&pos, i, c))
                    .collect();
                json!({"isIncomplete": false, "items": items})
            }
            "textDocument/hover" => offset()
                .and_then(|o| ide::hover(&doc.text, o, &options))
                .map_or(Value::Null, |h| {
                    json!({
                        "contents": {"kind": "markdown", "value": h.markdown},
                        "range": pos.range_to_lsp(h.range),
                    })
                }),
            "textDocument/codeAction" => {
                let range = pos
                    .range_from_lsp(&p["range"])
                    .unwrap_or(auditcfg_core::TextRange::empty(0));
                let actions = ide::actions_for(&doc.text, range, &doc.diagnostics, &options);
                Value::Array(
                    actions
                        .iter()
                        .map(|a| code_action(&pos, uri, a, &doc.diagnostics))
                        .collect(),
                )
            }
            "textDocument/formatting" => {
                let f = ide::format(&doc.text, &options);
                if f.changed {
                    json!([{
                        "range": pos.range_to_lsp(auditcfg_core::TextRange::new(0, doc.text.len())),
                        "newText": f.text,
                    }])
                } else {
                    json!([])
                }
            }
            "textDocument/documentSymbol" => Value::Array(
                ide::symbols(&doc.text, &options)
                    .iter()
                    .map(|s| symbol(&pos, s))
                    .collect(),
            ),
            "textDocument/foldingRange" => {
                let index = LineIndex::new(&doc.text);
                let mut seen = std::collections::HashSet::new();
                let folds: Vec<Value> = ide::folding(&doc.text, &options)
                    .iter()
                    .filter_map(|r| {
                        let start = index.line_col(r.start).line - 1;
                        let end = index.line_col(r.end.saturating_sub(1)).line - 1;
                        (end > start && seen.insert((start, end)))
                            .then(|| json!({"startLine": start, "endLine": end}))
                    })
                    .collect();
                Value::Array(folds)
            }
            other => {
                return Response::new_err(
                    req.id.clone(),
                    ErrorCode::MethodNotFound as i32,
                    format!("unsupported request {other}"),
                );
            }
        };
        Response::new_ok(req.id.clone(), result)
    }
}

fn severity(s: Severity) -> u8 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    }
}

/// A diagnostic as LSP sends it: the CLI's code, severity and message
/// (with its help on a second line).
fn lsp_diagnostic(pos: &Positions<'_>, uri: &str, d: &Diagnostic) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut out = json!({
        "range": pos.range_to_lsp(d.range),
        "severity": severity(d.severity),
        "code": d.code_str(),
        "source": "auditcfg",
        "message": message,
        "data": {"path": d.path, "name": d.name()},
    });
    let related = related_of(pos, uri, d);
    if !related.is_empty() {
        out["relatedInformation"] = Value::Array(related);
    }
    out
}

/// Other places that explain a diagnostic (the first occurrence of a
/// repeated key...), in the same document.
fn related_of(pos: &Positions<'_>, uri: &str, d: &Diagnostic) -> Vec<Value> {
    d.related
        .iter()
        .map(|r| {
            json!({
                "location": {"uri": uri, "range": pos.range_to_lsp(r.range)},
                "message": r.message,
            })
        })
        .collect()
}

fn completion_item(pos: &Positions<'_>, i: usize, c: &ide::Completion) -> Value {
    let kind = match c.kind {
        ide::CompletionKind::Property => 10,
        ide::CompletionKind::Section => 9,
        ide::CompletionKind::Value => 12,
        ide::CompletionKind::Secret => 21,
    };
    let additional: Vec<Value> = c
        .additional_edits
        .iter()
        .map(|e| json!({"range": pos.range_to_lsp(e.range), "newText": e.new_text}))
        .collect();
    json!({
        "label": c.label,
        "kind": kind,
        "detail": c.detail,
        "documentation": {"kind": "markdown", "value": c.documentation},
        "sortText": format!("{i:04}"),
        "filterText": c.edit.new_text,
        "textEdit": {"range": pos.range_to_lsp(c.edit.range), "newText": c.edit.new_text},
        "additionalTextEdits": additional,
    })
}

fn code_action(
    pos: &Positions<'_>,
    uri: &str,
    a: &ide::CodeAction,
    diagnostics: &[Diagnostic],
) -> Value {
    match a.kind {
        ide::ActionKind::QuickFix => {
            let edits: Vec<Value> = a
                .edits
                .iter()
                .map(|e| json!({"range": pos.range_to_lsp(e.range), "newText": e.new_text}))
                .collect();
            let diags: Vec<Value> = diagnostics
                .iter()
                .filter(|d| Some(d.code) == a.code && d.range == a.range)
                .map(|d| lsp_diagnostic(pos, uri, d))
                .collect();
            json!({
                "title": a.title,
                "kind": "quickfix",
                "isPreferred": a.preferred,
                "diagnostics": diags,
                "edit": {"changes": {uri: edits}},
            })
        }
        ide::ActionKind::SealSecret => json!({
            "title": a.title,
            "kind": "refactor.rewrite",
            "command": {
                "title": a.title,
                "command": "auditcfg.sealSecrets",
                "arguments": [uri, a.pointer],
            },
        }),
    }
}

fn symbol(pos: &Positions<'_>, s: &ide::Symbol) -> Value {
    let kind = match s.kind {
        ide::SymbolKind::Object => 19,
        ide::SymbolKind::Array => 18,
        ide::SymbolKind::String => 15,
        ide::SymbolKind::Number => 16,
        ide::SymbolKind::Boolean => 17,
        ide::SymbolKind::Null => 21,
    };
    json!({
        "name": s.name,
        "kind": kind,
        "range": pos.range_to_lsp(s.range),
        "selectionRange": pos.range_to_lsp(s.selection_range),
        "children": s.children.iter().map(|c| symbol(pos, c)).collect::<Vec<_>>(),
    })
}
