//! Data-driven fixture tests: every file under `tests/fixtures/validate/`
//! and every reference preset is validated, and its findings (code,
//! severity, pointer, line:column, message) are compared with a reviewed
//! insta snapshot. A new fixture is a new file; `cargo insta review`
//! accepts its snapshot.

use auditcfg_core::validate::{ValidateOptions, validate};
use auditcfg_core::{Environment, LineIndex};

fn render(text: &str) -> String {
    let report = validate(text, &ValidateOptions::default());
    let index = LineIndex::new(text);
    let mut out = format!(
        "format: {}, environment: {}, errors: {}, warnings: {}, infos: {}\n",
        report.format,
        report.environment.map_or("unknown", |e| e.as_str()),
        report.counts.errors,
        report.counts.warnings,
        report.counts.infos
    );
    for d in &report.diagnostics {
        let at = index.line_col(d.range.start);
        let shown = text.get(d.range.start..d.range.end).unwrap_or("");
        let shown: String = shown.chars().take(40).collect();
        out.push_str(&format!(
            "{} {} {:<7} {} @{}:{} `{}`\n    {}\n",
            d.code,
            d.name(),
            d.severity.as_str(),
            if d.path.is_empty() {
                "(document)"
            } else {
                &d.path
            },
            at.line,
            at.column,
            shown.replace('\n', "⏎"),
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
        for r in &d.related {
            let at = index.line_col(r.range.start);
            out.push_str(&format!(
                "    related @{}:{}: {}\n",
                at.line, at.column, r.message
            ));
        }
        for f in &d.fixes {
            let edits: Vec<String> = f
                .edits
                .iter()
                .map(|e| {
                    let at = index.line_col(e.range.start);
                    format!(
                        "@{}:{}+{} {:?}",
                        at.line,
                        at.column,
                        e.range.len(),
                        e.new_text
                    )
                })
                .collect();
            out.push_str(&format!(
                "    fix ({}): {}: {}\n",
                f.applicability.as_str(),
                f.title,
                edits.join(", ")
            ));
        }
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/validate/*", |path| {
        let bytes = std::fs::read(path).expect("fixture readable");
        let text = String::from_utf8(bytes).expect("fixtures are UTF-8");
        insta::assert_snapshot!(render(&text));
    });
}

#[test]
fn reference_presets() {
    for env in Environment::ALL {
        let text = auditcfg_core::preset::reference_text(env);
        insta::assert_snapshot!(format!("preset_{env}"), render(text));
    }
}
