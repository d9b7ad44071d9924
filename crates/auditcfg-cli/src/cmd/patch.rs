//! `auditcfg patch FILE PATCH [-o OUT]`
//!
//! PATCH is a JSON Patch (RFC 6902, an array of operations) or a merge
//! patch (RFC 7386, an object), told apart by its shape; it may be written
//! in JSON or TOML. A JSON Patch applies atomically: all operations, or
//! nothing and the failing operation named (exit 2). The output keeps
//! FILE's format and its text: only the changed values are rewritten, so
//! comments and formatting survive (`auditcfg_core::edit`).

use super::diff::load;
use crate::{Failure, Outcome, io};
use auditcfg_core::diff::{apply_json_patch, apply_merge_patch};
use auditcfg_core::{Document, Format};
use serde_json::Value;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The config to patch (`-` for standard input).
    file: String,
    /// The patch: a JSON Patch array or a merge patch object.
    patch: String,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

/// Writes a value in a format, as `convert` does, with control and
/// bidirectional characters escaped so that the text is safe to print to a
/// terminal and still means the same value: JSON through
/// `render::safe::json`; TOML through `render::safe::toml`, kept only when
/// the escaped text reads back as the same value (an unsafe character in a
/// TOML literal string cannot be escaped: it is then left as it is).
pub(crate) fn write_as(value: &Value, format: Format) -> Result<String, Failure> {
    Ok(match format {
        Format::Json => crate::render::safe::json(auditcfg_core::to_json(value)) + "\n",
        Format::Toml => {
            let text = auditcfg_core::to_toml(value)?;
            match crate::render::safe::toml(&text) {
                Some(escaped)
                    if auditcfg_core::parse(&escaped, Some(Format::Toml))
                        .document
                        .is_some_and(|d| d.value() == value) =>
                {
                    escaped
                }
                _ => text,
            }
        }
    })
}

/// The text of `doc` changed to hold `value`: only the changed values are
/// rewritten (comments and formatting kept), then made terminal-safe as in
/// [`write_as`].
pub(crate) fn write_edit(doc: &Document, value: &Value) -> Result<String, Failure> {
    let text = auditcfg_core::edit::rewrite(doc, value)
        .map_err(|e| Failure(format!("cannot write the result as {}: {e}", doc.format())))?;
    Ok(match doc.format() {
        Format::Json => crate::render::safe::json(text),
        Format::Toml => match crate::render::safe::toml(&text) {
            Some(escaped)
                if auditcfg_core::parse(&escaped, Some(Format::Toml))
                    .document
                    .is_some_and(|d| d.value() == value) =>
            {
                escaped
            }
            _ => text,
        },
    })
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    if args.file == "-" && args.patch == "-" {
        return Err(Failure(
            "only one of FILE and PATCH can come from standard input".into(),
        ));
    }
    let file = load(&args.file)?;
    let patch = load(&args.patch)?;
    let patched = match patch.doc.value() {
        Value::Array(_) => apply_json_patch(file.doc.value(), patch.doc.value())
            .map_err(|e| Failure(format!("{}: {e}", patch.name)))?,
        Value::Object(_) => apply_merge_patch(file.doc.value(), patch.doc.value()),
        _ => {
            return Err(Failure(format!(
                "{}: a patch is a JSON Patch (an array of operations) or a merge patch (an object)",
                patch.name
            )));
        }
    };
    io::write_output(args.output.as_deref(), &write_edit(&file.doc, &patched)?)?;
    Ok(Outcome::Ok)
}
