//! `auditcfg merge BASE OVERLAY... [--env-vars] [-o OUT]`
//!
//! Layers overlays on a base config, left to right (objects merge, arrays
//! and scalars replace, `null` sets null); with `--env-vars`, then applies
//! the contract's environment variables from the process environment and
//! reports on standard error which took effect (names and paths, never
//! values). The result keeps BASE's format and text (only changed values
//! are rewritten: comments and formatting survive), is written, then validated:
//! findings go to standard error, and errors make the exit code 1.

use super::diff::{load_config as load, stderr_line};
use super::patch::write_edit;
use crate::{Failure, Outcome, io};
use auditcfg_core::LineIndex;
use auditcfg_core::overlay::{ENV_VARS, apply_env, merge};
use auditcfg_core::validate::{ValidateOptions, validate};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The base config.
    base: String,
    /// Overlays, applied in order.
    overlays: Vec<String>,
    /// Apply the contract's environment variables (REDIS_URL, AUDIT_DB_URL...)
    /// from this process's environment.
    #[arg(long)]
    env_vars: bool,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    if args.overlays.is_empty() && !args.env_vars {
        return Err(Failure(
            "nothing to merge: give an OVERLAY file or --env-vars".into(),
        ));
    }
    if args.overlays.iter().filter(|p| *p == "-").count() + usize::from(args.base == "-") > 1 {
        return Err(Failure(
            "only one input can come from standard input".into(),
        ));
    }
    let base = load(&args.base)?;
    let format = base.doc.format();
    let mut value = base.doc.value().clone();
    for path in &args.overlays {
        let overlay = load(path)?;
        value = merge(&value, overlay.doc.value());
    }
    if args.env_vars {
        let vars: Vec<(String, String)> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| ENV_VARS.iter().any(|spec| spec.name == k))
            .collect();
        let env = apply_env(&value, &vars);
        for applied in &env.applied {
            stderr_line(&format!(
                "env: {} → {}",
                applied.name,
                applied.paths.join(", ")
            ));
        }
        for name in &env.ignored {
            stderr_line(&format!(
                "env: {name} ignored (empty, or its path runs through a non-object)"
            ));
        }
        if env.applied.is_empty() && env.ignored.is_empty() {
            stderr_line("env: none of the contract's variables is set");
        }
        value = env.value;
    }
    let text = write_edit(&base.doc, &value)?;
    io::write_output(args.output.as_deref(), &text)?;

    let report = validate(
        &text,
        &ValidateOptions {
            format: Some(format),
            ..ValidateOptions::default()
        },
    );
    let name = args
        .output
        .as_deref()
        .filter(|o| *o != "-")
        .unwrap_or("<merged>");
    let index = LineIndex::new(&text);
    for d in &report.diagnostics {
        let at = index.line_col(d.range.start);
        let path = if d.path.is_empty() {
            "(document)"
        } else {
            &d.path
        };
        stderr_line(&format!(
            "{}[{}] {name}:{}:{} {path}: {}",
            d.severity.as_str(),
            d.code,
            at.line,
            at.column,
            d.message
        ));
    }
    let c = report.counts;
    stderr_line(&format!(
        "{name}: {} ({} error{}, {} warning{}, {} info)",
        if report.has_errors() {
            "invalid"
        } else {
            "valid"
        },
        c.errors,
        if c.errors == 1 { "" } else { "s" },
        c.warnings,
        if c.warnings == 1 { "" } else { "s" },
        c.infos
    ));
    Ok(if report.has_errors() {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
