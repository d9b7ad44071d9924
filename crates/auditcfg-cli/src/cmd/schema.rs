//! `auditcfg schema`

use crate::{Failure, Outcome, io};

pub(crate) fn run() -> Result<Outcome, Failure> {
    io::out(&super::pretty(auditcfg_core::schema())?)?;
    Ok(Outcome::Ok)
}
