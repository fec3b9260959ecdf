"""The editing services on a real migrated database: edits, checks, flags, shifts, snapshots and their history."""

import pytest

from app import i18n
from app.interview import cutting, diff, editing, flags, segments, shifting
from app.interview import snapshot as interview_snapshot
from app.interview.checks import EditError, NeedsConfirmation, parse_shift, parse_time, read_cue
from app.revision import snapshot
from tests.factories import make_user
from tests.interview.editor_helpers import cues, make_interview, revisions


@pytest.fixture(autouse=True)
def english():
    """Messages in English, as written in the code."""
    token = i18n.set_language("en")
    yield
    i18n.reset_language(token)


@pytest.fixture
def item(session, settings):
    made = make_interview(session, settings)
    return editing.load(session, made.identifier)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("754.5", 754.5), ("12:34.5", 754.5), ("1:02:03", 3723.0), ("0,25", 0.25), ("", None), ("  ", None)],
)
def test_times_are_read_as_seconds_or_clock_times(text, seconds):
    assert parse_time(text, "start") == seconds


@pytest.mark.parametrize("text", ["soon", "1:2:3:4", "12:75", "nan-ish", "--3"])
def test_unreadable_times_are_refused_with_their_field(text):
    with pytest.raises(EditError) as refused:
        parse_time(text, "end")
    assert refused.value.field == "end"


@pytest.mark.parametrize(("text", "seconds"), [("-2.5", -2.5), ("+1:30", 90.0), ("3", 3.0), ("- 1", -1.0)])
def test_offsets_are_signed(text, seconds):
    assert parse_shift(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "x", "-", "100000"])
def test_empty_zero_or_huge_offsets_are_refused(text):
    with pytest.raises(EditError):
        parse_shift(text)


def test_a_cue_form_collects_every_wrong_field_at_once():
    values, errors = read_cue({"start": "-1", "end": "later", "text": ""})
    assert set(errors) == {"start", "end", "text"}
    values, errors = read_cue({"start": "2", "end": "1", "text": "x"})
    assert errors == {"end": "The end comes before the start."}
    values, errors = read_cue({"start": "", "end": "", "text": " Bonjour ", "speaker": " ", "language": "de"})
    assert not errors
    assert values == {
        "start_seconds": None,
        "end_seconds": None,
        "text": "Bonjour",
        "speaker": None,
        "translation": None,
        "language": "de",
    }


def test_a_split_keeps_speaker_and_language_and_without_times_stays_untimed(session, item):
    first = item.transcript[0]
    first.start_seconds = first.end_seconds = None
    second = cutting.split(item, first.id, 8)
    assert (first.text, second.text) == ("Je suis", "arrivé en 1952.")
    assert second.start_seconds is None and second.speaker == "Mario" and second.language == "fr"
    with pytest.raises(EditError):
        cutting.split(item, first.id, 0)
    with pytest.raises(EditError):
        cutting.split(item, item.transcript[2].id, 3, at=0.9)  # after the cue's end


def test_merging_the_last_cue_is_refused_and_different_speakers_need_confirmation(item):
    with pytest.raises(EditError, match="last cue"):
        cutting.merge(item, item.transcript[-1].id)
    with pytest.raises(NeedsConfirmation):
        cutting.merge(item, item.transcript[1].id)


def test_a_cue_removed_meanwhile_is_reported_not_crashed_on(item):
    with pytest.raises(EditError, match="no longer exists"):
        editing.update(item, 10_000_000, {"text": "x"})
    with pytest.raises(EditError, match="no longer exists"):
        segments.update(item, 10_000_000, {"title": "x"})


def test_shifting_counts_what_moved_and_what_was_held_at_zero(item):
    item.transcript[1].start_seconds = None
    item.transcript[1].end_seconds = None
    moved = shifting.shift(item, -0.6)
    assert moved == shifting.Shifted(cues=3, segments=2, clamped_cues=2, clamped_segments=2)
    assert [c.start_seconds for c in item.transcript] == [0.0, None, 0.0, 0.15]
    assert [s.start_seconds for s in item.index_segments] == [0.0, 0.0]


def test_flags_use_each_cues_own_recording_length(session, item):
    assert not flags.of(item).counts
    item.transcript[3].end_seconds = 1.2
    item.transcript[2].start_seconds = None
    found = flags.of(item)
    assert found.by_cue == {item.transcript[2].id: ["untimed"], item.transcript[3].id: ["past_end"]}
    assert flags.durations(item)[1] == pytest.approx(1.0, abs=0.05)


def test_flags_without_a_recording_never_say_past_the_end(session, settings):
    bare = editing.load(session, make_interview(session, settings, recording=False).identifier)
    bare.transcript[3].end_seconds = 5000
    assert flags.of(bare).counts == {}


def test_a_revision_snapshot_keeps_cues_and_segments_as_plain_rows(session, item):
    taken = snapshot.take(item)
    assert taken["cues"][0] == {
        "start": 0.0,
        "end": 0.25,
        "speaker": "Mario",
        "language": "fr",
        "text": "Je suis arrivé en 1952.",
        "translation": None,
        "translation_language": None,
        "media": None,
    }
    assert taken["index"][1]["title"] == "La famille" and taken["index"][1]["access"] == "public"


def test_a_snapshot_of_an_item_whose_cues_are_not_loaded_reads_them(session, settings):
    made = make_interview(session, settings)
    session.expire(made)
    assert len(interview_snapshot.take_cues(made)) == 4


def test_a_cue_bound_to_a_recording_is_restored_to_the_same_recording(session, item):
    media_id = item.media[0].id
    item.transcript[0].media_id = media_id
    session.flush()
    saved = snapshot.take(item)
    assert saved["cues"][0]["media"] == item.media[0].sha256
    interview_snapshot.restore(session, item, saved | {"cues": saved["cues"][:1]})
    assert [(c.media_id, c.text) for c in cues(session, item)] == [(media_id, "Je suis arrivé en 1952.")]


def test_restoring_a_snapshot_from_before_the_editor_leaves_the_transcript_alone(session, item):
    interview_snapshot.restore(session, item, {"titles": {"fr": "Ancien"}})
    assert len(cues(session, item)) == 4


def test_each_edit_is_one_revision_and_an_edit_that_changes_nothing_records_none(session, item):
    user = make_user(session)
    editing.revised(session, item, user, lambda: editing.update(item, item.transcript[0].id, {"text": "Autre."}))
    assert [r.action for r in revisions(session, item)] == ["baseline", "edit"]
    same = item.transcript[0]
    editing.revised(session, item, user, lambda: editing.update(item, same.id, {"text": "Autre."}))
    assert len(revisions(session, item)) == 2


def _row(text, start, end, speaker="Mario"):
    return {"text": text, "start": start, "end": end, "speaker": speaker, "language": "fr"}


def test_the_history_tells_shifts_splits_merges_and_word_fixes_apart():
    old = [_row("Un.", 0, 1), _row("Deux trois.", 1, 2), _row("Quatre.", 2, 3), _row("Cinq.", 3, 4)]
    shifted = [{**r, "start": r["start"] + 2.5, "end": r["end"] + 2.5} for r in old]
    assert diff.describe(old, shifted) == ["4 cue(s) shifted by +2.5 s"]
    split = [old[0], _row("Deux", 1, 1.5), _row("trois.", 1.5, 2), *old[2:]]
    assert diff.describe(old, split) == ["cue 2 split in two"]
    merged = [old[0], _row("Deux trois. Quatre.", 1, 3), old[3]]
    assert diff.describe(old, merged) == ["cues 2–3 merged"]
    fixed = [old[0], old[1], {**old[2], "text": "Quatre !"}, old[3]]
    assert diff.describe(old, fixed) == ["cue 3: text changed"]
    gone = [old[0], old[1], old[3]]
    assert diff.describe(old, gone) == ["cue 3 removed: “Quatre.”"]
    assert diff.describe(None, old[:1]) == ["cue 1 added: “Un.”"]


def test_a_long_history_is_capped():
    old = [_row(f"t{n}", n, n + 1) for n in range(60)]
    new = [{**r, "speaker": "Luca"} for r in old]
    lines = diff.describe(old, new)
    assert len(lines) == diff.MOST + 1 and lines[-1] == "… and 35 more changes"


def test_the_history_speaks_the_readers_language():
    token = i18n.set_language("de")
    try:
        lines = diff.describe([_row("Un.", 0, 1)], [_row("Un.", 2, 3)])
    finally:
        i18n.reset_language(token)
    assert lines == ["1 Passage(n) um +2 s verschoben"]
