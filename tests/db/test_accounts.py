"""account.register_user, get_user_for_login and the session routines."""

import uuid

from tests.db.conftest import call, raises
from tests.world import PASSWORD_HASH


def register(conn, username="dora", email="dora@example.com", name="Dora"):
    return call(
        conn,
        "account.register_user",
        username=username,
        email=email,
        display_name=name,
        password_hash=PASSWORD_HASH,
    )


def test_registering_returns_the_new_account_without_its_hash(conn):
    rows = register(conn)

    assert len(rows) == 1
    assert rows[0]["username"] == "dora"
    assert rows[0]["email"] == "dora@example.com"
    assert rows[0]["display_name"] == "Dora"
    assert "password_hash" not in rows[0]


def test_a_username_is_taken_whatever_its_case(conn):
    with raises(conn, "username_taken"):
        register(conn, username="ALICE", email="someone@example.com")


def test_an_email_is_taken_whatever_its_case(conn):
    with raises(conn, "email_taken"):
        register(conn, username="newbie", email="Alice@Example.COM")


def test_a_badly_formed_username_is_refused(conn):
    for username in ("ab", "has space", "x" * 31, "semi;colon", ""):
        with raises(conn, "validation_failed"):
            register(conn, username=username)


def test_a_badly_formed_email_is_refused(conn):
    for email in ("no-at-sign", "two@@example.com", "a@" + "b" * 260):
        with raises(conn, "validation_failed"):
            register(conn, email=email)


def test_a_blank_display_name_is_refused(conn):
    with raises(conn, "validation_failed"):
        register(conn, name="   ")


def test_login_finds_the_account_by_username_or_email_in_any_case(conn, world):
    by_name = call(conn, "account.get_user_for_login", login="ALICE")
    by_email = call(conn, "account.get_user_for_login", login="alice@EXAMPLE.com")

    assert by_name[0]["user_id"] == world.users["alice"]
    assert by_email[0]["user_id"] == world.users["alice"]
    assert by_name[0]["password_hash"] == PASSWORD_HASH


def test_login_finds_nothing_for_an_unknown_name(conn):
    assert call(conn, "account.get_user_for_login", login="nobody") == []


def test_a_session_names_its_user_until_it_is_ended(conn, world):
    session = call(
        conn,
        "account.create_session",
        user_id=world.users["bob"],
        lifetime_seconds=3600,
    )[0]

    user = call(conn, "account.get_session_user", session_id=session["session_id"])
    ended = call(conn, "account.end_session", session_id=session["session_id"])
    after = call(conn, "account.get_session_user", session_id=session["session_id"])
    again = call(conn, "account.end_session", session_id=session["session_id"])

    assert user[0]["username"] == "bob"
    assert ended == [{"ended": True}]
    assert after == []
    assert again == [{"ended": False}]


def test_an_expired_session_names_nobody(conn, world):
    session_id = conn.execute(
        "insert into account.sessions (user_id, created_at, expires_at) "
        "values (%s, now() - interval '2 days', now() - interval '1 day') "
        "returning session_id",
        (world.users["bob"],),
    ).fetchone()["session_id"]

    assert call(conn, "account.get_session_user", session_id=session_id) == []


def test_an_unknown_session_names_nobody(conn):
    assert call(conn, "account.get_session_user", session_id=uuid.uuid4()) == []


def test_a_session_for_an_unknown_user_is_refused(conn):
    with raises(conn, "user_not_found"):
        call(conn, "account.create_session", user_id=99999999, lifetime_seconds=600)
