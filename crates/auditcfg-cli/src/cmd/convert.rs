//! `auditcfg convert FILE --to json|toml [-o OUT]`

use crate::render;
use crate::{Failure, Outcome, io};
use auditcfg_core::{Document, Format};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The file to convert (`-` for standard input).
    file: String,
    /// Target format.
    #[arg(long, value_parser = super::parse_format)]
    to: Format,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let (name, text) = io::read_text(&args.file)?;
    let parse = Document::parse(&text, None);
    let Some(doc) = parse.document else {
        let summary = render::first_error(&name, &text, &parse.diagnostics);
        return Err(Failure(summary));
    };
    let out = super::patch::write_as(doc.value(), args.to)?;
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}
