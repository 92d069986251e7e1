"""Input meant to confuse the edge gets a clear 4xx, never a 500."""

import pytest

from tests.api.conftest import error_code, log_in


@pytest.mark.parametrize(
    "path",
    [
        "/api/performances/%C2%B2",
        "/api/performances/%D9%A1%D9%A2",
        "/api/performances/%EF%BC%91%EF%BC%92",
        "/api/performances/%C2%B2/seats",
        "/api/performances/-1",
        "/api/performances/0",
        "/api/performances/01",
        "/api/performances/0001/seats/status",
    ],
)
def test_ids_that_are_not_written_as_plain_ids_are_not_found(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert error_code(response) == "performance_not_found"


@pytest.mark.parametrize(
    "query",
    ["page=%C2%B2", "genre_id=%C2%B9", "venue_id=%E2%91%A0", "page=--1", "page=1e3"],
)
def test_query_numbers_that_are_not_plain_digits_are_refused(client, query):
    response = client.get(f"/api/performances?{query}")

    assert response.status_code == 400
    assert error_code(response) == "validation_failed"


def test_unicode_digit_booking_ids_are_not_found(client):
    log_in(client)

    read = client.get("/api/bookings/%C2%B2")
    cancel = client.post("/api/bookings/%C2%B2/cancel", json={})

    assert read.status_code == cancel.status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"login": "alice\u0000", "password": "x"},
        {"login": "alice", "password": "pass\ud800word"},
        {"login": "\udfff", "password": "whatever1"},
    ],
)
def test_nul_and_lone_surrogates_in_text_are_refused(client, body):
    response = client.post("/api/auth/login", json=body)

    assert response.status_code == 400
    assert error_code(response) == "validation_failed"


def test_nul_in_a_registration_field_is_refused_and_nothing_is_written(client):
    response = client.post(
        "/api/auth/register",
        json={
            "username": "nulled",
            "email": "nul@example.com",
            "display_name": "Nul\u0000Name",
            "password": "long enough password",
        },
    )
    login = client.post(
        "/api/auth/login", json={"login": "nulled", "password": "long enough password"}
    )

    assert response.status_code == 400
    assert "display_name" in response.json["error"]["details"]["fields"]
    assert login.status_code == 401


def test_json_nested_past_the_parser_limit_is_invalid_json(client):
    body = "[" * 5000 + "]" * 5000

    response = client.post(
        "/api/auth/login", data=body, content_type="application/json"
    )

    assert response.status_code == 400
    assert error_code(response) == "invalid_json"


def test_an_oversized_body_is_refused_as_too_large(client):
    response = client.post(
        "/api/auth/login",
        data='{"login": "' + "x" * 70_000 + '"}',
        content_type="application/json",
    )

    assert response.status_code == 413
    assert error_code(response) == "request_too_large"


def test_seat_ids_beyond_eighteen_digits_are_refused_at_the_edge(client, world):
    log_in(client)

    response = client.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [9223372036854775807],
        },
    )

    assert response.status_code == 400
    assert "seat_ids" in response.json["error"]["details"]["fields"]


def test_a_get_on_a_post_only_route_is_method_not_allowed(client):
    login = client.get("/api/auth/login")
    unknown = client.post("/api/no-such-route", json={})

    assert login.status_code == 405
    assert error_code(login) == "method_not_allowed"
    assert unknown.status_code == 404
    assert error_code(unknown) == "not_found"


def test_paths_outside_the_build_reveal_nothing_about_the_disk(app, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>app</title>")
    (dist / "app.js").write_text("console.log(1)")
    (tmp_path / "secret_key").write_text("do not serve")
    app.config["FRONTEND_DIST"] = dist
    client = app.test_client()

    exists = client.get("/..%2fsecret_key")
    missing = client.get("/..%2fno_such_file")
    long_name = client.get("/" + "a" * 300)
    asset = client.get("/app.js")

    assert exists.status_code == missing.status_code == 200
    assert exists.data == missing.data == b"<!doctype html><title>app</title>"
    assert long_name.status_code == 200
    assert asset.data == b"console.log(1)"


def test_a_page_past_the_end_still_reports_the_total(client):
    response = client.get("/api/performances?page=99&page_size=10")

    assert response.status_code == 200
    assert response.json["items"] == []
    assert response.json["total"] == 5


@pytest.mark.parametrize(
    "display_name",
    ["\u200b", "\u202eevil", "bell\u0007", "line\nbreak", "e" + "\u0301" * 5],
)
def test_display_names_must_be_plain_visible_text(client, display_name):
    response = client.post(
        "/api/auth/register",
        json={
            "username": "visible",
            "email": "visible@example.com",
            "display_name": display_name,
            "password": "long enough password",
        },
    )

    assert response.status_code == 400
    assert "display_name" in response.json["error"]["details"]["fields"]


def test_an_email_with_an_invisible_character_is_refused(client):
    response = client.post(
        "/api/auth/register",
        json={
            "username": "lookalike",
            "email": "alice@example.com\u200b",
            "display_name": "Look Alike",
            "password": "long enough password",
        },
    )

    assert response.status_code == 400
    assert "email" in response.json["error"]["details"]["fields"]


def test_a_name_with_ordinary_accents_is_welcome(client):
    response = client.post(
        "/api/auth/register",
        json={
            "username": "zoe_s",
            "email": "zoe@example.com",
            "display_name": "Zoë Ștefănescu-Nyström",
            "password": "long enough password",
        },
    )

    assert response.status_code == 201
