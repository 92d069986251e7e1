"""One contract, two engines: the same calls and the same answers.

Each test runs against PostgreSQL (a private copy of the test template) and
against SQL Server when MSSQL_URL names one (a deploy of the twin, then a
small catalogue of its own, removed afterwards). Without MSSQL_URL the SQL
Server half is skipped. SQL Server needs pyodbc and an ODBC driver, e.g.
MSSQL_URL='mssql://sa:...@127.0.0.1:1433/boxoffice_test?driver=FreeTDS&TDS_Version=7.4'.
"""

import datetime as dt
import json
import os
import threading
import uuid

import psycopg
import pytest
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from tests.conftest import clone, drop
from tests.parity.twins import read_catalog
from tests.world import PASSWORD_HASH
from tools import mssql_deploy

CATALOG = read_catalog()
BY_SQLSTATE = {e["sqlstate"]: e["code"] for e in CATALOG if e["sqlstate"]}
BY_NUMBER = {e["mssql"]: e["code"] for e in CATALOG if e["mssql"]}
JSON_COLUMNS = ("seats", "cast_members", "sections")
RACERS = 8


class ContractError(Exception):
    """A routine's error, as the API sees it: catalog code, text, details."""

    def __init__(self, code: str | None, message: str, details: dict | None):
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.details = code, message, details


class Postgres:
    name = "postgres"

    def __init__(self, url: str):
        self.url = url

    def connect(self):
        return psycopg.connect(self.url, row_factory=dict_row, autocommit=True)

    def call(self, conn, routine: str, **params) -> list[dict]:
        schema, name = routine.split(".")
        arguments = ", ".join(f"p_{key} => %s" for key in params)
        values = [
            Jsonb(v) if isinstance(v, list | dict) else v for v in params.values()
        ]
        try:
            return conn.execute(
                f"select * from {schema}.{name}({arguments})", values
            ).fetchall()
        except psycopg.Error as error:
            detail = error.diag.message_detail
            raise ContractError(
                BY_SQLSTATE.get(error.sqlstate),
                error.diag.message_primary,
                json.loads(detail) if detail else None,
            ) from error

    def insert(self, conn, table: str, row: dict, key: str | None = None):
        columns = ", ".join(row)
        marks = ", ".join("%s" for _ in row)
        returning = f" returning {key}" if key else ""
        found = conn.execute(
            f"insert into {table} ({columns}) values ({marks}){returning}",
            list(row.values()),
        )
        return found.fetchone()[key] if key else None

    def execute(self, conn, statement: str, *params):
        return conn.execute(statement, params).fetchall()

    def run(self, conn, statement: str, *params) -> None:
        conn.execute(statement, params)


class SqlServer:
    name = "mssql"

    def __init__(self, url: str):
        self.url = url

    def connect(self):
        return mssql_deploy.connect(self.url)

    def call(self, conn, routine: str, **params) -> list[dict]:
        import pyodbc

        try:
            rows = mssql_deploy.call(conn, routine, **params)
        except pyodbc.Error as error:
            number, text = mssql_deploy.read_error(error)
            message, details = mssql_deploy.split_message(text)
            raise ContractError(BY_NUMBER.get(number), message, details) from error
        for row in rows:
            for column in JSON_COLUMNS:
                if isinstance(row.get(column), str):
                    row[column] = json.loads(row[column])
        return rows

    def insert(self, conn, table: str, row: dict, key: str | None = None):
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        values = [
            v.isoformat() if isinstance(v, dt.datetime) else v for v in row.values()
        ]
        if not key:
            conn.cursor().execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", values
            )
            return None
        # OUTPUT needs INTO on a table with triggers (shows, venues, bookings).
        cursor = conn.cursor().execute(
            "DECLARE @Created TABLE (id bigint); "
            f"INSERT INTO {table} ({columns}) OUTPUT inserted.{key} INTO @Created "
            f"VALUES ({marks}); SELECT id FROM @Created;",
            values,
        )
        return cursor.fetchval()

    def execute(self, conn, statement: str, *params):
        cursor = conn.cursor().execute(statement.replace("%s", "?"), params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def run(self, conn, statement: str, *params) -> None:
        conn.cursor().execute(statement.replace("%s", "?"), params)


class World:
    """A venue of six seats in Vienna, a show, performances and two users."""

    def __init__(self, engine, conn):
        tag = uuid.uuid4().hex[:8]
        self.engine, self.tag = engine, tag
        add = engine.insert

        self.genre = add(conn, "catalog.genres", {"name": f"Parity {tag}"}, "genre_id")
        self.venue = add(
            conn,
            "catalog.venues",
            {
                "name": f"Parity Hall {tag}",
                "city": "Vienna",
                "address": "1 Stage Street",
                "time_zone": "Europe/Vienna",
                "currency": "EUR",
            },
            "venue_id",
        )
        self.section = add(
            conn,
            "catalog.sections",
            {"venue_id": self.venue, "name": "Stalls", "sort_order": 1},
            "section_id",
        )
        self.seats = [
            add(
                conn,
                "catalog.seats",
                {
                    "venue_id": self.venue,
                    "section_id": self.section,
                    "row_label": "A",
                    "seat_number": number,
                    "x": number,
                    "y": 1,
                },
                "seat_id",
            )
            for number in range(1, 7)
        ]
        self.show = add(
            conn,
            "catalog.shows",
            {
                "title": f"Twin Hamlet {tag}",
                "description": "Both engines, one stage.",
                "genre_id": self.genre,
                "duration_minutes": 150,
                "director": "Ada Director",
            },
            "show_id",
        )
        soon = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=7)
        self.performances = {
            "soon": soon,
            # 19:30 in Vienna in winter (UTC+1) and in summer (UTC+2).
            "winter": dt.datetime(2031, 1, 15, 18, 30, tzinfo=dt.UTC),
            "summer": dt.datetime(2031, 7, 15, 17, 30, tzinfo=dt.UTC),
        }
        for key, starts_at in self.performances.items():
            performance_id = add(
                conn,
                "catalog.performances",
                {"show_id": self.show, "venue_id": self.venue, "starts_at": starts_at},
                "performance_id",
            )
            add(
                conn,
                "catalog.performance_prices",
                {
                    "performance_id": performance_id,
                    "section_id": self.section,
                    "price_cents": 4000,
                },
            )
            self.performances[key] = performance_id

        self.users = {
            name: add(
                conn,
                "account.users",
                {
                    "username": f"{name}_{tag}",
                    "email": f"{name}_{tag}@example.com",
                    "display_name": name.title(),
                    "password_hash": PASSWORD_HASH,
                },
                "user_id",
            )
            for name in ("ana", "ben")
        }

    def remove(self, conn):
        run = self.engine.run
        for performance in self.performances.values():
            for table in (
                "booking.seat_holds",
                "booking.performance_versions",
                "booking.booked_seats",
                "booking.bookings",
                "catalog.performance_prices",
                "catalog.performances",
            ):
                run(conn, f"delete from {table} where performance_id = %s", performance)
        for table, column, value in (
            ("catalog.show_cast", "show_id", self.show),
            ("catalog.shows", "show_id", self.show),
            ("catalog.seats", "venue_id", self.venue),
            ("catalog.sections", "venue_id", self.venue),
            ("catalog.venues", "venue_id", self.venue),
            ("catalog.genres", "genre_id", self.genre),
        ):
            run(conn, f"delete from {table} where {column} = %s", value)
        run(conn, "delete from account.users where username like %s", f"%{self.tag}")


@pytest.fixture(scope="module", params=["postgres", "mssql"])
def engine(request):
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        request.getfixturevalue("template")
        name = clone(server, "parity")
        yield Postgres(server.url(name))
        drop(server, name)
        return

    url = os.environ.get("MSSQL_URL")
    if not url:
        pytest.skip("MSSQL_URL is not set: no SQL Server to test against")
    sql_server = SqlServer(url)
    with sql_server.connect() as conn:
        mssql_deploy.deploy(conn)
    yield sql_server


@pytest.fixture(scope="module")
def world(engine):
    with engine.connect() as conn:
        built = World(engine, conn)
    yield built
    with engine.connect() as conn:
        built.remove(conn)


@pytest.fixture
def conn(engine):
    with engine.connect() as connection:
        yield connection


def book(engine, conn, world, user, seats, performance="soon"):
    return engine.call(
        conn,
        "booking.book_seats",
        user_id=world.users[user],
        performance_id=world.performances[performance],
        seat_ids=seats,
    )


def test_deploying_again_changes_nothing(engine):
    if engine.name == "postgres":
        pytest.skip("the PostgreSQL deploy is tested in tests/tools/test_migrate.py")
    with engine.connect() as conn:
        assert mssql_deploy.deploy(conn) == []


def test_registering_returns_the_account_and_refuses_its_names_in_any_case(
    engine, conn, world
):
    name = f"reg_{world.tag}"

    rows = engine.call(
        conn,
        "account.register_user",
        username=name,
        email=f"{name}@example.com",
        display_name="  Reggie  ",
        password_hash=PASSWORD_HASH,
    )
    with pytest.raises(ContractError) as by_name:
        engine.call(
            conn,
            "account.register_user",
            username=name.upper(),
            email=f"other_{name}@example.com",
            display_name="Other",
            password_hash=PASSWORD_HASH,
        )
    with pytest.raises(ContractError) as by_email:
        engine.call(
            conn,
            "account.register_user",
            username=f"x{name}",
            email=f"{name}@EXAMPLE.com".upper(),
            display_name="Other",
            password_hash=PASSWORD_HASH,
        )

    assert list(rows[0]) == [
        "user_id",
        "username",
        "email",
        "display_name",
        "created_at",
    ]
    assert rows[0]["display_name"] == "Reggie"
    assert by_name.value.code == "username_taken"
    assert by_email.value.code == "email_taken"


def test_login_finds_an_account_by_email_in_any_case(engine, conn, world):
    rows = engine.call(
        conn, "account.get_user_for_login", login=f"ANA_{world.tag}@example.COM"
    )

    assert rows[0]["user_id"] == world.users["ana"]
    assert rows[0]["password_hash"] == PASSWORD_HASH


def test_a_booking_comes_back_with_its_seats_and_price(engine, conn, world):
    rows = book(engine, conn, world, "ana", [world.seats[0], world.seats[1]])

    assert len(rows) == 1
    booking = rows[0]
    assert booking["status"] == "confirmed"
    assert booking["seat_count"] == 2
    assert booking["total_cents"] == 8000
    assert booking["cancellable"] is True
    assert booking["seats"][0] == {
        "seat_id": world.seats[0],
        "section": "Stalls",
        "row_label": "A",
        "seat_number": 1,
        "price_cents": 4000,
    }


def test_a_taken_seat_is_refused_naming_it_and_nothing_is_booked(engine, conn, world):
    book(engine, conn, world, "ana", [world.seats[2]])

    with pytest.raises(ContractError) as refused:
        book(engine, conn, world, "ben", [world.seats[3], world.seats[2]])
    mine = engine.call(conn, "booking.list_user_bookings", user_id=world.users["ben"])

    assert refused.value.code == "seat_taken"
    assert refused.value.message == "Already taken: Stalls A-3."
    assert refused.value.details == {"seat_ids": [world.seats[2]]}
    assert world.seats[3] not in [s["seat_id"] for b in mine for s in b["seats"]]


def test_errors_carry_their_catalog_codes(engine, conn, world):
    cases = [
        ([], "seat_count_out_of_range"),
        ([world.seats[4], world.seats[4]], "duplicate_seat"),
        ([987654321], "seat_not_in_venue"),
        (["1"], "validation_failed"),
    ]
    for seats, code in cases:
        with pytest.raises(ContractError) as caught:
            book(engine, conn, world, "ben", seats)
        assert caught.value.code == code, seats

    with pytest.raises(ContractError) as missing:
        engine.call(conn, "catalog.get_performance", performance_id=987654321)
    assert missing.value.code == "performance_not_found"


def test_two_buyers_racing_for_one_seat_never_both_win(engine, world):
    seat = world.seats[5]
    start = threading.Barrier(RACERS)
    outcomes = []
    lock = threading.Lock()

    def buyer(index):
        user = ("ana", "ben")[index % 2]
        with engine.connect() as conn:
            start.wait()
            try:
                book(engine, conn, world, user, [seat])
                outcome = "won"
            except ContractError as error:
                outcome = error.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    with engine.connect() as conn:
        active = engine.execute(
            conn,
            "select count(*) as n from booking.booked_seats "
            "where performance_id = %s and seat_id = %s and is_active = %s",
            world.performances["soon"],
            seat,
            True,
        )
    assert sorted(outcomes) == ["seat_taken"] * (RACERS - 1) + ["won"]
    assert active[0]["n"] == 1


def test_cancelling_frees_the_seat_for_someone_else(engine, conn, world):
    booking = book(engine, conn, world, "ana", [world.seats[4]], "winter")[0]

    cancelled = engine.call(
        conn,
        "booking.cancel_booking",
        user_id=world.users["ana"],
        booking_id=booking["booking_id"],
    )[0]
    again = book(engine, conn, world, "ben", [world.seats[4]], "winter")[0]
    with pytest.raises(ContractError) as twice:
        engine.call(
            conn,
            "booking.cancel_booking",
            user_id=world.users["ana"],
            booking_id=booking["booking_id"],
        )

    assert cancelled["status"] == "cancelled"
    assert cancelled["cancellable"] is False
    assert again["status"] == "confirmed"
    assert twice.value.code == "booking_not_cancellable"


def test_local_time_stays_at_half_past_seven_in_winter_and_summer(engine, conn, world):
    for key in ("winter", "summer"):
        row = engine.call(
            conn, "catalog.get_performance", performance_id=world.performances[key]
        )[0]
        assert row["local_starts_at"].replace(microsecond=0) == dt.datetime(
            2031, 1 if key == "winter" else 7, 15, 19, 30
        )
        assert row["time_zone"] == "Europe/Vienna"


def test_the_list_shows_the_venue_page_with_seats_left(engine, conn, world):
    rows = engine.call(
        conn,
        "catalog.list_performances",
        page=1,
        page_size=10,
        sort="starts_at",
        order="asc",
        genre_id=world.genre,
        venue_id=world.venue,
    )

    assert [r["performance_id"] for r in rows] == [
        world.performances[k] for k in ("soon", "winter", "summer")
    ]
    assert rows[0]["total_count"] == 3
    assert rows[0]["capacity"] == 6
    assert rows[0]["price_from_cents"] == 4000
    with pytest.raises(ContractError) as bad:
        engine.call(
            conn,
            "catalog.list_performances",
            page=1,
            page_size=10,
            sort="price",
            order="asc",
            genre_id=None,
            venue_id=None,
        )
    assert bad.value.code == "validation_failed"
    assert bad.value.details == {"fields": {"sort": "invalid"}}


def test_the_seat_status_names_the_seats_the_seat_map_shows_taken(engine, conn, world):
    performance = world.performances["summer"]
    book(engine, conn, world, "ana", [world.seats[5]], "summer")
    engine.call(
        conn,
        "booking.hold_seats",
        user_id=world.users["ben"],
        performance_id=performance,
        seat_ids=[world.seats[3], world.seats[1]],
    )

    (row,) = engine.call(
        conn, "catalog.get_seat_status_json", performance_id=performance
    )
    seats = engine.call(conn, "catalog.get_seat_map", performance_id=performance)
    with pytest.raises(ContractError) as unknown:
        engine.call(conn, "catalog.get_seat_status_json", performance_id=424242424)

    assert json.loads(row["seat_status"]) == {
        "performance_id": performance,
        "booked": [world.seats[5]],
        "held": [world.seats[1], world.seats[3]],
    }
    assert sorted(s["seat_id"] for s in seats if s["status"] == "held") == [
        world.seats[1],
        world.seats[3],
    ]
    assert unknown.value.code == "performance_not_found"
