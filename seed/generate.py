"""Builds the seed data set: seat maps, a schedule, users and bookings.

Everything is derived from the hand-curated catalogue, one fixed random seed
and the day of loading, so build(today) is deterministic and its dates never
go stale: the schedule always runs from 120 days ago to 90 days ahead.
"""

import math
import random
import re
from bisect import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from zoneinfo import ZoneInfo

from . import catalogue
from .catalogue import Show, Venue

SEED = 1884  # the year O scrisoare pierdută opened
PAST_DAYS = 120
FUTURE_DAYS = 90
USER_COUNT = 1200
# Rows skip I, as theatres do, so it is never mistaken for 1.
ROW_LABELS = "ABCDEFGHJKLMNOPQRSTUVWXYZ"
# A venue needs this long between one curtain-down and the next curtain-up.
CHANGEOVER = timedelta(minutes=30)
# Seats further apart than this in one row have an aisle or partition between.
NEIGHBOUR = 1.2


@dataclass
class SeedData:
    genres: list[dict]
    venues: list[dict]
    sections: list[dict]
    seats: list[dict]
    shows: list[dict]
    performances: list[dict]
    users: list[dict]
    bookings: list[dict]


def build(today: date) -> SeedData:
    rng = random.Random(SEED)
    shows = {show.key: show for show in catalogue.SHOWS}

    seats = [seat for venue in catalogue.VENUES for seat in _seat_map(venue)]

    performances = []
    for venue in catalogue.VENUES:
        performances += _schedule(venue, shows, today, rng)
    performances.sort(key=lambda p: (p["starts_at"], p["venue_key"]))

    users = _users(today, rng)
    bookings = _bookings(performances, seats, shows, users, today, rng)

    return SeedData(
        genres=[{"name": name} for name in catalogue.GENRES],
        venues=[
            {
                "key": v.key,
                "name": v.name,
                "city": v.city,
                "address": v.address,
                "time_zone": v.time_zone,
                "currency": v.currency,
            }
            for v in catalogue.VENUES
        ],
        sections=[
            {"venue_key": v.key, "name": name, "sort_order": order}
            for v in catalogue.VENUES
            for order, name in enumerate(v.sections, start=1)
        ],
        seats=seats,
        shows=[
            {
                "key": s.key,
                "title": s.title,
                "genre": s.genre,
                "description": s.description,
                "duration_minutes": s.duration_minutes,
                "director": s.director,
                "cast": [{"name": name, "role": role} for name, role in s.cast],
            }
            for s in catalogue.SHOWS
        ],
        performances=performances,
        users=users,
        bookings=bookings,
    )


# Seat maps ----------------------------------------------------------------


def _seat_map(venue: Venue) -> list[dict]:
    seats = []
    offset = 0.0
    for tier in venue.tiers:
        offset += tier.gap
        first_label = ROW_LABELS.index(tier.first_row)
        for index, blocks in enumerate(tier.rows):
            row_offset = offset + index * tier.pitch
            for number, along in enumerate(_along_row(blocks, tier.aisle), start=1):
                x, y = _place(venue, tier, row_offset, offset, along)
                seats.append(
                    {
                        "venue_key": venue.key,
                        "section_name": tier.section,
                        "row_label": ROW_LABELS[first_label + index],
                        "seat_number": number,
                        "x": round(x, 2),
                        "y": round(y, 2),
                        "accessible": False,
                        "companion": False,
                    }
                )
        offset += (len(tier.rows) - 1) * tier.pitch

    # Wheelchair spaces take the row ends; the seat beside each is kept for
    # a companion.
    for section, row in venue.accessible_rows:
        in_row = [
            s for s in seats if (s["section_name"], s["row_label"]) == (section, row)
        ]
        for space, companion in ((0, 1), (-1, -2)):
            in_row[space]["accessible"] = True
            in_row[companion]["companion"] = True
    return seats


def _along_row(blocks: tuple[int, ...], aisle: float) -> list[float]:
    """Seat centres along a row, one seat width apart within a block."""
    positions, starts, cursor = [], [], 0.0
    for index, count in enumerate(blocks):
        if index:
            cursor += aisle
        starts.append(len(positions))
        positions += [cursor + i for i in range(count)]
        cursor += count

    # Centre on the middle block, or on the middle aisle, so that aisles line
    # up from row to row even when blocks grow unevenly.
    middle = len(blocks) // 2
    if len(blocks) % 2:
        first = positions[starts[middle]]
        centre = first + (blocks[middle] - 1) / 2
    else:
        centre = (positions[starts[middle] - 1] + positions[starts[middle]]) / 2
    return [p - centre for p in positions]


def _place(venue, tier, offset: float, tier_offset: float, along: float):
    if tier.shape == "straight":
        return along, offset

    if tier.shape == "arc":
        radius = offset - venue.focus_y
        # Boxes keep their angle so partitions line up behind one another.
        angle = along / ((tier_offset - venue.focus_y) if tier.radial else radius)
        return radius * math.sin(angle), venue.focus_y + radius * math.cos(angle)

    # Thrust: along the front, round the corner, then up the side.
    half, tip = venue.thrust_half_width, venue.thrust_tip
    side = -1 if along < 0 else 1
    distance = abs(along)
    if distance <= half:
        return along, tip + offset
    distance -= half
    corner = math.pi * offset / 2
    if distance <= corner:
        angle = distance / offset
        return side * (half + offset * math.sin(angle)), tip + offset * math.cos(angle)
    return side * (half + offset), tip - (distance - corner)


# Schedule -----------------------------------------------------------------


def _schedule(venue: Venue, shows: dict, today: date, rng: random.Random):
    programme = venue.programme
    first_day = today - timedelta(days=programme.history_days)
    last_day = today + timedelta(days=FUTURE_DAYS)
    # Blocks run Tuesday to Monday, the way theatres plan their weeks.
    week_start = first_day - timedelta(days=(first_day.weekday() - 1) % 7)

    planned = _lane(programme, "main", week_start, last_day, rng)
    planned += _lane(programme, "kids", week_start, last_day, rng)

    zone = ZoneInfo(venue.time_zone)
    performances = []
    for day, slot_time, show_key in planned:
        if not first_day <= day <= last_day:
            continue
        show = shows[show_key]
        if slot_time is None:
            long = show.duration_minutes >= 180
            slot_time = programme.long_evening if long else programme.evening
        # The wall clock at the venue decides; zoneinfo gets DST right.
        local = datetime.combine(day, time.fromisoformat(slot_time), tzinfo=zone)
        performances.append(
            {
                "key": f"{venue.key}-{local:%Y%m%d-%H%M}",
                "show_key": show_key,
                "venue_key": venue.key,
                "starts_at": local.astimezone(UTC),
                "status": "scheduled",
                "prices": _prices(venue, show, local),
            }
        )

    _check_no_overlap(performances, shows)
    return performances


def _lane(programme, lane: str, start: date, last_day: date, rng: random.Random):
    """Plans one lane (the main stage or the weekend children's slot) as
    blocks of a few weeks, each with 1-3 productions alternating by day.
    Returns (day, time or None, show key) tuples."""
    slots = [slot for slot in programme.week if slot.lane == lane]
    if not slots:
        return []
    if lane == "main":
        repertoire, per_block = programme.repertoire, programme.per_block
        block_weeks, closing = programme.block_weeks, programme.closing_monday
    else:
        repertoire, per_block = programme.kids_repertoire, 1
        block_weeks, closing = programme.kids_block_weeks, False

    order = list(repertoire)
    rng.shuffle(order)
    planned, cursor, first_block = [], 0, True
    while start <= last_day:
        weeks = rng.randint(*block_weeks)
        in_block = [order[(cursor + i) % len(order)] for i in range(per_block)]
        cursor += per_block
        # A day or two dark to get the new production in.
        dark = 0 if first_block else rng.randint(1, 2)

        day_index = 0
        for week in range(weeks):
            for offset in range(7):
                if week == 0 and offset < dark:
                    continue
                day = start + timedelta(days=7 * week + offset)
                times = [s.time for s in slots if s.weekday == day.weekday()]
                if closing and week == weeks - 1 and day.weekday() == 0:
                    times.append(None)
                if not times:
                    continue
                show_key = in_block[day_index % per_block]
                day_index += 1
                planned += [(day, t, show_key) for t in times]

        start += timedelta(weeks=weeks)
        first_block = False
    return planned


def _prices(venue: Venue, show: Show, local: datetime) -> dict[str, int]:
    factor = {
        "Ballet": 0.85,
        "Operetta": 0.8,
        "Musical": 1.15,
        "Children's": 0.4,
        "Contemporary dance": 0.7,
    }.get(show.genre, 1.0)
    # Friday and Saturday evenings cost a little more.
    if local.weekday() in (4, 5) and local.hour >= 18:
        factor *= 1.1
    return {
        name: int(round(base * factor / 100) * 100)
        for name, base in zip(venue.sections, venue.prices, strict=True)
    }


def _check_no_overlap(performances: list[dict], shows: dict) -> None:
    ordered = sorted(performances, key=lambda p: p["starts_at"])
    for before, after in zip(ordered, ordered[1:], strict=False):
        minutes = shows[before["show_key"]].duration_minutes
        free_at = before["starts_at"] + timedelta(minutes=minutes) + CHANGEOVER
        if free_at > after["starts_at"]:
            raise ValueError(f"{before['key']} overlaps {after['key']}")


# Users --------------------------------------------------------------------

# Usernames are ASCII; these fold the names' letters down to it.
_ASCII = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o", "å": "a",
        "ă": "a", "â": "a", "î": "i", "ș": "s", "ț": "t", "á": "a", "é": "e",
        "è": "e", "ë": "e", "í": "i", "ó": "o", "ú": "u", "ñ": "n", "ç": "c",
        "ł": "l", "ś": "s", "ź": "z", "ż": "z", "ą": "a", "ę": "e", "ć": "c",
        "ń": "n", "'": "", " ": "",
    }
)  # fmt: skip


def _users(today: date, rng: random.Random) -> list[dict]:
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    users = [
        {
            "username": "demo",
            "email": "demo@example.com",
            "display_name": "Demo Visitor",
            "created_at": noon - timedelta(days=300, hours=2, minutes=17),
        }
    ]
    taken = {"demo"}
    weights = [group[0] for group in catalogue.NAME_GROUPS]

    others = []
    while len(others) < USER_COUNT - 1:
        _, firsts, lasts = rng.choices(catalogue.NAME_GROUPS, weights)[0]
        first, last = rng.choice(firsts), rng.choice(lasts)
        username = _username(first, last, rng)
        while username in taken:
            username = f"{username[:26]}{rng.randint(1, 99)}"
        taken.add(username)

        # Accounts are 130 to 400 days old, so every booking can follow one.
        age = timedelta(seconds=rng.randint(130 * 86400, 400 * 86400 - 1))
        others.append(
            {
                "username": username,
                "email": f"{username}@example.com",
                "display_name": f"{first} {last}",
                "created_at": noon - age,
            }
        )

    # Oldest first, as if the rows had been inserted as people signed up.
    others.sort(key=lambda u: u["created_at"])
    return users + others


def _username(first: str, last: str, rng: random.Random) -> str:
    first, last = first.lower().translate(_ASCII), last.lower().translate(_ASCII)
    pattern = rng.randrange(6)
    if pattern == 0:
        name = f"{first}.{last}"
    elif pattern == 1:
        name = f"{first}{last}"
    elif pattern == 2:
        name = f"{first[0]}{last}"
    elif pattern == 3:
        name = f"{first}_{last[0]}"
    elif pattern == 4:
        name = f"{last}.{first}"
    else:
        name = f"{first}{rng.randint(70, 99)}"
    # Whatever a future name brings, keep to what the database accepts.
    return re.sub(r"[^a-z0-9._-]", "", name)[:30].ljust(3, "0")


# Bookings -----------------------------------------------------------------

# How many seats one booking takes: mostly couples, then families.
GROUP_SIZES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
GROUP_WEIGHTS = (14, 44, 12, 18, 4, 4, 1.5, 1.2, 0.7, 0.6)
CANCEL_RATE = 0.05
# The demo account's history: (venue, days from today, status, seats).
DEMO_PLAN = (
    ("mansarda", -100, "confirmed", 2),
    ("tallow", -45, "confirmed", 2),
    ("lanthorn", -12, "confirmed", 4),
    ("mariengrund", 6, "confirmed", 2),
    ("tallow", 9, "cancelled", 2),
    ("lanthorn", 17, "confirmed", 3),
    ("mansarda", 33, "confirmed", 2),
)


@dataclass
class _Hall:
    """A venue's seats as the box office sells them."""

    seats: list[tuple[str, str, int]]
    # Runs of physically adjacent seats (indexes into seats), with a weight
    # for how keen buyers are on them.
    runs: list[list[int]]
    weights: list[float]
    section_runs: dict[str, list[list[int]]]


def _halls(seats: list[dict]) -> dict[str, _Hall]:
    halls = {}
    for venue in catalogue.VENUES:
        own = [s for s in seats if s["venue_key"] == venue.key]
        rank = {name: order for order, name in enumerate(venue.sections, start=1)}
        hall = _Hall([], [], [], {name: [] for name in venue.sections})
        previous = None
        for seat in own:
            index = len(hall.seats)
            hall.seats.append(
                (seat["section_name"], seat["row_label"], seat["seat_number"])
            )
            row = (seat["section_name"], seat["row_label"])
            near = previous is not None and (
                previous[0] == row
                and math.dist(previous[1], (seat["x"], seat["y"])) <= NEIGHBOUR
            )
            if near:
                hall.runs[-1].append(index)
            else:
                hall.runs.append([index])
                hall.section_runs[seat["section_name"]].append(hall.runs[-1])
            previous = (row, (seat["x"], seat["y"]))

        # Better sections and the middle of the house go first.
        for run in hall.runs:
            section = hall.seats[run[0]][0]
            middle = sum(abs(s["x"]) for s in (own[i] for i in run)) / len(run)
            hall.weights.append(1.6 / rank[section] / (1 + middle / 20))
        halls[venue.key] = hall
    return halls


def _bookings(performances, seats, shows, users, today, rng) -> list[dict]:
    halls = _halls(seats)
    zones = {v.key: ZoneInfo(v.time_zone) for v in catalogue.VENUES}

    def local_day(p):
        return p["starts_at"].astimezone(zones[p["venue_key"]]).date()

    upcoming = [p for p in performances if local_day(p) > today]
    demo_picks = _demo_picks(performances, local_day, today)

    # A few performances are called off; they keep no bookings.
    spare = [
        p
        for p in upcoming
        if 5 <= (local_day(p) - today).days <= 80 and p["key"] not in demo_picks
    ]
    for p in rng.sample(spare, 3):
        p["status"] = "cancelled"

    specials = _specials(upcoming, demo_picks, local_day, today, rng)
    popularity = {key: rng.uniform(0.7, 1.35) for key in sorted(shows)}
    # Some people go every week, most a few times a season.
    buyers = users[1:]
    weights = list(accumulate(rng.lognormvariate(0, 0.9) for _ in buyers))
    market = _Market(users[0], buyers, weights, _sales_cutoff(today))

    bookings = []
    for p in performances:
        if p["status"] == "cancelled":
            continue
        hall = halls[p["venue_key"]]
        share = specials.get(p["key"])
        if share is None:
            days = (local_day(p) - today).days
            share = _demand(days, popularity[p["show_key"]], local_day(p), rng)
        target = round(share * len(hall.seats))
        bookings += _sell_performance(
            p, hall, target, demo_picks.get(p["key"]), market, rng
        )

    bookings.sort(key=lambda b: (b["created_at"], b["performance_key"]))
    return bookings


def _sales_cutoff(today: date) -> datetime:
    """No booking is later than the start of the loading day (UTC), so none
    looks as if it was made in the future whenever the seed is loaded."""
    return datetime.combine(today, time(0), tzinfo=UTC)


@dataclass
class _Market:
    demo: dict
    buyers: list[dict]
    cum_weights: list[float]
    cutoff: datetime

    def buyer(self, rng: random.Random) -> dict:
        at = bisect(self.cum_weights, rng.random() * self.cum_weights[-1])
        return self.buyers[min(at, len(self.buyers) - 1)]


def _sell_performance(p, hall, target, demo_pick, market, rng) -> list[dict]:
    bookings = []
    # Sales open months ahead and close half an hour before curtain-up.
    closes = min(p["starts_at"] - timedelta(minutes=30), market.cutoff)
    opens = p["starts_at"] - timedelta(days=150)
    taken = [False] * len(hall.seats)
    # When a booking is cancelled its seats go back on sale six hours later
    # (the loader's cancelled_at), so a resale never predates the release.
    released = {}

    if demo_pick:
        status, picked = _demo_seats(hall, *demo_pick, rng)
        when = closes - timedelta(days=rng.uniform(2, 20))
        bookings.append(_booking(market.demo, p, hall, picked, status, when))
        for i in picked:
            if status == "confirmed":
                taken[i] = True
            else:
                released[i] = when + timedelta(hours=6, minutes=1)
        target = max(target, sum(taken))

    for group, cancelled in _sell(hall, taken, target - sum(taken), rng):
        user = market.buyer(rng)
        earliest = max(opens, user["created_at"] + timedelta(hours=1))
        earliest = max([earliest] + [released[i] for i in group if i in released])
        # Cancellations happen well before the show, not after it started.
        latest = closes - timedelta(hours=7) if cancelled else closes
        when = latest - (latest - earliest) * rng.random() ** 2
        when = min(max(when, earliest), latest)

        status = "cancelled" if cancelled else "confirmed"
        bookings.append(_booking(user, p, hall, group, status, when))
        if cancelled:
            for i in group:
                released[i] = when + timedelta(hours=6, minutes=1)
    return bookings


def _booking(user, performance, hall, group, status, when) -> dict:
    return {
        "username": user["username"],
        "performance_key": performance["key"],
        "created_at": when.replace(microsecond=0),
        "status": status,
        "seats": [hall.seats[i] for i in group],
    }


def _demand(days: int, popularity: float, day: date, rng) -> float:
    """The share of a performance that is sold."""
    weekend = 1.12 if day.weekday() >= 4 else 1.0
    if days < 0:
        # Past performances ended up between 40 and 95 per cent full.
        return 0.40 + 0.55 * rng.betavariate(1.6 * popularity * weekend, 3.3)
    # Sales build up as the day comes closer.
    share = (0.08 + 0.44 * math.exp(-days / 22)) * popularity * weekend
    return min(max(share + rng.uniform(-0.05, 0.05), 0.0), 0.85)


def _specials(upcoming, demo_picks, local_day, today, rng) -> dict[str, float]:
    """Hand-picked extremes: sell-outs, near sell-outs, near-empty houses."""
    specials = {}

    def pick(venue_key, first, last, weekdays, share):
        candidates = [
            p
            for p in upcoming
            if p["venue_key"] == venue_key
            and p["status"] == "scheduled"
            and first <= (local_day(p) - today).days <= last
            and local_day(p).weekday() in weekdays
            and p["key"] not in specials
            and p["key"] not in demo_picks
        ]
        if candidates:
            specials[rng.choice(candidates)["key"]] = share

    weekend, midweek = (4, 5, 6), (1, 2, 3)
    pick("mansarda", 3, 24, weekend, 1.0)
    pick("lanthorn", 5, 30, weekend, 1.0)
    pick("mariengrund", 2, 30, weekend, rng.uniform(0.93, 0.98))
    pick("tallow", 2, 30, weekend, rng.uniform(0.93, 0.98))
    pick("lanthorn", 2, 30, weekend, rng.uniform(0.93, 0.98))
    pick("mansarda", 30, 60, weekend, rng.uniform(0.9, 0.95))
    for venue_key in ("lanthorn", "mariengrund", "tallow", "mansarda", "tallow"):
        pick(venue_key, 40, 90, midweek, rng.uniform(0.0, 0.04))
    return specials


def _demo_picks(performances, local_day, today) -> dict[str, tuple[str, int]]:
    """The performances in the demo account's history, with what it booked."""
    picks = {}
    for venue_key, days, status, count in DEMO_PLAN:
        day = today + timedelta(days=days)
        for p in performances:
            if p["venue_key"] == venue_key and local_day(p) >= day:
                # Past picks must stay in the past, future ones in the future.
                if (local_day(p) < today) == (days < 0) and p["key"] not in picks:
                    picks[p["key"]] = (status, count)
                    break
    return picks


def _demo_seats(hall: _Hall, status: str, count: int, rng):
    """Seats in the middle of a good row of the best section."""
    section = next(iter(hall.section_runs))
    runs = [run for run in hall.section_runs[section] if len(run) >= count + 4]
    run = runs[len(runs) // 3 + rng.randrange(max(1, len(runs) // 3))]
    start = (len(run) - count) // 2
    return status, run[start : start + count]


def _sell(hall: _Hall, taken: list[bool], wanted: int, rng):
    """Yields (seat indexes, cancelled) bookings of side-by-side seats until
    `wanted` seats are confirmed. Marks confirmed seats in `taken`."""
    if wanted <= 0:
        return
    # A weighted shuffle: the keenest runs tend to come first.
    order = sorted(
        range(len(hall.runs)),
        key=lambda i: rng.random() ** (1 / hall.weights[i]),
        reverse=True,
    )

    # First pass leaves gaps and lets people cancel; the second fills what is
    # left, which is how a popular house ends up full.
    for gaps in (True, False):
        for run_index in order:
            run = hall.runs[run_index]
            skip = rng.uniform(0.05, 0.5) if gaps else 0.0
            i = 0
            while i < len(run):
                if taken[run[i]]:
                    i += 1
                    continue
                if rng.random() < skip:
                    i += rng.randint(1, 3)
                    continue
                size = min(rng.choices(GROUP_SIZES, GROUP_WEIGHTS)[0], wanted)
                group = []
                while i < len(run) and len(group) < size and not taken[run[i]]:
                    group.append(run[i])
                    i += 1
                cancelled = gaps and rng.random() < CANCEL_RATE
                if not cancelled:
                    for seat in group:
                        taken[seat] = True
                    wanted -= len(group)
                yield group, cancelled
                if wanted <= 0:
                    return
