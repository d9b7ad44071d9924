//! Semantic diff of two configs, and what each change does to the running
//! audit server.
//!
//! [`diff`] compares two parsed [`Document`]s (any mix of JSON and TOML)
//! and returns every [`Change`] with its JSON Pointer, kind, masked values,
//! byte ranges in both sources and [`Impact`], plus a [`Summary`].
//!
//! # How values compare
//!
//! - Objects compare by key; key order and formatting never count.
//! - Numbers compare by value: `1000 == 1000.0` (exactly when both are
//!   integers, as `f64` when either is a float) — see [`values_equal`].
//! - Arrays whose items are all scalars compare as sequences with a minimal
//!   edit script (Myers): items are added, removed, replaced in place, or
//!   **moved** (removed at one index and inserted, unchanged, at another).
//!   When the differing middle of the two arrays exceeds 4096 items, they
//!   compare index by index instead.
//! - Any other arrays (of objects, of arrays, mixed) compare index by
//!   index, recursively; extra items are added or removed at the end.
//! - A value whose type changes (object → string, scalar → array) is one
//!   `Changed` at its path.
//!
//! # Subtrees
//!
//! An added or removed object (or array) is **one** change at its own path
//! carrying the whole subtree, not one change per leaf: "`/server/externalServices/smtp`
//! added" reads better than six additions. Its impact is judged leaf by
//! leaf (see [`impact`]): a secret anywhere in it makes it a secret change,
//! any leaf that is not hot-reloadable makes it a restart.
//!
//! # Paths of array changes
//!
//! `path` points into the new document for `Added`, `Changed` and `Moved`
//! (the item's new index) and into the old one for `Removed`; `Moved` also
//! carries `from` (old pointer) and `to` (new pointer).
//!
//! # Summary
//!
//! [`Summary`] counts changes per kind and per impact. `restart` and
//! `restart_by_component` count `Restart` changes only; secret changes are
//! counted in `secrets`, and their components (secrets are read at
//! start-up) join `restart_components`, the list of everything to restart.
//!
//! # Secrets
//!
//! A change whose value is a secret (per [`crate::secrets`]) or a sealed
//! field-level ciphertext (`enc:v1:…`) has impact
//! [`Impact::SecretChanged`]; its `before`/`after` are the **masked**
//! values (`***MASKED***`, or a URL with `***` credentials) and
//! `fingerprint_before`/`fingerprint_after` ([`crate::secrets::fingerprint`])
//! tell old and new apart. A connection URL that points elsewhere (its
//! masked form changed) is a restart of its component instead, shown
//! masked with fingerprints ([`impact::url_target_changed`]); only new
//! credentials in the same URL are a secret change. Secrets inside a
//! subtree change are masked in place. No raw secret value is ever stored in a [`Diff`], so every
//! rendering of it is safe. Patches ([`to_json_patch`], [`to_merge_patch`])
//! are different: they are for applying and carry real values.

mod array;
pub mod equal;
pub mod impact;
pub mod patch;
pub mod records;

pub use equal::{canonical_json, numbers_equal, values_equal};
pub use impact::{
    HOT_RELOAD_PATHS, Impact, component, impact_of, is_hot_reload, mask_for_display, secret_leaves,
};
pub use patch::{
    MergePatchError, PatchError, PatchOp, apply_json_patch, apply_merge_patch, apply_patch_ops,
    json_patch_secrets, merge_patch_secrets, parse_json_patch, to_json_patch, to_merge_patch,
};
pub use records::{ChangeRecord, RecordContext, change_records, next_version, to_json_lines};

use crate::diagnostic::TextRange;
use crate::document::Document;
use crate::secrets;
use crate::syntax::SpanNode;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What happened at a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ChangeKind {
    /// Present only in the new document.
    Added,
    /// Present only in the old document.
    Removed,
    /// Present in both, with different values.
    Changed,
    /// An array item moved, unchanged, from one index to another.
    Moved {
        /// Its pointer in the old document.
        from: String,
        /// Its pointer in the new document.
        to: String,
    },
}

/// One difference between two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// JSON Pointer (into the new document, or the old one for `Removed`).
    pub path: String,
    /// Added, removed, changed or moved.
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// The old value, secrets masked (`None`: absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The new value, secrets masked (`None`: absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    /// Fingerprint of the old value when it is a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint_before: Option<String>,
    /// Fingerprint of the new value when it is a secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint_after: Option<String>,
    /// Where the old value is in the old source (`None`: absent, or the
    /// document was not parsed from text).
    pub range_a: Option<TextRange>,
    /// Where the new value is in the new source.
    pub range_b: Option<TextRange>,
    /// What applying it does to the running server.
    pub impact: Impact,
}

impl Change {
    /// Does it touch a secret?
    pub fn is_secret(&self) -> bool {
        matches!(self.impact, Impact::SecretChanged { .. })
    }
}

/// How many changes need one component restarted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentCount {
    /// The component.
    pub component: String,
    /// Its number of `Restart` changes.
    pub count: usize,
}

/// Counts over a diff.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Number of changes.
    pub total: usize,
    /// `Added` changes.
    pub added: usize,
    /// `Removed` changes.
    pub removed: usize,
    /// `Changed` changes.
    pub changed: usize,
    /// `Moved` changes.
    pub moved: usize,
    /// Changes applied live.
    pub live: usize,
    /// Changes needing a restart (secret changes not included).
    pub restart: usize,
    /// Changes touching a secret.
    pub secrets: usize,
    /// `Restart` changes per component, by component name.
    pub restart_by_component: Vec<ComponentCount>,
    /// Every component that must restart, by name: those of `Restart`
    /// changes and those reading a changed secret.
    pub restart_components: Vec<String>,
}

impl Summary {
    fn of(changes: &[Change]) -> Summary {
        let mut s = Summary {
            total: changes.len(),
            ..Summary::default()
        };
        // A dozen components at most: lists kept sorted by name (what a
        // `BTreeMap` and a `BTreeSet` would give, without their nodes).
        let mut by_component: Vec<(&'static str, usize)> = Vec::new();
        let mut components: Vec<&'static str> = Vec::new();
        for c in changes {
            match c.kind {
                ChangeKind::Added => s.added += 1,
                ChangeKind::Removed => s.removed += 1,
                ChangeKind::Changed => s.changed += 1,
                ChangeKind::Moved { .. } => s.moved += 1,
            }
            let component = match c.impact {
                Impact::HotReload => {
                    s.live += 1;
                    continue;
                }
                Impact::Restart { component } => {
                    s.restart += 1;
                    match by_component.binary_search_by(|(name, _)| name.cmp(&component)) {
                        Ok(at) => {
                            if let Some((_, count)) = by_component.get_mut(at) {
                                *count += 1;
                            }
                        }
                        Err(at) => by_component.insert(at, (component, 1)),
                    }
                    component
                }
                Impact::SecretChanged { component } => {
                    s.secrets += 1;
                    component
                }
            };
            if let Err(at) = components.binary_search(&component) {
                components.insert(at, component);
            }
        }
        s.restart_by_component = by_component
            .into_iter()
            .map(|(component, count)| ComponentCount {
                component: component.to_owned(),
                count,
            })
            .collect();
        s.restart_components = components.into_iter().map(str::to_owned).collect();
        s
    }
}

/// The differences between two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Every change, in document order.
    pub changes: Vec<Change>,
    /// Counts.
    pub summary: Summary,
}

impl Diff {
    /// Are the documents equal in meaning?
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes applied live.
    pub fn live(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.impact == Impact::HotReload)
    }

    /// The changes needing a restart (secret changes excluded).
    pub fn restarts(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| matches!(c.impact, Impact::Restart { .. }))
    }

    /// The changes touching a secret.
    pub fn secrets(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.is_secret())
    }
}

/// Compares two parsed documents: every change with its impact and its
/// ranges in both sources.
pub fn diff(a: &Document, b: &Document) -> Diff {
    run(a.value(), Some(a.spans()), b.value(), Some(b.spans()))
}

/// Compares two values (no source ranges).
pub fn diff_values(a: &Value, b: &Value) -> Diff {
    run(a, None, b, None)
}

fn run(a: &Value, sa: Option<&SpanNode>, b: &Value, sb: Option<&SpanNode>) -> Diff {
    let mut w = Walker {
        // Growing from nothing moves every change several times.
        changes: Vec::with_capacity(32),
        toks: Vec::with_capacity(16),
        secret_prefixes: Vec::with_capacity(16),
        path: String::with_capacity(128),
        path_ends: Vec::with_capacity(16),
    };
    w.value(a, sa, b, sb);
    let summary = Summary::of(&w.changes);
    Diff {
        changes: w.changes,
        summary,
    }
}

fn child(s: Option<&SpanNode>, i: usize) -> Option<&SpanNode> {
    s.and_then(|s| s.children.get(i))
}

fn range(s: Option<&SpanNode>) -> Option<TextRange> {
    s.map(|s| s.value)
}

/// One step of the current path: built into a pointer only for changes,
/// so unchanged members cost no string work.
#[derive(Clone, Copy)]
pub(crate) enum Tok<'a> {
    Key(&'a str),
    Index(usize),
}

/// Appends one path step to a pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
fn push_tok(out: &mut String, tok: Tok<'_>) {
    match tok {
        Tok::Key(k) => crate::pointer::push_into(out, k),
        Tok::Index(i) => crate::pointer::push_index_into(out, i),
    }
}

/// Builds a JSON Pointer from path steps, without intermediate
/// allocations.
pub(crate) fn build_pointer(toks: &[Tok<'_>]) -> String {
    let mut out = String::with_capacity(toks.len() * 16);
    for &t in toks {
        push_tok(&mut out, t);
    }
    out
}

struct Walker<'a> {
    changes: Vec<Change>,
    toks: Vec<Tok<'a>>,
    /// For the current path's first `k` tokens (`k` = 1, 2, …, as far as
    /// computed): is that prefix, or a shorter one, a secret path? Valid for
    /// the tokens still in `toks` (a push cuts it to the tokens kept), so the
    /// changes of one object share their ancestors' answers.
    secret_prefixes: Vec<bool>,
    /// The pointer of the current path's first `path_ends.len()` tokens,
    /// built only when a change needs it and kept like `secret_prefixes`:
    /// sibling changes append only their own last token.
    path: String,
    /// Where the pointer of the first `k + 1` tokens ends in `path`.
    path_ends: Vec<usize>,
}

impl<'a> Walker<'a> {
    fn push_key(&mut self, key: &'a str) {
        self.secret_prefixes.truncate(self.toks.len());
        self.path_ends.truncate(self.toks.len());
        self.toks.push(Tok::Key(key));
    }

    fn push_index(&mut self, i: usize) {
        self.secret_prefixes.truncate(self.toks.len());
        self.path_ends.truncate(self.toks.len());
        self.toks.push(Tok::Index(i));
    }

    /// [`secrets::secret_kind_within`] of the current path (`path`, built
    /// from `toks`), with the ancestors' part memoised.
    fn secret_kind_within(&mut self, path: &str) -> Option<secrets::SecretKind> {
        if let Some(kind) = secrets::secret_kind(path) {
            return Some(kind);
        }
        self.ancestor_is_secret(path)
            .then_some(secrets::SecretKind::Opaque)
    }

    /// Is a proper ancestor of the current path (`path`), the root
    /// excluded, a secret path?
    fn ancestor_is_secret(&mut self, path: &str) -> bool {
        let Some(parent_tokens) = self.toks.len().checked_sub(1).filter(|&n| n > 0) else {
            return false;
        };
        let known = self.secret_prefixes.len();
        if known < parent_tokens {
            // The prefix of `k` tokens ends where token `k + 1` starts.
            let ends = path
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'/')
                .map(|(i, _)| i)
                .skip(known + 1)
                .take(parent_tokens - known);
            for end in ends {
                let shorter = self.secret_prefixes.last().copied().unwrap_or(false);
                let secret = shorter || path.get(..end).and_then(secrets::secret_kind).is_some();
                self.secret_prefixes.push(secret);
            }
        }
        self.secret_prefixes
            .get(parent_tokens - 1)
            .copied()
            .unwrap_or(false)
    }

    /// The current path as a JSON Pointer: what [`build_pointer`] makes of
    /// `toks`, extending the kept pointer of the tokens still in place.
    fn pointer(&mut self) -> String {
        let n = self.toks.len();
        self.path_ends.truncate(n);
        self.path
            .truncate(self.path_ends.last().copied().unwrap_or(0));
        for &t in self.toks.get(self.path_ends.len()..).unwrap_or_default() {
            push_tok(&mut self.path, t);
            self.path_ends.push(self.path.len());
        }
        self.path.clone()
    }

    /// The component owning the current path ([`component`] of its pointer).
    fn component(&self) -> &'static str {
        let token = |i: usize| {
            self.toks.get(i).map(|t| match *t {
                Tok::Key(k) => k.as_bytes(),
                // An index is no component's name.
                Tok::Index(_) => &b""[..],
            })
        };
        impact::component_of(token(0), token(1))
    }

    fn value(&mut self, a: &'a Value, sa: Option<&SpanNode>, b: &'a Value, sb: Option<&SpanNode>) {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => self.object(x, sa, y, sb),
            (Value::Array(x), Value::Array(y)) => self.array(x, sa, y, sb),
            _ => {
                if !values_equal(a, b) {
                    self.emit(ChangeKind::Changed, Some(a), Some(b), range(sa), range(sb));
                }
            }
        }
    }

    fn object(
        &mut self,
        x: &'a Map<String, Value>,
        sa: Option<&SpanNode>,
        y: &'a Map<String, Value>,
        sb: Option<&SpanNode>,
    ) {
        let len = self.toks.len();
        zip_members(x, y, |m| {
            match m {
                Member::Both { i, j, key, a, b } => {
                    self.push_key(key);
                    self.value(a, child(sa, i), b, child(sb, j));
                }
                Member::Removed { i, key, a } => {
                    self.push_key(key);
                    self.emit(
                        ChangeKind::Removed,
                        Some(a),
                        None,
                        range(child(sa, i)),
                        None,
                    );
                }
                Member::Added { j, key, b } => {
                    self.push_key(key);
                    self.emit(ChangeKind::Added, None, Some(b), None, range(child(sb, j)));
                }
            }
            self.toks.truncate(len);
        });
    }

    fn array(
        &mut self,
        x: &'a [Value],
        sa: Option<&SpanNode>,
        y: &'a [Value],
        sb: Option<&SpanNode>,
    ) {
        let scalars = x.iter().all(equal::is_scalar) && y.iter().all(equal::is_scalar);
        if scalars && let Some(script) = array::script(x, y) {
            self.script(&script, x, sa, y, sb);
            return;
        }
        let len = self.toks.len();
        let common = x.len().min(y.len());
        for (i, (va, vb)) in x.iter().zip(y).enumerate() {
            self.push_index(i);
            self.value(va, child(sa, i), vb, child(sb, i));
            self.toks.truncate(len);
        }
        for (i, va) in x.iter().enumerate().skip(common) {
            self.push_index(i);
            self.emit(
                ChangeKind::Removed,
                Some(va),
                None,
                range(child(sa, i)),
                None,
            );
            self.toks.truncate(len);
        }
        for (j, vb) in y.iter().enumerate().skip(common) {
            self.push_index(j);
            self.emit(ChangeKind::Added, None, Some(vb), None, range(child(sb, j)));
            self.toks.truncate(len);
        }
    }

    fn script(
        &mut self,
        script: &array::Script,
        x: &[Value],
        sa: Option<&SpanNode>,
        y: &[Value],
        sb: Option<&SpanNode>,
    ) {
        use array::Edit;
        let mut edits: Vec<Edit> = script
            .edits
            .iter()
            .copied()
            .filter(|e| !matches!(e, Edit::Keep { .. }))
            .collect();
        // Reading order: by position (old index for removals, new index
        // otherwise), removals first at equal positions.
        crate::base::sort::sort_by_key(&mut edits, |e| match *e {
            Edit::Delete { old } => (old, 0),
            Edit::Replace { new, .. } | Edit::Insert { new } | Edit::Move { new, .. } => (new, 1),
            Edit::Keep { new, .. } => (new, 2),
        });
        let len = self.toks.len();
        for e in edits {
            match e {
                Edit::Keep { .. } => {}
                Edit::Replace { old, new } => {
                    self.push_index(new);
                    self.emit(
                        ChangeKind::Changed,
                        x.get(old),
                        y.get(new),
                        range(child(sa, old)),
                        range(child(sb, new)),
                    );
                }
                Edit::Delete { old } => {
                    self.push_index(old);
                    self.emit(
                        ChangeKind::Removed,
                        x.get(old),
                        None,
                        range(child(sa, old)),
                        None,
                    );
                }
                Edit::Insert { new } => {
                    self.push_index(new);
                    self.emit(
                        ChangeKind::Added,
                        None,
                        y.get(new),
                        None,
                        range(child(sb, new)),
                    );
                }
                Edit::Move { old, new } => {
                    self.push_index(old);
                    let from = self.pointer();
                    self.toks.pop();
                    self.push_index(new);
                    let to = self.pointer();
                    self.emit(
                        ChangeKind::Moved { from, to },
                        x.get(old),
                        y.get(new),
                        range(child(sa, old)),
                        range(child(sb, new)),
                    );
                }
            }
            self.toks.truncate(len);
        }
    }

    fn emit(
        &mut self,
        kind: ChangeKind,
        before: Option<&Value>,
        after: Option<&Value>,
        range_a: Option<TextRange>,
        range_b: Option<TextRange>,
    ) {
        let path = self.pointer();
        let scalars = before.is_none_or(equal::is_scalar) && after.is_none_or(equal::is_scalar);
        let (impact, secret_here, before_shown, after_shown) = if scalars {
            // The common case, one registry look-up: the leaf is the path.
            let kind = self.secret_kind_within(&path);
            let secret_value = |v: &Value| {
                secrets::can_hold_secret(v) && (kind.is_some() || impact::is_sealed_string(v))
            };
            let secret_here = [before, after].into_iter().flatten().any(secret_value);
            // A connection URL is masked once per side: the masked forms
            // are both what is shown and what tells whether the target
            // changed (`impact::url_target_changed`, one URL parse each).
            let masked_url = |v: Option<&Value>| match v {
                Some(v @ Value::String(s))
                    if kind == Some(secrets::SecretKind::Url) && !impact::is_sealed_string(v) =>
                {
                    Some(secrets::mask_url(s))
                }
                _ => None,
            };
            let (url_before, url_after) = (masked_url(before), masked_url(after));
            let target_changed = secret_here
                && impact::masked_url_target_changed(
                    kind,
                    before,
                    url_before.as_deref(),
                    after,
                    url_after.as_deref(),
                );
            let impact = if secret_here && !target_changed {
                Impact::SecretChanged {
                    component: self.component(),
                }
            } else if is_hot_reload(&path) {
                Impact::HotReload
            } else {
                Impact::Restart {
                    component: self.component(),
                }
            };
            let show = |v: &Value, masked: Option<String>| match (kind, v) {
                // A sealed value is masked whole, even at a URL path.
                _ if impact::is_sealed_string(v) => Value::String(secrets::MASK.to_owned()),
                (Some(secrets::SecretKind::Url), Value::String(s)) => {
                    Value::String(masked.unwrap_or_else(|| secrets::mask_url(s)))
                }
                (Some(k), _) => secrets::mask_secret(k, v),
                (None, _) => v.clone(),
            };
            (
                impact,
                secret_here,
                before.map(|v| show(v, url_before)),
                after.map(|v| show(v, url_after)),
            )
        } else {
            let secret_here = [before, after]
                .into_iter()
                .flatten()
                .any(|v| impact::is_secret_value(&path, v));
            let show = |v: &Value| mask_for_display(&path, v);
            (
                impact_of(&path, before, after),
                secret_here,
                before.map(show),
                after.map(show),
            )
        };
        let fingerprint = |v: Option<&Value>| {
            v.filter(|v| secret_here && !v.is_null())
                .map(secrets::fingerprint)
        };
        self.changes.push(Change {
            fingerprint_before: fingerprint(before),
            fingerprint_after: fingerprint(after),
            before: before_shown,
            after: after_shown,
            path,
            kind,
            range_a,
            range_b,
            impact,
        });
    }
}

/// One member of two objects paired by key.
pub(crate) enum Member<'a> {
    /// In both: index in each, key, values.
    Both {
        i: usize,
        j: usize,
        key: &'a str,
        a: &'a Value,
        b: &'a Value,
    },
    /// Only in the first.
    Removed {
        i: usize,
        key: &'a str,
        a: &'a Value,
    },
    /// Only in the second.
    Added {
        j: usize,
        key: &'a str,
        b: &'a Value,
    },
}

/// Pairs the members of two objects by key: the first object's members in
/// its order (`Both` or `Removed`), then the second's new members in its
/// order. When both list their keys in the same order (the usual case), no
/// key is hashed.
pub(crate) fn zip_members<'a>(
    x: &'a Map<String, Value>,
    y: &'a Map<String, Value>,
    mut f: impl FnMut(Member<'a>),
) {
    // Fast path: walk both in step while the keys agree (no allocation).
    let mut xs = x.iter().enumerate();
    let mut ys = y.iter();
    let mut diverged = None;
    for (i, (key, a)) in xs.by_ref() {
        match ys.next() {
            Some((k, b)) if equal::same_bytes(k.as_bytes(), key.as_bytes()) => {
                f(Member::Both { i, j: i, key, a, b })
            }
            _ => {
                diverged = Some((i, key, a));
                break;
            }
        }
    }
    let Some(first) = diverged else {
        // Every member of `x` matched in order: the rest of `y` is new.
        for (j, (key, b)) in y.iter().enumerate().skip(x.len()) {
            f(Member::Added { j, key, b });
        }
        return;
    };
    // Slow path from the first disagreement on: look keys up.
    let start = first.0;
    let rest: Vec<(&'a String, &'a Value)> = y.iter().skip(start).collect();
    let index: HashMap<&'a str, usize> = rest
        .iter()
        .enumerate()
        .map(|(j, (k, _))| (k.as_str(), start + j))
        .collect();
    let mut matched = vec![false; rest.len()];
    for (i, key, a) in std::iter::once(first).chain(xs.map(|(i, (k, v))| (i, k, v))) {
        let found = index.get(key.as_str()).and_then(|&j| {
            let (_, b) = rest.get(j - start)?;
            let seen = matched.get_mut(j - start)?;
            *seen = true;
            Some((j, *b))
        });
        match found {
            Some((j, b)) => f(Member::Both { i, j, key, a, b }),
            None => f(Member::Removed { i, key, a }),
        }
    }
    for (r, ((key, b), seen)) in rest.iter().zip(&matched).enumerate() {
        if !seen {
            f(Member::Added {
                j: start + r,
                key,
                b,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pointer;
    use serde_json::json;

    #[test]
    fn change_serialises_flat() {
        let d = diff_values(&json!({"a": [1, 2, 3]}), &json!({"a": [2, 3, 1]}));
        let text = serde_json::to_string(&d.changes[0]).unwrap_or_default();
        assert!(
            text.contains(r#""path":"/a/2","kind":"moved","from":"/a/0","to":"/a/2""#),
            "{text}"
        );
        assert!(
            text.contains(r#""impact":{"kind":"restart","component":"server"}"#),
            "{text}"
        );
    }

    #[test]
    fn kept_pointers_components_and_counts_match_their_plain_forms() {
        let a = json!({
            "a~b": {"c/d": 1, "e": [1, 2, {"f": 1}], "g": 1},
            "h": {"i": 1, "j": 2},
            "redis": {"url": "redis://a", "x": 1},
            "worker": {"concurrency": 1, "q": 1},
            "server": {"auth": {"sessionSecret": "s1"}},
            "version": 1,
            "l": [1, 2, 3]
        });
        let b = json!({
            "a~b": {"c/d": 2, "e": [1, 3, {"f": 2}, 4], "g": 2},
            "h": {"i": 2},
            "redis": {"url": "redis://b", "x": 2},
            "worker": {"concurrency": 2, "q": 2},
            "server": {"auth": {"sessionSecret": "s2"}},
            "version": 2,
            "l": [3, 1, 2],
            "k": 1
        });
        let d = diff_values(&a, &b);
        let paths: Vec<&str> = d.changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/a~0b/c~1d",
                "/a~0b/e/1",
                "/a~0b/e/2/f",
                "/a~0b/e/3",
                "/a~0b/g",
                "/h/i",
                "/h/j",
                "/redis/url",
                "/redis/x",
                "/worker/concurrency",
                "/worker/q",
                "/server/auth/sessionSecret",
                "/version",
                "/l/0",
                "/k"
            ]
        );
        assert!(
            matches!(&d.changes[13].kind, ChangeKind::Moved { from, to } if from == "/l/2" && to == "/l/0")
        );
        let mut by_component = std::collections::BTreeMap::new();
        let mut components = std::collections::BTreeSet::new();
        for c in &d.changes {
            if let Some(name) = c.impact.component() {
                assert_eq!(name, component(&c.path), "{}", c.path);
                components.insert(name);
            }
            if let Impact::Restart { component } = c.impact {
                *by_component.entry(component).or_insert(0) += 1;
            }
        }
        let counted: Vec<(&str, usize)> = d
            .summary
            .restart_by_component
            .iter()
            .map(|c| (c.component.as_str(), c.count))
            .collect();
        assert_eq!(counted, by_component.into_iter().collect::<Vec<_>>());
        assert_eq!(
            d.summary.restart_components,
            components.into_iter().collect::<Vec<_>>()
        );
        assert_eq!(d.summary.secrets, 1);
        assert_eq!(d.summary.live, 2);
    }

    #[test]
    fn scalar_fast_path_agrees_with_the_general_rules() {
        let paths = [
            "/redis/url",
            "/server/auth/sessionSecret",
            "/logging/otlp/headers/x-api-key",
            "/custom/apiToken",
            "/worker/concurrency",
            "/server/port",
            "/version",
        ];
        let values = [
            json!(null),
            json!(3),
            json!("plain"),
            json!("redis://u:pw@h:6379"),
            json!("enc:v1:AAAA"),
        ];
        for path in paths {
            for before in &values {
                for after in &values {
                    if before == after {
                        continue;
                    }
                    let mut a = json!({});
                    let mut b = json!({});
                    for (doc, v) in [(&mut a, before), (&mut b, after)] {
                        let mut slot = &mut *doc;
                        for t in pointer::tokens(path) {
                            slot = &mut slot[t.as_ref()];
                        }
                        *slot = v.clone();
                    }
                    let d = diff_values(&a, &b);
                    let c = &d.changes[0];
                    assert_eq!(c.path, path);
                    assert_eq!(
                        c.impact,
                        impact_of(path, Some(before), Some(after)),
                        "{path} {before} {after}"
                    );
                    assert_eq!(
                        c.before,
                        Some(mask_for_display(path, before)),
                        "{path} {before}"
                    );
                    assert_eq!(
                        c.after,
                        Some(mask_for_display(path, after)),
                        "{path} {after}"
                    );
                    // A connection URL pointing elsewhere is a restart,
                    // still fingerprinted: it carries credentials.
                    let url_moved = impact::url_target_changed(path, Some(before), Some(after));
                    assert_eq!(
                        c.fingerprint_after.is_some(),
                        (c.is_secret() || url_moved) && !after.is_null(),
                        "{path} {before} {after}"
                    );
                }
            }
        }
    }
}
