//! `auditcfg diff A B [--format human|json|patch|merge-patch] [--records --changed-by X [--reason R]]`
//!
//! Exit 0 when the configs are equal in meaning, 1 when they differ, 2 on
//! error (also when a merge patch cannot express the change).
//!
//! Every rendering of the diff itself (human, json, records) shows secrets
//! masked, with fingerprints. `--format patch` and `--format merge-patch`
//! print real values, secrets included, since a patch exists to be
//! applied; a warning on standard error says so, naming the paths (never
//! the values).

use crate::render::safe;
use crate::{Failure, Outcome, io};
use auditcfg_core::diff::{
    self, Change, ChangeKind, Diff, Impact, RecordContext, change_records, json_patch_secrets,
    merge_patch_secrets, next_version, to_json_lines, to_json_patch, to_merge_patch,
};
use auditcfg_core::{Document, LineIndex, TextRange};
use clap::ValueEnum;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::Write as _;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The old config (`-` for standard input).
    a: String,
    /// The new config (`-` for standard input).
    b: String,
    /// Output format: human, json (every change with impact and ranges),
    /// patch (RFC 6902 JSON Patch), merge-patch (RFC 7386).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Print change records (JSON Lines, secrets masked) instead.
    #[arg(long)]
    records: bool,
    /// Who made the change (required with --records).
    #[arg(long, requires = "records")]
    changed_by: Option<String>,
    /// Why (with --records).
    #[arg(long, requires = "records")]
    reason: Option<String>,
    /// The records' timestamp, an ISO 8601 date-time such as
    /// 2026-01-01T00:00:00.000Z (default: now).
    #[arg(long, requires = "records", value_parser = parse_timestamp)]
    timestamp: Option<String>,
    /// Transition rules (`on = "change"`) of these policy files are checked
    /// on the change; their findings are in the report (`diagnostics` in
    /// JSON).
    #[command(flatten)]
    policy: super::policy::PolicyArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
    Patch,
    MergePatch,
}

/// A parsed input.
pub(crate) struct Loaded {
    pub name: String,
    pub text: String,
    pub doc: Document,
}

/// Reads and parses a document (format from the extension); a syntax
/// error is a failure.
pub(crate) fn load(path: &str) -> Result<Loaded, Failure> {
    let (name, text) = io::read_text(path)?;
    if let Some(d) = auditcfg_core::validate::encrypted_config(&text) {
        return Err(Failure(format!("error[{}] {name}: {}", d.code, d.message)));
    }
    let doc = super::parse_named(&name, &text)?;
    Ok(Loaded { name, text, doc })
}

/// Reads and parses a config: like [`load`], and it must be an object.
pub(crate) fn load_config(path: &str) -> Result<Loaded, Failure> {
    let (name, text) = io::read_text(path)?;
    if let Some(d) = auditcfg_core::validate::encrypted_config(&text) {
        return Err(Failure(format!("error[{}] {name}: {}", d.code, d.message)));
    }
    let doc = super::parse_config(&name, &text)?;
    Ok(Loaded { name, text, doc })
}

/// Writes one line to standard error, control characters escaped.
pub(crate) fn stderr_line(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", safe::line(line));
}

pub(crate) fn run(args: &Args, color: bool) -> Result<Outcome, Failure> {
    if args.a == "-" && args.b == "-" {
        return Err(Failure(
            "only one of the two configs can come from standard input".into(),
        ));
    }
    if args.records && args.changed_by.is_none() {
        return Err(Failure("--records needs --changed-by NAME".into()));
    }
    let policies = super::policy::load(&args.policy, &[args.a.as_str(), args.b.as_str()])?;
    let a = load_config(&args.a)?;
    let b = load_config(&args.b)?;
    let d = diff::diff(&a.doc, &b.doc);
    let environment = b
        .doc
        .value()
        .get("environment")
        .and_then(Value::as_str)
        .and_then(auditcfg_core::Environment::from_name);
    let found = policies.check_change(&a.doc, &b.doc, environment);
    let policy_errors = found
        .iter()
        .any(|f| f.severity == auditcfg_core::Severity::Error);
    let out = if args.records {
        records(args, &a, &b, &d)
    } else {
        match args.format {
            DiffFormat::Human => {
                let mut out = human(&d, &a.name, &b.name, color);
                if !policies.is_empty() {
                    out.push('\n');
                    out.push_str(&policy_human(&b, environment, found, color));
                }
                out
            }
            DiffFormat::Json => machine(&d, &a, &b, (!policies.is_empty()).then_some(&found))?,
            DiffFormat::Patch => {
                let ops = to_json_patch(a.doc.value(), b.doc.value());
                warn_secrets(&json_patch_secrets(&ops));
                super::pretty(&ops)?
            }
            DiffFormat::MergePatch => {
                let patch = to_merge_patch(a.doc.value(), b.doc.value())
                    .map_err(|e| Failure(e.to_string()))?;
                warn_secrets(&merge_patch_secrets(&patch));
                super::pretty(&patch)?
            }
        }
    };
    io::out(&out)?;
    Ok(if d.is_empty() && !policy_errors {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

fn warn_secrets(paths: &[String]) {
    if paths.is_empty() {
        return;
    }
    stderr_line(&format!(
        "warning: this patch carries {} secret value{} in clear ({}): keep it as secret as the config",
        paths.len(),
        if paths.len() == 1 { "" } else { "s" },
        paths.join(", ")
    ));
}

/// `--timestamp`: an ISO 8601 date-time that JavaScript's `Date.parse`
/// reads the same way (a full date, a time; the zone may be left out),
/// kept as written. Its date names the new version (`YYYY-MM-DD-…`).
fn parse_timestamp(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let full_date = b.len() > 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't');
    if full_date && auditcfg_core::js::date_parse_accepts(s) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{}` is not an ISO 8601 date-time: write it as 2026-01-01T00:00:00.000Z",
            safe::line(s)
        ))
    }
}

fn now_iso() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    auditcfg_core::preset::iso_timestamp(millis)
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".into())
}

fn string_at(doc: &Document, pointer: &str) -> Option<String> {
    doc.value()
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// Change records: the previous version is A's `version`; the new one is
/// B's `version` when it differs, otherwise [`next_version`] of B.
fn records(args: &Args, a: &Loaded, b: &Loaded, d: &Diff) -> String {
    let timestamp_iso = args.timestamp.clone().unwrap_or_else(now_iso);
    let previous_version = string_at(&a.doc, "/version");
    let new_version = match string_at(&b.doc, "/version") {
        Some(v) if Some(&v) != previous_version.as_ref() => v,
        _ => next_version(b.doc.value(), &timestamp_iso),
    };
    let ctx = RecordContext {
        changed_by: args.changed_by.clone().unwrap_or_default(),
        reason: args.reason.clone(),
        environment: string_at(&b.doc, "/environment").unwrap_or_else(|| "unknown".into()),
        previous_version,
        new_version: Some(new_version),
        timestamp_iso,
    };
    safe::json(to_json_lines(&change_records(d, &ctx)))
}

fn position(index: &LineIndex<'_>, range: Option<TextRange>) -> Value {
    match range {
        None => Value::Null,
        Some(r) => {
            let (s, e) = (index.line_col(r.start), index.line_col(r.end));
            json!({
                "start": {"line": s.line, "column": s.column, "offset": s.offset},
                "end": {"line": e.line, "column": e.column, "offset": e.offset},
            })
        }
    }
}

/// `{a, b, equal, summary, changes}` with ranges as line/column/offset.
fn machine(
    d: &Diff,
    a: &Loaded,
    b: &Loaded,
    policy: Option<&Vec<auditcfg_core::Diagnostic>>,
) -> Result<String, Failure> {
    let (ia, ib) = (LineIndex::new(&a.text), LineIndex::new(&b.text));
    let mut changes = Vec::with_capacity(d.changes.len());
    for c in &d.changes {
        let mut v = serde_json::to_value(c)?;
        if let Value::Object(m) = &mut v {
            m.insert("rangeA".into(), position(&ia, c.range_a));
            m.insert("rangeB".into(), position(&ib, c.range_b));
        }
        changes.push(v);
    }
    let mut out = json!({
        "a": a.name,
        "b": b.name,
        "equal": d.is_empty(),
        "summary": d.summary,
        "changes": changes,
    });
    if let (Some(found), Value::Object(m)) = (policy, &mut out) {
        let mut diagnostics = Vec::new();
        for f in found {
            let mut v = serde_json::to_value(f)?;
            if let Value::Object(o) = &mut v {
                o.insert("rangeB".into(), position(&ib, Some(f.range)));
            }
            diagnostics.push(v);
        }
        m.insert("diagnostics".into(), Value::Array(diagnostics));
    }
    super::pretty(&out)
}

/// The transition rules' findings, rendered like `validate`'s.
fn policy_human(
    b: &Loaded,
    environment: Option<auditcfg_core::Environment>,
    found: Vec<auditcfg_core::Diagnostic>,
    color: bool,
) -> String {
    let report = auditcfg_core::validate::Report {
        format: b.doc.format(),
        environment,
        counts: auditcfg_core::Counts::of(&found),
        diagnostics: found,
    };
    crate::render::human::reports(
        &[crate::render::FileReport {
            name: b.name.clone(),
            text: b.text.clone(),
            report,
            error: None,
        }],
        color,
    )
}

// ---------------------------------------------------------------- human

const LONG: usize = 100;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

fn show_value(v: Option<&Value>) -> String {
    let Some(v) = v else { return "(absent)".into() };
    let text = serde_json::to_string(v).unwrap_or_default();
    if text.chars().count() <= LONG {
        return text;
    }
    match v {
        // Too long to show whole: the member names.
        Value::Object(m) => {
            let mut names: Vec<&str> = m.keys().map(String::as_str).take(8).collect();
            if m.len() > names.len() {
                names.push("…");
            }
            format!("{{{}}}", names.join(", "))
        }
        Value::Array(items) => format!(
            "[…{} item{}]",
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ),
        _ => text,
    }
}

fn with_fingerprint(value: String, fingerprint: Option<&String>) -> String {
    match fingerprint {
        Some(f) => format!("{value} ({f})"),
        None => value,
    }
}

/// One change. Paths and values come from the input: escaped
/// ([`safe::line`]) before they are painted.
fn line(c: &Change, style: &Style, out: &mut String) {
    let before = with_fingerprint(show_value(c.before.as_ref()), c.fingerprint_before.as_ref());
    let after = with_fingerprint(show_value(c.after.as_ref()), c.fingerprint_after.as_ref());
    let (before, after) = (safe::line(&before), safe::line(&after));
    let path = style.paint("1", &safe::line(&c.path));
    let _ = match &c.kind {
        ChangeKind::Moved { from, .. } => {
            writeln!(out, "    {path}: {after} (moved from {})", safe::line(from))
        }
        _ => writeln!(
            out,
            "    {path}: {} → {}",
            style.paint("31", &before),
            style.paint("32", &after)
        ),
    };
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The human rendering: changes grouped by impact, then one summary line.
/// Without colour it is plain text (what the snapshot tests read).
pub(crate) fn human(d: &Diff, name_a: &str, name_b: &str, color: bool) -> String {
    let style = Style { color };
    let (name_a, name_b) = (safe::line(name_a), safe::line(name_b));
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(out, "{name_a} → {name_b}: no changes (equal in meaning)");
        return out;
    }
    let s = &d.summary;
    let _ = writeln!(
        out,
        "{name_a} → {name_b}: {}",
        plural(s.total, "change", "changes")
    );

    let live: Vec<&Change> = d.live().collect();
    if !live.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            style.paint("1;32", &format!("Apply live ({})", live.len()))
        );
        for c in live {
            line(c, &style, &mut out);
        }
    }
    if s.restart > 0 {
        let names: Vec<&str> = s
            .restart_by_component
            .iter()
            .map(|c| c.component.as_str())
            .collect();
        let _ = writeln!(
            out,
            "\n{}",
            style.paint(
                "1;33",
                &format!("Restart needed ({}): {}", s.restart, names.join(", "))
            )
        );
        for group in &s.restart_by_component {
            let _ = writeln!(
                out,
                "  {} ({})",
                style.paint("33", &group.component),
                group.count
            );
            for c in d
                .restarts()
                .filter(|c| matches!(c.impact, Impact::Restart { component } if component == group.component))
            {
                line(c, &style, &mut out);
            }
        }
    }
    if s.secrets > 0 {
        let mut readers: Vec<&str> = d.secrets().filter_map(|c| c.impact.component()).collect();
        readers.sort_unstable();
        readers.dedup();
        let _ = writeln!(
            out,
            "\n{}",
            style.paint(
                "1;35",
                &format!(
                    "Secrets changed ({}): restart {}",
                    s.secrets,
                    readers.join(", ")
                )
            )
        );
        for c in d.secrets() {
            line(c, &style, &mut out);
        }
    }
    let mut parts = Vec::new();
    if s.live > 0 {
        parts.push(plural(s.live, "applies live", "apply live"));
    }
    if s.restart > 0 {
        parts.push(plural(s.restart, "needs a restart", "need a restart"));
    }
    if s.secrets > 0 {
        parts.push(plural(s.secrets, "changes a secret", "change secrets"));
    }
    let _ = writeln!(
        out,
        "\n{}: {}",
        plural(s.total, "change", "changes"),
        parts.join(", ")
    );
    let _ = writeln!(
        out,
        "to restart: {}",
        if s.restart_components.is_empty() {
            "nothing".to_owned()
        } else {
            s.restart_components.join(", ")
        }
    );
    out
}
