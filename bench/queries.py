"""The real query mix for the real corpus (bench/corpus.py), grouped, and the URLs that send it.

Words a visitor of a Pays-Haut heritage museum types (mines, furnaces, workers' housing, churches,
schools) and words that find the corpus's Toulouse notices and MoMA and Tate artworks; typos, plurals
and elisions, quoted phrases, words found nowhere, long pasted sentences, and filters with facets.
Several queries find nothing on purpose: the corpus has no Villerupt record, no "chevalement".
"""

from urllib.parse import urlencode

SINGLE = [
    "église",
    "château",
    "fourneau",
    "mine",
    "usine",
    "maison",
    "chapelle",
    "croix",
    "moulin",
    "synagogue",
    "école",
    "hôtel",
    "couvent",
    "immeuble",
    "fontaine",
    "pont",
    "ossuaire",
    "Toulouse",
    "Picasso",
    "Matisse",
    "Atget",
    "Warhol",
    "Turner",
    "photograph",
    "lithograph",
    "chair",
    "poster",
    "woodcut",
    "Bauhaus",
    "castle",
]
SEVERAL = [
    "église saint",
    "cité ouvrière",
    "chevalement puits de mine",
    "maison de maître de forges",
    "centrale électrique",
    "usine Menier chocolat",
    "monument aux morts 1914-1918",
    "logements sociaux HBM",
    "maison à pans de bois",
    "école maternelle",
    "hôtel particulier",
    "Pablo Picasso",
    "Walker Evans",
    "église saint martin",
    "groupe scolaire",
    "canal du Midi",
    "Mies van der Rohe",
    "gelatin silver print",
    "Henri Matisse Jazz",
    "Eugène Atget Paris",
    "usine de céramique",
    "ancienne mine de fer",
    "hôtel de ville",
    "Frank Lloyd Wright house",
    "Le Corbusier villa",
]
PHRASES = [
    '"monument aux morts"',
    '"école maternelle"',
    '"hôtel de ville"',
    '"haut fourneau"',
    '"mine de fer"',
    '"église saint martin"',
    '"canal du midi"',
    '"groupe scolaire"',
    '"Walker Evans"',
    '"gelatin silver print"',
    '"Mies van der Rohe"',
    '"New York"',
    '"maison de maître"',
    '"pans de bois"',
    '"cité ouvrière"',
    '"Notre-Dame"',
]
TYPOS = [
    "haut fournau",
    "eglse",
    "chatau",
    "Picaso",
    "photograf",
    "synagoge",
    "Toulose",
    "Matise",
    "litograph",
    "chapele",
    "monumant aux morts",
    "ecole maternel",
    "Walker Evens",
    "Corbusier vila",
    "moulain",
    "usinne",
]
NO_HIT = [
    "xylophorbe",
    "quetzalcoatlqua",
    "brzmfkt vlotpq",
    "zorglubien minéralogique",
    "grzegorzewska tramontelli",
    "quelle est l'histoire du haut fourneau de Micheville à Villerupt pendant la grève de 1905",
    "where can I find photographs of the steelworkers of Villerupt and Micheville",
    "les mineurs italiens de Cantebonne racontent la cantine et la coopérative",
    "chevalement du puits Bassompierre Aumetz",
    "kvlt tyzzplanq orbolux",
]
LONG = [
    "ancienne maison du directeur des hauts-fourneaux de la Paix actuellement foyer restaurant pour personnes âgées "
    "près de la mine de fer et de l'église Sainte-Barbe",
    "immeuble construit dans la deuxième moitié du dix-neuvième siècle en brique et galets avec une façade "
    "ordonnancée sur la rue et une cour intérieure à Toulouse",
    "école primaire et école maternelle construites par l'architecte de la ville dans le quartier avec un "
    "groupe scolaire une cour de récréation et un préau",
    "gelatin silver print photograph of a street in New York City by Walker Evans made for the Farm Security "
    "Administration during the Great Depression in Alabama",
    "lithograph printed in color on paper from an illustrated book of poems published in Paris with a portfolio "
    "of plates by Henri Matisse and Pablo Picasso in an edition",
    "cité ouvrière de la société des aciéries de Micheville avec ses maisons jumelles ses jardins potagers sa "
    "coopérative et son église pour les mineurs et leurs familles",
    "chevalement métallique du puits de mine de fer de Villerupt arrêté en mille neuf cent soixante dix et "
    "démonté par la société lorraine minière de Villerupt",
    "the miners' housing estate of the steelworks with its cooperative store its football ground its school and "
    "the chapel built by the ironmasters of the Longwy basin",
]
PLURALS = [
    "synagogues",
    "l'église",
    "d'usine",
    "châteaux",
    "églises",
    "moulins",
    "l'hôtel de ville",
    "d'Atget",
    "écoles",
    "chapelles",
    "photographs",
    "lithographs",
    "chairs",
    "posters",
]
FILTERED = [
    ("église", {"kind": "building"}),
    ("château", {"kind": "building", "period": (1500, 1899)}),
    ("maison", {"collection": "inventaire-toulouse", "period": (1800, 1899)}),
    ("école", {"collection": "inventaire-toulouse"}),
    ("immeuble", {"collection": "inventaire-toulouse", "period": (1900, 1999)}),
    ("Picasso", {"collection": "moma"}),
    ("Picasso", {"kind": "artwork", "period": (1900, 1949)}),
    ("photograph", {"collection": "moma", "period": (1920, 1939)}),
    ("lithograph", {"kind": "artwork", "period": (1800, 1899)}),
    ("chair", {"collection": "moma", "period": (1950, 1999)}),
    ("Turner", {"collection": "oeuvres"}),
    ("castle", {"collection": "oeuvres", "period": (1800, 1849)}),
    ("mine", {"collection": "paysages-industriels"}),
    ("église", {"collection": "patrimoine-protege"}),
    ("croix", {"kind": "building", "collection": "patrimoine-protege"}),
    ("Walker Evans", {"collection": "moma", "period": (1930, 1939)}),
    ("poster", {"kind": "artwork", "period": (1960, 1969)}),
    ("usine", {"kind": "building"}),
    ("hôtel", {"kind": "building", "period": (1700, 1799)}),
    ("monument aux morts", {"kind": "building", "period": (1900, 1999)}),
    ("Paris", {"collection": "moma", "period": (1850, 1899)}),
    ("fontaine", {"period": (1800, 1899)}),
    ("Matisse", {"collection": "moma"}),
    ("", {"kind": "building"}),
    ("", {"collection": "moma", "period": (1900, 1910)}),
]
GROUPS = {
    "single words": [(text, {}) for text in SINGLE],
    "several words": [(text, {}) for text in SEVERAL],
    "phrases": [(text, {}) for text in PHRASES],
    "typos": [(text, {}) for text in TYPOS],
    "no hit": [(text, {}) for text in NO_HIT],
    "long queries": [(text, {}) for text in LONG],
    "plurals, elisions": [(text, {}) for text in PLURALS],
    "filtered + faceted": FILTERED,
}


def mix() -> list[tuple[str, str, dict]]:
    """(group, text, filters) for every query."""
    return [(group, text, filters) for group, queries in GROUPS.items() for text, filters in queries]


def query_args(text: str, filters: dict) -> dict[str, str]:
    args = {"q": text} | {key: value for key, value in filters.items() if key != "period"}
    if "period" in filters:
        args["period"] = "{}-{}".format(*filters["period"])
    return args


def url(text: str, filters: dict, path: str = "/search", **extra) -> str:
    """`/search?q=...&kind=...&period=1800-1899` (extra: page, sort, lang, per_page)."""
    return f"{path}?{urlencode(query_args(text, filters) | {k: str(v) for k, v in extra.items()})}"


def search_urls() -> list[str]:
    """Page 1 of /search for every query of the mix."""
    return [url(text, filters) for _group, text, filters in mix()]


# Variations a soak sends beside page 1: later pages, other orders, other page languages, the API.
VARIATIONS = [{}, {"page": 2}, {"sort": "date"}, {"lang": "en"}, {"page": 3, "sort": "title"}, {"lang": "de"}]


def soak_urls() -> list[str]:
    """The mix over /search and /api/v1/search, with pages 2 and 3, other sorts and languages."""
    urls = []
    for number, (_group, text, filters) in enumerate(mix()):
        urls.append(url(text, filters))
        urls.append(url(text, filters, "/api/v1/search", **VARIATIONS[number % len(VARIATIONS)]))
        urls.append(url(text, filters, **VARIATIONS[(number + 3) % len(VARIATIONS)]))
    return urls
