"""The task pages over HTTP: the board and its filters, claim, time, submit, review, refusals as proper pages."""

from sqlalchemy import select

from app.task.models import APPROVED, CLAIMED, OPEN, SENT_BACK, SUBMITTED, Task, TaskTime
from tests.factories import form, login, make_item, make_user
from tests.task.conftest import make_task


def post(client, path: str, **fields):
    return client.post(path, data=form(client, **fields), follow_redirects=False)


def test_board_groups_by_type_and_state_and_filters(client, session, trainee):
    make_task(session, title="Décrire la photo du haut fourneau", type="describe_image", difficulty=1)
    make_task(session, title="Traduire le titre", type="translate", language="de", difficulty=2)
    make_task(session, title="Retirée", state="closed")
    login(client, trainee)
    page = client.get("/workspace/tasks")
    assert page.status_code == 200
    assert "Décrire la photo du haut fourneau" in page.text and "Traduire le titre" in page.text
    assert "Retirée" not in page.text
    filtered = client.get("/workspace/tasks", params={"type": "translate", "difficulty": "2", "language": "de"})
    assert "Traduire le titre" in filtered.text and "haut fourneau" not in filtered.text
    nonsense = client.get("/workspace/tasks", params={"type": "<x>", "difficulty": "99", "collection": "abc"})
    assert nonsense.status_code == 200


def test_claim_then_time_then_submit_then_review(client, session, trainee, supervisor):
    task = make_task(session)
    login(client, trainee)
    assert post(client, f"/workspace/tasks/{task.id}/claim").status_code == 303
    session.refresh(task)
    assert task.state == CLAIMED and task.claimed_by_id == trainee.id
    post(client, f"/workspace/tasks/{task.id}/timer", action="start")
    post(client, f"/workspace/tasks/{task.id}/timer", action="stop")
    post(client, f"/workspace/tasks/{task.id}/minutes", minutes="45")
    logged = session.scalars(select(TaskTime.minutes).where(TaskTime.task_id == task.id)).all()
    assert sorted(logged) == [1, 45]
    answer = post(client, f"/workspace/tasks/{task.id}/submit", note="Fiche complète")
    assert answer.status_code == 303
    session.refresh(task)
    assert task.state == SUBMITTED and task.sampled is True
    login(client, supervisor)
    queue = client.get("/workspace/tasks/review")
    assert "Cataloguer la photo" in queue.text and "Âge médian" in queue.text
    refused = post(client, f"/workspace/tasks/{task.id}/review", decision="send_back", comment=" ")
    assert refused.status_code == 422 and "comment" in refused.text
    post(client, f"/workspace/tasks/{task.id}/review", decision="send_back", comment="Ajoute la date")
    session.refresh(task)
    assert task.state == SENT_BACK
    login(client, trainee)
    assert "Ajoute la date" in client.get("/workspace/tasks/mine").text
    assert "Ajoute la date" in client.get(f"/workspace/tasks/{task.id}").text
    post(client, f"/workspace/tasks/{task.id}/submit", note="Date ajoutée")
    login(client, supervisor)
    post(client, f"/workspace/tasks/{task.id}/review", decision="approve")
    session.refresh(task)
    assert task.state == APPROVED and task.reviewed_by_id == supervisor.id and task.approved_at is not None


def test_a_supervisor_never_reviews_their_own_work(client, session, supervisor):
    task = make_task(session)
    login(client, supervisor)
    post(client, f"/workspace/tasks/{task.id}/claim")
    post(client, f"/workspace/tasks/{task.id}/submit")
    answer = post(client, f"/workspace/tasks/{task.id}/review", decision="approve")
    assert answer.status_code == 403
    session.refresh(task)
    assert task.state == SUBMITTED


def test_someone_elses_claim_is_a_conflict_page(client, session, trainee, cohort):
    task = make_task(session)
    other = make_user(session, "trainee-bob", role="curator")
    login(client, trainee)
    post(client, f"/workspace/tasks/{task.id}/claim")
    login(client, other)
    for action in ("claim", "renew", "release", "submit"):
        answer = post(client, f"/workspace/tasks/{task.id}/{action}")
        assert answer.status_code == 409, action
        assert "<h1>" in answer.text
    session.refresh(task)
    assert task.claimed_by_id == trainee.id


def test_bad_minutes_are_refused_with_a_message(client, session, trainee):
    task = make_task(session)
    login(client, trainee)
    post(client, f"/workspace/tasks/{task.id}/claim")
    for typed in ("0", "601", "abc", "", "-5", "99999999999"):
        answer = post(client, f"/workspace/tasks/{task.id}/minutes", minutes=typed)
        assert answer.status_code == 422, typed
        assert "600" in answer.text
    assert session.scalars(select(TaskTime).where(TaskTime.task_id == task.id)).all() == []


def test_next_task_claims_the_easiest_task_in_my_languages(client, session, trainee):
    make_task(session, title="En allemand", language="de", difficulty=1)
    make_task(session, title="Difficile", difficulty=3)
    easy = make_task(session, title="Facile en français", language="fr", difficulty=1)
    login(client, trainee)
    answer = post(client, "/workspace/tasks/next")
    assert answer.status_code == 303 and answer.headers["location"].endswith(f"/workspace/tasks/{easy.id}?done=claimed")
    session.refresh(easy)
    assert easy.state == CLAIMED


def test_next_task_when_none_is_left(client, session, trainee):
    session.execute(Task.__table__.update().values(state="closed"))
    login(client, trainee)
    answer = client.post("/workspace/tasks/next", data=form(client), follow_redirects=True)
    assert answer.status_code == 200 and "done=none" in str(answer.url)


def test_new_task_form_with_bad_input_keeps_what_was_typed(client, session, supervisor):
    login(client, supervisor)
    fields = {
        "type": "nope",
        "title": "",
        "difficulty": "7",
        "start": "ab",
        "end": "1:00",
        "target": "XX-404",
        "language": "zz",
    }
    answer = post(client, "/workspace/tasks/new", **fields)
    assert answer.status_code == 422
    assert 'value="XX-404"' in answer.text
    good = {"type": "transcribe", "title": "Transcrire 10–15", "difficulty": "2", "start": "10:00", "end": "15:00"}
    created = post(client, "/workspace/tasks/new", **good)
    assert created.status_code == 303
    task = session.scalar(select(Task).where(Task.title == "Transcrire 10–15"))
    assert (task.start_seconds, task.end_seconds, task.state, task.created_by_id) == (600, 900, OPEN, supervisor.id)


def test_new_task_on_an_item(client, session, supervisor):
    item = make_item(session)
    login(client, supervisor)
    fields = {"type": "catalogue_item", "title": "Compléter", "difficulty": "1", "target": item.identifier}
    post(client, "/workspace/tasks/new", **fields)
    task = session.scalar(select(Task).where(Task.title == "Compléter"))
    assert (task.target_kind, task.target_id) == ("item", item.id)
    page = client.get(f"/workspace/tasks/{task.id}")
    assert f"/workspace/items/{item.identifier}" in page.text


def test_trainees_cannot_reach_the_supervisors_pages(client, session, trainee):
    login(client, trainee)
    for path in ("/workspace/tasks/review", "/workspace/tasks/new", "/workspace/tasks/trust", "/workspace/tasks/hours"):
        assert client.get(path).status_code == 403, path


def test_dashboard_links_to_the_board(client, session, trainee):
    login(client, trainee)
    assert "/workspace/tasks" in client.get("/workspace").text
