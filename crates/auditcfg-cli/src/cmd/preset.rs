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
    let text = match args.format {
        Format::Json => auditcfg_core::to_json(&value) + "\n",
        Format::Toml => auditcfg_core::to_toml(&value)?,
    };
    io::out(&text)?;
    Ok(Outcome::Ok)
}
