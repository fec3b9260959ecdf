"""The workflow's routes for a kind of record kept by slug (collections, exhibits, tours): one POST route per
step (`workspace.<kind>_<step>`), so that the permission table can say who may take each one.

A refused step shows the record's form again with the reason next to the step's comment box.
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.account.identity import IdentityDep, client_address
from app.publishing.workflow import STEPS, StepRefused, take
from app.web.deps import FormDep, SessionDep

# (request, session, slug) -> the record, once the route's rule allows its state (a 404 otherwise).
Loader = Callable[[Request, Any, str], Any]
# (request, session, record, errors, status) -> the record's form again, with the refusal.
Refusal = Callable[[Request, Any, Any, dict[str, str], int], Response]
# (request, slug, step) -> where to go once the step is taken.
Done = Callable[[Request, str, str], Response]


def add_step_routes(router: APIRouter, kind: str, noun: str, load: Loader, refused: Refusal, done: Done) -> None:
    """Mount `POST /{slug}/<step>` on `router` for every workflow step of records of `kind`."""
    for step in STEPS:
        _add(router, kind, noun, step, (load, refused, done))


def _add(router: APIRouter, kind: str, noun: str, step: str, handlers: tuple[Loader, Refusal, Done]) -> None:
    load, refused, done = handlers

    def view(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
        record = load(request, session, slug)
        try:
            take(session, record, step, identity.user, str(form.get("comment", "")), client_address(request))
        except StepRefused as refusal:
            return refused(request, session, record, {f"comment-{step}": str(refusal)}, refusal.status)
        return done(request, slug, step)

    view.__doc__ = f"The workflow step “{step}” on {noun}."
    router.add_api_route(f"/{{slug}}/{step.replace('_', '-')}", view, methods=["POST"], name=f"workspace.{kind}_{step}")
