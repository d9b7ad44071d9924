//! Round trips against xz's own encoder (liblzma), and hostile streams.

use super::{Error, Unpacker, decode};
use liblzma::stream::{Action, LzmaOptions, Status, Stream};
use proptest::prelude::*;
use std::format;
use std::vec::Vec;

/// `.lzma` as `xz --format=lzma` writes it: unknown size, end marker.
fn encode(data: &[u8], preset: u32, lc: u32, lp: u32, pb: u32) -> Vec<u8> {
    let mut options = LzmaOptions::new_preset(preset).expect("preset");
    options
        .literal_context_bits(lc)
        .literal_position_bits(lp)
        .position_bits(pb);
    let mut stream = Stream::new_lzma_encoder(&options).expect("encoder");
    let mut out = Vec::with_capacity(data.len() / 2 + 1024);
    let mut input = data;
    loop {
        let before = stream.total_in();
        let status = stream
            .process_vec(input, &mut out, Action::Finish)
            .expect("encode");
        input = &input[(stream.total_in() - before) as usize..];
        if status == Status::StreamEnd {
            return out;
        }
        out.reserve(out.capacity().max(4096));
    }
}

/// The same stream with its size written in the header.
fn with_size(mut packed: Vec<u8>, size: usize) -> Vec<u8> {
    packed[5..13].copy_from_slice(&(size as u64).to_le_bytes());
    packed
}

/// Text that compresses: words from a small vocabulary, numbers, and
/// copies of earlier stretches (long matches, overlapping matches, reps).
fn compressible(seed: &[u8]) -> Vec<u8> {
    const WORDS: [&[u8]; 8] = [
        b"\"redis\": {",
        b"\"host\": \"localhost\",",
        b"\"port\": 6379,",
        b"\x00\x00\x00\x01\x7f",
        b"local.get 0\n",
        b"}, ",
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        b"\n",
    ];
    let mut out = Vec::new();
    for (i, &b) in seed.iter().enumerate() {
        match b % 4 {
            0 => out.extend_from_slice(WORDS[(b as usize / 4) % WORDS.len()]),
            1 => out.push(b.wrapping_mul(31).wrapping_add(i as u8)),
            2 if !out.is_empty() => {
                let len = 1 + (b as usize * 7) % 300;
                let from = (i * 131) % out.len();
                for k in 0..len {
                    let byte = out[from + k % (out.len() - from)];
                    out.push(byte);
                }
            }
            _ => out.extend_from_slice(format!("{}", i * 977).as_bytes()),
        }
    }
    out
}

#[test]
fn empty_input_round_trips() {
    let packed = encode(b"", 6, 3, 0, 2);
    assert_eq!(decode(&packed, 0), Ok(Vec::new()));
    assert_eq!(decode(&with_size(packed, 0), 0), Ok(Vec::new()));
}

#[test]
fn a_large_text_round_trips_with_every_setting_the_build_may_choose() {
    let seed: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let data = compressible(&seed);
    assert!(data.len() > 200_000, "{}", data.len());
    for (lc, lp, pb) in [
        (3, 0, 2),
        (0, 0, 0),
        (1, 0, 0),
        (4, 0, 0),
        (0, 2, 2),
        (2, 2, 4),
        (0, 4, 4),
    ] {
        for preset in [0, 9 | liblzma::stream::PRESET_EXTREME] {
            let packed = encode(&data, preset, lc, lp, pb);
            assert!(
                packed.len() < data.len() / 3,
                "{} of {}",
                packed.len(),
                data.len()
            );
            assert_eq!(
                decode(&packed, data.len()).as_deref(),
                Ok(&data[..]),
                "lc={lc} lp={lp} pb={pb} preset={preset}"
            );
            let sized = with_size(packed, data.len());
            assert_eq!(
                decode(&sized, data.len()).as_deref(),
                Ok(&data[..]),
                "sized lc={lc} lp={lp} pb={pb}"
            );
        }
    }
}

#[test]
fn limits_and_sizes_are_enforced() {
    let data = compressible(b"\x04\x08\x02\x01\x02\x06\x0a\x0e\x02\x02\x12");
    let packed = encode(&data, 6, 3, 0, 2);
    // Unknown size: the limit stops it.
    assert_eq!(decode(&packed, data.len() - 1), Err(Error::TooLong));
    assert_eq!(decode(&packed, data.len()).map(|d| d.len()), Ok(data.len()));
    // Stated size above the limit: refused before decoding.
    assert_eq!(
        decode(&with_size(packed.clone(), data.len()), data.len() - 1),
        Err(Error::TooLong)
    );
    // Stated size beyond what the stream holds: its end marker comes early.
    assert_eq!(
        decode(&with_size(packed.clone(), data.len() + 1), usize::MAX),
        Err(Error::TooShort)
    );
    // Stated size shorter: decoding stops there, and a match that would
    // run past it is refused.
    match decode(&with_size(packed, data.len() - 1), usize::MAX) {
        Ok(d) => assert_eq!(d, data[..data.len() - 1]),
        Err(e) => assert_eq!(e, Error::TooLong),
    }
}

#[test]
fn malformed_headers_and_streams_are_errors() {
    assert_eq!(decode(b"", 10), Err(Error::NoHeader));
    assert_eq!(decode(&[0x5d; 12], 10), Err(Error::NoHeader));
    let packed = encode(b"hello hello hello", 6, 3, 0, 2);
    let mut bad = packed.clone();
    bad[0] = 225;
    assert_eq!(decode(&bad, 100), Err(Error::BadProperties));
    let mut bad = packed.clone();
    bad[13] = 1;
    assert_eq!(decode(&bad, 100), Err(Error::BadStream));
    assert_eq!(decode(&packed[..15], 100), Err(Error::Truncated));
    assert_eq!(
        decode(&packed[..packed.len() - 1], 100),
        Err(Error::Truncated)
    );
    // A failed step keeps failing.
    let mut unpacker = Unpacker::new(&packed[..packed.len() - 1], 100).expect("header");
    assert_eq!(unpacker.step(usize::MAX), Err(Error::Truncated));
    assert_eq!(unpacker.step(usize::MAX), Err(Error::Truncated));
    let mut huge = packed;
    huge[5..13].copy_from_slice(&u64::MAX.wrapping_sub(1).to_le_bytes());
    assert_eq!(decode(&huge, 1 << 20), Err(Error::TooLong));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn round_trips(seed in proptest::collection::vec(any::<u8>(), 0..2_000), lc in 0u32..=4, lp in 0u32..=4, pb in 0u32..=4) {
        // xz encodes with lc + lp <= 4 only.
        let lp = lp.min(4 - lc);
        let data = compressible(&seed);
        let packed = encode(&data, 6, lc, lp, pb);
        prop_assert_eq!(decode(&packed, data.len()), Ok(data.clone()));
        prop_assert_eq!(decode(&with_size(packed, data.len()), data.len()), Ok(data));
    }

    /// Decoding in steps of any budget gives what one call gives, and a
    /// step past the end keeps answering "done".
    #[test]
    fn steps_decode_what_one_call_does(seed in proptest::collection::vec(any::<u8>(), 0..1_500), budget in 1usize..5_000, sized in any::<bool>()) {
        let data = compressible(&seed);
        let mut packed = encode(&data, 6, 3, 0, 2);
        if sized {
            packed = with_size(packed, data.len());
        }
        let mut unpacker = Unpacker::new(&packed, data.len()).expect("header");
        let mut steps = 0;
        while !unpacker.step(budget).expect("step") {
            steps += 1;
            prop_assert!(unpacker.output().len() <= data.len());
            prop_assert!(steps <= data.len() / budget + 1, "each step makes progress");
        }
        prop_assert!(unpacker.step(budget).expect("after the end"));
        prop_assert_eq!(unpacker.into_output(), data);
    }

    /// Random bytes, as data: no compression to find, literals only.
    #[test]
    fn incompressible_data_round_trips(data in proptest::collection::vec(any::<u8>(), 0..4_000)) {
        let packed = encode(&data, 6, 3, 0, 2);
        prop_assert_eq!(decode(&packed, data.len()), Ok(data));
    }

    /// A damaged stream decodes to something or is refused; it never
    /// panics and never exceeds the limit.
    #[test]
    fn damaged_streams_never_panic(seed in proptest::collection::vec(any::<u8>(), 1..600), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        let data = compressible(&seed);
        let mut packed = encode(&data, 6, 3, 0, 2);
        for (at, xor) in flips {
            let at = 13 + at % (packed.len() - 13);
            packed[at] ^= xor | 1;
        }
        packed.truncate(13 + cut % (packed.len() - 12));
        let limit = data.len() + 64;
        if let Ok(out) = decode(&packed, limit) {
            prop_assert!(out.len() <= limit);
        }
    }
}
