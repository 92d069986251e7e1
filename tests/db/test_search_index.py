"""The search index: the words of shows and venues, the vocabulary and the
tickets sold per show follow every change of the catalogue and bookings."""

from tests.db.test_discovery import add_booking, add_show, search, titles

# The index as a full rebuild from the catalogue would make it.
REBUILT_SHOW_WORDS = """
    select f.show_id, w.word, max(f.weight) as weight
    from (
        select s.show_id, x.weight, x.body
        from catalog.shows s
        join catalog.genres g on g.genre_id = s.genre_id
        cross join lateral (values (10, s.title), (1, s.description),
                                   (4, s.director), (4, g.name)) x(weight, body)
        union all
        select sc.show_id, 4, sc.person_name || ' ' || sc.role_name
        from catalog.show_cast sc
    ) f
    cross join lateral internal.search_words(f.body) w(word)
    group by f.show_id, w.word
    order by 1, 2
"""
REBUILT_VENUE_WORDS = """
    select v.venue_id, w.word, 4 as weight
    from catalog.venues v
    cross join lateral (values (v.name), (v.city)) x(body)
    cross join lateral internal.search_words(x.body) w(word)
    group by v.venue_id, w.word
    order by 1, 2
"""
REBUILT_VOCABULARY = """
    select word, count(*) as uses
    from (
        select word from catalog.show_search_words
        union all
        select word from catalog.venue_search_words
    ) w
    group by word
    order by word
"""
REBUILT_SALES = """
    select p.show_id, sum(b.seat_count) as tickets
    from booking.bookings b
    join catalog.performances p on p.performance_id = b.performance_id
    where b.status = 'confirmed'
    group by p.show_id
    order by p.show_id
"""


def rows(conn, query: str) -> list[tuple]:
    return [tuple(r.values()) for r in conn.execute(query).fetchall()]


def assert_index_is_current(conn):
    assert rows(
        conn,
        "select show_id, word, weight from catalog.show_search_words order by 1, 2",
    ) == rows(conn, REBUILT_SHOW_WORDS)
    assert rows(
        conn,
        "select venue_id, word, weight from catalog.venue_search_words order by 1, 2",
    ) == rows(conn, REBUILT_VENUE_WORDS)
    assert rows(
        conn, "select word, uses from catalog.search_vocabulary order by word"
    ) == rows(conn, REBUILT_VOCABULARY)
    assert rows(
        conn,
        "select show_id, sum(tickets) from catalog.show_sales "
        "group by show_id having sum(tickets) <> 0 order by show_id",
    ) == rows(conn, REBUILT_SALES)


def test_the_index_holds_the_words_of_the_catalogue(conn, world):
    assert_index_is_current(conn)
    weights = {
        r["word"]: r["weight"]
        for r in conn.execute(
            "select word, weight from catalog.show_search_words where show_id = %s",
            (world.shows["Hamlet"],),
        )
    }

    assert weights["hamlet"] == 10
    assert weights["zoe"] == 4
    assert weights["drama"] == 4
    assert weights["never"] == 1


def test_a_renamed_show_is_found_by_its_new_title_only(conn, world):
    conn.execute(
        "update catalog.shows set title = 'Prinz Quixwell' where show_id = %s",
        (world.shows["Hamlet"],),
    )

    assert set(titles(search(conn, query="quixwell"))) == {"Prinz Quixwell"}
    assert set(titles(search(conn, query="Quixwel"))) == {"Prinz Quixwell"}
    # The description still says "Hamlet, as never seen before."
    found = search(conn, query="hamlet")
    assert {r["relevance"] for r in found} == {100}
    assert_index_is_current(conn)


def test_a_new_cast_member_is_found_and_a_removed_one_is_not(conn, world):
    carmen = world.shows["Carmen"]
    assert search(conn, query="Wendeline") == []

    conn.execute(
        "insert into catalog.show_cast "
        "values (%s, 3, 'Wendeline Brașoveanu', 'Frasquita')",
        (carmen,),
    )

    assert set(titles(search(conn, query="wendeline brasoveanu"))) == {"Carmen"}
    assert set(titles(search(conn, query="frasquita"))) == {"Carmen"}

    conn.execute(
        "delete from catalog.show_cast where show_id = %s and billing_order = 3",
        (carmen,),
    )

    assert search(conn, query="wendeline") == []
    assert search(conn, query="frasquita") == []
    assert_index_is_current(conn)


def test_a_changed_cast_role_is_found_by_its_new_name(conn, world):
    conn.execute(
        "update catalog.show_cast set role_name = 'Escamillo' "
        "where show_id = %s and billing_order = 2",
        (world.shows["Carmen"],),
    )

    assert set(titles(search(conn, query="escamillo"))) == {"Carmen"}
    assert_index_is_current(conn)


def test_a_renamed_venue_is_found_by_its_new_name_only(conn, world):
    conn.execute(
        "update catalog.venues set name = 'Théâtre Zéphyrine', city = 'Graz' "
        "where venue_id = %s",
        (world.venues["Other Place"],),
    )

    assert titles(search(conn, query="zephyrine")) == ["Carmen"]
    assert titles(search(conn, query="carmen graz")) == ["Carmen"]
    assert search(conn, query="carmen london") == []
    assert search(conn, query="other place") == []
    assert_index_is_current(conn)


def test_a_renamed_genre_renames_the_word_of_its_shows(conn, world):
    conn.execute(
        "update catalog.genres set name = 'Lyric Theatre' where name = 'Opera'"
    )

    assert set(titles(search(conn, query="lyric"))) == {"Carmen"}
    assert search(conn, query="opera") == []
    assert_index_is_current(conn)


def test_a_word_leaves_the_vocabulary_with_its_last_show(conn, world):
    show_id, _ = add_show(conn, world, "Zanzibarbo", genre="Drama")
    assert conn.execute(
        "select uses from catalog.search_vocabulary where word = 'zanzibarbo'"
    ).fetchone() == {"uses": 1}

    conn.execute(
        "update catalog.shows set title = 'Plain Title' where show_id = %s",
        (show_id,),
    )

    assert (
        conn.execute(
            "select 1 from catalog.search_vocabulary where word = 'zanzibarbo'"
        ).fetchone()
        is None
    )
    assert search(conn, query="zanzibarb") == []
    assert_index_is_current(conn)


def test_a_new_venue_is_indexed(conn, world):
    conn.execute(
        "insert into catalog.venues (name, city, address, time_zone, currency) "
        "values ('Opera Nouă', 'Timișoara', 'Str. Mărășești 2', 'Europe/Bucharest', "
        "'RON')"
    )

    assert {
        r["word"]
        for r in conn.execute(
            "select word from catalog.venue_search_words vw "
            "join catalog.venues v using (venue_id) where v.name = 'Opera Nouă'"
        )
    } == {"opera", "noua", "timisoara"}
    assert_index_is_current(conn)


def test_popularity_follows_bookings_and_cancellations(conn, world):
    carmen = world.performances["carmen_london"]
    first = add_booking(conn, world, "alice", carmen, tickets=3)
    add_booking(conn, world, "bob", carmen, tickets=2)

    by_popularity = search(conn, sort="popularity")
    assert by_popularity[0]["title"] == "Carmen"
    assert by_popularity[0]["popularity"] == 5

    conn.execute(
        "update booking.bookings set status = 'cancelled', cancelled_at = now() "
        "where booking_id = %s",
        (first,),
    )

    assert search(conn, sort="popularity")[0]["popularity"] == 2
    assert_index_is_current(conn)


def popularity(conn) -> dict[str, int]:
    return {r["title"]: r["popularity"] for r in search(conn, sort="popularity")}


def test_a_performance_given_to_another_show_takes_its_tickets(conn, world):
    before = popularity(conn)
    add_booking(conn, world, "alice", world.performances["carmen_london"], tickets=4)

    conn.execute(
        "update catalog.performances set show_id = %s where performance_id = %s",
        (world.shows["Hamlet"], world.performances["carmen_london"]),
    )

    assert popularity(conn) == {
        "Hamlet": before["Hamlet"] + 4,
        "Carmen": before["Carmen"],
    }
    assert_index_is_current(conn)


def test_a_deleted_booking_no_longer_counts(conn, world):
    before = popularity(conn)
    booking_id = add_booking(conn, world, "carol", world.performances["hamlet_soon"], 6)
    assert popularity(conn)["Hamlet"] == before["Hamlet"] + 6

    conn.execute("delete from booking.bookings where booking_id = %s", (booking_id,))

    assert popularity(conn) == before
    assert_index_is_current(conn)
