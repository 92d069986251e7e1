"""Turns routine rows into the JSON shapes of docs/api.md."""

from datetime import UTC, datetime


def instant(value: datetime | None) -> str | None:
    """A timestamptz as ISO 8601 in UTC with a Z."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def wall_clock(value: datetime | None) -> str | None:
    """A local wall-clock time (no zone) as ISO 8601."""
    return value.isoformat() if value is not None else None


def booking(row: dict) -> dict:
    return {
        "booking_id": row["booking_id"],
        "performance_id": row["performance_id"],
        "status": row["status"],
        "created_at": instant(row["created_at"]),
        "cancelled_at": instant(row["cancelled_at"]),
        "total_cents": row["total_cents"],
        "currency": row["currency"],
        "seat_count": row["seat_count"],
        "title": row["title"],
        "venue_name": row["venue_name"],
        "city": row["city"],
        "time_zone": row["time_zone"],
        "starts_at": instant(row["starts_at"]),
        "local_starts_at": wall_clock(row["local_starts_at"]),
        "cancellable": row["cancellable"],
        "seats": row["seats"],
        "duration_minutes": row["duration_minutes"],
    }


def performance_summary(row: dict) -> dict:
    """What every list of performances shows: the show, where, and when."""
    return {
        "performance_id": row["performance_id"],
        "show_id": row["show_id"],
        "title": row["title"],
        "genre": row["genre"],
        "genre_id": row["genre_id"],
        "venue_id": row["venue_id"],
        "venue_name": row["venue_name"],
        "city": row["city"],
        "time_zone": row["time_zone"],
        "starts_at": instant(row["starts_at"]),
        "local_starts_at": wall_clock(row["local_starts_at"]),
        "duration_minutes": row["duration_minutes"],
    }


def performance_row(row: dict) -> dict:
    """A performance in a list, with how many seats are left and from what price."""
    return {
        **performance_summary(row),
        "seats_available": row["seats_available"],
        "capacity": row["capacity"],
        "price_from_cents": row["price_from_cents"],
        "currency": row["currency"],
    }


def performance_detail(row: dict) -> dict:
    return {
        "performance_id": row["performance_id"],
        "status": row["status"],
        "on_sale": row["on_sale"],
        "starts_at": instant(row["starts_at"]),
        "local_starts_at": wall_clock(row["local_starts_at"]),
        "time_zone": row["time_zone"],
        "currency": row["currency"],
        "seats_available": row["seats_available"],
        "capacity": row["capacity"],
        "show": {
            "show_id": row["show_id"],
            "title": row["title"],
            "description": row["description"],
            "genre": row["genre"],
            "duration_minutes": row["duration_minutes"],
            "director": row["director"],
            "cast": row["cast_members"],
        },
        "venue": {
            "venue_id": row["venue_id"],
            "name": row["venue_name"],
            "city": row["city"],
            "address": row["address"],
            "time_zone": row["time_zone"],
        },
        "sections": row["sections"],
    }
