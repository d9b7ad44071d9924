//! When to validate while the user types: never so often that typing lags,
//! never later than needed.
//!
//! - A cheap validation (the last one took at most [`SYNC_BUDGET_MS`]) runs
//!   at once, in the input event, so the diagnostics are in the same frame
//!   as the keystroke; at most one runs per frame, and further keystrokes
//!   in that frame are coalesced into one run on the next animation frame.
//! - A validation that fits in a frame ([`FRAME_BUDGET_MS`]) runs on the
//!   next animation frame: keystrokes in between are coalesced.
//! - An expensive one (big documents) waits for a pause in typing: about
//!   twice its cost, at least [`MIN_PAUSE_MS`]; during continuous typing
//!   it still runs every [`MAX_WAIT_MS`].
//! - A bulk change (a paste, a drop: at least [`BULK_CHANGE`] characters in
//!   one input) is not typing: there is nothing to coalesce it with, so it
//!   is validated at once or on the next frame while that is affordable
//!   (an estimated cost up to [`BULK_BUDGET_MS`]); only beyond that does it
//!   wait for a pause like typing.

/// A validation this cheap runs in the input event itself.
pub const SYNC_BUDGET_MS: f64 = 6.0;
/// A validation this cheap runs on the next animation frame.
pub const FRAME_BUDGET_MS: f64 = 12.0;
/// The shortest pause awaited before an expensive validation.
pub const MIN_PAUSE_MS: f64 = 80.0;
/// The longest pause awaited.
pub const MAX_PAUSE_MS: f64 = 400.0;
/// During continuous typing, an expensive validation still runs this often.
pub const MAX_WAIT_MS: f64 = 1000.0;
/// An input that inserts or removes at least this many characters at once
/// is a bulk change (a paste, a drop), not a keystroke.
pub const BULK_CHANGE: usize = 512;
/// A bulk change is validated without waiting for a pause while its
/// estimated cost is at most this.
pub const BULK_BUDGET_MS: f64 = 50.0;

/// What to do after an input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Validate now.
    Now,
    /// Validate on the next animation frame (once, however many inputs
    /// arrive before it).
    NextFrame,
    /// Validate after this many milliseconds without input (re-armed by
    /// every input).
    After(f64),
}

/// The coalescing policy's state.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    last_cost_ms: f64,
    ran_this_frame: bool,
    /// When the oldest input not yet validated arrived.
    waiting_since: Option<f64>,
}

impl Scheduler {
    /// A scheduler that has not validated anything yet.
    pub fn new() -> Self {
        Scheduler::default()
    }

    /// How long the last validation took.
    pub fn last_cost_ms(&self) -> f64 {
        self.last_cost_ms
    }

    /// The text changed at `now_ms`; `changed` characters were inserted or
    /// removed by this input.
    pub fn on_input(&mut self, now_ms: f64, changed: usize) -> Decision {
        let since = *self.waiting_since.get_or_insert(now_ms);
        let cost = self.last_cost_ms;
        let bulk = changed >= BULK_CHANGE && cost <= BULK_BUDGET_MS;
        if cost <= SYNC_BUDGET_MS && !self.ran_this_frame {
            Decision::Now
        } else if cost <= FRAME_BUDGET_MS || bulk {
            Decision::NextFrame
        } else {
            let pause = (cost * 2.0).clamp(MIN_PAUSE_MS, MAX_PAUSE_MS);
            let left = (since + MAX_WAIT_MS - now_ms).max(0.0);
            Decision::After(pause.min(left))
        }
    }

    /// A validation finished; it took `cost_ms`.
    pub fn on_validated(&mut self, cost_ms: f64) {
        self.last_cost_ms = cost_ms;
        self.ran_this_frame = true;
        self.waiting_since = None;
    }

    /// A new animation frame began.
    pub fn on_frame(&mut self) {
        self.ran_this_frame = false;
    }

    /// The document was replaced: the next cost is unknown, assume it
    /// scales with size from the last one.
    pub fn on_replaced(&mut self, old_len: usize, new_len: usize) {
        if old_len > 0 {
            self.last_cost_ms *= new_len as f64 / old_len as f64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cheap_validations_run_at_once_once_per_frame() {
        let mut s = Scheduler::new();
        assert_eq!(s.on_input(0.0, 1), Decision::Now);
        s.on_validated(1.0);
        // A second keystroke in the same frame waits for the next one.
        assert_eq!(s.on_input(2.0, 1), Decision::NextFrame);
        assert_eq!(s.on_input(3.0, 1), Decision::NextFrame);
        s.on_frame();
        s.on_validated(1.0);
        s.on_frame();
        assert_eq!(s.on_input(20.0, 1), Decision::Now);
    }

    #[test]
    fn frame_sized_validations_wait_for_the_frame() {
        let mut s = Scheduler::new();
        s.on_validated(9.0);
        s.on_frame();
        assert_eq!(s.on_input(0.0, 1), Decision::NextFrame);
    }

    #[test]
    fn expensive_validations_wait_for_a_pause_but_not_forever() {
        let mut s = Scheduler::new();
        s.on_validated(40.0);
        s.on_frame();
        assert_eq!(s.on_input(0.0, 1), Decision::After(80.0));
        assert_eq!(s.on_input(50.0, 1), Decision::After(80.0));
        // Typing without a pause: the deadline from the first input holds.
        assert_eq!(s.on_input(950.0, 1), Decision::After(50.0));
        assert_eq!(s.on_input(1200.0, 1), Decision::After(0.0));
        s.on_validated(300.0);
        assert_eq!(s.on_input(2000.0, 1), Decision::After(400.0));
    }

    #[test]
    fn bulk_changes_do_not_wait_for_a_pause_while_affordable() {
        let mut s = Scheduler::new();
        s.on_validated(15.0);
        s.on_frame();
        // A keystroke waits for a pause; a paste of the same cost does not.
        assert_eq!(s.on_input(0.0, 1), Decision::After(80.0));
        assert_eq!(s.on_input(1.0, BULK_CHANGE - 1), Decision::After(80.0));
        assert_eq!(s.on_input(2.0, BULK_CHANGE), Decision::NextFrame);
        // Cheap: at once, as for a keystroke.
        s.on_validated(2.0);
        s.on_frame();
        assert_eq!(s.on_input(10.0, 20_000), Decision::Now);
        // Too expensive to run unasked: a pause, as for typing.
        s.on_validated(BULK_BUDGET_MS + 1.0);
        s.on_frame();
        assert_eq!(s.on_input(20.0, 20_000), Decision::After(102.0));
    }

    #[test]
    fn replacing_scales_the_estimate() {
        let mut s = Scheduler::new();
        s.on_validated(2.0);
        s.on_replaced(10_000, 200_000);
        assert!((s.last_cost_ms() - 40.0).abs() < 1e-9);
    }
}
