"""The catalogue: upcoming performances, one performance, its seat map and
which of its seats are taken."""

from flask import Blueprint, current_app, request

from api import serialize
from api.errors import ApiError
from api.validation import MAX_ID, Fields

bp = Blueprint("catalog", __name__, url_prefix="/api")

SORTS = ("starts_at", "title", "genre", "venue")
ORDERS = ("asc", "desc")


@bp.get("/performances")
def list_performances():
    fields = Fields(request.args)
    page = fields.integer(
        "page", required=False, default=1, maximum=100_000, from_query=True
    )
    page_size = fields.integer(
        "page_size", required=False, default=20, maximum=100, from_query=True
    )
    sort = fields.choice("sort", SORTS, "starts_at")
    order = fields.choice("order", ORDERS, "asc")
    genre_id = fields.integer("genre_id", required=False, from_query=True)
    venue_id = fields.integer("venue_id", required=False, from_query=True)
    fields.check()

    rows = current_app.db.call(
        "catalog.list_performances",
        page=page,
        page_size=page_size,
        sort=sort,
        order=order,
        genre_id=genre_id,
        venue_id=venue_id,
    )
    total = rows[0]["total_count"] if rows else 0
    if not rows and page > 1:
        # Past the last page: ask for the first row only to learn the total.
        first = current_app.db.call_one(
            "catalog.list_performances",
            page=1,
            page_size=1,
            sort=sort,
            order=order,
            genre_id=genre_id,
            venue_id=venue_id,
        )
        total = first["total_count"] if first else 0

    return {
        "items": [serialize.performance_row(row) for row in rows],
        "page": page,
        "page_size": page_size,
        "total": total,
        "sort": sort,
        "order": order,
    }


@bp.get("/performances/<performance_id>")
def get_performance(performance_id: str):
    row = current_app.db.call_one(
        "catalog.get_performance", performance_id=path_id(performance_id, "performance")
    )
    return serialize.performance_detail(row)


@bp.get("/performances/<performance_id>/seats")
def get_seat_map(performance_id: str):
    # The database writes the whole document: a house is some 1,500 seats.
    row = current_app.db.call_one(
        "catalog.get_seat_map_json",
        performance_id=path_id(performance_id, "performance"),
    )
    return current_app.response_class(row["seat_map"], mimetype="application/json")


@bp.get("/performances/<performance_id>/seats/status")
def get_seat_status(performance_id: str):
    # Only which seats are booked or held: what a live seat map reads again
    # on every change, keeping the layout it read once.
    row = current_app.db.call_one(
        "catalog.get_seat_status_json",
        performance_id=path_id(performance_id, "performance"),
    )
    return current_app.response_class(row["seat_status"], mimetype="application/json")


@bp.get("/genres")
def list_genres():
    return {"items": current_app.db.call("catalog.list_genres")}


@bp.get("/venues")
def list_venues():
    return {"items": current_app.db.call("catalog.list_venues")}


def path_id(value: str, what: str) -> int:
    """An id from the URL, written as ids are (no sign, no leading zero);
    anything else is simply unknown."""
    if (
        not (value.isascii() and value.isdigit())
        or value.startswith("0")
        or not 1 <= int(value) <= MAX_ID
    ):
        raise ApiError(f"{what}_not_found")
    return int(value)
