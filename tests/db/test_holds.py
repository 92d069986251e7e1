"""booking.hold_seats, list_holds, and how holds meet book_seats and the seat map."""

from tests.db.conftest import call, raises


def hold(conn, world, seats, user="alice", performance="hamlet_soon"):
    return call(
        conn,
        "booking.hold_seats",
        user_id=world.users[user],
        performance_id=world.performances[performance],
        seat_ids=seats,
    )


def book(conn, world, seats, user="alice", performance="hamlet_soon"):
    return call(
        conn,
        "booking.book_seats",
        user_id=world.users[user],
        performance_id=world.performances[performance],
        seat_ids=seats,
    )[0]


def holds(conn, world, user="alice", performance="hamlet_soon"):
    return call(
        conn,
        "booking.list_holds",
        user_id=world.users[user],
        performance_id=world.performances[performance],
    )


def seat_map(conn, world, performance="hamlet_soon"):
    rows = call(
        conn, "catalog.get_seat_map", performance_id=world.performances[performance]
    )
    return {row["seat_id"]: row for row in rows}


def expire(conn, world, seats, performance="hamlet_soon"):
    """Moves holds into the past, as if their minutes had run out."""
    conn.execute(
        "update booking.seat_holds set held_at = now() - interval '20 minutes', "
        "expires_at = now() - interval '10 minutes' "
        "where performance_id = %s and seat_id = any(%s)",
        (world.performances[performance], seats),
    )


def test_held_seats_show_as_held_with_their_holder_and_ten_minutes_left(conn, world):
    seats = [world.hall("B", 3), world.hall("B", 4)]

    rows = hold(conn, world, seats)

    assert [r["seat_id"] for r in rows] == sorted(seats)
    assert all(595 <= r["seconds_left"] <= 600 for r in rows)
    shown = seat_map(conn, world)
    assert shown[seats[0]]["status"] == "held"
    assert shown[seats[0]]["held_by"] == world.users["alice"]
    assert shown[world.hall("B", 5)]["status"] == "available"
    assert shown[world.hall("B", 5)]["held_by"] is None


def test_holding_again_replaces_the_set_and_keeps_the_first_expiry(conn, world):
    first = hold(conn, world, [world.hall("B", 3)])
    conn.execute(
        "update booking.seat_holds set held_at = now() - interval '3 minutes', "
        "expires_at = now() + interval '7 minutes'"
    )

    rows = hold(conn, world, [world.hall("B", 3), world.hall("B", 4)])

    assert first[0]["seconds_left"] >= 595
    assert [r["seat_id"] for r in rows] == [world.hall("B", 3), world.hall("B", 4)]
    assert all(415 <= r["seconds_left"] <= 420 for r in rows)
    assert hold(conn, world, []) == []
    assert seat_map(conn, world)[world.hall("B", 3)]["status"] == "available"


def test_a_seat_held_by_someone_else_cannot_be_held_or_booked(conn, world):
    seat = world.hall("B", 3)
    hold(conn, world, [seat], user="bob")

    with raises(conn, "seat_held") as held:
        hold(conn, world, [seat])
    with raises(conn, "seat_held") as booked:
        book(conn, world, [seat, world.hall("B", 4)])

    assert str(seat) in held.value.diag.message_detail
    assert str(seat) in booked.value.diag.message_detail
    assert seat_map(conn, world)[world.hall("B", 4)]["status"] == "available"


def test_my_own_hold_does_not_block_my_booking_and_ends_with_it(conn, world):
    seats = [world.hall("B", 3), world.hall("B", 4)]
    hold(conn, world, seats)

    booking = book(conn, world, seats)

    assert booking["seat_count"] == 2
    assert holds(conn, world) == []
    assert seat_map(conn, world)[seats[0]]["status"] == "booked"


def test_an_expired_hold_frees_the_seat_for_others(conn, world):
    seat = world.hall("B", 3)
    hold(conn, world, [seat], user="bob")
    expire(conn, world, [seat])

    assert seat_map(conn, world)[seat]["status"] == "available"
    assert holds(conn, world, user="bob")[0]["state"] == "expired"
    assert hold(conn, world, [seat])[0]["seat_id"] == seat
    assert seat_map(conn, world)[seat]["held_by"] == world.users["alice"]


def test_a_hold_beaten_by_a_booking_is_reported_to_its_holder(conn, world):
    seat = world.hall("B", 3)
    hold(conn, world, [seat], user="bob")
    expire(conn, world, [seat])
    book(conn, world, [seat])

    assert holds(conn, world, user="bob")[0]["state"] == "lost"
    with raises(conn, "hold_lost") as lost:
        book(conn, world, [seat], user="bob")
    with raises(conn, "hold_lost"):
        hold(conn, world, [seat], user="bob")
    assert str(seat) in lost.value.diag.message_detail


def test_a_user_may_hold_only_the_configured_number_of_seats(conn, world):
    conn.execute(
        "update booking.hold_settings set setting_value = 2 "
        "where setting_name = 'max_held_seats'"
    )

    with raises(conn, "hold_limit_exceeded"):
        hold(conn, world, [world.hall("B", n) for n in (1, 2, 3)])
    assert len(hold(conn, world, [world.hall("B", 1), world.hall("B", 2)])) == 2


def test_the_hold_length_comes_from_the_settings_table(conn, world):
    conn.execute(
        "update booking.hold_settings set setting_value = 3 "
        "where setting_name = 'hold_minutes'"
    )

    rows = hold(conn, world, [world.hall("B", 1)])

    assert 175 <= rows[0]["seconds_left"] <= 180


def test_holding_a_booked_seat_names_it_as_taken(conn, world):
    seat = world.hall("B", 3)
    book(conn, world, [seat], user="bob")

    with raises(conn, "seat_taken") as taken:
        hold(conn, world, [seat])

    assert str(seat) in taken.value.diag.message_detail


def test_holds_of_past_performances_and_other_venues_are_refused(conn, world):
    with raises(conn, "performance_not_on_sale"):
        hold(conn, world, [world.hall("B", 3)], performance="hamlet_past")
    with raises(conn, "seat_not_in_venue"):
        hold(conn, world, [world.seat("Other Place", "Main", "A", 1)])
    with raises(conn, "duplicate_seat"):
        hold(conn, world, [world.hall("B", 3), world.hall("B", 3)])
    with raises(conn, "performance_not_found"):
        call(conn, "booking.list_holds", user_id=1, performance_id=999_999)


def test_every_change_bumps_the_performance_version(conn, world):
    performance = world.performances["hamlet_soon"]

    def version():
        rows = call(conn, "booking.list_performance_versions", window_seconds=60)
        return {r["performance_id"]: r["version"] for r in rows}.get(performance, 0)

    before = version()
    hold(conn, world, [world.hall("B", 3)])
    after_hold = version()
    booking = book(conn, world, [world.hall("B", 3)])
    after_booking = version()
    call(
        conn,
        "booking.cancel_booking",
        user_id=world.users["alice"],
        booking_id=booking["booking_id"],
    )

    assert before < after_hold < after_booking < version()
    with raises(conn, "validation_failed"):
        call(conn, "booking.list_performance_versions", window_seconds=0)
