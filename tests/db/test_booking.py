"""booking.book_seats, get_booking, list_user_bookings, cancel_booking."""

import psycopg
import pytest

from tests.db.conftest import call, raises


def book(conn, world, user="alice", performance="hamlet_soon", seats=None):
    seats = seats if seats is not None else [world.hall("A", 3)]
    rows = call(
        conn,
        "booking.book_seats",
        user_id=world.users[user],
        performance_id=world.performances[performance],
        seat_ids=seats,
    )
    assert len(rows) == 1
    return rows[0]


def seat_status(conn, world, performance="hamlet_soon"):
    rows = call(
        conn, "catalog.get_seat_map", performance_id=world.performances[performance]
    )
    return {row["seat_id"]: row["status"] for row in rows}


def test_booking_one_seat_returns_the_confirmed_booking_with_its_price(conn, world):
    booking = book(conn, world, seats=[world.hall("B", 2)])

    assert booking["status"] == "confirmed"
    assert booking["seat_count"] == 1
    assert booking["total_cents"] == 4000
    assert booking["title"] == "Hamlet"
    assert booking["duration_minutes"] == 150
    assert booking["cancellable"] is True
    assert booking["seats"] == [
        {
            "seat_id": world.hall("B", 2),
            "section": "Stalls",
            "row_label": "B",
            "seat_number": 2,
            "price_cents": 4000,
        }
    ]


def test_a_group_booking_prices_each_seat_by_its_section(conn, world):
    seats = [world.hall("A", 4), world.hall("A", 5), world.hall("A", 1, "Circle")]

    booking = book(conn, world, seats=seats)

    assert booking["seat_count"] == 3
    assert booking["total_cents"] == 4000 + 4000 + 2000
    assert sorted(s["seat_id"] for s in booking["seats"]) == sorted(seats)


def test_booked_seats_show_as_booked_on_the_seat_map(conn, world):
    book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])

    status = seat_status(conn, world)

    assert status[world.hall("A", 3)] == "booked"
    assert status[world.hall("A", 4)] == "booked"
    assert status[world.hall("A", 5)] == "available"
    assert list(status.values()).count("booked") == 2


def test_a_seat_taken_by_someone_else_is_refused_naming_the_seat(conn, world):
    book(conn, world, user="alice", seats=[world.hall("B", 5)])

    with raises(conn, "seat_taken") as caught:
        book(conn, world, user="bob", seats=[world.hall("B", 4), world.hall("B", 5)])

    assert "Stalls B-5" in caught.value.diag.message_primary
    assert "B-4" not in caught.value.diag.message_primary
    assert f'"seat_ids": [{world.hall("B", 5)}]' in caught.value.diag.message_detail


def test_a_refused_group_books_none_of_its_seats(conn, world):
    book(conn, world, user="alice", seats=[world.hall("B", 6)])

    with raises(conn, "seat_taken"):
        book(conn, world, user="bob", seats=[world.hall("B", 1), world.hall("B", 6)])

    status = seat_status(conn, world)
    assert status[world.hall("B", 1)] == "available"
    assert call(conn, "booking.list_user_bookings", user_id=world.users["bob"]) == []


def test_the_same_seat_can_be_booked_for_another_performance(conn, world):
    book(conn, world, performance="hamlet_soon", seats=[world.hall("A", 6)])

    booking = book(conn, world, performance="hamlet_later", seats=[world.hall("A", 6)])

    assert booking["status"] == "confirmed"


def test_zero_seats_is_out_of_range(conn, world):
    with raises(conn, "seat_count_out_of_range"):
        book(conn, world, seats=[])


def test_eleven_seats_is_out_of_range(conn, world):
    with raises(conn, "seat_count_out_of_range"):
        book(conn, world, seats=world.hall_seats()[:11])


def test_ten_seats_is_the_largest_group(conn, world):
    booking = book(conn, world, seats=world.hall_seats()[:10])

    assert booking["seat_count"] == 10


def test_the_same_seat_twice_in_one_request_is_refused(conn, world):
    with raises(conn, "duplicate_seat"):
        book(conn, world, seats=[world.hall("A", 3), world.hall("A", 3)])


def test_a_seat_of_another_venue_is_refused(conn, world):
    london_seat = world.seat("Other Place", "Main", "A", 1)

    with raises(conn, "seat_not_in_venue"):
        book(conn, world, seats=[world.hall("A", 3), london_seat])


def test_a_seat_that_does_not_exist_is_refused(conn, world):
    with raises(conn, "seat_not_in_venue"):
        book(conn, world, seats=[987654321])


def test_seat_ids_that_are_not_numbers_are_refused(conn, world):
    with raises(conn, "validation_failed"):
        book(conn, world, seats=["1", 2])
    with raises(conn, "validation_failed"):
        book(conn, world, seats=[1.5])


def test_an_unknown_performance_is_not_found(conn, world):
    with raises(conn, "performance_not_found"):
        call(
            conn,
            "booking.book_seats",
            user_id=world.users["alice"],
            performance_id=99999999,
            seat_ids=[world.hall("A", 1)],
        )


def test_a_past_performance_is_not_on_sale(conn, world):
    with raises(conn, "performance_not_on_sale"):
        book(conn, world, performance="hamlet_past")


def test_a_cancelled_performance_is_not_on_sale(conn, world):
    with raises(conn, "performance_not_on_sale"):
        book(conn, world, performance="hamlet_cancelled")


def test_an_unknown_user_cannot_book(conn, world):
    with raises(conn, "user_not_found"):
        call(
            conn,
            "booking.book_seats",
            user_id=99999999,
            performance_id=world.performances["hamlet_soon"],
            seat_ids=[world.hall("A", 1)],
        )


def test_cancelling_frees_the_seats_for_someone_else(conn, world):
    booking = book(conn, world, user="alice", seats=[world.hall("A", 2)])

    cancelled = call(
        conn,
        "booking.cancel_booking",
        user_id=world.users["alice"],
        booking_id=booking["booking_id"],
    )[0]
    again = book(conn, world, user="bob", seats=[world.hall("A", 2)])

    assert cancelled["status"] == "cancelled"
    assert cancelled["cancelled_at"] is not None
    assert cancelled["cancellable"] is False
    assert again["status"] == "confirmed"


def test_a_cancelled_booking_cannot_be_cancelled_again(conn, world):
    booking = book(conn, world)
    params = {"user_id": world.users["alice"], "booking_id": booking["booking_id"]}
    call(conn, "booking.cancel_booking", **params)

    with raises(conn, "booking_not_cancellable"):
        call(conn, "booking.cancel_booking", **params)


def test_another_users_booking_cannot_be_cancelled_or_read(conn, world):
    booking = book(conn, world, user="alice")
    theirs = {"user_id": world.users["bob"], "booking_id": booking["booking_id"]}

    with raises(conn, "booking_not_found"):
        call(conn, "booking.cancel_booking", **theirs)
    with raises(conn, "booking_not_found"):
        call(conn, "booking.get_booking", **theirs)

    mine = {"user_id": world.users["alice"], "booking_id": booking["booking_id"]}
    assert call(conn, "booking.get_booking", **mine)[0]["status"] == "confirmed"


def test_a_booking_of_a_past_performance_cannot_be_cancelled(conn, world):
    booking_id = conn.execute(
        "insert into booking.bookings (user_id, performance_id, seat_count, "
        "total_cents, created_at) values (%s, %s, 1, 4000, now() - interval '9 days') "
        "returning booking_id",
        (world.users["alice"], world.performances["hamlet_past"]),
    ).fetchone()["booking_id"]

    with raises(conn, "booking_not_cancellable"):
        call(
            conn,
            "booking.cancel_booking",
            user_id=world.users["alice"],
            booking_id=booking_id,
        )


def test_a_users_bookings_list_upcoming_first_soonest_first(conn, world):
    later = book(conn, world, performance="hamlet_later")
    soon = book(conn, world, performance="hamlet_soon")
    london = book(
        conn,
        world,
        performance="carmen_london",
        seats=[world.seat("Other Place", "Main", "A", 2)],
    )
    book(conn, world, user="bob", performance="hamlet_soon", seats=[world.hall("B", 3)])

    rows = call(conn, "booking.list_user_bookings", user_id=world.users["alice"])

    assert [r["booking_id"] for r in rows] == [
        london["booking_id"],
        soon["booking_id"],
        later["booking_id"],
    ]
    assert rows[0]["currency"] == "GBP"
    assert rows[0]["time_zone"] == "Europe/London"


def test_the_unique_index_refuses_a_second_active_copy_of_a_seat(conn, world):
    """Even code that goes around the routine cannot sell a seat twice."""
    book(conn, world, user="alice", seats=[world.hall("A", 3)])
    other = conn.execute(
        "insert into booking.bookings (user_id, performance_id, seat_count, "
        "total_cents) values (%s, %s, 1, 0) returning booking_id",
        (world.users["bob"], world.performances["hamlet_soon"]),
    ).fetchone()["booking_id"]

    with pytest.raises(psycopg.errors.UniqueViolation):
        with conn.transaction():
            insert_booked_seat(conn, world, other, world.hall("A", 3))


def test_a_seat_of_another_venue_cannot_be_stored_against_a_performance(conn, world):
    other = conn.execute(
        "insert into booking.bookings (user_id, performance_id, seat_count, "
        "total_cents) values (%s, %s, 1, 0) returning booking_id",
        (world.users["bob"], world.performances["hamlet_soon"]),
    ).fetchone()["booking_id"]
    london_seat = world.seat("Other Place", "Main", "A", 1)

    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with conn.transaction():
            insert_booked_seat(conn, world, other, london_seat)


def insert_booked_seat(conn, world, booking_id, seat_id):
    conn.execute(
        "insert into booking.booked_seats (booking_id, performance_id, "
        "venue_id, seat_id, price_cents) values (%s, %s, %s, %s, 0)",
        (
            booking_id,
            world.performances["hamlet_soon"],
            world.venues["Test Hall"],
            seat_id,
        ),
    )
