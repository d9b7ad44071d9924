//! `auditcfg convert FILE --to json|toml [-o OUT]`

use crate::{Failure, Outcome, io};
use auditcfg_core::Format;

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
    let doc = super::parse_config(&name, &text)?;
    let out = super::patch::write_as(doc.value(), args.to)?;
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}
