"""Checks at the edge: every field is checked before any routine is called.

Each reader collects problems into a dict of field -> message, so one answer
reports every bad field at once.
"""

import re

from flask import request
from werkzeug.exceptions import ClientDisconnected, HTTPException

from api.errors import ApiError, invalid

MAX_ID = 2**63 - 1
# Ids in lists travel to the database as JSON numbers of up to 18 digits.
MAX_LISTED_ID = 10**18 - 1
WHOLE_NUMBER = re.compile(r"^-?[0-9]{1,19}$")


def json_body() -> dict:
    """The request body as a JSON object, or a clear 4xx."""
    try:
        body = request.get_data(cache=True)
    except ClientDisconnected as error:
        # The body ended before its length: the same as a short read below.
        raise ApiError("request_timeout") from error
    except HTTPException:
        raise  # too large, and the like: answered as such
    except Exception as error:  # noqa: BLE001 - the server's reader gave up
        # A body the server could not read as sent: chunk sizes that are not
        # numbers, chunks without their line ends, broken trailers.
        raise ApiError("malformed_request") from error
    if request.content_length is not None and len(body) < request.content_length:
        # The server stopped reading at the request's deadline (or the
        # client stopped sending): what came is only the start of the body.
        raise ApiError("request_timeout")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        # Nesting deep enough to exhaust the parser is not a request.
        data = None
    if not isinstance(data, dict):
        raise ApiError("invalid_json")
    return data


class Fields:
    """Reads typed fields from a mapping and remembers what was wrong."""

    def __init__(self, source: dict):
        self.source = source
        self.errors: dict[str, str] = {}

    def text(self, name: str, *, min_len: int = 1, max_len: int = 200) -> str | None:
        value = self.source.get(name)
        if value is None:
            self.errors[name] = "is required"
            return None
        if not isinstance(value, str):
            self.errors[name] = "must be a string"
            return None
        if len(value) < min_len or len(value) > max_len:
            self.errors[name] = f"must be {min_len} to {max_len} characters"
            return None
        if not _storable(value):
            self.errors[name] = "must not contain NUL or unpaired surrogate characters"
            return None
        return value

    def integer(
        self,
        name: str,
        *,
        required: bool = True,
        default: int | None = None,
        minimum: int = 1,
        maximum: int = MAX_ID,
        from_query: bool = False,
    ) -> int | None:
        value = self.source.get(name)
        if value is None or value == "":
            if required:
                self.errors[name] = "is required"
            return default

        if from_query and isinstance(value, str) and WHOLE_NUMBER.match(value.strip()):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.errors[name] = "must be a whole number"
            return None
        if not minimum <= value <= maximum:
            self.errors[name] = f"must be between {minimum} and {maximum}"
            return None
        return value

    def choice(self, name: str, options: tuple[str, ...], default: str) -> str | None:
        value = self.source.get(name, default)
        if value not in options:
            self.errors[name] = "must be one of " + ", ".join(options)
            return None
        return value

    def id_list(self, name: str) -> list[int] | None:
        # How many ids a list may hold is the routine's rule, not the edge's.
        value = self.source.get(name)
        if not isinstance(value, list):
            self.errors[name] = "must be a list of ids"
            return None
        if any(isinstance(v, bool) or not isinstance(v, int) for v in value):
            self.errors[name] = "must contain whole numbers only"
            return None
        if any(not 1 <= v <= MAX_LISTED_ID for v in value):
            self.errors[name] = "contains an id out of range"
            return None
        return value

    def check(self) -> None:
        if self.errors:
            raise invalid(self.errors)


def _storable(value: str) -> bool:
    """Text the database can store: no NUL, no lone UTF-16 surrogates."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
