"""Deploy the SQL Server twin of the database layer.

    python -m tools.mssql_deploy --url MSSQL_URL [--seed] [--test]

MSSQL_URL (or the MSSQL_URL environment variable) is an ODBC connection
string, or `mssql://user:password@host:port/database?driver=...` with any
further ODBC keywords as query parameters (no user means Windows
authentication). The driver defaults to "ODBC Driver 18 for SQL Server".

A deploy creates the journal (sql/mssql/deploy/journal.sql), applies the
migrations of sql/mssql in order, each in its own transaction and recorded
with its checksum, then re-creates the procedures and views of procs/mssql
in procs/manifest.txt order, in one transaction, dropping those no longer
listed. A migration changed after it was applied is refused. Running it
again changes nothing. The file order comes from tools/deploy_order.py, the
rule deploy.ps1 follows too.

--seed loads the seed catalogue once, like `make seed` on PostgreSQL.
--test installs tSQLt when TSQLT_CLASS_SQL names its tSQLt.class.sql (and
runs PrepareServer.sql from the same folder first, when it is there), loads
the test classes of tests/tsqlt and runs tSQLt.RunAll; any failure fails
the deploy.

The module also holds what a Python caller of the twin needs: `connect`,
the parameter-name rule (`parameter_name`), `call`, and `split_message`,
which reads the details that a THROW message carries.
"""

import argparse
import datetime as dt
import json
import logging
import os
import re
import struct
import sys
import urllib.parse
from pathlib import Path

from tools import deploy_order
from tools.deploy_order import DeployOrderError, Migration

log = logging.getLogger(__name__)

ROOT = deploy_order.ROOT
JOURNAL = ROOT / "sql" / "mssql" / "deploy" / "journal.sql"
TSQLT_TESTS = ROOT / "tests" / "tsqlt"

DEFAULT_DRIVER = "ODBC Driver 18 for SQL Server"
# Schemas whose views and procedures belong to procs/ and are re-created.
ROUTINE_SCHEMAS = ("account", "catalog", "booking", "report")
# sp_getapplock resource: keeps two deployers from migrating at once.
DEPLOY_LOCK = "boxoffice.deploy"
DEPLOY_LOCK_TIMEOUT_MS = 60_000
# The ODBC type code of datetimeoffset, which pyodbc cannot read by itself.
SQL_SS_TIMESTAMPOFFSET = -155
# A THROW message may end with " [details: {json}]"; see docs/sql-server.md.
DETAILS_MARKER = " [details: "


class DeployError(RuntimeError):
    pass


# Connecting --------------------------------------------------------------


def odbc_connection_string(url: str) -> str:
    """An ODBC connection string from an mssql:// URL; others pass through."""
    if not url.lower().startswith("mssql://"):
        return url

    parts = urllib.parse.urlsplit(url)
    options = dict(urllib.parse.parse_qsl(parts.query))
    driver = options.pop("driver", DEFAULT_DRIVER)
    server = parts.hostname or "localhost"
    if parts.port:
        server += f",{parts.port}"

    fields = {"DRIVER": driver, "SERVER": server}
    database = urllib.parse.unquote(parts.path.lstrip("/"))
    if database:
        fields["DATABASE"] = database
    if parts.username:
        fields["UID"] = urllib.parse.unquote(parts.username)
        fields["PWD"] = urllib.parse.unquote(parts.password or "")
    else:
        fields["Trusted_Connection"] = "yes"
    fields.update(options)

    return ";".join(f"{key}={_odbc_value(value)}" for key, value in fields.items())


def _odbc_value(value: str) -> str:
    # Braces quote a value; a closing brace inside is doubled.
    if any(c in value for c in ";{}=") or value != value.strip() or " " in value:
        return "{" + value.replace("}", "}}") + "}"
    return value


def _read_datetimeoffset(raw: bytes) -> dt.datetime:
    # SQL_SS_TIMESTAMPOFFSET_STRUCT: year, month, day, hour, minute, second
    # (shorts), fraction in nanoseconds (unsigned int), offset hours, minutes.
    year, month, day, hour, minute, second, nanos, off_h, off_m = struct.unpack(
        "<6hI2h", raw
    )
    zone = dt.timezone(dt.timedelta(hours=off_h, minutes=off_m))
    return dt.datetime(
        year, month, day, hour, minute, second, nanos // 1000, tzinfo=zone
    )


def connect(url: str, autocommit: bool = True):
    """A pyodbc connection that reads datetimeoffset and aborts on any error."""
    import pyodbc  # only the SQL Server side needs it

    conn = pyodbc.connect(odbc_connection_string(url), autocommit=autocommit)
    conn.add_output_converter(SQL_SS_TIMESTAMPOFFSET, _read_datetimeoffset)
    conn.execute("SET XACT_ABORT ON; SET NOCOUNT ON;")
    return conn


# Calling the twin --------------------------------------------------------


def parameter_name(name: str) -> str:
    """The T-SQL name of a routine parameter: seat_ids or p_seat_ids -> @SeatIds."""
    if name.startswith("p_"):
        name = name[2:]
    return "@" + "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def call(conn, routine: str, **params) -> list[dict]:
    """EXEC one procedure with named parameters; its rows as dicts.

    Lists and dicts travel as JSON text, the way the procedures take them.
    """
    schema, name = routine.split(".")
    if not (_IDENTIFIER.match(schema) and _IDENTIFIER.match(name)):
        raise ValueError(f"not a routine name: {routine}")

    arguments = ", ".join(f"{parameter_name(key)} = ?" for key in params)
    values = [
        json.dumps(v) if isinstance(v, list | dict) else v for v in params.values()
    ]
    cursor = conn.cursor()
    cursor.execute(f"EXEC {schema}.{name} {arguments}".rstrip(), values)

    rows: list[dict] = []
    while True:
        if cursor.description:
            columns = [column[0] for column in cursor.description]
            rows.extend(dict(zip(columns, row, strict=True)) for row in cursor)
        if not cursor.nextset():
            break
    return rows


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def split_message(message: str) -> tuple[str, dict | None]:
    """A THROW message as (text for people, details or None)."""
    start = message.rfind(DETAILS_MARKER)
    if start < 0 or not message.endswith("]"):
        return message, None
    try:
        details = json.loads(message[start + len(DETAILS_MARKER) : -1])
    except ValueError:
        return message, None
    return message[:start], details if isinstance(details, dict) else None


# pyodbc shows a server error as "[SQLSTATE] [driver][SQL Server]text (number)".
_SERVER_ERROR = re.compile(r"\[SQL Server\](?P<text>.*?) \((?P<number>\d+)\)", re.S)


def read_error(error: Exception) -> tuple[int | None, str]:
    """The SQL Server error number and message text inside a pyodbc error."""
    for argument in getattr(error, "args", ()):
        match = _SERVER_ERROR.search(str(argument))
        if match:
            return int(match["number"]), match["text"].strip()
    return None, str(error)


# Deploying ---------------------------------------------------------------


def run_script(cursor, path: Path) -> None:
    """Every batch of a file, in order; an error names the file and line."""
    import pyodbc

    for batch in deploy_order.split_batches(path.read_text(encoding="utf-8-sig")):
        try:
            cursor.execute(batch.text)
            while cursor.nextset():
                pass
        except pyodbc.Error as error:
            raise DeployError(
                f"{_shown(path)}, batch from line {batch.line}: {error}"
            ) from error


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def deploy(conn, root: Path = ROOT) -> list[str]:
    """Bring the database up to date; returns the migrations applied now."""
    try:
        migrations = deploy_order.migrations("mssql", root)
        routines = deploy_order.routine_files("mssql", root)
    except DeployOrderError as error:
        raise DeployError(str(error)) from error

    cursor = conn.cursor()
    _take_deploy_lock(cursor)
    try:
        run_script(cursor, JOURNAL)
        applied = apply_migrations(conn, migrations)
        create_routines(conn, routines, deploy_order.read_manifest(root))
    finally:
        cursor.execute(
            "EXEC sys.sp_releaseapplock @Resource = ?, @LockOwner = ?",
            DEPLOY_LOCK,
            "Session",
        )
    return applied


def _take_deploy_lock(cursor) -> None:
    result = cursor.execute(
        "DECLARE @Result int; "
        "EXEC @Result = sys.sp_getapplock @Resource = ?, @LockMode = 'Exclusive', "
        "@LockOwner = 'Session', @LockTimeout = ?; "
        "SELECT @Result;",
        DEPLOY_LOCK,
        DEPLOY_LOCK_TIMEOUT_MS,
    ).fetchval()
    if result is None or result < 0:
        raise DeployError(
            "Another deploy holds the deploy lock; try again when it has finished."
        )


def apply_migrations(conn, migrations: list[Migration]) -> list[str]:
    cursor = conn.cursor()
    recorded = {
        version: (name, checksum)
        for version, name, checksum in cursor.execute(
            "SELECT version, name, checksum FROM meta.schema_migrations"
        ).fetchall()
    }

    for migration in migrations:
        if migration.version not in recorded:
            continue
        name, checksum = recorded[migration.version]
        if checksum != migration.checksum or name != migration.name:
            raise DeployError(
                f"Migration {migration.name} was changed after it was applied "
                f"(recorded as {name}). Applied migrations are never edited: "
                "undo the change and add a new migration instead."
            )

    applied = []
    for migration in migrations:
        if migration.version in recorded:
            continue

        conn.autocommit = False
        try:
            run_script(cursor, migration.path)
            cursor.execute(
                "INSERT INTO meta.schema_migrations (version, name, checksum) "
                "VALUES (?, ?, ?)",
                migration.version,
                migration.name,
                migration.checksum,
            )
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.autocommit = True
        log.info("applied migration %s", migration.name)
        applied.append(migration.name)

    return applied


def create_routines(conn, files: list[Path], names: list[str]) -> None:
    """CREATE OR ALTER every listed object, drop unlisted ones: one transaction."""
    cursor = conn.cursor()
    conn.autocommit = False
    try:
        _drop_unlisted(cursor, set(names))
        for path in files:
            run_script(cursor, path)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.autocommit = True
    log.info("created %d views and procedures", len(files))


def _drop_unlisted(cursor, names: set[str]) -> None:
    marks = ", ".join("?" for _ in ROUTINE_SCHEMAS)
    rows = cursor.execute(
        "SELECT s.name, o.name, o.type FROM sys.objects AS o "
        "JOIN sys.schemas AS s ON s.schema_id = o.schema_id "
        f"WHERE s.name IN ({marks}) AND o.type IN ('P', 'V', 'FN', 'IF', 'TF')",
        *ROUTINE_SCHEMAS,
    ).fetchall()
    kinds = {"P": "PROCEDURE", "V": "VIEW"}
    for schema, name, kind in rows:
        if f"{schema}.{name}" in names:
            continue
        keyword = kinds.get(kind.strip(), "FUNCTION")
        cursor.execute(f"DROP {keyword} {_quote(schema)}.{_quote(name)}")
        log.info("dropped %s.%s, no longer in procs/manifest.txt", schema, name)


def _quote(identifier: str) -> str:
    return "[" + identifier.replace("]", "]]") + "]"


# Seed data ---------------------------------------------------------------


def seed(conn, today: dt.date | None = None) -> str:
    """Loads seed.generate's catalogue once, in one transaction."""
    import bcrypt

    from seed.generate import build
    from seed.load import BCRYPT_ROUNDS, DEMO_PASSWORD

    today = today or dt.date.today()
    cursor = conn.cursor()
    cursor.execute(
        "IF OBJECT_ID(N'meta.seed_loads', N'U') IS NULL "
        "CREATE TABLE meta.seed_loads ("
        " loaded_at datetimeoffset(6) NOT NULL DEFAULT SYSDATETIMEOFFSET(),"
        " seed_day date NOT NULL)"
    )
    loaded = cursor.execute("SELECT TOP (1) seed_day FROM meta.seed_loads").fetchval()
    venues = cursor.execute("SELECT COUNT(*) FROM catalog.venues").fetchval()
    if loaded:
        return f"Seed data already loaded (on {loaded}); keeping the data."
    if venues:
        return "The catalogue is not empty; seed data was not loaded."

    data = build(today)
    password_hash = bcrypt.hashpw(
        DEMO_PASSWORD.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)
    ).decode()

    conn.autocommit = False
    try:
        counts = _insert_seed(cursor, data, password_hash)
        cursor.execute("INSERT INTO meta.seed_loads (seed_day) VALUES (?)", today)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.autocommit = True

    return "Loaded seed data: " + ", ".join(f"{n} {name}" for name, n in counts.items())


def _instant(value: dt.datetime) -> str:
    # datetimeoffset from ISO 8601 text; a naive time is taken as UTC.
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _many(cursor, statement: str, rows: list[tuple]) -> int:
    if rows:
        cursor.fast_executemany = True
        cursor.executemany(statement, rows)
        cursor.fast_executemany = False
    return len(rows)


def _insert_seed(cursor, data, password_hash: str) -> dict[str, int]:
    counts = {}

    counts["genres"] = _many(
        cursor,
        "INSERT INTO catalog.genres (name) VALUES (?)",
        [(g["name"],) for g in data.genres],
    )
    genre_ids = dict(cursor.execute("SELECT name, genre_id FROM catalog.genres"))

    counts["venues"] = _many(
        cursor,
        "INSERT INTO catalog.venues (name, city, address, time_zone, currency) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (v["name"], v["city"], v["address"], v["time_zone"], v["currency"])
            for v in data.venues
        ],
    )
    by_name = dict(cursor.execute("SELECT name, venue_id FROM catalog.venues"))
    venue_ids = {v["key"]: by_name[v["name"]] for v in data.venues}

    _many(
        cursor,
        "INSERT INTO catalog.sections (venue_id, name, sort_order) VALUES (?, ?, ?)",
        [
            (venue_ids[s["venue_key"]], s["name"], s["sort_order"])
            for s in data.sections
        ],
    )
    section_ids = {
        (venue_id, name): section_id
        for venue_id, name, section_id in cursor.execute(
            "SELECT venue_id, name, section_id FROM catalog.sections"
        )
    }

    counts["seats"] = _many(
        cursor,
        "INSERT INTO catalog.seats (venue_id, section_id, row_label, seat_number, "
        "x, y, is_accessible, is_companion) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
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
        ],
    )
    seat_ids = {
        tuple(row[:4]): row[4]
        for row in cursor.execute(
            "SELECT s.venue_id, sc.name, s.row_label, s.seat_number, s.seat_id "
            "FROM catalog.seats AS s "
            "JOIN catalog.sections AS sc ON sc.section_id = s.section_id"
        )
    }

    show_ids = {}
    for show in data.shows:
        # OUTPUT needs INTO on a table with triggers (catalog.shows has some).
        show_ids[show["key"]] = cursor.execute(
            "DECLARE @Created TABLE (show_id bigint NOT NULL); "
            "INSERT INTO catalog.shows (title, description, genre_id, "
            "duration_minutes, director) OUTPUT inserted.show_id INTO @Created "
            "VALUES (?, ?, ?, ?, ?); "
            "SELECT show_id FROM @Created;",
            show["title"],
            show["description"],
            genre_ids[show["genre"]],
            show["duration_minutes"],
            show["director"],
        ).fetchval()
    counts["shows"] = len(show_ids)
    _many(
        cursor,
        "INSERT INTO catalog.show_cast (show_id, billing_order, person_name, "
        "role_name) VALUES (?, ?, ?, ?)",
        [
            (show_ids[show["key"]], order, member["name"], member["role"])
            for show in data.shows
            for order, member in enumerate(show["cast"], start=1)
        ],
    )

    counts["performances"] = _many(
        cursor,
        "INSERT INTO catalog.performances (show_id, venue_id, starts_at, status) "
        "VALUES (?, ?, ?, ?)",
        [
            (
                show_ids[p["show_key"]],
                venue_ids[p["venue_key"]],
                _instant(p["starts_at"]),
                p["status"],
            )
            for p in data.performances
        ],
    )
    by_start = {
        (venue_id, _instant(starts_at)): performance_id
        for venue_id, starts_at, performance_id in cursor.execute(
            "SELECT venue_id, starts_at, performance_id FROM catalog.performances"
        )
    }
    performance_ids = {
        p["key"]: by_start[(venue_ids[p["venue_key"]], _instant(p["starts_at"]))]
        for p in data.performances
    }
    performance_venue = {p["key"]: venue_ids[p["venue_key"]] for p in data.performances}
    prices = {}
    for p in data.performances:
        venue_id = performance_venue[p["key"]]
        for name, cents in p["prices"].items():
            prices[(performance_ids[p["key"]], section_ids[(venue_id, name)])] = cents
    _many(
        cursor,
        "INSERT INTO catalog.performance_prices (performance_id, section_id, "
        "price_cents) VALUES (?, ?, ?)",
        [(perf, section, cents) for (perf, section), cents in prices.items()],
    )

    counts["users"] = _many(
        cursor,
        "INSERT INTO account.users (username, email, display_name, password_hash, "
        "created_at) VALUES (?, ?, ?, ?, ?)",
        [
            (
                u["username"],
                u["email"],
                u["display_name"],
                password_hash,
                _instant(u["created_at"]),
            )
            for u in data.users
        ],
    )
    user_ids = dict(cursor.execute("SELECT username, user_id FROM account.users"))

    # Bookings get their ids here, so their seats can go in the same pass;
    # SQL Server moves the identity past the largest id inserted.
    next_id = cursor.execute(
        "SELECT COALESCE(MAX(booking_id), 0) + 1 FROM booking.bookings"
    ).fetchval()
    now = dt.datetime.now(dt.UTC)
    booking_rows, seat_rows = [], []
    for booking_id, b in enumerate(data.bookings, start=next_id):
        performance_id = performance_ids[b["performance_key"]]
        venue_id = performance_venue[b["performance_key"]]
        seats = []
        for section, row, number in b["seats"]:
            seat_id = seat_ids[(venue_id, section, row, number)]
            price = prices[(performance_id, section_ids[(venue_id, section)])]
            seats.append((seat_id, price))
        cancelled = b["status"] == "cancelled"
        cancelled_at = min(b["created_at"] + dt.timedelta(hours=6), now)
        booking_rows.append(
            (
                booking_id,
                user_ids[b["username"]],
                performance_id,
                b["status"],
                _instant(b["created_at"]),
                _instant(cancelled_at) if cancelled else None,
                len(seats),
                sum(price for _, price in seats),
            )
        )
        seat_rows.extend(
            (booking_id, performance_id, venue_id, seat_id, price, not cancelled)
            for seat_id, price in seats
        )

    cursor.execute("SET IDENTITY_INSERT booking.bookings ON")
    counts["bookings"] = _many(
        cursor,
        "INSERT INTO booking.bookings (booking_id, user_id, performance_id, status, "
        "created_at, cancelled_at, seat_count, total_cents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        booking_rows,
    )
    cursor.execute("SET IDENTITY_INSERT booking.bookings OFF")
    counts["booked seats"] = _many(
        cursor,
        "INSERT INTO booking.booked_seats (booking_id, performance_id, venue_id, "
        "seat_id, price_cents, is_active) VALUES (?, ?, ?, ?, ?, ?)",
        seat_rows,
    )
    return counts


# tSQLt -------------------------------------------------------------------


def run_tsqlt(conn, class_sql: Path | None, tests_dir: Path = TSQLT_TESTS) -> list:
    """Installs tSQLt if asked, loads the test classes, runs them all.

    Returns the rows of tSQLt.TestResult that did not succeed.
    """
    import pyodbc

    cursor = conn.cursor()
    if class_sql:
        prepare = class_sql.with_name("PrepareServer.sql")
        if prepare.exists():
            run_script(cursor, prepare)
        run_script(cursor, class_sql)
        log.info("installed tSQLt from %s", class_sql)

    if cursor.execute("SELECT OBJECT_ID(N'tSQLt.RunAll')").fetchval() is None:
        raise DeployError(
            "tSQLt is not installed in this database: set TSQLT_CLASS_SQL to the "
            "path of tSQLt.class.sql to install it."
        )

    for path in sorted(tests_dir.glob("*.sql")):
        run_script(cursor, path)

    # Tests that expect a constraint error run inside tSQLt's transaction,
    # which survives such an error only with XACT_ABORT OFF (SSMS's default).
    cursor.execute("SET XACT_ABORT OFF;")
    try:
        cursor.execute("EXEC tSQLt.RunAll")
        while cursor.nextset():
            pass
    except pyodbc.Error as error:
        # RunAll raises when a test fails; the results table says which.
        log.info("tSQLt.RunAll reported: %s", error)

    results = cursor.execute(
        "SELECT Class, TestCase, Result, Msg FROM tSQLt.TestResult ORDER BY Id"
    ).fetchall()
    for row in results:
        log.info("%-8s %s.%s", row.Result, row.Class, row.TestCase)
    if not results:
        raise DeployError("tSQLt ran no test: are the classes in tests/tsqlt loaded?")
    return [row for row in results if row.Result not in ("Success", "Skipped")]


# Command line ------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.mssql_deploy",
        description="Deploy the SQL Server twin: journal, migrations, procedures.",
    )
    parser.add_argument(
        "--url",
        default=os.environ.get("MSSQL_URL"),
        help="ODBC connection string or mssql://user:password@host:port/db "
        "(default: $MSSQL_URL)",
    )
    parser.add_argument("--seed", action="store_true", help="load the seed data once")
    parser.add_argument(
        "--test",
        action="store_true",
        help="run the tSQLt tests (installs tSQLt from $TSQLT_CLASS_SQL if set)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if not args.url:
        parser.error("give --url or set MSSQL_URL")

    try:
        with connect(args.url) as conn:
            applied = deploy(conn)
            log.info(
                "migrations applied now: %s", ", ".join(applied) or "none (up to date)"
            )
            if args.seed:
                log.info(seed(conn))
            if args.test:
                class_sql = os.environ.get("TSQLT_CLASS_SQL")
                failed = run_tsqlt(conn, Path(class_sql) if class_sql else None)
                for row in failed:
                    log.error(
                        "%s %s.%s: %s", row.Result, row.Class, row.TestCase, row.Msg
                    )
                if failed:
                    log.error("%d tSQLt tests did not pass", len(failed))
                    return 1
    except DeployError as error:
        log.error("%s", error)
        return 1

    return 0


if __name__ == "__main__":
    sys.exit(main())
