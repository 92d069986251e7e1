"""Protections that need more than one field's check.

- Brute force: refused logins are counted in the database per login name and
  per client address, so the limits hold across every API worker; past a
  limit a login is answered 429 with Retry-After before its password is
  looked at.
- Client address: the TCP peer, unless the app is told how many proxies
  stand in front of it (BOXOFFICE_PROXY_COUNT); a forged X-Forwarded-For
  from a client changes nothing.
- Idempotent bookings: the Idempotency-Key header is checked here and the
  request is reduced to a hash, so a replay with another body is caught.
- Breached passwords: a password on the shipped list of common ones is
  refused at registration and on every change.
"""

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from flask import current_app, request

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "common-passwords.txt"

# 1 to 100 visible ASCII characters: what a UUID, a ULID or a counter needs.
IDEMPOTENCY_KEY = re.compile(r"^[!-~]{1,100}$")


def client_address() -> str:
    # With BOXOFFICE_PROXY_COUNT set, ProxyFix has already put the address the
    # trusted proxy saw here; otherwise it is the TCP peer.
    return (request.remote_addr or "unknown")[:64]


def check_login_allowed(login: str) -> None:
    """Raises too_many_attempts (429) when the name or address failed too often."""
    config = current_app.config
    current_app.db.call(
        "account.check_login_allowed",
        login=login,
        client_address=client_address(),
        window_seconds=config["LOGIN_WINDOW_SECONDS"],
        max_per_login=config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
        max_per_client=config["LOGIN_MAX_FAILURES_PER_CLIENT"],
    )


def record_login_failure(login: str) -> None:
    current_app.db.call(
        "account.record_login_failure",
        login=login,
        client_address=client_address(),
        window_seconds=current_app.config["LOGIN_WINDOW_SECONDS"],
    )


def idempotency_key(errors: dict[str, str]) -> str | None:
    """The request's Idempotency-Key header; None when absent or wrong, and
    then a wrong one is named in errors."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        errors["Idempotency-Key"] = "must be 1 to 100 visible ASCII characters"
        return None
    return key


def request_hash(**fields) -> str:
    """A stable digest of a request's meaning, to tell a replay from a reuse."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    words = (line.strip().lower() for line in lines if not line.startswith("#"))
    return frozenset(word for word in words if word)


def is_common_password(password: str) -> bool:
    return password.lower() in common_passwords()
