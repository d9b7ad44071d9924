//! `auditcfg fix FILE... [--unsafe] [--diff] [--env ENV]`: applies the
//! quick fixes of findings. Files are rewritten atomically; `-` reads
//! standard input and writes the fixed text to standard output; `--diff`
//! prints a unified diff instead of writing (secrets masked, generated
//! secrets shown as a placeholder and never drawn).

use crate::render::safe;
use crate::{Failure, Outcome, io};
use auditcfg_core::document::apply_edits;
use auditcfg_core::fix::{FixOptions, apply_fixes};
use auditcfg_core::{Document, Environment, Format, TextEdit, secrets};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files to fix in place (`-`: standard input to standard output).
    #[arg(required = true)]
    files: Vec<String>,
    /// Apply unsafe fixes too (new limits, new secrets, removed duplicates).
    #[arg(long = "unsafe")]
    unsafe_too: bool,
    /// Print a unified diff of the fixes instead of writing.
    #[arg(long)]
    diff: bool,
    /// Validate as this environment instead of the document's own.
    #[arg(long, value_parser = super::parse_env)]
    env: Option<Environment>,
    /// Input format (default: detected from the content).
    #[arg(long = "input-format", value_parser = super::parse_format)]
    input_format: Option<Format>,
    /// Policy rules have no fixes: their findings count in what remains.
    #[command(flatten)]
    policy: super::policy::PolicyArgs,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(Failure("standard input (`-`) can be read only once".into()));
    }
    let options = FixOptions {
        unsafe_too: args.unsafe_too,
        format: args.input_format,
        environment: args.env,
        preview: args.diff,
    };
    let files: Vec<&str> = args.files.iter().map(String::as_str).collect();
    let policies = super::policy::load(&args.policy, &files)?;
    let mut errors_left = false;
    for path in &args.files {
        let (name, text) = io::read_text(path)?;
        let mut fixed = apply_fixes(&text, &options);
        policies.extend_report(&fixed.text, &mut fixed.report);
        errors_left |= fixed.report.has_errors();
        // The document goes to standard output for `-` and `--diff`: the
        // summary goes to standard error then.
        let to_stdout = path != "-" && !args.diff;
        let mut summary = String::new();
        for (code, title) in &fixed.applied {
            summary.push_str(&format!(
                "{}: fixed {code}: {}\n",
                safe::line(&name),
                safe::line(title)
            ));
        }
        let c = fixed.report.counts;
        summary.push_str(&format!(
            "{}: {} fix(es) applied; {} error(s), {} warning(s) remain\n",
            safe::line(&name),
            fixed.applied.len(),
            c.errors,
            c.warnings
        ));
        if args.diff {
            let format = fixed.report.format;
            let (old, new) = (masked(&text, format), masked(&fixed.text, format));
            let diff = similar::TextDiff::from_lines(&old, &new);
            let out = diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{name}"), &format!("b/{name}"))
                .to_string();
            io::out(&safe::source(&out))?;
        } else if path == "-" {
            io::out(&fixed.text)?;
        } else if fixed.text != text {
            io::write_output(Some(path), &fixed.text)?;
        }
        if to_stdout {
            io::out(&summary)?;
        } else {
            io::err(&summary);
        }
    }
    Ok(if errors_left {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// The text with every secret value replaced by `"***"` (for diffs: the
/// lines around a fix may hold a secret).
fn masked(text: &str, format: Format) -> String {
    let Some(doc) = Document::parse(text, Some(format)).document else {
        return text.to_owned();
    };
    let edits: Vec<TextEdit> = secrets::secret_pointers(doc.value())
        .iter()
        .map(|p| doc.locate(p))
        .filter(|loc| loc.exact)
        .map(|loc| TextEdit {
            range: loc.range,
            new_text: "\"***\"".to_owned(),
        })
        .collect();
    apply_edits(text, &edits).unwrap_or_else(|| "(secrets could not be masked)\n".to_owned())
}
