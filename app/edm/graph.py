"""An item as an EDM graph (rdflib): the ProvidedCHO, its Aggregation, WebResources and contextual entities.

Built from an item loaded with its credits, subjects, place and media (`service.LOAD`), for the public only: the
caller has already decided that the item is public (app/oai/public.py). Contextual entities are named by the public
pages that list their items (`/items?place=thil`), so every URI in the graph opens on the site.
"""

from collections.abc import Callable

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, SKOS

from app.agent.models import CREATOR_ROLES
from app.edm.rights import edm_rights
from app.iiif.manifest import BODY_TYPES
from app.item.models import Item
from app.media import service as media_service  # a module import: app.media.service marks tiers through app.edm
from app.media.models import Media
from app.media.urls import derivative_url

EDM = Namespace("http://www.europeana.eu/schemas/edm/")
ORE = Namespace("http://www.openarchives.org/ore/terms/")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SVCS = Namespace("http://rdfs.org/sioc/services#")
DOAP = Namespace("http://usefulinc.com/ns/doap#")
IIIF_IMAGE = URIRef("http://iiif.io/api/image")
NAMESPACES = {"edm": EDM, "ore": ORE, "dc": DC, "dcterms": DCTERMS, "skos": SKOS, "wgs84_pos": WGS84, "svcs": SVCS}
CONTRIBUTOR_ROLES = ("contributor", "interviewer")  # as the public page credits them; trainees' work is not listed
# edm:type of each kind when its media do not say otherwise.
EDM_TYPES = {
    "building": "IMAGE",
    "artwork": "IMAGE",
    "photograph": "IMAGE",
    "object": "IMAGE",
    "interview": "SOUND",
    "document": "TEXT",
    "memory": "TEXT",
}
MEDIA_EDM_TYPES = {"audio": "SOUND", "video": "VIDEO"}
PROVIDER = "Villerupt.com"

# Builds an absolute URL of the app from a route name and its parameters.
Link = Callable[..., str]


def edm_type(item: Item) -> str:
    """IMAGE, TEXT, SOUND, VIDEO or 3D: a recording's own type wins over the kind's."""
    for media in item.media:
        if media.media_type in MEDIA_EDM_TYPES:
            return MEDIA_EDM_TYPES[media.media_type]
    return EDM_TYPES.get(item.kind, "IMAGE")


def public_media(item: Item) -> list[Media]:
    """The media a visitor may open: every image (as its derivatives), other files when their original is public."""
    return [media for media in item.media if media.media_type == "image" or media_service.original_is_public(media)]


def build(item: Item, link: Link, provider: str = PROVIDER) -> Graph:
    """The EDM graph of a public item."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace)
    page = link("item.detail", identifier=item.identifier)
    cho, aggregation = URIRef(page + "#cho"), URIRef(page + "#aggregation")
    _cho(graph, cho, item, link)
    _aggregation(graph, aggregation, cho, item, link, page, provider)
    return graph


def _literals(graph: Graph, subject, predicate, texts: dict[str, str] | None) -> None:
    for lang, text in sorted((texts or {}).items()):
        if text and text.strip():
            graph.add((subject, predicate, Literal(_clean(text.strip()), lang=lang)))


def _plain(graph: Graph, subject, predicate, text: str | None, lang: str | None = None) -> None:
    if text and text.strip():
        graph.add((subject, predicate, Literal(_clean(text.strip()), lang=lang)))


def _cho(graph: Graph, cho: URIRef, item: Item, link: Link) -> None:
    lang = item.language or "fr"
    graph.add((cho, RDF.type, EDM.ProvidedCHO))
    graph.add((cho, DC.identifier, Literal(item.identifier)))
    graph.add((cho, EDM.type, Literal(edm_type(item))))
    graph.add((cho, DC.language, Literal(lang)))
    _literals(graph, cho, DC.title, item.titles)
    _literals(graph, cho, DC.description, item.descriptions)
    _plain(graph, cho, DC.type, item.dc_type, lang)
    _plain(graph, cho, DCTERMS.medium, item.medium, lang)
    _plain(graph, cho, DCTERMS.extent, item.dimensions, lang)
    _plain(graph, cho, DC.format, item.format, lang)
    _agents(graph, cho, item, link)
    _concepts(graph, cho, item, link)
    _place(graph, cho, item, link)
    _timespan(graph, cho, item, link)


def _agents(graph: Graph, cho: URIRef, item: Item, link: Link) -> None:
    """Credited people by their public names (agents' names, never accounts' login names)."""
    for credit in item.credits:
        if credit.role in CREATOR_ROLES:
            predicate = DC.creator
        elif credit.role in CONTRIBUTOR_ROLES:
            predicate = DC.contributor
        else:
            continue
        agent = URIRef(link("item.browse") + f"?creator={credit.agent.slug}")
        graph.add((cho, predicate, agent))
        graph.add((agent, RDF.type, EDM.Agent))
        graph.add((agent, SKOS.prefLabel, Literal(_clean(credit.agent.name))))


def _concepts(graph: Graph, cho: URIRef, item: Item, link: Link) -> None:
    """Subjects, labelled in the language the catalog names them in (the item's)."""
    for subject in item.subjects:
        concept = URIRef(link("item.browse") + f"?subject={subject.slug}")
        graph.add((cho, DC.subject, concept))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(_clean(subject.name), lang=item.language or "fr")))


def _place(graph: Graph, cho: URIRef, item: Item, link: Link) -> None:
    place = item.place
    if place is None:
        return
    node = URIRef(link("item.browse") + f"?place={place.slug}")
    graph.add((cho, DCTERMS.spatial, node))
    graph.add((node, RDF.type, EDM.Place))
    names = place.names or {"fr": place.name}
    _literals(graph, node, SKOS.prefLabel, names)
    for other in place.other_names or []:
        _plain(graph, node, SKOS.altLabel, other)
    latitude, longitude = (item.latitude, item.longitude) if item.latitude is not None else (None, None)
    latitude = latitude if latitude is not None else place.latitude
    longitude = longitude if longitude is not None else place.longitude
    if latitude is not None and longitude is not None:
        graph.add((node, WGS84.lat, Literal(float(latitude))))
        graph.add((node, WGS84.long, Literal(float(longitude))))


def _timespan(graph: Graph, cho: URIRef, item: Item, link: Link) -> None:
    first, last = item.date_earliest, item.date_latest
    if first is None:
        _plain(graph, cho, DCTERMS.created, item.date_text, item.language)
        return
    node = URIRef(link("item.detail", identifier=item.identifier) + "#timespan")
    label = item.date_text or (str(first) if last in (None, first) else f"{first}/{last}")
    graph.add((cho, DCTERMS.created, node))
    graph.add((node, RDF.type, EDM.TimeSpan))
    graph.add((node, SKOS.prefLabel, Literal(_clean(label), lang=item.language or "fr")))
    graph.add((node, EDM.begin, Literal(str(first))))
    graph.add((node, EDM.end, Literal(str(last if last is not None else first))))


def _aggregation(
    graph: Graph, aggregation: URIRef, cho: URIRef, item: Item, link: Link, page: str, provider: str
) -> None:
    graph.add((aggregation, RDF.type, ORE.Aggregation))
    graph.add((aggregation, EDM.aggregatedCHO, cho))
    graph.add((aggregation, EDM.dataProvider, Literal(provider)))
    graph.add((aggregation, EDM.provider, Literal(provider)))
    graph.add((aggregation, EDM.isShownAt, URIRef(page)))
    rights = edm_rights(item.rights)
    if rights:
        graph.add((aggregation, EDM.rights, URIRef(rights)))
    resources = [_web_resource(graph, media, item, link) for media in public_media(item)]
    if resources:
        graph.add((aggregation, EDM.isShownBy, resources[0]))
        if first_image := next((m for m in public_media(item) if m.media_type == "image"), None):
            graph.add((aggregation, EDM.object, URIRef(_site(link) + derivative_url(first_image, "large"))))
    for resource in resources[1:]:
        graph.add((aggregation, EDM.hasView, resource))


def _web_resource(graph: Graph, media: Media, item: Item, link: Link) -> URIRef:
    """The largest public form of a media: an image's largest derivative (with its IIIF service), else the file."""
    site = _site(link)
    if media.media_type == "image":
        resource = URIRef(site + derivative_url(media, "large"))
        service = URIRef(f"{site}/iiif/3/{media.sha256}")
        graph.add((resource, SVCS.has_service, service))
        graph.add((service, RDF.type, SVCS.Service))
        graph.add((service, DCTERMS.conformsTo, IIIF_IMAGE))
        graph.add((service, DOAP.implements, URIRef("http://iiif.io/api/image/3/level2.json")))
    else:
        extension = media.original_path.rsplit(".", 1)[-1]
        resource = URIRef(link("media.file", sha256=media.sha256, ext=extension))
    graph.add((resource, RDF.type, EDM.WebResource))
    graph.add((resource, DC.format, Literal(media.mime_type if media.media_type != "image" else "image/jpeg")))
    if media.media_type in BODY_TYPES:
        manifest = URIRef(link("iiif.manifest", identifier=item.identifier))
        graph.add((resource, DCTERMS.isReferencedBy, manifest))
    if rights := edm_rights(media.rights or item.rights):
        graph.add((resource, EDM.rights, URIRef(rights)))
    _literals(graph, resource, DC.description, media.captions)
    _plain(graph, resource, DC.rights, media.credit)
    return resource


def _site(link: Link) -> str:
    return link("home").rstrip("/")


def _clean(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (a NUL the API accepted would break RDF/XML)."""
    return "".join(
        char
        for char in text
        if char in "\t\n\r" or ("\x20" <= char <= "\ud7ff") or ("\ue000" <= char <= "\ufffd") or char >= "\U00010000"
    )
