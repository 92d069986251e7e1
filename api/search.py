"""Discovery: search of upcoming performances and similar shows.

Everything that decides what matches and in which order is done by the
database (catalog.search_performances, catalog.similar_performances); this
module checks the query string and shapes the answer.
"""

import unicodedata
from datetime import date

from flask import Blueprint, current_app, request

from api import serialize
from api.catalog import path_id
from api.errors import invalid
from api.openapi import answer, errors, obj, operation, query, ref
from api.openapi import path_id as path_parameter

bp = Blueprint("search", __name__, url_prefix="/api")

SORTS = ("relevance", "date", "popularity", "price")
TIMES_OF_DAY = ("matinee", "evening")
MAX_QUERY_CHARS = 200
MAX_GENRES = 20


def clean_text(value: str) -> str:
    """Control and format characters (a NUL byte among them) become spaces:
    they can never be part of a word anyone searches for."""
    return "".join(
        " " if unicodedata.category(ch).startswith("C") else ch for ch in value
    )


class SearchArgs:
    """Reads the search filters from the query string, collecting problems."""

    def __init__(self, args):
        self.args = args
        self.errors: dict[str, str] = {}

    def text(self, name: str, max_len: int) -> str | None:
        value = self.args.get(name, "")
        if len(value) > max_len:
            self.errors[name] = f"must be at most {max_len} characters"
            return None
        value = clean_text(value).strip()
        return value or None

    def whole(self, name: str, minimum: int, maximum: int) -> int | None:
        value = self.args.get(name, "").strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            self.errors[name] = "must be a whole number"
            return None
        if not minimum <= int(value) <= maximum:
            self.errors[name] = f"must be between {minimum} and {maximum}"
            return None
        return int(value)

    def day(self, name: str) -> date | None:
        value = self.args.get(name, "").strip()
        if not value:
            return None
        try:
            parsed = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            parsed = None
        if parsed is None or not 2000 <= parsed.year <= 2100:
            self.errors[name] = "must be a date as YYYY-MM-DD"
        return parsed

    def choice(self, name: str, options: tuple[str, ...]) -> str | None:
        value = self.args.get(name, "").strip()
        if value and value not in options:
            self.errors[name] = "must be one of " + ", ".join(options)
            return None
        return value or None

    def ids(self, name: str) -> list[int]:
        value = self.args.get(name, "").strip()
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) > MAX_GENRES or not all(
            p.isascii() and p.isdigit() and len(p) <= 18 and int(p) >= 1 for p in parts
        ):
            self.errors[name] = "must be a comma-separated list of ids"
            return []
        return [int(p) for p in parts]


@bp.get("/search")
def search():
    args = SearchArgs(request.args)
    text = args.text("q", MAX_QUERY_CHARS)
    genre_ids = args.ids("genres")
    venue_id = args.whole("venue_id", 1, 2**63 - 1)
    city = args.text("city", 100)
    date_from = args.day("date_from")
    date_to = args.day("date_to")
    time_of_day = args.choice("time_of_day", TIMES_OF_DAY)
    price_min = args.whole("price_min_cents", 0, 100_000_000)
    price_max = args.whole("price_max_cents", 0, 100_000_000)
    group_size = args.whole("group_size", 1, 10)
    sort = args.choice("sort", SORTS) or ("relevance" if text else "date")
    page = args.whole("page", 1, 100_000) or 1
    page_size = args.whole("page_size", 1, 100) or 20

    if date_from and date_to and date_from > date_to:
        args.errors["date_to"] = "must not be before the from date"
    if price_min is not None and price_max is not None and price_min > price_max:
        args.errors["price_max_cents"] = "must not be below the lowest price"
    if args.errors:
        raise invalid(args.errors)

    search = {
        "query": text,
        "genre_ids": genre_ids or None,
        "venue_id": venue_id,
        "city": city,
        "date_from": date_from,
        "date_to": date_to,
        "time_of_day": time_of_day,
        "price_min_cents": price_min,
        "price_max_cents": price_max,
        "group_size": group_size,
        "sort": sort,
    }
    rows = current_app.db.call(
        "catalog.search_performances", **search, page=page, page_size=page_size
    )
    total = rows[0]["total_count"] if rows else 0
    if not rows and page > 1:
        # Past the last page: ask for the first row only to learn the total.
        first = current_app.db.call_one(
            "catalog.search_performances", **search, page=1, page_size=1
        )
        total = first["total_count"] if first else 0

    return {
        "items": [
            {
                **serialize.performance_row(row),
                "relevance": row["relevance"],
                "popularity": row["popularity"],
            }
            for row in rows
        ],
        "page": page,
        "page_size": page_size,
        "total": total,
        "sort": sort,
        "q": text or "",
    }


@bp.get("/performances/<performance_id>/similar")
def similar(performance_id: str):
    rows = current_app.db.call(
        "catalog.similar_performances",
        performance_id=path_id(performance_id, "performance"),
    )
    return {
        "items": [
            {
                **serialize.performance_summary(row),
                "co_bookers": row["co_bookers"],
                "popularity": row["popularity"],
            }
            for row in rows
        ]
    }


INT = {"type": "integer"}
STR = {"type": "string"}
ID = {"type": "integer", "minimum": 1}

OPENAPI_SCHEMAS = {
    "SearchResult": {
        "allOf": [
            ref("PerformanceRow"),
            obj(
                {
                    "relevance": {
                        "type": "integer",
                        "description": "How well the text matched; 0 without text",
                    },
                    "popularity": {
                        "type": "integer",
                        "description": "Tickets sold for the show",
                    },
                }
            ),
        ]
    },
    "SearchPage": obj(
        {
            "items": {"type": "array", "items": ref("SearchResult")},
            "page": INT,
            "page_size": INT,
            "total": INT,
            "sort": {"type": "string", "enum": list(SORTS)},
            "q": STR,
        }
    ),
    "SimilarPerformance": obj(
        {
            "performance_id": INT,
            "show_id": INT,
            "title": STR,
            "genre": STR,
            "genre_id": INT,
            "venue_id": INT,
            "venue_name": STR,
            "city": STR,
            "time_zone": STR,
            "starts_at": {"type": "string", "format": "date-time"},
            "local_starts_at": STR,
            "duration_minutes": INT,
            "co_bookers": {
                "type": "integer",
                "description": "People who booked both shows",
            },
            "popularity": INT,
        }
    ),
    "SimilarPerformances": obj(
        {"items": {"type": "array", "items": ref("SimilarPerformance"), "maxItems": 6}}
    ),
}

DATE = {"type": "string", "format": "date"}

OPENAPI_PATHS = {
    "/api/search": {
        "get": operation(
            "Search upcoming performances: text (accent-insensitive, typo-tolerant) "
            "and filters",
            {
                **answer("200", "A page of matches, best first", "SearchPage"),
                **errors(400),
            },
            parameters=[
                query("q", {"type": "string", "maxLength": MAX_QUERY_CHARS}),
                query(
                    "genres",
                    {"type": "string", "description": "comma-separated genre ids"},
                ),
                query("venue_id", ID),
                query("city", {"type": "string", "maxLength": 100}),
                query("date_from", DATE),
                query("date_to", DATE),
                query("time_of_day", {"type": "string", "enum": list(TIMES_OF_DAY)}),
                query("price_min_cents", {"type": "integer", "minimum": 0}),
                query("price_max_cents", {"type": "integer", "minimum": 0}),
                query("group_size", {"type": "integer", "minimum": 1, "maximum": 10}),
                query(
                    "sort",
                    {
                        "type": "string",
                        "enum": list(SORTS),
                        "description": "default relevance with text, date without",
                    },
                ),
                query("page", {"type": "integer", "minimum": 1, "default": 1}),
                query(
                    "page_size",
                    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                ),
            ],
        )
    },
    "/api/performances/{performance_id}/similar": {
        "get": operation(
            "Up to six upcoming performances of other shows of the same genre",
            {
                **answer("200", "Similar performances", "SimilarPerformances"),
                **errors(404),
            },
            parameters=[path_parameter("performance_id")],
        )
    },
}
