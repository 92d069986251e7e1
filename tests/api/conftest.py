"""An app per test on a private database, and a check that every answer the
tests see matches the OpenAPI document."""

import re

import jsonschema
import pytest
from flask import request

from api import create_app
from api.openapi import document
from tests.world import PASSWORD

DOC = document()


def _template(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


def check_against_document(rule: str, method: str, status: int, body) -> None:
    path = DOC["paths"].get(_template(rule))
    assert path is not None, f"{rule} is not in the OpenAPI document"
    operation = path.get(method.lower())
    assert operation is not None, f"{method} {rule} is not in the OpenAPI document"
    answer = operation["responses"].get(str(status))
    assert answer is not None, f"{method} {rule} answered {status}, not documented"
    content = answer.get("content")
    if content is None:
        assert not body, f"{method} {rule} {status} should have no body"
        return
    if "application/json" not in content:
        return  # an event stream: its own tests read what it sends
    schema = dict(content["application/json"]["schema"], components=DOC["components"])
    jsonschema.Draft202012Validator(schema).validate(body)


@pytest.fixture
def app(fresh_db):
    app = create_app(
        {
            "DATABASE_URL": fresh_db,
            "SECRET_KEY": "test secret",
            "BCRYPT_ROUNDS": 4,
            "DB_POOL_SIZE": 4,
            "TESTING": True,
        }
    )
    seen = []

    @app.after_request
    def record(response):
        rule = request.url_rule
        if rule is not None and rule.rule.startswith("/api/"):
            body = response.get_json(silent=True) if response.data else None
            seen.append(
                (request.url_rule.rule, request.method, response.status_code, body)
            )
        return response

    yield app
    app.db.close()
    for rule, method, status, body in seen:
        check_against_document(rule, method, status, body)


@pytest.fixture
def client(app):
    return app.test_client()


def log_in(client, username: str = "alice") -> dict:
    response = client.post(
        "/api/auth/login", json={"login": username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.json
    return response.json["user"]


def error_code(response) -> str:
    return response.json["error"]["code"]
