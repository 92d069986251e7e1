"""booking.seat_counts: each performance's seats and booked seats, kept by
triggers, and the search for room for a group that reads them."""

import threading

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import (
    alongside,
    assert_kept_as_recounted,
    call,
    connections,
    raises,
)
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
    assert_kept_as_recounted(conn, KEPT, RECOUNTED)


def rows_of(conn, performance: int) -> list[tuple[int, int, int]]:
    return [
        tuple(r.values())
        for r in conn.execute(
            "select entry, capacity, booked from booking.seat_counts "
            "where performance_id = %s order by entry",
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


def test_a_booking_whose_row_was_folded_away_by_an_open_one_does_not_wait(
    fresh_db, world
):
    first, second, folder = connections(fresh_db, 3)
    seats = world.hall_seats()
    try:
        first.autocommit = folder.autocommit = False
        book(first, world, seats=[seats[0]])
        book(second, world, user="bob", seats=[seats[1]])
        first.commit()
        # Gets the main row and folds the second booking's row into it.
        book(folder, world, user="carol", seats=[seats[2]])

        book(second, world, user="bob", seats=[seats[3]])

        folder.commit()
        assert_counts_are_current(second)
    finally:
        for conn in (first, second, folder):
            conn.close()


def test_transactions_folding_each_others_rows_do_not_deadlock(fresh_db, world):
    holder, one, two = connections(fresh_db, 3)
    seats = world.hall_seats()
    try:
        holder.autocommit = False
        book(holder, world, seats=[seats[0]], performance="hamlet_soon")
        book(holder, world, seats=[seats[0]], performance="hamlet_later")
        book(two, world, user="bob", seats=[seats[1]], performance="hamlet_soon")
        book(one, world, user="carol", seats=[seats[1]], performance="hamlet_later")
        holder.commit()
        one.autocommit = two.autocommit = False
        # Each gets one performance's main row and folds the other's row.
        book(one, world, user="carol", seats=[seats[2]], performance="hamlet_soon")
        book(two, world, user="bob", seats=[seats[2]], performance="hamlet_later")

        book(one, world, user="carol", seats=[seats[3]], performance="hamlet_later")
        book(two, world, user="bob", seats=[seats[4]], performance="hamlet_soon")

        one.commit()
        two.commit()
        assert_counts_are_current(holder)
    finally:
        for conn in (holder, one, two):
            conn.close()


def test_a_booking_at_repeatable_read_adds_to_the_count(fresh_db, world):
    reader, other = connections(fresh_db, 2)
    try:
        reader.autocommit = False
        reader.execute("set transaction isolation level repeatable read")
        reader.execute("select 1")
        book(other, world, user="bob", seats=[world.hall("A", 1)])

        book(reader, world, seats=[world.hall("A", 2)])
        reader.commit()

        assert sum(r[2] for r in rows_of(other, world.performances["hamlet_soon"])) == 2
        assert_counts_are_current(other)
    finally:
        reader.close()
        other.close()


def new_performance(conn, world, venue: str) -> int:
    return conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at) "
        "values (%s, %s, now() + interval '40 days') returning performance_id",
        (world.shows["Hamlet"], world.venues[venue]),
    ).fetchone()["performance_id"]


def add_seats(conn, world, row: str) -> None:
    """Three seats in a new row at Other Place."""
    conn.execute(
        "insert into catalog.seats "
        "(venue_id, section_id, row_label, seat_number, x, y) "
        "select %s, %s, %s, n, n * 10, 40 from generate_series(1, 3) n",
        (world.venues["Other Place"], world.sections["Other Place/Main"], row),
    )


def test_a_performance_added_while_seats_are_added_counts_them(fresh_db, world):
    def seats(row: str):
        return lambda conn: add_seats(conn, world, row)

    def performance(conn) -> int:
        return new_performance(conn, world, "Other Place")

    added = [
        alongside(fresh_db, seats("B"), performance)[1],
        alongside(fresh_db, performance, seats("C"))[0],
    ]

    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        # Five seats, three more and three more again, whichever came first.
        assert [rows_of(conn, p)[0][1] for p in added] == [11, 11]
        assert_counts_are_current(conn)


def test_a_performance_cannot_be_added_at_repeatable_read(conn, world):
    conn.rollback()
    conn.execute("set transaction isolation level repeatable read")
    with raises(conn, "validation_failed"):
        new_performance(conn, world, "Other Place")


def test_a_performance_and_seats_added_by_one_statement_count_the_seats_once(
    conn, world
):
    added = conn.execute(
        "with p as ("
        "  insert into catalog.performances (show_id, venue_id, starts_at) "
        "  values (%s, %s, now() + interval '50 days') "
        "  returning performance_id, venue_id) "
        "insert into catalog.seats "
        "(venue_id, section_id, row_label, seat_number, x, y) "
        "select p.venue_id, %s, 'B', n, n * 10, 40 "
        "from p, generate_series(1, 3) n returning (select performance_id from p)",
        (
            world.shows["Hamlet"],
            world.venues["Other Place"],
            world.sections["Other Place/Main"],
        ),
    ).fetchone()["performance_id"]

    assert rows_of(conn, added)[0][1] == 8
    assert_counts_are_current(conn)


def test_transactions_each_adding_a_performance_then_seats_do_not_deadlock(
    fresh_db, world
):
    first, second = connections(fresh_db, 2)
    first.autocommit = second.autocommit = False
    errors = []

    def performance_then_seats() -> None:
        try:
            new_performance(second, world, "Other Place")
            add_seats(second, world, "C")
            second.commit()
        except psycopg.Error as error:
            errors.append(error)

    try:
        new_performance(first, world, "Other Place")
        thread = threading.Thread(target=performance_then_seats)
        thread.start()
        thread.join(timeout=1)
        # Each has added a performance; now both want to change seats.
        add_seats(first, world, "B")
        first.commit()
        thread.join(timeout=10)

        assert not thread.is_alive()
        assert errors == []
        assert_counts_are_current(first)
    finally:
        first.close()
        second.close()


def test_truncating_at_repeatable_read_is_refused(conn, world):
    conn.rollback()
    conn.execute("set transaction isolation level repeatable read")
    with raises(conn, "validation_failed"):
        conn.execute("truncate booking.booked_seats")
    with raises(conn, "validation_failed"):
        conn.execute("truncate catalog.seats cascade")
