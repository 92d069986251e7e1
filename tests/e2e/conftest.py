"""The real app, served by gunicorn over HTTP, on a database loaded with the
full seed data, for the browser journey and the HTTP race."""

import os
import subprocess
import sys
import time
import uuid

import pytest
import requests

from tests.conftest import ROOT
from tools.embedded import free_port


@pytest.fixture(scope="session")
def live_server(seeded_db, tmp_path_factory):
    port = free_port()
    log_file = tmp_path_factory.mktemp("server") / "gunicorn.log"
    env = dict(
        os.environ,
        DATABASE_URL=seeded_db,
        BOXOFFICE_SECRET_KEY=uuid.uuid4().hex,
        BOXOFFICE_DB_POOL_SIZE="20",
    )
    command = [
        sys.executable, "-m", "gunicorn",
        "--bind", f"127.0.0.1:{port}",
        "--workers", "2",
        "--worker-class", "api.serving.ThreadWorker",
        # Live seat maps hold a thread each for their event stream.
        "--threads", "32",
        "--graceful-timeout", "5",
        "--no-control-socket",
        "api:create_app()",
    ]  # fmt: skip
    with log_file.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, log_file)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen, log_file) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + log_file.read_text())
        try:
            if requests.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        # A worker still booting accepts the connection but answers late.
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise RuntimeError(
        "gunicorn did not answer within a minute:\n" + log_file.read_text()
    )
