"""One spelling for usernames and emails, whatever the keyboard sent.

Unicode lets the same visible text arrive in several forms: a Kelvin sign
(U+212A) looks like "K", and "ü" may be one code point or "u" plus a
combining diaeresis. Registration and profile changes pass usernames and
emails through here before any routine sees them, so two spellings of one
name can never become two accounts; the database then compares lower().
"""

import re
import unicodedata

USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,30}$")
IDEOGRAPHIC_FULL_STOP = "\u3002"
# Something before the @, and a domain of dot-separated names after it:
# `x@y` reaches no one on the public internet.
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")

# Letters may carry a few accents; a tower of combining marks is noise.
MAX_STACKED_MARKS = 3


def normalise_username(value: str) -> str:
    """NFKC folds compatibility characters (the Kelvin sign becomes "K");
    the case is kept for display, the database ignores it when comparing."""
    return unicodedata.normalize("NFKC", value).strip()


def normalise_email(value: str) -> str:
    """NFKC, then case folding: emails are stored in one form, compared
    without case, so "ÜLI@x" and a decomposed "üli@x" are one address. In
    the domain the ideographic full stop is a dot, as domain names read it
    (NFKC already makes the full-width and half-width stops one)."""
    folded = unicodedata.normalize("NFKC", value).strip().casefold()
    local, at, domain = unicodedata.normalize("NFKC", folded).rpartition("@")
    if not at:
        return domain
    return f"{local}@{domain.replace(IDEOGRAPHIC_FULL_STOP, '.')}"


def normalise_login(value: str) -> str:
    """A login name in the form it was stored: an email if it has an @."""
    if "@" in value:
        return normalise_email(value)
    return normalise_username(value)


def check_account_fields(
    errors: dict[str, str],
    username: str | None,
    email: str | None,
    display_name: str | None,
    current_email: str | None = None,
) -> tuple[str | None, str | None]:
    """Normalises a username and an email and records in `errors` whatever
    is wrong with them or the display name; returns the normalised pair.
    The account's `current_email` is kept as it is even if an older, looser
    rule let it in: a profile change that leaves it alone must not fail."""
    username = normalise_username(username) if username else username
    email = normalise_email(email) if email else email
    if username and not USERNAME.match(username):
        errors["username"] = "may hold only letters, digits, '.', '_' and '-'"
    if email and email != current_email and not EMAIL.match(email):
        errors["email"] = "must be an email address"
    if display_name is not None and not display_name.strip():
        errors["display_name"] = "must not be blank"
    for name, value in (("display_name", display_name), ("email", email)):
        problem = value and visible_text_problem(value)
        if problem and name not in errors:
            errors[name] = problem
    return username, email


def visible_text_problem(value: str) -> str | None:
    """Why a name or address others will read is not plain visible text:
    control characters, invisible formatting (zero-width spaces, direction
    overrides), or marks stacked on one letter. None when it is fine."""
    stacked = 0
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs"):
            return "must not contain control or invisible formatting characters"
        stacked = stacked + 1 if unicodedata.combining(char) else 0
        if stacked > MAX_STACKED_MARKS:
            return "has too many accents stacked on one letter"
    return None
