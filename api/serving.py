"""The gunicorn worker the box office is served by.

gunicorn's threaded worker gives each request a thread from the moment its
first bytes arrive, and reads the rest with no time limit: a few dozen
clients that send half a request and stop would hold every thread, and the
site would stop answering anyone. This worker gives each request a deadline
for arriving whole (request line, headers and body), and gives up on a
client that stops reading its answer for too long. A client that misses
either is disconnected; nothing it asked for has run.

Run it with `gunicorn --worker-class api.serving.ThreadWorker`.
  BOXOFFICE_REQUEST_READ_SECONDS   how long a request may take to arrive
                                   once a thread takes it up (default 10)
"""

import os
import socket
import time
import weakref

from gunicorn.http.errors import NoMoreData
from gunicorn.workers import gthread

REQUEST_READ_SECONDS = float(os.environ.get("BOXOFFICE_REQUEST_READ_SECONDS", "10"))
# How long sending an answer may stall because the client reads nothing.
SEND_STALL_SECONDS = 30.0

# When the request a socket is reading must have arrived by. The sockets
# are gunicorn's, so the deadline cannot live on them.
_deadlines: "weakref.WeakKeyDictionary[socket.socket, float]" = (
    weakref.WeakKeyDictionary()
)


class _ClientSocket(socket.socket):
    """A client's socket whose reads end at the request's deadline."""

    __slots__ = ()

    def recv(self, *args):
        return self._read(super().recv, *args)

    def recv_into(self, *args):
        return self._read(super().recv_into, *args)

    def sendall(self, *args):
        self.settimeout(SEND_STALL_SECONDS)
        return super().sendall(*args)

    def _read(self, read, *args):
        # Running out of time reads as the client going away: gunicorn
        # closes the connection quietly.
        deadline = _deadlines.get(self)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise NoMoreData()
            self.settimeout(left)
        try:
            return read(*args)
        except TimeoutError:
            raise NoMoreData() from None


class ThreadWorker(gthread.ThreadWorker):
    """gunicorn's threaded worker, with a deadline for each request to arrive."""

    def handle(self, conn):
        # Plain TCP sockets only; TLS belongs to the proxy in front.
        if type(conn.sock) is socket.socket:
            conn.sock.__class__ = _ClientSocket
        if isinstance(conn.sock, _ClientSocket):
            _deadlines[conn.sock] = time.monotonic() + REQUEST_READ_SECONDS
        return super().handle(conn)
