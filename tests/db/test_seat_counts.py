"""booking.seat_counts: each performance's seats and booked seats, kept by
triggers, and the search for room for a group that reads them."""

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import call
from tests.db.test_booking import book
from tests.db.test_discovery import search

# What the kept counts must always add up to, worked out from scratch.
RECOUNTED = """
    select p.performance_id,
           (select count(*) from catalog.seats st where st.venue_id = p.venue_id)
               as capacity,
           (select count(*) from booking.booked_seats bs
            where bs.performance_id = p.performance_id and bs.is_active) as booked
    from catalog.performances p
    order by p.performance_id
"""

KEPT = """
    select p.performance_id,
           coalesce(sum(sc.capacity), 0) as capacity,
           coalesce(sum(sc.booked), 0) as booked
    from catalog.performances p
    left join booking.seat_counts sc on sc.performance_id = p.performance_id
    group by p.performance_id
    order by p.performance_id
"""


def assert_counts_are_current(conn) -> None:
    recounted = [tuple(r.values()) for r in conn.execute(RECOUNTED)]
    kept = [tuple(r.values()) for r in conn.execute(KEPT)]
    assert kept == recounted


def rows_of(conn, performance: int) -> list[tuple[int, int, int]]:
    return [
        tuple(r.values())
        for r in conn.execute(
            "select shard, capacity, booked from booking.seat_counts "
            "where performance_id = %s order by shard",
            (performance,),
        )
    ]


def test_the_counts_follow_bookings_cancellations_and_deletions(conn, world):
    assert_counts_are_current(conn)
    first = book(conn, world, seats=[world.hall("A", 1), world.hall("A", 2)])
    second = book(conn, world, user="bob", seats=[world.hall("B", 1)])
    book(
        conn,
        world,
        user="carol",
        performance="carmen_london",
        seats=[world.seat("Other Place", "Main", "A", 1)],
    )
    assert_counts_are_current(conn)

    call(
        conn,
        "booking.cancel_booking",
        user_id=world.users["alice"],
        booking_id=first["booking_id"],
    )
    assert_counts_are_current(conn)

    conn.execute(
        "delete from booking.booked_seats where booking_id = %s",
        (second["booking_id"],),
    )
    assert_counts_are_current(conn)
    assert rows_of(conn, world.performances["hamlet_soon"]) == [(0, 16, 0)]


def test_a_new_performance_has_its_venues_seats_and_a_moved_one_the_new_venues(
    conn, world
):
    added = conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at) "
        "values (%s, %s, now() + interval '40 days') returning performance_id",
        (world.shows["Hamlet"], world.venues["Other Place"]),
    ).fetchone()["performance_id"]
    assert rows_of(conn, added) == [(0, 5, 0)]

    conn.execute(
        "update catalog.performances set venue_id = %s where performance_id = %s",
        (world.venues["Test Hall"], added),
    )
    assert rows_of(conn, added) == [(0, 16, 0)]
    assert_counts_are_current(conn)


def test_seats_added_to_or_taken_from_a_venue_change_its_capacity(conn, world):
    main = world.sections["Other Place/Main"]
    conn.execute(
        "insert into catalog.seats "
        "(venue_id, section_id, row_label, seat_number, x, y) "
        "select %s, %s, 'B', n, n * 10, 40 from generate_series(1, 3) n",
        (world.venues["Other Place"], main),
    )
    assert rows_of(conn, world.performances["carmen_london"]) == [(0, 8, 0)]
    assert_counts_are_current(conn)

    conn.execute(
        "delete from catalog.seats where section_id = %s and row_label = 'B' "
        "and seat_number > 1",
        (main,),
    )
    assert rows_of(conn, world.performances["carmen_london"]) == [(0, 6, 0)]
    assert_counts_are_current(conn)


def test_truncated_seats_and_bookings_leave_counts_of_zero(conn, world):
    book(conn, world, seats=[world.hall("A", 1), world.hall("A", 2)])

    conn.execute("truncate booking.booked_seats")
    assert rows_of(conn, world.performances["hamlet_soon"]) == [(0, 16, 0)]

    conn.execute("truncate catalog.seats cascade")
    assert rows_of(conn, world.performances["hamlet_soon"]) == [(0, 0, 0)]
    assert_counts_are_current(conn)


def test_a_group_fits_exactly_the_seats_left(conn, world):
    soon = world.performances["hamlet_soon"]
    book(conn, world, seats=world.hall_seats()[:10])

    def found(group_size: int) -> bool:
        rows = search(conn, query="hamlet", group_size=group_size)
        return soon in [r["performance_id"] for r in rows]

    assert found(6) and not found(7)


def test_a_booking_that_finds_the_count_held_adds_its_own_row_and_a_later_one_folds_it(
    fresh_db, world
):
    performance = world.performances["hamlet_soon"]
    held = [world.hall("A", 1), world.hall("A", 2)]
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    book(first, world, seats=held)
    try:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            # Waiting for the open booking's row would run into this limit.
            conn.execute("set lock_timeout = '2s'")
            others = [s for s in world.hall_seats() if s not in held][:10]
            book(conn, world, user="bob", seats=others)

            rows = rows_of(conn, performance)
            assert rows[0] == (0, 16, 0)
            assert [r[1:] for r in rows[1:]] == [(0, 10)]
            # The search adds the rows up: 6 seats left.
            fits = [r["performance_id"] for r in search(conn, group_size=6)]
            too_many = [r["performance_id"] for r in search(conn, group_size=7)]
            assert performance in fits and performance not in too_many
            first.commit()
            assert sum(r[2] for r in rows_of(conn, performance)) == 12

            last = [s for s in world.hall_seats() if s not in held + others][0]
            book(conn, world, user="carol", seats=[last])
            assert rows_of(conn, performance) == [(0, 16, 13)]
            assert_counts_are_current(conn)
    finally:
        first.close()
