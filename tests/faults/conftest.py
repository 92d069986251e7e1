"""A database server and a gunicorn of their own for the fault tests, so
killing them harms no other test. The server keeps the durability settings
of production (fsync, synchronous commit)."""

import ctypes
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import requests

from tests import world as world_module
from tests.conftest import ROOT
from tools import migrate
from tools.embedded import EmbeddedServer, free_port

PR_SET_CHILD_SUBREAPER = 36

# Extra seats in the test hall, so that many group bookings fit.
GALLERY_ROWS = "ABCDEFGHIJ"
GALLERY_SEATS_PER_ROW = 20


class Database:
    """The dedicated server, which the tests may kill and restart."""

    def __init__(self, server: EmbeddedServer, url: str):
        self.server = server
        self.url = url

    def postmaster_pid(self) -> int:
        pid_file = self.server.data_dir / "postmaster.pid"
        return int(pid_file.read_text().splitlines()[0])

    def crash(self) -> None:
        """SIGKILL the postmaster, the way a power cut or the OOM killer would."""
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGKILL)
        # This process adopted the postmaster (see _adopt_orphans); reaping
        # it lets pg_ctl see that it is gone.
        os.waitpid(pid, 0)

    def restart(self) -> None:
        # Backends of the killed postmaster notice its death and exit; until
        # then the new one refuses to start on their shared memory.
        deadline = time.monotonic() + 60
        while True:
            try:
                self.server.start()
                break
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        _wait_for_database(self.url)


def _wait_for_database(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                conn.execute("select 1")
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _adopt_orphans(adopt: bool) -> None:
    """Makes this process the parent of orphaned descendants, such as the
    postmaster once pg_ctl has exited, so that a killed one can be reaped;
    otherwise it stays a zombie and pg_ctl takes it for a running server."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, int(adopt), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


@pytest.fixture
def database() -> Database:
    # Under var/ like the shared test server: the server's own system user
    # cannot enter pytest's private temporary folders.
    server = EmbeddedServer(
        ROOT / "var" / f"faults-pgdata-{uuid.uuid4().hex[:10]}",
        free_port(),
        {"fsync": "on", "synchronous_commit": "on", "max_connections": "60"},
    )
    _adopt_orphans(True)
    server.start()
    database = Database(server, server.url("faults"))
    try:
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            conn.execute("create database faults")
        url = server.url("faults")
        migrate.deploy(url)
        with psycopg.connect(url) as conn:
            world = world_module.build(conn)
            _add_gallery(conn, world)
        database.world = world
        yield database
    finally:
        pid = database.postmaster_pid() if server.is_running() else None
        server.destroy()
        if pid:
            _reap(pid)
        _adopt_orphans(False)


def _add_gallery(conn: psycopg.Connection, world) -> None:
    venue = world.venues["Test Hall"]
    section = conn.execute(
        "insert into catalog.sections (venue_id, name, sort_order)"
        " values (%s, 'Gallery', 3) returning section_id",
        (venue,),
    ).fetchone()[0]
    for row_index, row in enumerate(GALLERY_ROWS):
        for number in range(1, GALLERY_SEATS_PER_ROW + 1):
            world.seats[("Test Hall", "Gallery", row, number)] = conn.execute(
                "insert into catalog.seats (venue_id, section_id, row_label,"
                " seat_number, x, y, is_accessible, is_companion)"
                " values (%s, %s, %s, %s, %s, %s, false, false) returning seat_id",
                (venue, section, row, number, number - 10, 20 + row_index),
            ).fetchone()[0]
    conn.execute(
        "insert into catalog.performance_prices (performance_id, section_id,"
        " price_cents) select p.performance_id, %s, 1500 from catalog.performances p"
        " where p.venue_id = %s",
        (section, venue),
    )


class Api:
    def __init__(self, process: subprocess.Popen, base: str, log_file: Path):
        self.process = process
        self.base = base
        self.log_file = log_file

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


def start_api(
    database: Database,
    tmp_path: Path,
    workers: int = 2,
    threads: int = 6,
    env: dict[str, str] | None = None,
    options: tuple[str, ...] = (),
) -> Api:
    port = free_port()
    log_file = tmp_path / f"gunicorn-{port}.log"
    env = dict(
        os.environ,
        DATABASE_URL=database.url,
        BOXOFFICE_SECRET_KEY=uuid.uuid4().hex,
        BOXOFFICE_DB_POOL_SIZE="6",
        **(env or {}),
    )
    command = [
        sys.executable, "-m", "gunicorn",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "api.serving.ThreadWorker",
        "--threads", str(threads),
        "--no-control-socket",
        *options,
        "api:create_app()",
    ]  # fmt: skip
    with log_file.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    api = Api(process, f"http://127.0.0.1:{port}", log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_file.read_text())
        try:
            if requests.get(f"{api.base}/api/health", timeout=1).status_code == 200:
                return api
        except requests.RequestException:
            pass  # still starting
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer:\n" + log_file.read_text())


@pytest.fixture
def api(database, tmp_path):
    api = start_api(database, tmp_path)
    yield api
    api.process.terminate()
    api.process.wait(timeout=30)


def logged_in(api: Api, username: str) -> requests.Session:
    session = requests.Session()
    deadline = time.monotonic() + 30
    while True:
        response = session.post(
            f"{api.base}/api/auth/login",
            json={"login": username, "password": world_module.PASSWORD},
            timeout=10,
        )
        if response.status_code == 200:
            return session
        # Right after a database restart a worker may answer 503 once or twice.
        assert response.status_code == 503 and time.monotonic() < deadline, (
            response.status_code,
            response.text,
        )
        time.sleep(0.3)
