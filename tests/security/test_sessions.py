"""Sessions: new at every login, ended on the server, cookies locked down."""

from http.cookies import SimpleCookie

from tests.security.conftest import log_in

COOKIE = "boxoffice_session"


def _cookie(client) -> str | None:
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None


def _set_cookie(response) -> SimpleCookie:
    jar = SimpleCookie()
    jar.load(response.headers["Set-Cookie"])
    return jar


def test_logging_in_again_gives_a_new_session_cookie(client):
    log_in(client)
    first = _cookie(client)
    log_in(client)
    second = _cookie(client)

    assert first and second
    assert first != second


def test_a_cookie_set_before_login_does_not_survive_it(client):
    client.set_cookie(COOKIE, "planted-by-someone-else")
    log_in(client)

    assert _cookie(client) != "planted-by-someone-else"
    assert client.get("/api/auth/me").status_code == 200


def test_logout_ends_the_session_on_the_server_so_a_replayed_cookie_is_refused(app):
    client = app.test_client()
    log_in(client)
    stolen = _cookie(client)
    client.post("/api/auth/logout", json={})

    replay = app.test_client()
    replay.set_cookie(COOKIE, stolen)

    assert replay.get("/api/auth/me").status_code == 401
    assert replay.get("/api/bookings").status_code == 401


def test_the_session_cookie_is_http_only_lax_and_not_secure_over_plain_http(client):
    response = client.post(
        "/api/auth/login", json={"login": "alice", "password": "correct horse battery"}
    )
    morsel = _set_cookie(response)[COOKIE]

    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert not morsel["secure"]


def test_the_session_cookie_is_secure_when_the_request_came_over_https(app):
    client = app.test_client()
    response = client.post(
        "/api/auth/login",
        json={"login": "alice", "password": "correct horse battery"},
        base_url="https://localhost",
    )

    assert _set_cookie(response)[COOKIE]["secure"] is True
    assert "Strict-Transport-Security" in response.headers


def test_the_session_cookie_is_secure_when_configured_so(make_app):
    client = make_app(SESSION_COOKIE_SECURE=True).test_client()
    response = client.post(
        "/api/auth/login", json={"login": "alice", "password": "correct horse battery"}
    )

    assert _set_cookie(response)[COOKIE]["secure"] is True


def test_a_password_change_ends_the_users_other_sessions_on_the_server(app):
    here, elsewhere = app.test_client(), app.test_client()
    log_in(here)
    log_in(elsewhere)
    stolen = _cookie(elsewhere)

    changed = here.post(
        "/api/profile/password",
        json={
            "current_password": "correct horse battery",
            "new_password": "an even longer new secret",
        },
    )
    replay = app.test_client()
    replay.set_cookie(COOKIE, stolen)

    assert changed.status_code in {200, 204}
    assert elsewhere.get("/api/auth/me").status_code == 401
    assert replay.get("/api/bookings").status_code == 401
    assert here.get("/api/auth/me").status_code == 200


def test_a_password_change_to_a_common_password_is_refused(client):
    log_in(client)
    response = client.post(
        "/api/profile/password",
        json={"current_password": "correct horse battery", "new_password": "password1"},
    )

    assert response.status_code == 400
    assert "too common" in str(response.json["error"]["details"]["fields"])
