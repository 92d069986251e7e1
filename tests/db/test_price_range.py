"""The lowest and highest price kept on each performance, and the price
filters and sort of the search that read them."""

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import alongside, assert_kept_as_recounted, raises
from tests.db.test_discovery import search

RECOUNTED = """
    select p.performance_id,
           min(pp.price_cents) as lowest,
           max(pp.price_cents) as highest
    from catalog.performances p
    left join catalog.performance_prices pp on pp.performance_id = p.performance_id
    group by p.performance_id
    order by p.performance_id
"""

KEPT = """
    select performance_id, lowest_price_cents, highest_price_cents
    from catalog.performances
    order by performance_id
"""


def assert_ranges_are_current(conn) -> None:
    assert_kept_as_recounted(conn, KEPT, RECOUNTED)


def price_range(conn, performance: int) -> tuple:
    row = conn.execute(
        "select lowest_price_cents, highest_price_cents from catalog.performances "
        "where performance_id = %s",
        (performance,),
    ).fetchone()
    return tuple(row.values())


def test_the_range_follows_prices_added_changed_and_removed(conn, world):
    soon = world.performances["hamlet_soon"]
    circle = world.sections["Test Hall/Circle"]
    assert_ranges_are_current(conn)
    assert price_range(conn, soon) == (2000, 4000)

    conn.execute(
        "update catalog.performance_prices set price_cents = 9000 "
        "where performance_id = %s and section_id = %s",
        (soon, circle),
    )
    assert price_range(conn, soon) == (4000, 9000)

    conn.execute(
        "delete from catalog.performance_prices where performance_id = %s "
        "and section_id <> %s",
        (soon, circle),
    )
    assert price_range(conn, soon) == (9000, 9000)

    conn.execute(
        "delete from catalog.performance_prices where performance_id = %s", (soon,)
    )
    assert price_range(conn, soon) == (None, None)
    assert_ranges_are_current(conn)

    conn.execute(
        "insert into catalog.performance_prices "
        "(performance_id, section_id, price_cents) values (%s, %s, 1500)",
        (soon, circle),
    )
    assert price_range(conn, soon) == (1500, 1500)
    assert_ranges_are_current(conn)


def test_truncated_prices_leave_no_range(conn, world):
    conn.execute("truncate catalog.performance_prices")
    assert price_range(conn, world.performances["hamlet_soon"]) == (None, None)
    assert_ranges_are_current(conn)


def test_a_range_between_two_sections_prices_finds_no_performance(conn, world):
    # Test Hall sells at 2000 and 4000, Other Place at 4000: nothing lies in
    # 2500 to 3500, though Test Hall's lowest and highest prices surround it.
    assert search(conn, price_min_cents=2500, price_max_cents=3500) == []
    assert len(search(conn, price_min_cents=2500, price_max_cents=4000)) == len(
        search(conn)
    )


def test_a_performance_without_prices_is_cheapest_by_no_measure(conn, world):
    soon = world.performances["hamlet_soon"]
    conn.execute(
        "delete from catalog.performance_prices where performance_id = %s", (soon,)
    )

    by_price = search(conn, sort="price")

    assert by_price[-1]["performance_id"] == soon
    assert by_price[-1]["price_from_cents"] is None
    assert soon not in [
        r["performance_id"] for r in search(conn, price_max_cents=99999)
    ]
    assert soon not in [r["performance_id"] for r in search(conn, price_min_cents=0)]


def set_price(section: str, performance: int, cents: int):
    def change(conn) -> None:
        conn.execute(
            "update catalog.performance_prices set price_cents = %s "
            "where performance_id = %s and section_id = %s",
            (cents, performance, section),
        )

    return change


def test_two_changes_to_one_performances_prices_leave_the_range_of_both(
    fresh_db, world
):
    soon = world.performances["hamlet_soon"]
    stalls = world.sections["Test Hall/Stalls"]
    circle = world.sections["Test Hall/Circle"]

    alongside(fresh_db, set_price(circle, soon, 5000), set_price(stalls, soon, 3000))

    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        assert price_range(conn, soon) == (3000, 5000)
        assert_ranges_are_current(conn)


def test_a_price_added_while_the_lowest_is_removed_leaves_the_range_of_both(
    fresh_db, world
):
    soon = world.performances["hamlet_soon"]
    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        box = conn.execute(
            "insert into catalog.sections (venue_id, name, sort_order) "
            "values (%s, 'Box', 3) returning section_id",
            (world.venues["Test Hall"],),
        ).fetchone()["section_id"]

    def add(conn) -> None:
        # Inside the range as the adding transaction sees it: 2000 to 4000.
        conn.execute(
            "insert into catalog.performance_prices "
            "(performance_id, section_id, price_cents) values (%s, %s, 3000)",
            (soon, box),
        )

    def remove(conn) -> None:
        conn.execute(
            "delete from catalog.performance_prices "
            "where performance_id = %s and section_id = %s",
            (soon, world.sections["Test Hall/Circle"]),
        )

    alongside(fresh_db, add, remove)

    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        assert price_range(conn, soon) == (3000, 4000)
        assert_ranges_are_current(conn)


def test_a_range_written_by_hand_is_what_the_prices_say(conn, world):
    added = conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at, "
        "lowest_price_cents, highest_price_cents) "
        "values (%s, %s, now() + interval '40 days', 100, 200) "
        "returning performance_id",
        (world.shows["Hamlet"], world.venues["Test Hall"]),
    ).fetchone()["performance_id"]
    assert price_range(conn, added) == (None, None)

    conn.execute(
        "update catalog.performances set lowest_price_cents = 1 "
        "where performance_id = %s",
        (world.performances["hamlet_soon"],),
    )
    assert price_range(conn, world.performances["hamlet_soon"]) == (2000, 4000)
    assert_ranges_are_current(conn)


def test_prices_cannot_be_changed_at_repeatable_read(conn, world):
    conn.rollback()
    conn.execute("set transaction isolation level repeatable read")
    with raises(conn, "validation_failed"):
        set_price(
            world.sections["Test Hall/Circle"], world.performances["hamlet_soon"], 1
        )(conn)


def test_a_range_written_by_some_other_trigger_is_what_the_prices_say(conn, world):
    soon = world.performances["hamlet_soon"]
    conn.execute("create table public.price_notes (performance_id bigint)")
    conn.execute(
        "create function public.write_a_range() returns trigger "
        "language plpgsql as $$ begin "
        "update catalog.performances set lowest_price_cents = 1, "
        "highest_price_cents = 2 where performance_id = new.performance_id; "
        "return null; end $$"
    )
    conn.execute(
        "create trigger write_a_range after insert on public.price_notes "
        "for each row execute function public.write_a_range()"
    )

    conn.execute("insert into public.price_notes values (%s)", (soon,))

    assert price_range(conn, soon) == (2000, 4000)
