//! `auditcfg preset ENV [--format json|toml]`

use crate::{Failure, Outcome, io};
use auditcfg_core::Format;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// development, staging, production or test (aliases: dev, stage, prod).
    env: String,
    /// Output format.
    #[arg(long, default_value = "json", value_parser = super::parse_format)]
    format: Format,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let value = auditcfg_core::preset(&args.env)?;
    let mut text = auditcfg_core::write(&value, args.format)?;
    if args.format == Format::Json {
        text.push('\n');
    }
    io::out(&text)?;
    Ok(Outcome::Ok)
}
