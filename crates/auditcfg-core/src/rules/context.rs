//! What a rule sees: the document's value, the effective environment, and
//! typed accessors that return `None` on a missing or mistyped value (the
//! schema reports those; rules stay quiet about them).

use crate::environment::Environment;
use crate::pointer;
use serde_json::Value;
use std::cell::OnceCell;

/// Deeper values are not walked (real configs are about 6 levels deep).
const MAX_DEPTH: usize = 64;

/// The input of a rule.
///
/// Facts several rules need (every string with its pointer, every URL
/// field) are computed once per validation, on first use.
#[derive(Debug)]
pub struct Context<'a> {
    /// The whole document.
    pub value: &'a Value,
    /// The environment the document is validated for: the override, or its
    /// own `environment` field when that is valid.
    pub environment: Option<Environment>,
    strings: OnceCell<Strings<'a>>,
    urls: OnceCell<Vec<UrlField<'a>>>,
}

/// Every string of the document with its pointer: the pointers share one
/// buffer (one allocation for all, not one per value).
#[derive(Debug, Default)]
struct Strings<'a> {
    pointers: String,
    /// The end of each pointer in `pointers` (each starts where the
    /// previous ends), and the string.
    items: Vec<(usize, &'a str)>,
}

/// A URL-valued field, parsed once for every rule that looks at it.
#[derive(Debug)]
pub struct UrlField<'a> {
    /// Where it is.
    pub path: String,
    /// The text as written.
    pub raw: &'a str,
    /// The parsed URL, or why it does not parse.
    pub parsed: Result<url::Url, url::ParseError>,
}

impl<'a> Context<'a> {
    /// A context.
    pub fn new(value: &'a Value, environment: Option<Environment>) -> Self {
        Context {
            value,
            environment,
            strings: OnceCell::new(),
            urls: OnceCell::new(),
        }
    }

    /// Every string of the document with its JSON Pointer, in document
    /// order (computed once).
    pub fn strings(&self) -> impl Iterator<Item = (&str, &'a str)> + '_ {
        let all = self.strings.get_or_init(|| {
            let mut out = Strings::default();
            walk_strings(self.value, &mut String::new(), 0, &mut out);
            out
        });
        let mut start = 0;
        all.items.iter().map(move |&(end, s)| {
            let path = all.pointers.get(start..end).unwrap_or("");
            start = end;
            (path, s)
        })
    }

    /// Every URL-valued field with its pointer (see
    /// `invalid_url::url_fields`; computed once).
    pub fn url_fields(&self) -> &[UrlField<'a>] {
        self.urls.get_or_init(|| {
            super::invalid_url::url_fields(self.value)
                .into_iter()
                .map(|(path, raw)| UrlField {
                    path,
                    raw,
                    parsed: url::Url::parse(raw),
                })
                .collect()
        })
    }
    /// The value at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        pointer::get(self.value, pointer)
    }
    /// A string at a pointer.
    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        self.get(pointer)?.as_str()
    }
    /// A number at a pointer.
    pub fn num(&self, pointer: &str) -> Option<f64> {
        self.get(pointer)?.as_f64()
    }
    /// A boolean at a pointer.
    pub fn bool(&self, pointer: &str) -> Option<bool> {
        self.get(pointer)?.as_bool()
    }
    /// An array at a pointer.
    pub fn array(&self, pointer: &str) -> Option<&'a Vec<Value>> {
        self.get(pointer)?.as_array()
    }
    /// Is the document validated for this environment?
    pub fn is(&self, env: Environment) -> bool {
        self.environment == Some(env)
    }
    /// Is it validated for staging or production?
    pub fn is_production_like(&self) -> bool {
        self.environment
            .is_some_and(Environment::is_production_like)
    }
}

fn walk_strings<'a>(value: &'a Value, at: &mut String, depth: usize, out: &mut Strings<'a>) {
    if depth > MAX_DEPTH {
        return;
    }
    let len = at.len();
    match value {
        Value::String(s) => {
            out.pointers.push_str(at);
            out.items.push((out.pointers.len(), s));
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    pointer::push_index_into(at, i);
                    walk_strings(v, at, depth + 1, out);
                    at.truncate(len);
                }
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                if matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                    pointer::push_into(at, k);
                    walk_strings(v, at, depth + 1, out);
                    at.truncate(len);
                }
            }
        }
        _ => {}
    }
}
