"""The developer corpus's real records as rows of the museum's import format (docs/import-format.md).

Four sources from ../shared/data: Mérimée monuments near Villerupt, Toulouse inventory notices (French
history text), a Tate slice and MoMA's 93,985 artworks, about 104,000 rows. The benchmarks import them
through the museum's own importer; tools/build_demo_collection.py and tools/build_search_fixture.py
reuse the row functions. Build a catalog with `python -m bench.corpus build DIR [--data D]`.
"""

import argparse
import gzip
import html
import json
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.config import ROOT, Settings
from app.db import make_engine, make_session_factory
from app.migrate import upgrade
from app.transfer.importer import ImportReport, import_file

DATA = ROOT.parent / "shared" / "data"
MERIMEE = Path("heritage") / "merimee_mh_nord_lorraine.jsonl"
TOULOUSE = Path("heritage") / "inventaire_toulouse_dev.jsonl"
TATE = Path("museum") / "tate_artworks_dev.jsonl"
MOMA = Path("museum") / "moma_artworks_bench.jsonl.gz"

ETALAB = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
FEATURED_BUILDINGS = {"PA57000038", "PA00106443", "PA00135419", "PA00106017", "PA00106075", "PA57000030"}

# Whole titles whose German and English names we can give with confidence.
TITLE_TRANSLATIONS = {
    "Église": ("Kirche", "Church"),
    "Église catholique": ("Katholische Kirche", "Catholic church"),
    "Château": ("Schloss", "Castle"),
    "Château (ancien)": ("Ehemaliges Schloss", "Former castle"),
    "Château (ruines)": ("Schlossruine", "Castle ruins"),
    "Château-fort (restes)": ("Überreste einer Burg", "Remains of a fortified castle"),
    "Haut-fourneau (ancien)": ("Ehemaliger Hochofen", "Former blast furnace"),
    "Haut-fourneau (vestiges)": ("Überreste eines Hochofens", "Remains of a blast furnace"),
    "Usine sidérurgique": ("Hüttenwerk", "Steelworks"),
    "Ancienne mine de fer Bassompierre": ("Ehemaliges Eisenerzbergwerk Bassompierre", "Former Bassompierre iron mine"),
    "Ancienne maison du directeur des hauts-fourneaux de la Paix, actuellement foyer-restaurant pour personnes âgées": (
        "Ehemaliges Wohnhaus des Direktors der Hochöfen von La Paix, heute Seniorenrestaurant",
        "Former house of the director of the La Paix blast furnaces, now a restaurant for elderly people",
    ),
    "Nécropole mérovingienne": ("Merowingisches Gräberfeld", "Merovingian necropolis"),
    "Enceinte fortifiée de la citadelle": ("Befestigungsmauer der Zitadelle", "Fortified enclosure of the citadel"),
    "Citadelle": ("Zitadelle", "Citadel"),
    "Fort": ("Fort", "Fort"),
    "Fortifications": ("Befestigungen", "Fortifications"),
    "Anciennes fortifications": ("Ehemalige Befestigungen", "Former fortifications"),
    "Ossuaire": ("Beinhaus", "Ossuary"),
    "Ossuaire (ancien)": ("Ehemaliges Beinhaus", "Former ossuary"),
    "Croix de route": ("Wegkreuz", "Wayside cross"),
    "Croix de cimetière": ("Friedhofskreuz", "Cemetery cross"),
    "Cimetière": ("Friedhof", "Cemetery"),
    "Chapelle du cimetière": ("Friedhofskapelle", "Cemetery chapel"),
    "Prieuré (ancien)": ("Ehemaliges Priorat", "Former priory"),
    "Abbaye (ancienne)": ("Ehemalige Abtei", "Former abbey"),
    "Hôtel de ville": ("Rathaus", "Town hall"),
    "Maison": ("Haus", "House"),
    "Immeuble": ("Gebäude", "Building"),
    "Immeubles": ("Gebäude", "Buildings"),
    "Temple protestant": ("Evangelische Kirche", "Protestant church"),
    "Synagogue": ("Synagoge", "Synagogue"),
    "Ancienne synagogue": ("Ehemalige Synagoge", "Former synagogue"),
    "Fontaine": ("Brunnen", "Fountain"),
    "Beffroi": ("Belfried", "Belfry"),
    "Beffroi (ancien)": ("Ehemaliger Belfried", "Former belfry"),
    "Gare": ("Bahnhof", "Railway station"),
    "Villa": ("Villa", "Villa"),
    "Théâtre municipal": ("Stadttheater", "Municipal theatre"),
    "Bâtiment militaire": ("Militärgebäude", "Military building"),
    "Vestiges gallo-romains": ("Gallorömische Überreste", "Gallo-Roman remains"),
}
# "Église Saint-Martin" -> "Kirche Saint-Martin" / "Church of Saint-Martin": the dedication stays French.
DEDICATION = re.compile(r"^(Église|Chapelle) (Saint|Sainte)-[\w-]+$")
DEDICATION_WORDS = {"Église": ("Kirche", "Church of"), "Chapelle": ("Kapelle", "Chapel of")}

# Subjects derived from words of the French title: (pattern, subjects).
BUILDING_SUBJECTS = [
    (r"\béglise|cathédrale|temple protestant", ["église"]),
    (r"\bchapelle", ["chapelle"]),
    (r"abbaye|prieuré|couvent|commanderie", ["abbaye et couvent"]),
    (r"synagogue", ["synagogue"]),
    (r"château|maison forte|donjon", ["château"]),
    (r"motte féodale", ["fortification"]),
    (r"\bmine\b", ["mine", "patrimoine industriel"]),
    (r"haut(s)?-fourneau", ["haut-fourneau", "sidérurgie", "patrimoine industriel"]),
    (r"sidérurgique|forge", ["sidérurgie", "patrimoine industriel"]),
    (r"fortifi|citadelle|enceinte|\bfort\b|[ée]peron barré|caserne|groupe fortifié", ["fortification"]),
    (r"\bcroix|calvaire", ["croix"]),
    (r"ossuaire", ["ossuaire"]),
    (r"cimetière|nécropole|funéraire|hypogée", ["patrimoine funéraire"]),
    (r"gallo-romain|archéologique|mérovingienne", ["archéologie"]),
    (r"\bmaison\b|immeuble|villa|cité radieuse|hôtel (?!de ville|des postes)", ["habitat"]),
    (
        r"hôtel de ville|beffroi|palais de justice|hôtel des postes|gare|théâtre|[ée]cole|palais du gouverneur",
        ["édifice public"],
    ),
    (r"ferme|grange|cense|pressoir", ["patrimoine rural"]),
    (r"\bpont\b|fontaine|puits|aqueduc", ["ouvrage d'art et eau"]),
    (r"monument|tranchée|pièce de 420|poste de commandement|douaumont", ["mémoire des guerres"]),
]

# Tate subject leaves (or their parent category) that put an artwork into "paysages-industriels".
INDUSTRIAL_CATEGORIES = {"industrial"}
INDUSTRIAL_LEAVES = {
    "industrial",
    "industrial society",
    "urban environment",
    "industrial worker",
    "industrialist",
    "miner",
    "blacksmith",
    "labourer",
    "quarryman",
    "hammering",
    "forge",
    "furnace",
    "workshop",
    "machinery",
    "machine age",
    "anvil",
    "coal",
    "social housing",
    "unemployment",
    "tower block",
    "railway",
    "crane",
    "gantry",
    "engine",
    "economics: Industrial Revolution, 18th c.",
    "protests and unrest: strike, National Union of Mineworkers, 1984",
}
NOT_INDUSTRIAL = {"windmill", "watermill"}


# Mérimée monuments ----------------------------------------------------------------------------


def title_translations(title: str) -> tuple[str, str] | None:
    """German and English titles, only for a common term or a simple dedication."""
    if title in TITLE_TRANSLATIONS:
        return TITLE_TRANSLATIONS[title]
    if DEDICATION.match(title):
        word, dedication = title.split(" ", 1)
        de, en = DEDICATION_WORDS[word]
        return f"{de} {dedication}", f"{en} {dedication}"
    return None


def building_subjects(title: str) -> list[str]:
    found = [s for pattern, subjects in BUILDING_SUBJECTS if re.search(pattern, title.lower()) for s in subjects]
    return list(dict.fromkeys(found))


def protection_text(nature: str | None) -> str:
    """`arrêté;décret` -> `Monument historique (arrêté ; décret)`."""
    kinds = [part.strip() for part in (nature or "").split(";") if part.strip()]
    return f"Monument historique ({' ; '.join(kinds)})" if kinds else "Monument historique"


def building_row(record: dict) -> dict:
    title = record["titre_editorial"]
    row = {
        "identifier": record["reference"],
        "kind": "building",
        "status": "published",
        "featured": "true" if record["reference"] in FEATURED_BUILDINGS else "false",
        "language": "fr",
        "title": title,
        "title_de": "",
        "title_en": "",
        "date": " ; ".join(record["datation"]),
        "latitude": f"{record['latitude']:.6f}",
        "longitude": f"{record['longitude']:.6f}",
        "subjects": "|".join(building_subjects(title)),
        "protection": protection_text(record["nature_de_la_protection"]),
        "merimee_reference": record["reference"],
        "type": "Monument historique",
        "source": record["lien_archiv_mh"],
        "rights": ETALAB,
        "collection": "patrimoine-protege",
    }
    translated = title_translations(title)
    if translated:
        row["title_de"], row["title_en"] = translated
    return row


# Tate artworks ---------------------------------------------------------------------------------


def subject_paths(node: dict | None, path: tuple = ()) -> list[tuple[str, ...]]:
    """Every root-to-leaf path of Tate's subject tree."""
    if not node:
        return []
    path = path + (node["name"],)
    if not node.get("children"):
        return [path]
    return [p for child in node["children"] for p in subject_paths(child, path)]


def is_industrial(record: dict) -> bool:
    return any(
        (p[-2] in INDUSTRIAL_CATEGORIES or p[-1] in INDUSTRIAL_LEAVES) and p[-1] not in NOT_INDUSTRIAL
        for p in subject_paths(record.get("subjects"))
        if len(p) > 2
    )


def artists(record: dict) -> list[str]:
    return [c["fc"] for c in record["contributors"] if c["role"] == "artist"]


def artwork_row(record: dict) -> dict:
    industrial = is_industrial(record)
    date = record["dateText"] if record["dateText"] != "date not known" else ""
    return {
        "identifier": record["acno"],
        "kind": "artwork",
        "status": "published",
        "featured": False,
        "language": "en",
        "title": record["title"],
        "creator": artists(record),
        "date": date,
        "medium": record["medium"] or "",
        "dimensions": record["dimensions"] or "",
        "inscription": record["inscription"] or "",
        "source": record["creditLine"] or "",
        "subjects": list(dict.fromkeys(p[-1] for p in subject_paths(record.get("subjects")) if len(p) > 1)),
        "type": record["classification"] or "",
        "rights": CC0,
        "collection": ["oeuvres", "paysages-industriels"] if industrial else ["oeuvres"],
    }


# Toulouse inventory notices --------------------------------------------------------------------

TOULOUSE_SOURCE = (
    "Inventaire général du patrimoine culturel, Région Occitanie / Ville de Toulouse (base Mérimée, data.gouv.fr)"
)
NAME_LENGTH = 255  # the importer's limit for a person, place or subject name


def split_list(text: str | None) -> list[str]:
    """`maison ; jardin` or `maison;jardin` -> the names, each once, cut to the importer's limit."""
    return clean_names(re.split(r"\s*;\s*", text or ""))


def clean_names(names: Iterable[str]) -> list[str]:
    kept = (name.strip()[:NAME_LENGTH].strip() for name in names)
    return list(dict.fromkeys(name for name in kept if any(c.isalnum() for c in name)))


def cut(text: str | None, limit: int) -> str:
    return (text or "").strip()[:limit].strip()


def toulouse_row(record: dict) -> dict:
    """One Inventaire notice: a French building with its history paragraph."""
    return {
        "identifier": record["id"],
        "kind": "building",
        "status": "published",
        "language": "fr",
        "title": cut(record.get("chptico") or record.get("chpdeno") or record["id"], 1000),
        "description": (record.get("chphist") or "").strip(),
        "subjects": split_list(record.get("chpdeno")),
        "date": cut(record.get("chpscle") or record.get("chpdate"), 255),
        "address": cut(record.get("chpadrs"), 500),
        "place": cut(record.get("chpcom"), NAME_LENGTH),
        "latitude": record.get("latitude"),
        "longitude": record.get("longitude"),
        "architect": split_list(record.get("chpautr")),
        "protection": cut(record.get("chpprot"), 255),
        "type": "Inventaire général du patrimoine culturel",
        "source": TOULOUSE_SOURCE,
        "rights": "Licence Ouverte 2.0",
        "collection": ["Inventaire Toulouse"],
    }


# MoMA artworks ---------------------------------------------------------------------------------


def moma_artists(record: dict) -> list[str]:
    artist = record.get("Artist") or []
    return clean_names([artist] if isinstance(artist, str) else artist)


def moma_keywords(record: dict, artists: list[str]) -> list[str]:
    """Keywords, HTML entities decoded, without those repeating the artist or the date."""
    repeated = {name.casefold() for name in artists} | {(record.get("Date") or "").strip().casefold()}
    words = (html.unescape(word) for word in record.get("Keywords") or [])
    return [word for word in clean_names(words) if word.casefold() not in repeated]


def moma_row(record: dict) -> dict:
    """One MoMA artwork, as catalogers wrote it."""
    artists = moma_artists(record)
    return {
        "identifier": f"MoMA-{record['ObjectID']}",
        "kind": "artwork",
        "status": "published",
        "language": "en",
        "title": (record.get("Title") or "").strip() or "Untitled",
        "creator": artists,
        "date": cut(record.get("Date"), 255),
        "medium": cut(record.get("Medium"), 500),
        "dimensions": cut(record.get("Dimensions"), 500),
        "source": (record.get("CreditLine") or "").strip(),
        "type": cut(record.get("Classification"), 255),
        "subjects": moma_keywords(record, artists),
        "rights": CC0,
        "collection": ["MoMA"],
    }


# Reading the sources ---------------------------------------------------------------------------


def read_records(path: Path) -> Iterator[dict]:
    """The JSON objects of a JSON Lines file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def read_jsonl(path: Path) -> list[dict]:
    return list(read_records(path))


SOURCES = ((MERIMEE, building_row), (TOULOUSE, toulouse_row), (TATE, artwork_row), (MOMA, moma_row))


def real_rows(data_dir: Path = DATA, limit_per_source: int | None = None) -> Iterator[dict]:
    """Every source's rows in file order (the first `limit_per_source` of each when given)."""
    for relative, convert in SOURCES:
        for number, record in enumerate(read_records(Path(data_dir) / relative)):
            if limit_per_source is not None and number >= limit_per_source:
                break
            yield convert(record)


def write_rows(path: Path, rows: Iterable[dict]) -> int:
    """A JSON Lines import file; returns the number of rows."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_real_rows(path: Path, data_dir: Path = DATA, limit_per_source: int | None = None) -> int:
    """The real rows as one JSON Lines import file; returns the number of rows."""
    return write_rows(path, real_rows(data_dir, limit_per_source))


# A catalog of the real rows --------------------------------------------------------------------


def catalog_settings(folder: Path) -> Settings:
    """Settings for a catalog kept in `folder` (database, media and index inside it)."""
    folder = Path(folder).resolve()
    return Settings(
        database_url=f"sqlite:///{folder / 'museum.db'}",
        media_dir=folder / "media",
        index_dir=folder / "index",
        run_worker=False,
    )


def timed_import(settings: Settings, path: Path) -> tuple[float, ImportReport]:
    """`import_file` then a commit, as `museum import` does: seconds and the report."""
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        start = time.perf_counter()
        report = import_file(session, path, settings)
        session.commit()
        seconds = time.perf_counter() - start
    engine.dispose()
    return seconds, report


def build_catalog(folder: Path, data_dir: Path = DATA, limit_per_source: int | None = None) -> dict:
    """A fresh migrated SQLite catalog in `folder` holding the real rows, imported by the importer."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = catalog_settings(folder)
    settings.ensure_dirs()
    upgrade(settings.database_url)
    path = folder / "real_rows.jsonl"
    rows = write_real_rows(path, data_dir, limit_per_source)
    seconds, report = timed_import(settings, path)
    return {
        "rows": rows,
        "seconds": seconds,
        "summary": report.summary(),
        "rejected": report.rejected,
        "mb": path.stat().st_size / 1e6,
    }


def print_import(built: dict) -> None:
    print(
        f"catalog: {built['rows']:,} real rows ({built['mb']:.1f} MB of JSON Lines) imported in "
        f"{built['seconds']:.1f} s = {built['rows'] / built['seconds']:,.0f} rows/s ({built['summary']})"
    )
    print(f"rejected rows: {len(built['rejected'])}")
    for error in built["rejected"][:10]:
        print(f"  {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="a fresh catalog of the real rows in DIR")
    build.add_argument("folder", type=Path, metavar="DIR")
    build.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    build.add_argument("--limit", type=int, default=None, help="at most this many records of each source")
    options = parser.parse_args()
    if (options.folder / "museum.db").exists():
        parser.error(f"{options.folder / 'museum.db'} exists: give an empty or new folder")
    built = build_catalog(options.folder, options.data, options.limit)
    print_import(built)
    (options.folder / "READY").write_text(built["summary"] + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
