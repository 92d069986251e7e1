"""Booking, listing and cancelling over HTTP, including other users' ids."""

import pytest

from tests.api.conftest import error_code, log_in


def book(client, world, seats, performance="hamlet_soon"):
    return client.post(
        "/api/bookings",
        json={"performance_id": world.performances[performance], "seat_ids": seats},
    )


def sold(client, world, performance="hamlet_soon") -> int:
    body = client.get(f"/api/performances/{world.performances[performance]}").json
    return body["capacity"] - body["seats_available"]


def test_booking_needs_a_session(client, world):
    response = book(client, world, [world.hall("A", 3)])

    assert response.status_code == 401
    assert error_code(response) == "unauthenticated"
    assert sold(client, world) == 0


def test_a_group_booking_is_confirmed_and_listed(client, world):
    log_in(client)
    seats = [world.hall("B", 1), world.hall("B", 2), world.hall("B", 3)]

    response = book(client, world, seats)
    listed = client.get("/api/bookings").json["items"]

    assert response.status_code == 201
    booking = response.json
    assert booking["status"] == "confirmed"
    assert booking["seat_count"] == 3
    assert booking["total_cents"] == 12000
    assert booking["local_starts_at"]
    assert [b["booking_id"] for b in listed] == [booking["booking_id"]]
    assert sold(client, world) == 3


def test_a_taken_seat_is_a_conflict_naming_the_seat_and_books_nothing(app, world):
    alice, bob = app.test_client(), app.test_client()
    log_in(alice, "alice")
    log_in(bob, "bob")
    book(alice, world, [world.hall("A", 5)])

    response = book(bob, world, [world.hall("A", 4), world.hall("A", 5)])

    assert response.status_code == 409
    assert error_code(response) == "seat_taken"
    assert response.json["error"]["details"]["seat_ids"] == [world.hall("A", 5)]
    assert "A-5" in response.json["error"]["message"]
    assert bob.get("/api/bookings").json["items"] == []
    assert sold(bob, world) == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 400, "validation_failed"),
        ({"performance_id": "1", "seat_ids": [1]}, 400, "validation_failed"),
        ({"performance_id": 1, "seat_ids": "1,2"}, 400, "validation_failed"),
        ({"performance_id": 1, "seat_ids": [True]}, 400, "validation_failed"),
        ({"performance_id": 1, "seat_ids": [1.5]}, 400, "validation_failed"),
        ({"performance_id": 1, "seat_ids": [2**70]}, 400, "validation_failed"),
        ({"performance_id": 0, "seat_ids": [1]}, 400, "validation_failed"),
        ({"performance_id": 999999, "seat_ids": [1]}, 404, "performance_not_found"),
    ],
)
def test_bad_booking_requests_are_refused(client, world, body, status, code):
    log_in(client)

    response = client.post("/api/bookings", json=body)

    assert response.status_code == status, response.json
    assert error_code(response) == code
    assert client.get("/api/bookings").json["items"] == []


def test_zero_or_eleven_seats_are_refused(client, world):
    log_in(client)

    none = book(client, world, [])
    eleven = book(client, world, world.hall_seats()[:11])

    assert none.status_code == eleven.status_code == 422
    assert error_code(none) == error_code(eleven) == "seat_count_out_of_range"
    assert sold(client, world) == 0


def test_seats_of_another_venue_and_repeated_seats_are_refused(client, world):
    log_in(client)

    foreign = book(client, world, [world.seat("Other Place", "Main", "A", 1)])
    repeated = book(client, world, [world.hall("A", 3), world.hall("A", 3)])

    assert foreign.status_code == 422
    assert error_code(foreign) == "seat_not_in_venue"
    assert repeated.status_code == 422
    assert error_code(repeated) == "duplicate_seat"
    assert sold(client, world) == 0


def test_past_and_cancelled_performances_cannot_be_booked(client, world):
    log_in(client)

    past = book(client, world, [world.hall("A", 3)], "hamlet_past")
    cancelled = book(client, world, [world.hall("A", 3)], "hamlet_cancelled")

    assert past.status_code == cancelled.status_code == 409
    assert error_code(past) == "performance_not_on_sale"


def test_cancelling_frees_the_seats(client, world):
    log_in(client)
    booking = book(client, world, [world.hall("A", 6)]).json

    response = client.post(f"/api/bookings/{booking['booking_id']}/cancel", json={})
    again = client.post(f"/api/bookings/{booking['booking_id']}/cancel", json={})

    assert response.status_code == 200
    assert response.json["status"] == "cancelled"
    assert sold(client, world) == 0
    assert again.status_code == 409
    assert error_code(again) == "booking_not_cancellable"


def test_another_users_booking_cannot_be_read_or_cancelled(app, world):
    alice, bob = app.test_client(), app.test_client()
    log_in(alice, "alice")
    log_in(bob, "bob")
    booking_id = book(alice, world, [world.hall("B", 6)]).json["booking_id"]

    read = bob.get(f"/api/bookings/{booking_id}")
    cancel = bob.post(f"/api/bookings/{booking_id}/cancel", json={})
    listed = bob.get("/api/bookings").json["items"]

    assert read.status_code == cancel.status_code == 404
    assert error_code(read) == "booking_not_found"
    assert listed == []
    assert alice.get(f"/api/bookings/{booking_id}").json["status"] == "confirmed"
    assert sold(alice, world) == 1


def test_extra_fields_cannot_set_the_owner_or_the_price(app, world):
    alice = app.test_client()
    me = log_in(alice, "alice")

    response = alice.post(
        "/api/bookings",
        json={
            "performance_id": world.performances["hamlet_soon"],
            "seat_ids": [world.hall("A", 3)],
            "user_id": world.users["bob"],
            "total_cents": 1,
            "status": "cancelled",
        },
    )

    assert response.status_code == 201
    assert response.json["total_cents"] == 4000
    assert response.json["status"] == "confirmed"
    assert alice.get(f"/api/bookings/{response.json['booking_id']}").status_code == 200
    assert me["user_id"] == world.users["alice"]


def test_cancel_refuses_a_form_post(client, world):
    log_in(client)
    booking_id = book(client, world, [world.hall("A", 3)]).json["booking_id"]

    response = client.post(f"/api/bookings/{booking_id}/cancel", data={"x": "1"})

    assert response.status_code == 415
    assert client.get(f"/api/bookings/{booking_id}").json["status"] == "confirmed"
