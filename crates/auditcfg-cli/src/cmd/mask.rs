//! `auditcfg mask FILE [-o OUT]`: the sanitised export, every secret
//! masked (`secrets::mask_document`: what upstream masks and what it
//! forgets). The output keeps FILE's format. With `--fingerprints` (git's
//! `textconv`, see `auditcfg git-setup`): every secret as a fingerprint
//! (`sha256:` + 8 hex digits), sealed values as the fingerprint of their
//! ciphertext, so a diff shows which secrets changed without showing them.

use super::diff::load_config as load;
use super::patch::write_as;
use crate::{Failure, Outcome, io};
use auditcfg_core::secrets::mask_document;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The config to mask (`-` for standard input).
    file: String,
    /// Secrets as fingerprints instead of `***MASKED***` (for diffs).
    #[arg(long)]
    fingerprints: bool,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let file = load(&args.file)?;
    let masked = if args.fingerprints {
        auditcfg_core::crypto::git::fingerprint_view(file.doc.value())
    } else {
        mask_document(file.doc.value())
    };
    io::write_output(
        args.output.as_deref(),
        &write_as(&masked, file.doc.format())?,
    )?;
    Ok(Outcome::Ok)
}
