//! Diagnostics as the app shows them: rows of the findings panel (with
//! 1-based line/column and UTF-16 offsets for the DOM), the editor's marks,
//! and F8 / Shift+F8 navigation.

use crate::editor::Mark;
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
    /// Code, e.g. `AC201`.
    pub code: &'static str,
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
}

/// The panel's rows, in the report's order (by position).
pub fn rows(report: &Report, map: &TextMap<'_>) -> Vec<Row> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let base = format!("{}|{}|{}", d.code, d.path, d.message);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}#{n}") };
            let p = map.position(d.range.start);
            let end16 = map.to_utf16(d.range.end.max(d.range.start));
            Row {
                id,
                severity: d.severity,
                code: d.code.as_str(),
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
            }
        })
        .collect()
}

/// The editor's marks for rows.
pub fn marks(rows: &[Row]) -> Vec<Mark> {
    rows.iter()
        .map(|r| Mark {
            start: r.start,
            end: r.end,
            severity: r.severity,
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
        assert_eq!(marks(&rows).len(), rows.len());
        let ids: std::collections::HashSet<_> = rows.iter().map(|r| &r.id).collect();
        assert_eq!(ids.len(), rows.len(), "ids are unique");
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
}
