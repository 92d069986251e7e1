"""The local start time kept on each performance, which the search's date
and time-of-day filters read."""

import psycopg
from psycopg.rows import dict_row

from tests.db.conftest import alongside, assert_kept_as_recounted, raises
from tests.db.test_discovery import search

RECOUNTED = """
    select p.performance_id, p.starts_at at time zone v.time_zone
    from catalog.performances p
    join catalog.venues v on v.venue_id = p.venue_id
    order by p.performance_id
"""

KEPT = """
    select p.performance_id, p.local_starts_at
    from catalog.performances p
    order by p.performance_id
"""


def assert_local_starts_are_current(conn) -> None:
    assert_kept_as_recounted(conn, KEPT, RECOUNTED)


def local_start(conn, performance: int) -> str:
    return conn.execute(
        "select to_char(local_starts_at, 'YYYY-MM-DD HH24:MI') as t "
        "from catalog.performances where performance_id = %s",
        (performance,),
    ).fetchone()["t"]


def test_the_local_start_follows_the_start_the_venue_and_its_zone(conn, world):
    assert_local_starts_are_current(conn)
    added = conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at) "
        "values (%s, %s, timestamptz '2031-01-15 18:30:00+00') "
        "returning performance_id",
        (world.shows["Hamlet"], world.venues["Test Hall"]),
    ).fetchone()["performance_id"]
    assert local_start(conn, added) == "2031-01-15 19:30"

    conn.execute(
        "update catalog.performances set venue_id = %s where performance_id = %s",
        (world.venues["Other Place"], added),
    )
    assert local_start(conn, added) == "2031-01-15 18:30"

    conn.execute(
        "update catalog.performances set starts_at = starts_at - interval '4 hours' "
        "where performance_id = %s",
        (added,),
    )
    assert local_start(conn, added) == "2031-01-15 14:30"

    conn.execute(
        "update catalog.venues set time_zone = 'America/New_York' where venue_id = %s",
        (world.venues["Other Place"],),
    )
    assert local_start(conn, added) == "2031-01-15 09:30"
    assert_local_starts_are_current(conn)


def test_a_local_start_written_by_hand_is_put_right(conn, world):
    soon = world.performances["hamlet_soon"]
    before = local_start(conn, soon)

    conn.execute(
        "update catalog.performances set local_starts_at = timestamp '2000-01-01' "
        "where performance_id = %s",
        (soon,),
    )

    assert local_start(conn, soon) == before


def test_a_venue_moved_to_another_zone_moves_its_matinees(conn, world):
    # Vienna's 19:30 performances start at 13:30 in New York: matinees there.
    evening = {r["performance_id"] for r in search(conn, time_of_day="evening")}
    assert world.performances["carmen_before_dst"] in evening

    conn.execute(
        "update catalog.venues set time_zone = 'America/New_York' where venue_id = %s",
        (world.venues["Test Hall"],),
    )

    matinee = {r["performance_id"] for r in search(conn, time_of_day="matinee")}
    assert world.performances["carmen_before_dst"] in matinee


def test_a_performance_added_while_its_venue_changes_zone_starts_in_the_new_zone(
    fresh_db, world
):
    hall = world.venues["Test Hall"]

    def change_zone(conn) -> None:
        conn.execute(
            "update catalog.venues set time_zone = "
            "case when time_zone = 'Europe/Vienna' then 'America/New_York' "
            "else 'Europe/Vienna' end where venue_id = %s",
            (hall,),
        )

    def add(conn) -> None:
        conn.execute(
            "insert into catalog.performances (show_id, venue_id, starts_at) "
            "values (%s, %s, now() + interval '40 days')",
            (world.shows["Hamlet"], hall),
        )

    alongside(fresh_db, change_zone, add)
    alongside(fresh_db, add, change_zone)

    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        assert_local_starts_are_current(conn)


def test_a_venues_zone_cannot_be_changed_at_repeatable_read(conn, world):
    conn.rollback()
    conn.execute("set transaction isolation level repeatable read")
    with raises(conn, "validation_failed"):
        conn.execute(
            "update catalog.venues set time_zone = 'America/New_York' "
            "where venue_id = %s",
            (world.venues["Test Hall"],),
        )
