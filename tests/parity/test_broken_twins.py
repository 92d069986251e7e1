"""Each check notices a twin that is missing or differs.

Every test breaks one thing in a copy of the database layer and expects the
checker to name it.
"""

import json

from tests.parity import twins
from tests.parity.conftest import edit

SCHEMA = "sql/mssql/0001_core_schema.sql"


def only(problems: list[str], *words: str) -> str:
    """The one problem that mentions all the words."""
    matching = [p for p in problems if all(w in p for w in words)]
    assert len(matching) == 1, problems
    return matching[0]


# Parsing ----------------------------------------------------------------


def test_an_unparsable_batch_is_reported_with_its_file_and_line(tree):
    path = tree / "procs/mssql/booking.book_seats.sql"
    path.write_text(path.read_text() + "\nSELEC seat_id FROM;\nGO\n")

    problems = twins.parse_problems([path], tree)

    assert problems
    assert all("booking.book_seats.sql" in p for p in problems)
    assert any("unparsable" in p.lower() for p in problems)


def test_a_select_with_a_dangling_comma_does_not_parse(tree):
    path = tree / "procs/mssql/catalog.list_genres.sql"
    edit(path, "SELECT g.genre_id, g.name\n", "SELECT g.genre_id, g.name,\n")

    problem = only(twins.parse_problems([path], tree), "catalog.list_genres.sql")

    assert "unparsable" in problem


def test_a_file_that_does_not_even_lex_is_reported(tree):
    path = tree / "procs/mssql/catalog.list_venues.sql"
    edit(path, "ORDER BY v.name;", "ORDER BY (v.name;")

    assert twins.parse_problems([path], tree)


def test_a_throw_without_its_comma_is_reported(tree):
    """sqlfluff accepts it; SQL Server does not."""
    path = tree / "procs/mssql/account.create_session.sql"
    edit(path, "THROW 50012, N'No such user.', 1;", "THROW 50012 N'No such user.', 1;")

    only(twins.style_problems(tree), "account.create_session.sql", "THROW")


# Files --------------------------------------------------------------------


def test_a_missing_procedure_file_is_reported(tree):
    (tree / "procs/mssql/booking.cancel_booking.sql").unlink()

    problem = only(twins.manifest_problems(tree), "procs/mssql")

    assert "booking.cancel_booking" in problem


def test_a_file_not_in_the_manifest_is_reported(tree):
    (tree / "procs/mssql/report.stray.sql").write_text("SELECT 1;\n")

    assert "report.stray" in only(twins.manifest_problems(tree), "unlisted")


# Tables -------------------------------------------------------------------


def test_a_dropped_column_is_reported(tree):
    edit(tree / SCHEMA, "    seat_count int NOT NULL,\n", "")

    problem = only(twins.schema_problems(tree), "booking.bookings", "columns")

    assert "seat_count" in problem


def test_a_column_type_that_differs_is_reported(tree):
    edit(tree / SCHEMA, "x decimal(7, 2) NOT NULL", "x decimal(9, 3) NOT NULL")

    only(twins.schema_problems(tree), "catalog.seats.x", "type")


def test_a_boolean_stored_as_a_number_is_reported(tree):
    edit(tree / SCHEMA, "is_active bit NOT NULL", "is_active int NOT NULL")

    only(twins.schema_problems(tree), "booking.booked_seats.is_active", "type")


def test_a_column_that_allows_null_on_one_side_only_is_reported(tree):
    edit(
        tree / SCHEMA,
        "expires_at datetimeoffset(6) NOT NULL,",
        "expires_at datetimeoffset(6) NULL,",
    )

    only(twins.schema_problems(tree), "account.sessions.expires_at", "nullable")


def test_a_missing_foreign_key_is_reported(tree):
    edit(
        tree / SCHEMA,
        "    CONSTRAINT booked_seats_seat_venue_fk FOREIGN KEY (seat_id, venue_id)\n"
        "        REFERENCES catalog.seats (seat_id, venue_id),\n",
        "",
    )

    only(twins.schema_problems(tree), "booked_seats_seat_venue_fk", "missing")


def test_a_foreign_key_without_its_cascade_is_reported(tree):
    edit(
        tree / SCHEMA,
        "REFERENCES account.users (user_id) ON DELETE CASCADE,",
        "REFERENCES account.users (user_id),",
    )

    only(twins.schema_problems(tree), "sessions_user_id_fkey")


def test_a_missing_unique_constraint_is_reported(tree):
    edit(
        tree / SCHEMA, "    CONSTRAINT seats_id_venue UNIQUE (seat_id, venue_id),\n", ""
    )

    only(twins.schema_problems(tree), "seats_id_venue", "missing")


def test_a_missing_check_is_reported(tree):
    edit(
        tree / SCHEMA,
        "    CONSTRAINT seats_number_positive CHECK (seat_number > 0),\n",
        "",
    )

    only(twins.schema_problems(tree), "seats_number_positive")


def test_the_active_seat_index_without_its_filter_is_reported(tree):
    edit(
        tree / SCHEMA,
        "(performance_id, seat_id)\n    WHERE is_active = 1;",
        "(performance_id, seat_id);",
    )

    only(twins.schema_problems(tree), "booked_seats_one_active_per_seat")


def test_an_index_made_again_with_other_columns_is_reported(tree):
    # A later migration drops the index and makes it again; only the
    # SQL Server one here forgets a column.
    edit(
        tree / "sql/mssql/0011_search_covering_index.sql",
        "(show_id, venue_id, starts_at, performance_id)",
        "(show_id, venue_id, starts_at)",
    )

    only(twins.schema_problems(tree), "performances_show_venue_starts_idx")


def test_an_index_dropped_on_one_side_only_is_reported(tree):
    edit(
        tree / "sql/mssql/0011_search_covering_index.sql",
        "CREATE INDEX performances_show_venue_starts_idx\n"
        "    ON catalog.performances (show_id, venue_id, starts_at, performance_id)\n"
        "    WHERE status = N'scheduled';\nGO\n",
        "",
    )

    only(
        twins.schema_problems(tree),
        "performances_show_venue_starts_idx",
        "not on SQL Server",
    )


def test_indexes_of_a_table_only_postgresql_keeps_are_not_reported(tree):
    (tree / "sql/postgres/0999_more_indexes.sql").write_text(
        "create index seat_map_parts_by_row on catalog.seat_map_parts (row_label);\n"
        "create index seats_by_row on catalog.seats (row_label);\n"
    )
    (tree / "sql/mssql/0999_more_indexes.sql").write_text("SELECT 1;\nGO\n")

    problems = twins.schema_problems(tree)

    assert [p for p in problems if "seat_map_parts" in p] == []
    only(problems, "seats_by_row", "not on SQL Server")


def test_a_case_sensitive_email_column_is_reported(tree):
    edit(
        tree / SCHEMA,
        "email nvarchar(254) COLLATE Latin1_General_100_CI_AS_SC",
        "email nvarchar(254) COLLATE Latin1_General_100_CS_AS_SC",
    )

    only(twins.schema_problems(tree), "users_email_key", "case-insensitive")


def test_a_table_only_on_sql_server_is_reported(tree):
    path = tree / SCHEMA
    path.write_text(
        path.read_text()
        + "\nCREATE TABLE booking.notes (note_id bigint NOT NULL);\nGO\n"
    )

    only(twins.schema_problems(tree), "booking.notes", "not on PostgreSQL")


def test_a_later_migration_on_one_side_only_is_reported(tree):
    (tree / "sql/postgres/0999_booking_notes.sql").write_text(
        "alter table booking.bookings add column note text;\n"
    )

    only(twins.schema_problems(tree), "booking.bookings", "note")

    (tree / "sql/mssql/0999_booking_notes.sql").write_text(
        "ALTER TABLE booking.bookings ADD note nvarchar(max) NULL;\nGO\n"
    )

    assert twins.schema_problems(tree) == []


# Routines -----------------------------------------------------------------


def test_a_renamed_parameter_is_reported(tree):
    edit(
        tree / "procs/mssql/booking.book_seats.sql",
        "    @SeatIds nvarchar(max)\nAS",
        "    @Seats nvarchar(max)\nAS",
    )

    problem = only(twins.routine_problems(tree), "booking.book_seats")

    assert "@Seats" in problem and "@SeatIds" in problem


def test_parameters_in_another_order_are_reported(tree):
    edit(
        tree / "procs/mssql/booking.cancel_booking.sql",
        "    @UserId bigint,\n    @BookingId bigint\n",
        "    @BookingId bigint,\n    @UserId bigint\n",
    )

    only(twins.routine_problems(tree), "booking.cancel_booking", "parameters")


def test_a_parameter_of_another_type_is_reported(tree):
    edit(
        tree / "procs/mssql/account.end_session.sql",
        "@SessionId uniqueidentifier",
        "@SessionId nvarchar(36)",
    )

    only(twins.routine_problems(tree), "@SessionId")


def test_a_renamed_result_column_is_reported(tree):
    edit(
        tree / "procs/mssql/catalog.list_performances.sql",
        "counts.capacity - counts.booked - held.seats AS seats_available,",
        "counts.capacity - counts.booked - held.seats AS seats_left,",
    )

    problem = only(twins.routine_problems(tree), "catalog.list_performances")

    assert "seats_left" in problem


def test_a_result_column_missing_from_the_view_is_reported(tree):
    edit(
        tree / "procs/mssql/booking.booking_details.sql",
        "    v.city,\n",
        "",
    )

    only(twins.routine_problems(tree), "booking.booking_details", "result columns")


def test_a_procedure_with_another_name_than_its_file_is_reported(tree):
    edit(
        tree / "procs/mssql/catalog.list_genres.sql",
        "CREATE OR ALTER PROCEDURE catalog.list_genres",
        "CREATE OR ALTER PROCEDURE catalog.list_all_genres",
    )

    only(twins.routine_problems(tree), "catalog.list_all_genres")


# Errors -------------------------------------------------------------------


def test_an_error_number_not_in_the_catalog_is_reported(tree):
    edit(
        tree / "procs/mssql/booking.get_booking.sql",
        "THROW 50010, N'No such booking.', 1;",
        "THROW 50099, N'No such booking.', 1;",
    )

    problems = twins.error_problems(tree)

    only(problems, "50099", "not in sql/errors.json")
    only(problems, "booking.get_booking", "booking_not_found", "not on SQL Server")


def test_a_sqlstate_not_in_the_catalog_is_reported(tree):
    edit(
        tree / "procs/postgres/account.create_session.sql",
        "errcode = 'BX012'",
        "errcode = 'BX099'",
    )

    only(twins.error_problems(tree), "BX099")


def test_a_catalog_error_no_sql_server_procedure_throws_is_reported(tree):
    edit(
        tree / "procs/mssql/booking.cancel_booking.sql",
        "THROW 50011, N'This booking can no longer be cancelled.', 1;",
        "THROW 50010, N'This booking can no longer be cancelled.', 1;",
    )

    problems = twins.error_problems(tree)

    only(problems, "booking_not_cancellable", "no SQL Server procedure throws it")
    only(problems, "booking.cancel_booking", "booking_not_cancellable")


def test_raiserror_instead_of_throw_is_reported(tree):
    edit(
        tree / "procs/mssql/catalog.get_seat_map.sql",
        "THROW 50004, N'No such performance.', 1;",
        "RAISERROR (N'No such performance.', 16, 1);",
    )

    only(twins.error_problems(tree), "RAISERROR")


def test_a_number_used_twice_in_the_catalog_is_reported(tree):
    path = tree / "sql/errors.json"
    catalog = json.loads(path.read_text())
    catalog["errors"][1]["mssql"] = catalog["errors"][0]["mssql"]
    path.write_text(json.dumps(catalog))

    only(twins.error_problems(tree), "mssql number", "twice")


# Settings -----------------------------------------------------------------


def test_a_procedure_created_without_quoted_identifier_is_reported(tree):
    edit(
        tree / "procs/mssql/booking.book_seats.sql",
        "SET QUOTED_IDENTIFIER ON;\nGO\n\nCREATE",
        "GO\n\nCREATE",
    )

    only(twins.style_problems(tree), "booking.book_seats", "QUOTED_IDENTIFIER")


def test_a_procedure_without_xact_abort_is_reported(tree):
    edit(tree / "procs/mssql/booking.cancel_booking.sql", "SET XACT_ABORT ON;", "")

    only(twins.style_problems(tree), "booking.cancel_booking", "XACT_ABORT")
