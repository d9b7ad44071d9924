//! Diagnostics as the app shows them: rows of the findings panel (with
//! 1-based line/column and UTF-16 offsets for the DOM), their quick fixes,
//! and F8 / Shift+F8 navigation.

use crate::positions::TextMap;
use auditcfg_core::{Counts, Report, Severity};

/// One finding in the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Identity in the list, stable while the text around the finding
    /// changes: code, path and message (`#n` for repeats).
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Code, e.g. `AC201` (a policy finding: the rule's own, `ORG001`).
    pub code: String,
    /// Rule name, e.g. `retry-delay-order`.
    pub name: &'static str,
    /// JSON Pointer.
    pub path: String,
    /// Message.
    pub message: String,
    /// Help, if any.
    pub help: Option<String>,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based UTF-16 column of the start.
    pub column: usize,
    /// UTF-16 offsets of the range (for `setSelectionRange`).
    pub start16: usize,
    /// End of the range in UTF-16.
    pub end16: usize,
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The core's quick fixes (edits in UTF-16 offsets of this text).
    pub fixes: Vec<Fix>,
}

/// A quick fix of a finding, ready for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What it does.
    pub title: String,
    /// `(from, to, insert)` in UTF-16 offsets.
    pub edits: Vec<(usize, usize, String)>,
}

impl Fix {
    /// The fix as the editor bridge takes it (`{title, edits: [{from, to, insert}]}`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title,
            "edits": self.edits.iter().map(|(from, to, insert)| serde_json::json!({
                "from": from, "to": to, "insert": insert,
            })).collect::<Vec<_>>(),
        })
    }
}

/// The quick fixes the core offers for a diagnostic, in UTF-16 offsets.
pub fn fixes(map: &TextMap<'_>, d: &auditcfg_core::Diagnostic) -> Vec<Fix> {
    auditcfg_core::ide::fixes_of(d)
        .into_iter()
        .filter(|a| !a.edits.is_empty())
        .map(|a| Fix {
            title: a.title,
            edits: a
                .edits
                .iter()
                .map(|e| {
                    (
                        map.to_utf16(e.range.start),
                        map.to_utf16(e.range.end),
                        e.new_text.clone(),
                    )
                })
                .collect(),
        })
        .collect()
}

/// The panel's rows, in the report's order (by position).
pub fn rows(report: &Report, map: &TextMap<'_>) -> Vec<Row> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let base = format!("{}|{}|{}", d.code_str(), d.path, d.message);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}#{n}") };
            let p = map.position(d.range.start);
            let end16 = map.to_utf16(d.range.end.max(d.range.start));
            Row {
                id,
                severity: d.severity,
                code: d.code_str().to_owned(),
                name: d.name(),
                path: d.path.clone(),
                message: d.message.clone(),
                help: d.help.clone(),
                line: p.line,
                column: p.column,
                start16: p.utf16,
                end16,
                start: p.byte,
                end: d.range.end.max(p.byte),
                fixes: fixes(map, d),
            }
        })
        .collect()
}

/// Counts of rows per severity.
pub fn counts(rows: &[Row]) -> Counts {
    let mut c = Counts::default();
    for r in rows {
        match r.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.infos += 1,
        }
    }
    c
}

/// A count with its noun: `1 error`, `3 warnings`, `0 infos`.
pub fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The summary line read out by screen readers when it changes.
pub fn summary(counts: Counts) -> String {
    if counts.errors + counts.warnings + counts.infos == 0 {
        return "No findings".to_owned();
    }
    format!(
        "{}, {}, {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.infos, "info")
    )
}

/// The indices of rows of one severity, in order: the panel lists errors,
/// then warnings, then infos.
pub fn by_severity(rows: &[Row], severity: Severity) -> Vec<usize> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.severity == severity)
        .map(|(i, _)| i)
        .collect()
}

/// The finding F8 (forward) or Shift+F8 (backward) goes to from a cursor
/// (UTF-16 offset), wrapping around; the panel's order is the position
/// order. `current` is the finding last jumped to, so repeated presses walk
/// findings that start at the same place one by one.
pub fn step(rows: &[Row], cursor16: usize, current: Option<usize>, forward: bool) -> Option<usize> {
    if rows.is_empty() {
        return None;
    }
    if let Some(c) = current.filter(|&c| rows.get(c).is_some_and(|r| r.start16 == cursor16)) {
        let n = rows.len();
        return Some(if forward {
            (c + 1) % n
        } else {
            (c + n - 1) % n
        });
    }
    if forward {
        Some(rows.iter().position(|r| r.start16 > cursor16).unwrap_or(0))
    } else {
        Some(
            rows.iter()
                .rposition(|r| r.start16 < cursor16)
                .unwrap_or(rows.len() - 1),
        )
    }
}

/// The command that checks the config against its live services: the
/// browser cannot open TCP connections, so the findings panel shows this
/// instead of probing. File names are quoted for a POSIX shell when they
/// need it.
pub fn probe_command(
    file_name: Option<&str>,
    environment: Option<auditcfg_core::Environment>,
) -> String {
    let name = file_name.filter(|n| !n.is_empty()).unwrap_or("config.json");
    let safe = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'));
    let file = if safe {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    };
    match environment {
        Some(env) => format!("auditcfg probe {file} --env {env}"),
        None => format!("auditcfg probe {file}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use auditcfg_core::{ValidateOptions, validate};

    fn report(text: &str) -> Report {
        validate(text, &ValidateOptions::default())
    }

    #[test]
    fn rows_carry_positions_in_utf16() {
        let text = "{\n  \"note\": \"é😀\",\n  \"environment\": \"qa\"\n}";
        let r = report(text);
        let map = TextMap::new(text);
        let rows = rows(&r, &map);
        let env = rows
            .iter()
            .find(|r| r.path == "/environment")
            .expect("environment finding");
        assert_eq!(env.line, 3);
        let js_offset = text[..text.find("\"qa\"").unwrap()].encode_utf16().count();
        assert_eq!(env.start16, js_offset);
        assert_eq!(env.column, 18);
        assert_eq!(env.end16, js_offset + 4);
        assert_eq!(counts(&rows), r.counts);
        let ids: std::collections::HashSet<_> = rows.iter().map(|r| &r.id).collect();
        assert_eq!(ids.len(), rows.len(), "ids are unique");
    }

    #[test]
    fn a_misspelt_key_has_a_fix_in_utf16_offsets() {
        let good = crate::session::preset_text(
            auditcfg_core::Environment::Development,
            0,
            auditcfg_core::Format::Json,
        )
        .expect("preset");
        let text = format!("{{\"x-😀\": 1,{}", &good[1..])
            .replace("\"connectTimeout\"", "\"conectTimeout\"");
        let r = report(&text);
        let map = TextMap::new(&text);
        let rows = rows(&r, &map);
        let row = rows
            .iter()
            .find(|r| r.code == "AC318" && r.path.ends_with("conectTimeout"))
            .expect("unknown-field finding");
        let fix = row
            .fixes
            .first()
            .unwrap_or_else(|| panic!("a fix for {row:?}"));
        let mut units: Vec<u16> = text.encode_utf16().collect();
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (from, to, insert) in edits {
            units.splice(from..to, insert.encode_utf16());
        }
        let fixed = String::from_utf16(&units).expect("utf16");
        assert_eq!(
            fixed,
            text.replace("\"conectTimeout\"", "\"connectTimeout\"")
        );
        assert!(
            rows.iter()
                .filter(|r| r.code != "AC318")
                .all(|r| r.fixes.iter().all(|f| !f.edits.is_empty()))
        );
    }

    #[test]
    fn summaries() {
        assert_eq!(summary(Counts::default()), "No findings");
        assert_eq!(
            summary(Counts {
                errors: 1,
                warnings: 2,
                infos: 0
            }),
            "1 error, 2 warnings, 0 infos"
        );
    }

    #[test]
    fn f8_walks_and_wraps() {
        let text = "{\"environment\": \"qa\", \"version\": 1}";
        let r = report(text);
        let rows = rows(&r, &TextMap::new(text));
        assert!(rows.len() >= 2);
        let first = step(&rows, 0, None, true).unwrap();
        assert!(rows[first].start16 > 0 || first == 0);
        let last = rows.len() - 1;
        assert_eq!(step(&rows, 0, None, false), Some(last));
        assert_eq!(step(&rows, rows[last].start16, Some(last), true), Some(0));
        assert_eq!(step(&rows, rows[0].start16, Some(0), false), Some(last));
        assert_eq!(step(&[], 0, None, true), None);
        // Findings at one place: repeated presses visit each.
        let same: Vec<Row> = (0..3).map(|_| rows[0].clone()).collect();
        assert_eq!(step(&same, same[0].start16, Some(0), true), Some(1));
        assert_eq!(step(&same, same[0].start16, Some(1), true), Some(2));
    }

    #[test]
    fn severities_group() {
        let text = auditcfg_core::preset::reference_text(auditcfg_core::Environment::Production);
        let r = report(text);
        let rows = rows(&r, &TextMap::new(text));
        let errors = by_severity(&rows, Severity::Error);
        assert!(
            !errors.is_empty(),
            "upstream's production preset fails its validator"
        );
        assert!(errors.iter().all(|&i| rows[i].severity == Severity::Error));
        assert_eq!(plural(1, "error"), "1 error");
    }

    #[test]
    fn probe_command_is_exact_and_shell_safe() {
        use auditcfg_core::Environment;
        assert_eq!(
            probe_command(Some("prod.toml"), Some(Environment::Production)),
            "auditcfg probe prod.toml --env production"
        );
        assert_eq!(probe_command(None, None), "auditcfg probe config.json");
        assert_eq!(
            probe_command(Some("it's mine.json"), None),
            "auditcfg probe 'it'\\''s mine.json'"
        );
    }
}
