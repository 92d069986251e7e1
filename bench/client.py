"""A lean HTTP/1.1 client for the benchmark's buyers and visitors.

The load generator runs on the same two cores as the app and the database,
so every millisecond it spends is one the product does not get. A general
client such as aiohttp builds request and response objects, a cookie jar
matched against every URL, timers and traces for each request: 0.3 to 0.8
ms of CPU each here. The buyers need much less: one kept-open connection
each, as a browser keeps one, requests written as bytes, and answers read
by their Content-Length. This client does that and no more; anything it
does not expect (an answer without a length, a broken status line) is an
error, never guessed at.
"""

import asyncio
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import orjson

ANSWER_SECONDS = 60


class HttpError(Exception):
    """An answer this client cannot read."""


class _ClosedBeforeAnswering(Exception):
    """The connection ended before any of an answer arrived."""


class Answer:
    __slots__ = ("status", "body", "headers")

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return orjson.loads(self.body)


class Client:
    """One visitor: a kept-open connection (opened again if the app closed
    it between requests) and the cookies the app has set."""

    def __init__(self, host: str, port: int):
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._fixed = f"Host: {host}:{port}\r\n".encode()
        self._cookie_line = b""

    @classmethod
    def to(cls, base: str) -> "Client":
        """A client of the app at base, such as http://127.0.0.1:8000."""
        split = urlsplit(base)
        if split.scheme != "http" or not split.hostname or not split.port:
            raise ValueError(f"not an http://host:port address: {base}")
        return cls(split.hostname, split.port)

    def sharing_cookies(self) -> "Client":
        """A client on a connection of its own with this one's cookies, as
        a browser's second connection to the same site."""
        other = Client(self.host, self.port)
        other.cookies = dict(self.cookies)
        other._cookie_line = self._cookie_line
        return other

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
            self._reader = self._writer = None

    async def get(self, path: str) -> Answer:
        return await self.request("GET", path)

    async def post(self, path: str, json=None) -> Answer:
        return await self.request("POST", path, orjson.dumps(json))

    async def request(
        self, method: str, path: str, body: bytes | None = None
    ) -> Answer:
        head = [self._head(method, path)]
        if body is not None:
            head.append(
                b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
            )
        head.append(b"\r\n")
        if body is not None:
            head.append(body)
        message = b"".join(head)
        # A connection the app closed while idle is found closed only by
        # using it: a request on a kept connection that ends before any of
        # the answer arrives is sent once more, on a new connection.
        reused = self._writer is not None
        # No answer within a minute is a failure of the run, not a wait.
        async with asyncio.timeout(ANSWER_SECONDS):
            if not reused:
                await self._connect()
            try:
                return await self._exchange(message)
            except _ClosedBeforeAnswering:
                await self.close()
                if not reused:
                    raise ConnectionError(
                        f"{method} {path}: closed unanswered"
                    ) from None
                await self._connect()
                return await self._exchange(message)

    async def event_types(self, path: str):
        """The type of each event of a Server-Sent Events stream at path,
        read on a connection of its own with this client's cookies, until
        the stream ends. gunicorn sends a stream in chunks; each chunk is
        read whole."""
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(self._head("GET", path) + b"Accept: text/event-stream\r\n\r\n")
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
            status = head.split("\r\n", 1)[0]
            if " 200 " not in f"{status} " or "transfer-encoding: chunked" not in head:
                raise HttpError(f"not an event stream: {status!r}")
            pending = ""
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    return
                pending += chunk[:-2].decode()
                *events, pending = pending.split("\n\n")
                for event in events:
                    for line in event.splitlines():
                        if line.startswith("event: "):
                            yield line[len("event: ") :]
        finally:
            writer.close()

    def _head(self, method: str, path: str) -> bytes:
        """The request line and the headers every request carries."""
        return (
            f"{method} {path} HTTP/1.1\r\n".encode() + self._fixed + self._cookie_line
        )

    async def _connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def _exchange(self, message: bytes) -> Answer:
        reader, writer = self._reader, self._writer
        try:
            writer.write(message)
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            if error.partial:
                raise
            raise _ClosedBeforeAnswering from error
        except ConnectionResetError as error:
            raise _ClosedBeforeAnswering from error
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if not (
            len(parts) >= 2 and parts[0].startswith("HTTP/1.") and parts[1].isdigit()
        ):
            raise HttpError(f"not an HTTP status line: {lines[0]!r}")
        headers: dict[str, str] = {}
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(":")
            name = name.strip().lower()
            value = value.strip()
            if name == "set-cookie":
                self._set_cookie(value)
            headers[name] = value
        status = int(parts[1])
        length = headers.get("content-length")
        if length is None and (status in (204, 304) or status < 200):
            length = "0"  # these never carry a body
        if length is None or not length.isdigit():
            raise HttpError(f"an answer without a Content-Length: {lines[0]!r}")
        body = await reader.readexactly(int(length)) if length != "0" else b""
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(status, headers, body)

    def _set_cookie(self, value: str) -> None:
        cookie = SimpleCookie()
        cookie.load(value)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or not morsel.value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value
        line = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self._cookie_line = f"Cookie: {line}\r\n".encode() if line else b""
