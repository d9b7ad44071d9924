//! `auditcfg encrypt` and `auditcfg decrypt`: the audit server's encrypted
//! file format, or field-level sealing of secrets (`--fields`). The password
//! comes from an environment variable (`--password-env`, default
//! `AUDIT_CONFIG_PASSWORD`) or an interactive prompt, never from argv.

use super::diff::stderr_line;
use crate::{Failure, Outcome, io};
use auditcfg_core::crypto::plan::SALT_ENV;
use auditcfg_core::crypto::{
    self, Algorithm, CryptoError, FieldOptions, FileKind, KdfPlan, KdfRequest, METADATA_KEY,
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
    /// Key derivation function (default pbkdf2). Files that do not record
    /// theirs are read with the audit server's defaults for every number not given.
    #[arg(long, value_enum)]
    kdf: Option<KdfName>,
    /// PBKDF2 iterations. Default: the server's 100,000 for files without
    /// embedded parameters (reading them, or writing with --no-embed); 600,000
    /// where the parameters travel with the file.
    #[arg(long)]
    iterations: Option<u32>,
    /// scrypt cost N, a power of two. Default: the server's 16384 for files
    /// without embedded parameters (the only value it can use); 131072 = 2^17
    /// where the parameters travel with the file.
    #[arg(long)]
    scrypt_n: Option<u64>,
    /// Salt as hex. Default: AUDIT_CONFIG_SALT (as the audit server reads it);
    /// else, where the salt travels with the file, 32 random bytes.
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
    /// Write exactly the audit server's file: no salt or KDF parameters inside
    /// (the server supplies them: PBKDF2 100,000 or scrypt 16384 unless its
    /// config says otherwise). Needs --salt or AUDIT_CONFIG_SALT.
    #[arg(long)]
    no_embed: bool,
    /// With --fields, on a sealed document: list the values (JSON Pointers)
    /// changed since it was sealed, without a password, and exit 1 if any.
    #[arg(long)]
    changes: bool,
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

/// The user's KDF options as the core's request; `AUDIT_CONFIG_SALT` is
/// read here (the core decides whether and how it applies).
fn request(args: &KdfArgs) -> KdfRequest {
    KdfRequest {
        kdf: args.kdf.map(|k| match k {
            KdfName::Pbkdf2 => crypto::KdfName::Pbkdf2,
            KdfName::Scrypt => crypto::KdfName::Scrypt,
        }),
        iterations: args.iterations,
        scrypt_n: args.scrypt_n,
        scrypt_r: None,
        scrypt_p: None,
        salt_hex: args.salt.clone(),
        env_salt_hex: std::env::var(SALT_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty()),
    }
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

/// The document's text with its sealed or opened values: only those
/// change, comments and formatting stay (`auditcfg_core::edit`).
fn write_doc(doc: &Document, value: &serde_json::Value) -> Result<String, Failure> {
    super::patch::write_edit(doc, value)
}

pub(crate) fn encrypt(args: &EncryptArgs) -> Result<Outcome, Failure> {
    let (name, text) = io::read_text(&args.file)?;
    let doc = super::parse_config(&name, &text)?;
    let value = doc.value();
    let request = request(&args.kdf);
    if args.changes && !(args.fields && value.get(METADATA_KEY).is_some()) {
        return Err(Failure(
            "--changes applies to --fields on a sealed document".into(),
        ));
    }
    let out = if args.fields {
        if value.get(METADATA_KEY).is_some() {
            if args.changes {
                return changes(&name, value);
            }
            return reseal(args, &name, &doc, value);
        }
        let previous = match &args.previous {
            Some(path) => {
                let (pname, ptext) = io::read_text(path)?;
                Some(super::parse_config(&pname, &ptext)?.into_value())
            }
            None => None,
        };
        let pw = password(&args.kdf, previous.is_none())?;
        let plan = KdfPlan::seal_fields(&request, &pw)?;
        let options = FieldOptions {
            kdf: plan.kdf,
            salt: Some(plan.salt.clone()),
            extra_pointers: args.extra.clone(),
        };
        let sealed = crypto::seal_fields(value, &pw, &options, previous.as_ref())?;
        write_doc(&doc, &sealed)?
    } else {
        if !args.extra.is_empty() || args.previous.is_some() {
            return Err(Failure("--seal and --previous apply to --fields".into()));
        }
        let pw = password(&args.kdf, true)?;
        let plan = KdfPlan::encrypt_file(&request, !args.no_embed, &pw)?;
        let algorithm = match args.algorithm {
            AlgorithmName::Gcm => Algorithm::Aes256Gcm,
            AlgorithmName::Cbc => Algorithm::Aes256Cbc,
        };
        let plaintext = crypto::upstream_plaintext(value)?;
        let file = crypto::encrypt_file(&plaintext, &pw, &plan.file_options(algorithm))? + "\n";
        if let Some(note) = plan.server_note() {
            stderr_line(&format!("note: {note}"));
        }
        file
    };
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}

/// `encrypt --fields --changes`: what changed since sealing, no password.
fn changes(name: &str, value: &serde_json::Value) -> Result<Outcome, Failure> {
    let changes = crypto::sealed_changes(value)?;
    if !changes.recorded {
        return Err(Failure(format!("{name}: {}", changes.summary())));
    }
    let mut out = String::new();
    for line in changes.lines() {
        out.push_str(&crate::render::safe::line(&line));
        out.push('\n');
    }
    io::write_output(None, &out)?;
    Ok(if changes.is_empty() {
        stderr_line(&format!("{name}: no value changed since sealing"));
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// `encrypt --fields` on a sealed document: verify every sealed value with
/// the password, then seal and authenticate the edited document again.
fn reseal(
    args: &EncryptArgs,
    name: &str,
    doc: &Document,
    value: &serde_json::Value,
) -> Result<Outcome, Failure> {
    if args.previous.is_some() {
        return Err(Failure(
            "--previous is for a plain document; a sealed one is resealed with its own parameters"
                .into(),
        ));
    }
    let plan = KdfPlan::open_fields(value)?;
    let pw = password(&args.kdf, false)?;
    let resealed = crypto::reseal_fields(value, &pw, &args.extra).map_err(|e| plan.explain(e))?;
    let out = write_doc(doc, &resealed.doc)?;
    io::write_output(args.output.as_deref(), &out)?;
    stderr_line(&format!(
        "{name}: resealed ({}); every sealed value verified",
        resealed.changes.summary()
    ));
    Ok(Outcome::Ok)
}

/// A sealed document that does not open: say which values changed since
/// sealing when the digests show it.
fn explain_sealed(value: &serde_json::Value, plan: &KdfPlan, err: CryptoError) -> Failure {
    if err != CryptoError::WrongPasswordOrModified {
        return Failure(err.to_string());
    }
    match crypto::sealed_changes(value) {
        Ok(changes) if changes.recorded && !changes.is_empty() => Failure(format!(
            "the document was edited after it was sealed ({}), so its MAC no longer matches; to accept the edits run `auditcfg encrypt --fields` on it with the password: it checks every sealed value and reseals",
            changes.summary()
        )),
        Ok(changes) if changes.recorded => Failure(format!(
            "{} (no value changed since sealing, by the recorded digests: most likely the password is wrong)",
            plan.explain(err)
        )),
        _ => Failure(plan.explain(err).to_string()),
    }
}

pub(crate) fn decrypt(args: &DecryptArgs) -> Result<Outcome, Failure> {
    let (name, text) = io::read_text(&args.file)?;
    // Field-sealed documents carry their metadata block.
    if let Some(doc) = Document::parse(&text, Format::from_file_name(&name)).document
        && doc.value().get(METADATA_KEY).is_some()
    {
        let plan = KdfPlan::open_fields(doc.value())?;
        let pw = password(&args.kdf, false)?;
        let opened = crypto::open_fields(doc.value(), &pw)
            .map_err(|e| explain_sealed(doc.value(), &plan, e))?;
        let out = Zeroizing::new(write_doc(&doc, &opened)?);
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
    let plan = KdfPlan::decrypt_file(&text, &request(&args.kdf))?;
    let pw = password(&args.kdf, false)?;
    let key = plan.derive(&pw)?;
    let plaintext = crypto::decrypt_file_with_key(&text, &key).map_err(|e| plan.explain(e))?;
    let mut out = Zeroizing::new(plaintext.to_string());
    if !out.ends_with('\n') {
        out.push('\n');
    }
    io::write_output(args.output.as_deref(), &out)?;
    Ok(Outcome::Ok)
}
