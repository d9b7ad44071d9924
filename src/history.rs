//! Undo and redo across the source and form views: one history of whole
//! texts, since both views edit the same text. Typing in one place
//! (the source, or one form field) within a second is one step.

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<String>,
    redo: Vec<String>,
    /// What the last recorded change was (`"source"`, a field's pointer,
    /// `"replace"`) and when (milliseconds).
    last: Option<(String, f64)>,
}

/// Steps kept.
pub const CAPACITY: usize = 200;
/// Changes of the same kind closer than this are one step.
pub const COALESCE_MS: f64 = 1000.0;

impl History {
    /// An empty history.
    pub fn new() -> Self {
        History::default()
    }

    /// Records the text as it was before a change of `kind` at `now_ms`.
    /// Clears the redo stack.
    pub fn record(&mut self, before: &str, kind: &str, now_ms: f64) {
        self.redo.clear();
        let coalesce = matches!(&self.last, Some((k, t)) if k == kind && kind != "replace" && now_ms - t < COALESCE_MS);
        self.last = Some((kind.to_owned(), now_ms));
        if coalesce || self.undo.last().is_some_and(|t| t == before) {
            return;
        }
        self.undo.push(before.to_owned());
        if self.undo.len() > CAPACITY {
            self.undo.remove(0);
        }
    }

    /// The text to go back to from `current`, if any.
    pub fn undo(&mut self, current: &str) -> Option<String> {
        let mut text = self.undo.pop()?;
        if text == current {
            text = self.undo.pop()?;
        }
        self.redo.push(current.to_owned());
        self.last = None;
        Some(text)
    }

    /// The text to go forward to from `current`, if any.
    pub fn redo(&mut self, current: &str) -> Option<String> {
        let text = self.redo.pop()?;
        self.undo.push(current.to_owned());
        self.last = None;
        Some(text)
    }

    /// Is there something to undo?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Is there something to redo?
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_redo_with_coalescing() {
        let mut h = History::new();
        assert!(!h.can_undo());
        h.record("a", "source", 0.0);
        h.record("ab", "source", 200.0); // same burst
        h.record("abc", "/server/port", 300.0); // another place
        h.record("abcd", "/server/port", 5000.0); // a pause
        assert_eq!(h.undo("abcde").as_deref(), Some("abcd"));
        assert_eq!(h.undo("abcd").as_deref(), Some("abc"));
        assert_eq!(h.undo("abc").as_deref(), Some("a"));
        assert_eq!(h.undo("a"), None);
        assert!(h.can_redo());
        assert_eq!(h.redo("a").as_deref(), Some("abc"));
        assert_eq!(h.redo("abc").as_deref(), Some("abcd"));
        // A new change forgets the redo stack.
        h.record("abcd", "source", 9000.0);
        assert!(!h.can_redo());
        assert_eq!(h.undo("x").as_deref(), Some("abcd"));
    }

    #[test]
    fn capacity_is_bounded() {
        let mut h = History::new();
        for i in 0..(CAPACITY + 50) {
            h.record(&i.to_string(), "replace", i as f64 * 10_000.0);
        }
        let mut n = 0;
        let mut cur = "end".to_owned();
        while let Some(t) = h.undo(&cur) {
            cur = t;
            n += 1;
        }
        assert_eq!(n, CAPACITY);
        assert_eq!(cur, "50");
    }
}
