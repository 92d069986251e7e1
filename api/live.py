"""The live seat map: server push of seat changes, seat holds, best seats.

Every routine that books, cancels, holds or releases seats bumps the
performance's change version in the same transaction; on PostgreSQL the
gateway also sends NOTIFY performance_changed once it has committed (see
api/db.py for why not inside it). Each server process runs ONE watcher
thread with its own connection (`Database.watch`); it fans every change out
to the process's open event streams through in-process queues, so open
streams cost no database work at all.

Streams are Server-Sent Events. An event only says that a performance
changed; clients then read the seat map or the list again. On connect a
stream sends `hello` with the process's current versions, and after a
server restart the browser's EventSource reconnects by itself, so clients
catch up by reading everything once on every (re)connect.
"""

import json
import logging
import math
import os
import queue
import threading
import time

from flask import Blueprint, Response, current_app, request

from api.auth import require_user
from api.catalog import path_id
from api.errors import ApiError
from api.openapi import (
    INSTANT,
    INT,
    NULLABLE_INSTANT,
    STR,
    answer,
    errors,
    obj,
    operation,
)
from api.openapi import path_id as path_parameter
from api.serialize import instant
from api.validation import Fields, json_body

log = logging.getLogger(__name__)

bp = Blueprint("live", __name__, url_prefix="/api")

# A stream ends after this long (EventSource reconnects at once), so a
# worker thread is never held for ever by a tab left open.
STREAM_SECONDS = 300
# Open streams per server process. gunicorn runs 32 threads per worker
# (tools/manage.py); half of them at most may wait on streams.
MAX_STREAMS = int(os.environ.get("BOXOFFICE_LIVE_STREAMS", "16"))
# And at most this many for one client address, so one client cannot take
# them all.
MAX_STREAMS_PER_CLIENT = int(os.environ.get("BOXOFFICE_LIVE_STREAMS_PER_CLIENT", "8"))
# A comment line this often keeps proxies from closing an idle stream.
# TODO: a stream whose client has gone keeps its place until a write fails,
# and the first write after the client went may still succeed (the bytes
# are only buffered), so up to twice this long; a page reloaded many times
# in a row can be told too_many_streams for a while (it then polls).
HEARTBEAT_SECONDS = 10


# A stream sends at most one batch of events this often. Every event makes
# a browser read the seats again, and in an on-sale rush a performance
# changes hundreds of times a second: one read per change for every open
# map would cost more than the sale itself. The first change after a quiet
# spell goes out at once; those that follow within the interval are merged
# (per performance, the latest version) and go out when it ends, so the
# last change is never missed.
def _seconds_setting(name: str, default: str) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        value = math.nan
    # NaN compares false with every time: no batch would ever be sent.
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a number of seconds, 0 or more")
    return value


EVENT_SECONDS = _seconds_setting("BOXOFFICE_LIVE_EVENT_SECONDS", "0.5")
# How often a best-seats request picks again after losing a chosen seat to a
# booking that was under way.
BEST_SEATS_ATTEMPTS = 3
# Queued events per stream; a stream that falls further behind is told to
# read everything again instead.
QUEUE_SIZE = 256


class Subscriber:
    def __init__(self, performance_id: int | None, client: str | None = None):
        self.performance_id = performance_id
        self.client = client
        self.queue: queue.Queue = queue.Queue(QUEUE_SIZE)
        self.overflowed = False
        self.ended = False

    def offer(self, event: dict) -> None:
        try:
            self.queue.put_nowait(event)
        except queue.Full:
            self.overflowed = True

    def end(self) -> None:
        """Ends the stream at its next turn; wakes it if it is waiting."""
        self.ended = True
        try:
            self.queue.put_nowait({"type": "closing"})
        except queue.Full:
            pass  # it has events to read, so it is not waiting


class Hub:
    """The watcher of one server process and the streams it feeds."""

    def __init__(self, db):
        self.db = db
        self.lock = threading.Lock()
        self.subscribers: set[Subscriber] = set()
        self.versions: dict[int, int] = {}
        self.thread = threading.Thread(
            target=db.watch, args=(self.changed,), name="seat-watcher", daemon=True
        )
        self.thread.start()

    def subscribe(
        self,
        performance_id: int | None,
        limit: int,
        client: str | None = None,
        per_client: int | None = None,
    ) -> Subscriber:
        """A new stream, unless `limit` streams are open in this process, or
        `per_client` of them for this client address: each open stream holds
        a worker thread, and the threads that are left must stay free for
        ordinary requests."""
        subscriber = Subscriber(performance_id, client)
        with self.lock:
            if len(self.subscribers) >= limit:
                raise ApiError(
                    "service_unavailable",
                    "Too many live connections right now; the page refreshes "
                    "by itself instead.",
                    {"retry_after_seconds": 30},
                )
            if per_client is not None and client is not None:
                mine = sum(1 for s in self.subscribers if s.client == client)
                if mine >= per_client:
                    raise ApiError(
                        "too_many_streams", details={"retry_after_seconds": 30}
                    )
            self.subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self.lock:
            self.subscribers.discard(subscriber)

    def end_streams(self) -> None:
        """Ends every open stream (the server is stopping); browsers
        reconnect to another worker or to the restarted server."""
        with self.lock:
            for subscriber in self.subscribers:
                subscriber.end()

    def version(self, performance_id: int) -> int:
        with self.lock:
            return self.versions.get(performance_id, 0)

    def changed(self, performance_id: int | None) -> None:
        with self.lock:
            if performance_id is None:
                event = {"type": "resync"}
            else:
                version = self.versions.get(performance_id, 0) + 1
                self.versions[performance_id] = version
                event = {
                    "type": "changed",
                    "performance_id": performance_id,
                    "version": version,
                }
            for subscriber in self.subscribers:
                if performance_id is None or subscriber.performance_id in (
                    None,
                    performance_id,
                ):
                    subscriber.offer(event)


_hub_lock = threading.Lock()


def hub() -> Hub:
    """This process's hub, started on first use (after gunicorn forks)."""
    app = current_app._get_current_object()
    with _hub_lock:
        if "live_hub" not in app.extensions:
            app.extensions["live_hub"] = Hub(app.db)
        return app.extensions["live_hub"]


def end_streams(app) -> None:
    """Ends the open streams of this process, if it has any."""
    live = app.extensions.get("live_hub")
    if live is not None:
        live.end_streams()


def _frame(event: dict) -> str:
    kind = event.get("type", "message")
    return f"event: {kind}\ndata: {json.dumps(event)}\n\n"


class _Batch:
    """Events waiting for a stream's next send, merged: a performance's
    latest change stands for its earlier ones, and a resync (read
    everything again) for every change."""

    def __init__(self) -> None:
        self.events: dict[int | None, dict] = {}

    def __bool__(self) -> bool:
        return bool(self.events)

    def add(self, event: dict) -> None:
        if event["type"] == "resync":
            self.events = {None: event}
        elif None not in self.events:
            self.events[event.get("performance_id")] = event

    def take(self) -> str:
        text = "".join(_frame(event) for event in self.events.values())
        self.events = {}
        return text


def _stream(
    subscriber: Subscriber, hello: dict, seconds: float, every: float
) -> Response:
    live = hub()

    def generate():
        try:
            # Browsers retry a dropped stream after this many milliseconds.
            yield "retry: 2000\n\n" + _frame(hello)
            now = time.monotonic()
            deadline = now + seconds
            sent = written = now - every
            batch = _Batch()
            while (now := time.monotonic()) < deadline:
                if batch and now >= sent + every:
                    yield batch.take()
                    sent = written = now
                    continue
                due = sent + every if batch else written + HEARTBEAT_SECONDS
                try:
                    event = subscriber.queue.get(
                        timeout=max(0.0, min(deadline, due) - now)
                    )
                except queue.Empty:
                    if not batch and time.monotonic() >= written + HEARTBEAT_SECONDS:
                        yield ": keep-alive\n\n"
                        written = time.monotonic()
                    continue
                if subscriber.ended:
                    return
                if subscriber.overflowed:
                    subscriber.overflowed = False
                    event = {"type": "resync"}
                batch.add(event)
            # The stream's time is up: what is waiting goes out before it
            # ends (the browser reconnects and reads everything anyway).
            if batch:
                yield batch.take()
        finally:
            live.unsubscribe(subscriber)

    response = Response(generate(), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-store"
    # Tells nginx and similar proxies not to buffer the stream.
    response.headers["X-Accel-Buffering"] = "no"
    return response


def _stream_seconds() -> float:
    return float(current_app.config.get("LIVE_STREAM_SECONDS", STREAM_SECONDS))


def _event_seconds() -> float:
    return float(current_app.config.get("LIVE_EVENT_SECONDS", EVENT_SECONDS))


def _subscribe(live: Hub, performance_id: int | None) -> Subscriber:
    return live.subscribe(
        performance_id,
        int(current_app.config.get("LIVE_MAX_STREAMS", MAX_STREAMS)),
        client=request.remote_addr,
        per_client=int(
            current_app.config.get(
                "LIVE_MAX_STREAMS_PER_CLIENT", MAX_STREAMS_PER_CLIENT
            )
        ),
    )


@bp.get("/performances/<performance_id>/events")
def performance_events(performance_id: str):
    performance = path_id(performance_id, "performance")
    # Unknown performances get a 404 rather than a stream that never speaks.
    current_app.db.call_one("catalog.get_performance", performance_id=performance)
    live = hub()
    subscriber = _subscribe(live, performance)
    hello = {
        "type": "hello",
        "performance_id": performance,
        "version": live.version(performance),
    }
    return _stream(subscriber, hello, _stream_seconds(), _event_seconds())


@bp.get("/events")
def all_events():
    live = hub()
    subscriber = _subscribe(live, None)
    return _stream(subscriber, {"type": "hello"}, _stream_seconds(), _event_seconds())


# Holds ---------------------------------------------------------------------


def _holds_answer(performance_id: int, rows: list[dict]) -> dict:
    held = [row for row in rows if row.get("state", "held") == "held"]
    return {
        "performance_id": performance_id,
        "expires_at": instant(min(r["expires_at"] for r in held)) if held else None,
        "seconds_left": min(r["seconds_left"] for r in held) if held else None,
        "holds": [
            {
                "seat_id": row["seat_id"],
                "expires_at": instant(row["expires_at"]),
                "seconds_left": row["seconds_left"],
                "state": row.get("state", "held"),
            }
            for row in rows
        ],
    }


@bp.get("/performances/<performance_id>/holds")
def my_holds(performance_id: str):
    user = require_user()
    performance = path_id(performance_id, "performance")
    rows = current_app.db.call(
        "booking.list_holds", user_id=user.user_id, performance_id=performance
    )
    return _holds_answer(performance, rows)


@bp.post("/performances/<performance_id>/holds")
def hold(performance_id: str):
    user = require_user()
    performance = path_id(performance_id, "performance")
    fields = Fields(json_body())
    seat_ids = fields.id_list("seat_ids")
    fields.check()

    rows = current_app.db.call(
        "booking.hold_seats",
        user_id=user.user_id,
        performance_id=performance,
        seat_ids=seat_ids,
    )
    log.info(
        "held: user_id=%s performance_id=%s seats=%s",
        user.user_id,
        performance,
        len(rows),
    )
    return _holds_answer(performance, rows)


def _flag(source: dict, name: str, errors: dict[str, str]) -> bool:
    value = source.get(name, False)
    if not isinstance(value, bool):
        errors[name] = "must be true or false"
        return False
    return value


@bp.post("/performances/<performance_id>/best-seats")
def best_seats(performance_id: str):
    user = require_user()
    performance = path_id(performance_id, "performance")
    body = json_body()
    fields = Fields(body)
    count = fields.integer("count", maximum=10)
    section_id = fields.integer("section_id", required=False)
    accessible = _flag(body, "accessible", fields.errors)
    accept_split = _flag(body, "accept_split", fields.errors)
    fields.check()

    # A booking may take a chosen seat while the pick is being made; the
    # routine then says seat_taken and a fresh pick almost always succeeds.
    for attempt in range(1, BEST_SEATS_ATTEMPTS + 1):
        try:
            rows = current_app.db.call(
                "booking.hold_best_seats",
                user_id=user.user_id,
                performance_id=performance,
                seat_count=count,
                section_id=section_id,
                accessible=accessible,
                allow_split=accept_split,
            )
            break
        except ApiError as error:
            if error.code != "seat_taken" or attempt == BEST_SEATS_ATTEMPTS:
                raise
    log.info(
        "best seats held: user_id=%s performance_id=%s seats=%s",
        user.user_id,
        performance,
        len(rows),
    )
    return {
        "performance_id": performance,
        "together": all(row["together"] for row in rows),
        "expires_at": instant(rows[0]["expires_at"]),
        "seconds_left": rows[0]["seconds_left"],
        "seats": [
            {
                "seat_id": row["seat_id"],
                "section_id": row["section_id"],
                "row_label": row["row_label"],
                "seat_number": row["seat_number"],
                "price_cents": row["price_cents"],
            }
            for row in rows
        ],
    }


# OpenAPI -------------------------------------------------------------------

OPENAPI_SCHEMAS = {
    "Holds": obj(
        {
            "performance_id": INT,
            "expires_at": NULLABLE_INSTANT,
            "seconds_left": {"type": ["integer", "null"]},
            "holds": {
                "type": "array",
                "items": obj(
                    {
                        "seat_id": INT,
                        "expires_at": INSTANT,
                        "seconds_left": INT,
                        "state": {
                            "type": "string",
                            "enum": ["held", "expired", "lost"],
                        },
                    }
                ),
            },
        }
    ),
    "NewHolds": obj(
        {
            "seat_ids": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "maxItems": 10,
                "uniqueItems": True,
                "description": "Exactly the seats to hold; [] releases them all",
            }
        }
    ),
    "BestSeatsRequest": obj(
        {
            "count": {"type": "integer", "minimum": 1, "maximum": 10},
            "section_id": {"type": "integer", "minimum": 1},
            "accessible": {"type": "boolean", "default": False},
            "accept_split": {"type": "boolean", "default": False},
        },
        ["count"],
    ),
    "BestSeats": obj(
        {
            "performance_id": INT,
            "together": {"type": "boolean"},
            "expires_at": INSTANT,
            "seconds_left": INT,
            "seats": {
                "type": "array",
                "items": obj(
                    {
                        "seat_id": INT,
                        "section_id": INT,
                        "row_label": STR,
                        "seat_number": INT,
                        "price_cents": INT,
                    }
                ),
            },
        }
    ),
}

_STREAM = {
    "200": {
        "description": (
            "Server-sent events: `hello` on connect, then `changed` "
            "({performance_id, version}) after every booking, cancellation, "
            "hold or release, and `resync` when everything should be read again"
        ),
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}

OPENAPI_PATHS = {
    "/api/performances/{performance_id}/events": {
        "get": operation(
            "Server-sent events: the seats of this performance changed",
            {**_STREAM, **errors(404, 429)},
            parameters=[path_parameter("performance_id")],
        )
    },
    "/api/events": {
        "get": operation(
            "Server-sent events: the seats of any performance changed",
            {**_STREAM, **errors(429)},
        )
    },
    "/api/performances/{performance_id}/holds": {
        "get": operation(
            "My holds on this performance, with their countdown",
            {**answer("200", "My holds", "Holds"), **errors(401, 404)},
            parameters=[path_parameter("performance_id")],
            auth=True,
        ),
        "post": operation(
            "Hold exactly these seats for a few minutes ([] releases them)",
            {
                **answer("200", "My holds now", "Holds"),
                **errors(400, 401, 404, 409, 415, 422),
            },
            body="NewHolds",
            parameters=[path_parameter("performance_id")],
            auth=True,
        ),
    },
    "/api/performances/{performance_id}/best-seats": {
        "post": operation(
            "Find and hold the best N seats together, in one step",
            {
                **answer("200", "The seats, now held for me", "BestSeats"),
                **errors(400, 401, 404, 409, 415, 422),
            },
            body="BestSeatsRequest",
            parameters=[path_parameter("performance_id")],
            auth=True,
        )
    },
}
