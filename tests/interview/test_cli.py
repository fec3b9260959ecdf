"""`museum transcript import` and `museum transcript export`, on a migrated database of their own."""

import io

import pytest
import srt
import webvtt
from click.testing import CliRunner
from sqlalchemy import select

from app.cli import main
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.interview.models import Cue, Interview, Redaction
from app.item.models import Item
from app.revision.models import ItemRevision
from tests.factories import make_item
from tests.interview.helpers import PNG, VOICES_VTT, WATSON


def _database(action):
    engine = make_engine(Settings().database_url)
    try:
        with make_session_factory(engine)() as session:
            result = action(session)
            session.commit()
            return result
    finally:
        engine.dispose()


def _with_interview(identifier="VIL-ORAL-1", kind="interview", language="en") -> None:
    _database(lambda session: make_item(session, identifier=identifier, kind=kind, language=language))


def _cues(identifier="VIL-ORAL-1") -> list[tuple]:
    query = (
        select(Cue.start_seconds, Cue.speaker, Cue.text)
        .join(Item, Item.id == Cue.item_id)
        .where(Item.identifier == identifier)
        .order_by(Cue.position)
    )
    return [tuple(row) for row in _database(lambda s: s.execute(query).all())]


def _revisions() -> list[str]:
    return _database(lambda s: list(s.scalars(select(ItemRevision.action).order_by(ItemRevision.number))))


def _run(*args):
    return CliRunner().invoke(main, ["transcript", *map(str, args)])


def test_the_real_watson_transcript_is_imported_with_its_report(fresh_env):
    _with_interview()
    result = _run("import", "VIL-ORAL-1", WATSON)
    assert result.exit_code == 0, result.output
    assert "text file, utf-8; read 84 cues" in result.output
    assert "line 143: A time code cannot be read." in result.output
    cues = _cues()
    assert len(cues) == 84 and cues[2][:2] == (30.0, None) and cues[2][2].startswith("My name is Audrey Watson")
    assert _revisions() == ["baseline", "transcript_import"]


def test_dry_run_reports_and_changes_nothing(fresh_env):
    _with_interview()
    result = _run("import", "VIL-ORAL-1", WATSON, "--dry-run")
    assert result.exit_code == 0 and "would import as transcript: 0 replaced" in result.output
    assert _cues() == [] and _revisions() == []


def test_vtt_with_voices_and_language_option(fresh_env):
    _with_interview()
    path = fresh_env / "entretien.vtt"
    path.write_text(VOICES_VTT.replace("Language: fr\n", ""), encoding="utf-8")
    assert _run("import", "VIL-ORAL-1", path, "--language", "fr").exit_code == 0
    assert _cues()[1] == (4.0, "Claire Rossi", "Et vous habitiez où ?")
    languages = _database(lambda s: set(s.scalars(select(Cue.language))))
    assert languages == {"fr"}


@pytest.mark.parametrize(
    "identifier, kind, content, message",
    [
        ("NO-SUCH", "interview", b"0.01\tHello\n", "no item has the identifier 'NO-SUCH'"),
        ("VIL-ORAL-1", "building", b"0.01\tHello\n", "VIL-ORAL-1 is not an interview"),
        ("VIL-ORAL-1", "interview", PNG, "nothing imported from scan.png"),
        ("VIL-ORAL-1", "interview", b"", "nothing imported from scan.png"),
    ],
)
def test_refusals_say_why_and_exit_non_zero(fresh_env, identifier, kind, content, message):
    _with_interview(kind=kind)
    path = fresh_env / "scan.png"
    path.write_bytes(content)
    result = _run("import", identifier, path)
    assert result.exit_code == 1
    assert message in result.output
    assert _cues() == []


def test_an_index_file_cannot_replace_the_transcript_by_mistake(fresh_env):
    _with_interview()
    _run("import", "VIL-ORAL-1", WATSON)
    result = _run("import", "VIL-ORAL-1", WATSON, "--kind", "index")
    assert result.exit_code == 1 and "no index segment" in result.output
    assert len(_cues()) == 84


def test_exports_in_every_format_read_back(fresh_env):
    _with_interview()
    _run("import", "VIL-ORAL-1", WATSON)
    for suffix in ("vtt", "srt", "txt"):
        assert _run("export", "VIL-ORAL-1", fresh_env / f"out.{suffix}").exit_code == 0
    captions = webvtt.read(str(fresh_env / "out.vtt")).captions
    subtitles = list(srt.parse((fresh_env / "out.srt").read_text(encoding="utf-8")))
    timed = [cue for cue in _cues() if cue[0] is not None]
    assert len(captions) == len(subtitles) == len(timed)
    assert captions[0].text.startswith("My name is Audrey Watson")
    _with_interview("VIL-ORAL-2")
    assert _run("import", "VIL-ORAL-2", fresh_env / "out.txt").exit_code == 0
    assert _cues("VIL-ORAL-2") == _cues("VIL-ORAL-1")


def test_export_to_stdout_and_the_public_view(fresh_env):
    _with_interview()
    path = fresh_env / "v.vtt"
    path.write_text(VOICES_VTT, encoding="utf-8")
    _run("import", "VIL-ORAL-1", path)
    item_id = _database(lambda s: s.scalar(select(Cue.item_id)))
    _database(lambda s: s.add(Redaction(item_id=item_id, start_seconds=4.5, end_seconds=5.0)))
    full = _run("export", "VIL-ORAL-1", "-")
    assert "<v Claire Rossi>Et vous habitiez où ?" in full.output
    public = _run("export", "VIL-ORAL-1", "-", "--public")
    assert public.exit_code == 0 and "Claire Rossi" not in public.output and "Marie Dupont" in public.output
    assert len(webvtt.from_buffer(io.StringIO(public.output)).captions) == 2
    _database(lambda s: s.add(Interview(item_id=item_id, access="withdrawn")))
    refused = _run("export", "VIL-ORAL-1", "-", "--public")
    assert refused.exit_code == 1 and "is not public" in refused.output


def test_export_format_comes_from_the_extension(fresh_env):
    _with_interview()
    result = _run("export", "VIL-ORAL-1", fresh_env / "out.doc")
    assert result.exit_code == 2 and "use .vtt, .srt or .txt" in result.output
    assert _run("export", "VIL-ORAL-1", fresh_env / "index.srt", "--kind", "index").exit_code == 2
    assert _run("export", "VIL-ORAL-1", fresh_env / "index.vtt", "--kind", "index").exit_code == 0
    assert (fresh_env / "index.vtt").read_text(encoding="utf-8") == "WEBVTT\n"


def test_a_recording_the_interview_does_not_have_is_refused_by_its_option(fresh_env, tmp_path):
    _with_interview()
    file = tmp_path / "voices.vtt"
    file.write_text(VOICES_VTT, encoding="utf-8")
    result = _run("import", "VIL-ORAL-1", file, "--recording", "2")
    assert result.exit_code == 2
    assert "Invalid value for --recording: no recording 2: the interview has 1" in result.output
    assert _cues() == []
    assert _run("import", "VIL-ORAL-1", file, "--recording", "1").exit_code == 0
    assert _run("export", "VIL-ORAL-1", tmp_path / "out.vtt", "--recording", "2").exit_code == 2
    assert _run("export", "VIL-ORAL-1", tmp_path / "out.vtt", "--recording", "1").exit_code == 0
    assert "Bonjour, je suis arrivée en 1952." in (tmp_path / "out.vtt").read_text()
