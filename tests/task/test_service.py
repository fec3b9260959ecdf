"""The task services: claim expiry and renewal, review by someone else, sampling of trusted trainees, hours."""

import random
import re
from datetime import date, datetime, timedelta

import pytest

from app.clock import utcnow
from app.errors import DomainError
from app.task import claims, competences, review, service, times
from app.task.models import APPROVED, CLAIMED, OPEN, SUBMITTED, TaskTime
from tests.factories import make_user
from tests.task.conftest import make_task, make_trainee


def test_an_expired_claim_goes_back_to_the_board(session, trainee, cohort):
    other = make_trainee(session, cohort, "trainee-bea")
    task = make_task(session)
    long_ago = utcnow() - timedelta(minutes=31)
    assert claims.claim(session, task.id, trainee, 30, now=long_ago)
    assert service.state_of(task) == OPEN  # the board shows it open again
    assert task in service.board(session, service.Filters(state=OPEN))["catalogue_item"][OPEN]
    with pytest.raises(DomainError):
        claims.renew(session, task, trainee, 30)  # too late to renew
    assert claims.claim(session, task.id, other, 30)
    assert task.claimed_by_id == other.id


def test_expire_returns_only_claims_that_ran_out(session, trainee):
    stale, fresh = make_task(session), make_task(session)
    claims.claim(session, stale.id, trainee, 30, now=utcnow() - timedelta(hours=1))
    claims.claim(session, fresh.id, trainee, 30)
    assert claims.expire(session) == 1
    session.refresh(stale)
    session.refresh(fresh)
    assert (stale.state, stale.claimed_by_id) == (OPEN, None)
    assert (fresh.state, fresh.claimed_by_id) == (CLAIMED, trainee.id)


def test_renew_holds_the_task_longer_only_for_its_holder(session, trainee, cohort):
    other = make_trainee(session, cohort, "trainee-carl")
    task = make_task(session)
    start = utcnow() - timedelta(minutes=20)
    claims.claim(session, task.id, trainee, 30, now=start)
    first = task.claim_expires_at
    with pytest.raises(DomainError):
        claims.renew(session, task, other, 30)
    claims.renew(session, task, trainee, 30)
    assert task.claim_expires_at > first + timedelta(minutes=15)
    assert not claims.claim(session, task.id, other, 30)


def test_release_puts_the_task_back(session, trainee):
    task = make_task(session)
    claims.claim(session, task.id, trainee, 30)
    claims.release(session, task, trainee)
    assert (task.state, task.claimed_by_id) == (OPEN, None)


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_nobody_reviews_their_own_work_not_even_an_admin(session, role):
    doer = make_user(session, role=role)
    task = make_task(session)
    claims.claim(session, task.id, doer, 30)
    review.submit(session, task, doer, "", sample=1.0)
    with pytest.raises(DomainError) as refused:
        review.review(session, task, doer, True, "")
    assert refused.value.status == 403
    assert task.state == SUBMITTED


def _submitted(session, user, count: int, sample: float, rng) -> list:
    tasks = []
    for _n in range(count):
        task = make_task(session, type="catalogue_item")
        claims.claim(session, task.id, user, 30)
        tasks.append(review.submit(session, task, user, "", sample=sample, rng=rng))
    return tasks


def test_an_untrusted_trainee_is_always_reviewed(session, trainee):
    tasks = _submitted(session, trainee, 5, 0.0, random.Random(1).random)
    assert all(t.sampled and t.state == SUBMITTED for t in tasks)


def test_trusted_with_sample_zero_nothing_is_reviewed_and_one_everything(session, trainee, supervisor):
    review.trust(session, trainee.id, "catalogue_item", supervisor)
    never = _submitted(session, trainee, 10, 0.0, random.Random(2).random)
    assert all(not t.sampled and t.state == APPROVED and t.approved_at and t.reviewed_by_id is None for t in never)
    always = _submitted(session, trainee, 10, 1.0, random.Random(3).random)
    assert all(t.sampled and t.state == SUBMITTED for t in always)


def test_trust_is_per_task_type_and_can_be_removed(session, trainee, supervisor):
    review.trust(session, trainee.id, "translate", supervisor)
    assert _submitted(session, trainee, 1, 0.0, random.random)[0].sampled  # trusted for another type only
    review.trust(session, trainee.id, "catalogue_item", supervisor)
    assert not _submitted(session, trainee, 1, 0.0, random.random)[0].sampled
    review.distrust(session, trainee.id, "catalogue_item")
    assert _submitted(session, trainee, 1, 0.0, random.random)[0].sampled


def test_the_sampled_share_follows_the_setting(session, trainee, supervisor):
    review.trust(session, trainee.id, "catalogue_item", supervisor)
    tasks = _submitted(session, trainee, 400, 0.05, random.Random(16).random)
    share = sum(t.sampled for t in tasks) / len(tasks)
    assert 0.02 <= share <= 0.09, share


def test_review_queue_ages_and_median(session, trainee):
    now = datetime(2026, 12, 20, 12, 0)
    for days in (1, 3, 10):
        task = make_task(session)
        claims.claim(session, task.id, trainee, 30, now=now - timedelta(days=days))
        review.submit(session, task, trainee, "", sample=1.0, now=now - timedelta(days=days))
    waiting = review.queue(session, now)
    assert [w.age_days for w in waiting] == [10.0, 3.0, 1.0]
    assert review.median_age(waiting) == 3.0
    assert review.median_age([]) is None


def test_one_timer_per_person(session, trainee):
    first, second = make_task(session), make_task(session)
    start = datetime(2026, 12, 7, 9, 0)
    times.start(session, first, trainee, now=start)
    times.start(session, second, trainee, now=start + timedelta(minutes=25))
    assert times.running(session, trainee).task_id == second.id
    stopped = times.stop(session, trainee, now=start + timedelta(minutes=40))
    assert stopped.minutes == 15
    assert [t.minutes for t in times.of_task(session, first)] == [25]
    assert times.of_task(session, first)[0].profile_id is not None


def test_hours_per_iso_week_against_weekly_hours(session, cohort):
    ana = make_trainee(session, cohort, "trainee-hours-ana", weekly_hours=35)
    ben = make_trainee(session, cohort, "trainee-hours-ben", weekly_hours=20)
    task = make_task(session)
    monday = times.parse_week("2026-W50")
    assert monday == date(2026, 12, 7)
    times.enter(session, task, ana, 600, day=monday)  # 10 h
    times.enter(session, task, ana, 450, day=monday + timedelta(days=4))  # 7 h 30, Friday
    times.enter(session, task, ana, 120, day=monday + timedelta(days=7))  # the next week
    times.enter(session, task, ana, 60, day=monday - timedelta(days=1))  # the Sunday before
    times.enter(session, task, ben, 300, day=monday + timedelta(days=6))  # Sunday: 5 h
    session.add(TaskTime(task_id=task.id, user_id=ben.id, started_at=datetime(2026, 12, 8, 9), minutes=None))
    rows = {row.name: row for row in times.week_hours(session, cohort.id, monday)}
    assert rows["Trainee Hours Ana"].hours == 17.5 and rows["Trainee Hours Ana"].share == 50
    assert rows["Trainee Hours Ben"].hours == 5.0 and rows["Trainee Hours Ben"].share == 25
    assert times.week_of(date(2027, 1, 1)) == "2026-W53"
    assert times.parse_week("2026-W60") is None and times.parse_week("nonsense") is None


@pytest.mark.parametrize("minutes", [0, 601, -1])
def test_minutes_out_of_range_are_refused(session, trainee, minutes):
    with pytest.raises(DomainError):
        times.enter(session, make_task(session), trainee, minutes)


def test_adjusted_competence_mapping_is_used_and_a_wrong_one_is_refused(session, supervisor):
    assert competences.current(session) == competences.default()
    with pytest.raises(competences.MappingError):
        competences.save(session, 'task_types.translate = ["no-such"]', supervisor)
    assert competences.current(session) == competences.default()
    text = competences.DEFAULT_FILE.read_text(encoding="utf-8")
    adjusted = re.sub(r"(?m)^translate = .*$", 'translate = ["digcomp-1.1"]', text)
    competences.save(session, adjusted, supervisor)
    assert [c.id for c in competences.current(session).of("translate")] == ["digcomp-1.1"]
    assert competences.current_text(session) == adjusted
