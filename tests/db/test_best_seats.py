"""booking.hold_best_seats: the best N seats together, held in one step.

The test hall: Stalls rows A and B of six seats (A-1 accessible, A-2 its
companion), and a Circle row A of four, behind the stalls.
"""

import json
import math
import threading

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.db.conftest import SQLSTATE, call, raises, waits_for_commit


def best(conn, world, count, user="alice", section=None, accessible=False, split=False):
    return call(
        conn,
        "booking.hold_best_seats",
        user_id=world.users[user],
        performance_id=world.performances["hamlet_soon"],
        seat_count=count,
        section_id=world.sections[f"Test Hall/{section}"] if section else None,
        accessible=accessible,
        allow_split=split,
    )


def book(conn, world, seats, user="bob"):
    call(
        conn,
        "booking.book_seats",
        user_id=world.users[user],
        performance_id=world.performances["hamlet_soon"],
        seat_ids=seats,
    )


def labels(rows):
    return [f"{r['row_label']}-{r['seat_number']}" for r in rows]


def test_the_best_pair_is_front_and_centre_and_held_for_the_user(conn, world):
    rows = best(conn, world, 2)

    # Row A is nearest the stage; seats 3 and 4 sit either side of x = 0.
    assert labels(rows) == ["A-3", "A-4"]
    assert all(r["together"] for r in rows)
    assert all(r["price_cents"] == 4000 for r in rows)
    held = call(
        conn,
        "booking.list_holds",
        user_id=world.users["alice"],
        performance_id=world.performances["hamlet_soon"],
    )
    assert [h["seat_id"] for h in held] == [r["seat_id"] for r in rows]


def test_seats_together_are_consecutive_numbers_in_one_row(conn, world):
    book(conn, world, [world.hall("A", 4), world.hall("B", 4)])

    rows = best(conn, world, 3)

    numbers = [r["seat_number"] for r in rows]
    assert len({r["row_label"] for r in rows}) == 1
    assert numbers == list(range(numbers[0], numbers[0] + 3))


def test_no_single_seat_is_stranded_when_another_choice_avoids_it(conn, world):
    # Row A is sold out and B-1 is taken, so B-2 to B-6 are free.
    book(conn, world, [world.hall("A", n) for n in range(1, 7)])
    book(conn, world, [world.hall("B", 1)])

    rows = best(conn, world, 2, section="Stalls")

    # B-3/B-4 sits on the centre line but would strand B-2, and B-4/B-5
    # would strand B-6; B-2/B-3 leaves B-4 to B-6 together.
    assert labels(rows) == ["B-2", "B-3"]


def test_accessible_seats_are_offered_with_their_companion_seat(conn, world):
    rows = best(conn, world, 2, accessible=True)

    assert labels(rows) == ["A-1", "A-2"]


def test_a_wheelchair_user_alone_gets_the_wheelchair_space(conn, world):
    rows = best(conn, world, 1, accessible=True)

    assert labels(rows) == ["A-1"]


def test_no_split_stands_in_for_a_wheelchair_space(conn, world):
    book(conn, world, [world.hall("A", 2)])

    # The space is free but its companion seat is not: nothing is offered,
    # not even with a split accepted, and nothing is held.
    with raises(conn, "no_accessible_seats") as refused:
        best(conn, world, 2, accessible=True, split=True)
    assert labels(best(conn, world, 1, accessible=True)) == ["A-1"]
    # One space is free, so fewer seats may do.
    assert told(refused) == ("No wheelchair space is free with 2 seats together.", 1, 0)


def told(refused) -> tuple[str, int, int]:
    """A no_accessible_seats refusal: its message, and the wheelchair spaces
    free where the user looked and in the other sections."""
    details = json.loads(refused.value.diag.message_detail)
    return (
        refused.value.diag.message_primary,
        details["wheelchair_spaces_free"],
        details["wheelchair_spaces_free_elsewhere"],
    )


@pytest.mark.parametrize(
    ("space_taken", "section", "expected"),
    [
        # Fewer seats would not help here: another section might.
        (False, "Circle", ("No wheelchair space is free in this section.", 0, 1)),
        (True, "Circle", ("No wheelchair space is free.", 0, 0)),
        (True, None, ("No wheelchair space is free.", 0, 0)),
    ],
)
def test_a_request_with_no_wheelchair_space_free_says_where(
    conn, world, space_taken, section, expected
):
    if space_taken:
        book(conn, world, [world.hall("A", 1)])

    with raises(conn, "no_accessible_seats") as refused:
        best(conn, world, 1, section=section, accessible=True)

    assert told(refused) == expected


def test_a_plain_request_leaves_the_accessible_seats_free(conn, world):
    rows = best(conn, world, 6, section="Stalls")

    assert labels(rows) == [f"B-{n}" for n in range(1, 7)]


def test_a_section_can_be_asked_for(conn, world):
    rows = best(conn, world, 2, section="Circle")

    # is as central as but would strand A-1.
    assert {r["price_cents"] for r in rows} == {2000}
    assert labels(rows) == ["A-1", "A-2"]


def test_a_new_pick_replaces_the_users_earlier_holds(conn, world):
    first = best(conn, world, 2)

    second = best(conn, world, 2, section="Circle")

    shown = {
        r["seat_id"]: r["status"]
        for r in call(
            conn,
            "catalog.get_seat_map",
            performance_id=world.performances["hamlet_soon"],
        )
    }
    assert shown[first[0]["seat_id"]] == "available"
    assert shown[second[0]["seat_id"]] == "held"


def test_seats_held_by_others_are_not_picked(conn, world):
    taken = best(conn, world, 2, user="bob")

    mine = best(conn, world, 2)

    assert not {r["seat_id"] for r in taken} & {r["seat_id"] for r in mine}


def test_without_seats_together_the_best_split_is_offered_then_held(conn, world):
    # Leave only and Circle A-2 free: no two seats together.
    free = {world.hall("A", 1), world.hall("A", 3), world.hall("A", 5)}
    free.add(world.hall("A", 2, "Circle"))
    book(conn, world, [s for s in world.hall_seats() if s not in free][:10])
    book(conn, world, [s for s in world.hall_seats() if s not in free][10:])

    with raises(conn, "no_adjacent_seats") as offered:
        best(conn, world, 2)
    rows = best(conn, world, 2, split=True)

    assert str(rows[0]["seat_id"]) in offered.value.diag.message_detail
    assert len(rows) == 2
    assert not any(r["together"] for r in rows)
    assert {r["seat_id"] for r in rows} <= free


def test_a_sold_out_house_says_there_are_not_enough_seats(conn, world):
    seats = world.hall_seats()
    book(conn, world, seats[:10])
    book(conn, world, seats[10:15])

    with raises(conn, "not_enough_seats"):
        best(conn, world, 2)
    assert len(best(conn, world, 1)) == 1


def test_too_few_free_seats_is_said_without_waiting_for_a_pick_under_way(
    fresh_db, world
):
    # Three seats are left: bob holds two, and carol's pick of the third
    # is under way (its transaction open, holding the picks' turn).
    seats = world.hall_seats()
    with psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True) as conn:
        book(conn, world, seats[:10])
        book(conn, world, seats[10:13])
        best(conn, world, 2, user="bob", split=True)
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    best(first, world, 1, user="carol", split=True)
    refused = []

    def second() -> None:
        with psycopg.connect(fresh_db, autocommit=True) as conn:
            conn.execute("set lock_timeout = '5s'")
            try:
                best(conn, world, 2)
            except psycopg.Error as error:
                refused.append(error)

    waited = waits_for_commit(first, second)

    assert not waited, "a pick that cannot be made must not wait its turn"
    assert [e.sqlstate for e in refused] == [SQLSTATE["not_enough_seats"]]
    # Carol's seat had not been held yet, as far as anyone else could see.
    assert json.loads(refused[0].diag.message_detail) == {"available": 1}


def test_a_group_further_back_beats_one_in_front_that_strands_a_seat(conn, world):
    # In the stalls only B-1 to B-3 are free: any pair strands one of them.
    book(conn, world, [world.hall("A", n) for n in range(1, 7)])
    book(conn, world, [world.hall("B", n) for n in range(4, 7)])

    rows = best(conn, world, 2)

    assert {r["price_cents"] for r in rows} == {2000}
    assert labels(rows) in (["A-1", "A-2"], ["A-3", "A-4"])


def test_keeping_a_wheelchair_space_weighs_less_than_stranding_a_seat(conn, world):
    # The stalls offer only pairs that strand a seat; every circle pair
    # takes its new wheelchair space or companion seat, and two strand none.
    book(conn, world, [world.hall("A", n) for n in range(1, 7)])
    book(conn, world, [world.hall("B", n) for n in range(4, 7)])
    conn.execute(
        "update catalog.seats set is_accessible = (seat_number = 2), "
        "is_companion = (seat_number = 3) where seat_id = any(%s)",
        ([world.hall("A", n, "Circle") for n in range(1, 5)],),
    )

    rows = best(conn, world, 2)

    assert {r["price_cents"] for r in rows} == {2000}
    assert labels(rows) in (["A-1", "A-2"], ["A-3", "A-4"])


def test_not_enough_seats_counts_the_free_seats_of_every_section(conn, world):
    # One seat is left in the stalls and one in the circle.
    left = {world.hall("B", 6), world.hall("A", 4, "Circle")}
    sold = [s for s in world.hall_seats() if s not in left]
    book(conn, world, sold[:10])
    book(conn, world, sold[10:])

    with raises(conn, "not_enough_seats") as refused:
        best(conn, world, 3, split=True)
    rows = best(conn, world, 2, split=True)

    assert json.loads(refused.value.diag.message_detail) == {"available": 2}
    assert {r["seat_id"] for r in rows} == left
    assert not any(r["together"] for r in rows)


def test_mirror_image_groups_tie_on_distance_and_the_nearer_row_wins(conn, world):
    # Stalls sit at x 1.1 to 4.1, B-1 to B-4 at -4.1 to -1.1:
    # as far from the centre line, and row A is nearer the stage. (Added up
    # in floating point, -4.1 - 3.1 - 2.1 - 1.1 is a hair under 10.4.)
    book(conn, world, [world.hall("A", 1), world.hall("A", 2)])
    book(conn, world, [world.hall("B", 5), world.hall("B", 6)])
    for row, numbers, xs in (
        ("A", (3, 4, 5, 6), (1.1, 2.1, 3.1, 4.1)),
        ("B", (1, 2, 3, 4), (-4.1, -3.1, -2.1, -1.1)),
    ):
        for number, x in zip(numbers, xs, strict=True):
            conn.execute(
                "update catalog.seats set x = %s where seat_id = %s",
                (x, world.hall(row, number)),
            )

    rows = best(conn, world, 4, section="Stalls")

    assert labels(rows) == ["A-3", "A-4", "A-5", "A-6"]


def layout_problems(conn) -> list:
    """Seats whose layout row is missing or differs from the seat, or from
    blocks worked out here: a new block after a gap wider than 1.6."""
    seats = conn.execute(
        "select s.*, l.seat_id as copied, l.block, (s.venue_id, s.section_id, "
        "s.row_label, s.seat_number, s.x, s.y, s.is_accessible, s.is_companion) "
        "is distinct from (l.venue_id, l.section_id, l.row_label, l.seat_number, "
        "l.x, l.y, l.is_accessible, l.is_companion) as differs "
        "from catalog.seats s left join catalog.seat_layout l using (seat_id) "
        "order by s.section_id, s.row_label, s.seat_number"
    ).fetchall()
    problems, block, previous = [], 0, None
    for seat in seats:
        same_row = previous and (previous["section_id"], previous["row_label"]) == (
            seat["section_id"],
            seat["row_label"],
        )
        if not same_row:
            block = 0
        elif math.dist((previous["x"], previous["y"]), (seat["x"], seat["y"])) > 1.6:
            block += 1
        if seat["copied"] is None or seat["differs"] or seat["block"] != block:
            problems.append(seat["seat_id"])
        previous = seat
    return problems


def test_seat_changes_at_once_both_reach_the_layout(fresh_db, world):
    stalls = world.sections["Test Hall/Stalls"]
    # One transaction makes A-3 a wheelchair space and moves A-6 away from
    # A-5, and stays open...
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    first.execute(
        "update catalog.seats set is_accessible = true where seat_id = %s",
        (world.hall("A", 3),),
    )
    first.execute(
        "update catalog.seats set x = x + 3 where seat_id = %s",
        (world.hall("A", 6),),
    )

    # ...while another adds a seat to the same row, which copies the row.
    def second() -> None:
        with psycopg.connect(fresh_db, autocommit=True) as conn:
            conn.execute(
                "insert into catalog.seats "
                "(venue_id, section_id, row_label, seat_number, x, y) "
                "select venue_id, section_id, row_label, 7, x + 1, y "
                "from catalog.seats where seat_id = %s",
                (world.hall("A", 6),),
            )

    waited = waits_for_commit(first, second)

    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        problems = layout_problems(conn)
        moved = conn.execute(
            "select count(*) as n from catalog.seats where section_id = %s",
            (stalls,),
        ).fetchone()

    assert waited, "the second change must wait for the first"
    assert problems == []
    assert moved["n"] == 13


def test_seat_changes_wait_before_they_lock_any_seat(fresh_db, world):
    # The first transaction changes A-1 and stays open.
    first = psycopg.connect(fresh_db, row_factory=dict_row)
    first.execute(
        "update catalog.seats set y = y where seat_id = %s", (world.hall("A", 1),)
    )
    outcome = {}

    def second() -> None:
        with psycopg.connect(fresh_db, autocommit=True) as conn:
            try:
                conn.execute(
                    "update catalog.seats set x = x where seat_id = %s",
                    (world.hall("B", 1),),
                )
                outcome["second"] = "changed"
            except psycopg.Error as error:
                outcome["second"] = error.sqlstate

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1)
    waited = thread.is_alive()
    # The second waits without holding B-1, so the first may change it too
    # (were B-1 held, the two would deadlock and one would fail).
    first.execute(
        "update catalog.seats set x = x where seat_id = %s", (world.hall("B", 1),)
    )
    first.commit()
    first.close()
    thread.join(timeout=10)

    assert waited
    assert outcome == {"second": "changed"}


def test_seats_are_not_changed_at_repeatable_read(conn, world):
    conn.execute("set transaction isolation level repeatable read")

    with raises(conn, "validation_failed"):
        conn.execute(
            "update catalog.seats set x = x where seat_id = %s", (world.hall("A", 1),)
        )


def test_bad_requests_are_refused(conn, world):
    with raises(conn, "seat_count_out_of_range"):
        best(conn, world, 11)
    with raises(conn, "seat_count_out_of_range"):
        best(conn, world, 0)
    with raises(conn, "validation_failed"):
        call(
            conn,
            "booking.hold_best_seats",
            user_id=world.users["alice"],
            performance_id=world.performances["hamlet_soon"],
            seat_count=2,
            section_id=world.sections["Other Place/Main"],
            accessible=False,
            allow_split=False,
        )


def test_a_group_is_never_seated_across_an_aisle(conn, world):
    book(conn, world, [world.hall("A", n) for n in range(1, 7)])
    together = best(conn, world, 4, section="Stalls")
    conn.execute(
        "update catalog.seats set x = x + 3 where seat_id = any(%s)",
        ([world.hall("B", n) for n in (4, 5, 6)],),
    )

    with raises(conn, "no_adjacent_seats"):
        best(conn, world, 4, section="Stalls")
    three = best(conn, world, 3, section="Stalls")

    assert len(together) == 4
    assert {r["row_label"] for r in together} == {"B"}
    assert labels(three) in (["B-1", "B-2", "B-3"], ["B-4", "B-5", "B-6"])


def test_the_seat_layout_follows_the_seats(conn, world):
    def blocks():
        return [
            (r["seat_number"], r["block"])
            for r in conn.execute(
                "select l.seat_number, l.block from catalog.seat_layout l "
                "join catalog.seats s using (seat_id) "
                "where s.section_id = %s and s.row_label = 'Z' order by l.seat_number",
                (world.sections["Test Hall/Stalls"],),
            )
        ]

    # A new row with an aisle between seats 2 and 3, in one statement.
    conn.execute(
        "insert into catalog.seats "
        "(venue_id, section_id, row_label, seat_number, x, y) "
        "select %s, %s, 'Z', n, x, 9 "
        "from (values (1, 0), (2, 1), (3, 4), (4, 5)) v(n, x)",
        (world.venues["Test Hall"], world.sections["Test Hall/Stalls"]),
    )
    assert blocks() == [(1, 0), (2, 0), (3, 1), (4, 1)]

    # Seat 2 goes: seats 1 and 3 are now far apart too.
    conn.execute(
        "delete from catalog.seats where section_id = %s and row_label = 'Z' "
        "and seat_number = 2",
        (world.sections["Test Hall/Stalls"],),
    )
    assert blocks() == [(1, 0), (3, 1), (4, 1)]

    # Seat 1 moves up to seat 3: one block again.
    conn.execute(
        "update catalog.seats set x = 3 where section_id = %s and row_label = 'Z' "
        "and seat_number = 1",
        (world.sections["Test Hall/Stalls"],),
    )
    assert blocks() == [(1, 0), (3, 0), (4, 0)]

    # Everything a pick reads is copied: a seat's flags and place.
    conn.execute(
        "update catalog.seats set is_accessible = true, y = 8 "
        "where section_id = %s and row_label = 'Z' and seat_number = 4",
        (world.sections["Test Hall/Stalls"],),
    )
    copied = conn.execute(
        "select count(*) from catalog.seats s join catalog.seat_layout l "
        "using (seat_id) where (s.venue_id, s.section_id, s.row_label, "
        "s.seat_number, s.x, s.y, s.is_accessible, s.is_companion) = "
        "(l.venue_id, l.section_id, l.row_label, l.seat_number, l.x, l.y, "
        "l.is_accessible, l.is_companion)"
    ).fetchone()
    total = conn.execute("select count(*) from catalog.seats").fetchone()
    layout = conn.execute("select count(*) from catalog.seat_layout").fetchone()
    assert list(copied.values()) == list(total.values()) == list(layout.values())
