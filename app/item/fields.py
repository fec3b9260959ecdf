"""The catalog fields of an item, each declared once: its type, limits, names and labels.

The workspace form and its checks, the import and export columns, revision snapshots and their diffs,
the workspace API's schema and the public page's kind-specific details are all derived from `FIELDS`.
A new catalog field is one `Field` here (and its column in the model and a migration).
"""

from dataclasses import dataclass

from app.i18n import lazy_gettext as _l

# Field types: how a value is checked, stored and shown.
TEXT, LONG_TEXT, MULTILINGUAL, CHOICE, BOOLEAN = "text", "long_text", "multilingual", "choice", "boolean"
COORDINATE, RIGHTS, DAY, DURATION, PLACE, DERIVED = "coordinate", "rights", "day", "duration", "place", "derived"
# Groups of the workspace form.
IDENTIFICATION, TEXTS, DATE_AND_PLACE, CATALOG, KIND = "identification", "texts", "date_place", "catalog", "kind"


@dataclass(frozen=True)
class Field:
    """One catalog field. `name` is the Item attribute; `form`, `api` and `column` its names in the workspace
    form, the API and import/export files (the attribute's name unless given)."""

    name: str
    label: object
    type: str = TEXT
    limit: int | None = None
    required: bool = False
    group: str = CATALOG
    kinds: tuple[str, ...] = ()  # the kinds that show it in their own group; () for every kind
    form_name: str | None = None
    api_name: str | None = None
    column_name: str | None = None
    doc: str | None = None
    revisioned: bool = True
    exported: bool = True
    indexed: bool = False
    in_form: bool = True

    @property
    def form(self) -> str:
        return self.form_name or self.name

    @property
    def api(self) -> str:
        return self.api_name or self.name

    @property
    def column(self) -> str:
        return self.column_name or self.name

    @property
    def multilingual(self) -> bool:
        return self.type == MULTILINGUAL

    @property
    def is_text(self) -> bool:
        """A plain text value, checked only for its length."""
        return self.type in (TEXT, LONG_TEXT)

    @property
    def stored(self) -> bool:
        """Held in a column of its own (a place is a link to the places table)."""
        return self.type != PLACE


FIELDS: list[Field] = [
    Field(
        "kind",
        _l("Kind"),
        CHOICE,
        required=True,
        group=IDENTIFICATION,
        indexed=True,
        doc="building, artwork, interview, photograph, document, object or memory",
    ),
    Field(
        "language",
        _l("Original language"),
        CHOICE,
        group=IDENTIFICATION,
        indexed=True,
        doc="Original language: fr, de, lb or en",
    ),
    Field("featured", _l("Featured on the home page"), BOOLEAN, group=IDENTIFICATION),
    Field(
        "titles",
        _l("Title"),
        MULTILINGUAL,
        limit=500,
        required=True,
        group=TEXTS,
        column_name="title",
        indexed=True,
        doc="Title by language; the original one is required",
    ),
    Field("descriptions", _l("Description"), MULTILINGUAL, group=TEXTS, column_name="description", indexed=True),
    Field(
        "date_text",
        _l("Date"),
        TEXT,
        limit=255,
        group=DATE_AND_PLACE,
        api_name="date",
        column_name="date",
        indexed=True,
        doc="The date as written (“vers 1930”, “XIXe siècle”)",
    ),
    Field("date_earliest", _l("Earliest year"), DERIVED, in_form=False, exported=False, indexed=True),
    Field("date_latest", _l("Latest year"), DERIVED, in_form=False, exported=False, indexed=True),
    Field("place", _l("Place"), PLACE, limit=255, group=DATE_AND_PLACE, indexed=True),
    Field(
        "place_near",
        _l("Near the place, not in it"),
        BOOLEAN,
        group=DATE_AND_PLACE,
        indexed=True,
        doc="true when the item lies near its place (outside the town) rather than in it",
    ),
    Field("latitude", _l("Latitude"), COORDINATE, group=DATE_AND_PLACE),
    Field("longitude", _l("Longitude"), COORDINATE, group=DATE_AND_PLACE),
    Field("dc_type", _l("Type"), TEXT, limit=255, column_name="type"),
    Field("format", _l("Format"), TEXT, limit=255),
    Field("source", _l("Source"), LONG_TEXT),
    Field("relation", _l("Related resource"), LONG_TEXT),
    Field("rights", _l("Rights"), RIGHTS, doc="A Creative Commons or rightsstatements.org URI or code"),
    Field("address", _l("Address"), TEXT, limit=500, group=KIND, kinds=("building",)),
    Field("construction_period", _l("Construction period"), TEXT, limit=255, group=KIND, kinds=("building",)),
    Field("protection", _l("Protection"), TEXT, limit=255, group=KIND, kinds=("building",)),
    Field("merimee_reference", _l("Mérimée reference"), TEXT, limit=20, group=KIND, kinds=("building",)),
    Field("medium", _l("Medium"), TEXT, limit=500, group=KIND, kinds=("artwork",)),
    Field("dimensions", _l("Dimensions"), TEXT, limit=500, group=KIND, kinds=("artwork",)),
    Field("inscription", _l("Inscription"), LONG_TEXT, group=KIND, kinds=("artwork",)),
    Field("recording_date", _l("Recording date"), DAY, group=KIND, kinds=("interview",), doc="YYYY-MM-DD"),
    Field(
        "duration_seconds",
        _l("Duration"),
        DURATION,
        group=KIND,
        kinds=("interview",),
        form_name="duration",
        api_name="duration",
        column_name="duration",
        doc="Seconds, or 31:35, 1 h 05...",
    ),
]

ROLE_LABELS = {
    "creator": _l("Creator"),
    "contributor": _l("Contributor"),
    "architect": _l("Architect"),
    "photographer": _l("Photographer"),
    "interviewee": _l("Interviewee"),
    "interviewer": _l("Interviewer"),
    "collected_by": _l("Collected by"),
    "digitised_by": _l("Digitised by"),
    "catalogued_by": _l("Catalogued by"),
    "transcribed_by": _l("Transcribed by"),
    "translated_by": _l("Translated by"),
}


def by_name(name: str) -> Field:
    """The field of an Item attribute."""
    return next(field for field in FIELDS if field.name == name)


def texts() -> list[Field]:
    """The plain text fields (length-checked only), in form order."""
    return [field for field in FIELDS if field.is_text]


def stored() -> list[Field]:
    """The fields held in the item's own columns."""
    return [field for field in FIELDS if field.stored]


def revisioned() -> list[str]:
    """The item's own columns a revision records and a restore puts back (never identifier or status)."""
    return [field.name for field in FIELDS if field.revisioned and field.stored]


def in_group(group: str, *types: str) -> list[Field]:
    """The form fields of one group (of these types, if given)."""
    return [field for field in FIELDS if field.group == group and field.in_form and (not types or field.type in types)]


def detail_fields() -> dict[str, list[tuple[str, object]]]:
    """{kind: [(field, label)]} of the kind-specific fields, as the public page and the form group them."""
    fields: dict[str, list[tuple[str, object]]] = {}
    for field in FIELDS:
        for kind in field.kinds:
            fields.setdefault(kind, []).append((field.name, field.label))
    return fields


def labels() -> dict[str, object]:
    """{attribute: label} of every field."""
    return {field.name: field.label for field in FIELDS}


def details(item) -> list[tuple[str, str, object]]:
    """(field, label, value) for the item's kind-specific fields that have a value."""
    rows = []
    for field, label in detail_fields().get(item.kind, ()):
        value = getattr(item, field)
        if value not in (None, ""):
            rows.append((field, str(label), value))
    return rows
