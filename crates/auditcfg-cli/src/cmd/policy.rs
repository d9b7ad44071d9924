//! Organisation policies (`--policy FILE`, repeatable, and the project
//! file `auditcfg.toml` next to the configs: `policies = ["org.toml"]`):
//! read, compiled once with the CEL engine, checked with the built-in
//! rules. A bad policy file is a usage error naming the file, line and
//! column of every mistake.

use crate::render::safe;
use crate::{Failure, io};
use auditcfg_core::policy::{self, Policy, PolicyError};
use auditcfg_core::validate::Report;
use auditcfg_core::{Counts, Diagnostic, Document, Environment, LineIndex};
use auditcfg_policy::{Cel, Program};
use std::path::{Path, PathBuf};

/// The project file's name.
pub(crate) const PROJECT_FILE: &str = "auditcfg.toml";

/// `--policy FILE` (repeatable).
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct PolicyArgs {
    /// An organisation policy file (TOML or JSON; repeatable). Policy files
    /// named by `auditcfg.toml` next to the configs are read too.
    #[arg(long = "policy", value_name = "FILE")]
    pub policies: Vec<String>,
}

/// The loaded policies and the engine that runs them.
#[derive(Debug, Default)]
pub(crate) struct Policies {
    engine: Cel,
    files: Vec<(String, Policy<Program>)>,
}

impl Policies {
    /// Are there none?
    pub(crate) fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn refs(&self) -> Vec<&Policy<Program>> {
        self.files.iter().map(|(_, p)| p).collect()
    }

    /// The validation rules' findings on a document.
    pub(crate) fn check(&self, doc: &Document, env: Option<Environment>) -> Vec<Diagnostic> {
        if self.is_empty() {
            return Vec::new();
        }
        policy::check(&self.engine, &self.refs(), doc, env)
    }

    /// The transition rules' findings on a change (placed in `new`).
    pub(crate) fn check_change(
        &self,
        old: &Document,
        new: &Document,
        env: Option<Environment>,
    ) -> Vec<Diagnostic> {
        if self.is_empty() {
            return Vec::new();
        }
        policy::check_change(&self.engine, &self.refs(), old, new, env)
    }

    /// Adds the policies' findings to a validation report of `text`.
    pub(crate) fn extend_report(&self, text: &str, report: &mut Report) {
        if self.is_empty() {
            return;
        }
        let Some(doc) = Document::parse(text, Some(report.format)).document else {
            return;
        };
        if !doc.value().is_object() {
            return;
        }
        let found = self.check(&doc, report.environment);
        policy::extend(&mut report.diagnostics, found);
        report.counts = Counts::of(&report.diagnostics);
    }

    /// A rule by its code, with the file it is in.
    pub(crate) fn rule(&self, code: &str) -> Option<(&str, &policy::Rule<Program>)> {
        self.files
            .iter()
            .find_map(|(name, p)| p.rule(code).map(|r| (name.as_str(), r)))
    }
}

/// `auditcfg explain ORG001 --policy org.toml`: the rule's message, help
/// and expression.
pub(crate) fn explain(file: &str, rule: &policy::Rule<Program>) -> String {
    let mut out = format!(
        "`{}` (policy {file}): {}\n",
        rule.code,
        safe::line(&rule.message)
    );
    if let Some(help) = &rule.help {
        out.push_str(&format!("\nhelp: {}\n", safe::line(help)));
    }
    out.push_str(&format!("\nrule: {}\n", safe::line(&rule.expression)));
    if let Some(path) = &rule.path {
        out.push_str(&format!("path: {}\n", safe::line(path)));
    }
    if let Some(envs) = &rule.environments {
        let names: Vec<&str> = envs.iter().map(|e| e.as_str()).collect();
        out.push_str(&format!("environments: {}\n", names.join(", ")));
    }
    if rule.trigger == policy::Trigger::Change {
        out.push_str("on: change (a transition rule, checked by `auditcfg diff`)\n");
    }
    out.push_str(&format!("\nseverity: {}\n", rule.severity.as_str()));
    out
}

/// The same as JSON.
pub(crate) fn explain_json(file: &str, rule: &policy::Rule<Program>) -> serde_json::Value {
    serde_json::json!({
        "code": rule.code,
        "policy": file,
        "severity": rule.severity,
        "message": rule.message,
        "help": rule.help,
        "rule": rule.expression,
        "path": rule.path,
        "environments": rule.environments,
        "on": rule.trigger,
    })
}

/// Reads the policies of `--policy` and of the project file next to the
/// first config (or in the current directory).
pub(crate) fn load(args: &PolicyArgs, configs: &[&str]) -> Result<Policies, Failure> {
    let mut paths: Vec<String> = project_policies(configs)?;
    for p in &args.policies {
        if !paths.contains(p) {
            paths.push(p.clone());
        }
    }
    let engine = Cel::default();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let (name, text) = io::read_text(&path)?;
        match Policy::parse(&text, &engine) {
            Ok(p) => files.push((name, text, p)),
            Err(errors) => problems.extend(errors.iter().map(|e| located(&name, &text, e))),
        }
    }
    {
        let refs: Vec<&Policy<Program>> = files.iter().map(|(_, _, p)| p).collect();
        for (code, i, range) in policy::duplicate_codes(&refs) {
            let (name, text, _) = &files[i];
            let e = PolicyError {
                kind: policy::PolicyErrorKind::DuplicateCode,
                message: format!("duplicate code `{code}`: an earlier policy file uses it"),
                range,
            };
            problems.push(located(name, text, &e));
        }
    }
    // Every mistake on a line of its own; the last one is the failure.
    if let Some(last) = problems.pop() {
        for p in &problems {
            io::error_line(p);
        }
        return Err(Failure(last));
    }
    Ok(Policies {
        engine,
        files: files.into_iter().map(|(n, _, p)| (n, p)).collect(),
    })
}

/// `policy FILE:LINE:COLUMN: message` (column in characters).
fn located(name: &str, text: &str, e: &PolicyError) -> String {
    let at = LineIndex::new(text).line_col(e.range.start);
    format!(
        "policy {name}:{}:{}: {}",
        at.line,
        crate::render::char_column(text, at),
        e.message
    )
}

/// The policy files named by the project file next to the first config.
fn project_policies(configs: &[&str]) -> Result<Vec<String>, Failure> {
    let dir: PathBuf = configs
        .iter()
        .find(|c| **c != "-")
        .and_then(|c| Path::new(c).parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let project = dir.join(PROJECT_FILE);
    let Some(input) = io::read_if_exists(&project)? else {
        return Ok(Vec::new());
    };
    let name = project.display().to_string();
    let text =
        String::from_utf8(input.bytes).map_err(|_| Failure(format!("{name}: not UTF-8 text")))?;
    let parse = Document::parse(&text, Some(auditcfg_core::Format::Toml));
    let Some(doc) = parse.document else {
        let first = parse.diagnostics.first();
        let at = LineIndex::new(&text).line_col(first.map_or(0, |d| d.range.start));
        return Err(Failure(format!(
            "{name}:{}:{}: {}",
            at.line,
            crate::render::char_column(&text, at),
            first.map_or("does not parse", |d| d.message.as_str())
        )));
    };
    let mut out = Vec::new();
    let fail = |pointer: &str, message: String| {
        let loc = doc.locate(pointer);
        let at = LineIndex::new(&text).line_col(loc.key.unwrap_or(loc.range).start);
        Failure(format!(
            "{name}:{}:{}: {message}",
            at.line,
            crate::render::char_column(&text, at)
        ))
    };
    if let Some(map) = doc.value().as_object() {
        for (key, value) in map {
            if key != "policies" {
                return Err(fail(
                    &format!("/{key}"),
                    format!("unknown key `{key}`: the project file has `policies`"),
                ));
            }
            let Some(items) = value.as_array() else {
                return Err(fail(
                    "/policies",
                    "`policies` is a list of file names".into(),
                ));
            };
            for (i, item) in items.iter().enumerate() {
                let Some(file) = item.as_str() else {
                    return Err(fail(
                        &format!("/policies/{i}"),
                        "a policy file name is a string".into(),
                    ));
                };
                out.push(dir.join(file).display().to_string());
            }
        }
    }
    Ok(out)
}
