"""The database gateway: the only module of the API that talks to the database.

Blueprints call routines by name with keyword arguments; the gateway checks
the name against procs/manifest.txt, runs it in its own transaction, returns
rows as dicts, and turns the routines' errors into catalog errors.
"""

import json
import logging
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from api.errors import ApiError, by_sqlstate

log = logging.getLogger(__name__)

MANIFEST = Path(__file__).resolve().parent.parent / "procs" / "manifest.txt"


def _routine_names() -> frozenset[str]:
    lines = (line.strip() for line in MANIFEST.read_text().splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


class Database:
    def __init__(
        self, url: str, min_size: int = 1, max_size: int = 10, timeout: float = 5
    ):
        self.routines = _routine_names()
        self.pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            kwargs={"row_factory": dict_row, "autocommit": False},
            open=True,
            name="boxoffice",
            # A request waits this long for a connection, then gets a 503.
            timeout=timeout,
        )

    def close(self) -> None:
        self.pool.close()

    def call(self, routine: str, **params) -> list[dict]:
        """Run one routine and return all its rows."""
        if routine not in self.routines:
            raise ValueError(f"unknown routine {routine}")

        schema, name = routine.split(".")
        arguments = sql.SQL(", ").join(
            sql.SQL("{} => {}").format(sql.Identifier(f"p_{key}"), sql.Placeholder())
            for key in params
        )
        query = sql.SQL("select * from {}({})").format(
            sql.Identifier(schema, name), arguments
        )
        values = [
            Jsonb(v) if isinstance(v, (list, dict)) else v for v in params.values()
        ]

        try:
            with self.pool.connection() as conn:
                return conn.execute(query, values).fetchall()
        except psycopg.Error as error:
            raise _translate(error) from error

    def call_one(self, routine: str, **params) -> dict | None:
        rows = self.call(routine, **params)
        return rows[0] if rows else None


def _translate(error: psycopg.Error) -> Exception:
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
