"""Brute-force counters and idempotent bookings in the database."""

import threading

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.db.conftest import call, raises

HASH_A = "a" * 64
HASH_B = "b" * 64


def _check(conn, login="alice", client="10.0.0.1", per_login=3, per_client=10):
    return call(
        conn,
        "account.check_login_allowed",
        login=login,
        client_address=client,
        window_seconds=900,
        max_per_login=per_login,
        max_per_client=per_client,
    )


def _fail(conn, login="alice", client="10.0.0.1"):
    return call(
        conn,
        "account.record_login_failure",
        login=login,
        client_address=client,
        window_seconds=900,
    )


def test_refused_logins_are_counted_per_name_and_per_address(conn):
    _fail(conn, "Alice", "10.0.0.1")
    counts = _fail(conn, "alice", "10.0.0.2")[0]

    assert counts == {"login_failures": 2, "client_failures": 1}
    assert _check(conn)[0] == {"login_failures": 2, "client_failures": 1}


def test_a_name_at_its_limit_is_refused_with_a_retry_delay_within_the_window(conn):
    for _ in range(3):
        _fail(conn)

    with raises(conn, "too_many_attempts") as caught:
        _check(conn)

    assert 1 <= int(caught.value.diag.message_detail.split(":")[1].strip(" }")) <= 900


def test_an_address_at_its_limit_is_refused_whatever_the_name(conn):
    for i in range(3):
        _fail(conn, f"user{i}", "10.9.9.9")

    with raises(conn, "too_many_attempts"):
        _check(conn, "someone-else", "10.9.9.9", per_client=3)


def test_failures_older_than_the_window_no_longer_count_and_are_forgotten(conn):
    for _ in range(3):
        _fail(conn)
    conn.execute(
        "update account.login_failures set failed_at = now() - interval '1 hour'"
    )

    allowed = _check(conn)[0]
    counts = _fail(conn)[0]
    kept = conn.execute("select count(*) as n from account.login_failures").fetchone()

    assert allowed["login_failures"] == 0
    assert counts["login_failures"] == 1
    assert kept["n"] == 1


def test_the_login_counters_refuse_blank_input(conn):
    with raises(conn, "validation_failed"):
        _fail(conn, "", "10.0.0.1")
    with raises(conn, "validation_failed"):
        _check(conn, "alice", "")


def _book(conn, world, key="key-1", request_hash=HASH_A, seats=None, user="alice"):
    return call(
        conn,
        "booking.book_seats_idempotent",
        user_id=world.users[user],
        performance_id=world.performances["hamlet_soon"],
        seat_ids=seats or [world.hall("A", 3), world.hall("A", 4)],
        idempotency_key=key,
        request_hash=request_hash,
    )


def _bookings(conn, world, user="alice") -> int:
    return conn.execute(
        "select count(*) as n from booking.bookings where user_id = %s",
        (world.users[user],),
    ).fetchone()["n"]


def test_a_retried_key_returns_the_first_booking_and_books_nothing_more(conn, world):
    first = _book(conn, world)
    again = _book(conn, world)

    assert again == first
    assert first[0]["seat_count"] == 2
    assert _bookings(conn, world) == 1


def test_a_key_reused_for_another_request_is_refused(conn, world):
    _book(conn, world)

    with raises(conn, "idempotency_key_reused"):
        _book(conn, world, request_hash=HASH_B, seats=[world.hall("B", 1)])

    assert _bookings(conn, world) == 1


def test_keys_belong_to_their_user(conn, world):
    mine = _book(conn, world, seats=[world.hall("A", 5)])
    theirs = _book(conn, world, seats=[world.hall("A", 6)], user="bob")

    assert mine[0]["booking_id"] != theirs[0]["booking_id"]
    assert theirs[0]["user_id"] == world.users["bob"]


def test_a_failed_booking_leaves_no_key_behind(conn, world):
    _book(conn, world, key="taken", seats=[world.hall("B", 2)], user="bob")

    with raises(conn, "seat_taken"):
        _book(conn, world, key="mine", seats=[world.hall("B", 2)])
    keys = conn.execute(
        "select count(*) as n from booking.idempotency_keys"
        " where idempotency_key = 'mine'"
    ).fetchone()

    assert keys["n"] == 0


@pytest.mark.parametrize("key", ["", "with space", "x" * 101, "naïve", None])
def test_a_malformed_key_is_refused(conn, world, key):
    with raises(conn, "validation_failed"):
        _book(conn, world, key=key)


def test_a_malformed_request_hash_is_refused(conn, world):
    with raises(conn, "validation_failed"):
        _book(conn, world, request_hash="ABC")


def test_the_booking_transaction_commits_synchronously_whatever_the_session_says(
    conn, world
):
    conn.execute("set synchronous_commit = off")

    _book(conn, world)
    setting = conn.execute(
        "select current_setting('synchronous_commit') as s"
    ).fetchone()

    assert setting["s"] == "on"


def test_a_concurrent_attempt_with_the_same_key_waits_and_gets_the_same_booking(
    fresh_db, world
):
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    second = psycopg.connect(fresh_db, row_factory=dict_row)
    results = {}

    def run_second():
        with second.transaction():
            results["second"] = _book(second, world)

    try:
        with first.transaction():
            results["first"] = _book(first, world)
            waiter = threading.Thread(target=run_second)
            waiter.start()
            waiter.join(timeout=1)
            # Still waiting on the key's unique index while the first is open.
            results["waited"] = waiter.is_alive()
        waiter.join(timeout=10)
        count = _bookings(first, world)
    finally:
        first.close()
        second.close()

    assert results["waited"] is True
    assert results["second"] == results["first"]
    assert count == 1
