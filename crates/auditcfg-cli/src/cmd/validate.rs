//! `auditcfg validate FILE... [--env ENV] [--format human|json|sarif]`

use crate::render::{self, FileReport};
use crate::{Failure, Outcome, io};
use auditcfg_core::validate::ValidateOptions;
use auditcfg_core::{Environment, Format};
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files to validate (`-` for standard input).
    #[arg(required = true)]
    files: Vec<String>,
    /// Validate as this environment instead of the document's own.
    #[arg(long, value_parser = super::parse_env)]
    env: Option<Environment>,
    /// Input format (default: detected from the content).
    #[arg(long = "input-format", value_parser = super::parse_format)]
    input_format: Option<Format>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Run only what upstream itself checks (schema and upstream rules).
    #[arg(long)]
    upstream_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Sarif,
}

pub(crate) fn run(args: &Args, color: bool) -> Result<Outcome, Failure> {
    let mut options = if args.upstream_only {
        ValidateOptions::upstream_only()
    } else {
        ValidateOptions::default()
    };
    options.environment = args.env;
    options.format = args.input_format;
    let mut reports = Vec::new();
    for path in &args.files {
        let input = io::read(path)?;
        let auditcfg_core::BytesReport { text, report } =
            auditcfg_core::validate_bytes(&input.bytes, &options);
        reports.push(FileReport {
            name: input.name,
            text,
            report,
        });
    }
    let output = match args.format {
        OutputFormat::Human => render::human::reports(&reports, color),
        OutputFormat::Json => render::json::reports(&reports)?,
        OutputFormat::Sarif => render::sarif::reports(&reports)?,
    };
    io::out(&output)?;
    Ok(if reports.iter().any(|r| r.report.has_errors()) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
