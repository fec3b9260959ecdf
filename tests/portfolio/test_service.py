"""The portfolio's content against a known set of tasks, and what its public view keeps."""

from app.portfolio import service
from app.task.competences import default
from tests.portfolio.conftest import SECRET_TITLE, publish


def _summary(portfolio, key):
    return next(summary for summary in portfolio.types if summary.key == key)


def test_counts_hours_and_minutes_by_task_type(session, known):
    portfolio = service.build(session, known.profile)
    assert [s.key for s in portfolio.types] == ["catalogue_item", "transcribe", "subtitle", "write_exhibit_page"]
    catalogue = _summary(portfolio, "catalogue_item")
    assert (catalogue.count, catalogue.minutes_logged, catalogue.hours) == (2, 120, 2.0)
    assert (_summary(portfolio, "transcribe").hours, _summary(portfolio, "transcribe").range_minutes) == (0.8, 5.0)
    assert (_summary(portfolio, "subtitle").hours, _summary(portfolio, "subtitle").range_minutes) == (0.0, 2.5)
    assert _summary(portfolio, "write_exhibit_page").minutes_logged == 120
    assert portfolio.range_minutes == 7.5
    assert portfolio.total_hours == round((90 + 30 + 45 + 120) / 60, 1)
    assert len(portfolio.works) == 5


def test_each_competence_shown_lists_the_approved_tasks_that_show_it(session, known):
    portfolio = service.build(session, known.profile)
    evidence = {e.competence.id: {w.task_id for w in e.works} for e in portfolio.competences}
    tasks = known.tasks
    assert evidence["subtitling"] == {tasks["transcribe"].id, tasks["subtitle"].id}
    assert evidence["web_content"] == {
        tasks["catalogue_public"].id,
        tasks["catalogue_draft"].id,
        tasks["exhibit_page"].id,
    }
    assert evidence["digcomp-3.1"] == {tasks["transcribe"].id, tasks["exhibit_page"].id}
    expected = {
        c.id for kind in ("catalogue_item", "transcribe", "subtitle", "write_exhibit_page") for c in default().of(kind)
    }
    assert set(evidence) == expected
    assert "digitisation" not in evidence  # someone else's digitising does not count


def test_reviewers_comments_carry_the_reviewers_name(session, known):
    comments = service.build(session, known.profile).comments
    assert {(w.comment, w.reviewer) for w in comments} == {
        ("Notice claire et complète.", "Sophie Martin"),
        (f"Revoir la date de {SECRET_TITLE}.", "Sophie Martin"),
    }


def test_records_say_which_works_the_public_may_see(session, known):
    works = {w.task_id: w for w in service.build(session, known.profile).works}
    assert works[known.tasks["catalogue_public"].id].public
    assert works[known.tasks["exhibit_page"].id].public
    assert not works[known.tasks["catalogue_draft"].id].public
    assert works[known.tasks["catalogue_draft"].id].record.key == known.draft_item.identifier


def test_nothing_is_public_by_default(session, known):
    assert known.profile.public_choices == {}
    assert not service.is_public(known.profile)
    assert service.public(service.build(session, known.profile)).sections == ()


def test_public_view_keeps_the_chosen_sections_and_only_public_unhidden_works(session, known):
    publish(session, known.profile, sections=["work", "comments"], hidden=[known.tasks["exhibit_page"].id])
    view = service.public(service.build(session, known.profile))
    assert view.sections == ("work", "comments")
    assert {w.task_id for w in view.works} == {known.tasks["catalogue_public"].id, known.tasks["transcribe"].id}
    assert [w.comment for w in view.comments] == ["Notice claire et complète."]
    assert _summary(view, "catalogue_item").count == 2  # counted, even where not named


def test_choices_are_read_defensively(session, known):
    known.profile.public_choices = {"public": "yes", "sections": ["work", "secrets"], "hidden": ["x", 3]}
    choices = service.choices_of(known.profile)
    assert (choices.public, choices.sections, choices.hidden) == (False, ("work",), frozenset({3}))


def test_a_forgotten_trainee_has_no_public_page(session, known):
    publish(session, known.profile)
    assert service.by_key(session, known.profile.portfolio_key) is known.profile
    known.profile.user_id = None
    session.flush()
    assert service.by_key(session, known.profile.portfolio_key) is None
