"""The access rules every public surface of an interview asks."""

from datetime import date

import pytest

from app.interview import access
from app.interview.models import Cue, IndexSegment, Interview, Redaction
from app.item.models import Item

TODAY = date(2026, 12, 6)


def _item(status="published"):
    return Item(identifier="VIL-1", kind="interview", status=status)


@pytest.mark.parametrize(
    ("level", "sealed_until", "record", "details", "content", "granted"),
    [
        ("public", None, True, True, True, False),
        ("on_request", None, True, True, False, True),
        ("sealed", date(2051, 1, 1), True, False, False, False),
        ("sealed", date(2026, 12, 6), True, True, True, False),
        ("withdrawn", None, False, False, False, False),
    ],
)
def test_each_level_opens_what_it_says(level, sealed_until, record, details, content, granted):
    interview = Interview(access=level, sealed_until=sealed_until)
    item = _item()
    assert access.record_is_public(item, interview, TODAY) is record
    assert access.details_are_public(item, interview, TODAY) is details
    assert access.content_is_public(item, interview, TODAY) is content
    assert access.content_is_granted(item, interview, TODAY) is granted


def test_an_unpublished_interview_opens_nothing_whatever_its_level():
    interview = Interview(access="public")
    assert not access.record_is_public(_item("draft"), interview, TODAY)
    assert not access.content_is_public(_item("withdrawn"), interview, TODAY)


def test_redactions_and_closed_segments_hide_the_cues_they_touch():
    redactions = [Redaction(start_seconds=10, end_seconds=20)]
    segments = [
        IndexSegment(start_seconds=0, end_seconds=30, access="public"),
        IndexSegment(start_seconds=18, end_seconds=40, access="sealed", sealed_until=date(2051, 1, 1)),
        IndexSegment(start_seconds=100, end_seconds=None, access="withdrawn"),
    ]
    hidden = access.hidden_ranges(redactions, segments, TODAY)
    assert hidden == [access.Range(10, 40), access.Range(100, float("inf"))]
    cues = [
        Cue(start_seconds=None, end_seconds=None, text="header"),
        Cue(start_seconds=0, end_seconds=9.5, text="kept"),
        Cue(start_seconds=9.5, end_seconds=11, text="touches the redaction"),
        Cue(start_seconds=40, end_seconds=50, text="kept after"),
        Cue(start_seconds=120, end_seconds=125, text="in a withdrawn segment"),
    ]
    assert [cue.text for cue in access.visible_cues(cues, hidden)] == ["header", "kept", "kept after"]
    assert [s.start_seconds for s in access.visible_segments(segments, TODAY)] == [0]
