"""The gunicorn worker the box office is served by.

gunicorn's threaded worker gives each request a thread from the moment its
first bytes arrive, and reads the rest with no time limit: a few dozen
clients that send half a request and stop would hold every thread, and the
site would stop answering anyone. This worker gives each request a deadline
for arriving whole (request line, headers and body), counted from its first
byte, and gives up on a client that stops reading its answer for too long.
Bytes that have arrived are always read, however late the app asks for
them; only a client still missing part of its request when the deadline
passes is disconnected, and nothing it asked for has run.

Requests gunicorn cannot read (an address or headers too long, a broken
request line) are answered by gunicorn itself, before the app sees them;
they get the same JSON errors as the app's instead of gunicorn's HTML page.

Run it with `gunicorn --worker-class api.serving.ThreadWorker`.
  BOXOFFICE_REQUEST_READ_SECONDS   how long a request may take to arrive,
                                   from its first byte (default 10)
"""

import errno
import os
import socket
import time
import weakref
from http import HTTPStatus

import orjson
from gunicorn import util
from gunicorn.http.errors import NoMoreData
from gunicorn.workers import base, gthread

from api import live
from api.errors import catalog

REQUEST_READ_SECONDS = float(os.environ.get("BOXOFFICE_REQUEST_READ_SECONDS", "10"))
# How long sending an answer may stall because the client reads nothing.
SEND_STALL_SECONDS = 30.0

# When the request a socket is reading must have arrived by, once its first
# byte has. The sockets are gunicorn's, so the deadline cannot live on them.
_deadlines: "weakref.WeakKeyDictionary[socket.socket, float]" = (
    weakref.WeakKeyDictionary()
)
# Sockets waiting for a request's first byte (an idle browser connection
# holds a thread so), and whether the worker is stopping: then they are let
# go at once instead of when their wait runs out.
_waiting: "weakref.WeakSet[socket.socket]" = weakref.WeakSet()
_stopping = False


def stop_waiting_for_requests() -> None:
    """Ends the waits for requests: those that never came, and those still
    arriving, whose app has not run (or reads a body that is not all here)."""
    global _stopping
    _stopping = True
    for sock in list(_waiting):
        try:
            sock.shutdown(socket.SHUT_RD)
        except OSError:
            pass  # already closed


# The error codes of the answers gunicorn gives itself, by HTTP status;
# other client errors, and a transfer coding it does not know (501), are
# malformed requests, other server errors internal ones.
_GUNICORN_ERRORS = {
    414: "url_too_long",
    431: "headers_too_large",
    501: "malformed_request",
}


def write_json_error(sock, status: int, reason: str, detail: str) -> None:
    """gunicorn's answer to a request it could not read, as a JSON error of
    the catalog. gunicorn has logged its own detail; it is not sent, and the
    reason phrase is the status's own (gunicorn says Bad Request for 501)."""
    code = _GUNICORN_ERRORS.get(
        status, "internal_error" if status >= 500 else "malformed_request"
    )
    message = catalog()[code]["message"]
    body = orjson.dumps({"error": {"code": code, "message": message}})
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = reason
    head = (
        f"HTTP/1.1 {status} {phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


# The worker calls gunicorn.util.write_error for these answers.
util.write_error = write_json_error


class _ClientSocket(socket.socket):
    """A client's socket whose reads end at the request's deadline."""

    __slots__ = ()

    def recv(self, *args):
        return self._read(super().recv, *args)

    def recv_into(self, *args):
        return self._read(super().recv_into, *args)

    def sendall(self, *args):
        self.settimeout(SEND_STALL_SECONDS)
        try:
            return super().sendall(*args)
        except TimeoutError:
            # Told apart from a fault of ours: gunicorn drops the client
            # quietly, as it does one that hung up.
            raise BrokenPipeError(errno.EPIPE, "the client stopped reading") from None

    # A body that stops arriving part way reaches the app short, which
    # answers 408 request_timeout (api/validation.py) before the connection
    # closes.
    def _read(self, read, *args):
        # Running out of time reads as the client going away: gunicorn
        # closes the connection quietly.
        deadline = _deadlines.get(self)
        # Known as waiting before _stopping is read: a worker told to stop
        # either finds this read among the waiting or has said so already.
        _waiting.add(self)
        if deadline is None:
            # The request's first read: its clock starts with its first byte.
            self.settimeout(REQUEST_READ_SECONDS)
            if _stopping:
                _waiting.discard(self)
                raise NoMoreData()
        else:
            # Past the deadline, or once the worker is stopping, only bytes
            # already here are read: a request still arriving is let go.
            left = 0.0 if _stopping else max(deadline - time.monotonic(), 0.0)
            self.settimeout(left)
        try:
            data = read(*args)
        except (TimeoutError, BlockingIOError):
            raise NoMoreData() from None
        finally:
            _waiting.discard(self)
        if deadline is None:
            _deadlines[self] = time.monotonic() + REQUEST_READ_SECONDS
        return data


class ThreadWorker(gthread.ThreadWorker):
    """gunicorn's threaded worker, with a deadline for each request to arrive,
    which, told to stop, ends its live streams and lets go of connections
    still waiting for a request: neither would finish by itself soon, and
    the worker would be killed once the graceful timeout ran out."""

    # Stopping sends a worker more than one signal (Ctrl-C reaches the whole
    # process group, and the master sends SIGQUIT as well). Handlers run in
    # the main thread, in the middle of whatever it was doing, a second one
    # inside the first: the first signal does the work, later ones find it
    # under way.
    _quitting = False
    _let_go_already = False

    def handle_exit(self, sig, frame):
        self._let_go()
        super().handle_exit(sig, frame)

    def handle_quit(self, sig, frame):
        if self._quitting:
            return
        self._quitting = True
        self._let_go()
        # gunicorn's threaded quit first shuts its thread pool down, which
        # takes the pool's lock; the main thread may be holding it (handing
        # a connection to the pool, or inside a first quit), and would wait
        # for itself for ever, to be killed at the graceful timeout. The
        # plain quit exits at once; leaving, Python lets the pool's threads
        # finish what they are doing, as that shutdown would have.
        base.Worker.handle_quit(self, sig, frame)

    def _let_go(self) -> None:
        if self._let_go_already:
            return
        self._let_go_already = True
        stop_waiting_for_requests()
        # Connections that sent nothing for a while wait in gunicorn's poller
        # (its pending connections, gunicorn 27); the main loop closes them.
        self.method_queue.defer(self._close_pending)
        # A signal may come before the app is loaded.
        if getattr(self, "wsgi", None) is not None:
            live.end_streams(self.wsgi)

    def handle(self, conn):
        # Plain TCP sockets only; TLS belongs to the proxy in front.
        if type(conn.sock) is socket.socket:
            conn.sock.__class__ = _ClientSocket
        if isinstance(conn.sock, _ClientSocket):
            # A new request: its deadline starts with its first byte.
            _deadlines.pop(conn.sock, None)
            if not conn.initialized:
                # A new connection: gunicorn first waits for it to send
                # anything; its first read ends the wait (_read).
                _waiting.add(conn.sock)
                if _stopping:
                    return False
        return super().handle(conn)

    def _close_pending(self) -> None:
        while self.pending_conns:
            conn = self.pending_conns.popleft()
            try:
                self.poller.unregister(conn.sock)
            except (OSError, KeyError, ValueError):
                pass  # not registered any more
            self.nr_conns -= 1
            conn.close()
