"""The OpenAPI 3.1 description of the API, served at /api/openapi.json.

Tests check that every route is described and that real answers match the
schemas here, so this document stays true.
"""

from flask import Blueprint

from api.errors import catalog

bp = Blueprint("openapi", __name__, url_prefix="/api")


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


INT = {"type": "integer"}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
INSTANT = {"type": "string", "format": "date-time"}
WALL_CLOCK = {"type": "string", "description": "Local wall-clock time at the venue"}
NULLABLE_INSTANT = {"type": ["string", "null"], "format": "date-time"}

SCHEMAS = {
    "Error": obj(
        {
            "error": obj(
                {
                    "code": {"type": "string", "enum": sorted(catalog())},
                    "message": STR,
                    "details": {"type": "object"},
                },
                ["code", "message"],
            )
        }
    ),
    "User": obj(
        {
            "user_id": INT,
            "username": STR,
            "email": STR,
            "display_name": STR,
            "created_at": INSTANT,
        }
    ),
    "UserEnvelope": obj({"user": ref("User")}),
    "Register": obj(
        {
            "username": {"type": "string", "pattern": "^[A-Za-z0-9._-]{3,30}$"},
            "email": {"type": "string", "maxLength": 254},
            "display_name": {"type": "string", "minLength": 1, "maxLength": 60},
            "password": {
                "type": "string",
                "minLength": 8,
                "description": "8 characters to 72 bytes of UTF-8",
            },
        }
    ),
    "Login": obj(
        {
            "login": {"type": "string", "description": "username or email"},
            "password": STR,
        }
    ),
    "Empty": {"type": "object"},
    "PerformanceRow": obj(
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
            "starts_at": INSTANT,
            "local_starts_at": WALL_CLOCK,
            "duration_minutes": INT,
            "seats_available": INT,
            "capacity": INT,
            "price_from_cents": {"type": ["integer", "null"]},
            "currency": STR,
        }
    ),
    "PerformancePage": obj(
        {
            "items": {"type": "array", "items": ref("PerformanceRow")},
            "page": INT,
            "page_size": INT,
            "total": INT,
            "sort": STR,
            "order": STR,
        }
    ),
    "Section": obj(
        {
            "section_id": INT,
            "name": STR,
            "price_cents": {"type": ["integer", "null"]},
            "capacity": INT,
            "available": INT,
        }
    ),
    "Performance": obj(
        {
            "performance_id": INT,
            "status": {"type": "string", "enum": ["scheduled", "cancelled"]},
            "on_sale": BOOL,
            "starts_at": INSTANT,
            "local_starts_at": WALL_CLOCK,
            "time_zone": STR,
            "currency": STR,
            "seats_available": INT,
            "capacity": INT,
            "show": obj(
                {
                    "show_id": INT,
                    "title": STR,
                    "description": STR,
                    "genre": STR,
                    "duration_minutes": INT,
                    "director": STR,
                    "cast": {
                        "type": "array",
                        "items": obj({"name": STR, "role": STR}),
                    },
                }
            ),
            "venue": obj(
                {
                    "venue_id": INT,
                    "name": STR,
                    "city": STR,
                    "address": STR,
                    "time_zone": STR,
                }
            ),
            "sections": {"type": "array", "items": ref("Section")},
        }
    ),
    "Seat": obj(
        {
            "seat_id": INT,
            "section_id": INT,
            "row_label": STR,
            "seat_number": INT,
            "x": {"type": "number"},
            "y": {"type": "number"},
            "accessible": BOOL,
            "companion": BOOL,
            "status": {"type": "string", "enum": ["available", "held", "booked"]},
        }
    ),
    "SeatMap": obj(
        {
            "performance_id": INT,
            "venue_id": {"type": ["integer", "null"]},
            "seats": {"type": "array", "items": ref("Seat")},
        }
    ),
    "SeatStatus": obj(
        {
            "performance_id": INT,
            "booked": {
                "type": "array",
                "items": INT,
                "description": "Seat ids booked, ascending",
            },
            "held": {
                "type": "array",
                "items": INT,
                "description": "Seat ids held in someone's checkout and not "
                "booked, ascending; every other seat is available",
            },
        }
    ),
    "Genres": obj(
        {"items": {"type": "array", "items": obj({"genre_id": INT, "name": STR})}}
    ),
    "Venues": obj(
        {
            "items": {
                "type": "array",
                "items": obj(
                    {
                        "venue_id": INT,
                        "name": STR,
                        "city": STR,
                        "time_zone": STR,
                        "capacity": INT,
                    }
                ),
            }
        }
    ),
    "NewBooking": obj(
        {
            "performance_id": {"type": "integer", "minimum": 1},
            "seat_ids": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "minItems": 1,
                "maxItems": 10,
                "uniqueItems": True,
            },
        }
    ),
    "Booking": obj(
        {
            "booking_id": INT,
            "performance_id": INT,
            "status": {"type": "string", "enum": ["confirmed", "cancelled"]},
            "created_at": INSTANT,
            "cancelled_at": NULLABLE_INSTANT,
            "total_cents": INT,
            "currency": STR,
            "seat_count": INT,
            "title": STR,
            "venue_name": STR,
            "city": STR,
            "time_zone": STR,
            "starts_at": INSTANT,
            "local_starts_at": WALL_CLOCK,
            "cancellable": BOOL,
            "seats": {
                "type": "array",
                "items": obj(
                    {
                        "seat_id": INT,
                        "section": STR,
                        "row_label": STR,
                        "seat_number": INT,
                        "price_cents": INT,
                    }
                ),
            },
            "duration_minutes": INT,
        }
    ),
    "Bookings": obj({"items": {"type": "array", "items": ref("Booking")}}),
    "Health": obj({"status": STR}),
}


def answer(status: str, description: str, schema: str | None = None) -> dict:
    answer = {"description": description}
    if schema:
        answer["content"] = {"application/json": {"schema": ref(schema)}}
    return {status: answer}


def errors(*statuses: int) -> dict:
    described = {}
    for status in statuses:
        described.update(answer(str(status), "Error; see the code", "Error"))
    return described


def operation(summary, answers, body=None, parameters=None, auth=False):
    # Any operation can fail unexpectedly or find the database away.
    operation = {"summary": summary, "responses": {**answers, **errors(500, 503)}}
    if body:
        # Every write can be refused before its route runs (WRITE_ERRORS),
        # and a body that stops arriving before its length is a timeout.
        operation["responses"].update(errors(*WRITE_ERRORS, 408))
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(body)}},
        }
    if parameters:
        operation["parameters"] = parameters
    if auth:
        operation["security"] = [{"session": []}]
    return operation


def path_id(name: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }


def query(name: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema}


# 403: a write a browser marked as coming from another site.
WRITE_ERRORS = (400, 403, 413, 415)

# A retry with the same key answers with the first booking and books nothing
# more; the same key with another request is refused (422).
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "pattern": "^[!-~]{1,100}$"},
}

PATHS = {
    "/api/health": {
        "get": operation("Liveness check", answer("200", "Running", "Health"))
    },
    "/api/auth/register": {
        "post": operation(
            "Create an account and log in",
            {
                **answer("201", "Registered", "UserEnvelope"),
                **errors(*WRITE_ERRORS, 409),
            },
            body="Register",
        )
    },
    "/api/auth/login": {
        "post": operation(
            "Log in with a username or email",
            {
                **answer("200", "Logged in", "UserEnvelope"),
                **errors(*WRITE_ERRORS, 401, 429),
            },
            body="Login",
        )
    },
    "/api/auth/logout": {
        "post": operation(
            "End the current session",
            {**answer("204", "Logged out"), **errors(*WRITE_ERRORS)},
            body="Empty",
        )
    },
    "/api/auth/me": {
        "get": operation(
            "The logged-in user",
            {**answer("200", "The user", "UserEnvelope"), **errors(401)},
            auth=True,
        )
    },
    "/api/performances": {
        "get": operation(
            "Upcoming performances, one page",
            {**answer("200", "A page", "PerformancePage"), **errors(400)},
            parameters=[
                query("page", {"type": "integer", "minimum": 1, "default": 1}),
                query(
                    "page_size",
                    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                ),
                query(
                    "sort",
                    {
                        "type": "string",
                        "enum": ["starts_at", "title", "genre", "venue"],
                        "default": "starts_at",
                    },
                ),
                query("order", {"type": "string", "enum": ["asc", "desc"]}),
                query("genre_id", {"type": "integer", "minimum": 1}),
                query("venue_id", {"type": "integer", "minimum": 1}),
            ],
        )
    },
    "/api/performances/{performance_id}": {
        "get": operation(
            "A performance with availability per section",
            {**answer("200", "The performance", "Performance"), **errors(404)},
            parameters=[path_id("performance_id")],
        )
    },
    "/api/performances/{performance_id}/seats": {
        "get": operation(
            "The seat map of a performance",
            {**answer("200", "Every seat and its status", "SeatMap"), **errors(404)},
            parameters=[path_id("performance_id")],
        )
    },
    "/api/performances/{performance_id}/seats/status": {
        "get": operation(
            "Which seats of a performance are booked or held",
            {
                **answer("200", "The taken seats, by status", "SeatStatus"),
                **errors(404),
            },
            parameters=[path_id("performance_id")],
        )
    },
    "/api/genres": {"get": operation("All genres", answer("200", "Genres", "Genres"))},
    "/api/venues": {"get": operation("All venues", answer("200", "Venues", "Venues"))},
    "/api/bookings": {
        "get": operation(
            "My bookings, upcoming first",
            {**answer("200", "Bookings", "Bookings"), **errors(401)},
            auth=True,
        ),
        "post": operation(
            "Book 1 to 10 seats of one performance, all or nothing",
            {
                **answer("201", "Booked", "Booking"),
                **errors(*WRITE_ERRORS, 401, 404, 409, 422),
            },
            body="NewBooking",
            parameters=[IDEMPOTENCY_KEY],
            auth=True,
        ),
    },
    "/api/bookings/{booking_id}": {
        "get": operation(
            "One of my bookings",
            {**answer("200", "The booking", "Booking"), **errors(401, 404)},
            parameters=[path_id("booking_id")],
            auth=True,
        )
    },
    "/api/bookings/{booking_id}/cancel": {
        "post": operation(
            "Cancel one of my bookings; its seats become free",
            {
                **answer("200", "Cancelled", "Booking"),
                **errors(*WRITE_ERRORS, 401, 404, 409),
            },
            body="Empty",
            parameters=[path_id("booking_id")],
            auth=True,
        )
    },
    "/api/openapi.json": {
        "get": operation(
            "This document",
            {
                "200": {
                    "description": "OpenAPI 3.1",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        )
    },
}


# Feature modules that describe their own routes: each has OPENAPI_PATHS and
# OPENAPI_SCHEMAS dicts, merged into the document below.
FEATURE_MODULES: list[str] = [
    "api.live",
    "api.search",
    "api.profile",
    "api.rankings",
    "api.patterns",
]


def document() -> dict:
    import importlib

    paths, schemas = dict(PATHS), dict(SCHEMAS)
    for name in FEATURE_MODULES:
        module = importlib.import_module(name)
        paths.update(module.OPENAPI_PATHS)
        schemas.update(module.OPENAPI_SCHEMAS)

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Curtain Call Box Office API",
            "version": "1.0.0",
            "description": (
                "Find performances, see live seat availability, and book seats. "
                "Errors share one shape: {error: {code, message, details}}. "
                "State-changing requests must be sent as application/json."
            ),
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "boxoffice_session",
                }
            },
        },
    }


@bp.get("/openapi.json")
def openapi_json():
    return document()
