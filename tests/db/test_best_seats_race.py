"""Groups asking for the best seats at the same moment never share a seat.

Each group has its own connection and commits for real, against a private
copy of the template database.
"""

import threading

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import SQLSTATE, call

GROUPS = 12


def test_concurrent_best_seat_requests_never_share_a_seat_or_get_part_of_a_group(
    fresh_db, world
):
    performance = world.performances["hamlet_soon"]
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        users = [
            conn.execute(
                "insert into account.users (username, email, display_name, "
                "password_hash) values (%s, %s, 'Racer', %s) returning user_id",
                (f"racer{i}", f"racer{i}@example.com", "x" * 60),
            ).fetchone()[0]
            for i in range(GROUPS)
        ]
    start = threading.Barrier(GROUPS)
    won, refused, errors = [], [], []
    lock = threading.Lock()

    def group(index: int) -> None:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            start.wait()
            try:
                rows = call(
                    conn,
                    "booking.hold_best_seats",
                    user_id=users[index],
                    performance_id=performance,
                    seat_count=3,
                    section_id=None,
                    accessible=False,
                    allow_split=False,
                )
            except psycopg.Error as error:
                expected = error.sqlstate in (
                    SQLSTATE["no_adjacent_seats"],
                    SQLSTATE["not_enough_seats"],
                )
                with lock:
                    (refused if expected else errors).append(error)
            else:
                with lock:
                    won.append((users[index], rows))

    threads = [threading.Thread(target=group, args=(i,)) for i in range(GROUPS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(won) + len(refused) == GROUPS
    # 16 seats in rows of 6, 6 and 4: five groups of three fit, no more.
    assert len(won) == 5
    seats = [r["seat_id"] for _, rows in won for r in rows]
    assert len(seats) == len(set(seats)), "two groups got the same seat"
    assert all(len(rows) == 3 and all(r["together"] for r in rows) for _, rows in won)

    with psycopg.connect(fresh_db) as conn:
        held = conn.execute(
            "select user_id, seat_id from booking.seat_holds where performance_id = %s",
            (performance,),
        ).fetchall()
    assert sorted(held) == sorted(
        (user, r["seat_id"]) for user, rows in won for r in rows
    )
