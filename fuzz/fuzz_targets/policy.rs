#![no_main]
//! See `auditcfg_fuzz::policy` for what this target checks.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| auditcfg_fuzz::policy(data));
