"""Records in every state a visitor must not see, for the discovery tests to guess."""

from datetime import date, timedelta

from app.interview.models import SEALED, WITHDRAWN, Interview
from app.tour.models import Tour
from tests.factories import make_collection, make_exhibit, make_item


def hidden_records(session) -> dict[str, str]:
    """{what: identifier or slug} of a draft, an item in review, a withdrawn item, a sealed interview, a
    withdrawn interview, a draft collection, a draft exhibit and a draft tour."""
    found = {
        "draft": make_item(session, status="draft", title="Brouillon secret").identifier,
        "in_review": make_item(session, status="in_review", title="En relecture secrète").identifier,
        "withdrawn": make_item(session, status="withdrawn", title="Retiré secret").identifier,
    }
    for access, name in ((SEALED, "sealed"), (WITHDRAWN, "withdrawn_interview")):
        item = make_item(session, kind="interview", title=f"Entretien {name}")
        until = date.today() + timedelta(days=3650) if access == SEALED else None
        session.add(Interview(item_id=item.id, access=access, sealed_until=until))
        found[name] = item.identifier
    session.flush()
    found["draft_collection"] = make_collection(session, status="draft").slug
    found["draft_exhibit"] = make_exhibit(session, status="draft").slug
    session.add(Tour(slug="tournee-brouillon", status="draft", titles={"fr": "Tournée en brouillon"}))
    session.flush()
    found["draft_tour"] = "tournee-brouillon"
    return found
