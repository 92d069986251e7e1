"""Clients that send half a request and stop must not take the site down:
each held a worker thread for as long as it kept the connection open, so a
few dozen of them left nobody else answered (api/serving.py)."""

import socket
import time

import requests

from tests.faults.conftest import start_api

# One worker of two threads: four stalled clients would take both threads
# twice over.
THREADS = 2
STALLED = 4
READ_SECONDS = 1


def stalled_client(base: str) -> socket.socket:
    """A connection that sends a request line and one header, then nothing."""
    host, port = base.removeprefix("http://").split(":")
    conn = socket.create_connection((host, int(port)), timeout=30)
    conn.sendall(b"GET /api/health HTTP/1.1\r\nHost: box-office\r\n")
    return conn


def test_clients_that_stop_halfway_through_a_request_do_not_block_others(
    database, tmp_path
):
    api = start_api(
        database,
        tmp_path,
        workers=1,
        threads=THREADS,
        env={"BOXOFFICE_REQUEST_READ_SECONDS": str(READ_SECONDS)},
    )
    stalled = []
    try:
        stalled = [stalled_client(api.base) for _ in range(STALLED)]
        # Let the worker take them up, so they hold its threads.
        time.sleep(0.5)

        answer = requests.get(f"{api.base}/api/health", timeout=15)

        assert answer.status_code == 200
        # The stalled clients were let go: the server closed their
        # connections without answering them.
        for conn in stalled:
            conn.settimeout(15)
            assert conn.recv(1024) == b""
    finally:
        for conn in stalled:
            conn.close()
        api.process.terminate()
        api.process.wait(timeout=30)


def test_a_request_that_arrives_slowly_but_in_time_is_answered(database, tmp_path):
    api = start_api(
        database,
        tmp_path,
        workers=1,
        threads=THREADS,
        env={"BOXOFFICE_REQUEST_READ_SECONDS": "5"},
    )
    try:
        host, port = api.base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=15) as conn:
            for part in (b"GET /api/health HTTP/1.1\r\n", b"Host: box-office\r\n"):
                conn.sendall(part)
                time.sleep(0.5)
            conn.sendall(b"Connection: close\r\n\r\n")
            answer = b""
            while chunk := conn.recv(4096):
                answer += chunk

        assert answer.startswith(b"HTTP/1.1 200")
        assert b'"status":"ok"' in answer
    finally:
        api.process.terminate()
        api.process.wait(timeout=30)
