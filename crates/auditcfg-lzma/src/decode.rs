//! The decoder (`lib.rs` says what it reads and why).
#![forbid(unsafe_code)]

use alloc::vec;
use alloc::vec::Vec;

/// Why a stream could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Shorter than the 13-byte header.
    NoHeader,
    /// The properties byte is not `lc + 9 * (lp + 5 * pb)` with
    /// `lc <= 8`, `lp <= 4`, `pb <= 4`.
    BadProperties,
    /// The stream does not start with the range coder's zero byte.
    BadStream,
    /// The input ended before the stream did.
    Truncated,
    /// A match reaches back before the start of the output.
    BadDistance,
    /// The output would exceed the caller's limit, or the stated size.
    TooLong,
    /// The stream ended (end marker) before its stated size.
    TooShort,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Error::NoHeader => "not an LZMA stream: shorter than its 13-byte header",
            Error::BadProperties => "not an LZMA stream: invalid properties byte",
            Error::BadStream => "corrupt LZMA stream: bad range coder start",
            Error::Truncated => "corrupt LZMA stream: input ends early",
            Error::BadDistance => "corrupt LZMA stream: match distance before the start",
            Error::TooLong => "LZMA stream longer than allowed",
            Error::TooShort => "corrupt LZMA stream: ends before its stated size",
        })
    }
}

impl core::error::Error for Error {}

/// Decodes a `.lzma` file (header and stream), producing at most `limit`
/// bytes.
pub fn decode(input: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let mut unpacker = Unpacker::new(input, limit)?;
    while !unpacker.step(usize::MAX)? {}
    Ok(unpacker.into_output())
}

/// A decoding in steps: each [`step`](Unpacker::step) produces about a
/// budget of bytes and returns. In a browser this matters: WebAssembly
/// starts in a baseline compiler and moves a function to the optimising
/// one between calls, never within one, so one long call would run
/// entirely in baseline code.
#[derive(Debug)]
pub struct Unpacker<'a> {
    model: Decoder<'a>,
    out: Vec<u8>,
    known: Option<usize>,
    end: usize,
    done: bool,
    failed: Option<Error>,
}

impl<'a> Unpacker<'a> {
    /// Reads the header; the output may grow to `limit` bytes.
    pub fn new(input: &'a [u8], limit: usize) -> Result<Self, Error> {
        let (model, known) = header(input, limit)?;
        let end = known.unwrap_or(limit);
        Ok(Unpacker {
            model,
            out: Vec::with_capacity(end.min(1 << 26)),
            known,
            end,
            done: false,
            failed: None,
        })
    }

    /// Decodes about `budget` more bytes (a match may run past it); true
    /// once the stream is complete. After an error, every step returns it.
    pub fn step(&mut self, budget: usize) -> Result<bool, Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        if self.done {
            return Ok(true);
        }
        let stop = self.out.len().saturating_add(budget);
        match self.model.run(&mut self.out, self.known, self.end, stop) {
            Ok(done) => {
                self.done = done;
                Ok(done)
            }
            Err(e) => {
                self.failed = Some(e);
                Err(e)
            }
        }
    }

    /// What has been decoded so far.
    pub fn output(&self) -> &[u8] {
        &self.out
    }

    /// The output.
    pub fn into_output(self) -> Vec<u8> {
        self.out
    }
}

fn header(input: &[u8], limit: usize) -> Result<(Decoder<'_>, Option<usize>), Error> {
    let header = input.get(..13).ok_or(Error::NoHeader)?;
    let mut props = header[0] as u32;
    if props >= 9 * 5 * 5 {
        return Err(Error::BadProperties);
    }
    let lc = props % 9;
    props /= 9;
    let lp = props % 5;
    let pb = props / 5;
    let mut size = [0u8; 8];
    size.copy_from_slice(&header[5..13]);
    let size = u64::from_le_bytes(size);
    let known = if size == u64::MAX {
        None
    } else {
        let size = usize::try_from(size).map_err(|_| Error::TooLong)?;
        if size > limit {
            return Err(Error::TooLong);
        }
        Some(size)
    };
    // The dictionary size (header[1..5]) only bounds how far back a match
    // may reach in a streaming decoder; this one keeps the whole output,
    // so every distance is checked against the output itself.
    Ok((Decoder::new(&input[13..], lc, lp, pb)?, known))
}

const STATES: usize = 12;
const POS_STATES: usize = 1 << 4;
const PROB_INIT: u16 = 1024;
const END_POS_MODEL: u32 = 14;
const FULL_DISTANCES: usize = 128;

/// The range decoder: `code` and `range` over the compressed bytes.
#[derive(Debug)]
struct Range<'a> {
    data: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
    /// Reads past the end return zero and set this; checked at the end
    /// (cheaper than a `Result` on every bit).
    overrun: bool,
}

impl<'a> Range<'a> {
    fn new(data: &'a [u8]) -> Result<Self, Error> {
        let first = data.get(..5).ok_or(Error::Truncated)?;
        if first[0] != 0 {
            return Err(Error::BadStream);
        }
        let code = u32::from_be_bytes([first[1], first[2], first[3], first[4]]);
        Ok(Range {
            data,
            pos: 5,
            range: u32::MAX,
            code,
            overrun: false,
        })
    }

    #[inline(always)]
    fn byte(&mut self) -> u32 {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b as u32
            }
            None => {
                self.overrun = true;
                0
            }
        }
    }

    #[inline(always)]
    fn normalize(&mut self) {
        if self.range < 1 << 24 {
            self.range <<= 8;
            self.code = (self.code << 8) | self.byte();
        }
    }

    #[inline(always)]
    fn bit(&mut self, prob: &mut u16) -> u32 {
        let bound = (self.range >> 11) * (*prob as u32);
        let bit = if self.code < bound {
            self.range = bound;
            *prob += (2048 - *prob) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *prob -= *prob >> 5;
            1
        };
        self.normalize();
        bit
    }

    fn direct(&mut self, count: u32) -> u32 {
        let mut value = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = u32::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            value = (value << 1) | bit;
            self.normalize();
        }
        value
    }

    /// A `bits`-bit symbol, most significant bit first; `probs` has
    /// `1 << bits` entries (index 0 unused).
    #[inline(always)]
    fn tree(&mut self, probs: &mut [u16], bits: u32) -> u32 {
        let mut m = 1usize;
        for _ in 0..bits {
            let bit = match probs.get_mut(m) {
                Some(p) => self.bit(p),
                None => 0,
            };
            m = (m << 1) | bit as usize;
        }
        (m - (1 << bits)) as u32
    }

    /// A `bits`-bit symbol, least significant bit first.
    fn reverse(&mut self, probs: &mut [u16], bits: u32) -> u32 {
        let mut m = 1usize;
        let mut value = 0;
        for i in 0..bits {
            let bit = match probs.get_mut(m) {
                Some(p) => self.bit(p),
                None => 0,
            };
            m = (m << 1) | bit as usize;
            value |= bit << i;
        }
        value
    }
}

/// The model of a match length: 2..=273, by position state.
#[derive(Debug)]
struct Lengths {
    choice: u16,
    choice2: u16,
    low: [[u16; 8]; POS_STATES],
    mid: [[u16; 8]; POS_STATES],
    high: [u16; 256],
}

impl Lengths {
    fn new() -> Self {
        Lengths {
            choice: PROB_INIT,
            choice2: PROB_INIT,
            low: [[PROB_INIT; 8]; POS_STATES],
            mid: [[PROB_INIT; 8]; POS_STATES],
            high: [PROB_INIT; 256],
        }
    }

    /// The length minus 2.
    fn read(&mut self, rc: &mut Range<'_>, pos_state: usize) -> u32 {
        if rc.bit(&mut self.choice) == 0 {
            return rc.tree(&mut self.low[pos_state], 3);
        }
        if rc.bit(&mut self.choice2) == 0 {
            return 8 + rc.tree(&mut self.mid[pos_state], 3);
        }
        16 + rc.tree(&mut self.high, 8)
    }
}

#[derive(Debug)]
struct Decoder<'a> {
    rc: Range<'a>,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    literals: Vec<u16>,
    is_match: [u16; STATES * POS_STATES],
    is_rep: [u16; STATES],
    is_rep_g0: [u16; STATES],
    is_rep_g1: [u16; STATES],
    is_rep_g2: [u16; STATES],
    is_rep0_long: [u16; STATES * POS_STATES],
    slots: [[u16; 64]; 4],
    special: [u16; 1 + FULL_DISTANCES - END_POS_MODEL as usize],
    align: [u16; 16],
    lengths: Lengths,
    rep_lengths: Lengths,
    /// The state machine and the last four distances, between steps.
    state: usize,
    reps: [u32; 4],
}

impl<'a> Decoder<'a> {
    fn new(data: &'a [u8], lc: u32, lp: u32, pb: u32) -> Result<Self, Error> {
        Ok(Decoder {
            rc: Range::new(data)?,
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            literals: vec![PROB_INIT; 0x300 << (lc + lp)],
            is_match: [PROB_INIT; STATES * POS_STATES],
            is_rep: [PROB_INIT; STATES],
            is_rep_g0: [PROB_INIT; STATES],
            is_rep_g1: [PROB_INIT; STATES],
            is_rep_g2: [PROB_INIT; STATES],
            is_rep0_long: [PROB_INIT; STATES * POS_STATES],
            slots: [[PROB_INIT; 64]; 4],
            special: [PROB_INIT; 1 + FULL_DISTANCES - END_POS_MODEL as usize],
            align: [PROB_INIT; 16],
            lengths: Lengths::new(),
            rep_lengths: Lengths::new(),
            state: 0,
            reps: [0; 4],
        })
    }

    /// The distance of a new match, minus 1 (`u32::MAX` is the end marker).
    fn distance(&mut self, length: u32) -> u32 {
        let rc = &mut self.rc;
        let slot = rc.tree(&mut self.slots[length.min(3) as usize], 6);
        if slot < 4 {
            return slot;
        }
        let bits = (slot >> 1) - 1;
        let base = (2 | (slot & 1)) << bits;
        if slot < END_POS_MODEL {
            let from = (base - slot) as usize;
            let probs = self.special.get_mut(from..).unwrap_or(&mut []);
            base + rc.reverse(probs, bits)
        } else {
            let high = rc.direct(bits - 4) << 4;
            base.wrapping_add(high)
                .wrapping_add(rc.reverse(&mut self.align, 4))
        }
    }

    /// Decodes into `out` until the stream ends (true) or `out` reaches
    /// `stop` (false); `state` and `reps` carry over to the next call.
    fn run(
        &mut self,
        out: &mut Vec<u8>,
        known: Option<usize>,
        end: usize,
        stop: usize,
    ) -> Result<bool, Error> {
        // In locals while decoding (registers), written back on return.
        let mut state = self.state;
        let [mut rep0, mut rep1, mut rep2, mut rep3] = self.reps;
        macro_rules! save {
            () => {
                self.state = state;
                self.reps = [rep0, rep1, rep2, rep3];
            };
        }
        while out.len() < end || known.is_none() {
            if out.len() >= stop {
                save!();
                return Ok(false);
            }
            let pos_state = out.len() & self.pb_mask;
            if self.rc.bit(&mut self.is_match[(state << 4) | pos_state]) == 0 {
                if out.len() >= end {
                    return Err(Error::TooLong);
                }
                self.literal(out, state, rep0);
                state = if state < 4 {
                    0
                } else if state < 10 {
                    state - 3
                } else {
                    state - 6
                };
                continue;
            }
            let length;
            if self.rc.bit(&mut self.is_rep[state]) != 0 {
                if out.is_empty() {
                    return Err(Error::BadDistance);
                }
                if self.rc.bit(&mut self.is_rep_g0[state]) == 0 {
                    if self
                        .rc
                        .bit(&mut self.is_rep0_long[(state << 4) | pos_state])
                        == 0
                    {
                        // A "short rep": one byte at the last distance.
                        state = if state < 7 { 9 } else { 11 };
                        let from = out
                            .len()
                            .checked_sub(rep0 as usize + 1)
                            .ok_or(Error::BadDistance)?;
                        if out.len() >= end {
                            return Err(Error::TooLong);
                        }
                        out.push(out[from]);
                        continue;
                    }
                } else {
                    let distance;
                    if self.rc.bit(&mut self.is_rep_g1[state]) == 0 {
                        distance = rep1;
                    } else {
                        if self.rc.bit(&mut self.is_rep_g2[state]) == 0 {
                            distance = rep2;
                        } else {
                            distance = rep3;
                            rep3 = rep2;
                        }
                        rep2 = rep1;
                    }
                    rep1 = rep0;
                    rep0 = distance;
                }
                length = self.rep_lengths.read(&mut self.rc, pos_state);
                state = if state < 7 { 8 } else { 11 };
            } else {
                rep3 = rep2;
                rep2 = rep1;
                rep1 = rep0;
                length = self.lengths.read(&mut self.rc, pos_state);
                state = if state < 7 { 7 } else { 10 };
                rep0 = self.distance(length);
                if rep0 == u32::MAX {
                    // The end marker.
                    if self.rc.overrun || self.rc.code != 0 {
                        return Err(Error::Truncated);
                    }
                    if known.is_some_and(|k| out.len() != k) {
                        return Err(Error::TooShort);
                    }
                    save!();
                    return Ok(true);
                }
            }
            if self.rc.overrun {
                return Err(Error::Truncated);
            }
            let length = length as usize + 2;
            let from = out
                .len()
                .checked_sub(rep0 as usize + 1)
                .ok_or(Error::BadDistance)?;
            if out.len() + length > end {
                return Err(Error::TooLong);
            }
            if rep0 as usize + 1 >= length {
                out.extend_from_within(from..from + length);
            } else {
                // Overlapping: each byte may be one this match wrote.
                for i in from..from + length {
                    out.push(out[i]);
                }
            }
        }
        if self.rc.overrun {
            return Err(Error::Truncated);
        }
        save!();
        Ok(true)
    }

    #[inline(always)]
    fn literal(&mut self, out: &mut Vec<u8>, state: usize, rep0: u32) {
        let previous = out.last().copied().unwrap_or(0) as usize;
        let context = ((out.len() & self.lp_mask) << self.lc) + (previous >> (8 - self.lc));
        let start = 0x300 * context;
        let probs = match self.literals.get_mut(start..start + 0x300) {
            Some(p) => p,
            None => return,
        };
        let rc = &mut self.rc;
        let mut symbol = 1usize;
        if state >= 7 {
            // After a match: the byte at the last distance guides the
            // first bits while they agree with it.
            let mut matched = out
                .len()
                .checked_sub(rep0 as usize + 1)
                .and_then(|i| out.get(i))
                .copied()
                .unwrap_or(0) as usize;
            while symbol < 0x100 {
                let match_bit = (matched >> 7) & 1;
                matched <<= 1;
                let bit = rc.bit(&mut probs[((1 + match_bit) << 8) + symbol]) as usize;
                symbol = (symbol << 1) | bit;
                if match_bit != bit {
                    break;
                }
            }
        }
        while symbol < 0x100 {
            symbol = (symbol << 1) | rc.bit(&mut probs[symbol]) as usize;
        }
        out.push(symbol as u8);
    }
}
