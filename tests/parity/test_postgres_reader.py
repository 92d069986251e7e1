"""The parity checks read PostgreSQL from its files; this holds those
readings against the catalog of a real server, so that the checks compare
what PostgreSQL really has."""

import psycopg
import pytest

from tests.parity import twins
from tools import deploy_order

SCHEMAS = ["account", "catalog", "booking", "report"]


@pytest.fixture(scope="module")
def catalog(shared_db):
    with psycopg.connect(shared_db) as conn:
        yield conn


def test_the_table_reader_finds_every_column_key_and_index(catalog):
    schema = twins.read_schema(
        twins._migration_texts("postgres", twins.ROOT), "postgres"
    )
    columns = catalog.execute(
        "select table_schema || '.' || table_name, column_name, is_nullable = 'YES' "
        "from information_schema.columns c "
        "join information_schema.tables t using (table_schema, table_name) "
        "where table_schema = any(%s) and t.table_type = 'BASE TABLE' "
        "order by 1, ordinal_position",
        (SCHEMAS,),
    ).fetchall()
    constraints = catalog.execute(
        "select n.nspname || '.' || r.relname, c.conname, c.contype "
        "from pg_constraint c join pg_class r on r.oid = c.conrelid "
        "join pg_namespace n on n.oid = r.relnamespace where n.nspname = any(%s)",
        (SCHEMAS,),
    ).fetchall()
    indexes = catalog.execute(
        "select indexname from pg_indexes where schemaname = any(%s)", (SCHEMAS,)
    ).fetchall()

    live = {}
    for table, column, nullable in columns:
        live.setdefault(table, []).append((column, nullable))
    read = {
        name: [(column, spec[1]) for column, spec in table.columns.items()]
        for name, table in schema.tables.items()
    }
    assert read == live

    for table, name, kind in constraints:
        found = schema.tables[table]
        if kind == "f":
            assert name in found.foreign_keys
        elif kind == "u":
            assert name in found.uniques
        elif kind == "c":
            assert name in found.checks

    keys = {f"{t.split('.')[1]}_pkey" for t in schema.tables}
    uniques = {u for t in schema.tables.values() for u in t.uniques}
    assert {name for (name,) in indexes} == set(schema.indexes) | keys | uniques


def test_the_routine_reader_finds_every_parameter_and_result_column(catalog):
    views: dict[str, list[str]] = {}
    for name in deploy_order.read_manifest():
        text = (twins.ROOT / "procs" / "postgres" / f"{name}.sql").read_text()
        routine = twins.read_pg_routine(text, views)
        if routine.kind == "view":
            views[name] = routine.columns
            live = catalog.execute(
                "select column_name from information_schema.columns "
                "where table_schema || '.' || table_name = %s "
                "order by ordinal_position",
                (name,),
            ).fetchall()
            assert routine.columns == [c for (c,) in live], name
            continue

        arguments, modes, result_type = catalog.execute(
            "select p.proargnames, p.proargmodes, p.prorettype::regtype::text "
            "from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
            "where n.nspname || '.' || p.proname = %s",
            (name,),
        ).fetchone()
        arguments = arguments or []
        modes = modes or ["i"] * len(arguments)
        inputs = [a for a, m in zip(arguments, modes, strict=True) if m in ("i", "b")]
        outputs = [a for a, m in zip(arguments, modes, strict=True) if m in ("t", "o")]

        assert [p for p, _ in routine.parameters] == inputs, name
        expected = [] if result_type == "void" else outputs or views[result_type]
        assert routine.columns == expected, name
