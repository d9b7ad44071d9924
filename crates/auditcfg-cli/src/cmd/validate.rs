//! `auditcfg validate FILE... [--env ENV] [--format human|json|sarif]`

use crate::render::{self, FileReport};
use crate::{Failure, Outcome, io};
use auditcfg_core::validate::{Report, ValidateOptions};
use auditcfg_core::{Counts, Environment, Format};
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files to validate (`-` for standard input).
    #[arg(required = true)]
    files: Vec<String>,
    /// Validate as this environment instead of the document's own.
    #[arg(long, value_parser = super::parse_env)]
    env: Option<Environment>,
    /// Input format (default: the file's extension, `.json` or `.toml`;
    /// the content decides only without one, e.g. for standard input).
    #[arg(long = "input-format", value_parser = super::parse_format)]
    input_format: Option<Format>,
    /// Output format. Columns are 1-based: human output counts characters;
    /// JSON and SARIF count UTF-16 code units (labelled
    /// `"columnKind": "utf16CodeUnits"`), with UTF-8 byte offsets.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Run only what upstream itself checks (schema and upstream rules).
    #[arg(long)]
    upstream_only: bool,
    #[command(flatten)]
    policy: super::policy::PolicyArgs,
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
    let files: Vec<&str> = args.files.iter().map(String::as_str).collect();
    let policies = super::policy::load(&args.policy, &files)?;
    let mut reports = Vec::new();
    for path in &args.files {
        // Every file is reported; an unreadable one is an entry of its
        // own, and the run exits 2 after reporting the others.
        let input = match io::read(path) {
            Ok(input) => input,
            Err(Failure(message)) => {
                reports.push(FileReport {
                    name: if path == "-" {
                        "<stdin>".into()
                    } else {
                        path.clone()
                    },
                    text: String::new(),
                    report: Report {
                        format: Format::Json,
                        environment: args.env,
                        counts: Counts::default(),
                        diagnostics: Vec::new(),
                    },
                    error: Some(message),
                });
                continue;
            }
        };
        options.format = args
            .input_format
            .or_else(|| Format::from_file_name(&input.name));
        let auditcfg_core::BytesReport { text, mut report } =
            auditcfg_core::validate_bytes(&input.bytes, &options);
        policies.extend_report(&text, &mut report);
        reports.push(FileReport {
            name: input.name,
            text,
            report,
            error: None,
        });
    }
    let output = match args.format {
        OutputFormat::Human => render::human::reports(&reports, color),
        OutputFormat::Json => render::json::reports(&reports)?,
        OutputFormat::Sarif => render::sarif::reports(&reports)?,
    };
    io::out(&output)?;
    let unreadable: Vec<&FileReport> = reports.iter().filter(|r| r.error.is_some()).collect();
    if let Some(first) = unreadable.first() {
        // Exit 2, after every readable file was reported.
        return Err(Failure(match unreadable.len() {
            1 => first.error.clone().unwrap_or_default(),
            n => format!("{n} files could not be read"),
        }));
    }
    Ok(if reports.iter().any(|r| r.report.has_errors()) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}
