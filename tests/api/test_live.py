"""Holds, best seats and the server-sent event streams over HTTP."""

import json
import subprocess
import sys
import threading
import time

import psycopg
import pytest
from psycopg.types.json import Jsonb

from api import live
from api.db import Database
from tests.api.conftest import error_code, log_in
from tests.conftest import ROOT
from tests.world import PASSWORD


def url(world, tail, performance="hamlet_soon"):
    return f"/api/performances/{world.performances[performance]}/{tail}"


def events(body: bytes) -> list[dict]:
    """The data of every event in a text/event-stream body."""
    return [
        json.loads(line[len("data: ") :])
        for line in body.decode().splitlines()
        if line.startswith("data: ")
    ]


def seat_statuses(client, world):
    seats = client.get(url(world, "seats")).json["seats"]
    return {seat["seat_id"]: seat["status"] for seat in seats}


def test_holding_seats_shows_them_held_with_a_countdown(client, world):
    log_in(client)
    seats = [world.hall("B", 3), world.hall("B", 4)]

    response = client.post(url(world, "holds"), json={"seat_ids": seats})
    mine = client.get(url(world, "holds")).json

    assert response.status_code == 200
    assert 590 <= response.json["seconds_left"] <= 600
    assert [h["seat_id"] for h in mine["holds"]] == seats
    assert {h["state"] for h in mine["holds"]} == {"held"}
    assert seat_statuses(client, world)[seats[0]] == "held"


def test_a_seat_held_by_someone_else_cannot_be_booked(client, app, world):
    other = app.test_client()
    log_in(other, "bob")
    seat = world.hall("B", 3)
    other.post(url(world, "holds"), json={"seat_ids": [seat]})
    log_in(client)

    response = client.post(
        "/api/bookings",
        json={"performance_id": world.performances["hamlet_soon"], "seat_ids": [seat]},
    )

    assert response.status_code == 409
    assert error_code(response) == "seat_held"
    assert response.json["error"]["details"]["seat_ids"] == [seat]


def test_releasing_all_holds_frees_the_seats(client, world):
    log_in(client)
    seat = world.hall("B", 3)
    client.post(url(world, "holds"), json={"seat_ids": [seat]})

    response = client.post(url(world, "holds"), json={"seat_ids": []})

    assert response.json == {
        "performance_id": world.performances["hamlet_soon"],
        "expires_at": None,
        "seconds_left": None,
        "holds": [],
    }
    assert seat_statuses(client, world)[seat] == "available"


def test_holds_need_a_session_and_valid_seat_ids(client, world):
    anonymous = client.post(url(world, "holds"), json={"seat_ids": [1]})
    log_in(client)
    bad = client.post(url(world, "holds"), json={"seat_ids": "B-3"})
    too_many = client.post(
        url(world, "holds"), json={"seat_ids": world.hall_seats()[:11]}
    )

    assert anonymous.status_code == 401
    assert bad.status_code == 400
    assert error_code(bad) == "validation_failed"
    assert too_many.status_code == 422
    assert error_code(too_many) == "hold_limit_exceeded"


def test_best_seats_are_found_and_held_in_one_request(client, world):
    log_in(client)

    response = client.post(url(world, "best-seats"), json={"count": 3})

    assert response.status_code == 200
    body = response.json
    assert body["together"] is True
    # Row A's central three would strand a seat; B-1 to B-3 leave B-4 to B-6.
    assert [(s["row_label"], s["seat_number"]) for s in body["seats"]] == [
        ("B", 1),
        ("B", 2),
        ("B", 3),
    ]
    held = client.get(url(world, "holds")).json["holds"]
    assert [h["seat_id"] for h in held] == [s["seat_id"] for s in body["seats"]]


def test_best_seats_offer_a_split_that_is_held_only_when_accepted(client, world):
    log_in(client)

    offered = client.post(url(world, "best-seats"), json={"count": 7})
    accepted = client.post(
        url(world, "best-seats"), json={"count": 7, "accept_split": True}
    )

    assert offered.status_code == 409
    assert error_code(offered) == "no_adjacent_seats"
    assert len(offered.json["error"]["details"]["seat_ids"]) == 7
    assert accepted.status_code == 200
    assert accepted.json["together"] is False
    assert sorted(s["seat_id"] for s in accepted.json["seats"]) == sorted(
        offered.json["error"]["details"]["seat_ids"]
    )


def test_best_seats_say_how_many_wheelchair_spaces_are_free(client, world):
    log_in(client)
    circle = world.sections["Test Hall/Circle"]

    pair = client.post(url(world, "best-seats"), json={"count": 7, "accessible": True})
    circle_only = client.post(
        url(world, "best-seats"),
        json={"count": 1, "accessible": True, "section_id": circle},
    )

    assert pair.status_code == 409
    assert error_code(pair) == "no_accessible_seats"
    assert pair.json["error"]["details"] == {
        "wheelchair_spaces_free": 1,
        "wheelchair_spaces_free_elsewhere": 0,
    }
    assert circle_only.status_code == 409
    assert circle_only.json["error"]["details"] == {
        "wheelchair_spaces_free": 0,
        "wheelchair_spaces_free_elsewhere": 1,
    }
    assert circle_only.json["error"]["message"] == (
        "No wheelchair space is free in this section."
    )


def test_best_seats_requests_are_checked_at_the_edge(client, world):
    log_in(client)

    zero = client.post(url(world, "best-seats"), json={"count": 0})
    flag = client.post(url(world, "best-seats"), json={"count": 2, "accessible": 1})

    assert zero.status_code == 400
    assert flag.status_code == 400
    assert set(flag.json["error"]["details"]["fields"]) == {"accessible"}
    assert client.get(url(world, "holds")).json["holds"] == []


def test_the_event_stream_of_an_unknown_performance_is_not_found(client):
    response = client.get("/api/performances/999999/events")

    assert response.status_code == 404
    assert error_code(response) == "performance_not_found"


def test_the_event_stream_delivers_a_booking_made_by_someone_else(app, client, world):
    app.config["LIVE_STREAM_SECONDS"] = 3
    buyer = app.test_client()
    buyer.post("/api/auth/login", json={"login": "bob", "password": PASSWORD})
    performance = world.performances["hamlet_soon"]

    def book_soon():
        time.sleep(1)
        buyer.post(
            "/api/bookings",
            json={"performance_id": performance, "seat_ids": [world.hall("B", 5)]},
        )

    booking = threading.Thread(target=book_soon)
    booking.start()
    response = client.get(url(world, "events"))
    booking.join()

    assert response.status_code == 200
    assert response.mimetype == "text/event-stream"
    received = events(response.data)
    assert received[0] == {"type": "hello", "performance_id": performance, "version": 0}
    assert {"type": "changed", "performance_id": performance, "version": 1} in received


def test_the_dashboard_stream_hears_every_performance(app, client, world):
    app.config["LIVE_STREAM_SECONDS"] = 3
    holder = app.test_client()
    log_in(holder, "carol")

    def hold_soon():
        time.sleep(1)
        holder.post(
            url(world, "holds", "carmen_london"),
            json={"seat_ids": [world.seat("Other Place", "Main", "A", 2)]},
        )

    thread = threading.Thread(target=hold_soon)
    thread.start()
    response = client.get("/api/events")
    thread.join()

    changed = [e for e in events(response.data) if e["type"] == "changed"]
    assert [e["performance_id"] for e in changed] == [
        world.performances["carmen_london"]
    ]


def test_the_polling_watcher_used_for_sql_server_reports_a_change(fresh_db, world):
    database = Database(fresh_db, max_size=2)
    seen = []
    watcher = threading.Thread(
        target=database.watch, args=(seen.append,), kwargs={"listen": False}
    )
    watcher.start()
    try:
        time.sleep(0.8)  # the first poll only learns the current versions
        database.call(
            "booking.hold_seats",
            user_id=world.users["alice"],
            performance_id=world.performances["hamlet_later"],
            seat_ids=[world.hall("A", 4)],
        )
        deadline = time.monotonic() + 1.5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        database.close()
        watcher.join(timeout=5)

    assert seen == [world.performances["hamlet_later"]]
    assert not watcher.is_alive()


def test_a_change_made_outside_the_api_is_announced_when_it_commits(fresh_db, world):
    database = Database(fresh_db, max_size=2)
    seen = []
    watcher = threading.Thread(target=database.watch, args=(seen.append,))
    watcher.start()
    try:
        time.sleep(0.8)  # listening
        # A DBA's script, in a transaction of its own: the routine announces
        # the change, and PostgreSQL delivers that only at the commit.
        with psycopg.connect(fresh_db) as conn:
            conn.execute(
                "select * from booking.hold_seats(%s, %s, %s)",
                (
                    world.users["alice"],
                    world.performances["hamlet_later"],
                    Jsonb([world.hall("A", 4)]),
                ),
            )
            time.sleep(0.8)
            before_commit = list(seen)
        deadline = time.monotonic() + 1.5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        database.close()
        watcher.join(timeout=5)

    assert before_commit == []
    assert seen == [world.performances["hamlet_later"]]


def _listening(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=True)
    conn.execute("listen performance_changed")
    return conn


def _heard(conn: psycopg.Connection, seconds: float) -> list[str]:
    return [note.payload for note in conn.notifies(timeout=seconds)]


def test_a_change_through_the_api_is_announced_after_a_lost_connection(fresh_db, world):
    database = Database(fresh_db, max_size=2)
    performance = world.performances["hamlet_later"]
    listener = _listening(fresh_db)
    try:

        def hold(seat: str) -> None:
            database.call(
                "booking.hold_seats",
                user_id=world.users["alice"],
                performance_id=performance,
                seat_ids=[world.hall("A", int(seat))],
            )

        hold("4")
        first = _heard(listener, 1.0)
        # The announcer's connection goes (a restart, a network cut).
        with psycopg.connect(fresh_db, autocommit=True) as admin:
            ended = admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity "
                "where application_name = 'boxoffice-announcer'"
            ).fetchall()
        hold("5")
        # The dropped connection is found dropped when used, and the notice
        # sent again at once on a new one.
        second = _heard(listener, 0.8)
    finally:
        database.close()
        listener.close()

    assert first == [str(performance)]
    assert ended == [(True,)]
    assert second == [str(performance)]


def test_closing_right_after_the_connection_was_lost_still_announces(fresh_db, world):
    # A database restart drops the announcer's connection; a worker stopped
    # right after the next change must still announce it.
    database = Database(fresh_db, max_size=2)
    performance = world.performances["hamlet_later"]
    listener = _listening(fresh_db)
    try:
        for seat in (4, 5):
            database.call(
                "booking.hold_seats",
                user_id=world.users["alice"],
                performance_id=performance,
                seat_ids=[world.hall("A", seat)],
            )
            if seat == 4:
                first = _heard(listener, 1.0)
                with psycopg.connect(fresh_db, autocommit=True) as admin:
                    admin.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity "
                        "where application_name = 'boxoffice-announcer'"
                    )
        database.close()
        second = _heard(listener, 1.0)
    finally:
        listener.close()

    assert first == [str(performance)]
    assert second == [str(performance)]


def test_closing_the_gateway_sends_the_changes_it_has_noted(fresh_db, world):
    database = Database(fresh_db, max_size=2)
    listener = _listening(fresh_db)
    try:
        for name in ("hamlet_later", "hamlet_soon"):
            database.call(
                "booking.hold_seats",
                user_id=world.users["alice"],
                performance_id=world.performances[name],
                seat_ids=[world.hall("A", 4)],
            )
        database.close()
        heard = _heard(listener, 1.0)
    finally:
        listener.close()

    assert sorted(heard) == sorted(
        str(world.performances[name]) for name in ("hamlet_later", "hamlet_soon")
    )


def test_streams_past_the_limit_are_refused_so_requests_keep_their_threads(
    app, client, world
):
    app.config["LIVE_STREAM_SECONDS"] = 2
    app.config["LIVE_MAX_STREAMS"] = 1
    first = {}

    def hold_one_stream():
        first["response"] = app.test_client().get("/api/events")

    holder = threading.Thread(target=hold_one_stream)
    holder.start()
    time.sleep(0.5)
    refused = client.get("/api/events")
    catalogue = client.get("/api/genres")
    holder.join()
    again = client.get("/api/events")

    assert refused.status_code == 503
    assert refused.json["error"]["code"] == "service_unavailable"
    assert refused.headers["Retry-After"] == "30"
    assert catalogue.status_code == 200
    assert first["response"].status_code == 200
    assert again.status_code == 200


def test_one_client_address_cannot_take_every_stream(app, client, world):
    app.config["LIVE_STREAM_SECONDS"] = 2
    app.config["LIVE_MAX_STREAMS"] = 10
    app.config["LIVE_MAX_STREAMS_PER_CLIENT"] = 1
    first = {}

    def hold_one_stream():
        first["response"] = app.test_client().get("/api/events")

    holder = threading.Thread(target=hold_one_stream)
    holder.start()
    time.sleep(0.5)
    refused = client.get("/api/events")
    other_address = {}

    def stream_from_elsewhere():
        other_address["response"] = app.test_client().get(
            "/api/events", environ_base={"REMOTE_ADDR": "192.0.2.7"}
        )

    elsewhere = threading.Thread(target=stream_from_elsewhere)
    elsewhere.start()
    holder.join()
    elsewhere.join()

    assert refused.status_code == 429
    assert refused.json["error"]["code"] == "too_many_streams"
    assert refused.headers["Retry-After"] == "30"
    assert first["response"].status_code == 200
    assert other_address["response"].status_code == 200


def _burst_of_holds(app, world, performances: list[str], changes: int) -> None:
    """`changes` holds, one request each, after half a second, alternating
    between the performances given; each replaces the holder's last hold
    of that performance (with another seat while there are others)."""
    holder = app.test_client()
    log_in(holder, "carol")
    venues = {"hamlet_soon": "Test Hall", "carmen_london": "Other Place"}
    seats = {
        name: [seat for key, seat in world.seats.items() if key[0] == venue]
        for name, venue in venues.items()
    }
    time.sleep(0.5)
    for n in range(changes):
        name = performances[n % len(performances)]
        answer = holder.post(
            url(world, "holds", name),
            json={"seat_ids": [seats[name][n // len(performances) % len(seats[name])]]},
        )
        assert answer.status_code == 200, answer.json


def test_a_burst_of_changes_reaches_a_stream_as_few_events_ending_with_the_last(
    app, client, world
):
    # In an on-sale rush a performance changes hundreds of times a second,
    # and every event makes a browser read the seats again.
    # A batch every 2 s: the burst fits in a few batches even when this
    # machine is busy and its holds take seconds.
    app.config["LIVE_STREAM_SECONDS"] = 6
    app.config["LIVE_EVENT_SECONDS"] = 2
    burst = threading.Thread(
        target=_burst_of_holds, args=(app, world, ["hamlet_soon"], 12)
    )
    burst.start()
    response = client.get(url(world, "events"))
    burst.join()

    received = events(response.data)
    changed = [e for e in received if e["type"] == "changed"]
    assert 1 <= len(changed) <= 4, changed
    # The last event says the latest version this process heard of: the
    # last change is never missed. (Changes noticed together share a
    # version, so there may be fewer versions than changes.)
    latest = app.extensions["live_hub"].version(world.performances["hamlet_soon"])
    assert latest > received[0]["version"]
    assert changed[-1]["version"] == latest


def test_the_dashboard_stream_merges_changes_per_performance(app, client, world):
    # A batch every 2 s: the burst fits in a few batches even when this
    # machine is busy and its holds take seconds.
    app.config["LIVE_STREAM_SECONDS"] = 6
    app.config["LIVE_EVENT_SECONDS"] = 2
    burst = threading.Thread(
        target=_burst_of_holds,
        args=(app, world, ["hamlet_soon", "carmen_london"], 12),
    )
    burst.start()
    response = client.get("/api/events")
    burst.join()

    changed = [e for e in events(response.data) if e["type"] == "changed"]
    assert len(changed) <= 8, changed
    assert {e["performance_id"] for e in changed} == {
        world.performances["hamlet_soon"],
        world.performances["carmen_london"],
    }
    for name in ("hamlet_soon", "carmen_london"):
        versions = [
            e["version"]
            for e in changed
            if e["performance_id"] == world.performances[name]
        ]
        assert versions == sorted(versions)


def test_a_resync_stands_for_every_change_waiting_with_it():
    batch = live._Batch()
    batch.add({"type": "changed", "performance_id": 1, "version": 1})
    batch.add({"type": "changed", "performance_id": 2, "version": 1})
    batch.add({"type": "changed", "performance_id": 1, "version": 2})
    assert events(batch.take().encode()) == [
        {"type": "changed", "performance_id": 1, "version": 2},
        {"type": "changed", "performance_id": 2, "version": 1},
    ]
    assert not batch

    batch.add({"type": "changed", "performance_id": 1, "version": 3})
    batch.add({"type": "resync"})
    batch.add({"type": "changed", "performance_id": 2, "version": 2})
    assert events(batch.take().encode()) == [{"type": "resync"}]


def test_an_event_interval_that_is_not_a_number_of_seconds_stops_the_start(
    monkeypatch,
):
    for value in ("nan", "inf", "-1", "soon"):
        monkeypatch.setenv("BOXOFFICE_LIVE_EVENT_SECONDS", value)
        with pytest.raises(ValueError, match="BOXOFFICE_LIVE_EVENT_SECONDS"):
            live._seconds_setting("BOXOFFICE_LIVE_EVENT_SECONDS", "0.5")
    monkeypatch.setenv("BOXOFFICE_LIVE_EVENT_SECONDS", "0.25")
    assert live._seconds_setting("BOXOFFICE_LIVE_EVENT_SECONDS", "0.5") == 0.25


def test_a_process_that_exits_right_after_a_change_announces_it_first(fresh_db, world):
    listener = _listening(fresh_db)
    script = (
        "import sys\n"
        "from api.db import Database\n"
        "db = Database(sys.argv[1], max_size=1)\n"
        "db.call('booking.hold_seats', user_id=int(sys.argv[2]),\n"
        "        performance_id=int(sys.argv[3]), seat_ids=[int(sys.argv[4])])\n"
    )
    try:
        subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                fresh_db,
                str(world.users["alice"]),
                str(world.performances["hamlet_later"]),
                str(world.hall("A", 4)),
            ],
            cwd=ROOT,
            check=True,
            timeout=60,
        )
        heard = _heard(listener, 1.0)
    finally:
        listener.close()

    assert heard == [str(world.performances["hamlet_later"])]
