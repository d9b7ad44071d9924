//! Hex helpers for the encrypted formats; base64url lives in the base
//! layer (`crate::base::encoding`), which sealed-value detection needs too.

pub(crate) use crate::base::encoding::{b64url_decode, b64url_encode};

/// Decodes a hex string (either case), naming the key in the error.
pub(crate) fn hex_field(field: &'static str, text: &str) -> Result<Vec<u8>, super::CryptoError> {
    hex::decode(text).map_err(|e| super::CryptoError::InvalidField {
        field,
        problem: match e {
            hex::FromHexError::OddLength => "is not valid hex (odd number of digits)".to_owned(),
            hex::FromHexError::InvalidHexCharacter { index, .. } => {
                format!("is not valid hex (bad character at position {index})")
            }
            hex::FromHexError::InvalidStringLength => "is not valid hex".to_owned(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_errors_are_clear() {
        assert!(hex_field("iv", "abc").is_err());
        let err = hex_field("iv", "zz").expect_err("bad hex").to_string();
        assert!(err.contains("`iv` is not valid hex"), "{err}");
    }
}
