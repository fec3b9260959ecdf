"""The report's arithmetic against a known programme (tests/report/fixture.py)."""

from datetime import date

import pytest

from app.i18n import language
from app.report import figures, service
from app.report.service import ReportError
from tests.report.fixture import END, START, build


@pytest.fixture
def programme(session):
    return build(session)


def test_the_founding_cohorts_figures(session, programme):
    report = service.report(session, programme.founding.id, START, END)
    assert report.trainees == 13
    assert report.minutes_logged == 300 and report.hours == 5.0
    assert report.hours_by_month == [
        ("2026-01", 1.5),
        ("2026-02", 2.5),
        ("2026-03", 1.0),
        ("2026-04", 0.0),
        ("2026-05", 0.0),
        ("2026-06", 0.0),
    ]
    assert report.origins == {"FR": 5, "LU": 4, "not_recorded": 4}
    assert report.genders is None
    assert [(t.type, t.done, t.approved) for t in report.tasks] == [
        ("catalogue_item", 3, 2),
        ("translate", 1, 1),
        ("transcribe", 2, 2),
    ]
    assert report.items_catalogued == 2
    assert report.minutes_transcribed == 12
    assert report.translations == 1
    assert report.outcomes == {"job": 6, "training": 4, "other": 1, "unknown": 2}
    assert (report.left, report.positive, report.positive_rate) == (13, 10, 77)


def test_the_museums_figures_in_the_period(session, programme):
    report = service.report(session, programme.founding.id, START, END)
    assert report.items_created == 3
    assert report.items_published == 3  # two through the workflow, one imported already published
    assert report.exhibits_published == 1
    assert (report.memories_received, report.memories_approved) == (3, 2)
    assert report.visits == {"item": 42, "exhibit": 25} and report.visits_total == 67


def test_every_cohort_together_adds_the_other_cohorts_trainee_and_work(session, programme):
    report = service.report(session, None, START, END)
    assert report.trainees == 14
    assert report.minutes_logged == 420
    assert report.translations == 2
    assert report.outcomes["job"] == 7 and report.positive == 11 and report.left == 14


def test_the_period_filters_work_and_time(session, programme):
    report = service.report(session, programme.founding.id, date(2026, 2, 1), date(2026, 2, 28))
    assert report.minutes_logged == 150
    assert report.hours_by_month == [("2026-02", 2.5)]
    assert sorted((t.type, t.done, t.approved) for t in report.tasks) == [
        ("catalogue_item", 1, 1),
        ("transcribe", 1, 1),
    ]
    assert report.minutes_transcribed == 5
    assert report.visits == {"exhibit": 25}
    # Nobody had left by the end of February, and no outcome is recorded yet... except the recorded ones.
    assert report.left == 11


def test_the_shown_figures_hide_counts_of_people_under_five(session, programme):
    with language("en"):
        sections = figures.sections(service.report(session, programme.founding.id, START, END))
    shown = {(section.key, line.label): line.shown for section in sections for line in section.lines}
    assert shown[("trainees", "Trainees")] == "13"
    assert shown[("trainees", "Origin: France")] == "5 (38 %)"
    assert shown[("trainees", "Origin: Luxembourg")] == "< 5"
    assert shown[("trainees", "Origin: Not recorded")] == "< 5"
    assert shown[("outcomes", "A job")] == "6 (46 %)"
    assert shown[("outcomes", "A qualifying training")] == "< 5"
    assert shown[("outcomes", "Positive outcomes")] == "77 %"
    assert shown[("museum", "Minutes of interviews transcribed")] == "12"
    assert shown[("visits", "Visits: Exhibits")] == "25"
    assert not any(label.startswith("Gender") for _key, label in shown)


@pytest.mark.parametrize(("count", "shown"), [(0, "< 5"), (1, "< 5"), (4, "< 5"), (5, "5 (50 %)"), (10, "10 (100 %)")])
def test_a_count_of_people_is_hidden_under_five_with_its_share(count, shown):
    assert figures.people(count, 10) == shown


def test_genders_appear_only_once_one_is_recorded(session):
    programme = build(session)
    for profile in programme.trainees[:5]:
        profile.gender = "femme"
    programme.trainees[5].gender = "homme"
    session.flush()
    report = service.report(session, programme.founding.id, START, END)
    assert report.genders == {"femme": 5, "homme": 1}
    with language("en"):
        lines = {line.label: line.shown for line in figures.sections(report)[0].lines}
    assert lines["Gender: femme"] == "5 (38 %)" and lines["Gender: homme"] == "< 5"


def test_few_positive_outcomes_hide_the_rate(session):
    programme = build(session, origins=["FR"] * 6, outcomes=["job"] * 4 + ["other"] * 2)
    report = service.report(session, programme.founding.id, START, END)
    assert (report.positive, report.left) == (4, 6)
    assert figures.positive(report) == "< 5"
    assert [bar.value for bar in figures.outcome_bars(report)] == [0, 0, 0, 0]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(1066, 1, 1), date(2026, 1, 1)),
        (date(2026, 1, 1), date(9999, 12, 31)),
    ],
)
def test_an_impossible_period_is_refused(session, start, end):
    with pytest.raises(ReportError):
        service.report(session, None, start, end)


def test_an_unknown_cohort_is_refused(session):
    with pytest.raises(ReportError):
        service.report(session, 999_999, START, END)
