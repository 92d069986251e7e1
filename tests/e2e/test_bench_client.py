"""The benchmark's lean HTTP client against the real app over HTTP: what
the buyers of `make bench` see must be what the app answered."""

import asyncio
import time

import psycopg

from bench.client import Client
from tests.world import PASSWORD, PASSWORD_HASH

NAME = "benchclient"


def _buyer(seeded_db) -> None:
    with psycopg.connect(seeded_db) as conn:
        conn.execute(
            "insert into account.users (username, email, display_name, "
            "password_hash) values (%s, %s, %s, %s) on conflict do nothing",
            (NAME, f"{NAME}@example.com", NAME, PASSWORD_HASH),
        )


def test_a_logged_in_client_sends_its_cookie_and_reads_answers(live_server, seeded_db):
    _buyer(seeded_db)

    async def scenario():
        client = Client.to(live_server)
        anonymous = Client.to(live_server)
        try:
            login = await client.post(
                "/api/auth/login", json={"login": NAME, "password": PASSWORD}
            )
            me = await client.get("/api/auth/me")
            second = client.sharing_cookies()
            me_again = await second.get("/api/auth/me")
            nobody = await anonymous.get("/api/auth/me")
            refused = await client.post("/api/bookings", json={"seat_ids": "x"})
            # No body at all: 204 carries no length.
            logout = await second.post("/api/auth/logout", json={})
            after = await client.get("/api/auth/me")
            await second.close()
            return login, me, me_again, nobody, refused, logout, after
        finally:
            await client.close()
            await anonymous.close()

    login, me, me_again, nobody, refused, logout, after = asyncio.run(scenario())
    assert login.status == 200
    assert me.status == 200 and me.json()["user"]["username"] == NAME
    assert me_again.status == 200 and me_again.json()["user"]["username"] == NAME
    assert nobody.status == 401
    assert nobody.json()["error"]["code"] == "unauthenticated"
    assert refused.status == 400
    assert refused.json()["error"]["code"] == "validation_failed"
    assert logout.status == 204 and logout.body == b""
    assert after.status == 401


def test_a_connection_the_app_closed_while_idle_is_opened_again(live_server):
    # The test server keeps an idle connection for gunicorn's default 2 s.
    async def scenario():
        client = Client.to(live_server)
        try:
            first = await client.get("/api/health")
            await asyncio.sleep(3)
            began = time.perf_counter()
            second = await client.get("/api/health")
            return first, second, time.perf_counter() - began
        finally:
            await client.close()

    first, second, took = asyncio.run(scenario())
    assert first.status == 200
    assert second.status == 200
    assert took < 5
