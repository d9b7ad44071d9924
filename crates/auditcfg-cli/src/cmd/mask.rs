//! `auditcfg mask FILE [-o OUT]`: the sanitised export, every secret
//! masked (`secrets::mask_document`: what upstream masks and what it
//! forgets). The output keeps FILE's format.

use super::diff::load_config as load;
use super::patch::write_as;
use crate::{Failure, Outcome, io};
use auditcfg_core::secrets::mask_document;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The config to mask (`-` for standard input).
    file: String,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let file = load(&args.file)?;
    let masked = mask_document(file.doc.value());
    io::write_output(
        args.output.as_deref(),
        &write_as(&masked, file.doc.format())?,
    )?;
    Ok(Outcome::Ok)
}
