"""`museum demo` against its own freshly migrated SQLite file."""

from click.testing import CliRunner

from app.cli import main


def test_demo_command_loads_once_and_then_changes_nothing(fresh_env):
    runner = CliRunner()
    first = runner.invoke(main, ["demo"])
    assert first.exit_code == 0, first.output
    assert "buildings.csv: 300 created, 0 updated, 0 unchanged, 0 rejected" in first.output
    assert "photographs.csv: 3 created, 0 updated, 0 unchanged, 0 rejected" in first.output

    skipped = runner.invoke(main, ["demo", "--if-empty"])
    assert skipped.exit_code == 0
    assert "not loaded" in skipped.output

    second = runner.invoke(main, ["demo"])
    assert second.exit_code == 0, second.output
    assert "artworks.jsonl: 0 created, 0 updated, 300 unchanged, 0 rejected" in second.output


def test_demo_command_exits_1_when_a_row_is_rejected(fresh_env, monkeypatch):
    demo = fresh_env / "demo"
    demo.mkdir()
    (demo / "collections.toml").write_text(
        '[[collection]]\nslug = "essai"\nposition = 1\n[collection.title]\nfr = "Essai"\n', encoding="utf-8"
    )
    (demo / "manifest.toml").write_text('files = ["items.csv"]\n', encoding="utf-8")
    (demo / "items.csv").write_text(
        "identifier,kind,title,collection,colour\nOK-1,building,Maison,essai,\nBAD-1,spaceship,Fusée,essai,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MUSEUM_DEMO_DIR", str(demo))
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 1
    assert "items.csv: 1 created, 0 updated, 0 unchanged, 1 rejected" in result.output
    assert "BAD-1" in result.output
    assert 'warning: unknown column "colour" ignored' in result.output
