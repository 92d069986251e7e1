"""The shared deploy order and the pieces of tools/mssql_deploy.py that need
no server: batches, checksums, connection strings, names and messages."""

import datetime as dt
import struct

import pytest

from tools import deploy_order, mssql_deploy
from tools.deploy_order import DeployOrderError, split_batches


def test_batches_split_at_go_lines_only():
    script = (
        "CREATE SCHEMA a;\n"
        "go\n"
        "  GO  -- the end of the schema\n"
        "SELECT 1 AS going;\n"
        "GOTO done;\n"
        "GO\n"
    )

    batches = split_batches(script)

    assert [b.text for b in batches] == [
        "CREATE SCHEMA a;\n",
        "SELECT 1 AS going;\nGOTO done;\n",
    ]
    assert [b.line for b in batches] == [1, 4]


def test_a_script_without_go_is_one_batch():
    assert [b.text for b in split_batches("SELECT 1;")] == ["SELECT 1;\n"]


def test_the_checksum_ignores_windows_line_endings(tmp_path):
    unix, windows = tmp_path / "unix.sql", tmp_path / "windows.sql"
    unix.write_bytes(b"SELECT 1;\nGO\n")
    windows.write_bytes(b"SELECT 1;\r\nGO\r\n")

    assert deploy_order.checksum(unix) == deploy_order.checksum(windows)


def test_the_checksum_changes_with_the_content(tmp_path):
    path = tmp_path / "0001_x.sql"
    path.write_text("SELECT 1;\n")
    before = deploy_order.checksum(path)

    path.write_text("SELECT 2;\n")

    assert deploy_order.checksum(path) != before


def test_both_engines_deploy_the_manifest_in_order():
    names = deploy_order.read_manifest()

    versions = {}
    for engine in deploy_order.ENGINES:
        files = deploy_order.routine_files(engine)
        assert [f.stem for f in files] == names
        versions[engine] = [m.version for m in deploy_order.migrations(engine)]

    first = next(iter(versions.values()))
    assert len({tuple(v) for v in versions.values()}) == 1, versions
    assert first[0] == 1 and first == sorted(first)


def test_a_badly_named_migration_is_refused(tmp_path):
    (tmp_path / "sql" / "mssql").mkdir(parents=True)
    (tmp_path / "sql" / "mssql" / "2_add_things.sql").write_text("SELECT 1;\n")

    with pytest.raises(DeployOrderError, match="NNNN_words.sql"):
        deploy_order.migrations("mssql", tmp_path)


def test_an_mssql_url_becomes_an_odbc_connection_string():
    url = "mssql://sa:p%40ss%3Bword@127.0.0.1:1433/boxoffice?driver=FreeTDS&TDS_Version=7.4"

    assert mssql_deploy.odbc_connection_string(url) == (
        "DRIVER=FreeTDS;SERVER=127.0.0.1,1433;DATABASE=boxoffice;"
        "UID=sa;PWD={p@ss;word};TDS_Version=7.4"
    )


def test_a_url_without_a_user_uses_windows_authentication():
    connection = mssql_deploy.odbc_connection_string("mssql://127.0.0.1/boxoffice")

    assert "Trusted_Connection=yes" in connection
    assert "DRIVER={ODBC Driver 18 for SQL Server}" in connection


def test_an_odbc_connection_string_is_used_as_it_is():
    odbc = "Driver={ODBC Driver 18 for SQL Server};Server=127.0.0.1;Database=x"

    assert mssql_deploy.odbc_connection_string(odbc) == odbc


@pytest.mark.parametrize(
    ("postgres", "tsql"),
    [
        ("p_user_id", "@UserId"),
        ("p_seat_ids", "@SeatIds"),
        ("p_page", "@Page"),
        ("lifetime_seconds", "@LifetimeSeconds"),
    ],
)
def test_parameter_names_become_pascal_case(postgres, tsql):
    assert mssql_deploy.parameter_name(postgres) == tsql


def test_a_throw_message_gives_back_its_details():
    text, details = mssql_deploy.split_message(
        'Already taken: Stalls B-5, Stalls B-6. [details: {"seat_ids": [12, 13]}]'
    )

    assert text == "Already taken: Stalls B-5, Stalls B-6."
    assert details == {"seat_ids": [12, 13]}


def test_a_message_without_details_stays_whole():
    assert mssql_deploy.split_message("No such booking.") == ("No such booking.", None)
    assert mssql_deploy.split_message("Odd [details: not json]") == (
        "Odd [details: not json]",
        None,
    )


def test_a_datetimeoffset_is_read_with_its_offset():
    raw = struct.pack("<6hI2h", 2030, 3, 31, 19, 30, 5, 250_000_000, 2, 0)

    value = mssql_deploy._read_datetimeoffset(raw)

    assert value == dt.datetime(2030, 3, 31, 17, 30, 5, 250_000, tzinfo=dt.UTC)
    assert value.utcoffset() == dt.timedelta(hours=2)


def test_a_server_error_gives_its_number_and_text():
    error = Exception(
        "42000",
        "[42000] [Microsoft][ODBC Driver 18 for SQL Server][SQL Server]Already "
        'taken: Stalls B-5. [details: {"seat_ids": [12]}] (50009) (SQLExecDirectW)',
    )

    number, text = mssql_deploy.read_error(error)

    assert number == 50009
    assert text == 'Already taken: Stalls B-5. [details: {"seat_ids": [12]}]'
