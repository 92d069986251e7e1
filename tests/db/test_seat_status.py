"""catalog.get_seat_status_json: which seats are booked or held, as the
seat map says, read without the seats themselves."""

import json

from tests.db.conftest import call, raises
from tests.db.test_holds import book, expire, hold, seat_map


def status(conn, world, performance="hamlet_soon"):
    (row,) = call(
        conn,
        "catalog.get_seat_status_json",
        performance_id=world.performances[performance],
    )
    return json.loads(row["seat_status"])


def on_the_map(conn, world, performance="hamlet_soon"):
    """The booked and held seat ids catalog.get_seat_map reports, ascending."""
    seats = seat_map(conn, world, performance)
    return {
        state: sorted(i for i, seat in seats.items() if seat["status"] == state)
        for state in ("booked", "held")
    }


def scans_of(conn, table: str) -> int:
    # Counts of this transaction only, so the test sees its own reads at once.
    return conn.execute(
        "select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans "
        "from pg_stat_xact_user_tables where relid = %s::regclass",
        (table,),
    ).fetchone()["scans"]


def test_a_performance_with_nothing_taken_has_empty_lists(conn, world):
    assert status(conn, world) == {
        "performance_id": world.performances["hamlet_soon"],
        "booked": [],
        "held": [],
    }


def test_booked_and_held_seats_are_listed_ascending_as_on_the_seat_map(conn, world):
    booked = [world.hall("B", 6), world.hall("A", 3), world.hall("A", 4, "Circle")]
    held = [world.hall("B", 2), world.hall("A", 6)]
    book(conn, world, booked, user="alice")
    hold(conn, world, held, user="bob")

    served = status(conn, world)

    assert served["booked"] == sorted(booked)
    assert served["held"] == sorted(held)
    assert {k: served[k] for k in ("booked", "held")} == on_the_map(conn, world)


def test_an_expired_hold_is_not_held(conn, world):
    hold(conn, world, [world.hall("A", 5), world.hall("B", 5)], user="bob")
    expire(conn, world, [world.hall("A", 5)])

    served = status(conn, world)

    assert served["held"] == [world.hall("B", 5)]
    assert seat_map(conn, world)[world.hall("A", 5)]["status"] == "available"
    assert served["held"] == on_the_map(conn, world)["held"]


def test_a_cancelled_booking_frees_its_seats(conn, world):
    kept = book(conn, world, [world.hall("A", 3)], user="alice")
    gone = book(conn, world, [world.hall("B", 3), world.hall("B", 4)], user="bob")
    call(
        conn,
        "booking.cancel_booking",
        user_id=world.users["bob"],
        booking_id=gone["booking_id"],
    )

    served = status(conn, world)

    assert kept["status"] == "confirmed"
    assert served["booked"] == [world.hall("A", 3)]
    assert served["booked"] == on_the_map(conn, world)["booked"]


def test_a_booked_seat_with_a_stray_live_hold_counts_as_booked(conn, world):
    seat = world.hall("A", 4)
    book(conn, world, [seat], user="alice")
    # No routine leaves a live hold on a booked seat; a script could.
    conn.execute(
        "insert into booking.seat_holds "
        "(performance_id, venue_id, seat_id, user_id, expires_at) "
        "values (%s, %s, %s, %s, now() + interval '5 minutes')",
        (
            world.performances["hamlet_soon"],
            world.venues["Test Hall"],
            seat,
            world.users["bob"],
        ),
    )

    served = status(conn, world)

    assert (served["booked"], served["held"]) == ([seat], [])
    assert on_the_map(conn, world) == {"booked": [seat], "held": []}


def test_other_performances_seats_are_not_listed(conn, world):
    book(conn, world, [world.hall("A", 3)], performance="hamlet_later")
    hold(conn, world, [world.hall("A", 4)], performance="hamlet_later")

    served = status(conn, world)
    later = status(conn, world, "hamlet_later")

    assert (served["booked"], served["held"]) == ([], [])
    assert (later["booked"], later["held"]) == (
        [world.hall("A", 3)],
        [world.hall("A", 4)],
    )
    assert later["performance_id"] == world.performances["hamlet_later"]


def test_the_status_reads_no_seat_of_the_house(conn, world):
    book(conn, world, [world.hall("A", 3)])
    before = scans_of(conn, "catalog.seats")

    status(conn, world)

    assert scans_of(conn, "catalog.seats") == before
    seat_map(conn, world)
    assert scans_of(conn, "catalog.seats") > before


def test_an_unknown_performance_has_no_seat_status(conn):
    with raises(conn, "performance_not_found"):
        call(conn, "catalog.get_seat_status_json", performance_id=424242)
