"""The leaderboard: users by bookings or tickets, display names only."""

from flask import Blueprint, current_app, request

from api.auth import require_user
from api.errors import invalid
from api.openapi import answer, errors, obj, operation, query, ref

bp = Blueprint("rankings", __name__, url_prefix="/api")

PERIODS = ("last_30_days", "this_year", "all_time")
METRICS = ("bookings", "tickets")


@bp.get("/rankings")
def rankings():
    user = require_user()
    period = request.args.get("period", "last_30_days")
    metric = request.args.get("metric", "bookings")
    limit = request.args.get("limit", "10")
    problems = {}
    if period not in PERIODS:
        problems["period"] = "must be one of " + ", ".join(PERIODS)
    if metric not in METRICS:
        problems["metric"] = "must be one of " + ", ".join(METRICS)
    if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= 100):
        problems["limit"] = "must be between 1 and 100"
    if problems:
        raise invalid(problems)

    rows = current_app.db.call(
        "report.list_user_ranking",
        period=period,
        metric=metric,
        user_id=user.user_id,
        limit=int(limit),
    )
    entries = [
        {
            "rank": row["user_rank"],
            "display_name": row["display_name"],
            "bookings": row["bookings"],
            "tickets": row["tickets"],
            "is_current_user": row["is_current_user"],
        }
        for row in rows
    ]
    me = next((e for e in entries if e["is_current_user"]), None)
    # The routine answers the top rows, then mine when it is further down.
    top = entries[: int(limit)]
    return {"period": period, "metric": metric, "items": top, "me": me}


ENTRY = obj(
    {
        "rank": {"type": "integer", "description": "ties share a rank"},
        "display_name": {"type": "string"},
        "bookings": {"type": "integer"},
        "tickets": {"type": "integer"},
        "is_current_user": {"type": "boolean"},
    }
)

OPENAPI_SCHEMAS = {
    "RankingEntry": ENTRY,
    "Rankings": obj(
        {
            "period": {"type": "string", "enum": list(PERIODS)},
            "metric": {"type": "string", "enum": list(METRICS)},
            "items": {"type": "array", "items": ref("RankingEntry")},
            "me": {
                "oneOf": [ref("RankingEntry"), {"type": "null"}],
                "description": "my own row, also when outside the top; null "
                "without bookings in the period or after opting out",
            },
        }
    ),
}

OPENAPI_PATHS = {
    "/api/rankings": {
        "get": operation(
            "The leaderboard by bookings or tickets for a period",
            {**answer("200", "The leaderboard", "Rankings"), **errors(400, 401)},
            parameters=[
                query("period", {"type": "string", "enum": list(PERIODS)}),
                query("metric", {"type": "string", "enum": list(METRICS)}),
                query("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
            ],
            auth=True,
        )
    }
}
