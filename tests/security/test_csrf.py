"""Cross-site writes: forms and text bodies are refused, and so is anything a
browser marks as coming from another site; none of them writes a thing."""

import json

import psycopg
import pytest

from tests.security.conftest import log_in


def _counts(url: str) -> tuple[int, int, int]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "select (select count(*) from account.users),"
            " (select count(*) from booking.bookings),"
            " (select count(*) from booking.bookings where status = 'cancelled')"
        ).fetchone()


def _booking(client, world) -> int:
    response = client.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [world.hall("A", 2)],
        },
    )
    assert response.status_code == 201
    return response.json["booking_id"]


def _writes(world, booking_id: int) -> list[tuple[str, dict]]:
    return [
        (
            "/api/auth/register",
            {
                "username": "forged",
                "email": "forged@example.com",
                "display_name": "Forged",
                "password": "a long enough secret",
            },
        ),
        (
            "/api/bookings",
            {
                "performance_id": world.performances["hamlet_soon"],
                "seat_ids": [world.hall("A", 5)],
            },
        ),
        (f"/api/bookings/{booking_id}/cancel", {}),
    ]


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"],
)
def test_a_cross_site_form_or_text_post_is_refused_and_writes_nothing(
    client, fresh_db, world, content_type
):
    log_in(client)
    booking_id = _booking(client, world)
    before = _counts(fresh_db)

    answers = []
    for path, body in _writes(world, booking_id):
        if content_type == "text/plain":
            data = json.dumps(body)
        elif content_type == "multipart/form-data":
            data = {key: str(value) for key, value in body.items()}
        else:
            data = "&".join(f"{key}={value}" for key, value in body.items())
        response = client.post(
            path,
            data=data,
            content_type=None
            if content_type == "multipart/form-data"
            else content_type,
        )
        answers.append((response.status_code, response.json["error"]["code"]))

    assert answers == [(415, "unsupported_media_type")] * 3
    assert _counts(fresh_db) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["foreign origin", "opaque origin", "cross-site fetch", "sibling-site fetch"],
)
def test_a_json_write_a_browser_marks_as_cross_site_is_refused_and_writes_nothing(
    client, fresh_db, world, headers
):
    log_in(client)
    booking_id = _booking(client, world)
    before = _counts(fresh_db)

    answers = [
        client.post(path, json=body, headers=headers)
        for path, body in _writes(world, booking_id)
    ]

    assert [a.status_code for a in answers] == [403] * 3
    assert {a.json["error"]["code"] for a in answers} == {"cross_site_request"}
    assert _counts(fresh_db) == before


def test_a_write_from_the_site_itself_passes_both_checks(client, world):
    log_in(client)
    response = client.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [world.hall("A", 6)],
        },
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 201


def test_reads_from_another_site_are_not_refused_but_carry_no_cors_grant(client):
    response = client.get("/api/genres", headers={"Origin": "https://evil.example"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
