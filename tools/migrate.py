"""Apply schema migrations and re-create routines on a PostgreSQL database.

Migrations are the numbered files in sql/postgres, applied in order, each in
its own transaction, and recorded with a checksum. A migration that changed
after it was applied is refused: fix forward with a new file instead.
Views and routines (procs/postgres, in procs/manifest.txt order) are dropped
and created again in one transaction on every deploy.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = ROOT / "sql" / "postgres"
PROCS_DIR = ROOT / "procs" / "postgres"
MANIFEST = ROOT / "procs" / "manifest.txt"

# Schemas whose views and routines belong to procs/ and are re-created.
ROUTINE_SCHEMAS = ("account", "catalog", "booking", "report")

# Any fixed number: keeps two deployers from migrating at the same time.
DEPLOY_LOCK = 7_311_001

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    text: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def read_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(
                f"{path.name}: migration files are named NNNN_words.sql"
            )
        migrations.append(Migration(int(match[1]), path.name, path.read_text()))

    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError("two migration files share a number")

    return migrations


def read_manifest(manifest: Path = MANIFEST) -> list[str]:
    names = []
    for line in manifest.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line)
    return names


def deploy(conninfo: str, migrations_dir: Path = MIGRATIONS_DIR) -> list[str]:
    """Bring the database up to date; returns the migrations applied now."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (DEPLOY_LOCK,))
        try:
            applied = apply_migrations(conn, read_migrations(migrations_dir))
            create_routines(conn)
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (DEPLOY_LOCK,))
    return applied


def apply_migrations(
    conn: psycopg.Connection, migrations: list[Migration]
) -> list[str]:
    conn.execute("create schema if not exists meta")
    conn.execute(
        """
        create table if not exists meta.schema_migrations (
            version integer primary key,
            name text not null,
            checksum text not null,
            applied_at timestamptz not null default now()
        )
        """
    )
    recorded = {
        version: (name, checksum)
        for version, name, checksum in conn.execute(
            "select version, name, checksum from meta.schema_migrations"
        )
    }

    for migration in migrations:
        if migration.version in recorded:
            name, checksum = recorded[migration.version]
            if checksum != migration.checksum or name != migration.name:
                raise MigrationError(
                    f"Migration {migration.name} was changed after it was applied "
                    f"(recorded as {name}). Applied migrations are never edited: "
                    "undo the change and add a new migration instead."
                )

    applied = []
    for migration in migrations:
        if migration.version in recorded:
            continue

        with conn.transaction():
            conn.execute(migration.text)
            conn.execute(
                "insert into meta.schema_migrations (version, name, checksum) "
                "values (%s, %s, %s)",
                (migration.version, migration.name, migration.checksum),
            )
        log.info("applied migration %s", migration.name)
        applied.append(migration.name)

    return applied


def create_routines(conn: psycopg.Connection, procs_dir: Path = PROCS_DIR) -> None:
    names = read_manifest()
    files = {path.stem for path in procs_dir.glob("*.sql")}
    missing = [name for name in names if name not in files]
    unlisted = sorted(files - set(names))
    if missing or unlisted:
        raise MigrationError(
            f"procs/manifest.txt and {procs_dir.name}/ disagree: "
            f"missing files {missing}, unlisted files {unlisted}"
        )

    with conn.transaction():
        _drop_routines(conn)
        for name in names:
            conn.execute((procs_dir / f"{name}.sql").read_text())
    log.info("created %d views and routines", len(names))


def _drop_routines(conn: psycopg.Connection) -> None:
    views = conn.execute(
        """
        select n.nspname, c.relname
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('v', 'm') and n.nspname = any(%s)
        """,
        (list(ROUTINE_SCHEMAS),),
    ).fetchall()
    for schema, name in views:
        conn.execute(
            sql.SQL("drop view if exists {} cascade").format(
                sql.Identifier(schema, name)
            )
        )

    routines = conn.execute(
        """
        select p.oid::regprocedure::text, p.prokind
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = any(%s)
        """,
        (list(ROUTINE_SCHEMAS),),
    ).fetchall()
    for signature, kind in routines:
        keyword = "procedure" if kind == "p" else "function"
        conn.execute(sql.SQL(f"drop {keyword} if exists {signature} cascade"))
