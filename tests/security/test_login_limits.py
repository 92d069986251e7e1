"""Logging in reveals nothing, and guessing is limited per account and per
client address across every worker."""

import statistics
import time

import psycopg

from tests.security.conftest import log_in
from tests.world import PASSWORD

WRONG = "not the password at all"


def _login(client, login: str, password: str = WRONG, **headers):
    return client.post(
        "/api/auth/login", json={"login": login, "password": password}, headers=headers
    )


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer_in_similar_time(
    make_app,
):
    # Real bcrypt cost, so that a skipped hash check would show in the timing.
    app = make_app(BCRYPT_ROUNDS=12, LOGIN_MAX_FAILURES_PER_ACCOUNT=100)
    client = app.test_client()
    registered = client.post(
        "/api/auth/register",
        json={
            "username": "timed",
            "email": "timed@example.com",
            "display_name": "Timed",
            "password": "a long enough secret",
        },
    )
    client.post("/api/auth/logout", json={})

    answers = {"unknown": [], "wrong": []}
    timings = {"unknown": [], "wrong": []}
    for _ in range(5):
        for kind, login in (("unknown", "nobody-here"), ("wrong", "timed")):
            started = time.perf_counter()
            response = _login(client, login)
            timings[kind].append(time.perf_counter() - started)
            answers[kind].append((response.status_code, response.json))

    unknown, wrong = (statistics.median(timings[k]) for k in ("unknown", "wrong"))
    assert registered.status_code == 201
    assert answers["unknown"] == answers["wrong"]
    assert answers["wrong"][0][0] == 401
    assert max(unknown, wrong) / min(unknown, wrong) < 3


def test_after_five_failures_an_account_is_refused_with_429_and_retry_after(client):
    failures = [_login(client, "alice").status_code for _ in range(5)]
    blocked = _login(client, "alice", PASSWORD)
    other = _login(client, "bob", PASSWORD)

    assert failures == [401] * 5
    assert blocked.status_code == 429
    assert blocked.json["error"]["code"] == "too_many_attempts"
    assert 1 <= int(blocked.headers["Retry-After"]) <= 900
    assert blocked.json["error"]["details"]["retry_after_seconds"] == int(
        blocked.headers["Retry-After"]
    )
    assert other.status_code == 200


def test_the_account_limit_ignores_the_case_of_the_login(client):
    for name in ("alice", "ALICE", "Alice", "aLiCe", "alicE"):
        _login(client, name)

    assert _login(client, "alice", PASSWORD).status_code == 429


def test_a_client_address_trying_many_accounts_is_refused(make_app):
    client = make_app(LOGIN_MAX_FAILURES_PER_CLIENT=4).test_client()
    failures = [_login(client, f"guess{i}").status_code for i in range(4)]

    blocked = _login(client, "bob", PASSWORD)

    assert failures == [401] * 4
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers


def test_a_forged_x_forwarded_for_does_not_reset_the_client_limit(make_app):
    client = make_app(LOGIN_MAX_FAILURES_PER_CLIENT=4).test_client()
    for i in range(4):
        _login(client, f"guess{i}", **{"X-Forwarded-For": f"203.0.113.{i}"})

    blocked = _login(client, "bob", PASSWORD, **{"X-Forwarded-For": "198.51.100.77"})

    assert blocked.status_code == 429


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(make_app):
    client = make_app(LOGIN_MAX_FAILURES_PER_CLIENT=4, PROXY_COUNT=1).test_client()
    for i in range(4):
        _login(client, f"guess{i}", **{"X-Forwarded-For": "203.0.113.9"})

    other_client = _login(
        client, "bob", PASSWORD, **{"X-Forwarded-For": "198.51.100.77"}
    )
    same_client = _login(client, "bob", PASSWORD, **{"X-Forwarded-For": "203.0.113.9"})

    assert other_client.status_code == 200
    assert same_client.status_code == 429


def test_the_limits_hold_across_workers_because_the_database_counts(make_app, fresh_db):
    first_worker = make_app().test_client()
    second_worker = make_app().test_client()
    for _ in range(3):
        _login(first_worker, "carol")
    for _ in range(2):
        _login(second_worker, "carol")

    blocked = _login(first_worker, "carol", PASSWORD)
    with psycopg.connect(fresh_db) as conn:
        counted = conn.execute(
            "select count(*) from account.login_failures where login_key = 'carol'"
        ).fetchone()[0]

    assert counted == 5
    assert blocked.status_code == 429


def test_a_successful_login_still_works_below_the_limit(client):
    for _ in range(4):
        _login(client, "alice")

    assert log_in(client)["username"] == "alice"


def test_a_blank_login_is_a_400_and_counts_nothing(client, fresh_db):
    response = _login(client, "   ")
    with psycopg.connect(fresh_db) as conn:
        counted = conn.execute("select count(*) from account.login_failures").fetchone()

    assert response.status_code == 400
    assert "login" in response.json["error"]["details"]["fields"]
    assert counted == (0,)
