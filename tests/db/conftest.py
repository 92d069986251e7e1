import json
import threading
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

CATALOG = json.loads(
    (Path(__file__).resolve().parents[2] / "sql" / "errors.json").read_text()
)
SQLSTATE = {e["code"]: e["sqlstate"] for e in CATALOG["errors"]}


@pytest.fixture
def conn(shared_db):
    """A connection whose whole test runs in one transaction, rolled back."""
    with psycopg.connect(shared_db, row_factory=dict_row) as connection:
        yield connection
        connection.rollback()


def call(conn, routine: str, **params) -> list[dict]:
    schema, name = routine.split(".")
    arguments = sql.SQL(", ").join(
        sql.SQL("{} => {}").format(sql.Identifier(f"p_{key}"), sql.Placeholder())
        for key in params
    )
    query = sql.SQL("select * from {}({})").format(
        sql.Identifier(schema, name), arguments
    )
    values = [Jsonb(v) if isinstance(v, list | dict) else v for v in params.values()]
    return conn.execute(query, values).fetchall()


@contextmanager
def raises(conn, code: str):
    """Expects the routine inside to raise the catalog error `code`; the
    transaction goes on afterwards, as if the failed call never happened."""
    with pytest.raises(psycopg.Error) as caught:
        with conn.transaction():
            yield caught
    assert caught.value.sqlstate == SQLSTATE[code], caught.value


def waits_for_commit(first: psycopg.Connection, second) -> bool:
    """Runs `second` in a thread while `first`, a connection in an open
    transaction, holds its locks; commits `first` after a second, then lets
    `second` finish. Returns whether `second` was still waiting at the commit."""
    thread = threading.Thread(target=second)
    thread.start()
    thread.join(timeout=1)
    waited = thread.is_alive()
    first.commit()
    first.close()
    thread.join(timeout=10)
    return waited


def assert_kept_as_recounted(conn, kept: str, recounted: str) -> None:
    """What triggers kept (the rows of `kept`) equals the same worked out
    from the tables they are kept from (the rows of `recounted`)."""
    assert [tuple(r.values()) for r in conn.execute(kept)] == [
        tuple(r.values()) for r in conn.execute(recounted)
    ]


def connections(fresh_db: str, count: int) -> list[psycopg.Connection]:
    """Connections on different shards of the performances' change version
    (booking.record_change: server process id modulo 16), so that they do
    not wait for one another there."""
    chosen, spare, shards = [], [], set()
    while len(chosen) < count:
        conn = psycopg.connect(fresh_db, row_factory=dict_row, autocommit=True)
        shard = conn.execute("select pg_backend_pid() % 16 as s").fetchone()["s"]
        (spare if shard in shards else chosen).append(conn)
        shards.add(shard)
    for conn in spare:
        conn.close()
    for conn in chosen:
        conn.execute("set lock_timeout = '2s'")
    return chosen


def alongside(fresh_db: str, first_change, second_change) -> list:
    """Runs first_change in a transaction left open, second_change meanwhile
    in another (waiting if it must), then commits both; returns what each
    returned."""
    first, second = connections(fresh_db, 2)
    first.autocommit = second.autocommit = False
    results = [None, None]
    outcome = []

    def second_transaction() -> None:
        try:
            results[1] = second_change(second)
            second.commit()
            outcome.append("committed")
        except psycopg.Error as error:
            outcome.append(error)

    try:
        results[0] = first_change(first)
        waits_for_commit(first, second_transaction)
        assert outcome == ["committed"]
        return results
    finally:
        first.close()
        second.close()
