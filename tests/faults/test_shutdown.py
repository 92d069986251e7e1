"""Stopping the server ends its live streams, so the workers exit at once
instead of being killed when the graceful timeout runs out."""

import signal
import threading
import time

import pytest

from tests.faults.conftest import logged_in, start_api


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_ends_open_streams_and_the_workers_exit(database, tmp_path, stop):
    api = start_api(database, tmp_path, workers=1, threads=4)
    try:
        session = logged_in(api, "alice")
        stream = session.get(f"{api.base}/api/events", stream=True, timeout=30)
        assert stream.status_code == 200
        received = []
        reader = threading.Thread(
            target=lambda: received.extend(stream.iter_content(chunk_size=None))
        )
        reader.start()
        time.sleep(0.5)

        began = time.monotonic()
        api.process.send_signal(stop)
        api.process.wait(timeout=30)
        took = time.monotonic() - began
        reader.join(timeout=10)
    finally:
        if api.process.poll() is None:
            api.process.kill()
            api.process.wait()

    log = api.log_file.read_text()
    # gunicorn's graceful timeout is 30 s here; a worker held by its stream
    # would be killed only then.
    assert took < 5, log
    assert "SIGKILL" not in log
    assert not reader.is_alive()
    assert b"event: hello" in b"".join(received)
