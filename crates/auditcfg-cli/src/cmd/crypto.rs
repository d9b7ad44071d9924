//! `auditcfg encrypt` and `auditcfg decrypt`: the audit server's encrypted
//! file format, or field-level sealing of secrets (`--fields`). The password
//! comes from an environment variable (`--password-env`, default
//! `AUDIT_CONFIG_PASSWORD`) or an interactive prompt, never from argv.

use crate::{Failure, Outcome, io};
use auditcfg_core::crypto::{
    self, Algorithm, FieldOptions, FileKind, FileOptions, FileParams, Kdf, METADATA_KEY,
};
use auditcfg_core::{Document, Format};
use clap::ValueEnum;
use zeroize::Zeroizing;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KdfName {
    Pbkdf2,
    Scrypt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AlgorithmName {
    #[value(name = "aes-256-gcm")]
    Gcm,
    #[value(name = "aes-256-cbc")]
    Cbc,
}

/// Key derivation options shared by both commands.
#[derive(Debug, clap::Args)]
struct KdfArgs {
    /// Key derivation function (default for new files: pbkdf2).
    #[arg(long, value_enum)]
    kdf: Option<KdfName>,
    /// PBKDF2 iterations (default 600,000 for new files; upstream uses 100,000).
    #[arg(long)]
    iterations: Option<u32>,
    /// scrypt cost N, a power of two (default 131072 = 2^17; upstream uses 16384).
    #[arg(long)]
    scrypt_n: Option<u64>,
    /// Salt as hex (upstream: AUDIT_CONFIG_SALT). Default for new files: 32 random bytes.
    #[arg(long)]
    salt: Option<String>,
    /// Environment variable holding the password (else: prompt).
    #[arg(long, default_value = "AUDIT_CONFIG_PASSWORD")]
    password_env: String,
}

#[derive(Debug, clap::Args)]
pub(crate) struct EncryptArgs {
    /// The config to encrypt (`-` for standard input).
    file: String,
    /// Seal only the secrets, in place (the document stays readable and diffable).
    #[arg(long)]
    fields: bool,
    /// Cipher for whole-file encryption.
    #[arg(long, value_enum, default_value_t = AlgorithmName::Gcm)]
    algorithm: AlgorithmName,
    /// Write exactly upstream's file: no salt or KDF parameters inside (you must keep them).
    #[arg(long)]
    no_embed: bool,
    /// With --fields: an earlier sealed version, whose unchanged ciphertexts are kept.
    #[arg(long)]
    previous: Option<String>,
    /// Also seal these JSON Pointers (with --fields).
    #[arg(long = "seal")]
    extra: Vec<String>,
    #[command(flatten)]
    kdf: KdfArgs,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DecryptArgs {
    /// An encrypted file or a document with sealed fields (`-` for standard input).
    file: String,
    #[command(flatten)]
    kdf: KdfArgs,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<String>,
}

fn kdf(args: &KdfArgs) -> Result<Option<Kdf>, Failure> {
    let kdf = match (args.kdf, args.iterations, args.scrypt_n) {
        (Some(KdfName::Scrypt), None, n) | (None, None, n @ Some(_)) => {
            Kdf::scrypt_from_n(n.unwrap_or(1 << 17), 8, 1).map_err(|e| Failure(e.to_string()))?
        }
        (Some(KdfName::Scrypt), Some(_), _) => {
            return Err(Failure(
                "--iterations applies to pbkdf2; use --scrypt-n for scrypt".into(),
            ));
        }
        (Some(KdfName::Pbkdf2), _, Some(_)) => {
            return Err(Failure(
                "--scrypt-n applies to scrypt; use --iterations for pbkdf2".into(),
            ));
        }
        (Some(KdfName::Pbkdf2) | None, Some(iterations), None) => Kdf::Pbkdf2 { iterations },
        (Some(KdfName::Pbkdf2), None, None) => Kdf::PBKDF2_DEFAULT,
        (None, Some(_), Some(_)) => {
            return Err(Failure("give --iterations or --scrypt-n, not both".into()));
        }
        (None, None, None) => return Ok(None),
    };
    kdf.validate().map_err(|e| Failure(e.to_string()))?;
    Ok(Some(kdf))
}

fn salt(args: &KdfArgs) -> Result<Option<Vec<u8>>, Failure> {
    args.salt
        .as_deref()
        .map(|h| hex::decode(h.trim()).map_err(|e| Failure(format!("--salt is not hex: {e}"))))
        .transpose()
}

/// Reads the password from the named environment variable, or prompts.
fn password(args: &KdfArgs, confirm: bool) -> Result<Zeroizing<String>, Failure> {
    password_from(&args.password_env, confirm)
}

/// Reads the password from the environment variable `password_env`, or
/// prompts (twice when `confirm`).
pub(crate) fn password_from(
    password_env: &str,
    confirm: bool,
) -> Result<Zeroizing<String>, Failure> {
    if let Ok(p) = std::env::var(password_env) {
        if p.is_empty() {
            return Err(Failure(format!("{password_env} is set but empty")));
        }
        return Ok(Zeroizing::new(p));
    }
    let first = Zeroizing::new(rpassword::prompt_password("Password: ").map_err(|e| {
        Failure(format!(
            "no password: set {password_env} or run in a terminal ({e})"
        ))
    })?);
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password("Repeat password: ")?);
        if *again != *first {
            return Err(Failure("the passwords differ".into()));
        }
    }
    Ok(first)
}

fn parse_config(name: &str, text: &str) -> Result<(Format, serde_json::Value), Failure> {
    let parse = Document::parse(text, None);
    match parse.document {
        Some(doc) => Ok((doc.format(), doc.into_value())),
        None => Err(Failure(crate::render::first_error(
            name,
            text,
            &parse.diagnostics,
        ))),
    }
}

fn write_doc(format: Format, value: &serde_json::Value) -> Result<String, Failure> {
    super::patch::write_as(value, format)
}

pub(crate) fn encrypt(args: &EncryptArgs) -> Result<Outcome, Failure> {
    let (name, text) = io::read_text(&args.file)?;
    let (format, value) = parse_config(&name, &text)?;
    let kdf = kdf(&args.kdf)?;
    let salt = salt(&args.kdf)?;
    let out = if args.fields {
        let previous = match &args.previous {
            Some(path) => {
                let (pname, ptext) = io::read_text(path)?;
                Some(parse_config(&pname, &ptext)?.1)
            }
            None => None,
        };
        let pw = password(&args.kdf, previous.is_none())?;
        let options = FieldOptions {
            kdf: kdf.unwrap_or_default(),
            salt,
            extra_pointers: args.extra.clone(),
        };
        let sealed = crypto::seal_fields(&value, &pw, &options, previous.as_ref())?;
        write_doc(format, &sealed)?
    } else {
        if !args.extra.is_empty() || args.previous.is_some() {
            return Err(Failure("--seal and --previous apply to --fields".into()));
        }
        let pw = password(&args.kdf, true)?;
        let options = FileOptions {
            algorithm: match args.algorithm {
                AlgorithmName::Gcm => Algorithm::Aes256Gcm,
                AlgorithmName::Cbc => Algorithm::Aes256Cbc,
            },
            kdf: kdf.unwrap_or_default(),
            salt,
            embed_params: !args.no_embed,
        };
        if args.no_embed && options.salt.is_none() {
            return Err(Failure(
                "--no-embed needs --salt: without it nobody could decrypt the file".into(),
            ));
        }
        let plaintext = crypto::upstream_plaintext(&value)?;
        crypto::encrypt_file(&plaintext, &pw, &options)? + "\n"
    };
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}

pub(crate) fn decrypt(args: &DecryptArgs) -> Result<Outcome, Failure> {
    let (name, text) = io::read_text(&args.file)?;
    // Field-sealed documents carry their metadata block.
    if let Some(doc) = Document::parse(&text, None).document
        && doc.value().get(METADATA_KEY).is_some()
    {
        let pw = password(&args.kdf, false)?;
        let opened = crypto::open_fields(doc.value(), &pw)?;
        let out = Zeroizing::new(write_doc(doc.format(), &opened)?);
        io::write_output(args.output.as_deref(), &out)?;
        return Ok(Outcome::Ok);
    }
    match crypto::inspect_file(&text) {
        FileKind::Kms => {
            return Err(Failure(format!(
                "{name} is a KMS-encrypted file: only the KMS service (Infisical) can decrypt it, not a password"
            )));
        }
        FileKind::NotEncrypted => {
            return Err(Failure(format!(
                "{name} is not encrypted (no sealed fields either)"
            )));
        }
        _ => {}
    }
    let pw = password(&args.kdf, false)?;
    let fallback = FileParams {
        salt: salt(&args.kdf)?,
        kdf: kdf(&args.kdf)?,
    };
    let plaintext = crypto::decrypt_file(&text, &pw, &fallback)?;
    let mut out = Zeroizing::new(plaintext.to_string());
    if !out.ends_with('\n') {
        out.push('\n');
    }
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}
