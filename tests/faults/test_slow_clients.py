"""Clients that send half a request and stop must not take the site down:
each held a worker thread for as long as it kept the connection open, so a
few dozen of them left nobody else answered (api/serving.py)."""

import socket
import threading
import time

import psycopg
import pytest
import requests

from tests.faults.conftest import logged_in, start_api

# One worker of two threads: four stalled clients would take both threads
# twice over.
THREADS = 2
STALLED = 4
READ_SECONDS = 1


@pytest.fixture
def serve(database, tmp_path):
    """Starts the app with a given request deadline; stops it afterwards."""
    started = []

    def start(read_seconds: float = READ_SECONDS):
        api = start_api(
            database,
            tmp_path,
            workers=1,
            threads=THREADS,
            env={"BOXOFFICE_REQUEST_READ_SECONDS": str(read_seconds)},
        )
        started.append(api)
        return api

    yield start
    for api in started:
        api.process.terminate()
        api.process.wait(timeout=30)


def connect(base: str, timeout: float = 15) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def read_answer(conn: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    answer = b""
    while chunk := conn.recv(4096):
        answer += chunk
    return answer


def test_clients_that_stop_halfway_through_a_request_do_not_block_others(serve):
    api = serve()
    stalled = []
    try:
        for _ in range(STALLED):
            # A request line and one header, then nothing.
            stalled.append(connect(api.base, timeout=30))
            stalled[-1].sendall(b"GET /api/health HTTP/1.1\r\nHost: box-office\r\n")
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


def test_a_request_that_arrives_slowly_but_in_time_is_answered(serve):
    api = serve(read_seconds=5)
    with connect(api.base) as conn:
        for part in (b"GET /api/health HTTP/1.1\r\n", b"Host: box-office\r\n"):
            conn.sendall(part)
            time.sleep(0.5)
        conn.sendall(b"Connection: close\r\n\r\n")
        answer = read_answer(conn)

    assert answer.startswith(b"HTTP/1.1 200")
    assert b'"status":"ok"' in answer


def test_the_time_to_arrive_counts_from_the_first_byte(serve):
    # A browser opens connections before it needs them: one that sits idle
    # longer than the deadline and then sends a whole request is answered.
    api = serve()
    with connect(api.base) as conn:
        time.sleep(READ_SECONDS + 1)
        conn.sendall(b"GET /api/health HTTP/1.1\r\n")
        time.sleep(READ_SECONDS / 2)
        conn.sendall(b"Host: box-office\r\nConnection: close\r\n\r\n")
        answer = read_answer(conn)

    assert answer.startswith(b"HTTP/1.1 200")


def test_a_body_cut_short_by_the_deadline_is_a_timeout(serve, database):
    api = serve()
    body = b'{"username": "latecomer", "email": "late@example.com", '
    head = (
        "POST /api/auth/register HTTP/1.1\r\nHost: box-office\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body) + 60}\r\n\r\n"
    ).encode()
    with connect(api.base) as conn:
        # Part of the body, then nothing until the deadline has passed.
        conn.sendall(head + body)
        answer = read_answer(conn)

    assert answer.startswith(b"HTTP/1.1 408")
    assert b'"code":"request_timeout"' in answer
    with psycopg.connect(database.url) as conn:
        registered = conn.execute(
            "select count(*) from account.users where username = 'latecomer'"
        ).fetchone()[0]
    assert registered == 0


def test_a_body_that_arrived_in_time_is_read_however_late_the_app_asks(serve, database):
    # The app reads a booking's body only after it has found the session;
    # a slow database then must not turn a whole request into a bad one.
    api = serve()
    cookie = "; ".join(
        f"{name}={value}" for name, value in logged_in(api, "alice").cookies.items()
    )
    body = b'{"performance_id": 999999999, "seat_ids": [1]}'
    head = (
        "POST /api/bookings HTTP/1.1\r\nHost: box-office\r\n"
        "Content-Type: application/json\r\nConnection: close\r\n"
        f"Cookie: {cookie}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    locked = threading.Event()

    def hold_sessions_table():
        with psycopg.connect(database.url) as conn:
            conn.execute("lock table account.sessions in access exclusive mode")
            locked.set()
            time.sleep(READ_SECONDS + 1.5)

    holder = threading.Thread(target=hold_sessions_table)
    holder.start()
    assert locked.wait(10)
    with connect(api.base, timeout=30) as conn:
        # The body comes just after the headers, in time, but the app asks
        # for it only once the session table is free again.
        conn.sendall(head)
        time.sleep(0.3)
        conn.sendall(body)
        answer = read_answer(conn)
    holder.join()

    assert answer.startswith(b"HTTP/1.1 404"), answer
    assert b"performance_not_found" in answer
