"""Stopping the server ends its live streams and lets go of connections
waiting for a request, so the workers exit at once instead of being killed
when the graceful timeout runs out."""

import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from gunicorn.config import Config
from gunicorn.workers import gthread

from api import serving
from api.serving import ThreadWorker
from tests.faults.conftest import logged_in, start_api
from tools import manage


def time_to_stop(api, stop: signal.Signals) -> float:
    """Sends `stop` to gunicorn's master; the seconds until it has exited."""
    began = time.monotonic()
    api.process.send_signal(stop)
    api.process.wait(timeout=45)
    return time.monotonic() - began


def assert_stopped_at_once(api, took: float) -> None:
    log = api.log_file.read_text()
    # gunicorn's graceful timeout is 30 s here; a worker held by a stream,
    # an idle connection or a request still arriving would be killed only
    # then. Connections kept alive after a request linger for 2 s, and on a
    # busy machine the master takes a few more to notice its worker is
    # gone: anything well short of the timeout is an exit at once.
    assert took < 15, log
    assert "SIGKILL" not in log


# Idle connections wait in a thread for their first byte, then (after five
# seconds, gunicorn 27) in gunicorn's poller.
@pytest.mark.parametrize("idle_for", [0.5, 6])
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_ends_open_streams_and_the_workers_exit(
    database, tmp_path, stop, idle_for
):
    # Idle connections are kept as long as `make run` keeps them.
    api = start_api(
        database,
        tmp_path,
        workers=1,
        threads=4,
        options=("--keep-alive", str(manage.KEEP_ALIVE_SECONDS)),
    )
    try:
        session = logged_in(api, "alice")
        stream = session.get(f"{api.base}/api/events", stream=True, timeout=30)
        assert stream.status_code == 200
        received = []
        reader = threading.Thread(
            target=lambda: received.extend(stream.iter_content(chunk_size=None))
        )
        reader.start()
        # Connections a browser opens ahead of need: each holds a thread
        # waiting for a first byte that does not come.
        host, port = api.base.removeprefix("http://").split(":")
        idle = [socket.create_connection((host, int(port))) for _ in range(3)]
        time.sleep(idle_for)

        took = time_to_stop(api, stop)
        reader.join(timeout=10)
        for conn in idle:
            conn.close()
    finally:
        if api.process.poll() is None:
            api.process.kill()
            api.process.wait()

    assert_stopped_at_once(api, took)
    assert not reader.is_alive()
    assert b"event: hello" in b"".join(received)


def test_a_stop_signal_while_the_thread_pool_is_locked_does_not_hang_the_worker():
    """Ctrl-C may arrive while the worker's main thread holds its thread
    pool's lock (handing it a connection, or inside a first stop signal);
    the handler runs in that same thread, and used to wait for the lock for
    ever, until the worker was killed at the graceful timeout."""
    worker = ThreadWorker.__new__(ThreadWorker)  # only its stopping is used
    worker.cfg = Config()
    worker.alive = True
    worker.method_queue = gthread.PollableMethodQueue()
    worker.method_queue.init()
    worker.tpool = ThreadPoolExecutor(max_workers=1)
    exited = []

    def stop() -> None:
        with worker.tpool._shutdown_lock:
            try:
                worker.handle_quit(signal.SIGINT, None)
            except SystemExit as exit:
                exited.append(exit.code)

    stopping = threading.Thread(target=stop, daemon=True)
    try:
        stopping.start()
        stopping.join(timeout=10)

        assert not stopping.is_alive(), "the stop signal waited for ever"
        assert exited == [0]
    finally:
        serving._stopping = False
        worker.method_queue.close()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_lets_go_of_a_request_still_arriving(database, tmp_path, stop):
    # A request has a minute to arrive here: far longer than the graceful
    # timeout (30 s), so a worker waiting for its end would be killed.
    api = start_api(
        database, tmp_path, workers=1, env={"BOXOFFICE_REQUEST_READ_SECONDS": "60"}
    )
    host, port = api.base.removeprefix("http://").split(":")
    try:
        arriving = socket.create_connection((host, int(port)))
        arriving.sendall(b"GET /api/health HTTP/1.1\r\n")
        time.sleep(1.5)

        took = time_to_stop(api, stop)
        arriving.close()
    finally:
        if api.process.poll() is None:
            api.process.kill()
            api.process.wait()

    assert_stopped_at_once(api, took)
