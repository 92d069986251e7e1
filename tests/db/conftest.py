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
