"""Random tokens and what the database keeps of them.

Sessions, API tokens and reset links are 256-bit random strings: guessing one is hopeless, so a plain
SHA-256 is enough to store them (unlike passwords, which need Argon2). A database leak gives no token.
"""

import hashlib
import secrets

API_TOKEN_PREFIX = "vm_"


def new_token() -> str:
    """A URL-safe random token."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    """A personal API token, recognisable by its `vm_` start (secret scanners, logs)."""
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the database stores of a token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode()).hexdigest()
