"""What a submission must show: a scan at the minimum resolution (stored as a media original of the item through
app/media), alt text written, a title in the target language, transcript cues over the range."""

import io

from PIL import Image
from sqlalchemy import select

from app.interview.models import Cue, Interview
from app.media.models import Media
from app.task.models import SUBMITTED, Task
from tests.factories import form, login, make_item
from tests.task.conftest import make_task


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 90, 60)).save(out, "PNG")
    return out.getvalue()


def claimed(client, session, trainee, **fields) -> Task:
    task = make_task(session, **fields)
    login(client, trainee)
    client.post(f"/workspace/tasks/{task.id}/claim", data=form(client), follow_redirects=False)
    return task


def send(client, task: Task, files=None, **fields):
    return client.post(
        f"/workspace/tasks/{task.id}/submit", data=form(client, **fields), files=files, follow_redirects=False
    )


def test_a_scan_under_the_minimum_resolution_is_refused_with_a_clear_message(client, session, trainee):
    item = make_item(session)
    task = claimed(client, session, trainee, type="digitise", target_kind="item", target_id=item.id)
    answer = send(client, task, files={"file": ("scan.png", png(1200, 900), "image/png")})
    assert answer.status_code == 422
    assert "1200×900" in answer.text and "2000" in answer.text
    assert session.scalars(select(Media).where(Media.item_id == item.id)).all() == []
    session.refresh(task)
    assert task.state == "claimed"


def test_no_file_or_not_an_image_is_refused(client, session, trainee):
    item = make_item(session)
    task = claimed(client, session, trainee, type="digitise", target_kind="item", target_id=item.id)
    assert send(client, task).status_code == 422
    answer = send(client, task, files={"file": ("scan.png", b"not an image at all", "image/png")})
    assert answer.status_code == 422


def test_a_good_scan_is_stored_as_an_original_of_the_item(client, session, trainee, settings):
    item = make_item(session)
    task = claimed(client, session, trainee, type="digitise", target_kind="item", target_id=item.id)
    answer = send(client, task, files={"file": ("scan.png", png(2400, 1600), "image/png")}, note="300 dpi")
    assert answer.status_code == 303, answer.text
    [media] = session.scalars(select(Media).where(Media.item_id == item.id)).all()
    assert (media.width, media.height, media.media_type) == (2400, 1600, "image")
    assert (settings.media_dir / media.original_path).is_file()
    session.refresh(task)
    assert (task.state, task.result_kind, task.result_id) == (SUBMITTED, "media", media.id)


def test_alt_text_must_be_written_before_submitting(client, session, trainee):
    item = make_item(session)
    media = Media(
        item=item, media_type="image", mime_type="image/jpeg", sha256="cd" * 32, original_path="x.jpg", size_bytes=1
    )
    session.add(media)
    session.flush()
    task = claimed(client, session, trainee, type="describe_image", target_kind="media", target_id=media.id)
    answer = send(client, task)
    assert answer.status_code == 422 and "texte alternatif" in answer.text
    media.alt_texts = {"fr": "La rue principale sous la neige"}
    session.flush()
    assert send(client, task).status_code == 303


def test_a_translation_needs_the_title_in_the_target_language(client, session, trainee):
    item = make_item(session, titles={"fr": "La gare"})
    task = claimed(client, session, trainee, type="translate", target_kind="item", target_id=item.id, language="de")
    assert send(client, task).status_code == 422
    item.titles = {"fr": "La gare", "de": "Der Bahnhof"}
    session.flush()
    assert send(client, task).status_code == 303


def test_a_transcription_needs_cues_over_the_range(client, session, trainee):
    item = make_item(session, kind="interview", duration_seconds=900)
    session.add(Interview(item_id=item.id, languages=["fr"]))
    session.add(Cue(item_id=item.id, position=0, start_seconds=600, end_seconds=700, language="fr", text="Bonjour"))
    session.flush()
    task = claimed(
        client,
        session,
        trainee,
        type="transcribe",
        target_kind="interview",
        target_id=item.id,
        start_seconds=600,
        end_seconds=900,
    )
    assert send(client, task).status_code == 422
    session.add(Cue(item_id=item.id, position=1, start_seconds=705, end_seconds=895, language="fr", text="Suite"))
    session.flush()
    assert send(client, task).status_code == 303
