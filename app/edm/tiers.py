"""Europeana Publishing Framework tiers of an item, with the reasons and what to add to reach the next tier.

Content tier (0-4): the best of the item's public files (those its EDM graph offers, `graph.public_media`):

| file  | tier 1          | tier 2              | tier 3                                  | tier 4                    |
| ----- | --------------- | ------------------- | --------------------------------------- | ------------------------- |
| image | ≥ 0.1 megapixel | ≥ 0.42 megapixel    | ≥ 0.95 MP, IIIF service, reuse allowed  | the same, open licence    |
| PDF   | —               | any (downloadable)  | reuse allowed                           | open licence              |
| sound | —               | any (playable)      | reuse allowed                           | open licence              |
| video | any             | ≥ 480 pixels high   | ≥ 480 px, reuse allowed                 | the same, open licence    |

No public file, an image under 0.1 megapixel, or no rights statement Europeana accepts (`rights.edm_rights`): tier 0.
Every public image has our IIIF image service (app/iiif), which tiers 3 and 4 ask for. "Reuse allowed" is a
restricted statement (CC BY-NC..., NoC-NC, NoC-OKLR), "open" is PDM, CC0, CC BY or CC BY-SA (`rights.reuse`).

Metadata tier (0, A, B, C) is the lowest of three, read on the item's EDM graph:

| dimension          | A                      | B                      | C                                  |
| ------------------ | ---------------------- | ---------------------- | ---------------------------------- |
| language           | ≥ 25 % of properties   | ≥ 50 %                 | ≥ 75 %                             |
| enabling elements  | ≥ 1                    | ≥ 3, from ≥ 2 groups   | ≥ 4, from ≥ 2 groups               |
| contextual classes | none needed            | ≥ 1 complete entity    | complete entities of ≥ 2 classes   |

Below A on language or enabling elements: tier 0. A property is language-tagged when one of its values is a tagged
literal, or an entity with a tagged label. Groups of enabling elements: time (dcterms:created), place
(dcterms:spatial), subject and type (dc:subject, dc:type, dcterms:medium, dc:format, dcterms:extent), people
(dc:creator, dc:contributor). A complete entity: a place with its coordinates, a time span with its begin and end,
a concept or an agent with its label.
"""

from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DC, DCTERMS, SKOS

from app.edm import graph as edm_graph
from app.edm.rights import edm_rights, reuse
from app.i18n import lazy_gettext as _l
from app.item.models import Item
from app.media.models import Media

MEGAPIXEL = 1_000_000
IMAGE_TIERS = ((0.95 * MEGAPIXEL, 3), (0.42 * MEGAPIXEL, 2), (0.1 * MEGAPIXEL, 1))  # pixels, tier (before rights)
VIDEO_HEIGHT = 480
METADATA_TIERS = ("0", "A", "B", "C")
LANGUAGE_SHARES = ((0.75, "C"), (0.5, "B"), (0.25, "A"))
ENABLING_GROUPS = {
    DCTERMS.created: "time",
    DCTERMS.spatial: "place",
    DC.subject: "subject",
    DC.type: "subject",
    DCTERMS.medium: "subject",
    DC.format: "subject",
    DCTERMS.extent: "subject",
    DC.creator: "people",
    DC.contributor: "people",
}
LANGUAGE_PROPERTIES = (DC.title, DC.description, *ENABLING_GROUPS)

CONTENT_ADVICE = {
    "rights": _l(
        "Choose a licence or rights statement that Europeana accepts (Creative Commons or rightsstatements.org)."
    ),
    0: _l("Add an image of at least 0.1 megapixel (about 400 × 250 pixels), or a PDF, sound or video file."),
    "image1": _l("Add an image of at least 0.42 megapixel (about 800 × 533 pixels)."),
    "image2": _l(
        "Add an image of at least 0.95 megapixel (about 1200 × 800 pixels) under a licence that allows reuse."
    ),
    "video1": _l("Add a video at least 480 pixels high."),
    2: _l("Publish it under a licence that allows reuse (such as CC BY-NC or NoC-NC)."),
    3: _l("Publish it under an open licence (CC BY, CC BY-SA, CC0 or the Public Domain Mark)."),
}
LANGUAGE_ADVICE = _l("Give a language to more of its texts and names: %(tagged)s of %(total)s properties have one.")
ENABLING_ADVICE = {
    "0": _l("Add a date, a place, a subject, a type or a creator."),
    "A": _l("Add at least three searchable fields (date, place, subjects, type, creator) from two different groups."),
    "B": _l("Add a fourth searchable field (date, place, subjects, type, material, format, creator)."),
}
CONTEXTUAL_ADVICE = {
    "A": _l("Link a place with its coordinates, a dated period, a subject or a credited person."),
    "B": _l("Link a second kind of context: a place with its coordinates, a dated period, a subject or a person."),
}


@dataclass(frozen=True)
class Advice:
    """A translatable sentence and its values, translated when shown."""

    message: object
    values: dict = field(default_factory=dict)

    def text(self) -> str:
        return str(self.message) % self.values if self.values else str(self.message)


@dataclass(frozen=True)
class Tiers:
    content: int
    metadata: str
    language: str
    enabling: str
    contextual: str
    rights: str | None
    content_advice: Advice | None
    metadata_advice: list[Advice]


def _link(name: str, **params: str) -> str:
    """URLs for a graph only read for its shape (a draft has no public address yet)."""
    return "http://tiers.invalid/" + name + "/" + "/".join(params.values())


def tiers(item: Item) -> Tiers:
    """The item's tiers (item loaded with credits, subjects, place and media)."""
    rights = edm_rights(item.rights)
    content, content_key = content_tier(edm_graph.public_media(item), rights)
    graph = edm_graph.build(item, _link)
    cho = URIRef(str(next(iter(graph.subjects(RDF.type, edm_graph.EDM.ProvidedCHO)))))
    language, tagged, total = language_tier(graph, cho)
    enabling = enabling_tier(graph, cho)
    contextual = contextual_tier(graph, cho)
    metadata = min(language, enabling, contextual, key=METADATA_TIERS.index)
    advice = _metadata_advice(language, enabling, contextual, metadata, tagged, total)
    return Tiers(content, metadata, language, enabling, contextual, rights, _content_advice(content_key), advice)


def content_tier(media: list[Media], rights: str | None) -> tuple[int, object]:
    """The content tier, and the key of the advice to reach the next one (None at tier 4)."""
    if rights is None:
        return 0, "rights"
    best: int = 0
    key: object = 0
    for one in media:
        tier, one_key = _file_tier(one, reuse(rights))
        if tier > best:
            best, key = tier, one_key
    return best, key


def _file_tier(media: Media, reuse_level: str) -> tuple[int, object]:
    if media.media_type == "image":
        pixels = (media.width or 0) * (media.height or 0)
        base = next((tier for least, tier in IMAGE_TIERS if pixels >= least), 0)
        if base < 3:
            return base, f"image{base}" if base else 0
    elif media.media_type == "video" and (media.height or 0) < VIDEO_HEIGHT:
        return 1, "video1"
    elif media.media_type not in ("pdf", "audio", "video"):
        return 0, 0
    return _with_rights(reuse_level)


def _with_rights(reuse_level: str) -> tuple[int, object]:
    """A file good enough for tier 3 or 4: the rights decide."""
    if reuse_level == "open":
        return 4, None
    return (3, 3) if reuse_level == "restricted" else (2, 2)


def _content_advice(key: object) -> Advice | None:
    return None if key is None else Advice(CONTENT_ADVICE[key])


def language_tier(graph: Graph, cho: URIRef) -> tuple[str, int, int]:
    """(tier, properties with a language tag, properties present)."""
    present = [p for p in LANGUAGE_PROPERTIES if (cho, p, None) in graph]
    tagged = sum(1 for p in present if any(_tagged(graph, value) for value in graph.objects(cho, p)))
    share = tagged / len(present) if present else 0.0
    tier = next((name for least, name in LANGUAGE_SHARES if share >= least), "0")
    return tier, tagged, len(present)


def _tagged(graph: Graph, value) -> bool:
    if isinstance(value, URIRef):
        return any(getattr(label, "language", None) for label in graph.objects(value, SKOS.prefLabel))
    return bool(getattr(value, "language", None))


def enabling_tier(graph: Graph, cho: URIRef) -> str:
    elements = [p for p in ENABLING_GROUPS if (cho, p, None) in graph]
    groups = {ENABLING_GROUPS[p] for p in elements}
    if len(elements) >= 4 and len(groups) >= 2:
        return "C"
    if len(elements) >= 3 and len(groups) >= 2:
        return "B"
    return "A" if elements else "0"


def contextual_tier(graph: Graph, cho: URIRef) -> str:
    classes = {kind for node in set(graph.objects(cho, None)) if (kind := _complete(graph, node))}
    if len(classes) >= 2:
        return "C"
    return "B" if classes else "A"


def _complete(graph: Graph, node) -> URIRef | None:
    """The node's contextual class when it has that class's minimum elements."""
    if (node, RDF.type, edm_graph.EDM.Place) in graph:
        has = (node, edm_graph.WGS84.lat, None) in graph and (node, edm_graph.WGS84.long, None) in graph
        return edm_graph.EDM.Place if has else None
    if (node, RDF.type, edm_graph.EDM.TimeSpan) in graph:
        return (
            edm_graph.EDM.TimeSpan
            if (node, edm_graph.EDM.begin, None) in graph and (node, edm_graph.EDM.end, None) in graph
            else None
        )
    for kind in (edm_graph.EDM.Agent, SKOS.Concept):
        if (node, RDF.type, kind) in graph and (node, SKOS.prefLabel, None) in graph:
            return kind
    return None


def _metadata_advice(language: str, enabling: str, contextual: str, metadata: str, tagged: int, total: int):
    """What to add to raise the metadata tier: the dimensions holding it at its level."""
    if metadata == "C":
        return []
    advice = []
    if language == metadata:
        advice.append(Advice(LANGUAGE_ADVICE, {"tagged": tagged, "total": total}))
    if enabling == metadata:
        advice.append(Advice(ENABLING_ADVICE[enabling]))
    if contextual == metadata and contextual in CONTEXTUAL_ADVICE:
        advice.append(Advice(CONTEXTUAL_ADVICE[contextual]))
    return advice
