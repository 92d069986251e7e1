"""Apps on private databases for the security tests. Every JSON answer any of
these apps gives is scanned: no password or password hash, and no email
address but the logged-in user's own."""

import json
import re

import pytest
from flask import request
from flask_login import current_user

from api import create_app
from tests.api.conftest import check_against_document
from tests.world import PASSWORD

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
BCRYPT_HASH = re.compile(r"\$2[aby]?\$\d\d\$")

BASE_CONFIG = {
    "SECRET_KEY": "test secret",
    "BCRYPT_ROUNDS": 4,
    "DB_POOL_SIZE": 4,
    "TESTING": True,
}


def leaks(body, own_email: str | None) -> list[str]:
    """What a JSON answer must never contain, as sentences."""
    found = []
    text = json.dumps(body)
    if BCRYPT_HASH.search(text):
        found.append("a bcrypt hash")
    if _password_keys(body):
        found.append("a password field")
    for email in EMAIL.findall(text):
        if own_email is None or email.lower() != own_email.lower():
            found.append(f"someone else's email {email}")
    return found


def _password_keys(value, parent: str | None = None) -> bool:
    """A password or hash under any key, except a validation message about the
    password field."""
    if isinstance(value, dict):
        for key, item in value.items():
            if "password" in key.lower() and parent != "fields":
                return True
            if _password_keys(item, key):
                return True
    if isinstance(value, list):
        return any(_password_keys(item, parent) for item in value)
    return False


def is_stream(operation: dict) -> bool:
    """An event stream answers for as long as the client listens."""
    for answer in operation.get("responses", {}).values():
        if "text/event-stream" in answer.get("content", {}):
            return True
        if "text/event-stream" in answer.get("description", ""):
            return True
    return False


def without_streams(doc: dict) -> dict:
    """The OpenAPI document less its event streams, which cannot be walked or
    fuzzed one request at a time."""
    paths = {}
    for path, item in doc["paths"].items():
        kept = {m: op for m, op in item.items() if not is_stream(op)}
        if kept:
            paths[path] = kept
    return {**doc, "paths": paths}


@pytest.fixture
def make_app(fresh_db):
    """Builds apps on one private database; more than one app stands for more
    than one worker process."""
    apps = []
    seen = []

    def build(**config):
        app = create_app({"DATABASE_URL": fresh_db, **BASE_CONFIG, **config})

        @app.after_request
        def record(response):
            body = None
            if response.mimetype == "application/json" and response.data:
                body = response.get_json(silent=True)
            seen.append(_answer(response, body))
            return response

        apps.append(app)
        return app

    yield build

    for app in apps:
        app.db.close()
    for rule, method, status, body, own in seen:
        # The OpenAPI document names the password fields; it holds no data.
        if body is not None and rule != "/api/openapi.json":
            assert not leaks(body, own), (rule, method, leaks(body, own))
        # Flask answers OPTIONS by itself, with an Allow header and no body.
        if rule is not None and rule.startswith("/api/") and method != "OPTIONS":
            check_against_document(rule, method, status, body)


def _answer(response, body) -> tuple:
    """What the leak scan needs of one answer: where, what, and whose."""
    own = None
    if current_user.is_authenticated:
        # Right after a login the session's user is known by id only.
        own = current_user.row.get("email")
        user = body.get("user") if isinstance(body, dict) else None
        if own is None and isinstance(user, dict):
            if user.get("user_id") == current_user.user_id:
                own = user.get("email")
    rule = request.url_rule.rule if request.url_rule else None
    return (rule, request.method, response.status_code, body, own)


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def log_in(client, username: str = "alice", password: str = PASSWORD):
    response = client.post(
        "/api/auth/login", json={"login": username, "password": password}
    )
    assert response.status_code == 200, response.json
    return response.json["user"]
