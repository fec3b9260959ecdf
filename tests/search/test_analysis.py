"""How words become terms: the same for an item's text and for what a visitor types."""

import pytest

from app.search import query as user_query
from app.search.analysis import analyzer, fold, word_terms
from app.search.glossary import load, read


def terms(lang: str, text: str) -> list[str]:
    return [token.text for token in analyzer(lang)(text)]


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Cités ouvrières", "cites ouvrieres"),
        ("l'Église", "eglise"),
        ("l’église", "églises"),
        ("Hauts-Fourneaux", "haut fourneau"),
        ("Sainte", "saint"),
    ],
)
def test_french_forms_give_the_same_terms(written, typed):
    assert set(terms("fr", typed)) <= set(terms("fr", written))


def test_hyphenated_compound_is_indexed_split_and_joined():
    assert terms("fr", "Haut-fourneau") == ["haut", "fourneau", "hautfourneau"]


def test_french_stop_words_are_dropped():
    assert terms("fr", "la maison du directeur") == ["maison", "directeur"]


def test_fold_removes_accents_and_ligatures():
    assert fold("Œuvre Straße Éléphant") == "oeuvre strasse elephant"


def test_numero_sign_is_a_word():
    assert word_terms("fr", "n°").stems == ("numero",)


@pytest.mark.parametrize("typed", ["Hochofen", "blast furnace", "hauts-fourneaux", "Héichuewen"])
def test_glossary_finds_heritage_terms_in_any_language(typed):
    words = typed.split()
    length, group = load().match(words, 0)
    assert length == len(words)
    assert "haut-fourneau" in group


@pytest.mark.parametrize("typed", ["Esch-Alzette", "Esch an der Alzette", "esch uelzecht"])
def test_glossary_knows_cross_border_place_names(typed):
    words = typed.replace("-", " ").split()
    assert "Esch-sur-Alzette" in load().match(words, 0)[1]


def test_curators_extend_the_glossary_with_a_csv_line(tmp_path):
    (tmp_path / "extra.csv").write_text("# comment\nterril, Halde, slag heap\n", encoding="utf-8")
    assert read(tmp_path).match(["slag", "heaps"], 0) == (2, ("terril", "Halde", "slag heap"))


@pytest.mark.parametrize("text", ['"', "AND", "(église", 'a "b', "))((", "OR NOT", "x" * 5000, ""])
def test_any_input_makes_a_query(text):
    query = user_query.build(user_query.parse(text), load())
    assert query is not None


def test_quotes_make_a_phrase_and_length_is_capped():
    units = user_query.parse('mine "haut fourneau" x' + " y" * 500)
    assert units[1] == user_query.Unit(("haut", "fourneau"), phrase=True)
    assert sum(len(unit.words) for unit in units) <= user_query.MAX_LENGTH
