"""Performances, genres, venues, the seat map and its status over HTTP."""

from tests.api.conftest import error_code, log_in


def test_the_performance_list_gives_local_times_and_availability(client, world):
    response = client.get("/api/performances")

    assert response.status_code == 200
    body = response.json
    assert body["total"] == 5
    assert body["page"] == 1
    first = body["items"][0]
    assert first["performance_id"] == world.performances["carmen_london"]
    assert first["starts_at"].endswith("Z")
    assert first["time_zone"] == "Europe/London"
    assert first["capacity"] == 5
    assert first["seats_available"] == 5
    assert first["price_from_cents"] == 4000
    assert first["currency"] == "GBP"


def test_the_list_can_be_sorted_and_paged(client):
    page = client.get("/api/performances?sort=title&order=desc&page=2&page_size=2")

    assert page.status_code == 200
    assert [i["title"] for i in page.json["items"]] == ["Carmen", "Carmen"]
    assert page.json["sort"] == "title"


def test_the_list_can_be_filtered_by_venue(client, world):
    venue = world.venues["Other Place"]
    response = client.get(f"/api/performances?venue_id={venue}")

    assert [i["venue_id"] for i in response.json["items"]] == [venue]


def test_bad_query_parameters_are_refused_with_the_fields_named(client):
    response = client.get(
        "/api/performances?page=zero&page_size=1000&sort=price&order=up&genre_id=-3"
    )

    assert response.status_code == 400
    assert set(response.json["error"]["details"]["fields"]) == {
        "page",
        "page_size",
        "sort",
        "order",
        "genre_id",
    }


def test_a_performance_shows_its_show_venue_and_sections(client, world):
    response = client.get(f"/api/performances/{world.performances['hamlet_soon']}")

    body = response.json
    assert response.status_code == 200
    assert body["show"]["title"] == "Hamlet"
    assert body["show"]["cast"][0] == {"name": "Zoë Lead", "role": "Lead"}
    assert body["venue"]["name"] == "Test Hall"
    assert body["on_sale"] is True
    assert [s["name"] for s in body["sections"]] == ["Stalls", "Circle"]
    assert body["seats_available"] == 16


def test_local_time_follows_the_venue_zone_across_summer_time(client, world):
    before = client.get(f"/api/performances/{world.performances['carmen_before_dst']}")
    after = client.get(f"/api/performances/{world.performances['carmen_after_dst']}")

    assert before.json["local_starts_at"] == "2030-03-30T19:30:00"
    assert before.json["starts_at"] == "2030-03-30T18:30:00Z"
    assert after.json["local_starts_at"] == "2030-03-31T19:30:00"
    assert after.json["starts_at"] == "2030-03-31T17:30:00Z"


def test_an_unknown_or_malformed_performance_is_not_found(client):
    for path in ("/api/performances/999999", "/api/performances/abc",
                 "/api/performances/99999999999999999999999/seats"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert error_code(response) == "performance_not_found"


def test_the_seat_map_has_every_seat_with_position_and_status(client, world):
    response = client.get(
        f"/api/performances/{world.performances['hamlet_soon']}/seats"
    )

    seats = response.json["seats"]
    assert response.status_code == 200
    assert response.json["venue_id"] == world.venues["Test Hall"]
    assert len(seats) == 16
    first = next(s for s in seats if s["seat_id"] == world.hall("A", 1))
    assert first["accessible"] is True
    assert first["status"] == "available"
    assert isinstance(first["x"], float)


def test_the_seat_status_lists_what_the_seat_map_shows_taken(client, app, world):
    performance = world.performances["hamlet_soon"]
    holder = app.test_client()
    log_in(holder, "bob")
    holder.post(
        f"/api/performances/{performance}/holds",
        json={"seat_ids": [world.hall("B", 4), world.hall("A", 6)]},
    )
    log_in(client)
    client.post(
        "/api/bookings",
        json={
            "performance_id": performance,
            "seat_ids": [world.hall("B", 1), world.hall("A", 2)],
        },
    )

    response = client.get(f"/api/performances/{performance}/seats/status")
    seats = client.get(f"/api/performances/{performance}/seats").json["seats"]

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == {
        "performance_id": performance,
        "booked": sorted([world.hall("B", 1), world.hall("A", 2)]),
        "held": sorted([world.hall("B", 4), world.hall("A", 6)]),
    }
    for status in ("booked", "held"):
        assert response.json[status] == sorted(
            s["seat_id"] for s in seats if s["status"] == status
        )


def test_the_seat_status_of_an_unknown_performance_is_not_found(client):
    for path in ("/api/performances/999999/seats/status",
                 "/api/performances/abc/seats/status"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert error_code(response) == "performance_not_found"


def test_genres_and_venues_are_listed(client):
    genres = client.get("/api/genres").json["items"]
    venues = client.get("/api/venues").json["items"]

    assert [g["name"] for g in genres] == ["Drama", "Opera"]
    assert {v["name"]: v["capacity"] for v in venues} == {
        "Other Place": 5,
        "Test Hall": 16,
    }
