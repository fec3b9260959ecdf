"""A trainee with a known set of approved work: public and non-public records, time logged, comments, and
personal data that must never reach a public output."""

from dataclasses import dataclass

import pytest

from app.task.models import SUBMITTED
from tests.factories import make_exhibit, make_item, make_user
from tests.portfolio.factories import make_approved
from tests.trainee.factories import make_trainee

SECRET_TITLE = "Brouillon confidentiel Zebulon"
PUBLIC_TITLE = "Maison du Peuple de Villerupt"
EXHIBIT_TITLE = "Les hauts fourneaux ouverts"
# Personal and follow-up data: none of it may appear in a public page, PDF or credential.
PERSONAL = {
    "login": "camille-login-xq",
    "email": "camille.xq@example.org",
    "display_name": "Camille Rossignol-Xq",
    "outcome_note": "Embauche chez Quincaillerie Wobbly",
    "gender": "nonbinary-xq",
}


@dataclass
class Known:
    profile: object
    user: object
    reviewer: object
    public_item: object
    draft_item: object
    exhibit: object
    tasks: dict


@pytest.fixture
def known(session) -> Known:
    user = make_user(
        session, PERSONAL["login"], role="curator", email=PERSONAL["email"], display_name=PERSONAL["display_name"]
    )
    profile = make_trainee(
        session,
        user,
        public_name="Camille R.",
        origin="LU",
        gender=PERSONAL["gender"],
        outcome="job",
        outcome_note=PERSONAL["outcome_note"],
        weekly_hours=27.5,
    )
    reviewer = make_user(session, "sophie-rev", role="supervisor", display_name="Sophie Martin")
    public_item = make_item(session, title=PUBLIC_TITLE)
    draft_item = make_item(session, title=SECRET_TITLE, status="draft")
    exhibit = make_exhibit(session, titles={"fr": EXHIBIT_TITLE}, status="published")
    tasks = {
        "catalogue_public": make_approved(
            session,
            profile,
            "catalogue_item",
            reviewer=reviewer,
            minutes=90,
            target_kind="item",
            target_id=public_item.id,
            review_comment="Notice claire et complète.",
        ),
        "catalogue_draft": make_approved(
            session,
            profile,
            "catalogue_item",
            reviewer=reviewer,
            minutes=30,
            target_kind="item",
            target_id=draft_item.id,
            title=f"Cataloguer {SECRET_TITLE}",
            review_comment=f"Revoir la date de {SECRET_TITLE}.",
        ),
        "transcribe": make_approved(
            session,
            profile,
            "transcribe",
            reviewer=reviewer,
            minutes=45,
            target_kind="interview",
            target_id=public_item.id,
            start_seconds=600,
            end_seconds=900,
        ),
        "subtitle": make_approved(
            session,
            profile,
            "subtitle",
            reviewer=reviewer,
            target_kind="interview",
            target_id=draft_item.id,
            start_seconds=0,
            end_seconds=150,
        ),
        "exhibit_page": make_approved(
            session,
            profile,
            "write_exhibit_page",
            reviewer=reviewer,
            minutes=120,
            target_kind="exhibit",
            target_id=exhibit.id,
        ),
    }
    # Not approved, or someone else's: never in this portfolio.
    make_approved(session, profile, "translate", minutes=500, state=SUBMITTED, approved_at=None)
    make_approved(session, make_trainee(session), "digitise", minutes=60)
    return Known(profile, user, reviewer, public_item, draft_item, exhibit, tasks)


ALL_SECTIONS = ["work", "hours", "competences", "comments"]


def publish(session, profile, sections=ALL_SECTIONS, hidden=(), indexed=False):
    profile.public_choices = {"public": True, "sections": list(sections), "hidden": list(hidden), "indexed": indexed}
    session.flush()
