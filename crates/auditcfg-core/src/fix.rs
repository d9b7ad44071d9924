//! `fix`: validate, apply the chosen fixes, validate again, until nothing
//! is left to fix (at most [`MAX_ROUNDS`] rounds). A fix whose edits would
//! make the document unparsable is dropped, so the result always parses
//! when the input did.

use crate::codes::Code;
use crate::diagnostic::{Applicability, Fix, TextEdit};
use crate::document::{Document, SECRET_PLACEHOLDER, apply_edits};
use crate::environment::Environment;
use crate::syntax::Format;
use crate::validate::{Report, ValidateOptions, validate};
use std::collections::HashSet;

/// Rounds of validate-and-fix (a fix may reveal another finding).
pub const MAX_ROUNDS: usize = 8;

/// Which fixes to apply and how to read the text.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    /// Apply unsafe fixes too (new limits, new secrets, removed values).
    pub unsafe_too: bool,
    /// The text's format; detected when `None`.
    pub format: Option<Format>,
    /// Validate as this environment instead of the document's own.
    pub environment: Option<Environment>,
    /// Leave generated secrets as [`SECRET_PLACEHOLDER`] instead of drawing
    /// them (for previews such as `--diff`, which must not show a secret
    /// that is never stored).
    pub preview: bool,
}

/// What [`apply_fixes`] did.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text (the input when nothing applied).
    pub text: String,
    /// The fixes applied, in order: the finding's code and the fix's
    /// title (never a secret).
    pub applied: Vec<(Code, String)>,
    /// The findings of the fixed text.
    pub report: Report,
}

/// Applies every chosen fix, repeatedly, and reports what remains.
pub fn apply_fixes(text: &str, options: &FixOptions) -> Fixed {
    let mut validate_options = ValidateOptions {
        format: options.format,
        environment: options.environment,
        ..ValidateOptions::default()
    };
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    let mut report = validate(&current, &validate_options);
    validate_options.format = Some(report.format);
    let format = report.format;
    // A fix applied once is not applied again (a fix that does not remove
    // its finding must not loop).
    let mut done: HashSet<(Code, String, String)> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let chosen = choose(&report, options, &done);
        if chosen.is_empty() {
            break;
        }
        let mut progressed = false;
        // All at once when the result parses; otherwise one at a time,
        // from the end of the text (earlier offsets stay valid), keeping
        // only those that keep it parsable.
        let mut together: Vec<TextEdit> = Vec::new();
        let mut drawn = Vec::with_capacity(chosen.len());
        for (_, _, fix) in &chosen {
            match draw(fix, options.preview) {
                Some(edits) => drawn.push(Some(edits)),
                None => drawn.push(None),
            }
        }
        for edits in drawn.iter().flatten() {
            together.extend(edits.iter().cloned());
        }
        match apply_edits(&current, &together).filter(|t| parses(t, format)) {
            Some(next) => {
                current = next;
                for ((code, path, fix), edits) in chosen.iter().zip(&drawn) {
                    if edits.is_some() {
                        applied.push((*code, fix.title.clone()));
                    }
                    done.insert((*code, path.clone(), fix.title.clone()));
                }
                progressed = true;
            }
            None => {
                let mut order: Vec<usize> = (0..chosen.len()).collect();
                crate::base::sort::sort_by_key(&mut order, |&i| {
                    std::cmp::Reverse(chosen[i].2.edits.first().map_or(0, |e| e.range.start))
                });
                for i in order {
                    let (code, path, fix) = &chosen[i];
                    done.insert((*code, path.clone(), fix.title.clone()));
                    let Some(edits) = &drawn[i] else { continue };
                    if let Some(next) = apply_edits(&current, edits).filter(|t| parses(t, format)) {
                        current = next;
                        applied.push((*code, fix.title.clone()));
                        progressed = true;
                    }
                }
            }
        }
        if !progressed {
            break;
        }
        report = validate(&current, &validate_options);
    }
    Fixed {
        text: current,
        applied,
        report,
    }
}

/// The fixes to apply this round: each finding's first eligible fix, in
/// source order, skipping any whose edits touch an already chosen one.
fn choose<'r>(
    report: &'r Report,
    options: &FixOptions,
    done: &HashSet<(Code, String, String)>,
) -> Vec<(Code, String, &'r Fix)> {
    let mut chosen: Vec<(Code, String, &Fix)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for d in &report.diagnostics {
        let Some(fix) = d.fixes.iter().find(|f| {
            (f.applicability == Applicability::Safe || options.unsafe_too)
                && !f.edits.is_empty()
                && !done.contains(&(d.code, d.path.clone(), f.title.clone()))
        }) else {
            continue;
        };
        let touches = fix.edits.iter().any(|e| {
            taken
                .iter()
                .any(|&(s, t)| e.range.start <= t && s <= e.range.end)
        });
        if touches {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.range.start, e.range.end)));
        chosen.push((d.code, d.path.clone(), fix));
    }
    chosen
}

/// The fix's edits with generated secrets drawn (or left as placeholders
/// in a preview); `None` when the system's generator fails.
fn draw(fix: &Fix, preview: bool) -> Option<Vec<TextEdit>> {
    fix.edits
        .iter()
        .map(|e| {
            if preview || !e.new_text.contains(SECRET_PLACEHOLDER) {
                return Some(e.clone());
            }
            let secret = crate::preset::random_hex_32().ok()?;
            Some(TextEdit {
                range: e.range,
                new_text: e.new_text.replace(SECRET_PLACEHOLDER, &secret),
            })
        })
        .collect()
}

fn parses(text: &str, format: Format) -> bool {
    Document::parse(text, Some(format)).document.is_some()
}
