//! The document being edited, as a plain type: its text, whether it is
//! modified, where it came from, the last replacement (for Undo), the
//! findings of its last validation and the one last jumped to. Every
//! action is a method that returns what changed; the app's state module
//! keeps one of these, calls its methods from the views and mirrors the
//! results into signals. Persistence and the custom element subscribe to
//! those signals (effects): nothing here knows about them, the DOM or the
//! editor, so it is tested natively.

use crate::compare::Origin;
use crate::findings::{self, Fix, Row};
use crate::positions::TextMap;
use crate::session;
use auditcfg_core::policy::{self, Finding};
use auditcfg_core::{Counts, Document, Environment, Format, ValidateOptions, validate};
use serde_json::Value;

/// The document before a replacement (open, preset, convert).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot {
    text: String,
    name: Option<String>,
    origin: Origin,
    saved: String,
}

/// A text the document no longer shows (replaced by another document, or
/// downloaded as saved): what the drafts keep as an earlier version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superseded {
    /// The text.
    pub text: String,
    /// Its file name.
    pub name: Option<String>,
}

/// What a validation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    /// The findings, as panel rows.
    pub rows: Vec<Row>,
    /// The format the text was read as.
    pub format: Format,
    /// The environment it was validated as.
    pub environment: Option<Environment>,
}

/// An evaluation of policies on a document's value, as an environment:
/// their findings, unplaced.
pub type Evaluate<'a> = dyn Fn(&Value, Option<Environment>) -> Vec<Finding> + 'a;

/// The document being edited.
#[derive(Debug, Clone)]
pub struct Editing {
    text: String,
    name: Option<String>,
    format: Format,
    rows: Vec<Row>,
    /// The finding last jumped to (F8, click).
    current: Option<usize>,
    undo: Option<Snapshot>,
    /// Untouched since the last replacement.
    pristine: bool,
    /// The text as last opened, created or saved: the document is
    /// modified when its text differs (only an edit makes it so).
    saved: String,
    /// The exact text the document was created or opened with (what the
    /// diff view compares with by default).
    origin: Origin,
    /// Texts superseded since the subscriber last took them.
    superseded: Vec<Superseded>,
}

impl Editing {
    /// A document opened with `text` (from a file called `name`).
    pub fn new(text: String, name: Option<String>) -> Self {
        Editing {
            format: session::format_of(name.as_deref(), &text),
            rows: Vec::new(),
            current: None,
            undo: None,
            pristine: true,
            origin: Origin {
                text: text.clone(),
                preset: None,
            },
            saved: text.clone(),
            text,
            name,
            superseded: Vec::new(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file name.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The format (as named, detected, or as the last validation read it).
    pub fn format(&self) -> Format {
        self.format
    }

    /// Where the document came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The findings of the last validation.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Is there unsaved work?
    pub fn is_dirty(&self) -> bool {
        self.text != self.saved
    }

    /// Is a replacement there to undo?
    pub fn can_undo_replace(&self) -> bool {
        self.undo.is_some()
    }

    /// The user (or the form, or the embedding page) changed the text.
    /// Returns whether the document is now modified.
    pub fn edit(&mut self, text: String) -> bool {
        self.text = text;
        self.pristine = false;
        self.is_dirty()
    }

    /// Validates the text as `environment` (detected when `None`).
    pub fn validate(&mut self, environment: Option<Environment>) -> Validated {
        self.validate_with(environment, None)
    }

    /// Validates the text, and with `policies` (an evaluation of the loaded
    /// policies on the document's value, as the environment validated as)
    /// adds their findings, placed like the built-in ones.
    pub fn validate_with(
        &mut self,
        environment: Option<Environment>,
        policies: Option<&Evaluate<'_>>,
    ) -> Validated {
        let mut report = validate(
            &self.text,
            &ValidateOptions {
                environment,
                ..ValidateOptions::default()
            },
        );
        if let Some(evaluate) = policies
            && let Some(doc) = Document::parse(&self.text, Some(report.format))
                .document
                .filter(|d| d.value().is_object())
        {
            let found = evaluate(doc.value(), report.environment);
            if !found.is_empty() {
                policy::extend(&mut report.diagnostics, policy::place(&doc, found));
                report.counts = Counts::of(&report.diagnostics);
            }
        }
        let map = TextMap::new(&self.text);
        self.rows = findings::rows(&report, &map);
        self.current = None;
        self.format = report.format;
        Validated {
            rows: self.rows.clone(),
            format: report.format,
            environment: report.environment,
        }
    }

    /// Replaces the whole document, keeping the previous one for Undo.
    /// `clean`: a new document (opened, created, restored, decrypted): its
    /// text is its origin and it is not modified; otherwise (a conversion)
    /// the same document in a new text, with the same origin. Returns
    /// whether the document is now modified.
    pub fn replace(&mut self, text: String, name: Option<String>, clean: bool) -> bool {
        self.superseded.push(Superseded {
            text: self.text.clone(),
            name: self.name.clone(),
        });
        // Browsing presets one after another keeps the first snapshot:
        // Undo goes back to the user's own work.
        if !(self.pristine && self.undo.is_some()) {
            self.undo = Some(Snapshot {
                text: self.text.clone(),
                name: self.name.clone(),
                origin: self.origin.clone(),
                saved: self.saved.clone(),
            });
        }
        self.format = session::format_of(name.as_deref(), &text);
        self.pristine = true;
        self.rows.clear();
        self.current = None;
        if clean {
            self.saved = text.clone();
            self.origin = Origin {
                text: text.clone(),
                preset: None,
            };
        }
        self.text = text;
        self.name = name;
        self.is_dirty()
    }

    /// Marks a new document as created from an environment's preset.
    pub fn set_preset(&mut self, env: Environment) {
        self.origin.preset = Some(env);
    }

    /// Undoes the last replacement: the previous document comes back
    /// modified as it was, with its origin. Returns whether there was one.
    pub fn undo_replace(&mut self) -> bool {
        let Some(snapshot) = self.undo.take() else {
            return false;
        };
        self.replace(snapshot.text, snapshot.name, false);
        self.undo = None;
        self.pristine = false;
        self.origin = snapshot.origin;
        self.saved = snapshot.saved;
        true
    }

    /// The text was saved (downloaded as written): it is no longer
    /// modified, and it is kept as an earlier version.
    pub fn mark_saved(&mut self, name: Option<String>) {
        self.superseded.push(Superseded {
            text: self.text.clone(),
            name,
        });
        self.saved = self.text.clone();
    }

    /// The texts superseded since the last call (oldest first).
    pub fn take_superseded(&mut self) -> Vec<Superseded> {
        std::mem::take(&mut self.superseded)
    }

    /// Jumps to the `index`-th finding: returns it.
    pub fn goto(&mut self, index: usize) -> Option<Row> {
        let row = self.rows.get(index).cloned()?;
        self.current = Some(index);
        Some(row)
    }

    /// The finding F8 (`forward`) or Shift+F8 goes to from the cursor (a
    /// UTF-16 offset): `(index, count, message)`.
    pub fn step(&self, cursor16: usize, forward: bool) -> Option<(usize, usize, String)> {
        let i = findings::step(&self.rows, cursor16, self.current, forward)?;
        Some((i, self.rows.len(), self.rows[i].message.clone()))
    }

    /// The `index`-th fix of the finding `id`, as of the last validation.
    pub fn fix(&self, id: &str, index: usize) -> Option<Fix> {
        self.rows
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.fixes.get(index).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\"environment\": \"development\"}\n";

    fn doc() -> Editing {
        Editing::new(DOC.to_owned(), Some("dev.json".to_owned()))
    }

    #[test]
    fn an_edit_modifies_and_editing_back_does_not() {
        let mut d = doc();
        assert!(!d.is_dirty());
        assert!(d.edit("{}\n".to_owned()));
        assert!(!d.edit(DOC.to_owned()));
        assert_eq!(d.text(), DOC);
    }

    #[test]
    fn a_clean_replacement_is_a_new_unmodified_document_with_its_own_origin() {
        let mut d = doc();
        d.edit("{\"a\": 1}\n".to_owned());
        let dirty = d.replace("x = 1\n".to_owned(), Some("new.toml".to_owned()), true);
        assert!(!dirty);
        assert_eq!(d.origin().text, "x = 1\n");
        assert_eq!(d.format(), Format::Toml);
        assert_eq!(d.name(), Some("new.toml"));
        assert_eq!(
            d.take_superseded(),
            vec![Superseded {
                text: "{\"a\": 1}\n".to_owned(),
                name: Some("dev.json".to_owned()),
            }]
        );
        assert!(d.take_superseded().is_empty(), "taken once");
    }

    #[test]
    fn a_conversion_keeps_the_origin_and_is_modified() {
        let mut d = doc();
        assert!(d.replace("environment = \"development\"\n".to_owned(), None, false));
        assert_eq!(d.origin().text, DOC);
    }

    #[test]
    fn undo_replace_restores_the_text_name_origin_and_modified_state() {
        let mut d = doc();
        d.edit("{\"mine\": true}\n".to_owned());
        d.replace("{}\n".to_owned(), Some("other.json".to_owned()), true);
        assert!(d.can_undo_replace());
        assert!(d.undo_replace());
        assert_eq!(d.text(), "{\"mine\": true}\n");
        assert_eq!(d.name(), Some("dev.json"));
        assert_eq!(d.origin().text, DOC);
        assert!(d.is_dirty());
        assert!(!d.can_undo_replace());
        assert!(!d.undo_replace(), "only once");
    }

    #[test]
    fn browsing_presets_keeps_the_first_snapshot() {
        let mut d = doc();
        d.edit("{\"mine\": true}\n".to_owned());
        d.replace("{\"p\": 1}\n".to_owned(), None, true);
        d.set_preset(Environment::Staging);
        assert_eq!(d.origin().preset, Some(Environment::Staging));
        d.replace("{\"p\": 2}\n".to_owned(), None, true);
        d.undo_replace();
        assert_eq!(
            d.text(),
            "{\"mine\": true}\n",
            "back to the user's own work"
        );
    }

    #[test]
    fn an_edit_after_a_replacement_takes_a_new_snapshot() {
        let mut d = doc();
        d.replace("{\"p\": 1}\n".to_owned(), None, true);
        d.edit("{\"p\": 1, \"q\": 2}\n".to_owned());
        d.replace("{\"p\": 2}\n".to_owned(), None, true);
        d.undo_replace();
        assert_eq!(d.text(), "{\"p\": 1, \"q\": 2}\n");
    }

    #[test]
    fn saving_clears_modified_and_keeps_a_version() {
        let mut d = doc();
        d.edit("{}\n".to_owned());
        d.mark_saved(Some("saved.json".to_owned()));
        assert!(!d.is_dirty());
        assert_eq!(d.take_superseded()[0].name.as_deref(), Some("saved.json"));
    }

    #[test]
    fn validation_fills_the_rows_and_navigation_walks_them() {
        let mut d = Editing::new("{\"environment\": \"Production\"}\n".to_owned(), None);
        let v = d.validate(None);
        assert!(!v.rows.is_empty());
        assert_eq!(v.format, Format::Json);
        assert_eq!(d.rows(), v.rows.as_slice());
        let (first, total, message) = d.step(0, true).expect("a finding");
        assert_eq!(total, v.rows.len());
        assert_eq!(message, v.rows[first].message);
        assert_eq!(d.goto(first).map(|r| r.id), Some(v.rows[first].id.clone()));
        assert!(d.goto(total).is_none());
        // A replacement clears the findings until the next validation.
        d.replace("{}\n".to_owned(), None, true);
        assert!(d.rows().is_empty());
        assert!(d.step(0, true).is_none());
    }

    #[test]
    fn policy_findings_are_placed_with_the_built_in_ones() {
        let mut d = Editing::new(
            "{\n  \"environment\": \"development\",\n  \"database\": {\"ssl\": false}\n}\n"
                .to_owned(),
            None,
        );
        let seen = std::cell::Cell::new(None);
        let evaluate = |v: &Value, env: Option<Environment>| {
            seen.set(Some((v["database"]["ssl"].clone(), env)));
            vec![Finding {
                code: "ORG001".into(),
                severity: auditcfg_core::Severity::Error,
                path: "/database".into(),
                message: "TLS".into(),
                help: None,
            }]
        };
        let v = d.validate_with(None, Some(&evaluate));
        assert_eq!(
            seen.take(),
            Some((Value::Bool(false), Some(Environment::Development)))
        );
        let row = v
            .rows
            .iter()
            .find(|r| r.code == "ORG001")
            .expect("the policy finding");
        assert_eq!((row.line, row.path.as_str()), (3, "/database"));
        // Without policies, none.
        let v = d.validate(None);
        assert!(v.rows.iter().all(|r| r.code != "ORG001"));
        // A text that does not parse is not evaluated.
        d.edit("{\"database\": ".to_owned());
        let called = std::cell::Cell::new(false);
        d.validate_with(
            None,
            Some(&|_: &Value, _| {
                called.set(true);
                Vec::new()
            }),
        );
        assert!(!called.get());
    }

    #[test]
    fn a_fix_is_found_by_finding_and_index() {
        let mut d = Editing::new("{\"environment\": \"Production\"}\n".to_owned(), None);
        let v = d.validate(None);
        let with_fix = v
            .rows
            .iter()
            .find(|r| !r.fixes.is_empty())
            .expect("the wrong-case environment has a fix");
        assert_eq!(d.fix(&with_fix.id, 0), Some(with_fix.fixes[0].clone()));
        assert_eq!(d.fix(&with_fix.id, with_fix.fixes.len()), None);
        assert_eq!(d.fix("no such finding", 0), None);
    }
}
