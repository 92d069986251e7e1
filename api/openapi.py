"""The OpenAPI 3.1 description of the API, served at /api/openapi.json.

Tests check that every route is described and that real answers match the
schemas here, so this document stays true.
"""

from flask import Blueprint

from api.errors import catalog

bp = Blueprint("openapi", __name__, url_prefix="/api")


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties: dict, required: list[str] | None = None) -> dict:
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
    "Error": _obj(
        {
            "error": _obj(
                {
                    "code": {"type": "string", "enum": sorted(catalog())},
                    "message": STR,
                    "details": {"type": "object"},
                },
                ["code", "message"],
            )
        }
    ),
    "User": _obj(
        {
            "user_id": INT,
            "username": STR,
            "email": STR,
            "display_name": STR,
            "created_at": INSTANT,
        }
    ),
    "UserEnvelope": _obj({"user": _ref("User")}),
    "Register": _obj(
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
    "Login": _obj(
        {
            "login": {"type": "string", "description": "username or email"},
            "password": STR,
        }
    ),
    "Empty": {"type": "object"},
    "PerformanceRow": _obj(
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
    "PerformancePage": _obj(
        {
            "items": {"type": "array", "items": _ref("PerformanceRow")},
            "page": INT,
            "page_size": INT,
            "total": INT,
            "sort": STR,
            "order": STR,
        }
    ),
    "Section": _obj(
        {
            "section_id": INT,
            "name": STR,
            "price_cents": {"type": ["integer", "null"]},
            "capacity": INT,
            "available": INT,
        }
    ),
    "Performance": _obj(
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
            "show": _obj(
                {
                    "show_id": INT,
                    "title": STR,
                    "description": STR,
                    "genre": STR,
                    "duration_minutes": INT,
                    "director": STR,
                    "cast": {
                        "type": "array",
                        "items": _obj({"name": STR, "role": STR}),
                    },
                }
            ),
            "venue": _obj(
                {
                    "venue_id": INT,
                    "name": STR,
                    "city": STR,
                    "address": STR,
                    "time_zone": STR,
                }
            ),
            "sections": {"type": "array", "items": _ref("Section")},
        }
    ),
    "Seat": _obj(
        {
            "seat_id": INT,
            "section_id": INT,
            "row_label": STR,
            "seat_number": INT,
            "x": {"type": "number"},
            "y": {"type": "number"},
            "accessible": BOOL,
            "companion": BOOL,
            "status": {"type": "string", "enum": ["available", "booked"]},
        }
    ),
    "SeatMap": _obj(
        {
            "performance_id": INT,
            "venue_id": {"type": ["integer", "null"]},
            "seats": {"type": "array", "items": _ref("Seat")},
        }
    ),
    "Genres": _obj(
        {"items": {"type": "array", "items": _obj({"genre_id": INT, "name": STR})}}
    ),
    "Venues": _obj(
        {
            "items": {
                "type": "array",
                "items": _obj(
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
    "NewBooking": _obj(
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
    "Booking": _obj(
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
                "items": _obj(
                    {
                        "seat_id": INT,
                        "section": STR,
                        "row_label": STR,
                        "seat_number": INT,
                        "price_cents": INT,
                    }
                ),
            },
        }
    ),
    "Bookings": _obj({"items": {"type": "array", "items": _ref("Booking")}}),
    "Health": _obj({"status": STR}),
}


def _answer(status: str, description: str, schema: str | None = None) -> dict:
    answer = {"description": description}
    if schema:
        answer["content"] = {"application/json": {"schema": _ref(schema)}}
    return {status: answer}


def _errors(*statuses: int) -> dict:
    described = {}
    for status in statuses:
        described.update(_answer(str(status), "Error; see the code", "Error"))
    return described


def _operation(summary, answers, body=None, parameters=None, auth=False):
    # Any operation can fail unexpectedly or find the database away.
    operation = {"summary": summary, "responses": {**answers, **_errors(500, 503)}}
    if body:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    if parameters:
        operation["parameters"] = parameters
    if auth:
        operation["security"] = [{"session": []}]
    return operation


def _path_id(name: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }


def _query(name: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema}


WRITE_ERRORS = (400, 415)

PATHS = {
    "/api/health": {
        "get": _operation("Liveness check", _answer("200", "Running", "Health"))
    },
    "/api/auth/register": {
        "post": _operation(
            "Create an account and log in",
            {
                **_answer("201", "Registered", "UserEnvelope"),
                **_errors(*WRITE_ERRORS, 409),
            },
            body="Register",
        )
    },
    "/api/auth/login": {
        "post": _operation(
            "Log in with a username or email",
            {
                **_answer("200", "Logged in", "UserEnvelope"),
                **_errors(*WRITE_ERRORS, 401),
            },
            body="Login",
        )
    },
    "/api/auth/logout": {
        "post": _operation(
            "End the current session",
            {**_answer("204", "Logged out"), **_errors(*WRITE_ERRORS)},
            body="Empty",
        )
    },
    "/api/auth/me": {
        "get": _operation(
            "The logged-in user",
            {**_answer("200", "The user", "UserEnvelope"), **_errors(401)},
            auth=True,
        )
    },
    "/api/performances": {
        "get": _operation(
            "Upcoming performances, one page",
            {**_answer("200", "A page", "PerformancePage"), **_errors(400)},
            parameters=[
                _query("page", {"type": "integer", "minimum": 1, "default": 1}),
                _query(
                    "page_size",
                    {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                ),
                _query(
                    "sort",
                    {
                        "type": "string",
                        "enum": ["starts_at", "title", "genre", "venue"],
                        "default": "starts_at",
                    },
                ),
                _query("order", {"type": "string", "enum": ["asc", "desc"]}),
                _query("genre_id", {"type": "integer", "minimum": 1}),
                _query("venue_id", {"type": "integer", "minimum": 1}),
            ],
        )
    },
    "/api/performances/{performance_id}": {
        "get": _operation(
            "A performance with availability per section",
            {**_answer("200", "The performance", "Performance"), **_errors(404)},
            parameters=[_path_id("performance_id")],
        )
    },
    "/api/performances/{performance_id}/seats": {
        "get": _operation(
            "The seat map of a performance",
            {**_answer("200", "Every seat and its status", "SeatMap"), **_errors(404)},
            parameters=[_path_id("performance_id")],
        )
    },
    "/api/genres": {
        "get": _operation("All genres", _answer("200", "Genres", "Genres"))
    },
    "/api/venues": {
        "get": _operation("All venues", _answer("200", "Venues", "Venues"))
    },
    "/api/bookings": {
        "get": _operation(
            "My bookings, upcoming first",
            {**_answer("200", "Bookings", "Bookings"), **_errors(401)},
            auth=True,
        ),
        "post": _operation(
            "Book 1 to 10 seats of one performance, all or nothing",
            {
                **_answer("201", "Booked", "Booking"),
                **_errors(*WRITE_ERRORS, 401, 404, 409, 422),
            },
            body="NewBooking",
            auth=True,
        ),
    },
    "/api/bookings/{booking_id}": {
        "get": _operation(
            "One of my bookings",
            {**_answer("200", "The booking", "Booking"), **_errors(401, 404)},
            parameters=[_path_id("booking_id")],
            auth=True,
        )
    },
    "/api/bookings/{booking_id}/cancel": {
        "post": _operation(
            "Cancel one of my bookings; its seats become free",
            {
                **_answer("200", "Cancelled", "Booking"),
                **_errors(*WRITE_ERRORS, 401, 404, 409),
            },
            body="Empty",
            parameters=[_path_id("booking_id")],
            auth=True,
        )
    },
    "/api/openapi.json": {
        "get": _operation(
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


def document() -> dict:
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
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
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
