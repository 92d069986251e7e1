"""POST /api/bookings with an Idempotency-Key: a retry books nothing more."""

import threading

import psycopg
import pytest

from tests.security.conftest import log_in


def _bookings(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select count(*) from booking.bookings").fetchone()[0]


def _book(client, world, key: str | None, seats=(("A", 3), ("A", 4))):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [world.hall(row, number) for row, number in seats],
        },
        headers=headers,
    )


def test_a_retry_with_the_same_key_gets_the_same_answer_and_books_nothing_more(
    client, fresh_db, world
):
    log_in(client)
    first = _book(client, world, "attempt-7f3a")
    retry = _book(client, world, "attempt-7f3a")

    assert first.status_code == retry.status_code == 201
    assert retry.json == first.json
    assert _bookings(fresh_db) == 1


def test_the_same_seats_in_another_order_count_as_the_same_request(
    client, fresh_db, world
):
    log_in(client)
    first = _book(client, world, "reordered", seats=(("A", 3), ("A", 4)))
    retry = _book(client, world, "reordered", seats=(("A", 4), ("A", 3)))

    assert retry.status_code == 201
    assert retry.json["booking_id"] == first.json["booking_id"]


def test_the_same_key_with_another_body_is_a_422_and_books_nothing(
    client, fresh_db, world
):
    log_in(client)
    _book(client, world, "attempt-1")
    reused = _book(client, world, "attempt-1", seats=(("B", 1),))

    assert reused.status_code == 422
    assert reused.json["error"]["code"] == "idempotency_key_reused"
    assert _bookings(fresh_db) == 1


@pytest.mark.parametrize(
    "key",
    ["", "has space", "x" * 101, "tab\there"],
    ids=["empty", "space", "101", "tab"],
)
def test_a_malformed_key_is_a_400_naming_the_header_and_books_nothing(
    client, fresh_db, world, key
):
    log_in(client)
    response = _book(client, world, key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json["error"]["details"]["fields"]
    assert _bookings(fresh_db) == 0


def test_a_refused_attempt_keeps_no_key_so_its_retry_can_succeed(
    make_app, fresh_db, world
):
    app = make_app()
    bob, alice = app.test_client(), app.test_client()
    log_in(bob, "bob")
    log_in(alice, "alice")
    bobs = _book(bob, world, None, seats=(("B", 2),))

    refused = _book(alice, world, "try-b2", seats=(("B", 2),))
    bob.post(f"/api/bookings/{bobs.json['booking_id']}/cancel", json={})
    retried = _book(alice, world, "try-b2", seats=(("B", 2),))

    assert refused.status_code == 409
    assert retried.status_code == 201


def test_two_concurrent_requests_with_one_key_make_one_booking(
    make_app, fresh_db, world
):
    app = make_app()
    clients = [app.test_client() for _ in range(4)]
    for each in clients:
        log_in(each, "alice")
    start = threading.Barrier(len(clients))
    answers = []

    def attempt(each):
        start.wait()
        answers.append(_book(each, world, "one-key-many-tabs"))

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [a.status_code for a in answers] == [201] * len(clients)
    assert len({a.json["booking_id"] for a in answers}) == 1
    assert _bookings(fresh_db) == 1
