//! Base64url (RFC 4648 §5, no padding): sealed values and the field
//! encryption metadata use it.

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn b64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(B64URL[idx as usize]));
        }
    }
    out
}

fn b64url_value(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    }))
}

/// Strict base64url without padding: rejects padding, other alphabets and
/// non-canonical trailing bits, so every byte string has exactly one
/// encoding.
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3 + 2);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= b64url_value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        // Bits beyond the produced bytes must be zero (canonical form).
        let used_bits = 8 * produced;
        let unused_mask = (1u32 << (24 - used_bits)) - 1;
        if n & unused_mask != 0 {
            return None;
        }
        for i in 0..produced {
            out.push(((n >> (16 - 8 * i)) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (raw, enc) in cases {
            assert_eq!(b64url_encode(raw), enc);
            assert_eq!(b64url_decode(enc).as_deref(), Some(raw));
        }
        assert_eq!(b64url_encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn strict_decoding() {
        assert_eq!(b64url_decode("Zg=="), None); // padding
        assert_eq!(b64url_decode("Z"), None); // impossible length
        assert_eq!(b64url_decode("Zh"), None); // non-canonical trailing bits
        assert_eq!(b64url_decode("+/8"), None); // standard alphabet
        for len in 0..40usize {
            let raw: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(b64url_decode(&b64url_encode(&raw)), Some(raw));
        }
    }
}
