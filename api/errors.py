"""One error catalog, one JSON error shape.

Every business error has a stable key in sql/errors.json with its HTTP
status, the SQLSTATE the PostgreSQL routines raise and the number the SQL
Server twin throws. Every 4xx and 5xx answer of the API is built here.
"""

import json
import logging
from functools import cache
from pathlib import Path

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

CATALOG_FILE = Path(__file__).resolve().parent.parent / "sql" / "errors.json"

# Werkzeug's own errors (routing, method, body size) mapped to catalog keys.
HTTP_CODES = {
    400: "invalid_json",
    401: "unauthenticated",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    415: "unsupported_media_type",
}


@cache
def catalog() -> dict[str, dict]:
    entries = json.loads(CATALOG_FILE.read_text())["errors"]
    return {entry["code"]: entry for entry in entries}


@cache
def by_sqlstate() -> dict[str, dict]:
    return {e["sqlstate"]: e for e in catalog().values() if e["sqlstate"]}


@cache
def by_mssql_number() -> dict[int, dict]:
    return {e["mssql"]: e for e in catalog().values() if e["mssql"]}


class ApiError(Exception):
    """A business error with a catalog key; becomes the JSON error answer."""

    def __init__(
        self, code: str, message: str | None = None, details: dict | None = None
    ):
        entry = catalog()[code]
        super().__init__(message or entry["message"])
        self.code = code
        self.status = entry["http"]
        self.message = message or entry["message"]
        self.details = details


def invalid(fields: dict[str, str]) -> ApiError:
    """A validation failure naming each bad field."""
    return ApiError(
        "validation_failed",
        "Some fields are not valid: " + ", ".join(sorted(fields)) + ".",
        {"fields": fields},
    )


def error_response(code: str, message: str, status: int, details: dict | None = None):
    body = {"code": code, "message": message}
    if details:
        body["details"] = details
    return jsonify({"error": body}), status


def register_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError):
        response = error_response(
            error.code, error.message, error.status, error.details
        )
        retry_after = (error.details or {}).get("retry_after_seconds")
        if isinstance(retry_after, int):
            response[0].headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        code = HTTP_CODES.get(error.code)
        if code is None:
            code = "internal_error" if error.code >= 500 else "validation_failed"
        message = catalog()[code]["message"] if code in catalog() else error.description
        return error_response(code, message, error.code or 500)

    from api.db import DatabaseUnavailable

    @app.errorhandler(DatabaseUnavailable)
    def handle_database_down(error: DatabaseUnavailable):
        log.error("database unavailable: %s", error)
        response = error_response(
            "service_unavailable", catalog()["service_unavailable"]["message"], 503
        )
        response[0].headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        log.exception("unexpected error")
        return error_response(
            "internal_error", catalog()["internal_error"]["message"], 500
        )
