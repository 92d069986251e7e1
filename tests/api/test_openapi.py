"""The OpenAPI document describes every route and nothing else."""

import re

import psycopg

from api import create_app
from tests.api.conftest import _template
from tests.world import PASSWORD
from tools.embedded import free_port


def test_every_api_route_is_in_the_document_and_every_path_is_a_route(app, client):
    doc = client.get("/api/openapi.json").json
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((_template(rule.rule), method.lower()))

    documented = {
        (path, method) for path, item in doc["paths"].items() for method in item
    }

    assert routes == documented


def test_every_operation_with_a_body_lists_the_refusals_of_any_write(client):
    doc = client.get("/api/openapi.json").json
    missing = {
        (path, method): sorted(
            {"400", "403", "408", "413", "415"} - set(op["responses"])
        )
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if "requestBody" in op
    }

    assert missing and not any(missing.values()), missing


def test_every_error_code_in_the_document_comes_from_the_catalog(client):
    doc = client.get("/api/openapi.json").json
    codes = doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"][
        "code"
    ]["enum"]

    assert "seat_taken" in codes
    assert all(re.fullmatch(r"[a-z_]+", code) for code in codes)


def test_unknown_routes_and_methods_answer_in_the_error_shape(client):
    missing = client.get("/api/no-such-thing")
    wrong_method = client.delete("/api/performances", json={})

    assert missing.status_code == 404
    assert missing.json["error"]["code"] == "not_found"
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"]["code"] == "method_not_allowed"


def test_every_answer_carries_the_security_headers(client):
    response = client.get("/api/performances")

    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_an_unreachable_database_gives_a_503_in_the_error_shape():
    port = free_port()
    app = create_app(
        {
            "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{port}/none",
            "SECRET_KEY": "k",
            "BCRYPT_ROUNDS": 4,
            "DB_POOL_TIMEOUT": 0.5,
        }
    )
    try:
        response = app.test_client().get("/api/performances")
    finally:
        app.db.close()

    assert response.status_code == 503
    assert response.json["error"]["code"] == "service_unavailable"
    assert response.headers["Retry-After"] == "5"


def test_a_routine_stuck_past_the_statement_timeout_gives_a_503(fresh_db, world):
    app = create_app(
        {
            "DATABASE_URL": fresh_db,
            "SECRET_KEY": "k",
            "BCRYPT_ROUNDS": 4,
            "DB_STATEMENT_TIMEOUT_MS": 300,
        }
    )
    client = app.test_client()
    client.post("/api/auth/login", json={"login": "alice", "password": PASSWORD})
    performance = world.performances["hamlet_soon"]
    try:
        # Another session holds the performance's row, so booking must wait.
        with psycopg.connect(fresh_db) as blocker:
            blocker.execute(
                "select 1 from catalog.performances where performance_id = %s "
                "for update",
                (performance,),
            )
            response = client.post(
                "/api/bookings",
                json={"performance_id": performance, "seat_ids": [world.hall("A", 3)]},
            )
    finally:
        app.db.close()

    assert response.status_code == 503
    assert response.json["error"]["code"] == "service_unavailable"
