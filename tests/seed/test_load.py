"""Loading the seed data into a database."""

import psycopg


def test_loading_works_out_every_leaderboard(seeded_db):
    with psycopg.connect(seeded_db) as conn:
        stored = conn.execute(
            "select period, metric from report.ranking_snapshots order by 1, 2"
        ).fetchall()
        ranked = conn.execute(
            "select count(*) from report.ranking_totals where period = 'all_time'"
        ).fetchone()[0]

    assert stored == [
        (period, metric)
        for period in ("all_time", "last_30_days", "this_year")
        for metric in ("bookings", "tickets")
    ]
    # Other tests book in this database later; the boards hold whoever
    # had booked when it was loaded.
    assert ranked > 0
