"""What the JSON-LD must never do: break out of its script element, describe a hidden record, or carry personal data."""

import json

import pytest

from app.interview.models import SEALED, Interview
from app.linkeddata.script import script
from tests.discovery.helpers import hidden_records
from tests.factories import credit, login, make_agent, make_collection, make_exhibit, make_item, make_user
from tests.linkeddata.helpers import page_data, scripts
from tests.trainee.factories import make_cohort, make_trainee

HOSTILE = 'Usine </script><script>alert("x")</script> <!-- & </SCRIPT> \u2028 fin'


def test_script_escapes_what_could_close_it():
    text = str(script({"name": HOSTILE}))
    body = text.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body) == {"name": HOSTILE}


@pytest.mark.parametrize("where", ["item", "collection", "exhibit"])
def test_a_hostile_title_cannot_break_out(client, session, where):
    item = make_item(session, title=HOSTILE, descriptions={"fr": HOSTILE})
    paths = {
        "item": lambda: f"/items/{item.identifier}",
        "collection": lambda: f"/collections/{make_collection(session, [item], titles={'fr': HOSTILE}).slug}",
        "exhibit": lambda: f"/exhibits/{make_exhibit(session, [item], titles={'fr': HOSTILE}).slug}",
    }
    path = paths[where]()
    html = client.get(path).text
    assert '<script>alert("x")' not in html
    data = page_data(client, path)  # exactly one script, whole, that parses
    assert HOSTILE in [value["@value"] for value in data["name"]]


def _addresses(hidden: dict[str, str]) -> dict[str, str]:
    collections = ("draft_collection",)
    exhibits = ("draft_exhibit",)
    found = {}
    for what, key in hidden.items():
        if what in collections:
            found[what] = f"/collections/{key}"
        elif what in exhibits:
            found[what] = f"/exhibits/{key}"
        elif what != "draft_tour":
            found[what] = f"/items/{key}"
    return found


def test_hidden_records_have_no_json_ld(client, session):
    """A draft, an item in review, a withdrawn item, a sealed or withdrawn interview, a draft collection or exhibit:
    their addresses guessed directly answer without any JSON-LD (a sealed interview's notice included)."""
    hidden = hidden_records(session)
    for what, path in _addresses(hidden).items():
        response = client.get(path)
        assert not scripts(response.text), what
        assert response.status_code == (200 if what == "sealed" else 404), what
    assert not scripts(client.get("/items/NO-SUCH-ITEM").text)


def test_sealed_interview_describes_nothing(client, session):
    item = make_item(session, kind="interview", title="Entretien scellé", descriptions={"fr": "Résumé scellé"})
    session.add(Interview(item_id=item.id, access=SEALED))
    credit(session, item, make_agent(session, "Nom Scellé"), "interviewee")
    html = client.get(f"/items/{item.identifier}").text
    assert not scripts(html) and "Nom Scellé" not in html


def test_workspace_preview_of_a_draft_exhibit_has_none(client, session):
    exhibit = make_exhibit(session, [make_item(session)], status="draft")
    login(client, make_user(session, role="curator"))
    for path in (f"/workspace/exhibits/{exhibit.slug}/preview", f"/workspace/exhibits/{exhibit.slug}/preview/debut"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not scripts(response.text), path


SECRETS = ("Zorblatt-note", "trainee-login-4455", "trainee4455@example.org", "Hiddenpublic Name")


def test_nothing_personal_in_the_json_ld(client, session):
    """A trainee credited on an item and an exhibit: their follow-up, login and e-mail are nowhere in the JSON-LD."""
    user = make_user(session, "trainee-login-4455", email="trainee4455@example.org")
    make_trainee(
        session,
        user=user,
        cohort=make_cohort(session),
        outcome="job",
        outcome_note="Zorblatt-note",
        origin="LU",
        gender="woman",
        public_name="Hiddenpublic Name",
    )
    agent = make_agent(session, "Ana C.")
    item = make_item(session, kind="photograph")
    credit(session, item, agent, "digitised_by")
    exhibit = make_exhibit(session, [item])
    collection = make_collection(session, [item])
    texts = [
        json.dumps(page_data(client, path), ensure_ascii=False)
        for path in (f"/items/{item.identifier}", f"/exhibits/{exhibit.slug}", f"/collections/{collection.slug}")
    ]
    assert "Ana C." in texts[0]
    leaks = [secret for secret in SECRETS + ('"LU"', "woman", "weekly") for text in texts if secret in text]
    assert not leaks, leaks
