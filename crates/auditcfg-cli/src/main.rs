//! `auditcfg`: validate, convert, diff and encrypt audit server configs from
//! the command line. Thin: every decision is made by `auditcfg-core`; this
//! crate reads files, renders results and sets the exit code.
//!
//! Exit codes: 0 success (warnings allowed), 1 findings with errors (or, for
//! `diff`, differences), 2 usage or I/O problems.

mod cmd;
mod io;
mod render;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// Author, validate, diff and encrypt the audit server's configuration.
#[derive(Debug, Parser)]
#[command(name = "auditcfg", version, about, long_about = None)]
struct Cli {
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate config files (JSON or TOML; `-` reads standard input).
    Validate(cmd::validate::Args),
    /// Print an environment's preset with fresh secrets.
    Preset(cmd::preset::Args),
    /// Print the JSON Schema of the config document.
    Schema,
    /// Convert a config between JSON and TOML.
    Convert(cmd::convert::Args),
    /// List every diagnostic code (`--format json|markdown` for their docs).
    Rules(cmd::rules::Args),
    /// Print the documentation of one code (what, why, an example, how to fix).
    Explain(cmd::rules::ExplainArgs),
    /// Encrypt a config: the audit server's file format, or only its secrets (--fields).
    Encrypt(cmd::crypto::EncryptArgs),
    /// Decrypt an encrypted config file, or open a document's sealed fields.
    Decrypt(cmd::crypto::DecryptArgs),
    /// Compare two configs and say what the change does to the running server.
    Diff(cmd::diff::Args),
    /// Apply a JSON Patch or merge patch to a config.
    Patch(cmd::patch::Args),
    /// Layer overlays (and environment variables) on a base config, then validate.
    Merge(cmd::merge::Args),
    /// Print a config with every secret masked.
    Mask(cmd::mask::Args),
}

/// What a command ended with.
pub(crate) enum Outcome {
    /// Exit 0.
    Ok,
    /// Exit 1: findings (validation errors, differences).
    Findings,
}

/// A usage or I/O problem: exit 2.
#[derive(Debug)]
pub(crate) struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = render::use_color(cli.color);
    let result = match cli.command {
        Command::Validate(args) => cmd::validate::run(&args, color),
        Command::Preset(args) => cmd::preset::run(&args),
        Command::Schema => cmd::schema::run(),
        Command::Convert(args) => cmd::convert::run(&args),
        Command::Rules(args) => cmd::rules::run(&args),
        Command::Explain(args) => cmd::rules::explain(&args),
        Command::Encrypt(args) => cmd::crypto::encrypt(&args),
        Command::Decrypt(args) => cmd::crypto::decrypt(&args),
        Command::Diff(args) => cmd::diff::run(&args, color),
        Command::Patch(args) => cmd::patch::run(&args),
        Command::Merge(args) => cmd::merge::run(&args),
        Command::Mask(args) => cmd::mask::run(&args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(Failure(message)) => {
            io::error_line(&message);
            ExitCode::from(2)
        }
    }
}
