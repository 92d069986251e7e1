"""Loads the seed catalogue, users and booking history into an empty database.

The data comes from seed.generate.build(today), so dates are relative to the
day of loading. Rows go in with COPY, in one transaction: the seed is either
all there or not at all. Loading is recorded in meta.seed_loads and happens
once; a database that already holds a catalogue is left alone.
"""

import datetime as dt
import logging
import time

import bcrypt
import psycopg

from seed.generate import build

log = logging.getLogger(__name__)

DEMO_PASSWORD = "boxoffice-demo"
# Every seed account shares this password; hashing once keeps loading quick.
BCRYPT_ROUNDS = 12


def load(conninfo: str, force: bool = False, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    with psycopg.connect(conninfo) as conn:
        conn.execute(
            "create table if not exists meta.seed_loads ("
            " loaded_at timestamptz not null default now(),"
            " seed_day date not null)"
        )
        loaded = conn.execute("select seed_day from meta.seed_loads").fetchone()
        venues = conn.execute("select count(*) from catalog.venues").fetchone()[0]
        if loaded and not force:
            return f"Seed data already loaded (on {loaded[0]}); keeping the data."
        if venues:
            return "The catalogue is not empty; seed data was not loaded."

        started = time.monotonic()
        data = build(today)
        password_hash = bcrypt.hashpw(
            DEMO_PASSWORD.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)
        ).decode()
        counts = _insert(conn, data, password_hash)
        conn.execute("insert into meta.seed_loads (seed_day) values (%s)", (today,))
        conn.commit()
        work_out_leaderboards(conn)

    took = time.monotonic() - started
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    return f"Loaded seed data in {took:.1f} s: {summary}."


def work_out_leaderboards(conn: psycopg.Connection) -> None:
    """Stores every leaderboard of the loaded bookings, so that no visitor
    waits for a first one (report.list_user_ranking refuses to make a
    second request wait while one works a board out)."""
    for period in ("last_30_days", "this_year", "all_time"):
        # Both metrics of a period come from one refresh.
        conn.execute("select report.refresh_user_ranking(%s, 'bookings')", (period,))
        conn.commit()


def _copy(conn: psycopg.Connection, table: str, columns: list[str], rows) -> int:
    count = 0
    statement = f"copy {table} ({', '.join(columns)}) from stdin"
    with conn.cursor().copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _ids(conn: psycopg.Connection, query: str) -> dict:
    return {tuple(row[:-1]) if len(row) > 2 else row[0]: row[-1] for row in
            conn.execute(query).fetchall()}  # fmt: skip


def _insert(conn: psycopg.Connection, data, password_hash: str) -> dict[str, int]:
    counts = {}

    counts["genres"] = _copy(
        conn, "catalog.genres", ["name"], ((g["name"],) for g in data.genres)
    )
    genre_ids = _ids(conn, "select name, genre_id from catalog.genres")

    counts["venues"] = _copy(
        conn,
        "catalog.venues",
        ["name", "city", "address", "time_zone", "currency"],
        (
            (v["name"], v["city"], v["address"], v["time_zone"], v["currency"])
            for v in data.venues
        ),
    )
    names = {v["key"]: v["name"] for v in data.venues}
    by_name = _ids(conn, "select name, venue_id from catalog.venues")
    venue_ids = {key: by_name[name] for key, name in names.items()}

    _copy(
        conn,
        "catalog.sections",
        ["venue_id", "name", "sort_order"],
        (
            (venue_ids[s["venue_key"]], s["name"], s["sort_order"])
            for s in data.sections
        ),
    )
    section_ids = _ids(conn, "select venue_id, name, section_id from catalog.sections")

    counts["seats"] = _copy(
        conn,
        "catalog.seats",
        [
            "venue_id",
            "section_id",
            "row_label",
            "seat_number",
            "x",
            "y",
            "is_accessible",
            "is_companion",
        ],
        (
            (
                venue_ids[s["venue_key"]],
                section_ids[(venue_ids[s["venue_key"]], s["section_name"])],
                s["row_label"],
                s["seat_number"],
                round(s["x"], 2),
                round(s["y"], 2),
                s["accessible"],
                s["companion"],
            )
            for s in data.seats
        ),
    )
    seat_rows = conn.execute(
        "select s.venue_id, sc.name, s.row_label, s.seat_number, s.seat_id "
        "from catalog.seats s join catalog.sections sc using (section_id)"
    ).fetchall()
    seat_ids = {tuple(row[:4]): row[4] for row in seat_rows}

    counts["shows"] = 0
    show_ids = {}
    for show in data.shows:
        show_ids[show["key"]] = conn.execute(
            "insert into catalog.shows (title, description, genre_id, "
            "duration_minutes, director) values (%s, %s, %s, %s, %s) "
            "returning show_id",
            (
                show["title"],
                show["description"],
                genre_ids[show["genre"]],
                show["duration_minutes"],
                show["director"],
            ),
        ).fetchone()[0]
        counts["shows"] += 1
    _copy(
        conn,
        "catalog.show_cast",
        ["show_id", "billing_order", "person_name", "role_name"],
        (
            (show_ids[show["key"]], order, member["name"], member["role"])
            for show in data.shows
            for order, member in enumerate(show["cast"], start=1)
        ),
    )

    counts["performances"] = _copy(
        conn,
        "catalog.performances",
        ["show_id", "venue_id", "starts_at", "status"],
        (
            (
                show_ids[p["show_key"]],
                venue_ids[p["venue_key"]],
                p["starts_at"],
                p["status"],
            )
            for p in data.performances
        ),
    )
    by_start = _ids(
        conn, "select venue_id, starts_at, performance_id from catalog.performances"
    )
    performance_ids = {
        p["key"]: by_start[(venue_ids[p["venue_key"]], p["starts_at"])]
        for p in data.performances
    }
    performance_venue = {p["key"]: venue_ids[p["venue_key"]] for p in data.performances}
    prices = {}
    for p in data.performances:
        venue_id = performance_venue[p["key"]]
        for name, cents in p["prices"].items():
            prices[(performance_ids[p["key"]], section_ids[(venue_id, name)])] = cents
    _copy(
        conn,
        "catalog.performance_prices",
        ["performance_id", "section_id", "price_cents"],
        ((perf, section, cents) for (perf, section), cents in prices.items()),
    )

    counts["users"] = _copy(
        conn,
        "account.users",
        ["username", "email", "display_name", "password_hash", "created_at"],
        (
            (
                u["username"],
                u["email"],
                u["display_name"],
                password_hash,
                u["created_at"],
            )
            for u in data.users
        ),
    )
    user_ids = _ids(conn, "select username, user_id from account.users")

    # Bookings take their ids from the identity sequence up front, so the
    # seats can be copied in the same pass.
    first_id = conn.execute(
        "select nextval(pg_get_serial_sequence('booking.bookings', 'booking_id')) "
        "from generate_series(1, %s)",
        (len(data.bookings),),
    ).fetchall()
    booking_rows, seat_rows_out = [], []
    now = dt.datetime.now(dt.UTC)
    for (booking_id,), b in zip(first_id, data.bookings, strict=True):
        performance_id = performance_ids[b["performance_key"]]
        venue_id = performance_venue[b["performance_key"]]
        seats = []
        for section, row, number in b["seats"]:
            seat_id = seat_ids[(venue_id, section, row, number)]
            price = prices[(performance_id, section_ids[(venue_id, section)])]
            seats.append((seat_id, price))
        cancelled = b["status"] == "cancelled"
        booking_rows.append(
            (
                booking_id,
                user_ids[b["username"]],
                performance_id,
                b["status"],
                b["created_at"],
                min(b["created_at"] + dt.timedelta(hours=6), now)
                if cancelled
                else None,
                len(seats),
                sum(price for _, price in seats),
            )
        )
        seat_rows_out.extend(
            (booking_id, performance_id, venue_id, seat_id, price, not cancelled)
            for seat_id, price in seats
        )

    # COPY cannot override an identity column; a scratch table can.
    conn.execute(
        "create temporary table seed_bookings "
        "(like booking.bookings including defaults) on commit drop"
    )
    counts["bookings"] = _copy(
        conn,
        "seed_bookings",
        [
            "booking_id",
            "user_id",
            "performance_id",
            "status",
            "created_at",
            "cancelled_at",
            "seat_count",
            "total_cents",
        ],
        booking_rows,
    )
    conn.execute(
        "insert into booking.bookings overriding system value "
        "select * from seed_bookings"
    )
    counts["booked seats"] = _copy(
        conn,
        "booking.booked_seats",
        [
            "booking_id",
            "performance_id",
            "venue_id",
            "seat_id",
            "price_cents",
            "is_active",
        ],
        seat_rows_out,
    )
    conn.execute("analyze")
    return counts
