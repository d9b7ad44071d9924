//! `auditcfg rules [--json]`

use crate::{Failure, Outcome, io};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print the catalogue as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &Args) -> Result<Outcome, Failure> {
    let catalog = auditcfg_core::rules::catalog();
    if args.json {
        io::out(&super::pretty(&catalog)?)?;
    } else {
        let mut out = String::new();
        for m in &catalog {
            out.push_str(&format!(
                "{} {:<28} {:<8} {:<8} {}\n",
                m.code,
                m.name,
                format!("{:?}", m.group).to_lowercase(),
                m.severity.as_str(),
                m.summary
            ));
        }
        io::out(&out)?;
    }
    Ok(Outcome::Ok)
}
