"""Europeana tiers: one case per rule of the table in app/edm/tiers.py, and the advice to reach the next tier."""

import pytest

from app.agent.models import Agent
from app.edm.rights import edm_rights
from app.edm.tiers import CONTENT_ADVICE, ENABLING_ADVICE, LANGUAGE_ADVICE, content_tier, tiers
from app.i18n import language
from app.item.models import Item, ItemAgent, ItemSubject
from app.media.models import Media
from app.place.models import Place
from app.subject.models import Subject

IN_COPYRIGHT, RESTRICTED, OPEN = "InC", "CC BY-NC 4.0", "CC BY 4.0"


def media(kind: str, width: int | None = None, height: int | None = None) -> Media:
    mime = {"image": "image/jpeg", "pdf": "application/pdf", "audio": "audio/mpeg", "video": "video/mp4"}[kind]
    return Media(
        media_type=kind,
        mime_type=mime,
        width=width,
        height=height,
        sha256="0" * 64,
        original_path=f"originals/00/00/x.{mime.rsplit('/', 1)[-1]}",
        derivatives_status="ready",
    )


@pytest.mark.parametrize(
    ("files", "licence", "tier"),
    [
        ([], OPEN, 0),  # no file: only the page
        ([media("image", 300, 300)], OPEN, 0),  # 0.09 megapixel
        ([media("image", 400, 250)], OPEN, 1),  # 0.1 megapixel
        ([media("image", 800, 533)], OPEN, 2),  # 0.42 megapixel
        ([media("image", 1200, 800)], IN_COPYRIGHT, 2),  # large, but no reuse allowed
        ([media("image", 1200, 800)], RESTRICTED, 3),
        ([media("image", 1200, 800)], OPEN, 4),
        ([media("image", 1200, 800)], None, 0),  # no rights statement Europeana accepts
        ([media("image", 300, 300), media("image", 1200, 800)], OPEN, 4),  # the best file counts
        ([media("pdf")], IN_COPYRIGHT, 2),
        ([media("pdf")], RESTRICTED, 3),
        ([media("pdf")], "CC0 1.0", 4),
        ([media("audio")], IN_COPYRIGHT, 2),
        ([media("audio")], "PDM 1.0", 4),
        ([media("video", 640, 360)], OPEN, 1),  # under 480 pixels high
        ([media("video", 1280, 720)], RESTRICTED, 3),
        ([media("video", 1280, 720)], OPEN, 4),
    ],
)
def test_content_tier_rules(files, licence, tier):
    assert content_tier(files, edm_rights(licence))[0] == tier


@pytest.mark.parametrize(
    ("files", "licence", "advice"),
    [
        ([], OPEN, 0),
        ([media("image", 1200, 800)], "Tous droits réservés", "rights"),
        ([media("image", 400, 250)], OPEN, "image1"),
        ([media("image", 800, 533)], OPEN, "image2"),
        ([media("video", 640, 360)], OPEN, "video1"),
        ([media("pdf")], IN_COPYRIGHT, 2),
        ([media("pdf")], RESTRICTED, 3),
        ([media("pdf")], OPEN, None),
    ],
)
def test_content_advice_names_what_reaches_the_next_tier(files, licence, advice):
    assert content_tier(files, edm_rights(licence))[1] == advice
    assert advice is None or CONTENT_ADVICE[advice]


def item(**fields) -> Item:
    """An item in memory with its relations set (tiers read nothing from the database)."""
    values = {
        "identifier": "T-1",
        "kind": "building",
        "language": "fr",
        "titles": {"fr": "Maison"},
        "descriptions": {},
        "rights": OPEN,
        "credits": [],
        "subject_links": [],
        "media": [],
        "place": None,
    }
    return Item(**(values | fields))


def agent(name: str, role: str = "creator") -> ItemAgent:
    return ItemAgent(role=role, agent=Agent(name=name, slug=name.casefold().replace(" ", "-")))


def subject(name: str) -> ItemSubject:
    return ItemSubject(subject=Subject(name=name, slug=name.casefold()))


def test_no_enabling_element_is_metadata_tier_0():
    found = tiers(item())
    assert (found.enabling, found.metadata) == ("0", "0")
    assert [advice.message for advice in found.metadata_advice] == [ENABLING_ADVICE["0"]]


def test_one_enabling_element_is_tier_a():
    found = tiers(item(dc_type="Maison"))
    assert (found.language, found.enabling, found.contextual, found.metadata) == ("C", "A", "A", "A")
    assert len(found.metadata_advice) == 2  # more searchable fields, and a linked context


def test_three_elements_of_two_groups_and_one_complete_context_is_tier_b():
    found = tiers(item(dc_type="Maison", medium="Brique", credits=[agent("Jean Dupont")]))
    assert (found.enabling, found.contextual) == ("B", "B")
    assert found.metadata == "B"


def test_four_elements_and_two_kinds_of_context_is_tier_c_with_no_advice():
    found = tiers(
        item(
            dc_type="Maison",
            credits=[agent("Jean Dupont")],
            subject_links=[subject("Usine")],
            date_earliest=1925,
            date_latest=1930,
        )
    )
    assert (found.language, found.enabling, found.contextual, found.metadata) == ("C", "C", "C", "C")
    assert found.metadata_advice == []


def test_a_place_counts_as_context_only_with_its_coordinates():
    bare = tiers(item(place=Place(name="Thil", slug="thil", names={"fr": "Thil"}, other_names=[])))
    located = tiers(
        item(place=Place(name="Thil", slug="thil", names={"fr": "Thil"}, other_names=[], latitude=49.47, longitude=5.9))
    )
    assert (bare.contextual, located.contextual) == ("A", "B")


def test_untagged_values_lower_the_language_tier():
    found = tiers(item(titles={}, credits=[agent("Jean Dupont"), agent("Anne Keller", "contributor")]))
    assert found.language == "0" and found.metadata == "0"
    (advice,) = [advice for advice in found.metadata_advice if advice.message == LANGUAGE_ADVICE]
    assert advice.values == {"tagged": 0, "total": 2}
    with language("de"):
        assert "0 von 2 Eigenschaften" in advice.text()


def test_an_unmappable_licence_is_said_not_hidden():
    found = tiers(item(rights="Tous droits réservés", media=[media("image", 2000, 1500)]))
    assert found.rights is None and found.content == 0
    assert found.content_advice is not None and found.content_advice.message == CONTENT_ADVICE["rights"]
