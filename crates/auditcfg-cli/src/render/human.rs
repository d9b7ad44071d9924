//! Human output: each finding with its source line and the range
//! underlined (codespan-reporting), then a summary. Everything taken from
//! the input (file name, message, path, help, source lines) goes through
//! [`safe`] first: no control character reaches the terminal raw.

use super::{FileReport, safe};
use auditcfg_core::{Severity, TextRange};
use codespan_reporting::diagnostic::{Diagnostic as Cs, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

pub(crate) fn reports(files: &[FileReport], color: bool) -> String {
    let config = Config::default();
    let mut out = String::new();
    let mut total = (0, 0, 0);
    for f in files {
        let name = safe::line(&f.name);
        let source = safe::source(&f.text);
        let file = SimpleFile::new(name.as_ref(), source.as_ref());
        for d in &f.report.diagnostics {
            let base = match d.severity {
                Severity::Error => Cs::error(),
                Severity::Warning => Cs::warning(),
                Severity::Info => Cs::note(),
            };
            let range = clamp(d.range, &source);
            let label = if d.path.is_empty() {
                Label::primary((), range.start..range.end)
            } else {
                Label::primary((), range.start..range.end).with_message(safe::line(&d.path))
            };
            let message = safe::line(&d.message);
            let mut cs = base
                .with_code(format!("{} {}", d.code, d.name()))
                .with_message(message.as_ref())
                .with_labels(vec![label]);
            if let Some(help) = &d.help {
                cs = cs.with_notes(vec![format!("help: {}", safe::line(help))]);
            }
            let rendered = if color {
                let mut buf = termcolor::Buffer::ansi();
                match term::emit_to_write_style(&mut buf, &config, &file, &cs) {
                    Ok(()) => String::from_utf8_lossy(buf.as_slice()).into_owned(),
                    Err(e) => format!("{}: {message} ({e})\n", d.code),
                }
            } else {
                term::emit_into_string(&config, &file, &cs)
                    .unwrap_or_else(|e| format!("{}: {message} ({e})\n", d.code))
            };
            out.push_str(&rendered);
        }
        let c = f.report.counts;
        total = (total.0 + c.errors, total.1 + c.warnings, total.2 + c.infos);
        let env = f
            .report
            .environment
            .map_or_else(|| "unknown environment".to_owned(), |e| e.to_string());
        let verdict = if c.errors > 0 { "invalid" } else { "valid" };
        out.push_str(&format!(
            "{name}: {verdict} ({}, {env}): {} error{}, {} warning{}, {} info\n",
            f.report.format,
            c.errors,
            plural(c.errors),
            c.warnings,
            plural(c.warnings),
            c.infos
        ));
        if files.len() > 1 {
            out.push('\n');
        }
    }
    if files.len() > 1 {
        out.push_str(&format!(
            "{} files: {} errors, {} warnings, {} info\n",
            files.len(),
            total.0,
            total.1,
            total.2
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Keeps a range inside the text and on character boundaries.
fn clamp(r: TextRange, text: &str) -> TextRange {
    let mut start = r.start.min(text.len());
    let mut end = r.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    TextRange::new(start, end)
}
