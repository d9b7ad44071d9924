//! The wasm module the page instantiates to unpack the app's WebAssembly.
//!
//! Built per app build with the packed bytes as its data
//! (`AUDITCFG_LZMA_INPUT`, the path of the `.lzma` file: scripts/build-app.sh),
//! so that nothing has to be copied in:
//!
//! ```js
//! start(limit);                              // 0, or < 0: see `start`
//! let r; while ((r = step(1 << 16)) === 0);  // 1 when done, or < 0
//! const bytes = new Uint8Array(memory.buffer, output(), length());
//! ```
//!
//! `no_std` with a page allocator that never frees (the module lives for
//! one call) and a panic handler that traps, so that no formatting code is
//! linked. The only unsafe thing is the `no_mangle` attribute that names an
//! export; no pointer is dereferenced.
#![allow(unsafe_code)]

use crate::{Error, Unpacker};
use core::sync::atomic::{AtomicU32, Ordering};

#[global_allocator]
static ALLOCATOR: lol_alloc::LeakingPageAllocator = lol_alloc::LeakingPageAllocator;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

static PACKED: &[u8] = include_bytes!(env!("AUDITCFG_LZMA_INPUT"));
static UNPACKER: spin::Mutex<Option<Unpacker<'static>>> = spin::Mutex::new(None);
static OUTPUT: AtomicU32 = AtomicU32::new(0);
static LENGTH: AtomicU32 = AtomicU32::new(0);

fn code(e: Error) -> i32 {
    -(e as i32) - 1
}

/// Starts unpacking the module's data into at most `limit` bytes; 0, or a
/// negative code: -1 no header, -2 bad properties, -3 bad stream,
/// -4 truncated, -5 bad distance, -6 too long, -7 too short.
#[unsafe(no_mangle)]
pub extern "C" fn start(limit: u32) -> i32 {
    match Unpacker::new(PACKED, limit as usize) {
        Ok(u) => {
            *UNPACKER.lock() = Some(u);
            0
        }
        Err(e) => code(e),
    }
}

/// Unpacks about `budget` more bytes: 0 while there is more, 1 once
/// complete (then `output()` and `length()` say where the bytes are), or a
/// negative code as `start`'s. Called in steps so that the engine can optimise this
/// function between them (`Unpacker` says why).
#[unsafe(no_mangle)]
pub extern "C" fn step(budget: u32) -> i32 {
    let mut slot = UNPACKER.lock();
    let Some(unpacker) = slot.as_mut() else {
        return code(Error::NoHeader);
    };
    match unpacker.step(budget as usize) {
        Ok(false) => 0,
        Ok(true) => {
            let Some(done) = slot.take() else {
                return code(Error::NoHeader);
            };
            let bytes = done.into_output().leak();
            OUTPUT.store(bytes.as_ptr() as u32, Ordering::Relaxed);
            LENGTH.store(bytes.len() as u32, Ordering::Relaxed);
            1
        }
        Err(e) => code(e),
    }
}

/// Where the output starts, once `step` has returned 1.
#[unsafe(no_mangle)]
pub extern "C" fn output() -> u32 {
    OUTPUT.load(Ordering::Relaxed)
}

/// The output's length, once `step` has returned 1.
#[unsafe(no_mangle)]
pub extern "C" fn length() -> u32 {
    LENGTH.load(Ordering::Relaxed)
}
