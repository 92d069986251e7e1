"""Command line for running the box office: `python -m tools.manage COMMAND`.

Commands:
  run       start the database, migrate, seed once, serve the app (Ctrl-C stops)
  db-start  start the embedded database and deploy the schema
  db-stop   stop the embedded database
  migrate   apply migrations and re-create routines
  seed      load the seed data (once; --force reloads into an empty catalogue)
  psql      open psql on the app database

With DATABASE_URL set, an external PostgreSQL is used and never started or
stopped here.
"""

import argparse
import logging
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

from tools import migrate
from tools.embedded import BIN_DIR, EmbeddedServer

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
DB_NAME = "boxoffice"
DEFAULT_DB_PORT = 54329
APP_HOST = os.environ.get("BOXOFFICE_HOST", "127.0.0.1")
APP_PORT = int(os.environ.get("BOXOFFICE_PORT", "8000"))

log = logging.getLogger("boxoffice")

# Bookings keep synchronous commit: an acknowledged booking survives a crash.
# How long gunicorn keeps an idle HTTP connection open for the next request
# (its default is 2 s): a buyer clicking through a seat map reuses one
# connection instead of opening one per request.
KEEP_ALIVE_SECONDS = 30

SERVER_SETTINGS = {
    "max_connections": "200",
    "shared_buffers": "256MB",
    "synchronous_commit": "on",
    "fsync": "on",
}


def embedded_server() -> EmbeddedServer:
    port = int(os.environ.get("BOXOFFICE_DB_PORT", DEFAULT_DB_PORT))
    return EmbeddedServer(VAR / "pgdata", port, SERVER_SETTINGS)


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or embedded_server().url(DB_NAME)


def ensure_database(server: EmbeddedServer, name: str = DB_NAME) -> None:
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "select 1 from pg_database where datname = %s", (name,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
            log.info("created database %s", name)


def start_database() -> EmbeddedServer | None:
    """Start the embedded server unless DATABASE_URL points elsewhere."""
    if os.environ.get("DATABASE_URL"):
        return None

    server = embedded_server()
    server.start()
    ensure_database(server)
    return server


def secret_key_file() -> Path:
    path = VAR / "secret_key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path


def cmd_migrate(_args) -> None:
    start_database()
    applied = migrate.deploy(database_url())
    print(f"Database is up to date ({len(applied)} migrations applied now).")


def cmd_seed(args) -> None:
    from seed import load

    start_database()
    migrate.deploy(database_url())
    summary = load.load(database_url(), force=args.force)
    print(summary)
    if args.scale == "large":
        from seed import large

        print(large.load_large(database_url()))


def cmd_db_start(_args) -> None:
    server = start_database()
    migrate.deploy(database_url())
    where = database_url() if server is None else server.url(DB_NAME)
    print(f"Database ready at {where}")


def cmd_db_stop(_args) -> None:
    if os.environ.get("DATABASE_URL"):
        print("DATABASE_URL is set: the external database is left alone.")
        return
    embedded_server().stop()


def cmd_psql(_args) -> None:
    os.execv(str(BIN_DIR / "psql"), ["psql", database_url()])


def _stop_like_ctrl_c(_signum, _frame) -> None:
    raise KeyboardInterrupt


def cmd_run(args) -> None:
    from seed import load

    # Told to stop by a supervisor or `kill` (SIGTERM), stop as Ctrl-C does:
    # the app first, then the database, which would otherwise keep running.
    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    server = start_database()
    try:
        migrate.deploy(database_url())
        print(load.load(database_url(), force=False))

        env = dict(
            os.environ,
            DATABASE_URL=database_url(),
            BOXOFFICE_SECRET_KEY_FILE=str(secret_key_file()),
        )
        command = [
            sys.executable, "-m", "gunicorn",
            "--bind", f"{APP_HOST}:{APP_PORT}",
            "--workers", str(args.workers),
            "--worker-class", "api.serving.ThreadWorker",
            # Each open live seat map holds a thread for its event stream.
            "--threads", "32",
            "--graceful-timeout", "5",
            "--keep-alive", str(KEEP_ALIVE_SECONDS),
            "--access-logfile", "-",
            "--no-control-socket",
            "api:create_app()",
        ]  # fmt: skip
        print(
            f"\n  Curtain Call Box Office is running at http://{APP_HOST}:{APP_PORT}/\n"
            "  Demo login: demo / boxoffice-demo  (or register a new account)\n"
            "  Press Ctrl-C to stop the app and the database.\n",
            flush=True,
        )
        app = subprocess.Popen(command, cwd=ROOT, env=env)
        try:
            app.wait()
        except KeyboardInterrupt:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
    finally:
        if server is not None:
            server.stop()


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    parser = argparse.ArgumentParser(prog="python -m tools.manage")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="serve the app with seed data")
    run.add_argument("--workers", type=int, default=2)
    run.set_defaults(func=cmd_run)
    commands.add_parser("migrate").set_defaults(func=cmd_migrate)
    seed = commands.add_parser("seed")
    seed.add_argument("--force", action="store_true")
    seed.add_argument(
        "--scale",
        choices=("demo", "large"),
        default="demo",
        help="large adds about 50,000 performances, 100,000 users and "
        "1,000,000 booked seats",
    )
    seed.set_defaults(func=cmd_seed)
    commands.add_parser("db-start").set_defaults(func=cmd_db_start)
    commands.add_parser("db-stop").set_defaults(func=cmd_db_stop)
    commands.add_parser("psql").set_defaults(func=cmd_psql)

    args = parser.parse_args(argv)
    try:
        args.func(args)
    except migrate.MigrationError as error:
        sys.exit(f"error: {error}")


if __name__ == "__main__":
    main()
