//! What a rule sees: the document's value, the effective environment, and
//! typed accessors that return `None` on a missing or mistyped value (the
//! schema reports those; rules stay quiet about them).

use super::{invalid_email, invalid_url, placeholder_secret};
use crate::base::web_url::{self, WebUrl};
use crate::diagnostic::Diagnostic;
use crate::environment::Environment;
use crate::pointer;
use serde_json::Value;
use std::cell::OnceCell;

/// Deeper values are not walked (real configs are about 6 levels deep).
const MAX_DEPTH: usize = 64;

/// The input of a rule.
///
/// Facts several rules need (every string with its pointer, every URL
/// field, the e-mail findings) are computed once per validation, on first
/// use, by one walk over the document ([`Walk`]).
#[derive(Debug)]
pub struct Context<'a> {
    /// The whole document.
    pub value: &'a Value,
    /// The environment the document is validated for: the override, or its
    /// own `environment` field when that is valid.
    pub environment: Option<Environment>,
    walk: OnceCell<Walk<'a>>,
    urls: OnceCell<Vec<UrlField<'a>>>,
    strings: OnceCell<Pointed<'a>>,
}

/// Strings with their pointers: the pointers share one buffer (one
/// allocation for all, not one per value).
#[derive(Debug, Default)]
pub(super) struct Pointed<'a> {
    pointers: String,
    /// The end of each pointer in `pointers` (each starts where the
    /// previous ends), and the string.
    items: Vec<(usize, &'a str)>,
}

impl<'a> Pointed<'a> {
    fn push(&mut self, at: &str, s: &'a str) {
        self.pointers.push_str(at);
        self.items.push((self.pointers.len(), s));
    }

    /// Each string with its pointer, in the order found.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &'a str)> + '_ {
        let mut start = 0;
        self.items.iter().map(move |&(end, s)| {
            let path = self.pointers.get(start..end).unwrap_or("");
            start = end;
            (path, s)
        })
    }
}

/// What one walk over the document finds for several rules, each part
/// exactly what that rule's own walk found before they were merged:
/// the strings `AC301` may report, the strings under keys that name a URL
/// (`invalid_url::url_fields`), and the `AC307` findings.
#[derive(Debug, Default)]
pub(super) struct Walk<'a> {
    /// Every string [`placeholder_secret::may_report`] keeps, with its
    /// pointer, in document order: a few of a config's hundreds, so the
    /// others cost no pointer.
    pub(super) placeholder_candidates: Pointed<'a>,
    /// Every string, or item of a list of strings, under a key naming a
    /// URL (`invalid_url::is_url_key`), in document order.
    pub(super) url_keys: Pointed<'a>,
    /// The `AC307` (invalid-email) findings, in document order.
    pub(super) emails: Vec<Diagnostic>,
}

/// The state of the e-mail walk at a value.
#[derive(Clone, Copy)]
enum Email {
    /// Not visited.
    Off,
    /// Walked at this depth.
    At(usize),
    /// The list under an e-mail key of this kind, at this depth: its string
    /// items are addresses (checked at any depth), its other items walked.
    List(invalid_email::Field, usize),
}

/// Walks `value` once for every part of [`Walk`].
pub(super) fn walk(value: &Value) -> Walk<'_> {
    let mut out = Walk::default();
    visit(
        value,
        &mut String::with_capacity(256),
        Some(0),
        Some(0),
        Email::At(0),
        &mut out,
    );
    out
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

fn is_walked_by_strings(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Array(_) | Value::Object(_))
}

/// One value, for the three walks at once: `strings` and `urls` are the
/// depth at which the string walk and the URL walk visit it (`None`: they
/// do not), `email` the e-mail walk's state. Each walk stops below
/// `MAX_DEPTH` on its own.
fn visit<'a>(
    value: &'a Value,
    at: &mut String,
    strings: Option<usize>,
    urls: Option<usize>,
    email: Email,
    out: &mut Walk<'a>,
) {
    let strings = strings.filter(|&d| d <= MAX_DEPTH);
    let urls = urls.filter(|&d| d <= MAX_DEPTH);
    let email = match email {
        Email::At(d) if d > MAX_DEPTH => Email::Off,
        other => other,
    };
    if strings.is_none() && urls.is_none() && matches!(email, Email::Off) {
        return;
    }
    let len = at.len();
    match value {
        Value::String(s) if strings.is_some() && placeholder_secret::may_report(s) => {
            out.placeholder_candidates.push(at, s);
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                // No walk looks at a number, a boolean or a null.
                if !is_walked_by_strings(v) {
                    continue;
                }
                let s = strings.filter(|_| is_walked_by_strings(v)).map(|d| d + 1);
                let u = urls.filter(|_| is_container(v)).map(|d| d + 1);
                let (e, address) = match email {
                    Email::At(d) if is_container(v) => (Email::At(d + 1), None),
                    Email::List(kind, d) => match v {
                        Value::String(s) => (Email::Off, Some((kind, s))),
                        _ => (Email::At(d + 1), None),
                    },
                    _ => (Email::Off, None),
                };
                if s.is_none() && u.is_none() && matches!(e, Email::Off) && address.is_none() {
                    continue;
                }
                pointer::push_index_into(at, i);
                if let Some((kind, s)) = address {
                    invalid_email::check_one(at, s, kind, true, &mut out.emails);
                }
                visit(v, at, s, u, e, out);
                at.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                // No walk looks at a number, a boolean or a null (the URL
                // walk visits one under a URL key, to find nothing).
                if !is_walked_by_strings(v) {
                    continue;
                }
                let s = strings.filter(|_| is_walked_by_strings(v)).map(|d| d + 1);
                let url_key = urls.is_some() && invalid_url::is_url_key(k);
                let u = match urls {
                    Some(_) if url_key && matches!(v, Value::String(_)) => None,
                    Some(_)
                        if url_key
                            && v.as_array().is_some_and(|a| a.iter().all(Value::is_string)) =>
                    {
                        None
                    }
                    Some(d) if url_key || is_container(v) => Some(d + 1),
                    _ => None,
                };
                let email_on = matches!(email, Email::At(_));
                if s.is_none() && !url_key && u.is_none() && !email_on {
                    continue;
                }
                pointer::push_into(at, k);
                if url_key {
                    match v {
                        Value::String(s) => out.url_keys.push(at, s),
                        Value::Array(items) if u.is_none() => {
                            let here = at.len();
                            for (i, item) in items.iter().enumerate() {
                                if let Some(s) = item.as_str() {
                                    pointer::push_index_into(at, i);
                                    out.url_keys.push(at, s);
                                    at.truncate(here);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                let e = match email {
                    Email::At(d) => match (invalid_email::field(at, k), v) {
                        (Some(kind), Value::String(s)) => {
                            invalid_email::check_one(at, s, kind, false, &mut out.emails);
                            Email::Off
                        }
                        (Some(kind), Value::Array(_)) => Email::List(kind, d + 1),
                        (_, Value::Object(_) | Value::Array(_)) => Email::At(d + 1),
                        _ => Email::Off,
                    },
                    _ => Email::Off,
                };
                visit(v, at, s, u, e, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// Every string in `value` with its pointer, down to `MAX_DEPTH` (as the
/// shared walk visits them).
fn every_string<'a>(value: &'a Value, at: &mut String, depth: usize, out: &mut Pointed<'a>) {
    if depth > MAX_DEPTH {
        return;
    }
    let len = at.len();
    match value {
        Value::String(s) => out.push(at, s),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointer::push_index_into(at, i);
                every_string(v, at, depth + 1, out);
                at.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                pointer::push_into(at, k);
                every_string(v, at, depth + 1, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

/// A URL-valued field, parsed once for every rule that looks at it.
#[derive(Debug)]
pub struct UrlField<'a> {
    /// Where it is.
    pub path: String,
    /// The text as written.
    pub raw: &'a str,
    /// The parsed URL, or why it does not parse.
    pub parsed: Result<WebUrl<'a>, url::ParseError>,
}

impl<'a> Context<'a> {
    /// A context.
    pub fn new(value: &'a Value, environment: Option<Environment>) -> Self {
        Context {
            value,
            environment,
            walk: OnceCell::new(),
            urls: OnceCell::new(),
            strings: OnceCell::new(),
        }
    }

    /// What the one walk over the document found (computed once).
    pub(super) fn walked(&self) -> &Walk<'a> {
        self.walk.get_or_init(|| walk(self.value))
    }

    /// Every string of the document with its JSON Pointer, in document
    /// order (computed once, on first use).
    pub fn strings(&self) -> impl Iterator<Item = (&str, &'a str)> + '_ {
        self.strings
            .get_or_init(|| {
                let mut out = Pointed::default();
                every_string(self.value, &mut String::new(), 0, &mut out);
                out
            })
            .iter()
    }

    /// The strings `AC301` may report ([`placeholder_secret::may_report`])
    /// with their pointers, in document order (from the shared walk).
    pub(super) fn placeholder_candidates(&self) -> impl Iterator<Item = (&str, &'a str)> + '_ {
        self.walked().placeholder_candidates.iter()
    }

    /// Every URL-valued field with its pointer (see
    /// `invalid_url::url_fields`; computed once).
    pub fn url_fields(&self) -> &[UrlField<'a>] {
        self.urls.get_or_init(|| {
            invalid_url::url_fields_with(self.value, self.walked().url_keys.iter())
                .into_iter()
                .map(|(path, raw)| UrlField {
                    path,
                    raw,
                    parsed: web_url::parse(raw),
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholder_candidates_are_the_strings_that_may_be_reported() {
        let doc = json!({
            "a": "plain", "b": ["your-key", 1, {"c/d": "${X}", "e~f": "x@y"}],
            "server": {"auth": {"sessionSecret": "secret"}, "name": "ok"},
            "masked": crate::secrets::MASK
        });
        let cx = Context::new(&doc, None);
        let all: Vec<(String, &str)> = cx.strings().map(|(p, s)| (p.to_owned(), s)).collect();
        assert_eq!(
            all.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            [
                "/a",
                "/b/0",
                "/b/2/c~1d",
                "/b/2/e~0f",
                "/server/auth/sessionSecret",
                "/server/name",
                "/masked"
            ]
        );
        let kept: Vec<(String, &str)> = all
            .iter()
            .filter(|(_, s)| placeholder_secret::may_report(s))
            .cloned()
            .collect();
        let candidates: Vec<(String, &str)> = cx
            .placeholder_candidates()
            .map(|(p, s)| (p.to_owned(), s))
            .collect();
        assert_eq!(candidates, kept);
        assert_eq!(candidates.len(), 5, "{candidates:?}");
    }

    #[test]
    fn both_string_walks_stop_at_the_same_depth() {
        // 70 nested containers, arrays and objects in turn, each holding a
        // string one level below it: only those at depth <= MAX_DEPTH count.
        let mut doc = json!("${X}");
        for level in (0..70).rev() {
            doc = if level % 2 == 0 {
                json!(["${X}", doc])
            } else {
                json!({"s": "${X}", "n": doc})
            };
        }
        let cx = Context::new(&doc, None);
        let all: Vec<String> = cx.strings().map(|(p, _)| p.to_owned()).collect();
        let candidates: Vec<String> = cx
            .placeholder_candidates()
            .map(|(p, _)| p.to_owned())
            .collect();
        assert_eq!(all.len(), MAX_DEPTH, "{:?}", all.last());
        assert_eq!(all, candidates);
        assert!(all.iter().all(|p| p.ends_with("/0") || p.ends_with("/s")));
    }
}
