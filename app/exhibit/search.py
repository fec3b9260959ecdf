"""What exhibits put in the search index: their own texts, and the "in exhibit" facet of the items they show.

A published exhibit is a record found beside the items (registry.Companion): its titles, summaries, page
titles, texts, captions and quotations, by language, in an index of their own; a search lists the best
exhibits apart from the items and links to their pages. Drafts, exhibits in review and withdrawn ones are
never there. An item's document names the published exhibits showing it (app/item/search.py reads them); here the
search outbox learns which items a flush touches through exhibits: one published, withdrawn, renamed or
rewritten while it is (or was) published, both the items it shows now and those it showed before.
"""

from collections.abc import Iterable, Iterator

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.exhibit import blocks, markdown
from app.exhibit.models import Exhibit, ExhibitItem
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.search import registry

# A block's fields holding text for visitors, each {language: text} (a text block's body is Markdown).
BLOCK_TEXTS = ("caption", "text", "source", "before_label", "after_label")

# An exhibit's columns that its items' documents show (through its status, its titles, the items it shows).
WATCHED = ("status", "titles", "document")


def items_of_changed_exhibits(session: Session) -> set[int]:
    """The items whose documents this flush may change through an exhibit (called while the flush's state is there)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Exhibit) and _seen_by_visitors(session, obj):
            ids |= _items_shown(session, obj)
    return ids


def _seen_by_visitors(session: Session, exhibit: Exhibit) -> bool:
    state = inspect(exhibit).attrs
    history = state.status.history
    if PUBLISHED not in (*history.added, *history.unchanged, *history.deleted):
        return False  # a draft's changes are seen by no one
    return exhibit in session.deleted or any(state[name].history.has_changes() for name in WATCHED)


def _items_shown(session: Session, exhibit: Exhibit) -> set[int]:
    """The items the exhibit shows now (its rows, as this flush wrote them) and those its previous document showed."""
    connection = session.connection()
    ids = set(connection.scalars(select(ExhibitItem.item_id).where(ExhibitItem.exhibit_id == exhibit.id)))
    before = [document for document in inspect(exhibit).attrs.document.history.deleted if document]
    wanted = {identifier for document in before for identifier in blocks.load(document).item_identifiers()}
    if wanted:
        ids |= set(connection.scalars(select(Item.id).where(Item.identifier.in_(wanted))))
    return ids


def documents(session: Session, exhibit_ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The documents of the published exhibits (of `exhibit_ids`, or all), in id order."""
    query = select(Exhibit).where(Exhibit.status == PUBLISHED).order_by(Exhibit.id)
    if exhibit_ids is not None:
        query = query.where(Exhibit.id.in_(list(exhibit_ids)))
    for exhibit in session.scalars(query):
        yield _document(exhibit)


def _document(exhibit: Exhibit) -> dict:
    texts = texts_of(exhibit, blocks.load(exhibit.document))
    return {
        "id": f"exhibit:{exhibit.id}",
        "record": exhibit.id,
        "start": 0,
        "title": {lang: [title] for lang, title in exhibit.titles.items() if title},
        "text": texts,
        "subject": {exhibit.language: list(exhibit.tags)} if exhibit.tags else {},
        "display": {
            "slug": exhibit.slug,
            "language": exhibit.language,
            "titles": exhibit.titles,
            "summaries": exhibit.summaries,
            "texts": {lang: "\n".join(values) for lang, values in texts.items()},
        },
    }


def texts_of(exhibit: Exhibit, document: blocks.Document) -> dict[str, list[str]]:
    """Every text of the exhibit a visitor reads, by language: summary, page titles, texts, captions, quotations."""
    found: dict[str, list[str]] = {}
    parts: list[dict] = [exhibit.summaries, *(page.titles for page in document.pages)]
    for block in document.blocks():
        if isinstance(block, blocks.TextBlock):
            parts.append({lang: markdown.to_text(body) for lang, body in block.body.items()})
        parts += [getattr(block, name) for name in BLOCK_TEXTS if getattr(block, name, None)]
    for values in parts:
        for lang, text in values.items():
            if text and text.strip():
                found.setdefault(lang, []).append(text.strip())
    return found


def changed_exhibit_ids(session: Session) -> set[int]:
    """The exhibits whose documents this flush may change (their texts, or whether they are published)."""
    changed = (*session.new, *session.dirty, *session.deleted)
    return {obj.id for obj in changed if isinstance(obj, Exhibit) and obj.id is not None}


def page_path(display: dict) -> str:
    """The exhibit's page (`exhibit.detail`), from what the index keeps of it: hits are listed without a request
    at hand, and the address is a contract."""
    return f"/exhibits/{display['slug']}"


registry.register_companion(
    registry.Companion(name="exhibit", documents=documents, changed_ids=changed_exhibit_ids, path=page_path)
)
