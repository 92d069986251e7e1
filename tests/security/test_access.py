"""No user reaches another user's bookings or account by any id, and extra
fields in a request set nothing. The walk reads the OpenAPI document, so it
covers every endpoint, including ones added later."""

import re

import psycopg
import pytest
from psycopg.rows import dict_row

from api.openapi import document
from tests.security.conftest import log_in, without_streams

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _snapshot(url: str, user_id: int) -> dict:
    """Everything the database holds about one user."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return {
            "user": conn.execute(
                "select * from account.users where user_id = %s", (user_id,)
            ).fetchall(),
            "sessions": conn.execute(
                "select session_id, ended_at from account.sessions"
                " where user_id = %s order by session_id",
                (user_id,),
            ).fetchall(),
            "bookings": conn.execute(
                "select * from booking.bookings where user_id = %s order by booking_id",
                (user_id,),
            ).fetchall(),
            "seats": conn.execute(
                "select bs.* from booking.booked_seats bs"
                " join booking.bookings b using (booking_id)"
                " where b.user_id = %s order by bs.seat_id",
                (user_id,),
            ).fetchall(),
        }


class Victim:
    def __init__(self, user_id: int, booking_id: int, seat_id: int):
        self.user_id = user_id
        self.booking_id = booking_id
        self.seat_id = seat_id


@pytest.fixture
def victim(app, world) -> Victim:
    bob = app.test_client()
    user = log_in(bob, "bob")
    seat = world.hall("B", 6)
    booked = bob.post(
        "/api/bookings",
        json={"performance_id": world.performances["hamlet_soon"], "seat_ids": [seat]},
    )
    assert booked.status_code == 201
    return Victim(user["user_id"], booked.json["booking_id"], seat)


def _value_for(name: str, schema: dict, victim: Victim, world) -> object:
    """A value for a parameter or field, pointing at the victim where it can."""
    name = name.lower()
    kind = schema.get("type")
    if "booking" in name and kind != "array":
        return victim.booking_id
    if "user" in name and kind == "integer":
        return victim.user_id
    if "performance" in name and kind == "integer":
        return world.performances["hamlet_soon"]
    if kind == "array":
        return [victim.seat_id]
    if kind == "integer":
        return 1
    if kind == "boolean":
        return False
    if "email" in name:
        return "bob@example.com"
    if schema.get("enum"):
        return schema["enum"][0]
    return "walk-value-123"


def _resolve(schema: dict, components: dict) -> dict:
    if "$ref" in schema:
        return components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _operations():
    doc = without_streams(document())
    for path, item in sorted(doc["paths"].items()):
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation, doc["components"]["schemas"]


def _request(path, method, operation, components, victim, world):
    params = operation.get("parameters", [])
    url = path
    query = {}
    for param in params:
        value = _value_for(param["name"], param.get("schema", {}), victim, world)
        if param["in"] == "path":
            url = url.replace("{" + param["name"] + "}", str(value))
        elif param["in"] == "query" and (
            "user" in param["name"] or "booking" in param["name"]
        ):
            query[param["name"]] = value

    body = None
    if method in WRITE_METHODS:
        # Every id a request could carry, pointing at the victim.
        body = {"user_id": victim.user_id, "booking_id": victim.booking_id}
        content = operation.get("requestBody", {}).get("content", {})
        schema = _resolve(
            content.get("application/json", {}).get("schema", {}), components
        )
        for name, field in schema.get("properties", {}).items():
            field = _resolve(field, components)
            body[name] = _value_for(name, field, victim, world)
    return url, query, body


def test_no_endpoint_lets_a_user_read_change_or_cancel_another_users_things(
    app, fresh_db, world, victim
):
    before = _snapshot(fresh_db, victim.user_id)
    mallory = app.test_client()
    log_in(mallory, "alice")

    walked = []
    # Logging out last keeps the walker logged in for the rest.
    operations = sorted(_operations(), key=lambda o: o[0] == "/api/auth/logout")
    for path, method, operation, components in operations:
        url, query, body = _request(path, method, operation, components, victim, world)
        response = mallory.open(
            url, method=method.upper(), query_string=query, json=body
        )
        walked.append((method.upper(), path, response.status_code))

        assert response.status_code < 500, (method, path, response.json)
        if re.search(r"\{[a-z_]*booking[a-z_]*\}", path):
            assert response.status_code in {403, 404}, (method, path)
        assert str(victim.booking_id) not in _booking_ids(
            response.get_json(silent=True)
        )

    assert len(walked) >= 10
    assert _snapshot(fresh_db, victim.user_id) == before


def _booking_ids(body) -> set[str]:
    found = set()
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "booking_id":
                found.add(str(value))
            found |= _booking_ids(value)
    elif isinstance(body, list):
        for item in body:
            found |= _booking_ids(item)
    return found


def test_extra_fields_at_registration_set_nothing(client, fresh_db):
    response = client.post(
        "/api/auth/register",
        json={
            "username": "sneaky",
            "email": "sneaky@example.com",
            "display_name": "Sneaky",
            "password": "a long enough secret",
            "user_id": 1,
            "role": "admin",
            "is_admin": True,
            "created_at": "2000-01-01T00:00:00Z",
        },
    )
    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        row = conn.execute(
            "select * from account.users where username = 'sneaky'"
        ).fetchone()

    assert response.status_code == 201
    assert response.json["user"]["user_id"] not in {1}
    assert row["created_at"].year > 2000
    assert "role" not in row and "is_admin" not in row


def test_extra_fields_in_a_booking_cannot_set_owner_price_or_status(
    app, fresh_db, world, victim
):
    client = app.test_client()
    alice = log_in(client, "alice")
    response = client.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [world.hall("A", 4)],
            "user_id": victim.user_id,
            "total_cents": 0,
            "price_cents": 1,
            "status": "cancelled",
        },
    )
    with psycopg.connect(fresh_db, row_factory=dict_row) as conn:
        row = conn.execute(
            "select user_id, total_cents, status from booking.bookings"
            " where booking_id = %s",
            (response.json["booking_id"],),
        ).fetchone()

    assert response.status_code == 201
    assert row == {
        "user_id": alice["user_id"],
        "total_cents": 4000,
        "status": "confirmed",
    }
