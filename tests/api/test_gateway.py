"""The database gateway's connections when the database lets go of them."""

import time

import psycopg

from api.db import Database, DatabaseUnavailable


def _end_other_connections(url: str) -> int:
    """Ends every connection to the database but this one, as a database
    restart would."""
    with psycopg.connect(url, autocommit=True) as admin:
        return len(
            admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity "
                "where datname = current_database() and pid <> pg_backend_pid()"
            ).fetchall()
        )


def test_one_lost_connection_has_the_pool_replace_its_dead_siblings(fresh_db):
    database = Database(fresh_db, min_size=6, max_size=6)
    try:
        pool = database.engine.pool
        pool.wait(timeout=10)
        assert _end_other_connections(fresh_db) >= 6

        failures = 0
        for _ in range(6):
            try:
                database.call("catalog.list_genres")
            except DatabaseUnavailable:
                failures += 1
            # A request a quarter of a second after the last, as a quiet
            # site would see them.
            time.sleep(0.25)
    finally:
        database.close()

    # The first request finds its connection gone; the rest get new ones.
    assert failures == 1
