"""The museum's signing key for Open Badges: Ed25519, kept in `settings.badge_key_file` (PEM, mode 0600,
created on first use like the secret key), its public half published as a JWK Set.

With several app servers every one must sign with the same key and publish the same public half: the PEM then
comes from `settings.badge_key` (MUSEUM_BADGE_KEY), the same on every host, and no file is read or made."""

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from jwt.algorithms import OKPAlgorithm

from app.config import Settings


def private_key(settings: Settings) -> Ed25519PrivateKey:
    """The key of the settings, else the museum's key file (made and stored on first use)."""
    if pem := settings.badge_key.get_secret_value():
        return _loaded(pem.encode(), "MUSEUM_BADGE_KEY")
    path = settings.badge_key_file
    if not path.exists():
        _write_new_key(path)
    return _loaded(path.read_bytes(), str(path))


def _loaded(pem: bytes, source: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{source} does not hold an Ed25519 key")
    return key


def new_pem() -> str:
    """A new key as PEM text, for MUSEUM_BADGE_KEY."""
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )


def public_jwk(settings: Settings, keys_url: str) -> dict:
    """The public key as a JWK, its `kid` the key set's address and the key's RFC 7638 thumbprint."""
    jwk = json.loads(OKPAlgorithm.to_jwk(private_key(settings).public_key()))
    return jwk | {"kid": key_id(settings, keys_url), "use": "sig", "alg": "EdDSA"}


def key_id(settings: Settings, keys_url: str) -> str:
    """Where the key is published: `{keys_url}#{thumbprint}`."""
    return f"{keys_url}#{thumbprint(private_key(settings).public_key())}"


def thumbprint(key: Ed25519PublicKey) -> str:
    """The RFC 7638 thumbprint of an Ed25519 public key (SHA-256 of its required members, in order)."""
    jwk = json.loads(OKPAlgorithm.to_jwk(key))
    members = json.dumps({"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(members.encode()).digest()).rstrip(b"=").decode()


def _write_new_key(path: Path) -> None:
    """Write a new key readable by its owner only; a key another process wrote first wins."""
    pem = new_pem().encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    try:
        os.link(temporary, path)  # atomic, and fails when the file appeared meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
