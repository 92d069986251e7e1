"""The database gateway: the only module of the API that talks to the database.

Blueprints call routines by name with keyword arguments; the gateway checks
the name against procs/manifest.txt, runs it in its own transaction, returns
rows as dicts, and turns the routines' errors into catalog errors. Nothing
else in the API knows which engine is behind it:

- PostgreSQL (`postgresql://...`): functions called through a psycopg pool.
- SQL Server (`mssql://...` or an ODBC string with `DRIVER=`): stored
  procedures called through pyodbc, which pools connections itself.
"""

import atexit
import functools
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolTimeout

from api.errors import ApiError, by_mssql_number, by_sqlstate

log = logging.getLogger(__name__)

MANIFEST = Path(__file__).resolve().parent.parent / "procs" / "manifest.txt"

# Columns that SQL Server returns as JSON text and PostgreSQL as jsonb.
JSON_COLUMNS = frozenset({"seats", "cast_members", "sections"})


# The longest a routine may run for a request, in milliseconds.
STATEMENT_TIMEOUT_MS = int(os.environ.get("BOXOFFICE_STATEMENT_TIMEOUT_MS", "5000"))
# Routines allowed longer, in milliseconds. The leaderboard works a board
# out from every booking the first time it is asked for (about 2 s at the
# large benchmark scale when quiet, several times that under load); cut
# off at the usual limit, that work would be thrown away and started again
# by the next request, for ever. Meanwhile the others are answered at once
# (ranking_not_ready), so only one connection waits.
LONGER_STATEMENT_MS = {"report.list_user_ranking": 120_000}


# How often at most the pool's idle connections are tested after one was
# found lost.
POOL_CHECK_SECONDS = 5.0


class DatabaseUnavailable(Exception):
    """The database cannot be reached or gave no connection in time."""


def _routine_names() -> frozenset[str]:
    lines = (line.strip() for line in MANIFEST.read_text().splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_sql_server(url: str) -> bool:
    lowered = url.lower()
    return lowered.startswith("mssql://") or "driver=" in lowered


# How the change watcher polls booking.list_performance_versions: every
# POLL_SECONDS, for rows changed in the last WINDOW_SECONDS, so a change
# committed a little after its version was written is still seen.
POLL_SECONDS = 0.5
WINDOW_SECONDS = 10
# Routines that change who has which seats. After one commits, PostgreSQL
# listeners are told (NOTIFY performance_changed, the performance id). The
# NOTIFY goes out in a transaction of its own: inside the booking's, it would
# take PostgreSQL's cluster-wide notification lock through the commit's disk
# flush, and bookings of every performance would commit one at a time. The
# API's connections say so (boxoffice.notify_after_commit); in any other
# session the routines send the NOTIFY themselves, with the transaction.
# The API's notices are sent by one thread per process (Announcer), so a
# request does not wait for them, and changes that come while a notice is
# being sent go out together with the next.
# TODO: if an API process dies between a commit and its NOTIFY, open seat
# maps learn of that change only with the next change or when they reconnect.
SEAT_CHANGES = frozenset(
    {
        "booking.book_seats",
        "booking.book_seats_idempotent",
        "booking.cancel_booking",
        "booking.hold_seats",
        "booking.hold_best_seats",
    }
)


class ChangeVersions:
    """The change versions last seen, to tell which performances changed."""

    def __init__(self) -> None:
        self.seen: dict[int, int] | None = None

    def changed(self, rows: list[dict]) -> list[int]:
        """The performances whose version differs from the last reading."""
        current = {row["performance_id"]: row["version"] for row in rows}
        previous, self.seen = self.seen, current
        if previous is None:
            return []
        return [pid for pid, version in current.items() if previous.get(pid) != version]

    def forget(self) -> bool:
        """Start over; True when there was a reading to forget."""
        known, self.seen = self.seen is not None, None
        return known


class Database:
    def __init__(
        self,
        url: str,
        min_size: int = 1,
        max_size: int = 10,
        timeout: float = 5,
        statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
    ):
        self.routines = _routine_names()
        self.closed = threading.Event()
        if is_sql_server(url):
            self.engine = SqlServer(url)
        else:
            self.engine = Postgres(
                url, min_size, max_size, timeout, statement_timeout_ms
            )

    def close(self) -> None:
        self.closed.set()
        self.engine.close()

    def watch(
        self, on_change: Callable[[int | None], None], listen: bool = True
    ) -> None:
        """Reports each performance whose seats change, until close().

        Blocks, so run it in a thread of its own. on_change(performance_id)
        follows every committed change; on_change(None) means changes may
        have been missed (the watcher reconnected) and everything should be
        read again. PostgreSQL is listened to (NOTIFY performance_changed
        from the routines); other engines, or listen=False, are polled.
        """
        if listen and isinstance(self.engine, Postgres):
            self.engine.listen(on_change, self.closed)
        else:
            self._poll(on_change)

    def _poll(self, on_change: Callable[[int | None], None]) -> None:
        versions = ChangeVersions()
        while not self.closed.is_set():
            try:
                rows = self.call(
                    "booking.list_performance_versions", window_seconds=WINDOW_SECONDS
                )
            except (DatabaseUnavailable, psycopg.Error, ApiError) as error:
                log.warning("change watcher: %s", error)
                if versions.forget():
                    on_change(None)
                self.closed.wait(1)
                continue

            for performance_id in versions.changed(rows):
                on_change(performance_id)
            self.closed.wait(POLL_SECONDS)

    def call(self, routine: str, **params) -> list[dict]:
        """Run one routine and return all its rows."""
        if routine not in self.routines:
            raise ValueError(f"unknown routine {routine}")
        return self.engine.call(routine, params)

    def call_one(self, routine: str, **params) -> dict | None:
        rows = self.call(routine, **params)
        return rows[0] if rows else None


class Announcer:
    """Sends NOTIFY performance_changed for committed changes, from a thread
    and a connection of its own: a request only notes the performance, and
    the notices noted while one round trip is under way are sent together
    in the next (one per performance), so a rush's hundreds of changes a
    second cost a few round trips, not one per booking.

    A connection the database dropped (a restart, say) is found dropped
    only when used: the send is tried again at once on a new one, then
    every RETRY_SECONDS while the database cannot be reached; nothing noted
    is dropped meanwhile. close(), and the process's exit, send what is
    still noted, trying for up to CLOSE_SECONDS.

    TODO: a database server process that stops answering while its
    connection stays open (frozen, not gone) holds up every notice of this
    process until it answers again; a process closing meanwhile gives up
    on them after CLOSE_SECONDS and a second."""

    RETRY_SECONDS = 1.0
    CLOSE_SECONDS = 2.0

    def __init__(self, url: str):
        self.url = url
        self.noted: set[int] = set()
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.closing = False
        self.thread: threading.Thread | None = None
        self.conn: psycopg.Connection | None = None

    def note(self, performance_id: int) -> None:
        with self.lock:
            self.noted.add(performance_id)
            if self.thread is None and not self.closing:
                # Started on first use: gunicorn forks its workers after the
                # app is made, and threads do not survive a fork.
                self.thread = threading.Thread(
                    target=self._run, name="seat-announcer", daemon=True
                )
                self.thread.start()
                # A worker that stops, or exits once it has served its
                # share of requests, sends what it has noted first.
                atexit.register(self.close)
        self.wake.set()

    def close(self) -> None:
        with self.lock:
            self.closing = True
            thread = self.thread
        self.wake.set()
        if thread is not None:
            thread.join(self.CLOSE_SECONDS + 1)

    def _take(self) -> list[int]:
        with self.lock:
            noted, self.noted = self.noted, set()
        return sorted(noted)

    def _send(self, ids: list[int]) -> bool:
        error: Exception | None = None
        for _ in range(2):
            try:
                if self.conn is None or self.conn.closed:
                    self.conn = psycopg.connect(
                        self.url,
                        autocommit=True,
                        application_name="boxoffice-announcer",
                        # A database that does not answer holds up every
                        # notice of this process: give up on it and
                        # connect again instead.
                        connect_timeout=3,
                        tcp_user_timeout=3000,
                        keepalives_idle=5,
                        keepalives_interval=2,
                        keepalives_count=2,
                        options="-c statement_timeout=3000",
                    )
                self.conn.execute(
                    "select pg_notify('performance_changed', id::text) "
                    "from unnest(%s::bigint[]) id",
                    (ids,),
                )
                return True
            # Anything at all: this thread must outlive whatever went wrong,
            # or no change would be announced again.
            except Exception as failure:
                error = failure
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
        log.warning("could not announce changes of %s: %s", ids, error)
        return False

    def _run(self) -> None:
        failed = False
        give_up_at: float | None = None
        while True:
            if failed:
                # Tried again a while later (soon when closing), or as soon
                # as something else is noted or closing begins.
                self.wake.wait(0.1 if self.closing else self.RETRY_SECONDS)
            else:
                self.wake.wait()
            self.wake.clear()
            ids = self._take()
            failed = bool(ids) and not self._send(ids)
            if failed:
                with self.lock:
                    self.noted.update(ids)
            if self.closing and not self.noted:
                break
            if self.closing:
                if give_up_at is None:
                    give_up_at = time.monotonic() + self.CLOSE_SECONDS
                if time.monotonic() >= give_up_at:
                    log.warning(
                        "closing with changes of %s not announced", sorted(self.noted)
                    )
                    break
        if self.conn is not None:
            self.conn.close()


class Postgres:
    name = "postgresql"

    def __init__(
        self,
        url: str,
        min_size: int,
        max_size: int,
        timeout: float,
        statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
    ):
        self.url = url
        self.pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={
                "row_factory": dict_row,
                # Each call is one statement, which is a transaction of its
                # own: no separate COMMIT round trip per request.
                "autocommit": True,
                # No request may keep a connection busy for long: a runaway
                # query is cancelled and the request answered with a 503.
                "options": f"-c statement_timeout={statement_timeout_ms} "
                "-c boxoffice.notify_after_commit=on",
            },
            open=True,
            name="boxoffice",
            # A request waits this long for a connection, then gets a 503.
            timeout=timeout,
        )
        self.announcer = Announcer(url)
        self._next_check = 0.0
        self._check_lock = threading.Lock()

    def close(self) -> None:
        self.announcer.close()
        self.pool.close()

    def listen(
        self, on_change: Callable[[int | None], None], stop: threading.Event
    ) -> None:
        """One connection of its own, outside the pool, waiting for NOTIFY."""
        connected_before = False
        while not stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as conn:
                    conn.execute("listen performance_changed")
                    if connected_before:
                        on_change(None)
                    connected_before = True
                    while not stop.is_set():
                        for note in conn.notifies(timeout=POLL_SECONDS):
                            if note.payload.isdigit():
                                on_change(int(note.payload))
            except psycopg.Error as error:
                if stop.is_set():
                    return
                log.warning("change listener lost its connection: %s", error)
                stop.wait(1)

    def call(self, routine: str, params: dict) -> list[dict]:
        query = _postgres_call(routine, tuple(params))
        values = [
            Jsonb(v) if isinstance(v, list | dict) else v for v in params.values()
        ]

        longer = LONGER_STATEMENT_MS.get(routine)
        try:
            with self.pool.connection() as conn:
                if longer is None:
                    rows = conn.execute(query, values).fetchall()
                else:
                    with conn.transaction():
                        conn.execute(_set_local_timeout(longer))
                        rows = conn.execute(query, values).fetchall()
            if routine in SEAT_CHANGES:
                self._announce(params, rows)
            return rows
        except psycopg.errors.QueryCanceled as error:
            log.error("%s ran past the statement timeout", routine)
            raise DatabaseUnavailable(str(error)) from error
        except psycopg.OperationalError as error:
            if not isinstance(error, PoolTimeout):
                self._check_pool_soon()
            raise DatabaseUnavailable(str(error)) from error
        except psycopg.Error as error:
            raise _from_postgres(error) from error

    def _check_pool_soon(self) -> None:
        """A connection was lost, so its idle siblings may be too (a database
        restart ends them all): have the pool test them and replace the dead
        ones now, in a thread of its own, instead of letting one request
        after another fail on them. At most once every few seconds."""
        now = time.monotonic()
        with self._check_lock:
            if now < self._next_check:
                return
            self._next_check = now + POOL_CHECK_SECONDS
        threading.Thread(
            target=self._check_pool, name="pool-check", daemon=True
        ).start()

    def _check_pool(self) -> None:
        try:
            self.pool.check()
        except Exception as error:
            log.warning("could not check the pool's connections: %s", error)

    def _announce(self, params: dict, rows: list[dict]) -> None:
        """Tells listeners which performance changed, once the change has
        committed; a failure is the announcer's, never the request's."""
        performance_id = params.get("performance_id") or (
            rows[0].get("performance_id") if rows else None
        )
        if performance_id is not None:
            self.announcer.note(int(performance_id))


@functools.cache
def _set_local_timeout(milliseconds: int) -> bytes:
    return f"set local statement_timeout = {int(milliseconds)}".encode()


@functools.cache
def _postgres_call(routine: str, keys: tuple[str, ...]) -> bytes:
    """`select * from schema.name(p_a => %s, ...)`, composed once per shape
    and kept as bytes: psycopg would otherwise compose it on every call."""
    schema, name = routine.split(".")
    arguments = sql.SQL(", ").join(
        sql.SQL("{} => {}").format(sql.Identifier(f"p_{key}"), sql.Placeholder())
        for key in keys
    )
    return (
        sql.SQL("select * from {}({})")
        .format(sql.Identifier(schema, name), arguments)
        .as_bytes()
    )


def _from_postgres(error: psycopg.Error) -> Exception:
    """A routine's catalogued error becomes an ApiError; anything else stays."""
    entry = by_sqlstate().get(error.sqlstate or "")
    if entry is None:
        return error

    diag = error.diag
    details = None
    if diag.message_detail:
        try:
            details = json.loads(diag.message_detail)
        except ValueError:
            details = None
    return ApiError(entry["code"], diag.message_primary, details)


class SqlServer:
    name = "sqlserver"

    def __init__(self, url: str):
        import pyodbc  # only needed when SQL Server is the engine

        from tools import mssql_deploy

        self.url = url
        self.driver = pyodbc
        self.twin = mssql_deploy

    def close(self) -> None:
        pass

    def call(self, routine: str, params: dict) -> list[dict]:
        try:
            conn = self.twin.connect(self.url)
        except self.driver.Error as error:
            raise DatabaseUnavailable(str(error)) from error

        try:
            rows = self.twin.call(conn, routine, **params)
        except (self.driver.OperationalError, self.driver.InterfaceError) as error:
            raise DatabaseUnavailable(str(error)) from error
        except self.driver.Error as error:
            raise self._translate(error) from error
        finally:
            conn.close()

        for row in rows:
            for column in JSON_COLUMNS & row.keys():
                if isinstance(row[column], str):
                    row[column] = json.loads(row[column])
        return rows

    def _translate(self, error: Exception) -> Exception:
        number, text = self.twin.read_error(error)
        entry = by_mssql_number().get(number)
        if entry is None:
            return error
        message, details = self.twin.split_message(text)
        return ApiError(entry["code"], message, details)
