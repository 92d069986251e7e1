"""A small, fully known catalogue that database and API tests run against.

Times are relative to when the template database is built, so performances
that should be upcoming stay upcoming for the whole test run.
"""

from dataclasses import dataclass, field

import psycopg

# bcrypt hash of "correct horse battery", cost 4: quick to check in tests.
PASSWORD = "correct horse battery"
PASSWORD_HASH = "$2b$04$TH0Zw826T.RBodjsScGVQuODZr1ifT.IQGyKDKP/4TvSzsxpamDMa"

LAYOUT = {
    "Test Hall": [("Stalls", 1, {"A": 6, "B": 6}), ("Circle", 2, {"A": 4})],
    "Other Place": [("Main", 1, {"A": 5})],
}


@dataclass
class World:
    venues: dict[str, int] = field(default_factory=dict)
    sections: dict[str, int] = field(default_factory=dict)
    seats: dict[tuple[str, str, str, int], int] = field(default_factory=dict)
    performances: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    shows: dict[str, int] = field(default_factory=dict)

    def seat(self, venue: str, section: str, row: str, number: int) -> int:
        return self.seats[(venue, section, row, number)]

    def hall(self, row: str, number: int, section: str = "Stalls") -> int:
        return self.seat("Test Hall", section, row, number)

    def hall_seats(self) -> list[int]:
        return [v for k, v in self.seats.items() if k[0] == "Test Hall"]


def build(conn: psycopg.Connection, password_hash: str = PASSWORD_HASH) -> World:
    world = World()
    one = conn.execute

    genres = {}
    for name in ("Drama", "Opera"):
        genres[name] = one(
            "insert into catalog.genres (name) values (%s) returning genre_id", (name,)
        ).fetchone()[0]

    for name, city, zone, currency in (
        ("Test Hall", "Vienna", "Europe/Vienna", "EUR"),
        ("Other Place", "London", "Europe/London", "GBP"),
    ):
        world.venues[name] = one(
            "insert into catalog.venues (name, city, address, time_zone, currency) "
            "values (%s, %s, '1 Stage Street', %s, %s) returning venue_id",
            (name, city, zone, currency),
        ).fetchone()[0]

        for section, order, rows in LAYOUT[name]:
            section_id = one(
                "insert into catalog.sections (venue_id, name, sort_order) "
                "values (%s, %s, %s) returning section_id",
                (world.venues[name], section, order),
            ).fetchone()[0]
            world.sections[f"{name}/{section}"] = section_id
            for row_index, (row, count) in enumerate(rows.items()):
                for number in range(1, count + 1):
                    world.seats[(name, section, row, number)] = one(
                        "insert into catalog.seats (venue_id, section_id, row_label, "
                        "seat_number, x, y, is_accessible, is_companion) "
                        "values (%s, %s, %s, %s, %s, %s, %s, %s) returning seat_id",
                        (
                            world.venues[name],
                            section_id,
                            row,
                            number,
                            number - count / 2,
                            row_index + order * 4,
                            (row, number) == ("A", 1) and order == 1,
                            (row, number) == ("A", 2) and order == 1,
                        ),
                    ).fetchone()[0]

    for title, genre in (("Hamlet", "Drama"), ("Carmen", "Opera")):
        world.shows[title] = one(
            "insert into catalog.shows (title, description, genre_id, "
            "duration_minutes, director) values (%s, %s, %s, 150, 'Ada Director') "
            "returning show_id",
            (title, f"{title}, as never seen before.", genres[genre]),
        ).fetchone()[0]
        one(
            "insert into catalog.show_cast values (%s, 1, 'Zoë Lead', 'Lead'), "
            "(%s, 2, 'Bjørn Second', 'Friend')",
            (world.shows[title], world.shows[title]),
        )

    performances = {
        "hamlet_soon": (
            "Hamlet",
            "Test Hall",
            "now() + interval '7 days'",
            "scheduled",
        ),
        "hamlet_later": (
            "Hamlet",
            "Test Hall",
            "now() + interval '14 days'",
            "scheduled",
        ),
        "hamlet_past": (
            "Hamlet",
            "Test Hall",
            "now() - interval '7 days'",
            "scheduled",
        ),
        "hamlet_cancelled": (
            "Hamlet",
            "Test Hall",
            "now() + interval '10 days'",
            "cancelled",
        ),
        "carmen_london": (
            "Carmen",
            "Other Place",
            "now() + interval '3 days'",
            "scheduled",
        ),
        # Both sides of Vienna's switch to summer time: 19:30 local each night.
        "carmen_before_dst": (
            "Carmen",
            "Test Hall",
            "timestamptz '2030-03-30 18:30:00+00'",
            "scheduled",
        ),
        "carmen_after_dst": (
            "Carmen",
            "Test Hall",
            "timestamptz '2030-03-31 17:30:00+00'",
            "scheduled",
        ),
    }
    for key, (show, venue, starts, status) in performances.items():
        world.performances[key] = one(
            "insert into catalog.performances (show_id, venue_id, starts_at, status) "
            f"values (%s, %s, date_trunc('minute', {starts}), %s) "
            "returning performance_id",
            (world.shows[show], world.venues[venue], status),
        ).fetchone()[0]
        one(
            "insert into catalog.performance_prices (performance_id, section_id, "
            "price_cents) select %s, s.section_id, 6000 - 2000 * s.sort_order "
            "from catalog.sections s where s.venue_id = %s",
            (world.performances[key], world.venues[venue]),
        )

    for username in ("alice", "bob", "carol"):
        world.users[username] = one(
            "insert into account.users (username, email, display_name, password_hash) "
            "values (%s, %s, %s, %s) returning user_id",
            (username, f"{username}@example.com", username.title(), password_hash),
        ).fetchone()[0]

    # The leaderboard is worked out again on every request here, so a test
    # sees its own bookings at once; the app keeps it for 30 seconds.
    one(
        "update report.ranking_settings set setting_value = 0 "
        "where setting_name = 'refresh_seconds'"
    )

    return world
