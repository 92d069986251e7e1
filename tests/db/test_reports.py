"""The report views analysts read, on known bookings."""

from tests.db.conftest import call
from tests.db.test_booking import book


def cancel(conn, world, user, booking_id):
    call(
        conn, "booking.cancel_booking", user_id=world.users[user], booking_id=booking_id
    )


def test_upcoming_performances_count_seats_sold_and_left(conn, world):
    book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])

    rows = conn.execute(
        "select * from report.upcoming_performances where performance_id = %s",
        (world.performances["hamlet_soon"],),
    ).fetchall()
    past = conn.execute(
        "select count(*) as n from report.upcoming_performances "
        "where performance_id in (%s, %s)",
        (world.performances["hamlet_past"], world.performances["hamlet_cancelled"]),
    ).fetchone()

    assert len(rows) == 1
    assert rows[0]["capacity"] == 16
    assert rows[0]["seats_sold"] == 2
    assert rows[0]["seats_available"] == 14
    assert float(rows[0]["percent_sold"]) == 12.5
    assert past["n"] == 0


def test_sales_per_day_sum_confirmed_takings_and_count_cancellations(conn, world):
    kept = book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])
    dropped = book(conn, world, user="bob", seats=[world.hall("B", 3)])
    cancel(conn, world, "bob", dropped["booking_id"])
    book(
        conn,
        world,
        performance="carmen_london",
        seats=[world.seat("Other Place", "Main", "A", 1)],
    )

    rows = conn.execute(
        "select * from report.sales_per_day where sale_date = "
        "(now() at time zone 'UTC')::date order by currency"
    ).fetchall()

    assert [(r["currency"], r["bookings"], r["tickets"]) for r in rows] == [
        ("EUR", 1, 2),
        ("GBP", 1, 1),
    ]
    assert rows[0]["revenue_cents"] == kept["total_cents"] == 8000
    assert rows[0]["cancelled_bookings"] == 1


def test_occupancy_covers_only_performances_already_played(conn, world):
    conn.execute(
        "insert into booking.bookings (booking_id, user_id, performance_id, "
        "seat_count, total_cents) overriding system value "
        "values (900001, %s, %s, 4, 16000)",
        (world.users["alice"], world.performances["hamlet_past"]),
    )
    for number in (1, 2, 3, 4):
        conn.execute(
            "insert into booking.booked_seats (booking_id, performance_id, "
            "venue_id, seat_id, price_cents) values (900001, %s, %s, %s, 4000)",
            (
                world.performances["hamlet_past"],
                world.venues["Test Hall"],
                world.hall("B", number),
            ),
        )
    book(conn, world, seats=[world.hall("A", 5)])

    rows = conn.execute(
        "select * from report.occupancy_by_venue_genre order by venue_name, genre"
    ).fetchall()

    assert [(r["venue_name"], r["genre"]) for r in rows] == [("Test Hall", "Drama")]
    assert rows[0]["performances"] == 1
    assert rows[0]["seats_offered"] == 16
    assert rows[0]["seats_sold"] == 4
    assert float(rows[0]["percent_sold"]) == 25.0


def test_the_ranking_shares_ranks_on_ties_and_shows_no_emails(conn, world):
    book(conn, world, user="alice", seats=[world.hall("A", 3), world.hall("A", 4)])
    book(conn, world, user="bob", seats=[world.hall("B", 1)])
    book(conn, world, user="bob", seats=[world.hall("B", 2)])
    dropped = book(conn, world, user="carol", seats=[world.hall("B", 5)])
    cancel(conn, world, "carol", dropped["booking_id"])

    rows = conn.execute(
        "select * from report.user_ranking order by rank_by_bookings, display_name"
    ).fetchall()

    assert [
        (r["display_name"], r["bookings"], r["rank_by_bookings"], r["rank_by_tickets"])
        for r in rows
    ] == [("Bob", 2, 1, 1), ("Alice", 1, 2, 1)]
    assert "email" not in rows[0]
    assert "username" not in rows[0]
