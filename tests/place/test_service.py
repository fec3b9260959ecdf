"""The place list: loaded from the shipped file, found by any of its names, named in the visitor's language."""

import pytest

from app.place import gazetteer
from app.place import service as place_service
from app.place.models import Place
from tests.factories import make_place


@pytest.fixture
def listed(session):
    place_service.load_list(session, gazetteer.read())
    return session


def test_the_shipped_list_loads_and_loading_again_changes_nothing(session):
    created, updated = place_service.load_list(session, gazetteer.read())
    assert created == len(gazetteer.read()) and updated == 0
    assert place_service.load_list(session, gazetteer.read()) == (0, 0)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Esch-Uelzecht", "esch-sur-alzette"),
        ("esch an der alzette", "esch-sur-alzette"),
        ("Diedenhofen", "thionville"),
        ("Däitsch-Oth", "audun-le-tiche"),
        ("Lëtzebuerg", "luxembourg"),
        ("Luxembourg", "luxembourg"),
    ],
)
def test_a_listed_place_is_found_by_any_of_its_names(listed, typed, slug):
    assert place_service.get_or_create(listed, typed).slug == slug


def test_an_unknown_name_becomes_a_new_place(listed):
    place = place_service.get_or_create(listed, "Rue Carnot")
    listed.flush()
    assert (place.slug, place.kind, place.label("de")) == ("rue-carnot", "locality", "Rue Carnot")


def test_an_import_names_listed_places_in_any_language(listed):
    cache: dict[str, int | None] = {}
    place_service.ensure_ids(listed, ["Diedenhofen", "Thionville", "Cité Ottange"], cache)
    thionville = place_service.find(listed, "Thionville")
    assert cache["diedenhofen"] == cache["thionville"] == thionville.id
    assert listed.get(Place, cache["cite-ottange"]).name == "Cité Ottange"


@pytest.mark.parametrize(
    ("lang", "name"), [("fr", "Thionville"), ("de", "Diedenhofen"), ("lb", "Diddenuewen"), ("en", "Thionville")]
)
def test_a_place_is_named_in_the_visitors_language(listed, lang, name):
    assert place_service.find(listed, "Thionville").label(lang) == name


def test_a_country_and_its_capital_are_two_places(listed):
    country = place_service.find(listed, "pays-lu")
    assert (country.kind, country.country, country.label("lb")) == ("country", "LU", "Lëtzebuerg")
    assert place_service.find(listed, "Luxembourg").kind == "commune"


def test_a_place_without_names_by_language_keeps_its_name(session):
    assert make_place(session, "Emu Plains").label("de") == "Emu Plains"


def test_a_broken_list_says_which_line(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("# c\nkind,country,latitude,longitude,fr,de,lb,en,other_names\ncommune,FR,north,,Thil,,,,\n")
    with pytest.raises(gazetteer.GazetteerError, match="line 3"):
        gazetteer.read(path)
