"""Fifty-odd buyers over real HTTP, racing for the same seats."""

import random
import threading

import psycopg
import requests

from tests.world import PASSWORD, PASSWORD_HASH

CLIENTS = 56


def _make_buyers(seeded_db) -> list[str]:
    names = [f"racer{i:03d}" for i in range(CLIENTS)]
    with psycopg.connect(seeded_db) as conn:
        for name in names:
            conn.execute(
                "insert into account.users (username, email, display_name, "
                "password_hash) values (%s, %s, %s, %s) on conflict do nothing",
                (name, f"{name}@example.com", name, PASSWORD_HASH),
            )
    return names


def _target(base: str) -> tuple[int, list[int]]:
    """An upcoming performance and thirty of its free seats in a few rows."""
    page = requests.get(f"{base}/api/performances?page_size=100", timeout=10).json()
    for item in page["items"]:
        if item["seats_available"] < 60:
            continue
        seats = requests.get(
            f"{base}/api/performances/{item['performance_id']}/seats", timeout=10
        ).json()["seats"]
        free = [s["seat_id"] for s in seats if s["status"] == "available"]
        if len(free) >= 30:
            return item["performance_id"], sorted(free)[:30]
    raise AssertionError("no upcoming performance with 30 free seats in the seed")


def test_concurrent_http_buyers_never_share_a_seat(live_server, seeded_db):
    names = _make_buyers(seeded_db)
    performance, seats = _target(live_server)
    rng = random.Random(11)
    wanted = []
    for _ in range(CLIENTS):
        size = rng.choice((1, 1, 1, 2, 3, 4))
        start = rng.randrange(0, len(seats) - size + 1)
        wanted.append(seats[start : start + size])

    sessions = []
    for name in names:
        session = requests.Session()
        answer = session.post(
            f"{live_server}/api/auth/login",
            json={"login": name, "password": PASSWORD},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        sessions.append(session)

    barrier = threading.Barrier(CLIENTS)
    results = [None] * CLIENTS

    def buy(index: int) -> None:
        barrier.wait()
        results[index] = sessions[index].post(
            f"{live_server}/api/bookings",
            json={"performance_id": performance, "seat_ids": wanted[index]},
            timeout=60,
        )

    threads = [threading.Thread(target=buy, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    won = [r for r in results if r.status_code == 201]
    lost = [r for r in results if r.status_code != 201]
    assert won and lost
    for response in lost:
        assert response.status_code == 409, response.text
        assert response.json()["error"]["code"] == "seat_taken"
        assert response.json()["error"]["details"]["seat_ids"]

    with psycopg.connect(seeded_db) as conn:
        rows = conn.execute(
            "select bs.seat_id, b.booking_id from booking.booked_seats bs "
            "join booking.bookings b using (booking_id) "
            "join account.users u using (user_id) "
            "where bs.performance_id = %s and bs.is_active",
            (performance,),
        ).fetchall()
        capacity = conn.execute(
            "select count(*) from catalog.seats s join catalog.performances p "
            "using (venue_id) where p.performance_id = %s",
            (performance,),
        ).fetchone()[0]
        racer_bookings = conn.execute(
            "select b.booking_id from booking.bookings b "
            "join account.users u using (user_id) "
            "where u.username like 'racer%%' and b.performance_id = %s",
            (performance,),
        ).fetchall()

    sold = [seat for seat, _ in rows]
    assert len(sold) == len(set(sold)), "a seat was sold twice"
    assert len(sold) <= capacity
    reported = sorted(r.json()["booking_id"] for r in won)
    assert reported == sorted(b for (b,) in racer_bookings)
    won_seats = {s["seat_id"] for r in won for s in r.json()["seats"]}
    assert won_seats <= set(seats)
    assert won_seats == {seat for seat, _ in rows} & set(seats)
