"""200 interviews of real text for bench.moments, and the transcript query mix drawn from their cues.

Interview 1 is the real Western Sydney transcript (oral_history/), read by the museum's own reader with
its time codes. The 199 others are made of real sentences, never of generated words: French ones from
the Toulouse inventory's history texts (`chphist`, split into sentences) and the Mérimée titles, English
ones from the real transcript, the Tate titles and the MoMA titles, 256 consecutive sentences of one
language per interview, each sentence timed by its length. Every 20th interview is on request, every
50th withdrawn, every 25th has a redacted passage, and every 32 cues open an index segment.
"""

import gzip
import json
import random
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import make_engine, make_session_factory
from app.interview import public
from app.interview.formats import parse_bytes
from app.interview.models import ON_REQUEST, PUBLIC, WITHDRAWN, Cue, IndexSegment, Interview, Redaction
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.search.analysis import is_stopword, words
from bench.corpus import catalog_settings

INTERVIEWS = 200
CUES_EACH = 256
SEGMENT_EVERY = 32
PREFIX = "ORAL-BENCH-"
TRANSCRIPT = Path("oral_history") / "western_sydney" / "WATSON_19AUG91.txt"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9«\"])")
GERMAN = ["Kirche", "Hochofen", "Bergwerk", "Schule", "Fabrik", "Arbeiter"]  # reach French cues through the glossary
# Words and phrases of the real transcript and of the French history texts, as a visitor would type them.
CHOSEN = [
    ("English", "father"),
    ("English", "Emu Plains"),
    ("English", "Penrith"),
    ("English", '"my father"'),
    ("English", "school teacher"),
    ("French", "maison"),
    ("French", "cadastre napoléonien"),
    ("French", '"hôtel particulier"'),
    ("French", "église"),
    ("French", "propriétaire de la parcelle"),
]


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text or "") if len(part.strip()) >= 12]


def _jsonl(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def pools(data: Path) -> tuple[dict[str, list[str]], list]:
    """Real sentences by language, and the real transcript's cues."""
    transcript = parse_bytes((data / TRANSCRIPT).read_bytes(), TRANSCRIPT.name).cues
    french = [
        s for r in _jsonl(data / "heritage" / "inventaire_toulouse_dev.jsonl") for s in sentences(r.get("chphist"))
    ]
    french += [
        r["titre_editorial"]
        for r in _jsonl(data / "heritage" / "merimee_mh_nord_lorraine.jsonl")
        if r.get("titre_editorial")
    ]
    english = [s for cue in transcript for s in sentences(cue.text.replace("\n", " "))]
    english += [r["title"] for r in _jsonl(data / "museum" / "tate_artworks_dev.jsonl") if r.get("title")]
    moma = [r["Title"] for r in _jsonl(data / "museum" / "moma_artworks_bench.jsonl.gz") if r.get("Title")]
    english += moma[::4][:15_000]  # every 4th: fewer "Plate folio 26" runs of one portfolio
    return {"fr": french, "en": english}, transcript


def add_interviews(folder: Path, data: Path) -> dict:
    """The 200 interviews in the catalog of `folder` (added once); what they hold."""
    engine = make_engine(catalog_settings(folder).database_url)
    try:
        with make_session_factory(engine).begin() as session:
            if not session.scalar(select(Item.id).where(Item.identifier == f"{PREFIX}0001")):
                by_language, transcript = pools(data)
                _add_all(session, by_language, transcript)
            return _described(session)
    finally:
        engine.dispose()


def _add_all(session: Session, by_language: dict[str, list[str]], transcript) -> None:
    for number in range(1, INTERVIEWS + 1):
        lang = "en" if number == 1 or number % 2 else "fr"
        item = _item(session, number, lang)
        if number == 1:
            timed = [(cue.start, cue.end, cue.text, cue.speaker) for cue in transcript if cue.start is not None]
        else:
            pool = by_language[lang]
            start = (number * 7919) % len(pool)
            timed = list(_timed([pool[(start + n) % len(pool)] for n in range(CUES_EACH)]))
        _transcript(session, item.id, lang, timed)
        _access(session, item.id, number, timed)


def _item(session: Session, number: int, lang: str) -> Item:
    title = {"fr": f"Mémoire orale n° {number}", "en": f"Oral memory no. {number}"}[lang]
    item = Item(
        identifier=f"{PREFIX}{number:04d}",
        kind="interview",
        status=PUBLISHED,
        language=lang,
        titles={lang: title},
        sort_title=title.casefold(),
    )
    session.add(item)
    session.flush()
    return item


def _timed(texts: list[str]):
    second = 5.0
    for n, text in enumerate(texts):
        length = max(2.0, len(text) / 14)  # about 14 characters a second, as people speak
        yield second, second + length, text, "Interviewer" if n % 4 == 0 else "Interviewee"
        second += length + 0.5


def _transcript(session: Session, item_id: int, lang: str, timed: list) -> None:
    rows = [
        {
            "item_id": item_id,
            "position": n,
            "start_seconds": start,
            "end_seconds": end,
            "speaker": speaker,
            "language": lang,
            "text": text,
        }
        for n, (start, end, text, speaker) in enumerate(timed)
    ]
    session.execute(insert(Cue), rows)
    for n in range(0, len(timed), SEGMENT_EVERY):
        start, end, text, _speaker = timed[n]
        last = timed[min(n + SEGMENT_EVERY, len(timed)) - 1][1]
        session.add(
            IndexSegment(
                item_id=item_id,
                position=n // SEGMENT_EVERY,
                start_seconds=start,
                end_seconds=last,
                language=lang,
                title=" ".join(text.split()[:8]),
                synopsis=text,
            )
        )


def _access(session: Session, item_id: int, number: int, timed: list) -> None:
    level = WITHDRAWN if number % 50 == 13 else ON_REQUEST if number % 20 == 7 else PUBLIC
    session.add(Interview(item_id=item_id, access=level, access_changed_at=datetime(2026, 1, 1)))
    if number % 25 == 3 and len(timed) > 20:
        session.add(Redaction(item_id=item_id, start_seconds=timed[10][0], end_seconds=timed[19][1], reason="bench"))


def _described(session: Session) -> dict:
    ids = list(session.scalars(select(Item.id).where(Item.identifier.startswith(PREFIX))))
    levels = Counter(session.scalars(select(Interview.access).where(Interview.item_id.in_(ids))))
    count = session.scalar(select(func.count()).select_from(Cue).where(Cue.item_id.in_(ids)))
    return {"interviews": len(ids), "cues": count, "levels": dict(levels)}


def describe(added: dict) -> str:
    levels = ", ".join(f"{n} {level}" for level, n in sorted(added["levels"].items()))
    return (
        f"interviews: {added['interviews']} ({levels}), {added['cues']:,} cues of real text: the Western Sydney "
        "transcript (oral_history/), Toulouse inventory history sentences and Mérimée titles (French), the "
        "transcript's, Tate and MoMA titles (English); every 25th interview redacted over 10 cues"
    )


def public_cues(folder: Path) -> list[tuple[int, int, str, str]]:
    """(item id, second, text, language) of every cue the public may read (app/interview/public.py's policy)."""
    engine = make_engine(catalog_settings(folder).database_url)
    try:
        with Session(engine) as session:
            ids = list(session.scalars(select(Item.id).where(Item.identifier.startswith(PREFIX))))
            contents = public.contents(session, ids, public.today())
            return [
                (item_id, int(cue.start_seconds), cue.text, cue.language)
                for item_id, content in contents.items()
                for cue in content.cues
            ]
    finally:
        engine.dispose()


def transcript_mix(cues: list[tuple[int, int, str, str]], seed: int = 13) -> list[tuple[str, str, dict]]:
    """Per language, frequent and rare words, phrases and several words of the cues; chosen words; German ones."""
    chooser = random.Random(seed)
    mix = [(group, text, {}) for group, text in CHOSEN]
    for lang in ("fr", "en"):
        # Distinct texts: a French sentence is said in several interviews (the pool is smaller than 100 x 256).
        texts = sorted({text for _item, _t, text, language in cues if language == lang})
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(
                {m.group().casefold() for m in words(text) if len(m.group()) > 3 and not is_stopword(m.group())}
            )
        mix += [("frequent", word, {}) for word, _n in counts.most_common(6)]
        rare = sorted(word for word, n in counts.items() if n <= 2 and word.isalpha())
        mix += [("rare", word, {}) for word in chooser.sample(rare, min(6, len(rare)))]
        mix += [(group, text, {}) for group, text in _runs(chooser.sample(texts, 300))]
    return mix + [("German", word, {}) for word in GERMAN]


def _runs(texts: list[str]) -> list[tuple[str, str]]:
    """Five quoted two-word phrases and five runs of three words, from different cues."""
    found: list[tuple[str, str]] = []
    for text in texts:
        phrase = len(found) < 5
        taken = [m.group() for m in words(text)]
        for n in range(len(taken) - 2):
            run = taken[n : n + 2 + (not phrase)]
            if not any(is_stopword(word) or len(word) < 4 for word in run[:2]):
                found.append(("phrase", f'"{" ".join(run)}"') if phrase else ("several words", " ".join(run)))
                break
        if len(found) >= 10:
            break
    return found


def group_sizes(queries: list[tuple[str, str, dict]]) -> dict[str, int]:
    return dict(Counter(group for group, _text, _filters in queries))
