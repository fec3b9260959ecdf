"""A row with one bad optional value is kept: what is valid is stored, what was split or dropped is warned of."""

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.cli import main
from app.item.models import Item, ItemAgent
from tests.transfer.conftest import write_csv, write_jsonl

# The shape of MoMA's portfolio records: one `Artist` string naming every artist, "Various Artists, A, B, ...".
PORTFOLIO = [
    "Various Artists",
    "Elaine de Kooning",
    "Giorgio Cavallon",
    "Jane Freilicher",
    "Norman Bluhm",
    "Al Held",
    "Joe Brainard",
    "John Button",
    "Allan D'Arcangelo",
    "Helen Frankenthaler",
    "Michael Goldberg",
    "Philip Guston",
    "Grace Hartigan",
    "Jasper Johns",
    "Nell Blaine",
    "Alex Katz",
    "Jane Wilson",
    "Willem de Kooning",
    "Lee Krasner",
    "Alfred Leslie",
    "Roy Lichtenstein",
    "Marisol (Marisol Escobar)",
    "Joan Mitchell",
    "Robert Motherwell",
    "Reuben Nakian",
]
ARTWORK = {"identifier": "MoMA-1", "kind": "artwork", "language": "en", "title": "21 Etchings and Poems"}
LONE = "Atelier " + "x" * 260


def _creators(session, identifier: str) -> list[str]:
    session.expire_all()
    item = session.scalars(
        select(Item)
        .where(Item.identifier == identifier)
        .options(selectinload(Item.credits).selectinload(ItemAgent.agent))
    ).one()
    return [agent.name for agent in item.agents("creator")]


def test_a_long_multi_artist_creator_is_split_into_credits_with_a_warning(tmp_path, run_import, session):
    artists = ", ".join(PORTFOLIO)
    assert len(artists) > 255
    report = run_import(write_jsonl(tmp_path / "moma.jsonl", [ARTWORK | {"creator": [artists, "Frank O'Hara"]}]))
    assert (report.created, report.rejected) == (1, [])
    assert _creators(session, "MoMA-1") == PORTFOLIO + ["Frank O'Hara"]
    [warning] = report.row_warnings
    assert (warning.row, warning.identifier) == (1, "MoMA-1")
    split = f"creator of {len(artists)} characters split at its commas and semicolons into {len(PORTFOLIO)} names"
    assert split in warning.message


def test_a_name_too_long_to_split_is_dropped_and_the_others_kept(tmp_path, run_import, session):
    row = ARTWORK | {"creator": f"Alex Katz|{LONE}"}
    report = run_import(write_csv(tmp_path / "items.csv", [row]))
    assert (report.created, report.rejected) == (1, [])
    assert _creators(session, "MoMA-1") == ["Alex Katz"]
    [warning] = report.row_warnings
    assert warning.row == 2 and "creator of 268 characters dropped" in warning.message
    assert LONE[:40] in warning.message


def test_a_latitude_without_longitude_keeps_the_row_without_coordinates(tmp_path, run_import, get_item):
    rows = [ARTWORK | {"latitude": "49.5", "longitude": ""}, ARTWORK | {"identifier": "MoMA-2", "longitude": "5.9"}]
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    assert (report.created, report.rejected) == (2, [])
    assert [(get_item(name).latitude, get_item(name).longitude) for name in ("MoMA-1", "MoMA-2")] == [(None, None)] * 2
    assert [warning.row for warning in report.row_warnings] == [2, 3]
    assert "latitude without longitude: no coordinates stored" in report.row_warnings[0].message
    assert "longitude without latitude: no coordinates stored" in report.row_warnings[1].message


def test_a_half_position_leaves_the_stored_coordinates_alone(tmp_path, run_import, get_item):
    run_import(write_csv(tmp_path / "items.csv", [ARTWORK | {"latitude": "49.5", "longitude": "5.9"}]))
    report = run_import(write_csv(tmp_path / "again.csv", [ARTWORK | {"latitude": "", "longitude": "6.1"}]))
    assert (report.unchanged, len(report.row_warnings)) == (1, 1)
    assert (get_item("MoMA-1").latitude, get_item("MoMA-1").longitude) == (49.5, 5.9)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"creator": ", ".join(PORTFOLIO)}, "creator is 400 characters long; the limit is 255"),
        ({"creator": LONE}, "creator is 268 characters long; the limit is 255"),
        ({"latitude": "49.5", "longitude": ""}, "latitude and longitude go together: give both or neither"),
    ],
)
def test_strict_rejects_the_row_as_before(tmp_path, run_import, values, reason):
    report = run_import(write_csv(tmp_path / "items.csv", [ARTWORK | values]), strict=True)
    assert (report.created, report.row_warnings) == (0, [])
    [error] = report.rejected
    assert reason in error.message


def test_museum_import_prints_warnings_apart_and_exits_0_or_1_with_strict(fresh_env):
    path = write_csv(fresh_env / "items.csv", [ARTWORK | {"latitude": "49.5"}])
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "items.csv: 1 created, 0 updated, 0 unchanged, 0 rejected" in result.output
    assert "  warning: row 2 (MoMA-1): latitude without longitude: no coordinates stored" in result.output
    strict = CliRunner().invoke(
        main,
        [
            "import",
            "--strict",
            str(write_csv(fresh_env / "b.csv", [ARTWORK | {"identifier": "MoMA-2", "latitude": "49.5"}])),
        ],
    )
    assert strict.exit_code == 1, strict.output
    assert "b.csv: 0 created, 0 updated, 0 unchanged, 1 rejected" in strict.output
    assert "  row 2 (MoMA-2): latitude and longitude go together" in strict.output
