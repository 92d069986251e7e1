"""Bookings of the logged-in user: book, list, show, cancel."""

import logging

from flask import Blueprint, current_app

from api import limits, serialize
from api.auth import require_user
from api.catalog import path_id
from api.validation import Fields, json_body

log = logging.getLogger(__name__)

bp = Blueprint("bookings", __name__, url_prefix="/api/bookings")


@bp.post("")
def book():
    user = require_user()
    fields = Fields(json_body())
    performance_id = fields.integer("performance_id")
    seat_ids = fields.id_list("seat_ids")
    key = limits.idempotency_key(fields.errors)
    fields.check()

    if key is None:
        row = current_app.db.call_one(
            "booking.book_seats",
            user_id=user.user_id,
            performance_id=performance_id,
            seat_ids=seat_ids,
        )
    else:
        # A retry with the same key gets the first answer and books nothing.
        row = current_app.db.call_one(
            "booking.book_seats_idempotent",
            user_id=user.user_id,
            performance_id=performance_id,
            seat_ids=seat_ids,
            idempotency_key=key,
            request_hash=limits.request_hash(
                performance_id=performance_id, seat_ids=sorted(seat_ids)
            ),
        )
    log.info(
        "booked: booking_id=%s user_id=%s performance_id=%s seats=%s",
        row["booking_id"],
        user.user_id,
        performance_id,
        row["seat_count"],
    )
    return serialize.booking(row), 201


@bp.get("")
def list_bookings():
    user = require_user()
    rows = current_app.db.call("booking.list_user_bookings", user_id=user.user_id)
    return {"items": [serialize.booking(row) for row in rows]}


@bp.get("/<booking_id>")
def get_booking(booking_id: str):
    user = require_user()
    row = current_app.db.call_one(
        "booking.get_booking",
        user_id=user.user_id,
        booking_id=path_id(booking_id, "booking"),
    )
    return serialize.booking(row)


@bp.post("/<booking_id>/cancel")
def cancel(booking_id: str):
    user = require_user()
    json_body()
    row = current_app.db.call_one(
        "booking.cancel_booking",
        user_id=user.user_id,
        booking_id=path_id(booking_id, "booking"),
    )
    log.info("cancelled: booking_id=%s user_id=%s", row["booking_id"], user.user_id)
    return serialize.booking(row)
