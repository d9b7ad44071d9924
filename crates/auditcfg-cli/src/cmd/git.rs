//! git integration for documents with sealed fields.
//!
//! - `auditcfg git-setup [--pattern GLOB] [--write]`: the `.gitattributes`
//!   line and the `git config` lines of a diff driver (`textconv`:
//!   `auditcfg mask --fingerprints`, secrets shown as fingerprints) and a
//!   merge driver (`auditcfg git-merge %O %A %B`). Printed; with `--write`,
//!   added to `.gitattributes` and this repository's config.
//! - `auditcfg git-merge BASE OURS THEIRS`: git's merge driver. A
//!   three-way merge on values (`crypto::git::merge_sealed`), written to
//!   OURS. With `AUDIT_CONFIG_PASSWORD` set, sealed values are merged on
//!   their plaintexts and the result is sealed and authenticated again;
//!   without it the result must be resealed (`auditcfg encrypt --fields`).
//!   Conflicts (a value changed differently on both sides) are listed on
//!   standard error, keep our side's value, and make the exit code 1.

use super::diff::{load, stderr_line};
use super::patch::write_as;
use crate::{Failure, Outcome, io};
use auditcfg_core::crypto::git::merge_sealed;
use auditcfg_core::crypto::plan::PASSWORD_ENV;
use std::process::Command;
use zeroize::Zeroizing;

#[derive(Debug, clap::Args)]
pub(crate) struct SetupArgs {
    /// Which files the drivers apply to.
    #[arg(long, default_value = "*.sealed.json")]
    pattern: String,
    /// Add the line to ./.gitattributes and run `git config` in this
    /// repository (with this executable's full path), instead of printing.
    #[arg(long)]
    write: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct MergeArgs {
    /// The common ancestor (git's %O).
    base: String,
    /// Our version (git's %A); the result is written here.
    ours: String,
    /// Their version (git's %B).
    theirs: String,
}

const DRIVER: &str = "auditcfg";

fn config_lines(exe: &str) -> [(String, String); 3] {
    [
        (
            format!("diff.{DRIVER}.textconv"),
            format!("{exe} mask --fingerprints"),
        ),
        (
            format!("merge.{DRIVER}.name"),
            "auditcfg: three-way merge of sealed config documents".to_owned(),
        ),
        (
            format!("merge.{DRIVER}.driver"),
            format!("{exe} git-merge %O %A %B"),
        ),
    ]
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub(crate) fn setup(args: &SetupArgs) -> Result<Outcome, Failure> {
    if args.pattern.trim().is_empty() || args.pattern.contains(['\n', '\r']) {
        return Err(Failure("--pattern must be one non-empty line".into()));
    }
    let attribute = format!("{} diff={DRIVER} merge={DRIVER}", args.pattern);
    if !args.write {
        let mut out = String::from("# .gitattributes\n");
        out.push_str(&attribute);
        out.push_str("\n\n# git config (run in the repository)\n");
        for (key, value) in config_lines("auditcfg") {
            out.push_str(&format!("git config {key} {}\n", shell_quote(&value)));
        }
        out.push_str(
            "\n# With AUDIT_CONFIG_PASSWORD set, merges are resealed; without it, run\n# `auditcfg encrypt --fields FILE -o FILE` after merging.\n",
        );
        let safe: String = out
            .lines()
            .map(|l| format!("{}\n", crate::render::safe::line(l)))
            .collect();
        io::write_output(None, &safe)?;
        return Ok(Outcome::Ok);
    }
    let exe = std::env::current_exe()
        .map_err(|e| Failure(format!("cannot find this executable's path: {e}")))?;
    let exe = shell_quote(&exe.to_string_lossy());
    for (key, value) in config_lines(&exe) {
        let status = Command::new("git")
            .args(["config", &key, &value])
            .status()
            .map_err(|e| Failure(format!("cannot run git: {e}")))?;
        if !status.success() {
            return Err(Failure(format!("`git config {key}` failed ({status})")));
        }
    }
    let path = std::path::Path::new(".gitattributes");
    let existing = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Failure(format!(".gitattributes: {e}"))),
    };
    if !existing.lines().any(|l| l.trim() == attribute) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&attribute);
        text.push('\n');
        io::write_output(Some(".gitattributes"), &text)?;
    }
    stderr_line(&format!(
        "git-setup: `{attribute}` in .gitattributes; diff.{DRIVER} and merge.{DRIVER} configured"
    ));
    Ok(Outcome::Ok)
}

pub(crate) fn merge(args: &MergeArgs) -> Result<Outcome, Failure> {
    let base = load(&args.base)?;
    let ours = load(&args.ours)?;
    let theirs = load(&args.theirs)?;
    let password = std::env::var(PASSWORD_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Zeroizing::new);
    let outcome = merge_sealed(
        base.doc.value(),
        ours.doc.value(),
        theirs.doc.value(),
        password.as_deref().map(String::as_str),
    )?;
    let text = write_as(&outcome.merged, ours.doc.format())?;
    io::write_output(Some(&args.ours), &text)?;
    let sealed = outcome
        .merged
        .get(auditcfg_core::crypto::METADATA_KEY)
        .is_some();
    if sealed && !outcome.resealed {
        stderr_line(&format!(
            "git-merge: {} merged on ciphertexts; it opens once resealed: auditcfg encrypt --fields {} -o {} (or set {PASSWORD_ENV} before merging)",
            ours.name, args.ours, args.ours
        ));
    }
    if outcome.conflicts.is_empty() {
        return Ok(Outcome::Ok);
    }
    for p in &outcome.conflicts {
        stderr_line(&format!(
            "git-merge: conflict at {} (changed on both sides; ours kept)",
            if p.is_empty() { "(document)" } else { p }
        ));
    }
    Ok(Outcome::Findings)
}
