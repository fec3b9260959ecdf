"""A request's arguments checked against the protocol: each verb's allowed, required and exclusive ones."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.oai.errors import OaiError

VERBS = {
    # verb: (required, optional); resumptionToken is each list verb's exclusive argument.
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
RESUMABLE = {"ListSets", "ListIdentifiers", "ListRecords"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# The schema's patterns of a metadataPrefix and a setSpec (OAI-PMH.xsd), which the <request> element repeats.
PREFIX = re.compile(r"[A-Za-z0-9\-_\.!~\*'\(\)]+")
SET_SPEC = re.compile(r"[A-Za-z0-9\-_\.!~\*'\(\)]+(:[A-Za-z0-9\-_\.!~\*'\(\)]+)*")
# Characters XML 1.0 cannot carry, which no argument may hold.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def verb_of(pairs: list[tuple[str, str]]) -> str:
    """The request's one known verb, else badVerb."""
    verbs = [value for key, value in pairs if key == "verb"]
    if len(verbs) != 1:
        raise OaiError("badVerb", "The verb argument must be given exactly once.")
    if verbs[0] not in VERBS:
        raise OaiError("badVerb", "Unknown verb.")
    return verbs[0]


def checked(verb: str, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """The verb's arguments (each once, none unknown, the required ones or only a resumption token)."""
    keys = [key for key, _value in pairs if key != "verb"]
    if len(keys) != len(set(keys)):
        raise OaiError("badArgument", "An argument is repeated.")
    found = {key: value for key, value in pairs if key != "verb"}
    required, optional = VERBS[verb]
    if "resumptionToken" in found and verb in RESUMABLE:
        if len(found) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        _well_formed(found)
        return found
    if set(found) - required - optional:
        raise OaiError("badArgument", "An argument is not allowed with this verb.")
    if missing := required - set(found):
        raise OaiError("badArgument", f"Missing argument: {sorted(missing)[0]}.")
    _well_formed(found)
    return found


def _well_formed(found: dict[str, str]) -> None:
    if any(NOT_XML.search(value) for value in found.values()):
        raise OaiError("badArgument", "An argument holds characters XML cannot carry.")
    if "metadataPrefix" in found and not PREFIX.fullmatch(found["metadataPrefix"]):
        raise OaiError("badArgument", "This is not a metadataPrefix.")
    if "set" in found and not SET_SPEC.fullmatch(found["set"]):
        raise OaiError("badArgument", "This is not a setSpec.")
    window(found.get("from"), found.get("until"))


@dataclass(frozen=True)
class Window:
    start: datetime | None
    end: datetime | None  # exclusive


def window(start: str | None, until: str | None) -> Window:
    """`from` and `until` as [start, end): same granularity, either day or second, `from` not after `until`."""
    first, first_step = _moment(start) if start is not None else (None, None)
    last, last_step = _moment(until) if until is not None else (None, None)
    if first_step and last_step and first_step != last_step:
        raise OaiError("badArgument", "from and until must have the same granularity.")
    if first is not None and last is not None and first > last:
        raise OaiError("badArgument", "from is after until.")
    return Window(first, _after(last, last_step))


def _after(moment: datetime | None, step: timedelta | None) -> datetime | None:
    if moment is None or step is None:
        return None
    try:
        return moment + step
    except OverflowError:  # until 9999-12-31: nothing is later
        return None


def _moment(text: str) -> tuple[datetime, timedelta]:
    try:
        if DAY.fullmatch(text):
            return datetime.strptime(text, "%Y-%m-%d"), timedelta(days=1)
        if SECOND.fullmatch(text):
            return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ"), timedelta(seconds=1)
    except ValueError:
        pass
    raise OaiError("badArgument", "Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC).")
