"""Many buyers at once: no seat is ever sold twice.

Each buyer has its own connection and commits for real, against a private
copy of the template database.
"""

import random
import threading

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import SQLSTATE, call, waits_for_commit

BUYERS = 60


def test_concurrent_buyers_never_share_a_seat(fresh_db, world):
    performance = world.performances["hamlet_soon"]
    seats = world.hall_seats()
    rng = random.Random(7)
    # Singles and overlapping groups, all aimed at a 16-seat hall.
    requests = [rng.sample(seats, rng.choice((1, 1, 2, 3, 4))) for _ in range(BUYERS)]
    users = list(world.users.values())
    start = threading.Barrier(BUYERS)
    successes, failures, errors = [], [], []
    lock = threading.Lock()

    def buyer(index: int) -> None:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            start.wait()
            try:
                row = call(
                    conn,
                    "booking.book_seats",
                    user_id=users[index % len(users)],
                    performance_id=performance,
                    seat_ids=requests[index],
                )[0]
            except psycopg.Error as error:
                taken = error.sqlstate == SQLSTATE["seat_taken"]
                with lock:
                    (failures if taken else errors).append(error)
            else:
                with lock:
                    successes.append(row)

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(successes) + len(failures) == BUYERS
    assert successes, "someone must win"
    assert failures, "a 16-seat hall cannot satisfy every request"

    with psycopg.connect(fresh_db) as conn:
        stored = conn.execute(
            "select seat_id from booking.booked_seats "
            "where performance_id = %s and is_active",
            (performance,),
        ).fetchall()
        bookings = conn.execute(
            "select count(*) from booking.bookings where performance_id = %s",
            (performance,),
        ).fetchone()[0]
        kept = conn.execute(
            "select sum(booked) from booking.seat_counts where performance_id = %s",
            (performance,),
        ).fetchone()[0]

    sold = [seat for (seat,) in stored]
    won = [s["seat_id"] for b in successes for s in b["seats"]]
    assert len(sold) == len(set(sold)), "a seat was sold twice"
    assert len(sold) <= len(seats)
    assert sorted(sold) == sorted(won)
    assert bookings == len(successes)
    # The count kept for searches saw every booking, whichever row it took.
    assert kept == len(sold)


def _open_booking(fresh_db: str, user: int, performance: int, seats: list[int]):
    """A booking made in a transaction that is left open: its locks stay."""
    conn = psycopg.connect(fresh_db, row_factory=dict_row)
    call(
        conn,
        "booking.book_seats",
        user_id=user,
        performance_id=performance,
        seat_ids=seats,
    )
    return conn


def test_bookings_of_different_seats_do_not_wait_for_each_other(fresh_db, world):
    performance = world.performances["hamlet_soon"]
    first = _open_booking(
        fresh_db, world.users["alice"], performance, [world.hall("A", 3)]
    )
    try:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            # Waiting for the open booking would run into this limit.
            conn.execute("set lock_timeout = '2s'")
            rows = call(
                conn,
                "booking.book_seats",
                user_id=world.users["bob"],
                performance_id=performance,
                seat_ids=[world.hall("A", 4)],
            )
        assert [s["seat_id"] for s in rows[0]["seats"]] == [world.hall("A", 4)]
    finally:
        first.rollback()
        first.close()


def test_a_seat_being_booked_waits_and_is_then_reported_taken(fresh_db, world):
    performance = world.performances["hamlet_soon"]
    seat = world.hall("A", 3)
    first = _open_booking(fresh_db, world.users["alice"], performance, [seat])
    outcome = {}

    def second_buyer() -> None:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            try:
                call(
                    conn,
                    "booking.book_seats",
                    user_id=world.users["bob"],
                    performance_id=performance,
                    seat_ids=[world.hall("A", 4), seat],
                )
                outcome["result"] = "booked"
            except psycopg.Error as error:
                outcome["result"] = error.sqlstate

    waited = waits_for_commit(first, second_buyer)

    assert waited, "the second buyer must wait for the seat's lock"
    assert outcome == {"result": SQLSTATE["seat_taken"]}
