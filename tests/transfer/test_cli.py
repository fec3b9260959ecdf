"""`museum import` and `museum export` on their own migrated SQLite file."""

from click.testing import CliRunner

from app.cli import main
from tests.transfer.conftest import write_csv

GOOD = {"identifier": "OK-1", "kind": "building", "title": "Maison"}


def test_import_prints_a_summary_per_file_and_exits_0(fresh_env):
    first = write_csv(fresh_env / "a.csv", [GOOD])
    second = write_csv(fresh_env / "b.csv", [{**GOOD, "identifier": "OK-2"}, {**GOOD, "identifier": ""}])
    result = CliRunner().invoke(main, ["import", str(first), str(second)])
    assert result.exit_code == 0, result.output
    assert "a.csv: 1 created, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert "b.csv: 2 created, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert "row 3: new accession number VIL-" in result.output


def test_rejected_rows_are_listed_good_ones_committed_and_exit_code_is_1(fresh_env):
    path = write_csv(
        fresh_env / "items.csv", [GOOD, {**GOOD, "identifier": "PA0001", "latitude": "91.5", "longitude": "5"}]
    )
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1
    assert "items.csv: 1 created, 0 updated, 0 unchanged, 1 rejected" in result.output
    assert 'row 3 (PA0001): latitude "91.5" is out of range (-90 to 90)' in result.output
    again = CliRunner().invoke(main, ["import", str(path)])
    assert "items.csv: 0 created, 0 updated, 1 unchanged, 1 rejected" in again.output


def test_unreadable_file_exits_2_after_importing_the_others(fresh_env):
    bad = fresh_env / "bad.csv"
    bad.write_bytes(b"identifier,kind,title\nA,object,Caf\xe9\n")
    good = write_csv(fresh_env / "good.csv", [GOOD])
    result = CliRunner().invoke(main, ["import", str(bad), str(good)])
    assert result.exit_code == 2
    assert "bad.csv: is not UTF-8 text (byte 0xe9 on line 2)" in result.output
    assert "good.csv: 1 created" in result.output
    assert "Traceback" not in result.output


def test_dry_run_writes_nothing(fresh_env):
    path = write_csv(fresh_env / "items.csv", [GOOD])
    dry = CliRunner().invoke(main, ["import", "--dry-run", str(path)])
    assert dry.exit_code == 0
    assert "items.csv: 1 created, 0 updated, 0 unchanged, 0 rejected (dry run, nothing written)" in dry.output
    real = CliRunner().invoke(main, ["import", str(path)])
    assert "items.csv: 1 created" in real.output


def test_export_writes_the_catalog_and_refuses_unknown_extensions(fresh_env):
    CliRunner().invoke(main, ["import", str(write_csv(fresh_env / "items.csv", [GOOD]))])
    out = fresh_env / "out" / "catalog.jsonl"
    result = CliRunner().invoke(main, ["export", str(out)])
    assert result.exit_code == 0
    assert "catalog.jsonl: 1 items exported" in result.output
    assert '"identifier": "OK-1"' in out.read_text(encoding="utf-8")
    refused = CliRunner().invoke(main, ["export", str(fresh_env / "catalog.xlsx")])
    assert refused.exit_code == 2
    assert "unknown file type '.xlsx'" in refused.output
