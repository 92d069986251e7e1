"""Booking patterns: my bookings beside everyone's, per day, weekday, time
of day and genre, over a chosen range of days."""

from datetime import UTC, date, datetime, timedelta

from flask import Blueprint, current_app, request

from api.auth import require_user
from api.errors import invalid
from api.openapi import answer, errors, obj, operation, query, ref

bp = Blueprint("patterns", __name__, url_prefix="/api")

DIMENSIONS = ("day", "weekday", "time_of_day", "genre")
MAX_DAYS = 366


def read_day(name: str, default: date, problems: dict) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        parsed = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None or not 2000 <= parsed.year <= 2100:
        problems[name] = "must be a date as YYYY-MM-DD"
    return parsed


@bp.get("/patterns")
def patterns():
    user = require_user()
    problems: dict[str, str] = {}
    dimension = request.args.get("dimension", "day")
    if dimension not in DIMENSIONS:
        problems["dimension"] = "must be one of " + ", ".join(DIMENSIONS)
    today = datetime.now(UTC).date()
    date_to = read_day("date_to", today, problems)
    date_from = read_day("date_from", (date_to or today) - timedelta(days=29), problems)
    if date_from and date_to and not 0 <= (date_to - date_from).days < MAX_DAYS:
        problems["date_from"] = f"must be on or before date_to, at most {MAX_DAYS} days"
    if problems:
        raise invalid(problems)

    rows = current_app.db.call(
        "report.booking_patterns",
        user_id=user.user_id,
        dimension=dimension,
        date_from=date_from,
        date_to=date_to,
    )
    return {
        "dimension": dimension,
        "date_from": date_from.isoformat(),
        "date_to": date_to.isoformat(),
        "items": [
            {
                "bucket": row["bucket"],
                "mine": {"bookings": row["my_bookings"], "tickets": row["my_tickets"]},
                "everyone": {
                    "bookings": row["all_bookings"],
                    "tickets": row["all_tickets"],
                },
            }
            for row in rows
        ],
    }


COUNTS = obj({"bookings": {"type": "integer"}, "tickets": {"type": "integer"}})
DATE = {"type": "string", "format": "date"}

OPENAPI_SCHEMAS = {
    "PatternCounts": COUNTS,
    "Patterns": obj(
        {
            "dimension": {"type": "string", "enum": list(DIMENSIONS)},
            "date_from": DATE,
            "date_to": DATE,
            "items": {
                "type": "array",
                "items": obj(
                    {
                        "bucket": {
                            "type": "string",
                            "description": "a day (YYYY-MM-DD), weekday, "
                            "matinee/evening or genre",
                        },
                        "mine": ref("PatternCounts"),
                        "everyone": ref("PatternCounts"),
                    }
                ),
            },
        }
    ),
}

OPENAPI_PATHS = {
    "/api/patterns": {
        "get": operation(
            "My confirmed bookings beside everyone's, by day, weekday, time of day "
            "or genre; the range is of days the bookings were made (UTC)",
            {**answer("200", "Buckets in order", "Patterns"), **errors(400, 401)},
            parameters=[
                query("dimension", {"type": "string", "enum": list(DIMENSIONS)}),
                query("date_from", DATE),
                query("date_to", DATE),
            ],
            auth=True,
        )
    }
}
