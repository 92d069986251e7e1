"""The migration runner: order, journal, checksums, routine re-creation."""

import shutil

import psycopg
import pytest

from tests.conftest import clone, drop
from tools import migrate


@pytest.fixture
def empty_db(pg_server):
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        conn.execute("create database migrate_test")
    yield pg_server.url("migrate_test")
    drop(pg_server, "migrate_test")


def test_a_new_database_gets_every_migration_once(empty_db):
    first = migrate.deploy(empty_db)
    second = migrate.deploy(empty_db)

    assert first == [m.name for m in migrate.read_migrations()]
    assert second == []
    with psycopg.connect(empty_db) as conn:
        recorded = conn.execute(
            "select name, checksum from meta.schema_migrations order by version"
        ).fetchall()
    assert recorded == [(m.name, m.checksum) for m in migrate.read_migrations()]


def test_a_changed_applied_migration_is_refused(empty_db, tmp_path):
    migrate.deploy(empty_db)
    changed = tmp_path / "postgres"
    shutil.copytree(migrate.MIGRATIONS_DIR, changed)
    first = sorted(changed.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- an edit after the fact\n")

    with pytest.raises(migrate.MigrationError, match="changed after it was applied"):
        migrate.deploy(empty_db, changed)


def test_a_failing_migration_leaves_nothing_behind(empty_db, tmp_path):
    broken = tmp_path / "postgres"
    shutil.copytree(migrate.MIGRATIONS_DIR, broken)
    (broken / "9999_broken.sql").write_text(
        "create table account.half_done (id int);\nselect 1/0;\n"
    )

    with pytest.raises(psycopg.errors.DivisionByZero):
        migrate.deploy(empty_db, broken)

    with psycopg.connect(empty_db) as conn:
        table = conn.execute("select to_regclass('account.half_done')").fetchone()[0]
        versions = conn.execute("select version from meta.schema_migrations").fetchall()
    assert table is None
    assert (9999,) not in versions


def test_every_routine_file_is_in_the_manifest_and_created(pg_server, template):
    name = clone(pg_server)
    try:
        with psycopg.connect(pg_server.url(name)) as conn:
            found = {
                f"{schema}.{routine}"
                for schema, routine in conn.execute(
                    "select n.nspname, p.proname from pg_proc p "
                    "join pg_namespace n on n.oid = p.pronamespace "
                    "where n.nspname in ('account', 'catalog', 'booking', 'report') "
                    "union select schemaname, viewname from pg_views "
                    "where schemaname in ('account', 'catalog', 'booking', 'report')"
                )
            }
    finally:
        drop(pg_server, name)

    assert found == set(migrate.read_manifest())
    files = {p.stem for p in migrate.PROCS_DIR.glob("*.sql")}
    assert files == set(migrate.read_manifest())


def test_venue_cities_stored_with_spaces_around_them_are_trimmed(empty_db, tmp_path):
    before = tmp_path / "postgres"
    before.mkdir()
    for migration in sorted(migrate.MIGRATIONS_DIR.glob("*.sql")):
        if migration.name < "0021":
            shutil.copy(migration, before)
    migrate.deploy(empty_db, before)
    with psycopg.connect(empty_db) as conn:
        conn.execute(
            "insert into catalog.venues (name, city, address, time_zone, currency) "
            "values ('Spaced Hall', '  Vienna ', '1 Stage Street', 'Europe/Vienna', "
            "'EUR'), ('Plain Hall', 'Graz', '2 Stage Street', 'Europe/Vienna', 'EUR'), "
            "('Tabbed Hall', %s, '3 Stage Street', 'Europe/Vienna', 'EUR'), "
            "('Blank Hall', '   ', '4 Stage Street', 'Europe/Vienna', 'EUR')",
            ("\t\u00a0Linz\u3000\r\n",),
        )

    migrate.deploy(empty_db)

    with psycopg.connect(empty_db) as conn:
        cities = conn.execute(
            "select name, city from catalog.venues order by name"
        ).fetchall()
    assert cities == [
        ("Blank Hall", ""),
        ("Plain Hall", "Graz"),
        ("Spaced Hall", "Vienna"),
        ("Tabbed Hall", "Linz"),
    ]
