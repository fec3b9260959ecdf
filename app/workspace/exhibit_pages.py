"""The workspace's routes changing an exhibit's pages and blocks with plain forms: add, rename, move and remove a
page; add a block of a type at a position, edit its fields, move it, remove it. Each change is a revision of
the exhibit, made from the revision number the form was loaded with (a stale form is a 409, nothing lost)."""

from collections.abc import Callable
from functools import partial

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from app.account.identity import IdentityDep
from app.exhibit import blocks, editing, edits
from app.i18n import gettext as _
from app.publishing.revisions import StaleEdit
from app.web.deps import FormDep, SessionDep
from app.workspace import exhibit_forms as forms
from app.workspace import exhibit_page as render
from app.workspace.exhibits import exhibit_or_404, to_exhibit
from app.workspace.page import number

router = APIRouter(prefix="/workspace/exhibits/{slug}/pages", include_in_schema=False)


def _page_or_404(document: blocks.Document, key: str) -> blocks.Page:
    page = document.page(key)
    if page is None:
        raise HTTPException(404, _("This exhibit has no page “{key}”.").format(key=key))
    return page


def _position(form, name: str) -> int:
    try:
        return int(str(form.get(name, "")))
    except ValueError:
        raise HTTPException(422, _("Choose a position.")) from None


def to_page(request: Request, slug: str, key: str, done: str, anchor: str = "") -> RedirectResponse:
    url = request.url_for("workspace.exhibit_page", slug=slug, key=key).include_query_params(done=done)
    return RedirectResponse(f"{url}{anchor}", 303)


def _save(request, session, identity, exhibit, form, change: Callable, done: RedirectResponse, stale_form=None):
    """Apply `change` to the document and save it as a revision, then redirect to `done`. A change the
    document refuses is a 422 on the exhibit's form; a stale one a 409 with what the others saved, on
    `stale_form(revisions)` (the block's form, keeping what was typed) or else the exhibit's form."""
    document = blocks.load(exhibit.document)
    try:
        changed = change(document)
    except edits.NotFound:
        raise HTTPException(404, _("This page or block is no longer there.")) from None
    except ValidationError:
        limits = {"pages": blocks.MAX_PAGES, "blocks": blocks.MAX_BLOCKS}
        errors = {"pages": _("An exhibit has at most {pages} pages of at most {blocks} blocks each.").format(**limits)}
        return render.form(request, session, exhibit, forms.raw_from_exhibit(exhibit), errors, status=422)
    raw = forms.raw_from_exhibit(exhibit)
    try:
        editing.save_document(session, exhibit, changed, identity.user, number(form.get("revision")))
    except StaleEdit as stale:
        if stale_form is not None:
            return stale_form(stale.revisions)
        return render.form(request, session, exhibit, raw, stale=stale.revisions, status=409)
    return done


@router.post("", name="workspace.exhibit_page_add")
def add_page(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Add an empty page at the end, with its titles; its address is made from its title."""
    exhibit = exhibit_or_404(request, session, slug)
    checked = forms.page_titles(form)
    if checked.errors:
        errors = {f"page_{name}": message for name, message in checked.errors.items()}
        return render.form(request, session, exhibit, forms.raw_from_exhibit(exhibit), errors, status=422)
    titles = checked.values["titles"]
    title = titles.get(exhibit.language) or next(iter(titles.values()), "")
    key = edits.new_key(blocks.load(exhibit.document), title)
    done = to_page(request, slug, key, "page_added")
    return _save(
        request, session, identity, exhibit, form, lambda document: edits.add_page(document, titles, key), done
    )


@router.get("/{key}", name="workspace.exhibit_page")
def page_editor(request: Request, session: SessionDep, slug: str, key: str, done: str = ""):
    """One page: its titles, its blocks with their buttons, and the form adding a block."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    return render.page_editor(request, session, exhibit, page, done=done)


@router.post("/{key}", name="workspace.exhibit_page_rename")
def rename_page(request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, form: FormDep):
    """Change the page's titles (its address stays)."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    checked = forms.page_titles(form)
    typed = {lang: form.get(f"title_{lang}", "") for lang in render.CONTENT_LANGUAGES}
    if checked.errors:
        return render.page_editor(request, session, exhibit, page, errors=checked.errors, raw_titles=typed, status=422)
    done = to_page(request, slug, key, "saved")
    change = partial(edits.rename_page, key=key, titles=checked.values["titles"])

    def again(stale: list):
        return render.page_editor(request, session, exhibit, page, raw_titles=typed, stale=stale, status=409)

    return _save(request, session, identity, exhibit, form, change, done, again)


@router.post("/{key}/move", name="workspace.exhibit_page_move")
def move_page(request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, form: FormDep):
    """Move the page to the position `to` (from 0)."""
    exhibit = exhibit_or_404(request, session, slug)
    to = _position(form, "to")
    done = to_exhibit(request, slug, "moved", "#pages")
    return _save(request, session, identity, exhibit, form, lambda document: edits.move_page(document, key, to), done)


@router.post("/{key}/remove", name="workspace.exhibit_page_remove")
def remove_page(request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, form: FormDep):
    """Remove the page and its blocks (the history keeps them)."""
    exhibit = exhibit_or_404(request, session, slug)
    done = to_exhibit(request, slug, "page_removed", "#pages")
    return _save(request, session, identity, exhibit, form, lambda document: edits.remove_page(document, key), done)


def _kind(value) -> str:
    kind = str(value or "")
    if kind not in blocks.BLOCK_TYPES:
        raise HTTPException(422, _("Choose one of the options."))
    return kind


@router.get("/{key}/blocks/new", name="workspace.exhibit_block_new")
def new_block(request: Request, session: SessionDep, slug: str, key: str, type: str = "", at: int = 0):
    """The form of a new block of a type, to be inserted at position `at` of the page."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    kind = _kind(type)
    return render.block_form(request, session, exhibit, page, kind, forms.blank_block(kind), at=at)


@router.post("/{key}/blocks", name="workspace.exhibit_block_add")
def add_block(request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, form: FormDep):
    """Insert a block made from the form at its position; the same form with messages when it is wrong."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    kind, at = _kind(form.get("type")), max(0, _position(form, "at"))
    raw = forms.raw_from_block_form(kind, form)
    block, errors = _checked(session, kind, raw)
    again = _again(request, session, exhibit, page, kind, raw, at=at)
    if errors:
        return again(errors, number(form.get("revision")))
    done = to_page(request, slug, key, "block_added", f"#block-{min(at, len(page.blocks))}")
    change = partial(edits.insert_block, key=key, position=at, new=block)
    return _save(request, session, identity, exhibit, form, change, done, lambda stale: again(stale=stale))


def _again(request, session, exhibit, page, kind: str, raw: dict, **where):
    """The block's form again with what was typed: with messages (422), or with what others saved (409)."""

    def again(errors: dict | None = None, base: int | None = None, stale: list | None = None):
        status = 409 if stale else 422
        return render.block_form(
            request, session, exhibit, page, kind, raw, errors=errors, base=base, stale=stale, status=status, **where
        )

    return again


def _checked(session, kind: str, raw: dict):
    wanted = [part for value in raw.values() if isinstance(value, str) for part in forms.SEPARATORS.split(value)]
    return forms.block_from_raw(kind, raw, editing.known_identifiers(session, [w for w in wanted if w][:200]))


def _block_or_404(page: blocks.Page, index: int):
    if not 0 <= index < len(page.blocks):
        raise HTTPException(404, _("This page or block is no longer there."))
    return page.blocks[index]


@router.get("/{key}/blocks/{index}", name="workspace.exhibit_block_edit")
def edit_block(request: Request, session: SessionDep, slug: str, key: str, index: int):
    """The form of the block at `index` of the page, with its type's fields."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    block = _block_or_404(page, index)
    return render.block_form(request, session, exhibit, page, block.type, forms.raw_from_block(block), index=index)


@router.post("/{key}/blocks/{index}", name="workspace.exhibit_block_update")
def update_block(
    request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, index: int, form: FormDep
):
    """Replace the block's fields with the form's; the same form with messages when it is wrong."""
    exhibit = exhibit_or_404(request, session, slug)
    page = _page_or_404(blocks.load(exhibit.document), key)
    kind = _block_or_404(page, index).type
    raw = forms.raw_from_block_form(kind, form)
    block, errors = _checked(session, kind, raw)
    again = _again(request, session, exhibit, page, kind, raw, index=index)
    if errors:
        return again(errors, number(form.get("revision")))
    done = to_page(request, slug, key, "saved", f"#block-{index}")
    change = partial(edits.replace_block, key=key, index=index, new=block)
    return _save(request, session, identity, exhibit, form, change, done, lambda stale: again(stale=stale))


@router.post("/{key}/blocks/{index}/move", name="workspace.exhibit_block_move")
def move_block(
    request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, index: int, form: FormDep
):
    """Move the block to the position `to` (from 0) of its page, or to the end of another page (`page`)."""
    exhibit = exhibit_or_404(request, session, slug)
    other = str(form.get("page") or "")
    if other and other != key:
        document = blocks.load(exhibit.document)
        target = _page_or_404(document, other)
        done = to_page(request, slug, other, "moved", f"#block-{len(target.blocks)}")
        change = partial(edits.move_block_to_page, key=key, index=index, to_key=other)
        return _save(request, session, identity, exhibit, form, change, done)
    to = _position(form, "to")
    done = to_page(request, slug, key, "moved", f"#block-{max(to, 0)}")
    return _save(request, session, identity, exhibit, form, lambda doc: edits.move_block(doc, key, index, to), done)


@router.post("/{key}/blocks/{index}/remove", name="workspace.exhibit_block_remove")
def remove_block(
    request: Request, session: SessionDep, identity: IdentityDep, slug: str, key: str, index: int, form: FormDep
):
    """Remove the block from its page (the history keeps it)."""
    exhibit = exhibit_or_404(request, session, slug)
    done = to_page(request, slug, key, "block_removed", "#blocks")
    return _save(request, session, identity, exhibit, form, lambda doc: edits.remove_block(doc, key, index), done)
