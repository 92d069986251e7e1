"""catalog.list_performances, get_performance, get_seat_map and the lists."""

import datetime as dt
import json

import psycopg
import pytest

from tests.db.conftest import assert_kept_as_recounted, call, raises
from tests.db.test_booking import book
from tests.db.test_holds import hold


def listing(conn, **overrides):
    params = {
        "page": 1,
        "page_size": 20,
        "sort": "starts_at",
        "order": "asc",
        "genre_id": None,
        "venue_id": None,
    }
    params.update(overrides)
    return call(conn, "catalog.list_performances", **params)


def test_the_list_holds_only_upcoming_scheduled_performances(conn, world):
    ids = {row["performance_id"] for row in listing(conn)}

    assert world.performances["hamlet_soon"] in ids
    assert world.performances["carmen_london"] in ids
    assert world.performances["hamlet_past"] not in ids
    assert world.performances["hamlet_cancelled"] not in ids
    assert len(ids) == 5


def test_the_list_is_sorted_by_start_time_by_default(conn):
    starts = [row["starts_at"] for row in listing(conn)]

    assert starts == sorted(starts)


def test_the_list_sorts_by_title_descending(conn):
    titles = [row["title"] for row in listing(conn, sort="title", order="desc")]

    assert titles == ["Hamlet", "Hamlet", "Carmen", "Carmen", "Carmen"]


def test_the_list_sorts_by_venue_then_start(conn):
    rows = listing(conn, sort="venue")

    assert [r["venue_name"] for r in rows][:1] == ["Other Place"]
    hall = [r["starts_at"] for r in rows if r["venue_name"] == "Test Hall"]
    assert hall == sorted(hall)


def test_pages_split_the_list_and_count_the_whole(conn):
    first = listing(conn, page_size=2)
    third = listing(conn, page=3, page_size=2)
    beyond = listing(conn, page=4, page_size=2)

    assert len(first) == 2
    assert len(third) == 1
    assert beyond == []
    assert first[0]["total_count"] == 5


def test_the_count_follows_performances_added_moved_cancelled_and_removed(conn, world):
    def total():
        return listing(conn, page_size=1)[0]["total_count"]

    def direct():
        return conn.execute(
            "select count(*) as n from catalog.performances "
            "where status = 'scheduled' and starts_at > now()"
        ).fetchone()["n"]

    hamlet = conn.execute(
        "select show_id, venue_id from catalog.performances where performance_id = %s",
        (world.performances["hamlet_soon"],),
    ).fetchone()
    # Later today, and in a week: one counted from the index, one per day.
    added = [
        row["performance_id"]
        for row in conn.execute(
            "insert into catalog.performances (show_id, venue_id, starts_at) "
            "values (%(show_id)s, %(venue_id)s, now() + interval '1 minute'), "
            "(%(show_id)s, %(venue_id)s, now() + interval '8 days') "
            "returning performance_id",
            hamlet,
        )
    ]
    assert total() == direct() == 7

    conn.execute(
        "update catalog.performances set starts_at = starts_at + interval '30 days' "
        "where performance_id = %s",
        (added[1],),
    )
    assert total() == direct() == 7

    conn.execute(
        "update catalog.performances set status = 'cancelled' "
        "where performance_id = %s",
        (added[1],),
    )
    assert total() == direct() == 6

    conn.execute(
        "update catalog.performances set status = 'scheduled', "
        "starts_at = now() - interval '1 day' where performance_id = %s",
        (added[1],),
    )
    conn.execute(
        "delete from catalog.performances where performance_id = %s", (added[0],)
    )
    assert total() == direct() == 5


def test_truncating_performances_empties_the_counts_kept_from_them(conn, world):
    book(conn, world)
    book(conn, world, user="bob", seats=[world.hall("A", 4)])
    kept = ("catalog.show_sales", "booking.show_co_bookers", "booking.user_shows")

    def counts():
        return [
            conn.execute(f"select count(*) as n from {table}").fetchone()["n"]
            for table in kept
        ]

    assert counts()[0] > 0 and counts()[2] > 0
    conn.execute("truncate catalog.performances cascade")
    conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at) "
        "select s.show_id, %s, now() + interval '6 days' "
        "from catalog.shows s where s.title = 'Hamlet'",
        (world.venues["Test Hall"],),
    )

    assert [r["total_count"] for r in listing(conn)] == [1]
    # The counts kept from bookings went with the bookings.
    assert counts() == [0, 0, 0]


def test_filters_by_venue_and_genre(conn, world):
    london = listing(conn, venue_id=world.venues["Other Place"])
    opera_id = conn.execute(
        "select genre_id from catalog.genres where name = 'Opera'"
    ).fetchone()["genre_id"]
    operas = listing(conn, genre_id=opera_id)

    assert [r["performance_id"] for r in london] == [
        world.performances["carmen_london"]
    ]
    assert {r["title"] for r in operas} == {"Carmen"}
    assert len(operas) == 3


def test_seats_available_fall_as_seats_are_booked(conn, world):
    def hamlet_row():
        return next(
            r
            for r in listing(conn)
            if r["performance_id"] == world.performances["hamlet_soon"]
        )

    before = hamlet_row()
    book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])
    after = hamlet_row()

    assert before["capacity"] == 16
    assert before["seats_available"] == 16
    assert after["seats_available"] == 14
    assert after["price_from_cents"] == 2000
    assert after["currency"] == "EUR"


def test_bad_paging_and_sorting_are_refused(conn):
    for bad in (
        {"page": 0},
        {"page_size": 0},
        {"page_size": 101},
        {"sort": "price; drop table x"},
        {"order": "sideways"},
    ):
        with raises(conn, "validation_failed"):
            listing(conn, **bad)


def test_local_time_stays_at_half_past_seven_across_the_summer_time_change(conn, world):
    before = call(
        conn,
        "catalog.get_performance",
        performance_id=world.performances["carmen_before_dst"],
    )[0]
    after = call(
        conn,
        "catalog.get_performance",
        performance_id=world.performances["carmen_after_dst"],
    )[0]

    assert before["local_starts_at"] == dt.datetime(2030, 3, 30, 19, 30)
    assert after["local_starts_at"] == dt.datetime(2030, 3, 31, 19, 30)
    assert before["starts_at"].hour != after["starts_at"].hour


def test_the_performance_detail_counts_availability_per_section(conn, world):
    book(conn, world, seats=[world.hall("B", 1), world.hall("A", 2, "Circle")])

    row = call(
        conn,
        "catalog.get_performance",
        performance_id=world.performances["hamlet_soon"],
    )[0]

    assert row["title"] == "Hamlet"
    assert row["on_sale"] is True
    assert row["capacity"] == 16
    assert row["seats_available"] == 14
    assert row["cast_members"] == [
        {"name": "Zoë Lead", "role": "Lead"},
        {"name": "Bjørn Second", "role": "Friend"},
    ]
    assert row["sections"] == [
        {
            "section_id": world.sections["Test Hall/Stalls"],
            "name": "Stalls",
            "price_cents": 4000,
            "capacity": 12,
            "available": 11,
        },
        {
            "section_id": world.sections["Test Hall/Circle"],
            "name": "Circle",
            "price_cents": 2000,
            "capacity": 4,
            "available": 3,
        },
    ]


def test_past_and_cancelled_performances_are_not_on_sale(conn, world):
    for key in ("hamlet_past", "hamlet_cancelled"):
        row = call(
            conn, "catalog.get_performance", performance_id=world.performances[key]
        )[0]
        assert row["on_sale"] is False


def test_an_unknown_performance_has_no_detail_and_no_seat_map(conn):
    with raises(conn, "performance_not_found"):
        call(conn, "catalog.get_performance", performance_id=424242)
    with raises(conn, "performance_not_found"):
        call(conn, "catalog.get_seat_map", performance_id=424242)
    with raises(conn, "performance_not_found"):
        call(conn, "catalog.get_seat_map_json", performance_id=424242)


def test_the_seat_map_lists_every_seat_of_the_venue_with_flags(conn, world):
    rows = call(
        conn,
        "catalog.get_seat_map",
        performance_id=world.performances["hamlet_soon"],
    )
    by_id = {row["seat_id"]: row for row in rows}

    assert set(by_id) == set(world.hall_seats())
    assert by_id[world.hall("A", 1)]["is_accessible"] is True
    assert by_id[world.hall("A", 2)]["is_companion"] is True
    assert {row["status"] for row in rows} == {"available"}


def test_the_seat_map_document_says_what_the_seat_map_rows_say(conn, world):
    performance = world.performances["hamlet_soon"]
    book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])
    rows = call(conn, "catalog.get_seat_map", performance_id=performance)
    (document,) = call(conn, "catalog.get_seat_map_json", performance_id=performance)

    served = json.loads(document["seat_map"])

    assert served["performance_id"] == performance
    assert served["venue_id"] == rows[0]["venue_id"]
    assert served["seats"] == [
        {
            "seat_id": row["seat_id"],
            "section_id": row["section_id"],
            "row_label": row["row_label"],
            "seat_number": row["seat_number"],
            "x": float(row["x"]),
            "y": float(row["y"]),
            "accessible": row["is_accessible"],
            "companion": row["is_companion"],
            "status": row["status"],
        }
        for row in rows
    ]
    assert {seat["status"] for seat in served["seats"]} == {"available", "booked"}


def test_the_seat_map_document_escapes_row_labels(conn, world):
    label = 'Q"\\é'
    conn.execute(
        "insert into catalog.seats "
        "(venue_id, section_id, row_label, seat_number, x, y) "
        "values (%s, %s, %s, 1, 0, 20)",
        (world.venues["Test Hall"], world.sections["Test Hall/Stalls"], label),
    )
    (document,) = call(
        conn,
        "catalog.get_seat_map_json",
        performance_id=world.performances["hamlet_soon"],
    )

    seats = json.loads(document["seat_map"])["seats"]

    assert label in {seat["row_label"] for seat in seats}


# The document written from the seat map rows' columns on every read, as
# the seat map was served before each seat's entry was kept.
WRITTEN_FROM_THE_ROWS = """
    select '{"performance_id":' || %(p)s
        || ',"venue_id":' || coalesce(min(m.venue_id)::text, 'null')
        || ',"seats":[' || coalesce(string_agg(
            '{"seat_id":' || m.seat_id || ',"section_id":' || m.section_id
            || ',"row_label":' || to_json(m.row_label)::text
            || ',"seat_number":' || m.seat_number || ',"x":' || m.x
            || ',"y":' || m.y || ',"accessible":' || m.is_accessible
            || ',"companion":' || m.is_companion
            || ',"status":"' || m.status || '"}',
            ',' order by m.section_id, m.row_label, m.seat_number), '')
        || ']}' as seat_map
    from catalog.get_seat_map(%(p)s) m
"""


def test_the_seat_map_document_follows_every_change_to_the_seats(conn, world):
    performance = world.performances["hamlet_soon"]
    stalls = world.sections["Test Hall/Stalls"]
    book(conn, world, seats=[world.hall("A", 3), world.hall("A", 4)])
    hold(conn, world, [world.hall("B", 1)], user="bob")
    # A new row in one statement, one label needing escapes.
    conn.execute(
        "insert into catalog.seats (venue_id, section_id, row_label, "
        "seat_number, x, y) select %s, %s, label, n, n, 30 "
        "from (values ('Z', 1), ('Z', 2), ('Q\"\\', 1)) v(label, n)",
        (world.venues["Test Hall"], stalls),
    )
    # A seat moved, another given flags, a third moved to another row and
    # renumbered, a fourth removed.
    conn.execute(
        "update catalog.seats set x = x + 0.25, y = -1.5 where seat_id = %s",
        (world.hall("A", 1),),
    )
    conn.execute(
        "update catalog.seats set is_accessible = true where seat_id = %s",
        (world.hall("B", 2),),
    )
    conn.execute(
        "update catalog.seats set row_label = 'Z', seat_number = 3 where seat_id = %s",
        (world.hall("B", 3),),
    )
    conn.execute("delete from catalog.seats where seat_id = %s", (world.hall("B", 4),))

    (served,) = call(conn, "catalog.get_seat_map_json", performance_id=performance)
    expected = conn.execute(WRITTEN_FROM_THE_ROWS, {"p": performance}).fetchone()

    assert served["seat_map"] == expected["seat_map"]
    statuses = {s["status"] for s in json.loads(served["seat_map"])["seats"]}
    assert statuses == {"available", "booked", "held"}
    # Every seat of every venue has its entry, and no other seat has one.
    assert_kept_as_recounted(
        conn,
        "select seat_id from catalog.seat_map_parts order by seat_id",
        "select seat_id from catalog.seats order by seat_id",
    )


def test_a_seat_removed_and_added_again_under_its_id_keeps_its_map_entry(conn, world):
    performance = world.performances["hamlet_soon"]
    seat = world.hall("B", 5)
    # One statement: the seat's layout row is deleted (a cascade) and
    # written again (the seats' triggers), in an order of the server's.
    conn.execute(
        "with gone as (delete from catalog.seats where seat_id = %s returning *) "
        "insert into catalog.seats (seat_id, venue_id, section_id, row_label, "
        "seat_number, x, y) overriding system value "
        "select seat_id, venue_id, section_id, row_label, seat_number, x + 1, y "
        "from gone",
        (seat,),
    )

    (served,) = call(conn, "catalog.get_seat_map_json", performance_id=performance)
    expected = conn.execute(WRITTEN_FROM_THE_ROWS, {"p": performance}).fetchone()

    assert served["seat_map"] == expected["seat_map"]
    assert seat in {s["seat_id"] for s in json.loads(served["seat_map"])["seats"]}


def test_the_seat_map_entries_go_when_the_seats_are_truncated(conn, world):
    conn.execute("truncate catalog.seats cascade")
    conn.execute(
        "insert into catalog.seats (venue_id, section_id, row_label, seat_number, "
        "x, y) values (%s, %s, 'A', 1, 0, 0)",
        (world.venues["Test Hall"], world.sections["Test Hall/Stalls"]),
    )

    assert_kept_as_recounted(
        conn,
        "select seat_id from catalog.seat_map_parts order by seat_id",
        "select seat_id from catalog.seats order by seat_id",
    )


def test_the_seat_map_document_of_a_house_without_seats(conn, world):
    conn.execute(
        "delete from catalog.seats where venue_id = %s", (world.venues["Test Hall"],)
    )
    performance = world.performances["hamlet_soon"]

    (served,) = call(conn, "catalog.get_seat_map_json", performance_id=performance)

    assert json.loads(served["seat_map"]) == {
        "performance_id": performance,
        "venue_id": None,
        "seats": [],
    }


@pytest.mark.parametrize(("x", "y"), [("NaN", "20"), ("0", "NaN")])
def test_a_seat_cannot_be_placed_at_no_number(conn, world, x, y):
    with pytest.raises(psycopg.errors.CheckViolation) as caught:
        with conn.transaction():
            conn.execute(
                "insert into catalog.seats "
                "(venue_id, section_id, row_label, seat_number, x, y) "
                "values (%s, %s, 'Z', 1, %s::numeric, %s::numeric)",
                (world.venues["Test Hall"], world.sections["Test Hall/Stalls"], x, y),
            )

    assert caught.value.diag.constraint_name == "seats_position_is_a_number"


@pytest.mark.parametrize(
    "city",
    [" Vienna", "Vienna ", "  ", "\tVienna", "Vienna\n", "Vienna\u00a0", "\u200bWien"],
)
def test_a_venue_city_is_stored_without_spaces_around_it(conn, world, city):
    with pytest.raises(psycopg.errors.CheckViolation) as caught:
        with conn.transaction():
            conn.execute(
                "update catalog.venues set city = %s where venue_id = %s",
                (city, world.venues["Test Hall"]),
            )

    assert caught.value.diag.constraint_name == "venues_city_trimmed"


def test_a_venue_city_may_have_spaces_inside_it(conn, world):
    conn.execute(
        "update catalog.venues set city = 'New  York' where venue_id = %s",
        (world.venues["Test Hall"],),
    )


def test_genres_and_venues_are_listed_by_name(conn):
    genres = call(conn, "catalog.list_genres")
    venues = call(conn, "catalog.list_venues")

    assert [g["name"] for g in genres] == ["Drama", "Opera"]
    assert [(v["name"], v["capacity"]) for v in venues] == [
        ("Other Place", 5),
        ("Test Hall", 16),
    ]
