"""Crashes in the middle of bookings: of the database server, and of an API
worker. Nothing acknowledged is lost, no group is half booked, and a retry
with the same Idempotency-Key ends in exactly one booking."""

import json
import os
import random
import signal
import socket
import threading
import time
import uuid

import psycopg
import requests

from tests.faults.conftest import logged_in, start_api

ROUNDS = 5
BUYERS = ("alice", "bob", "carol")


def _gallery(world) -> list[int]:
    keys = sorted(k for k in world.seats if k[1] == "Gallery")
    return [world.seats[k] for k in keys]


def _groups(seats: list[int], rng: random.Random) -> list[list[int]]:
    groups, start = [], 0
    while start < len(seats):
        size = rng.randint(2, 4)
        groups.append(seats[start : start + size])
        start += size
    return [g for g in groups if len(g) >= 2]


def test_the_database_keeps_synchronous_commit_for_bookings(database):
    with psycopg.connect(database.url) as conn:
        settings = dict(
            conn.execute(
                "select name, setting from pg_settings"
                " where name in ('fsync', 'synchronous_commit')"
            ).fetchall()
        )

    assert settings == {"fsync": "on", "synchronous_commit": "on"}


def test_killing_the_database_during_group_bookings_loses_nothing_acknowledged(
    database, api
):
    rng = random.Random(20261204)
    world = database.world
    # Every performance in the hall with the gallery, so each round has
    # plenty of groups left to book when the crash comes.
    performances = [
        world.performances[name]
        for name in ("hamlet_soon", "hamlet_later", "carmen_before_dst")
    ]
    plan = [(p, seats) for p in performances for seats in _groups(_gallery(world), rng)]
    rng.shuffle(plan)
    per_round = len(plan) // ROUNDS
    pending: list[tuple[int, list[int]]] = []
    lock = threading.Lock()
    acknowledged: dict[int, tuple[str, list[int]]] = {}
    unanswered: list[tuple[str, str, int, list[int]]] = []
    unexpected: list[tuple[int, str]] = []
    sessions = {user: logged_in(api, user) for user in BUYERS}

    def buyer(user: str, stop: threading.Event) -> None:
        while not stop.is_set():
            with lock:
                if not pending:
                    return
                performance, seats = pending.pop()
            key = uuid.uuid4().hex if len(seats) % 2 == 0 else None
            try:
                response = sessions[user].post(
                    f"{api.base}/api/bookings",
                    json={"performance_id": performance, "seat_ids": seats},
                    headers={"Idempotency-Key": key} if key else {},
                    timeout=20,
                )
            except requests.RequestException:
                response = None
            with lock:
                if response is not None and response.status_code == 201:
                    acknowledged[response.json()["booking_id"]] = (user, seats)
                elif response is None or response.status_code == 503:
                    if key:
                        unanswered.append((user, key, performance, seats))
                else:
                    unexpected.append((response.status_code, response.text))

    for round_number in range(ROUNDS):
        pending[:] = plan[round_number * per_round : (round_number + 1) * per_round]
        stop = threading.Event()
        threads = [threading.Thread(target=buyer, args=(u, stop)) for u in BUYERS]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.02, 0.3))
        database.crash()
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        database.restart()
        sessions = {user: logged_in(api, user) for user in BUYERS}

    # Requests cut off by a crash are retried with their keys: each ends in
    # one booking, the one that may already have been made.
    retried = {}
    for user, key, performance, seats in unanswered:
        for _ in range(20):
            response = sessions[user].post(
                f"{api.base}/api/bookings",
                json={"performance_id": performance, "seat_ids": seats},
                headers={"Idempotency-Key": key},
                timeout=20,
            )
            if response.status_code != 503:
                break
            time.sleep(0.3)
        retried[key] = response.status_code

    with psycopg.connect(database.url) as conn:
        partial = conn.execute(
            "select b.booking_id from booking.bookings b"
            " left join booking.booked_seats s using (booking_id)"
            " group by b.booking_id, b.seat_count"
            " having count(s.seat_id) <> b.seat_count"
        ).fetchall()
        stored = {
            booking_id: sorted(seat_ids)
            for booking_id, seat_ids in conn.execute(
                "select b.booking_id, array_agg(s.seat_id) from booking.bookings b"
                " join booking.booked_seats s using (booking_id)"
                " where b.status = 'confirmed' group by b.booking_id"
            ).fetchall()
        }
        per_key = conn.execute(
            "select count(*) from booking.idempotency_keys"
            " where idempotency_key = any(%s) and booking_id is not null",
            (list(retried),),
        ).fetchone()[0]

    assert acknowledged, "no booking was acknowledged before the crashes"
    assert unexpected == []
    assert partial == []
    for booking_id, (_, seats) in acknowledged.items():
        assert stored.get(booking_id) == sorted(seats), booking_id
    assert set(retried.values()) <= {201}
    assert per_key == len(retried)


def _wait_for_lock_waiter(url: str) -> None:
    deadline = time.monotonic() + 20
    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                "select count(*) from pg_stat_activity"
                " where wait_event_type = 'Lock' and query like '%book_seats%'"
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.1)
    raise AssertionError("the booking never reached the database")


def test_a_retry_after_a_worker_dies_mid_request_ends_in_exactly_one_booking(
    database, tmp_path
):
    api = start_api(database, tmp_path, workers=1)
    try:
        world = database.world
        performance = world.performances["hamlet_later"]
        alice = logged_in(api, "alice")
        key = "worker-crash-" + uuid.uuid4().hex
        request = {
            "url": f"{api.base}/api/bookings",
            "json": {
                "performance_id": performance,
                "seat_ids": [
                    world.seat("Test Hall", "Gallery", "A", n) for n in (1, 2)
                ],
            },
            "headers": {"Idempotency-Key": key},
            "timeout": 30,
        }
        outcome = {}

        def first_attempt():
            try:
                outcome["status"] = alice.post(**request).status_code
            except requests.RequestException as error:
                outcome["error"] = type(error).__name__

        # Another transaction holds the performance, so the booking waits
        # inside the database while its worker is killed.
        blocker = psycopg.connect(database.url)
        blocker.execute(
            "select 1 from catalog.performances where performance_id = %s for update",
            (performance,),
        )
        attempt = threading.Thread(target=first_attempt)
        attempt.start()
        _wait_for_lock_waiter(database.url)
        (worker,) = api.worker_pids()
        os.kill(worker, signal.SIGKILL)
        attempt.join(timeout=30)
        blocker.rollback()
        blocker.close()

        retry = None
        for _ in range(60):
            try:
                retry = alice.post(**request)
                if retry.status_code != 503:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        again = alice.post(**request)

        with psycopg.connect(database.url) as conn:
            bookings = conn.execute(
                "select count(*) from booking.bookings"
                " where user_id = %s and performance_id = %s",
                (world.users["alice"], performance),
            ).fetchone()[0]
    finally:
        api.process.terminate()
        api.process.wait(timeout=30)

    assert "status" not in outcome, outcome
    assert retry is not None and retry.status_code == 201
    assert again.status_code == 201
    assert again.json() == retry.json()
    assert bookings == 1


def _send_and_hang_up(base: str, cookie: str, body: str, key: str) -> None:
    """Sends a booking request and closes the connection without reading the
    answer, as a client whose network dies would."""
    host, port = base.removeprefix("http://").split(":")
    request = (
        "POST /api/bookings HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body.encode())}\r\n"
        f"Cookie: {cookie}\r\n"
        f"Idempotency-Key: {key}\r\n"
        "Connection: close\r\n\r\n"
        f"{body}"
    )
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request.encode())
        connection.shutdown(socket.SHUT_WR)


def test_a_client_that_never_saw_the_answer_retries_and_gets_the_booking_it_made(
    database, api
):
    world = database.world
    performance = world.performances["carmen_after_dst"]
    alice = logged_in(api, "alice")
    cookie = "; ".join(f"{c.name}={c.value}" for c in alice.cookies)
    key = "lost-answer-" + uuid.uuid4().hex
    seats = [world.seat("Test Hall", "Gallery", "B", n) for n in (5, 6, 7)]
    body = json.dumps({"performance_id": performance, "seat_ids": seats})

    _send_and_hang_up(api.base, cookie, body, key)
    deadline = time.monotonic() + 20
    made = None
    while made is None and time.monotonic() < deadline:
        with psycopg.connect(database.url) as conn:
            made = conn.execute(
                "select booking_id from booking.idempotency_keys"
                " where idempotency_key = %s",
                (key,),
            ).fetchone()
        time.sleep(0.1)
    retry = alice.post(
        f"{api.base}/api/bookings",
        data=body,
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
        timeout=20,
    )
    with psycopg.connect(database.url) as conn:
        bookings = conn.execute(
            "select count(*) from booking.bookings where performance_id = %s",
            (performance,),
        ).fetchone()[0]

    assert made is not None, "the first attempt never booked"
    assert retry.status_code == 201
    assert retry.json()["booking_id"] == made[0]
    assert bookings == 1
