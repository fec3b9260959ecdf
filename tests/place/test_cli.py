"""`museum places` loads the list once, then changes nothing; a broken file is refused with its line."""

from click.testing import CliRunner

from app.cli import main


def test_places_command_loads_the_list_then_changes_nothing(fresh_env):
    runner = CliRunner()
    first = runner.invoke(main, ["places"])
    assert first.exit_code == 0, first.output
    assert "created, 0 updated" in first.output and "places: 0 created" not in first.output
    again = runner.invoke(main, ["places"])
    assert again.output.strip() == "places: 0 created, 0 updated"


def test_places_command_refuses_a_broken_file(fresh_env, tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("kind,country,latitude,longitude,fr,de,lb,en,other_names\ncastle,FR,,,Thil,,,,\n")
    result = CliRunner().invoke(main, ["places", "--file", str(path)])
    assert result.exit_code != 0 and "line 2" in result.output
