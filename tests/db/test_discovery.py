"""Search, similar shows, rankings, booking patterns and profile routines,
on the known catalogue plus a few shows and bookings added per test."""

import json
from datetime import date, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.db.conftest import SQLSTATE, call, raises, waits_for_commit
from tests.db.test_holds import hold

SEARCH_DEFAULTS = {
    "query": None,
    "genre_ids": None,
    "venue_id": None,
    "city": None,
    "date_from": None,
    "date_to": None,
    "time_of_day": None,
    "price_min_cents": None,
    "price_max_cents": None,
    "group_size": None,
    "sort": "relevance",
    "page": 1,
    "page_size": 50,
}


def search(conn, **changes) -> list[dict]:
    return call(conn, "catalog.search_performances", **{**SEARCH_DEFAULTS, **changes})


def titles(rows) -> list[str]:
    return [r["title"] for r in rows]


def genre_id(conn, name: str) -> int:
    return conn.execute(
        "select genre_id from catalog.genres where name = %s", (name,)
    ).fetchone()["genre_id"]


def add_show(conn, world, title, genre="Opera", days=5, venue="Test Hall", **more):
    """A show with one performance `days` from now (at that minute)."""
    show_id = conn.execute(
        "insert into catalog.shows (title, description, genre_id, duration_minutes, "
        "director) values (%s, %s, %s, 120, %s) returning show_id",
        (
            title,
            more.get("description", "An evening at the theatre."),
            genre_id(conn, genre),
            more.get("director", "Someone Else"),
        ),
    ).fetchone()["show_id"]
    performance_id = add_performance(conn, world, show_id, days, venue)
    return show_id, performance_id


def add_performance(conn, world, show_id, days, venue="Test Hall", starts_at=None):
    performance_id = conn.execute(
        "insert into catalog.performances (show_id, venue_id, starts_at) values "
        "(%s, %s, coalesce(%s, date_trunc('minute', now()) "
        "+ make_interval(days => %s, mins => %s))) returning performance_id",
        (show_id, world.venues[venue], starts_at, days, show_id % 50),
    ).fetchone()["performance_id"]
    conn.execute(
        "insert into catalog.performance_prices (performance_id, section_id, "
        "price_cents) select %s, s.section_id, 6000 - 2000 * s.sort_order "
        "from catalog.sections s where s.venue_id = %s",
        (performance_id, world.venues[venue]),
    )
    return performance_id


def add_booking(conn, world, user, performance_id, tickets=1, days_ago=0, seats=()):
    booking_id = conn.execute(
        "insert into booking.bookings (user_id, performance_id, created_at, "
        "seat_count, total_cents) values (%s, %s, now() - make_interval(days => %s), "
        "%s, 1000) returning booking_id",
        (world.users[user], performance_id, days_ago, tickets),
    ).fetchone()["booking_id"]
    for seat_id in seats:
        conn.execute(
            "insert into booking.booked_seats (booking_id, performance_id, venue_id, "
            "seat_id, price_cents) select %s, %s, venue_id, %s, 1000 "
            "from catalog.performances where performance_id = %s",
            (booking_id, performance_id, seat_id, performance_id),
        )
    return booking_id


# Search ------------------------------------------------------------------


def test_a_title_search_finds_only_upcoming_scheduled_performances(conn, world):
    rows = search(conn, query="Hamlet")

    assert sorted(r["performance_id"] for r in rows) == sorted(
        [world.performances["hamlet_soon"], world.performances["hamlet_later"]]
    )
    assert rows[0]["total_count"] == 2


def test_a_word_that_matches_nothing_finds_nothing(conn, world):
    assert search(conn, query="Zzyzx") == []


def test_a_typo_in_the_title_still_finds_the_show(conn, world):
    assert set(titles(search(conn, query="Hamlte"))) == {"Hamlet"}
    assert set(titles(search(conn, query="carmne"))) == {"Carmen"}


def test_accents_are_ignored_in_both_directions(conn, world):
    add_show(conn, world, "Sărbătoare", genre="Drama")
    add_show(conn, world, "Sarbatoare Redux", genre="Drama")

    assert set(titles(search(conn, query="Sarbatoare"))) == {
        "Sărbătoare",
        "Sarbatoare Redux",
    }
    assert set(titles(search(conn, query="SĂRBĂTOARE redux"))) == {"Sarbatoare Redux"}


def test_boheme_without_accent_finds_la_boheme(conn, world):
    add_show(conn, world, "La bohème")

    assert titles(search(conn, query="boheme")) == ["La bohème"]


def test_cast_director_genre_and_venue_words_are_searched(conn, world):
    # The world's cast includes "Zoë Lead"; its director is "Ada Director".
    assert len(search(conn, query="zoe")) == 5
    assert len(search(conn, query="ada director")) == 5
    assert set(titles(search(conn, query="opera london"))) == {"Carmen"}


def test_a_title_hit_ranks_above_a_description_hit(conn, world):
    add_show(conn, world, "Quiet Night", description="A night of Hamlet quotes.")

    rows = search(conn, query="hamlet")

    assert titles(rows)[:2] == ["Hamlet", "Hamlet"]
    assert rows[-1]["title"] == "Quiet Night"
    assert rows[0]["relevance"] > rows[-1]["relevance"]


def test_every_word_must_match(conn, world):
    assert search(conn, query="hamlet carmen") == []


def test_hostile_text_is_just_text(conn, world):
    for text in ("'; drop table catalog.shows; --", "%", "_", '"', "\\", "🎭", " "):
        rows = search(conn, query=text)
        assert all(r["title"] in ("Hamlet", "Carmen") for r in rows), text

    # Text without a word in it matches nothing; no text at all, everything.
    assert search(conn, query="%") == []
    assert search(conn, query="🎭") == []
    assert search(conn, query=" ")[0]["total_count"] == 5


def test_filters_by_genre_venue_and_city(conn, world):
    opera = genre_id(conn, "Opera")

    assert set(titles(search(conn, genre_ids=[opera]))) == {"Carmen"}
    assert set(titles(search(conn, genre_ids=[]))) == {"Hamlet", "Carmen"}
    assert titles(search(conn, venue_id=world.venues["Other Place"])) == ["Carmen"]
    assert titles(search(conn, city="LONDON")) == ["Carmen"]


def test_filters_by_local_date_range(conn, world):
    today = date.today()

    rows = search(
        conn, date_from=today + timedelta(days=6), date_to=today + timedelta(days=8)
    )

    assert [r["performance_id"] for r in rows] == [world.performances["hamlet_soon"]]


def test_matinee_and_evening_split_at_five_in_the_afternoon_local(conn, world):
    show_id, _ = add_show(conn, world, "Timed Show", days=1)
    matinee = add_performance(
        conn, world, show_id, 0, starts_at="2031-06-01 14:59:00+02"
    )
    evening = add_performance(
        conn, world, show_id, 0, starts_at="2031-06-01 17:00:00+02"
    )
    found = {
        kind: {
            r["performance_id"] for r in search(conn, query="timed", time_of_day=kind)
        }
        for kind in ("matinee", "evening")
    }

    assert matinee in found["matinee"] and matinee not in found["evening"]
    assert evening in found["evening"] and evening not in found["matinee"]


def test_filters_by_price_range_of_any_section(conn, world):
    # Test Hall prices are 4000 (Stalls) and 2000 (Circle); Other Place 4000.
    assert len(search(conn, price_min_cents=1500, price_max_cents=2500)) == 4
    assert search(conn, price_min_cents=4500) == []


def test_a_group_needs_that_many_seats_left(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon, tickets=8, seats=world.hall_seats()[:8])

    ids = [r["performance_id"] for r in search(conn, query="hamlet", group_size=9)]

    assert soon not in ids
    assert world.performances["hamlet_later"] in ids


def test_seats_held_in_a_checkout_are_not_left_for_a_group(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon, tickets=8, seats=world.hall_seats()[:8])
    # Bob holds 3 of the 8 seats left: 5 are left for anyone else.
    hold(conn, world, world.hall_seats()[8:11], user="bob", performance="hamlet_soon")

    def found(group_size: int) -> dict | None:
        rows = search(conn, query="hamlet", group_size=group_size)
        return next((r for r in rows if r["performance_id"] == soon), None)

    assert found(5)["seats_available"] == 5
    assert found(6) is None


def test_sorts_by_date_price_and_popularity(conn, world):
    add_booking(conn, world, "alice", world.performances["carmen_london"], tickets=3)

    by_date = search(conn, sort="date")
    by_price = search(conn, sort="price")
    by_popularity = search(conn, sort="popularity")

    assert [r["starts_at"] for r in by_date] == sorted(r["starts_at"] for r in by_date)
    assert by_price[0]["price_from_cents"] == 2000
    assert by_price[-1]["price_from_cents"] == 4000
    assert by_popularity[0]["title"] == "Carmen"
    assert by_popularity[0]["popularity"] == 3


def test_pages_split_the_results(conn, world):
    first = search(conn, sort="date", page_size=2)
    third = search(conn, sort="date", page_size=2, page=3)

    assert len(first) == 2 and len(third) == 1
    assert first[0]["total_count"] == third[0]["total_count"] == 5


@pytest.mark.parametrize(
    "changes",
    [
        {"sort": "cheapest"},
        {"page": 0},
        {"page_size": 101},
        {"time_of_day": "night"},
        {"group_size": 11},
        {"price_min_cents": 500, "price_max_cents": 100},
        {"date_from": date(2030, 2, 1), "date_to": date(2030, 1, 1)},
        {"genre_ids": {"a": 1}},
        {"genre_ids": ["1"]},
        {"query": "x" * 201},
    ],
)
def test_bad_search_filters_are_refused(conn, world, changes):
    with raises(conn, "validation_failed"):
        search(conn, **changes)


# Similar shows -------------------------------------------------------------


def test_similar_shows_are_other_upcoming_shows_of_the_same_genre(conn, world):
    tosca, tosca_next = add_show(conn, world, "Tosca", days=9)
    add_performance(conn, world, tosca, 20)
    past = add_show(conn, world, "Old Opera", days=-3)[1]
    add_show(conn, world, "Othello", genre="Drama", days=4)

    rows = call(
        conn,
        "catalog.similar_performances",
        performance_id=world.performances["carmen_london"],
    )

    assert [r["performance_id"] for r in rows] == [tosca_next]
    assert past not in [r["performance_id"] for r in rows]


def test_similar_shows_rank_by_co_booking_then_popularity_then_date(conn, world):
    _, aida = add_show(conn, world, "Aida", days=9)
    _, norma = add_show(conn, world, "Norma", days=8)
    _, tosca = add_show(conn, world, "Tosca", days=7)
    _, lulu = add_show(conn, world, "Lulu", days=6)
    add_booking(conn, world, "alice", world.performances["carmen_london"])
    add_booking(conn, world, "alice", aida)
    add_booking(conn, world, "carol", norma, tickets=5)

    rows = call(
        conn,
        "catalog.similar_performances",
        performance_id=world.performances["carmen_london"],
    )

    assert [r["performance_id"] for r in rows] == [aida, norma, lulu, tosca]
    assert rows[0]["co_bookers"] == 1 and rows[1]["popularity"] == 5


def test_similar_shows_are_at_most_six(conn, world):
    for n in range(8):
        add_show(conn, world, f"Opera {n}", days=4 + n)

    rows = call(
        conn,
        "catalog.similar_performances",
        performance_id=world.performances["carmen_london"],
    )

    assert len(rows) == 6


def test_similar_shows_of_an_unknown_performance_are_refused(conn, world):
    with raises(conn, "performance_not_found"):
        call(conn, "catalog.similar_performances", performance_id=999_999)


def similar(conn, world, performance="carmen_london") -> list[dict]:
    return call(
        conn,
        "catalog.similar_performances",
        performance_id=world.performances[performance],
    )


def cancel(conn, booking_id):
    conn.execute(
        "update booking.bookings set status = 'cancelled', cancelled_at = now() "
        "where booking_id = %s",
        (booking_id,),
    )


def test_similar_shows_count_each_co_booker_once_and_outrank_popularity(conn, world):
    _, aida = add_show(conn, world, "Aida", days=9)
    _, norma = add_show(conn, world, "Norma", days=8)
    carmen = world.performances["carmen_london"]
    add_booking(conn, world, "alice", carmen)
    add_booking(conn, world, "bob", carmen)
    add_booking(conn, world, "alice", aida)
    add_booking(conn, world, "alice", aida)
    add_booking(conn, world, "bob", norma)
    add_booking(conn, world, "carol", norma, tickets=9)

    before = similar(conn, world)
    add_booking(conn, world, "bob", aida)
    after = similar(conn, world)

    assert [
        (r["performance_id"], r["co_bookers"], r["popularity"]) for r in before
    ] == [
        (norma, 1, 10),
        (aida, 1, 2),
    ]
    assert [(r["performance_id"], r["co_bookers"], r["popularity"]) for r in after] == [
        (aida, 2, 3),
        (norma, 1, 10),
    ]


def test_similar_shows_with_equal_counts_come_in_date_order(conn, world):
    _, later = add_show(conn, world, "Aida", days=9)
    _, sooner = add_show(conn, world, "Norma", days=8)
    carmen = world.performances["carmen_london"]
    add_booking(conn, world, "alice", carmen)
    add_booking(conn, world, "alice", later, tickets=2)
    add_booking(conn, world, "alice", sooner, tickets=2)

    assert [r["performance_id"] for r in similar(conn, world)] == [sooner, later]


def test_cancelled_bookings_no_longer_count_for_similar_shows(conn, world):
    _, aida = add_show(conn, world, "Aida", days=9)
    _, norma = add_show(conn, world, "Norma", days=8)
    carmen = world.performances["carmen_london"]
    add_booking(conn, world, "alice", carmen)
    first = add_booking(conn, world, "alice", aida, tickets=3)
    second = add_booking(conn, world, "alice", aida, tickets=2)

    cancel(conn, first)
    rows = similar(conn, world)

    assert [(r["performance_id"], r["co_bookers"], r["popularity"]) for r in rows] == [
        (aida, 1, 2),
        (norma, 0, 0),
    ]

    cancel(conn, second)
    rows = similar(conn, world)

    assert [(r["performance_id"], r["co_bookers"], r["popularity"]) for r in rows] == [
        (norma, 0, 0),
        (aida, 0, 0),
    ]


def test_a_cancelled_booking_of_this_show_ends_its_co_bookings(conn, world):
    _, aida = add_show(conn, world, "Aida", days=9)
    own = add_booking(conn, world, "alice", world.performances["carmen_london"])
    add_booking(conn, world, "alice", aida)

    cancel(conn, own)
    conn.execute("delete from booking.bookings where booking_id = %s", (own,))

    assert [(r["co_bookers"], r["popularity"]) for r in similar(conn, world)] == [
        (0, 1)
    ]


def test_similar_shows_skip_cancelled_performances_for_the_next_one(conn, world):
    aida, first = add_show(conn, world, "Aida", days=5)
    second = add_performance(conn, world, aida, 6)
    add_performance(conn, world, aida, 7)
    conn.execute(
        "update catalog.performances set status = 'cancelled' "
        "where performance_id = %s",
        (first,),
    )

    assert [r["performance_id"] for r in similar(conn, world)] == [second]


def test_similar_shows_count_bookings_of_past_performances(conn, world):
    aida, _ = add_show(conn, world, "Aida", days=9)
    _, norma = add_show(conn, world, "Norma", days=8)
    old_aida = add_performance(conn, world, aida, -30)
    add_booking(conn, world, "alice", world.performances["carmen_london"])
    add_booking(conn, world, "alice", old_aida, tickets=4, days_ago=40)

    rows = similar(conn, world)

    assert rows[0]["show_id"] == aida
    assert (rows[0]["co_bookers"], rows[0]["popularity"]) == (1, 4)
    assert norma == rows[1]["performance_id"]


def test_the_similar_show_counts_agree_with_the_bookings(conn, world):
    """After bookings, cancellations, moves and deletions, the counts the
    trigger keeps are what counting the bookings from scratch gives."""
    shows = [add_show(conn, world, f"Opera {n}", days=4 + n)[1] for n in range(4)]
    performances = [world.performances["carmen_london"], *shows]
    bookings = []
    for n in range(24):
        user = ("alice", "bob", "carol")[n % 3]
        performance = performances[(n * 7) % len(performances)]
        bookings.append(add_booking(conn, world, user, performance, tickets=1 + n % 4))
    for booking_id in bookings[::5]:
        cancel(conn, booking_id)
    conn.execute(
        "update booking.bookings set performance_id = %s, seat_count = 7 "
        "where booking_id = any(%s)",
        (shows[0], bookings[1::7]),
    )
    conn.execute(
        "update booking.bookings set user_id = %s where booking_id = any(%s)",
        (world.users["bob"], bookings[2::6]),
    )
    conn.execute(
        "delete from booking.bookings where booking_id = any(%s)", (bookings[3::8],)
    )

    assert recount_mismatches(conn) == {"user_shows": 0, "pairs": 0, "tickets": 0}
    assert conn.execute("select count(*) as n from booking.show_co_bookers").fetchone()[
        "n"
    ]


def test_similar_show_counts_agree_after_many_bookings_in_one_statement(conn, world):
    """A bulk load writes many bookings at once: several users, several
    shows, a user starting two shows together; the counts the triggers keep
    are what counting from scratch gives, after the insert and after
    cancelling and moving some of those bookings in one statement each."""
    operas = [add_show(conn, world, f"Opera {n}", days=4 + n) for n in range(4)]
    performances = [performance_id for _, performance_id in operas]
    carmen = world.performances["carmen_london"]
    add_booking(conn, world, "alice", carmen)
    add_booking(conn, world, "bob", performances[0])
    rows = [
        ("alice", performances[1], 2),
        ("alice", performances[2], 1),
        ("alice", performances[1], 3),
        ("alice", carmen, 1),
        ("bob", carmen, 4),
        ("bob", performances[0], 1),
        ("bob", performances[3], 2),
        ("carol", performances[0], 1),
        ("carol", performances[1], 1),
        ("carol", performances[2], 2),
        ("carol", performances[3], 1),
    ]

    bookings = [
        r["booking_id"]
        for r in conn.execute(
            "insert into booking.bookings (user_id, performance_id, seat_count, "
            "total_cents) select u, p, n, 1000 "
            "from unnest(%s::bigint[], %s::bigint[], %s::integer[]) as r(u, p, n) "
            "returning booking_id",
            (
                [world.users[user] for user, _, _ in rows],
                [performance for _, performance, _ in rows],
                [tickets for _, _, tickets in rows],
            ),
        ).fetchall()
    ]
    after_insert = recount_mismatches(conn)
    pairs = {
        (r["show_id"], r["other_show_id"]): r["users"]
        for r in conn.execute(
            "select show_id, other_show_id, sum(users)::integer as users "
            "from booking.show_co_bookers group by 1, 2"
        ).fetchall()
    }
    conn.execute(
        "update booking.bookings set status = 'cancelled', cancelled_at = now() "
        "where booking_id = any(%s)",
        (bookings[::3],),
    )
    conn.execute(
        "update booking.bookings set performance_id = %s, user_id = %s "
        "where booking_id = any(%s)",
        (performances[3], world.users["alice"], bookings[1::4]),
    )
    after_changes = recount_mismatches(conn)
    conn.execute("delete from booking.bookings where booking_id = any(%s)", (bookings,))

    carmen_show = world.shows["Carmen"]
    opera = [show_id for show_id, _ in operas]
    assert after_insert == {"user_shows": 0, "pairs": 0, "tickets": 0}
    assert pairs[(opera[1], opera[2])] == pairs[(opera[2], opera[1])] == 2
    assert pairs[(carmen_show, opera[1])] == pairs[(opera[0], carmen_show)] == 1
    assert after_changes == {"user_shows": 0, "pairs": 0, "tickets": 0}
    assert recount_mismatches(conn) == {"user_shows": 0, "pairs": 0, "tickets": 0}


def recount_mismatches(conn) -> dict:
    """How many rows of each kept count differ from counting the bookings
    from scratch."""
    return conn.execute(
        """
        with truth as (
            select b.user_id, p.show_id, count(*)::integer as bookings
            from booking.bookings b
            join catalog.performances p on p.performance_id = b.performance_id
            where b.status = 'confirmed'
            group by b.user_id, p.show_id
        ),
        pairs as (
            select a.show_id, o.show_id as other_show_id, count(*) as users
            from truth a
            join truth o on o.user_id = a.user_id and o.show_id <> a.show_id
            group by a.show_id, o.show_id
        ),
        kept_pairs as (
            select show_id, other_show_id, sum(users) as users
            from booking.show_co_bookers
            group by show_id, other_show_id
            having sum(users) <> 0
        ),
        tickets as (
            select p.show_id, sum(b.seat_count) as tickets
            from booking.bookings b
            join catalog.performances p on p.performance_id = b.performance_id
            where b.status = 'confirmed'
            group by p.show_id
        ),
        kept_tickets as (
            select show_id, sum(tickets) as tickets
            from catalog.show_sales
            group by show_id
            having sum(tickets) <> 0
        )
        select
            (select count(*) from (
                (table truth except select * from booking.user_shows)
                union all (select * from booking.user_shows except table truth)
            ) x) as user_shows,
            (select count(*) from (
                (table pairs except table kept_pairs)
                union all (table kept_pairs except table pairs)
            ) x) as pairs,
            (select count(*) from (
                (table tickets except table kept_tickets)
                union all (table kept_tickets except table tickets)
            ) x) as tickets
        """
    ).fetchone()


# Rankings ------------------------------------------------------------------


def ranking(conn, world, period="all_time", metric="bookings", user="alice", limit=10):
    return call(
        conn,
        "report.list_user_ranking",
        period=period,
        metric=metric,
        user_id=world.users[user] if user else None,
        limit=limit,
    )


def refresh_boards_hourly(conn):
    """Stored boards stay as they are for the rest of the test."""
    conn.execute(
        "update report.ranking_settings set setting_value = 3600 "
        "where setting_name = 'refresh_seconds'"
    )


def test_ties_share_a_rank(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon, tickets=2)
    add_booking(conn, world, "bob", soon, tickets=2)
    add_booking(conn, world, "carol", soon, tickets=1)

    rows = ranking(conn, world, metric="tickets")

    assert [(r["display_name"], r["user_rank"]) for r in rows] == [
        ("Alice", 1),
        ("Bob", 1),
        ("Carol", 3),
    ]
    assert [r["is_current_user"] for r in rows] == [True, False, False]
    assert set(rows[0]) == {
        "user_rank",
        "display_name",
        "bookings",
        "tickets",
        "is_current_user",
    }


def test_the_asking_user_is_shown_even_outside_the_top(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "bob", soon, tickets=3)
    add_booking(conn, world, "carol", soon, tickets=2)
    add_booking(conn, world, "alice", soon, tickets=1)

    rows = ranking(conn, world, metric="tickets", limit=1)

    assert [(r["display_name"], r["user_rank"]) for r in rows] == [
        ("Bob", 1),
        ("Alice", 3),
    ]


def test_periods_count_only_their_bookings(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon, days_ago=40)
    add_booking(conn, world, "bob", soon, days_ago=2)

    recent = ranking(conn, world, period="last_30_days")
    ever = ranking(conn, world, period="all_time")

    assert [r["display_name"] for r in recent] == ["Bob"]
    assert {r["display_name"] for r in ever} == {"Alice", "Bob"}


def test_cancelled_bookings_do_not_count(conn, world):
    booking_id = add_booking(conn, world, "bob", world.performances["hamlet_soon"])
    conn.execute(
        "update booking.bookings set status = 'cancelled', cancelled_at = now() "
        "where booking_id = %s",
        (booking_id,),
    )

    assert ranking(conn, world) == []


def test_users_who_opted_out_are_not_ranked_anywhere(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon, tickets=5)
    add_booking(conn, world, "bob", soon, tickets=1)
    conn.execute(
        "update account.users set ranking_opt_out = true where username = 'alice'"
    )

    rows = ranking(conn, world, metric="tickets")
    view = conn.execute("select display_name, rank_by_tickets from report.user_ranking")

    assert [(r["display_name"], r["user_rank"]) for r in rows] == [("Bob", 1)]
    assert view.fetchall() == [{"display_name": "Bob", "rank_by_tickets": 1}]


def test_the_stored_leaderboard_is_kept_until_it_is_due(conn, world):
    refresh_boards_hourly(conn)
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "bob", soon)

    def board():
        return [(r["display_name"], r["user_rank"]) for r in ranking(conn, world)]

    assert board() == [("Bob", 1)]
    add_booking(conn, world, "carol", soon)
    add_booking(conn, world, "carol", soon)

    # Carol's bookings count from the next refresh; names count at once.
    conn.execute(
        "update account.users set display_name = 'Robert' where username = 'bob'"
    )
    assert board() == [("Robert", 1)]

    call(conn, "report.refresh_user_ranking", period="all_time", metric="bookings")
    assert board() == [("Carol", 1), ("Robert", 2)]

    # Opting out counts at once too.
    conn.execute(
        "update account.users set ranking_opt_out = true where username = 'carol'"
    )
    assert board() == [("Robert", 2)]


def test_a_refresh_follows_users_who_move_up_or_leave(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon)
    bob = add_booking(conn, world, "bob", soon)
    add_booking(conn, world, "bob", soon, tickets=3)
    add_booking(conn, world, "carol", soon)

    def stored():
        totals = conn.execute(
            "select u.username, t.bookings, t.tickets from report.ranking_totals t "
            "join account.users u using (user_id) "
            "where t.period = 'all_time' order by 1"
        ).fetchall()
        scores = conn.execute(
            "select metric, score, users, users_above from report.ranking_scores "
            "where period = 'all_time' order by 1, 2 desc"
        ).fetchall()
        return [tuple(r.values()) for r in totals], [tuple(r.values()) for r in scores]

    def board():
        return [(r["display_name"], r["user_rank"]) for r in ranking(conn, world)]

    def refresh():
        call(conn, "report.refresh_user_ranking", period="all_time", metric="bookings")

    refresh()
    assert stored() == (
        [("alice", 1, 1), ("bob", 2, 4), ("carol", 1, 1)],
        [
            ("bookings", 2, 1, 0),
            ("bookings", 1, 2, 1),
            ("tickets", 4, 1, 0),
            ("tickets", 1, 2, 1),
        ],
    )
    assert board() == [("Bob", 1), ("Alice", 2), ("Carol", 2)]

    # Alice moves to the top, one of Bob's bookings is cancelled and Carol
    # opts out: the three swap places or go.
    add_booking(conn, world, "alice", soon)
    add_booking(conn, world, "alice", soon)
    conn.execute(
        "update booking.bookings set status = 'cancelled', cancelled_at = now() "
        "where booking_id = %s",
        (bob,),
    )
    conn.execute(
        "update account.users set ranking_opt_out = true where username = 'carol'"
    )
    refresh()

    # Carol's totals are kept, but she counts in no one's rank.
    assert stored() == (
        [("alice", 3, 3), ("bob", 1, 3), ("carol", 1, 1)],
        [
            ("bookings", 3, 1, 0),
            ("bookings", 1, 1, 1),
            ("tickets", 3, 2, 0),
        ],
    )
    assert board() == [("Alice", 1), ("Bob", 2)]
    tickets = ranking(conn, world, metric="tickets")
    assert [(r["display_name"], r["user_rank"]) for r in tickets] == [
        ("Alice", 1),
        ("Bob", 1),
    ]


def test_opting_back_in_shows_at_once(conn, world):
    refresh_boards_hourly(conn)
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon)
    add_booking(conn, world, "bob", soon)
    add_booking(conn, world, "bob", soon)
    conn.execute(
        "update account.users set ranking_opt_out = true where username = 'bob'"
    )
    assert [(r["display_name"], r["user_rank"]) for r in ranking(conn, world)] == [
        ("Alice", 1)
    ]

    conn.execute(
        "update account.users set ranking_opt_out = false where username = 'bob'"
    )

    # Bob is back before the next refresh; Alice's rank follows with it.
    assert [(r["display_name"], r["user_rank"]) for r in ranking(conn, world)] == [
        ("Bob", 1),
        ("Alice", 1),
    ]
    call(conn, "report.refresh_user_ranking", period="all_time", metric="bookings")
    assert [(r["display_name"], r["user_rank"]) for r in ranking(conn, world)] == [
        ("Bob", 1),
        ("Alice", 2),
    ]


def test_ties_are_in_name_order_whatever_the_case_and_accents(conn, world):
    soon = world.performances["hamlet_soon"]
    names = {"alice": "Émile", "bob": "anna", "carol": "Bruno"}
    for user, name in names.items():
        conn.execute(
            "update account.users set display_name = %s where username = %s",
            (name, user),
        )
        add_booking(conn, world, user, soon)

    rows = ranking(conn, world)

    assert [r["display_name"] for r in rows] == ["anna", "Bruno", "Émile"]
    assert {r["user_rank"] for r in rows} == {1}


def test_a_refresh_writes_only_the_users_whose_totals_changed(conn, world):
    soon = world.performances["hamlet_soon"]
    add_booking(conn, world, "alice", soon)
    add_booking(conn, world, "bob", soon)
    call(conn, "report.refresh_user_ranking", period="all_time", metric="tickets")

    def row_versions():
        rows = conn.execute(
            "select u.username, t.ctid::text as version from report.ranking_totals t "
            "join account.users u using (user_id) where t.period = 'all_time'"
        )
        return {r["username"]: r["version"] for r in rows}

    before = row_versions()
    add_booking(conn, world, "bob", soon)
    call(conn, "report.refresh_user_ranking", period="all_time", metric="tickets")
    after = row_versions()

    assert after["alice"] == before["alice"]
    assert after["bob"] != before["bob"]


def refresh_left_open(fresh_db, world) -> psycopg.Connection:
    """Bob's booking, and a refresh of the all-time boards in a transaction
    left open, holding the period's lock."""
    with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
        add_booking(conn, world, "bob", world.performances["hamlet_soon"])
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    call(first, "report.refresh_user_ranking", period="all_time", metric="bookings")
    return first


def test_refreshes_of_one_board_wait_for_each_other(fresh_db, world):
    first = refresh_left_open(fresh_db, world)
    outcome = {}

    def second() -> None:
        with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
            try:
                call(
                    conn,
                    "report.refresh_user_ranking",
                    period="all_time",
                    metric="bookings",
                )
                outcome["board"] = [
                    r["display_name"]
                    for r in call(
                        conn,
                        "report.list_user_ranking",
                        period="all_time",
                        metric="bookings",
                        user_id=None,
                        limit=10,
                    )
                ]
            except psycopg.Error as error:
                outcome["error"] = error.sqlstate

    waited = waits_for_commit(first, second)

    assert waited, "the second refresh must wait for the first"
    assert outcome == {"board": ["Bob"]}


def test_a_first_board_being_worked_out_is_not_waited_for(fresh_db, world):
    board = {"period": "all_time", "metric": "bookings", "user_id": None, "limit": 10}
    # The first board of the period, worked out and not yet committed.
    first = refresh_left_open(fresh_db, world)
    outcome = {}

    def reader() -> None:
        with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
            try:
                call(conn, "report.list_user_ranking", **board)
            except psycopg.Error as error:
                outcome["error"] = error.sqlstate
                outcome["details"] = json.loads(error.diag.message_detail)

    waited = waits_for_commit(first, reader)

    assert not waited, "a reader must not wait for a first board"
    assert outcome["error"] == SQLSTATE["ranking_not_ready"]
    assert outcome["details"] == {"retry_after_seconds": 2}
    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        rows = call(conn, "report.list_user_ranking", **board)
    assert [r["display_name"] for r in rows] == ["Bob"]


@pytest.mark.parametrize(
    "changes", [{"period": "forever"}, {"metric": "money"}, {"limit": 0}]
)
def test_bad_ranking_requests_are_refused(conn, world, changes):
    with raises(conn, "validation_failed"):
        ranking(conn, world, **changes)


@pytest.mark.parametrize("changes", [{"period": "forever"}, {"metric": "money"}])
def test_bad_ranking_refreshes_are_refused(conn, changes):
    params = {"period": "all_time", "metric": "tickets", **changes}
    with raises(conn, "validation_failed"):
        call(conn, "report.refresh_user_ranking", **params)


# Booking patterns ------------------------------------------------------------


def patterns(conn, world, dimension, user="alice", days=10):
    today = date.today()
    return call(
        conn,
        "report.booking_patterns",
        user_id=world.users[user],
        dimension=dimension,
        date_from=today - timedelta(days=days - 1),
        date_to=today,
    )


def known_bookings(conn, world):
    # Carmen before the DST switch is Saturday 2030-03-30 19:30 in Vienna;
    # Carmen after it is Sunday 2030-03-31 19:30.
    add_booking(conn, world, "alice", world.performances["carmen_before_dst"], 2)
    add_booking(conn, world, "bob", world.performances["carmen_after_dst"], 3, 1)
    add_booking(conn, world, "bob", world.performances["hamlet_soon"], 1, 1)


def test_patterns_per_day_cover_every_day_of_the_range(conn, world):
    known_bookings(conn, world)

    rows = patterns(conn, world, "day", days=3)

    assert [r["bucket_order"] for r in rows] == [0, 1, 2]
    assert rows[2]["bucket"] == date.today().isoformat()
    assert [(r["my_tickets"], r["all_bookings"], r["all_tickets"]) for r in rows] == [
        (0, 0, 0),
        (0, 2, 4),
        (2, 1, 2),
    ]


def test_patterns_by_weekday_use_the_local_day_of_the_performance(conn, world):
    known_bookings(conn, world)
    # Bob's Hamlet ticket is a week from now: its day in Vienna depends on
    # when the test runs.
    hamlet_day = conn.execute(
        "select trim(to_char(p.starts_at at time zone v.time_zone, 'Day')) as day "
        "from catalog.performances p join catalog.venues v using (venue_id) "
        "where p.performance_id = %s",
        (world.performances["hamlet_soon"],),
    ).fetchone()["day"]

    rows = {r["bucket"]: r for r in patterns(conn, world, "weekday")}

    assert len(rows) == 7
    assert (rows["Saturday"]["my_bookings"], rows["Saturday"]["all_tickets"]) == (
        1,
        2 + (hamlet_day == "Saturday"),
    )
    assert (rows["Sunday"]["my_bookings"], rows["Sunday"]["all_tickets"]) == (
        0,
        3 + (hamlet_day == "Sunday"),
    )
    assert rows[hamlet_day]["all_tickets"] >= 1


def test_patterns_by_time_of_day_and_genre_match_the_report_views(conn, world):
    known_bookings(conn, world)

    by_time = {
        r["bucket"]: r["all_tickets"] for r in patterns(conn, world, "time_of_day")
    }
    by_genre = {r["bucket"]: r["all_tickets"] for r in patterns(conn, world, "genre")}
    view_time = conn.execute(
        "select time_of_day, sum(tickets)::int as t "
        "from report.bookings_by_weekday_time group by time_of_day"
    ).fetchall()
    view_genre = conn.execute(
        "select genre, tickets from report.bookings_by_genre"
    ).fetchall()

    assert by_genre == {"Drama": 1, "Opera": 5}
    assert by_genre == {r["genre"]: r["tickets"] for r in view_genre}
    assert sum(by_time.values()) == 6
    assert {k: v for k, v in by_time.items() if v} == {
        r["time_of_day"]: r["t"] for r in view_time
    }


@pytest.mark.parametrize("dimension, days", [("month", 10), ("day", 400), ("genre", 0)])
def test_bad_pattern_requests_are_refused(conn, world, dimension, days):
    with raises(conn, "validation_failed"):
        patterns(conn, world, dimension, days=days)


# Profile -------------------------------------------------------------------


def update(conn, world, user="alice", **changes):
    values = {
        "username": user,
        "email": f"{user}@example.com",
        "display_name": user.title(),
        "ranking_opt_out": False,
        **changes,
    }
    return call(conn, "account.update_profile", user_id=world.users[user], **values)


def test_a_profile_change_is_stored(conn, world):
    row = update(
        conn,
        world,
        username="alice.k",
        email="ak@example.org",
        display_name="  Alice K  ",
        ranking_opt_out=True,
    )[0]
    profile = call(conn, "account.get_profile", user_id=world.users["alice"])[0]

    assert (row["username"], row["email"], row["display_name"]) == (
        "alice.k",
        "ak@example.org",
        "Alice K",
    )
    assert profile["ranking_opt_out"] is True
    assert profile["password_hash"].startswith("$2b$")


def test_keeping_ones_own_username_in_another_case_is_allowed(conn, world):
    assert update(conn, world, username="ALICE")[0]["username"] == "ALICE"


def test_another_users_username_or_email_in_any_case_is_refused(conn, world):
    with raises(conn, "username_taken"):
        update(conn, world, username="BOB")
    with raises(conn, "email_taken"):
        update(conn, world, email="Bob@Example.com")


def test_a_bad_profile_field_is_refused(conn, world):
    with raises(conn, "validation_failed"):
        update(conn, world, username="a b")
    with raises(conn, "validation_failed"):
        update(conn, world, display_name="   ")


def test_an_unknown_user_has_no_profile(conn, world):
    with raises(conn, "user_not_found"):
        call(conn, "account.get_profile", user_id=999_999)


def test_a_password_change_ends_every_other_session(conn, world):
    alice = world.users["alice"]
    sessions = [
        call(conn, "account.create_session", user_id=alice, lifetime_seconds=600)[0][
            "session_id"
        ]
        for _ in range(3)
    ]
    bob = call(
        conn, "account.create_session", user_id=world.users["bob"], lifetime_seconds=600
    )[0]["session_id"]

    ended = call(
        conn,
        "account.change_password",
        user_id=alice,
        password_hash="$2b$04$" + "x" * 53,
        keep_session_id=sessions[0],
    )
    live = [
        bool(call(conn, "account.get_session_user", session_id=s))
        for s in [*sessions, bob]
    ]

    assert ended == [{"sessions_ended": 2}]
    assert live == [True, False, False, True]
    assert (
        call(conn, "account.get_profile", user_id=alice)[0]["password_hash"]
        == "$2b$04$" + "x" * 53
    )
