"""The demo's programme cohort: fictional trainees, clearly marked as examples, and tasks in every state.

The tasks work on the demo's own items, images and interview, so the board, the review queue, the portfolios and
the funders' report have something real to show. Everything is written with the models directly; a cohort that
exists already is left as it is (someone may have changed it), so loading the demo again creates nothing.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account import passwords
from app.account.models import User
from app.account.roles import CURATOR, SUPERVISOR
from app.clock import utcnow
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.task.models import APPROVED, AUTOMATIC, CLAIMED, CLOSED, OPEN, SENT_BACK, SUBMITTED, Task, TaskTime
from app.trainee.models import Cohort, CohortSupervisor, TraineeProfile

COHORT = {
    "slug": "promotion-2026-memoire-vive",
    "name": "Promotion 2026 — Mémoire vive",
    "starts_on": date(2026, 9, 7),
    "ends_on": date(2027, 3, 5),
    "funders": ["Région Grand Est", "Fonds social européen+", "Commune de Villerupt"],
}
SUPERVISOR_ACCOUNT = ("exemple-encadrante", "Claire Weber (exemple)")


@dataclass(frozen=True)
class Example:
    login: str
    display_name: str
    public_name: str
    origin: str
    gender: str | None
    languages: tuple[str, ...]
    outcome: str | None = None
    outcome_on: date | None = None
    note: str | None = None
    public: bool = False


TRAINEES = (
    Example(
        "exemple-lucie",
        "Lucie M. (exemple)",
        "Exemple — Lucie M.",
        "FR",
        "woman",
        ("fr", "en"),
        "job",
        date(2026, 11, 30),
        "Exemple fictif : embauchée comme opératrice de numérisation.",
        public=True,
    ),
    Example(
        "exemple-joao",
        "João P. (exemple)",
        "Exemple — João P.",
        "LU",
        "man",
        ("fr", "pt", "lb"),
        "training",
        date(2026, 12, 1),
        "Exemple fictif : habite Esch-sur-Alzette, entre en formation qualifiante.",
    ),
    Example(
        "exemple-sophie",
        "Sophie K. (exemple)",
        "Exemple — Sophie K.",
        "LU",
        None,
        ("lb", "de", "fr"),
        note="Exemple fictif : habite Esch-sur-Alzette.",
    ),
    Example("exemple-karim", "Karim B. (exemple)", "Exemple — Karim B.", "FR", "man", ("fr", "ar")),
    Example(
        "exemple-ines",
        "Inès D. (exemple)",
        "Exemple — Inès D.",
        "FR",
        None,
        ("fr", "it"),
        "other",
        date(2026, 11, 20),
        "Exemple fictif : a quitté la formation pour raisons familiales.",
    ),
)
PUBLIC_CHOICES = {"page": True, "sections": ["work", "competences", "comments"]}


@dataclass
class Targets:
    """The demo's records the tasks work on (some may be missing in a smaller catalog)."""

    items: list[Item]
    images: list[Media]
    interview: Item | None


def load_trainees(session: Session) -> int:
    """Create the demo cohort, its supervisor, trainees and tasks unless the cohort exists; returns trainees made."""
    if session.scalar(select(Cohort.id).where(Cohort.slug == COHORT["slug"])) is not None:
        return 0
    cohort = Cohort(**COHORT)
    session.add(cohort)
    supervisor = _account(session, *SUPERVISOR_ACCOUNT, SUPERVISOR)
    session.flush()
    session.add(CohortSupervisor(cohort_id=cohort.id, user_id=supervisor.id))
    profiles = [_trainee(session, cohort, example) for example in TRAINEES]
    _tasks(session, supervisor, profiles, _targets(session))
    session.flush()
    return len(profiles)


def _account(session: Session, login: str, display_name: str, role: str) -> User:
    user = session.scalars(select(User).where(User.name == login)).first()
    if user is None:
        # A password nobody knows: an administrator gives out a reset link to try the account.
        user = User(
            name=login,
            display_name=display_name,
            role=role,
            password_hash=passwords.hash_password(secrets.token_urlsafe(24)),
        )
        session.add(user)
        session.flush()
    return user


def _trainee(session: Session, cohort: Cohort, example: Example) -> TraineeProfile:
    user = _account(session, example.login, example.display_name, CURATOR)
    profile = TraineeProfile(
        user_id=user.id,
        cohort_id=cohort.id,
        starts_on=cohort.starts_on,
        ends_on=example.outcome_on or cohort.ends_on,
        weekly_hours=35.0 if example.origin == "FR" else 30.0,
        languages=list(example.languages),
        public_name=example.public_name,
        example=True,
        portfolio_key=secrets.token_urlsafe(16)[:22],
        public_choices=dict(PUBLIC_CHOICES) if example.public else {},
        origin=example.origin,
        gender=example.gender,
        outcome=example.outcome,
        outcome_on=example.outcome_on,
        outcome_note=example.note,
    )
    session.add(profile)
    session.flush()
    return profile


def _targets(session: Session) -> Targets:
    published = select(Item).where(Item.status == PUBLISHED).order_by(Item.id)
    items = list(session.scalars(published.where(Item.kind.in_(("building", "artwork", "photograph"))).limit(12)))
    images = select(Media).join(Item).where(Item.status == PUBLISHED, Media.media_type == "image").order_by(Media.id)
    interview = session.scalars(published.where(Item.kind == "interview")).first()
    return Targets(items, list(session.scalars(images.limit(6))), interview)


# (state, task type, trainee index or None, target, days ago, minutes logged, review comment)
def _plan(targets: Targets) -> list[tuple]:
    items, images, interview = targets.items, targets.images, targets.interview
    item = lambda n: ("item", items[n % len(items)].id if items else None)  # noqa: E731
    image = lambda n: ("media", images[n % len(images)].id if images else None)  # noqa: E731
    oral = ("interview", interview.id if interview else None)
    good = "Travail soigné, rien à reprendre."
    return [
        (OPEN, "catalogue_item", None, item(0), 0, 0, ""),
        (OPEN, "translate", None, item(1), 0, 0, ""),
        (OPEN, "index_segment", None, oral, 0, 0, ""),
        (CLAIMED, "describe_image", 3, image(0), 0, 20, ""),
        (SUBMITTED, "transcribe", 1, oral, 2, 95, ""),
        (SUBMITTED, "translate", 2, item(2), 3, 50, ""),
        (APPROVED, "catalogue_item", 0, item(3), 20, 120, good),
        (APPROVED, "describe_image", 0, image(1), 16, 45, "Texte alternatif précis et concis : bravo."),
        (APPROVED, "translate", 0, item(4), 12, 60, "Traduction fidèle ; attention aux majuscules des titres."),
        (APPROVED, "transcribe", 0, oral, 9, 150, good),
        (APPROVED, "retouch_image", 1, image(2), 14, 90, "Détourage propre."),
        (APPROVED, "catalogue_item", 2, item(5), 11, 75, good),
        (APPROVED, "digitise", 4, item(6), 25, 40, "Numérisation à la bonne résolution."),
        (SENT_BACK, "subtitle", 2, oral, 5, 70, "Les sous-titres dépassent 42 caractères par ligne : à reprendre."),
        (SENT_BACK, "describe_image", 3, image(3), 4, 30, "Décrivez ce que montre l'image, pas son titre."),
        (CLOSED, "translate", None, item(7), 30, 0, ""),
    ]


def _tasks(session: Session, supervisor: User, profiles: list[TraineeProfile], targets: Targets) -> None:
    now = utcnow()
    for n, (state, kind, who, (target_kind, target_id), days, minutes, comment) in enumerate(_plan(targets), 1):
        profile = profiles[who] if who is not None else None
        task = _task(state, kind, target_kind, target_id, supervisor, profile, now - timedelta(days=days), comment)
        task.title = f"Exemple {n} — {task.title}"
        if kind in ("transcribe", "subtitle", "index_segment"):
            task.start_seconds, task.end_seconds = 600, 900
        if kind == "translate":
            task.language = "de"
        session.add(task)
        session.flush()
        if profile is not None and minutes:
            started = now - timedelta(days=days, hours=2)
            session.add(
                TaskTime(
                    task_id=task.id,
                    user_id=profile.user_id,
                    profile_id=profile.id,
                    started_at=started,
                    minutes=minutes,
                    entered=n % 2 == 0,
                )
            )


TITLES = {
    "catalogue_item": "Cataloguer la notice",
    "digitise": "Numériser le document",
    "describe_image": "Écrire le texte alternatif et la légende",
    "translate": "Traduire le titre et la description en allemand",
    "transcribe": "Transcrire les minutes 10 à 15 de l'entretien",
    "subtitle": "Sous-titrer les minutes 10 à 15 de l'entretien",
    "index_segment": "Indexer le passage des minutes 10 à 15",
    "retouch_image": "Détourer et retoucher l'image",
}


def _task(state, kind, target_kind, target_id, supervisor, profile, when: datetime, comment: str) -> Task:
    task = Task(
        type=kind,
        state=state,
        title=TITLES.get(kind, kind),
        instructions="Tâche d'exemple de la démonstration.",
        origin=AUTOMATIC if state == CLOSED else "manual",
        target_kind=target_kind if target_id is not None else None,
        target_id=target_id,
        difficulty=2 if kind in ("transcribe", "subtitle", "retouch_image") else 1,
        created_by_id=supervisor.id,
        created_at=when - timedelta(days=1),
    )
    if profile is not None:
        task.claimed_by_id, task.claimed_at = profile.user_id, when
    if state == CLAIMED:
        task.claim_expires_at = utcnow() + timedelta(minutes=30)
    if state in (SUBMITTED, APPROVED, SENT_BACK):
        task.submitted_at = when + timedelta(hours=3)
        task.submission_note = "Fait ; voir le résultat sur la notice."
    if state in (APPROVED, SENT_BACK):
        task.sampled, task.reviewed_by_id = True, supervisor.id
        task.reviewed_at, task.review_comment = when + timedelta(days=1), comment
    if state == APPROVED:
        task.approved_at = task.reviewed_at
    if state == CLOSED:
        task.closed_at = when
    return task
