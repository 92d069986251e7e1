"""The seed data set: shapes, counts and the invariants the loader relies on.

Runs on a December day and on a day just before the spring clock change, so
the schedule crosses daylight saving time in both directions.
"""

import random
import re
import time
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from seed.generate import SeedData, build

WINTER = date(2026, 12, 4)
SPRING = date(2027, 3, 1)
USERNAME = re.compile(r"^[a-z0-9._-]{3,30}$")
DIACRITICS = re.compile(r"[^\x00-\x7f]")
EVENINGS = {"19:00", "19:30", "20:00"}
MATINEES = {"14:00", "14:30"}
CHILDREN = {"11:00", "15:00"}


@pytest.fixture(scope="module", params=[WINTER, SPRING], ids=str)
def seed(request):
    return Seed(request.param, build(request.param))


@pytest.fixture(scope="module")
def spring():
    return Seed(SPRING, build(SPRING))


class Seed:
    """The built data with the look-ups most tests need."""

    def __init__(self, today: date, data: SeedData):
        self.today = today
        self.data = data
        self.venues = {v["key"]: v for v in data.venues}
        self.shows = {s["key"]: s for s in data.shows}
        self.performances = {p["key"]: p for p in data.performances}
        self.users = {u["username"]: u for u in data.users}
        self.capacity = Counter(s["venue_key"] for s in data.seats)
        self.sold = Counter()
        for b in data.bookings:
            if b["status"] == "confirmed":
                self.sold[b["performance_key"]] += len(b["seats"])

    def local(self, performance: dict) -> datetime:
        zone = ZoneInfo(self.venues[performance["venue_key"]]["time_zone"])
        return performance["starts_at"].astimezone(zone)

    def days_ahead(self, performance: dict) -> int:
        return (self.local(performance).date() - self.today).days

    def share(self, performance: dict) -> float:
        return self.sold[performance["key"]] / self.capacity[performance["venue_key"]]

    def upcoming(self) -> list[dict]:
        return [
            p
            for p in self.data.performances
            if self.days_ahead(p) > 0 and p["status"] == "scheduled"
        ]

    def past(self) -> list[dict]:
        return [p for p in self.data.performances if self.days_ahead(p) < 0]


# Shape and determinism ------------------------------------------------------


def test_every_record_has_exactly_the_agreed_keys(seed):
    expected = {
        "genres": {"name"},
        "venues": {"key", "name", "city", "address", "time_zone", "currency"},
        "sections": {"venue_key", "name", "sort_order"},
        "seats": {
            "venue_key",
            "section_name",
            "row_label",
            "seat_number",
            "x",
            "y",
            "accessible",
            "companion",
        },
        "shows": {
            "key",
            "title",
            "genre",
            "description",
            "duration_minutes",
            "director",
            "cast",
        },
        "performances": {
            "key",
            "show_key",
            "venue_key",
            "starts_at",
            "status",
            "prices",
        },
        "users": {"username", "email", "display_name", "created_at"},
        "bookings": {"username", "performance_key", "created_at", "status", "seats"},
    }
    for name, keys in expected.items():
        records = getattr(seed.data, name)
        assert records, name
        assert all(set(record) == keys for record in records), name


def test_the_same_day_always_builds_the_same_data(seed):
    # The global random state must not leak in.
    random.seed(1)
    first = build(seed.today)
    random.seed(2)
    second = build(seed.today)
    assert first == second == seed.data


def test_another_day_moves_the_schedule_with_it(seed):
    later = build(seed.today + timedelta(days=30))
    first = min(p["starts_at"] for p in later.performances)
    assert first.date() >= seed.today + timedelta(days=30 - 121)


def test_building_takes_under_five_seconds(seed):
    started = time.perf_counter()
    build(seed.today)
    assert time.perf_counter() - started < 5


# Catalogue ------------------------------------------------------------------


def test_there_are_at_least_eight_genres_and_every_show_uses_a_known_one(seed):
    genres = [g["name"] for g in seed.data.genres]
    assert len(genres) >= 8
    assert len(set(genres)) == len(genres)
    assert {s["genre"] for s in seed.data.shows} == set(genres)


def test_venues_have_real_zones_currencies_and_unique_names(seed):
    venues = seed.data.venues
    assert len(venues) >= 4
    assert len({v["key"] for v in venues}) == len({v["name"] for v in venues})
    assert len({v["time_zone"] for v in venues}) == len(venues)
    zones = available_timezones()
    for venue in venues:
        assert venue["time_zone"] in zones
        assert re.fullmatch(r"[A-Z]{3}", venue["currency"])
        assert venue["address"] and venue["city"]
    assert any(DIACRITICS.search(v["name"] + v["city"]) for v in venues)


def test_each_venue_has_two_to_five_sections_numbered_from_one(seed):
    by_venue = defaultdict(list)
    for section in seed.data.sections:
        by_venue[section["venue_key"]].append(section["sort_order"])
    assert set(by_venue) == set(seed.venues)
    for orders in by_venue.values():
        assert 2 <= len(orders) <= 5
        assert sorted(orders) == list(range(1, len(orders) + 1))


def test_venue_capacities_match_their_shapes(seed):
    assert 850 <= seed.capacity["lanthorn"] <= 950
    assert seed.capacity["mansarda"] == 150
    assert 1450 <= seed.capacity["mariengrund"] <= 1550
    assert 350 <= seed.capacity["tallow"] <= 450


def test_seats_belong_to_known_sections_and_are_unique(seed):
    sections = {(s["venue_key"], s["name"]) for s in seed.data.sections}
    keys = [
        (s["venue_key"], s["section_name"], s["row_label"], s["seat_number"])
        for s in seed.data.seats
    ]
    assert len(set(keys)) == len(keys)
    assert {key[:2] for key in keys} == sections
    for venue, _, row, number in keys:
        assert re.fullmatch(r"[A-HJ-Z]", row), (venue, row)
        assert number >= 1


def test_no_two_seats_of_a_venue_are_closer_than_nine_tenths_of_a_seat(seed):
    # Bucket seats into a grid so only neighbours are compared.
    grid = defaultdict(list)
    for seat in seed.data.seats:
        cell = (seat["venue_key"], int(seat["x"] // 1), int(seat["y"] // 1))
        grid[cell].append((seat["x"], seat["y"]))
    for (venue, cx, cy), points in grid.items():
        nearby = [
            p
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for p in grid.get((venue, cx + dx, cy + dy), [])
        ]
        for x, y in points:
            for ox, oy in nearby:
                if (x, y) != (ox, oy):
                    assert (x - ox) ** 2 + (y - oy) ** 2 >= 0.9**2, (venue, x, y)
    positions = [(s["venue_key"], s["x"], s["y"]) for s in seed.data.seats]
    assert len(set(positions)) == len(positions)


def test_seat_numbers_run_left_to_right_with_neighbours_side_by_side(seed):
    rows = defaultdict(list)
    for seat in seed.data.seats:
        key = (seat["venue_key"], seat["section_name"], seat["row_label"])
        rows[key].append(seat)
    lengths = Counter()
    for key, seats in rows.items():
        seats.sort(key=lambda s: s["seat_number"])
        assert [s["seat_number"] for s in seats] == list(range(1, len(seats) + 1))
        lengths[key[0], len(seats)] += 1
        for before, after in zip(seats, seats[1:], strict=False):
            assert after["x"] >= before["x"] - 0.01, key
            gap = (after["x"] - before["x"]) ** 2 + (after["y"] - before["y"]) ** 2
            # Side by side, or across an aisle or a box partition.
            assert 0.9**2 <= gap <= 3.5**2, key
    # Rows differ in length in every venue.
    for venue in seed.venues:
        assert len([n for v, n in lengths if v == venue]) >= 3


def test_the_stage_is_at_the_top_and_upper_tiers_sit_further_back(seed):
    assert min(s["y"] for s in seed.data.seats) >= 0
    for venue in ("lanthorn", "mariengrund"):
        sections = [
            s["name"]
            for s in sorted(seed.data.sections, key=lambda s: s["sort_order"])
            if s["venue_key"] == venue
        ]
        points = defaultdict(list)
        for seat in seed.data.seats:
            if seat["venue_key"] == venue:
                points[seat["section_name"]].append((seat["x"], seat["y"]))
        centre_y = {
            name: max(y for x, y in points[name] if abs(x) < 3) for name in sections
        }
        assert [centre_y[n] for n in sections] == sorted(centre_y.values())
        # A visible gap between each tier and the next.
        for nearer, further in zip(sections, sections[1:], strict=False):
            closest = min(
                (ax - bx) ** 2 + (ay - by) ** 2
                for ax, ay in points[nearer]
                for bx, by in points[further]
            )
            assert closest >= 2.5**2, (venue, nearer, further)


def test_the_thrust_stage_has_seats_on_three_sides(seed):
    seats = [s for s in seed.data.seats if s["venue_key"] == "tallow"]
    tip = max(s["y"] for s in seats if s["row_label"] == "A") - 2
    assert any(s["x"] < -6 and s["y"] < tip for s in seats)
    assert any(s["x"] > 6 and s["y"] < tip for s in seats)
    assert any(abs(s["x"]) < 2 and s["y"] > tip for s in seats)


def test_wheelchair_spaces_each_have_a_companion_seat_beside_them(seed):
    best = {
        s["venue_key"]: s["name"] for s in seed.data.sections if s["sort_order"] == 1
    }
    by_key = {
        (s["venue_key"], s["section_name"], s["row_label"], s["seat_number"]): s
        for s in seed.data.seats
    }
    spaces = [s for s in seed.data.seats if s["accessible"]]
    assert {s["venue_key"] for s in spaces} == set(seed.venues)
    assert sum(s["companion"] for s in seed.data.seats) == len(spaces)
    for space in spaces:
        assert not space["companion"]
        assert space["section_name"] == best[space["venue_key"]]
        key = (space["venue_key"], space["section_name"], space["row_label"])
        beside = [by_key.get((*key, space["seat_number"] + step)) for step in (-1, 1)]
        companions = [s for s in beside if s and s["companion"]]
        assert len(companions) == 1, key
        dx = companions[0]["x"] - space["x"]
        dy = companions[0]["y"] - space["y"]
        assert dx**2 + dy**2 <= 1.1**2


def test_there_are_at_least_32_productions_across_all_genres(seed):
    shows = seed.data.shows
    assert len(shows) >= 32
    assert len(seed.shows) == len(shows)
    titles = {s["title"] for s in shows}
    for title in (
        "Hamlet",
        "O scrisoare pierdută",
        "Sărbătoare",
        "La bohème",
        "Carmen",
        "Swan Lake",
        "The Nutcracker",
        "The Snow Queen",
        "Pinocchio",
    ):
        assert title in titles


def test_shows_have_directors_casts_and_two_or_three_sentence_blurbs(seed):
    for show in seed.data.shows:
        assert show["director"].strip()
        assert 3 <= len(show["cast"]) <= 8, show["key"]
        for member in show["cast"]:
            assert set(member) == {"name", "role"}
            assert member["name"].strip() and member["role"].strip()
        sentences = re.findall(r"[.!?](?:\s|$)", show["description"])
        assert 2 <= len(sentences) <= 3, show["key"]


def test_some_people_have_names_with_diacritics(seed):
    people = [s["director"] for s in seed.data.shows] + [
        m["name"] for s in seed.data.shows for m in s["cast"]
    ]
    for name in ("Zoë", "José", "Ștefan", "Bjørn"):
        assert any(name in person for person in people), name


def test_durations_are_realistic_for_the_genre(seed):
    for show in seed.data.shows:
        minutes = show["duration_minutes"]
        assert isinstance(minutes, int)
        if show["genre"] == "Children's":
            assert 60 <= minutes <= 75, show["key"]
        elif show["genre"] == "Opera":
            assert 150 <= minutes <= 210, show["key"]
        else:
            assert 60 <= minutes <= 210, show["key"]


# Schedule -------------------------------------------------------------------


def test_performances_run_from_120_days_ago_to_90_days_ahead(seed):
    days = [seed.days_ahead(p) for p in seed.data.performances]
    assert min(days) >= -120 and max(days) <= 90
    assert min(days) <= -110 and max(days) >= 85


def test_at_least_320_performances_are_still_to_come(seed):
    assert len(seed.upcoming()) >= 320


def test_there_is_a_healthy_history_of_past_performances(seed):
    past = seed.past()
    assert len(past) >= 150
    assert {p["venue_key"] for p in past} == set(seed.venues)


def test_performances_point_at_known_shows_and_venues(seed):
    assert len(seed.performances) == len(seed.data.performances)
    for p in seed.data.performances:
        assert p["show_key"] in seed.shows
        assert p["venue_key"] in seed.venues
        assert p["status"] in ("scheduled", "cancelled")
        assert p["starts_at"].utcoffset() == timedelta(0)
    # Every production is on somewhere.
    assert {p["show_key"] for p in seed.data.performances} == set(seed.shows)


def test_local_start_times_follow_the_house_rules(seed):
    for p in seed.data.performances:
        local = seed.local(p)
        clock = f"{local:%H:%M}"
        weekend = local.weekday() >= 5
        assert p["key"].endswith(f"{local:%Y%m%d-%H%M}")
        if seed.shows[p["show_key"]]["genre"] == "Children's":
            assert clock in CHILDREN and weekend, p["key"]
        elif clock in MATINEES:
            assert weekend, p["key"]
        else:
            assert clock in EVENINGS, p["key"]


def test_mondays_are_mostly_dark_and_no_venue_is_dark_every_day(seed):
    weekdays = Counter(seed.local(p).weekday() for p in seed.data.performances)
    assert weekdays[0] <= 0.05 * sum(weekdays.values())
    for venue in seed.venues:
        assert any(p["venue_key"] == venue for p in seed.upcoming())


def test_productions_run_in_blocks_at_a_fitting_venue(seed):
    venues = defaultdict(set)
    starts = defaultdict(list)
    for p in seed.data.performances:
        venues[p["show_key"]].add(p["venue_key"])
        starts[p["show_key"]].append(p["starts_at"])
    for key, show in seed.shows.items():
        assert len(venues[key]) == 1, key
        if show["genre"] in ("Opera", "Ballet", "Operetta"):
            assert venues[key] == {"mariengrund"}, key
        if venues[key] == {"mansarda"}:
            assert show["genre"] in (
                "Drama",
                "Comedy",
                "Children's",
                "Contemporary dance",
            )
        # Within a block a production plays at least weekly.
        times = sorted(starts[key])
        gaps = sorted((b - a).days for a, b in zip(times, times[1:], strict=False))
        if gaps:
            assert gaps[len(gaps) // 2] <= 7, key


def test_no_two_performances_in_a_venue_overlap(seed):
    by_venue = defaultdict(list)
    for p in seed.data.performances:
        by_venue[p["venue_key"]].append(p)
    for performances in by_venue.values():
        performances.sort(key=lambda p: p["starts_at"])
        for before, after in zip(performances, performances[1:], strict=False):
            minutes = seed.shows[before["show_key"]]["duration_minutes"] + 30
            assert (
                before["starts_at"] + timedelta(minutes=minutes) <= after["starts_at"]
            ), (before["key"], after["key"])


def test_a_handful_of_future_performances_are_cancelled(seed):
    cancelled = [p for p in seed.data.performances if p["status"] == "cancelled"]
    assert 2 <= len(cancelled) <= 4
    assert all(seed.days_ahead(p) > 0 for p in cancelled)
    keys = {p["key"] for p in cancelled}
    assert not [b for b in seed.data.bookings if b["performance_key"] in keys]


def test_every_performance_prices_every_section_best_first(seed):
    sections = defaultdict(list)
    for s in sorted(seed.data.sections, key=lambda s: s["sort_order"]):
        sections[s["venue_key"]].append(s["name"])
    for p in seed.data.performances:
        names = sections[p["venue_key"]]
        assert set(p["prices"]) == set(names)
        prices = [p["prices"][name] for name in names]
        assert all(isinstance(cents, int) for cents in prices)
        assert prices == sorted(prices, reverse=True)
        assert len(set(prices)) == len(prices), p["key"]
        assert 1000 <= min(prices) and max(prices) <= 25000, p["key"]


def test_prices_make_sense_for_the_currency_and_the_genre(seed):
    top = defaultdict(list)
    for p in seed.data.performances:
        show = seed.shows[p["show_key"]]
        top[p["venue_key"], show["genre"]].append(max(p["prices"].values()))
    # Whole units a best seat costs in each currency.
    ranges = {"GBP": (40, 110), "RON": (60, 150), "EUR": (60, 200), "USD": (80, 200)}
    for (venue, genre), prices in top.items():
        low, high = ranges[seed.venues[venue]["currency"]]
        if genre == "Children's":
            low, high = low / 3, high / 2
        assert low * 100 <= min(prices) and max(prices) <= high * 100, venue
    # Opera is the dearest night out at the opera house; children pay least.
    opera = min(top["mariengrund", "Opera"])
    for genre in ("Ballet", "Operetta"):
        assert max(top["mariengrund", genre]) < opera
    for (venue, genre), prices in top.items():
        if genre == "Children's":
            assert max(prices) < min(top[venue, "Comedy"]), venue


def test_daylight_saving_keeps_the_local_curtain_time(spring):
    zone = ZoneInfo("Europe/Vienna")
    change = datetime(2027, 3, 28, 1, tzinfo=UTC)
    at_half_past_seven = [
        p
        for p in spring.data.performances
        if p["venue_key"] == "mariengrund" and f"{spring.local(p):%H:%M}" == "19:30"
    ]
    before = [p for p in at_half_past_seven if p["starts_at"] < change]
    after = [p for p in at_half_past_seven if p["starts_at"] > change]
    assert before and after
    assert all(f"{p['starts_at']:%H:%M}" == "18:30" for p in before)
    assert all(f"{p['starts_at']:%H:%M}" == "17:30" for p in after)
    for p in before + after:
        assert p["starts_at"].astimezone(zone).hour == 19


def test_new_york_changes_its_clocks_two_weeks_before_europe(spring):
    zone = ZoneInfo("America/New_York")
    evenings = [
        p
        for p in spring.data.performances
        if p["venue_key"] == "tallow" and p["starts_at"].astimezone(zone).hour == 20
    ]
    change = datetime(2027, 3, 14, 7, tzinfo=UTC)
    assert {p["starts_at"].hour for p in evenings if p["starts_at"] < change} == {1}
    assert {p["starts_at"].hour for p in evenings if p["starts_at"] > change} == {0}


# Users ----------------------------------------------------------------------


def test_the_first_user_is_the_demo_account(seed):
    demo = seed.data.users[0]
    assert (demo["username"], demo["email"], demo["display_name"]) == (
        "demo",
        "demo@example.com",
        "Demo Visitor",
    )


def test_users_have_valid_unique_names_and_emails(seed):
    users = seed.data.users
    assert len(users) >= 220
    usernames = [u["username"] for u in users]
    assert len({name.lower() for name in usernames}) == len(usernames)
    for user in users:
        assert USERNAME.fullmatch(user["username"]), user["username"]
        assert user["email"] == f"{user['username']}@example.com"
        assert 1 <= len(user["display_name"].strip()) <= 60
    assert sum(bool(DIACRITICS.search(u["display_name"])) for u in users) >= 10


def test_accounts_were_opened_130_to_400_days_ago(seed):
    noon = datetime(*seed.today.timetuple()[:3], 12, tzinfo=UTC)
    for user in seed.data.users:
        created = user["created_at"]
        assert created.utcoffset() == timedelta(0)
        assert noon - timedelta(days=400) <= created <= noon - timedelta(days=130)


# Bookings -------------------------------------------------------------------


def test_bookings_hold_one_to_ten_distinct_seats_of_the_right_venue(seed):
    seats = {
        (s["venue_key"], s["section_name"], s["row_label"], s["seat_number"])
        for s in seed.data.seats
    }
    for b in seed.data.bookings:
        assert b["username"] in seed.users
        assert b["status"] in ("confirmed", "cancelled")
        venue = seed.performances[b["performance_key"]]["venue_key"]
        assert 1 <= len(b["seats"]) <= 10
        assert len(set(b["seats"])) == len(b["seats"])
        for seat in b["seats"]:
            assert isinstance(seat, tuple) and len(seat) == 3
            assert (venue, *seat) in seats


def test_most_bookings_are_small_and_side_by_side(seed):
    bookings = seed.data.bookings
    small = sum(len(b["seats"]) <= 4 for b in bookings)
    assert small >= 0.8 * len(bookings)
    together = 0
    for b in bookings:
        rows = {(section, row) for section, row, _ in b["seats"]}
        numbers = sorted(number for _, _, number in b["seats"])
        if len(rows) == 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            together += 1
    assert together >= 0.9 * len(bookings)


def test_bookings_are_made_after_signing_up_and_before_the_show(seed):
    cutoff = datetime(*seed.today.timetuple()[:3], 12, tzinfo=UTC)
    for b in seed.data.bookings:
        created = b["created_at"]
        starts = seed.performances[b["performance_key"]]["starts_at"]
        assert created.utcoffset() == timedelta(0)
        assert seed.users[b["username"]]["created_at"] < created < starts
        assert created <= cutoff
        if b["status"] == "cancelled":
            # The loader cancels six hours after booking; still before the show.
            assert created + timedelta(hours=6) < starts


def test_about_five_percent_of_bookings_are_cancelled(seed):
    cancelled = sum(b["status"] == "cancelled" for b in seed.data.bookings)
    assert 0.03 <= cancelled / len(seed.data.bookings) <= 0.08


def test_no_seat_is_confirmed_twice_for_one_performance(seed):
    held = set()
    for b in seed.data.bookings:
        if b["status"] == "confirmed":
            for seat in b["seats"]:
                key = (b["performance_key"], *seat)
                assert key not in held, key
                held.add(key)


def test_a_released_seat_is_resold_only_after_its_cancellation(seed):
    released = {}
    for b in seed.data.bookings:
        if b["status"] == "cancelled":
            for seat in b["seats"]:
                released[b["performance_key"], *seat] = b["created_at"]
    for b in seed.data.bookings:
        if b["status"] == "confirmed":
            for seat in b["seats"]:
                cancelled_at = released.get((b["performance_key"], *seat))
                if cancelled_at:
                    assert b["created_at"] > cancelled_at + timedelta(hours=6)


def test_past_performances_were_40_to_95_percent_sold(seed):
    for p in seed.past():
        assert 0.40 <= seed.share(p) <= 0.95, p["key"]


def test_future_performances_look_alive(seed):
    shares = [seed.share(p) for p in seed.upcoming()]
    assert sum(0.10 <= s <= 0.70 for s in shares) >= 0.6 * len(shares)
    assert sum(0.90 <= s < 1 for s in shares) >= 2
    assert sum(s <= 0.05 for s in shares) >= 3


def test_at_least_one_future_performance_is_sold_out(seed):
    sold_out = [p for p in seed.upcoming() if seed.share(p) == 1]
    assert sold_out
    for p in sold_out:
        confirmed = {
            seat
            for b in seed.data.bookings
            if b["performance_key"] == p["key"] and b["status"] == "confirmed"
            for seat in b["seats"]
        }
        assert len(confirmed) == seed.capacity[p["venue_key"]]


def test_the_demo_account_has_past_upcoming_and_cancelled_bookings(seed):
    mine = [b for b in seed.data.bookings if b["username"] == "demo"]
    assert len(mine) >= 6
    ahead = [seed.days_ahead(seed.performances[b["performance_key"]]) for b in mine]
    past = [b for b, days in zip(mine, ahead, strict=True) if days < 0]
    upcoming = [
        b
        for b, days in zip(mine, ahead, strict=True)
        if days > 0 and b["status"] == "confirmed"
    ]
    assert past and all(b["status"] == "confirmed" for b in past)
    assert len(upcoming) >= 3
    assert sum(b["status"] == "cancelled" for b in mine) == 1


def test_booked_seats_stay_under_150000(seed):
    assert sum(len(b["seats"]) for b in seed.data.bookings) < 150_000
