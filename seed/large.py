"""Scales the seed data up to a large catalogue, in bulk, inside the database.

On top of the hand-curated seed (which must be loaded first) this adds
venues cloned from the curated ones, enough users, performances and booked
seats to reach the targets below. Every step is one set-based statement, so
the whole run takes minutes, not hours; a progress bar shows the steps.
"""

import logging
import time

import psycopg
from tqdm import tqdm

from seed import load

log = logging.getLogger(__name__)

TARGET_VENUES = 100
TARGET_USERS = 100_000
TARGET_PERFORMANCES = 50_000
TARGET_BOOKED_SEATS = 1_000_000
# Days before today that the generated schedule starts.
HISTORY_DAYS = 135

CITIES = [
    "Vienna", "London", "București", "New York", "Dublin", "Lisbon", "Paris",
    "Berlin", "Prague", "Amsterdam", "Kraków", "Zürich", "Málaga", "Göteborg",
]  # fmt: skip

STEPS = [
    (
        "venues",
        """
        insert into catalog.venues (name, city, address, time_zone, currency)
        select v.name || ' ' || k, (%(cities)s::text[])[1 + (k + v.venue_id) %% 14],
               k || ' ' || v.address, v.time_zone, v.currency
        from catalog.venues v
        cross join generate_series(2, %(copies)s) k
        where v.venue_id <= 4
        """,
    ),
    (
        "sections",
        """
        insert into catalog.sections (venue_id, name, sort_order)
        select nv.venue_id, s.name, s.sort_order
        from catalog.venues nv
        join catalog.venues tv on nv.name like tv.name || ' %%' and tv.venue_id <= 4
        join catalog.sections s on s.venue_id = tv.venue_id
        where nv.venue_id > 4
        """,
    ),
    (
        "seats",
        """
        insert into catalog.seats (venue_id, section_id, row_label, seat_number,
                                   x, y, is_accessible, is_companion)
        select ns.venue_id, ns.section_id, st.row_label, st.seat_number,
               st.x, st.y, st.is_accessible, st.is_companion
        from catalog.sections ns
        join catalog.venues nv on nv.venue_id = ns.venue_id and nv.venue_id > 4
        join catalog.venues tv on nv.name like tv.name || ' %%' and tv.venue_id <= 4
        join catalog.sections ts on ts.venue_id = tv.venue_id and ts.name = ns.name
        join catalog.seats st on st.section_id = ts.section_id
        """,
    ),
    (
        "users",
        """
        insert into account.users (username, email, display_name, password_hash,
                                   created_at)
        select 'patron' || n, 'patron' || n || '@example.com',
               'Patron ' || n,
               (select password_hash from account.users where username = 'demo'),
               now() - make_interval(days => (200 + n %% 300)::integer)
        from generate_series(
            1, greatest(0, %(users)s - (select count(*) from account.users))) n
        """,
    ),
    (
        "performances",
        """
        insert into catalog.performances (show_id, venue_id, starts_at, status)
        select
            (select array_agg(show_id order by show_id) from catalog.shows)
                [1 + (n * 7 + v.rn) %% (select count(*) from catalog.shows)],
            v.venue_id,
            ((current_date - %(history)s::integer + (n / v.total)::integer)::timestamp
                + case when (n / v.total) %% 7 in (5, 6) and n %% 3 = 0
                       then time '14:30' else time '19:30' end)
                at time zone v.time_zone,
            'scheduled'
        from generate_series(
            0, greatest(0, %(performances)s
                           - (select count(*) from catalog.performances)) - 1) n
        join (
            select venue_id, time_zone,
                   row_number() over (order by venue_id) - 1 as rn,
                   count(*) over () as total
            from catalog.venues where venue_id > 4
        ) v on v.rn = n %% v.total
        on conflict (venue_id, starts_at) do nothing
        """,
    ),
    (
        "prices",
        """
        insert into catalog.performance_prices
            (performance_id, section_id, price_cents)
        select p.performance_id, s.section_id,
               greatest(1500, 9000 - 1800 * s.sort_order
                              + 100 * (p.performance_id %% 13))
        from catalog.performances p
        join catalog.sections s on s.venue_id = p.venue_id
        where not exists (
            select 1 from catalog.performance_prices pp
            where pp.performance_id = p.performance_id)
        """,
    ),
    (
        "seat ranks",
        """
        create temporary table seat_rank on commit drop as
        select seat_id, venue_id, section_id,
               row_number() over (partition by venue_id order by section_id, row_label,
                                                seat_number) as rn,
               count(*) over (partition by venue_id) as capacity
        from catalog.seats
        """,
    ),
    ("seat rank index", "create index on seat_rank (venue_id, rn)"),
    (
        "groups",
        """
        create temporary table new_groups on commit drop as
        select nextval(pg_get_serial_sequence('booking.bookings', 'booking_id'))
                   as booking_id,
               p.performance_id, p.venue_id, p.starts_at,
               1 + g * 10 as start_rn,
               1 + (p.performance_id + g * 5) %% 8 as size,
               1 + ((p.performance_id * 31 + g * 17) %% %(users)s) as user_id
        from catalog.performances p
        cross join lateral generate_series(
            0, (p.performance_id %% %(groups)s)) g
        where p.venue_id > 4
          and not exists (
              select 1 from booking.bookings b
              where b.performance_id = p.performance_id)
          and (1 + g * 10 + 8) <= (select max(r.capacity) from seat_rank r
                                   where r.venue_id = p.venue_id and r.rn = 1)
        """,
    ),
    (
        "group seats",
        """
        create temporary table new_seats on commit drop as
        select g.booking_id, g.performance_id, g.venue_id, r.seat_id, pp.price_cents
        from new_groups g
        join seat_rank r on r.venue_id = g.venue_id
                        and r.rn >= g.start_rn and r.rn < g.start_rn + g.size
        join catalog.performance_prices pp
            on pp.performance_id = g.performance_id and pp.section_id = r.section_id
        """,
    ),
    (
        "bookings",
        """
        insert into booking.bookings (booking_id, user_id, performance_id, status,
                                      created_at, seat_count, total_cents)
        overriding system value
        select g.booking_id,
               (select array_agg(user_id order by user_id) from account.users)
                   [g.user_id],
               g.performance_id, 'confirmed',
               least(now(), g.starts_at)
                   - make_interval(days => (1 + g.booking_id %% 40)::integer),
               count(*), sum(s.price_cents)
        from new_groups g
        join new_seats s using (booking_id)
        group by g.booking_id, g.user_id, g.performance_id, g.starts_at
        """,
    ),
    (
        "booked seats",
        """
        insert into booking.booked_seats (booking_id, performance_id, venue_id,
                                          seat_id, price_cents)
        select booking_id, performance_id, venue_id, seat_id, price_cents
        from new_seats
        """,
    ),
]


def load_large(conninfo: str) -> str:
    """Adds the large data set; returns a summary. Safe to run once per database."""
    started = time.monotonic()
    with psycopg.connect(conninfo) as conn:
        done = conn.execute("select count(*) from catalog.performances").fetchone()[0]
        if done >= TARGET_PERFORMANCES:
            return f"The large data set is already loaded ({done} performances)."
        if not conn.execute("select count(*) from catalog.venues").fetchone()[0]:
            raise RuntimeError("Load the regular seed data first.")

        booked = conn.execute("select count(*) from booking.booked_seats").fetchone()[0]
        performances = TARGET_PERFORMANCES
        # Enough groups per new performance to reach the booked-seat target:
        # each group holds 4.5 seats on average.
        per_performance = (TARGET_BOOKED_SEATS - booked) / (performances * 4.5)
        params = {
            "cities": CITIES,
            "copies": TARGET_VENUES // 4,
            "users": TARGET_USERS,
            "history": HISTORY_DAYS,
            "performances": performances,
            "groups": max(1, round(per_performance * 2)),
        }

        for name, statement in tqdm(STEPS, desc="large data set", unit="step"):
            tqdm.write(f"  {name}")
            conn.execute(statement, params)
        conn.commit()

        conn.autocommit = True
        conn.execute("vacuum analyze")
        tqdm.write("  leaderboards")
        load.work_out_leaderboards(conn)
        counts = {
            table: conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in (
                "catalog.venues",
                "account.users",
                "catalog.performances",
                "booking.booked_seats",
            )
        }

    took = time.monotonic() - started
    summary = ", ".join(f"{count} {table}" for table, count in counts.items())
    return f"Loaded the large data set in {took:.0f} s: {summary}."
