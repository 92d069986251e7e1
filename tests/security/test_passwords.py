"""Password rules: length in characters and bytes, common passwords, cost."""

import bcrypt
import psycopg
import pytest

from api import create_app
from api.limits import common_passwords, is_common_password

NEW = {
    "username": "newcomer",
    "email": "newcomer@example.com",
    "display_name": "New Comer",
}


def _users_named(url: str, username: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select count(*) from account.users where username = %s", (username,)
        ).fetchone()[0]


@pytest.mark.parametrize(
    "password",
    ["short7!", "x" * 73, "é" * 37, "a" * 200],
    ids=["7 characters", "73 bytes", "74 bytes in 37 characters", "200 characters"],
)
def test_a_password_too_short_or_too_long_is_a_clear_400_and_registers_no_one(
    client, fresh_db, password
):
    response = client.post("/api/auth/register", json={**NEW, "password": password})

    assert response.status_code == 400
    assert response.json["error"]["code"] == "validation_failed"
    assert "password" in response.json["error"]["details"]["fields"]
    assert _users_named(fresh_db, "newcomer") == 0


def test_a_72_byte_password_is_kept_whole_so_its_73_byte_extension_does_not_log_in(
    client,
):
    password = "k" * 71 + "Q"
    registered = client.post("/api/auth/register", json={**NEW, "password": password})
    client.post("/api/auth/logout", json={})

    longer = client.post(
        "/api/auth/login", json={"login": "newcomer", "password": password + "!"}
    )
    exact = client.post(
        "/api/auth/login", json={"login": "newcomer", "password": password}
    )

    assert registered.status_code == 201
    assert longer.status_code == 401
    assert exact.status_code == 200


@pytest.mark.parametrize(
    "password", ["password123", "Qwerty2024", "iloveyou!", "1q2w3e4r5t"]
)
def test_a_common_breached_password_is_refused_at_registration(
    client, fresh_db, password
):
    response = client.post("/api/auth/register", json={**NEW, "password": password})

    assert response.status_code == 400
    assert "too common" in response.json["error"]["details"]["fields"]["password"]
    assert _users_named(fresh_db, "newcomer") == 0


def test_the_common_password_list_is_thousands_long_and_ignores_case():
    assert len(common_passwords()) > 5000
    assert is_common_password("PassWord123")
    assert not is_common_password("correct horse battery staple")


def test_passwords_are_hashed_with_bcrypt_cost_12_by_default(fresh_db):
    app = create_app({"DATABASE_URL": fresh_db, "SECRET_KEY": "test secret"})
    try:
        client = app.test_client()
        response = client.post(
            "/api/auth/register", json={**NEW, "password": "a long enough secret"}
        )
        with psycopg.connect(fresh_db) as conn:
            stored = conn.execute(
                "select password_hash from account.users where username = 'newcomer'"
            ).fetchone()[0]
    finally:
        app.db.close()

    assert response.status_code == 201
    assert app.config["BCRYPT_ROUNDS"] == 12
    assert stored.startswith("$2b$12$")
    assert app.config["DUMMY_HASH"].startswith("$2b$12$")
    assert bcrypt.checkpw(b"a long enough secret", stored.encode())
