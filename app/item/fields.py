"""Which kind-specific fields each kind of item shows, with their labels."""

from app.i18n import lazy_gettext as _l

DETAIL_FIELDS = {
    "building": (
        ("address", _l("Address")),
        ("construction_period", _l("Construction period")),
        ("protection", _l("Protection")),
        ("merimee_reference", _l("Mérimée reference")),
    ),
    "artwork": (
        ("medium", _l("Medium")),
        ("dimensions", _l("Dimensions")),
        ("inscription", _l("Inscription")),
    ),
    "interview": (
        ("recording_date", _l("Recording date")),
        ("duration_seconds", _l("Duration")),
    ),
}

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


def details(item) -> list[tuple[str, str, object]]:
    """(field, label, value) for the item's kind-specific fields that have a value."""
    rows = []
    for field, label in DETAIL_FIELDS.get(item.kind, ()):
        value = getattr(item, field)
        if value not in (None, ""):
            rows.append((field, str(label), value))
    return rows
