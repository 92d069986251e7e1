"""The whole booking flow through the API, on each engine.

PostgreSQL always runs; SQL Server runs when MSSQL_URL names a database the
tests may deploy to and seed. The API code is the same for both: only the
gateway knows which engine answers.
"""

import os
import uuid

import pytest

from api import create_app
from seed.load import DEMO_PASSWORD


@pytest.fixture(params=["postgresql", "sqlserver"])
def engine_url(request):
    if request.param == "postgresql":
        return request.getfixturevalue("seeded_db")

    url = os.environ.get("MSSQL_URL")
    if not url:
        pytest.skip("MSSQL_URL is not set: no SQL Server to test against")

    from tools import mssql_deploy

    conn = mssql_deploy.connect(url)
    try:
        mssql_deploy.deploy(conn)
        mssql_deploy.seed(conn)
    finally:
        conn.close()
    return url


@pytest.fixture
def client(engine_url):
    app = create_app(
        {"DATABASE_URL": engine_url, "SECRET_KEY": "engines", "BCRYPT_ROUNDS": 4}
    )
    yield app.test_client()
    app.db.close()


def test_register_browse_book_conflict_and_cancel_behave_the_same(client):
    name = f"eng{uuid.uuid4().hex[:10]}"
    registered = client.post(
        "/api/auth/register",
        json={
            "username": name,
            "email": f"{name}@example.com",
            "display_name": "Engine Tester",
            "password": "long enough password",
        },
    )
    assert registered.status_code == 201

    page = client.get("/api/performances?page_size=50").json
    target = next(i for i in page["items"] if i["seats_available"] >= 5)
    detail = client.get(f"/api/performances/{target['performance_id']}").json
    seats = client.get(f"/api/performances/{target['performance_id']}/seats").json
    free = [s["seat_id"] for s in seats["seats"] if s["status"] == "available"]

    booked = client.post(
        "/api/bookings",
        json={"performance_id": target["performance_id"], "seat_ids": free[:2]},
    )
    again = client.post(
        "/api/bookings",
        json={"performance_id": target["performance_id"], "seat_ids": free[1:3]},
    )
    after = client.get(f"/api/performances/{target['performance_id']}").json
    cancelled = client.post(
        f"/api/bookings/{booked.json['booking_id']}/cancel", json={}
    )
    restored = client.get(f"/api/performances/{target['performance_id']}").json

    assert detail["show"]["title"] == target["title"]
    assert booked.status_code == 201
    assert booked.json["seat_count"] == 2
    assert again.status_code == 409
    assert again.json["error"]["code"] == "seat_taken"
    assert again.json["error"]["details"]["seat_ids"] == [free[1]]
    assert after["seats_available"] == detail["seats_available"] - 2
    assert cancelled.json["status"] == "cancelled"
    assert restored["seats_available"] == detail["seats_available"]


def test_the_demo_account_logs_in_and_sees_its_history(client):
    response = client.post(
        "/api/auth/login", json={"login": "demo", "password": DEMO_PASSWORD}
    )
    bookings = client.get("/api/bookings").json["items"]

    assert response.status_code == 200
    assert len(bookings) >= 6
    assert {b["status"] for b in bookings} == {"confirmed", "cancelled"}
