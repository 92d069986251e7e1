"""Seats held in checkout are not counted as available to buy."""

from tests.db.conftest import call
from tests.db.test_catalog import listing
from tests.db.test_discovery import search


def hold(conn, world, user, seats):
    return call(
        conn,
        "booking.hold_seats",
        user_id=world.users[user],
        performance_id=world.performances["hamlet_soon"],
        seat_ids=seats,
    )


def detail(conn, world):
    return call(
        conn,
        "catalog.get_performance",
        performance_id=world.performances["hamlet_soon"],
    )[0]


def listed(conn, world):
    return next(
        r
        for r in listing(conn)
        if r["performance_id"] == world.performances["hamlet_soon"]
    )


def found(conn, world):
    return next(
        r
        for r in search(conn, query="hamlet")
        if r["performance_id"] == world.performances["hamlet_soon"]
    )


def test_held_seats_leave_the_counts_until_the_hold_ends(conn, world):
    before = detail(conn, world)
    hold(conn, world, "bob", [world.hall("A", 3), world.hall("A", 1, "Circle")])

    during = detail(conn, world)
    during_list = listed(conn, world)
    during_search = found(conn, world)
    stalls, circle = during["sections"]
    conn.execute(
        "update booking.seat_holds set held_at = now() - interval '20 minutes', "
        "expires_at = now() - interval '1 minute' where user_id = %s",
        (world.users["bob"],),
    )
    after = detail(conn, world)

    assert before["seats_available"] == 16
    assert during["seats_available"] == 14
    assert during_list["seats_available"] == 14
    assert during_search["seats_available"] == 14
    assert (stalls["available"], circle["available"]) == (11, 3)
    assert after["seats_available"] == 16


def test_a_held_seat_that_gets_booked_is_counted_once(conn, world):
    hold(conn, world, "alice", [world.hall("B", 2)])
    call(
        conn,
        "booking.book_seats",
        user_id=world.users["alice"],
        performance_id=world.performances["hamlet_soon"],
        seat_ids=[world.hall("B", 2)],
    )

    assert detail(conn, world)["seats_available"] == 15
    assert listed(conn, world)["seats_available"] == 15
    assert found(conn, world)["seats_available"] == 15
