"""The SQL Server twin agrees with the PostgreSQL side, check by check."""

from tests.parity import twins


def test_every_tsql_file_parses_without_unparsable_sections():
    files = twins.tsql_files()

    assert len(files) >= 17, "the migrations, procedures and tSQLt classes"
    assert twins.parse_problems(files) == []


def test_every_manifest_name_has_a_file_in_each_engine():
    assert twins.manifest_problems() == []


def test_both_engines_define_the_same_tables_keys_and_indexes():
    assert twins.schema_problems() == []


def test_both_engines_define_the_same_routines_parameters_and_results():
    assert twins.routine_problems() == []


def test_both_engines_raise_the_catalog_errors_and_only_those():
    assert twins.error_problems() == []


def test_every_procedure_is_created_with_the_settings_it_needs():
    assert twins.style_problems() == []


def test_the_readers_see_the_whole_schema():
    """Guards against checks that pass because they read nothing."""
    pg = twins.read_schema(twins._migration_texts("postgres", twins.ROOT), "postgres")
    ms = twins.read_schema(twins._migration_texts("mssql", twins.ROOT), "tsql")

    # The core schema's 12 tables, and those of later migrations.
    assert len(pg.tables) >= 12
    assert {"booking.seat_holds", "booking.performance_versions"} <= set(pg.tables)
    assert set(ms.tables) | set(twins.POSTGRES_ONLY_TABLES) == set(pg.tables) | set(
        twins.MSSQL_ONLY_TABLES
    )
    assert set(twins.POSTGRES_ONLY_TABLES) <= set(pg.tables)
    assert ms.tables["booking.booked_seats"].foreign_keys[
        "booked_seats_seat_venue_fk"
    ] == (
        ("seat_id", "venue_id"),
        "catalog.seats",
        ("seat_id", "venue_id"),
        "",
    )
    assert ms.indexes["booked_seats_one_active_per_seat"].filtered_on == ("is_active",)
    assert pg.indexes["users_email_key"].columns == (("lower", "email"),)
    assert len(ms.tables["account.users"].checks) == 4


def test_the_routine_readers_see_parameters_and_result_columns():
    booking = twins.read_tsql_routine(
        (twins.ROOT / "procs/mssql/booking.book_seats.sql").read_text()
    )
    listing = twins.read_tsql_routine(
        (twins.ROOT / "procs/mssql/catalog.list_performances.sql").read_text()
    )

    assert [name for name, _ in booking.parameters] == [
        "@UserId",
        "@PerformanceId",
        "@SeatIds",
    ]
    assert booking.columns[:3] == ["booking_id", "user_id", "performance_id"]
    assert booking.columns[-1] == "duration_minutes"
    assert listing.columns[-1] == "total_count"
    assert len(listing.columns) == 17
