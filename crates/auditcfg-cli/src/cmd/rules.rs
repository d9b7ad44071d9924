//! `auditcfg rules [--format text|json|markdown]` and `auditcfg explain CODE`:
//! the code registry, as compiled into the core.

use crate::{Failure, Outcome, io};
use auditcfg_core::codes::{self, Code, CodeInfo};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RulesFormat {
    /// One line per code.
    Text,
    /// Every code with its metadata and docs.
    Json,
    /// The Markdown of docs/rules.md.
    Markdown,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
    /// Same as `--format json` (kept for scripts).
    #[arg(long, conflicts_with_all = ["format", "markdown"])]
    json: bool,
    /// Same as `--format markdown`.
    #[arg(long, conflicts_with = "format")]
    markdown: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A code (`AC318`, any case) or a rule name (`unknown-field`).
    code: String,
    /// Print JSON (the code's metadata and docs) instead of Markdown.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    policy: super::policy::PolicyArgs,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    info: &'a CodeInfo,
    docs: String,
}

fn entry(info: &CodeInfo) -> Entry<'_> {
    Entry {
        info,
        docs: info.docs(),
    }
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let format = if args.json {
        RulesFormat::Json
    } else if args.markdown {
        RulesFormat::Markdown
    } else {
        args.format
    };
    match format {
        RulesFormat::Json => {
            let all: Vec<Entry<'_>> = Code::catalog().map(entry).collect();
            io::out(&super::pretty(&all)?)?;
        }
        RulesFormat::Markdown => io::out(&codes::markdown())?,
        RulesFormat::Text => {
            let mut out = String::new();
            for m in Code::catalog() {
                out.push_str(&format!(
                    "{} {:<28} {:<8} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    m.severity.as_str(),
                    m.summary
                ));
            }
            io::out(&out)?;
        }
    }
    Ok(Outcome::Ok)
}

pub(crate) fn explain(args: &ExplainArgs) -> Result<Outcome, Failure> {
    let policies = super::policy::load(&args.policy, &[])?;
    if let Some((file, rule)) = policies.rule(args.code.trim()) {
        let text = super::policy::explain(file, rule);
        io::out(&if args.json {
            super::pretty(&super::policy::explain_json(file, rule))?
        } else {
            text
        })?;
        return Ok(Outcome::Ok);
    }
    let Some(code) = Code::find(args.code.trim()) else {
        return Err(Failure(format!(
            "unknown code `{}`: `auditcfg rules` lists every code",
            crate::render::safe::line(&args.code)
        )));
    };
    let info = code.info();
    if args.json {
        io::out(&super::pretty(&entry(info))?)?;
    } else {
        io::out(&format!(
            "{}\n\ngroup: {} · default severity: {}\n",
            info.docs(),
            info.group.as_str(),
            info.severity.as_str()
        ))?;
    }
    Ok(Outcome::Ok)
}
