"""Shared fixtures: a real PostgreSQL server for the whole run, a template
database holding the schema, the routines and a small known catalogue, and
fresh copies of it for tests that commit.
"""

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from seed import load
from tests import world as world_module
from tools import migrate
from tools.embedded import EmbeddedServer, free_port

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "boxoffice_test_template"


@pytest.fixture(scope="session")
def pg_server():
    # Each test run gets its own server, so runs side by side never collide.
    server = EmbeddedServer(
        ROOT / "var" / f"test-pgdata-{os.getpid()}",
        free_port(),
        # Test data is thrown away, so durability is not worth the wait here.
        {"fsync": "off", "max_connections": "300", "full_page_writes": "off"},
    )
    server.start()
    yield server
    server.destroy()


def _admin(server: EmbeddedServer) -> psycopg.Connection:
    return psycopg.connect(server.url("postgres"), autocommit=True)


def _drop(conn: psycopg.Connection, name: str) -> None:
    conn.execute(
        sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
    )


@pytest.fixture(scope="session")
def template(pg_server) -> world_module.World:
    """Builds the template database once; returns the ids of its catalogue."""
    with _admin(pg_server) as conn:
        _drop(conn, TEMPLATE)
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(TEMPLATE)))

    migrate.deploy(pg_server.url(TEMPLATE))
    with psycopg.connect(pg_server.url(TEMPLATE)) as conn:
        built = world_module.build(conn)
    return built


def clone(server: EmbeddedServer, prefix: str = "t") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _admin(server) as conn:
        conn.execute(
            sql.SQL("create database {} template {} strategy file_copy").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE)
            )
        )
    return name


def drop(server: EmbeddedServer, name: str) -> None:
    with _admin(server) as conn:
        _drop(conn, name)


@pytest.fixture
def fresh_db(pg_server, template):
    """The URL of a private copy of the template, for tests that commit."""
    name = clone(pg_server)
    yield pg_server.url(name)
    drop(pg_server, name)


@pytest.fixture(scope="session")
def shared_db(pg_server, template):
    """One copy of the template for tests that roll back everything they do."""
    name = clone(pg_server, "shared")
    yield pg_server.url(name)
    drop(pg_server, name)


@pytest.fixture
def world(template) -> world_module.World:
    return template


@pytest.fixture(scope="session")
def seeded_db(pg_server):
    name = f"e2e_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = pg_server.url(name)
    migrate.deploy(url)
    load.load(url)
    yield url
    drop(pg_server, name)
