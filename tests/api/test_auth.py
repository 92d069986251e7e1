"""Register, log in, log out, who am I."""

import time
from datetime import timedelta

import pytest

from api import create_app
from api.web import OPENED_COOKIE_CHARS
from tests.api.conftest import error_code, log_in
from tests.world import PASSWORD

NEW = {
    "username": "newcomer",
    "email": "newcomer@example.com",
    "display_name": "New Comer",
    "password": "a long enough secret",
}


def test_registering_logs_the_new_user_in(client):
    response = client.post("/api/auth/register", json=NEW)
    me = client.get("/api/auth/me")

    assert response.status_code == 201
    assert response.json["user"]["username"] == "newcomer"
    assert "password" not in str(response.json)
    assert me.json["user"]["email"] == "newcomer@example.com"


def test_the_session_cookie_is_http_only_and_same_site(client):
    response = client.post("/api/auth/register", json=NEW)

    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_registering_a_taken_username_or_email_is_a_conflict(client):
    taken_name = client.post("/api/auth/register", json={**NEW, "username": "Alice"})
    taken_mail = client.post(
        "/api/auth/register", json={**NEW, "email": "ALICE@example.com"}
    )

    assert taken_name.status_code == 409
    assert error_code(taken_name) == "username_taken"
    assert taken_mail.status_code == 409
    assert error_code(taken_mail) == "email_taken"


def test_registration_reports_every_bad_field_at_once(client):
    response = client.post(
        "/api/auth/register",
        json={"username": "x", "email": "nope", "display_name": "", "password": 5},
    )

    assert response.status_code == 400
    assert error_code(response) == "validation_failed"
    assert set(response.json["error"]["details"]["fields"]) == {
        "username",
        "email",
        "display_name",
        "password",
    }


def test_password_length_rules_give_clear_messages(client):
    short = client.post("/api/auth/register", json={**NEW, "password": "seven77"})
    long_bytes = client.post("/api/auth/register", json={**NEW, "password": "é" * 37})
    just_fits = client.post("/api/auth/register", json={**NEW, "password": "é" * 36})

    assert short.status_code == 400
    assert "at least 8" in short.json["error"]["details"]["fields"]["password"]
    assert long_bytes.status_code == 400
    assert "72 bytes" in long_bytes.json["error"]["details"]["fields"]["password"]
    assert just_fits.status_code == 201


def test_overlong_and_wrongly_typed_fields_are_refused_and_nothing_is_written(client):
    for body in (
        {**NEW, "username": "u" * 5000},
        {**NEW, "display_name": "d" * 61},
        {**NEW, "email": ["a@b.c"]},
        {**NEW, "username": None},
    ):
        response = client.post("/api/auth/register", json=body)
        assert response.status_code == 400, body

    login = client.post(
        "/api/auth/login", json={"login": "newcomer", "password": NEW["password"]}
    )
    assert login.status_code == 401


@pytest.mark.parametrize(
    "email", ["x@y", "x@y.", "x@.y", "x@y..z", "@y.z", "x y@z.org"]
)
def test_an_email_needs_a_domain_with_a_dot(client, email):
    response = client.post("/api/auth/register", json={**NEW, "email": email})

    assert response.status_code == 400
    assert response.json["error"]["details"]["fields"]["email"] == (
        "must be an email address"
    )


def test_an_ideographic_full_stop_in_the_domain_is_a_dot(client):
    response = client.post(
        "/api/auth/register",
        json={**NEW, "email": "newcomer@\u4f8b\u3048\u3002\u30c6\u30b9\u30c8"},
    )

    assert response.status_code == 201
    assert response.json["user"]["email"] == "newcomer@\u4f8b\u3048.\u30c6\u30b9\u30c8"


def test_a_body_that_is_not_a_json_object_is_refused(client):
    as_list = client.post("/api/auth/register", json=[1, 2])
    broken = client.post(
        "/api/auth/register", data="{", content_type="application/json"
    )
    as_form = client.post("/api/auth/register", data=NEW)

    assert as_list.status_code == 400
    assert error_code(as_list) == "invalid_json"
    assert broken.status_code == 400
    assert as_form.status_code == 415
    assert error_code(as_form) == "unsupported_media_type"


def test_login_accepts_the_username_or_the_email(client):
    by_name = client.post(
        "/api/auth/login", json={"login": "alice", "password": PASSWORD}
    )
    by_mail = client.post(
        "/api/auth/login", json={"login": "Alice@example.com", "password": PASSWORD}
    )

    assert by_name.status_code == 200
    assert by_mail.json["user"]["username"] == "alice"


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(client):
    wrong = client.post("/api/auth/login", json={"login": "alice", "password": "nope"})
    nobody = client.post("/api/auth/login", json={"login": "ghost", "password": "nope"})

    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json == nobody.json


def session_cookie(app) -> str:
    """The session cookie of a fresh login, once used (its signature has
    been checked)."""
    client = app.test_client()
    log_in(client)
    assert client.get("/api/auth/me").status_code == 200
    return client.get_cookie("boxoffice_session").value


def with_cookie(app, value: str):
    """A new browser that sends `value` as its session cookie."""
    client = app.test_client()
    client.set_cookie("boxoffice_session", value)
    return client


def test_logging_out_ends_the_session_even_for_a_replayed_cookie(app):
    client = app.test_client()
    log_in(client)
    cookie = client.get_cookie("boxoffice_session").value

    logout = client.post("/api/auth/logout", json={})
    replay = with_cookie(app, cookie)

    assert logout.status_code == 204
    assert client.get("/api/auth/me").status_code == 401
    assert replay.get("/api/auth/me").status_code == 401


def test_me_without_a_session_is_unauthenticated(client):
    response = client.get("/api/auth/me")

    assert response.status_code == 401
    assert error_code(response) == "unauthenticated"


def test_a_forged_cookie_is_not_a_session(client):
    client.set_cookie("boxoffice_session", "forged.cookie.value")

    assert client.get("/api/auth/me").status_code == 401


def test_a_cookie_checked_before_is_refused_once_too_old(app):
    cookie = session_cookie(app)

    # The signature was checked on the requests above; the cookie's age is
    # checked on every one. (The server session would still hold.)
    app.permanent_session_lifetime = timedelta(seconds=1)
    time.sleep(2.1)

    assert with_cookie(app, cookie).get("/api/auth/me").status_code == 401


def test_a_cookie_changed_after_being_checked_is_refused(app):
    payload, _, signature = session_cookie(app).rpartition(".")
    # A character in the middle: the last one carries bits the decoder
    # ignores, so some changes to it leave the signature as it was.
    middle = len(signature) // 2
    changed = "A" if signature[middle] != "A" else "B"
    flipped = signature[:middle] + changed + signature[middle + 1 :]

    forged = with_cookie(app, f"{payload}.{flipped}")

    assert forged.get("/api/auth/me").status_code == 401


def test_the_cookies_the_app_issues_are_checked_once(app):
    cookie = session_cookie(app)

    assert cookie in app.session_interface._opened


def test_padded_cookies_are_not_remembered(app):
    # Text after the signature's padding is ignored when it is decoded.
    padded = with_cookie(app, session_cookie(app) + "=" + "x" * 600)

    assert padded.get("/api/auth/me").status_code == 200
    assert all(
        len(text) <= OPENED_COOKIE_CHARS for text in app.session_interface._opened
    )


@pytest.mark.parametrize("content", ["not-a-uuid", "9" * 5000, 12, ["a"], {"a": 1}])
def test_a_signed_cookie_without_a_session_id_is_no_session(app, content):
    signer = app.session_interface.get_signing_serializer(app)
    client = with_cookie(app, signer.dumps({"_user_id": content}))

    assert client.get("/api/auth/me").status_code == 401


def test_passwords_are_hashed_with_cost_twelve_by_default(fresh_db):
    app = create_app({"DATABASE_URL": fresh_db, "SECRET_KEY": "k"})
    try:
        assert app.config["BCRYPT_ROUNDS"] == 12
        assert app.config["DUMMY_HASH"].startswith("$2b$12$")
    finally:
        app.db.close()


def test_logging_in_again_ends_the_session_the_browser_had(app):
    client = app.test_client()
    log_in(client)
    first = client.get_cookie("boxoffice_session").value
    log_in(client)

    replay = with_cookie(app, first)

    assert client.get("/api/auth/me").status_code == 200
    assert replay.get("/api/auth/me").status_code == 401


def test_a_login_name_in_another_unicode_form_finds_the_account(client):
    client.post("/api/auth/register", json={**NEW, "username": "Kate_K"})
    client.post("/api/auth/logout", json={})

    kelvin = client.post(
        "/api/auth/login",
        json={"login": "\u212aate_\u212a", "password": NEW["password"]},
    )
    shouted_email = client.post(
        "/api/auth/login",
        json={"login": "NEWCOMER@EXAMPLE.COM", "password": NEW["password"]},
    )

    assert kelvin.status_code == 200
    assert kelvin.json["user"]["username"] == "Kate_K"
    assert shouted_email.status_code == 200
