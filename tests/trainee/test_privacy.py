"""A trainee's personal and follow-up data never reaches a public output: pages, the API, search (each engine's
index and answers), exports."""

import io
import json

from PIL import Image
from sqlalchemy import select

from app.account.models import User
from app.item import search as item_search
from app.trainee.models import TraineeProfile
from app.transfer.exporter import export_file
from tests.factories import form, login, logout, make_item, make_user
from tests.search.both_engines import app, index_contents, index_of, settings  # noqa: F401  (fixtures: each engine)
from tests.trainee.factories import make_cohort, make_trainee

NOTE = "Zorblatt-embauche-chez-Ternium"
SECRETS = (NOTE, "trainee-login-7781", "trainee7781@example.org", "Exemplaire Publicname")


def _public_addresses(identifier: str) -> list[str]:
    return [
        "/",
        "/items",
        f"/items/{identifier}",
        "/about",
        "/collections",
        # Searched by a part of each secret (a search page shows its query), found nowhere.
        "/search?q=Zorblatt",
        "/search?q=Ternium",
        "/search?q=7781",
        "/search?q=Publicname",
        "/api/v1/items",
        f"/api/v1/items/{identifier}",
        "/api/v1/search?q=Zorblatt",
        "/api/v1/search?q=Publicname",
        "/api/v1/suggest?q=Zorblatt",
        "/api/v1/openapi.json",
    ]


def test_follow_up_and_personal_data_appear_in_no_public_output(client, session, settings, app, tmp_path):
    user = make_user(session, "trainee-login-7781", role="curator", email="trainee7781@example.org")
    make_trainee(
        session,
        user=user,
        cohort=make_cohort(session),
        outcome="job",
        outcome_note=NOTE,
        origin="LU",
        gender="woman",
        public_name="Exemplaire Publicname",
    )
    item = make_item(session, title="Haut fourneau de Micheville")
    login(client, session.get(User, user.id))
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (10, 90, 60)).save(buffer, "JPEG")
    files = {"photo": ("portrait.jpg", buffer.getvalue(), "image/jpeg")}
    assert client.post("/workspace/me/trainee/photo", data=form(client), files=files).status_code == 200
    logout(client)
    index = index_of(app, settings)
    assert index.rebuild(item_search.documents(session)) == 1  # the item only: a photo is no catalog record
    index.close()
    outputs = {}
    for address in _public_addresses(item.identifier):
        response = client.get(address)
        assert response.status_code == 200, address
        outputs[address] = response.text
    outputs["search index"] = index_contents(app, settings)
    outputs["search documents"] = json.dumps(list(item_search.documents(session)), ensure_ascii=False, default=str)
    for name in ("export.csv", "export.jsonl"):
        export_file(session, tmp_path / name, settings)
        outputs[name] = (tmp_path / name).read_text()
    assert "Micheville" in outputs["/items"] and "micheville" in outputs["search index"].lower()
    leaks = [f"{secret!r} in {name}" for name, text in outputs.items() for secret in SECRETS if secret in text]
    assert not leaks, leaks
    photo_path = session.scalars(select(TraineeProfile.photo_path).where(TraineeProfile.user_id == user.id)).one()
    assert photo_path
    public = [name for name, text in outputs.items() if photo_path.split("/")[-1][:64] in text]
    assert not public, public
