"""The logged-in user's profile: name, username, email, ranking opt-out,
password, and a booking as a calendar file.

A password change needs the current password and ends every other session
of the user; the session that asked stays logged in.
"""

import logging
from datetime import UTC, datetime, timedelta

from flask import Blueprint, Response, current_app
from flask_login import current_user

from api import identity, limits, serialize
from api.auth import (
    check_password_rules,
    hash_password,
    password_matches,
    require_user,
)
from api.catalog import path_id
from api.errors import ApiError, invalid
from api.openapi import WRITE_ERRORS, answer, errors, obj, operation, ref
from api.openapi import path_id as path_parameter
from api.validation import Fields, json_body

log = logging.getLogger(__name__)

bp = Blueprint("profile", __name__, url_prefix="/api")


def profile_json(row: dict) -> dict:
    return {
        "user_id": row["user_id"],
        "username": row["username"],
        "email": row["email"],
        "display_name": row["display_name"],
        "created_at": serialize.instant(row["created_at"]),
        "ranking_opt_out": row["ranking_opt_out"],
    }


@bp.get("/profile")
def get_profile():
    user = require_user()
    row = current_app.db.call_one("account.get_profile", user_id=user.user_id)
    return {"profile": profile_json(row)}


@bp.put("/profile")
def update_profile():
    user = require_user()
    fields = Fields(json_body())
    username = fields.text("username", min_len=3, max_len=30)
    email = fields.text("email", min_len=3, max_len=254)
    display_name = fields.text("display_name", min_len=1, max_len=60)
    opt_out = fields.source.get("ranking_opt_out")

    username, email = identity.check_account_fields(
        fields.errors, username, email, display_name, user.row["email"]
    )
    if not isinstance(opt_out, bool):
        fields.errors["ranking_opt_out"] = "must be true or false"
    fields.check()

    row = current_app.db.call_one(
        "account.update_profile",
        user_id=user.user_id,
        username=username,
        email=email,
        display_name=display_name.strip(),
        ranking_opt_out=opt_out,
    )
    log.info("profile changed: user_id=%s", user.user_id)
    return {"profile": profile_json(row)}


@bp.post("/profile/password")
def change_password():
    user = require_user()
    fields = Fields(json_body())
    current = fields.text("current_password", min_len=1, max_len=200)
    new = fields.text("new_password", min_len=1, max_len=200)
    if new is not None:
        errors_before = dict(fields.errors)
        check_password_rules(new, fields.errors)
        if "password" in fields.errors and "password" not in errors_before:
            fields.errors["new_password"] = fields.errors.pop("password")
    fields.check()

    # Guessing the current password from a stolen session is limited like
    # guessing it at login, and counted against the same account.
    limits.check_login_allowed(user.row["username"])
    row = current_app.db.call_one("account.get_profile", user_id=user.user_id)
    if not password_matches(current, row["password_hash"]):
        limits.record_login_failure(user.row["username"])
        log.info("password change refused: user_id=%s", user.user_id)
        raise ApiError("current_password_wrong")
    if new == current:
        raise invalid({"new_password": "must differ from the current password"})

    ended = current_app.db.call_one(
        "account.change_password",
        user_id=user.user_id,
        password_hash=hash_password(new),
        keep_session_id=current_user.id,
    )
    log.info(
        "password changed: user_id=%s other_sessions_ended=%s",
        user.user_id,
        ended["sessions_ended"],
    )
    return {"sessions_ended": ended["sessions_ended"]}


def ics_text(value: str) -> str:
    """Escapes a TEXT value as RFC 5545 asks."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not parts else 74):
            parts.append(current)
            current = ""
        current += ch
    parts.append(current)
    return "\r\n ".join(parts)


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(row: dict, now: datetime) -> str:
    """One VEVENT with UTC times: every calendar shows it at the venue's
    wall-clock time, whatever daylight-saving rule applies that day. The
    event lasts the show's running time."""
    starts = row["starts_at"]
    ends = starts + timedelta(minutes=row["duration_minutes"])
    seats = ", ".join(
        f"{s['section']} {s['row_label']}-{s['seat_number']}" for s in row["seats"]
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Curtain Call Box Office//Bookings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{row['booking_id']}@curtain-call.box-office",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(starts)}",
        f"DTEND:{utc_stamp(ends)}",
        "SUMMARY:" + ics_text(row["title"]),
        "LOCATION:" + ics_text(f"{row['venue_name']}, {row['city']}"),
        "DESCRIPTION:"
        + ics_text(
            f"Booking {row['booking_id']}: {row['seat_count']} seat(s). {seats}"
        ),
        "STATUS:" + ("CANCELLED" if row["status"] == "cancelled" else "CONFIRMED"),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(ics_fold(line) for line in lines) + "\r\n"


@bp.get("/bookings/<booking_id>/calendar.ics")
def booking_calendar(booking_id: str):
    user = require_user()
    row = current_app.db.call_one(
        "booking.get_booking",
        user_id=user.user_id,
        booking_id=path_id(booking_id, "booking"),
    )
    body = calendar(row, datetime.now(UTC))
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": (
                f'attachment; filename="booking-{row["booking_id"]}.ics"'
            )
        },
    )


STR = {"type": "string"}
PASSWORD = {
    "type": "string",
    "minLength": 8,
    "description": "8 characters to 72 bytes of UTF-8",
}

OPENAPI_SCHEMAS = {
    "Profile": obj(
        {
            "user_id": {"type": "integer"},
            "username": STR,
            "email": STR,
            "display_name": STR,
            "created_at": {"type": "string", "format": "date-time"},
            "ranking_opt_out": {"type": "boolean"},
        }
    ),
    "ProfileEnvelope": obj({"profile": ref("Profile")}),
    "ProfileChange": obj(
        {
            "username": {"type": "string", "pattern": "^[A-Za-z0-9._-]{3,30}$"},
            "email": {"type": "string", "maxLength": 254},
            "display_name": {"type": "string", "minLength": 1, "maxLength": 60},
            "ranking_opt_out": {"type": "boolean"},
        }
    ),
    "PasswordChange": obj({"current_password": STR, "new_password": PASSWORD}),
    "PasswordChanged": obj(
        {
            "sessions_ended": {
                "type": "integer",
                "description": "How many other sessions were logged out",
            }
        }
    ),
}

OPENAPI_PATHS = {
    "/api/profile": {
        "get": operation(
            "My profile",
            {**answer("200", "The profile", "ProfileEnvelope"), **errors(401)},
            auth=True,
        ),
        "put": operation(
            "Change my username, email, display name and ranking opt-out",
            {
                **answer("200", "Changed", "ProfileEnvelope"),
                **errors(*WRITE_ERRORS, 401, 409),
            },
            body="ProfileChange",
            auth=True,
        ),
    },
    "/api/profile/password": {
        "post": operation(
            "Change my password; my other sessions end",
            {
                **answer("200", "Changed", "PasswordChanged"),
                **errors(*WRITE_ERRORS, 401, 429),
            },
            body="PasswordChange",
            auth=True,
        )
    },
    "/api/bookings/{booking_id}/calendar.ics": {
        "get": operation(
            "One of my bookings as an iCalendar (text/calendar) file, times in UTC",
            {**answer("200", "The .ics file"), **errors(401, 404)},
            parameters=[path_parameter("booking_id")],
            auth=True,
        )
    },
}
