"""RS256 verification of compact JWS client assertions, in pure Python.

The provider must check the signature of the client's private_key_jwt
assertion without third-party packages, so this module reads the RSA public
key (PEM: SubjectPublicKeyInfo or PKCS#1) with a tiny DER reader, raises the
signature to the public exponent and checks the PKCS#1 v1.5 encoding of a
SHA-256 DigestInfo (RFC 8017 section 8.2.2), byte for byte.
"""

import base64
import hashlib
import hmac
import json
import re

RSA_OID = bytes.fromhex("2a864886f70d010101")       # 1.2.840.113549.1.1.1
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


class JWTError(Exception):
    """The assertion is malformed or its signature does not verify."""


class RSAPublicKey:
    def __init__(self, modulus, exponent):
        self.n = modulus
        self.e = exponent
        self.size = (modulus.bit_length() + 7) // 8


# --- DER -----------------------------------------------------------------

def _der_read(data, pos):
    """Read one TLV at pos; return (tag, value, next_pos)."""
    if pos + 2 > len(data):
        raise ValueError("truncated DER")
    tag, length = data[pos], data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise ValueError("bad DER length")
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    if pos + length > len(data):
        raise ValueError("truncated DER value")
    return tag, data[pos:pos + length], pos + length


def _der_children(value):
    pos, items = 0, []
    while pos < len(value):
        tag, inner, pos = _der_read(value, pos)
        items.append((tag, inner))
    return items


def _pkcs1_public(der):
    tag, seq, _ = _der_read(der, 0)
    parts = _der_children(seq)
    if tag != 0x30 or len(parts) < 2 or parts[0][0] != 0x02 or parts[1][0] != 0x02:
        raise ValueError("not an RSAPublicKey")
    return RSAPublicKey(int.from_bytes(parts[0][1], "big"),
                        int.from_bytes(parts[1][1], "big"))


def _spki_public(der):
    tag, seq, _ = _der_read(der, 0)
    parts = _der_children(seq)
    if tag != 0x30 or len(parts) != 2 or parts[1][0] != 0x03:
        raise ValueError("not a SubjectPublicKeyInfo")
    algorithm = _der_children(parts[0][1])
    if not algorithm or algorithm[0] != (0x06, RSA_OID):
        raise ValueError("not an RSA key")
    bits = parts[1][1]
    if not bits or bits[0] != 0:
        raise ValueError("bad BIT STRING")
    return _pkcs1_public(bits[1:])


PEM_READERS = {
    "PUBLIC KEY": _spki_public,
    "RSA PUBLIC KEY": _pkcs1_public,
}


def load_public_key(pem_text):
    """Parse a PEM RSA public key into an RSAPublicKey."""
    match = re.search(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----",
                      pem_text, re.S)
    if not match or match.group(1) not in PEM_READERS:
        raise ValueError("no RSA public key in PEM text")
    der = base64.b64decode("".join(match.group(2).split()))
    return PEM_READERS[match.group(1)](der)


# --- JWS -----------------------------------------------------------------

def b64url_decode(text):
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise JWTError("invalid base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json_part(segment, what):
    try:
        value = json.loads(b64url_decode(segment))
    except (ValueError, JWTError):
        raise JWTError("%s is not base64url JSON" % what) from None
    if not isinstance(value, dict):
        raise JWTError("%s is not a JSON object" % what)
    return value


def split(token):
    """Decode without verifying: return (header, claims, signed, signature)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise JWTError("not a compact JWS (expected 3 parts)")
    header = _json_part(parts[0], "header")
    claims = _json_part(parts[1], "payload")
    signature = b64url_decode(parts[2])
    return header, claims, (parts[0] + "." + parts[1]).encode("ascii"), signature


def rs256_valid(key, signed, signature):
    """True when signature is a PKCS#1 v1.5 SHA-256 signature of signed."""
    if len(signature) != key.size:
        return False
    s = int.from_bytes(signature, "big")
    if s >= key.n:
        return False
    em = pow(s, key.e, key.n).to_bytes(key.size, "big")
    t = SHA256_DIGEST_INFO + hashlib.sha256(signed).digest()
    if key.size < len(t) + 11:
        return False
    expected = b"\x00\x01" + b"\xff" * (key.size - len(t) - 3) + b"\x00" + t
    return hmac.compare_digest(em, expected)


def verify(token, key_for_issuer):
    """Verify an RS256 compact JWS; return its claims.

    key_for_issuer(iss) returns the RSAPublicKey registered for that client
    or None.  Raises JWTError with a sentence on any failure.  Claim checks
    other than the signature (aud, exp, jti) are the caller's business."""
    header, claims, signed, signature = split(token)
    if header.get("alg") != "RS256":
        raise JWTError("unsupported alg %r (expected RS256)" % header.get("alg"))
    key = key_for_issuer(claims.get("iss"))
    if key is None:
        raise JWTError("unknown client %r" % claims.get("iss"))
    if not rs256_valid(key, signed, signature):
        raise JWTError("signature does not verify")
    return claims
