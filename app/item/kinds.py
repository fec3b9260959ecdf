"""The kinds of item, their stable slugs and their translated names."""

from app.i18n import lazy_gettext as _l

KINDS = {
    "building": _l("Building"),
    "artwork": _l("Artwork"),
    "interview": _l("Oral memory"),
    "photograph": _l("Photograph"),
    "document": _l("Document"),
    "object": _l("Object"),
}
KINDS_PLURAL = {
    "building": _l("Buildings"),
    "artwork": _l("Artworks"),
    "interview": _l("Oral memories"),
    "photograph": _l("Photographs"),
    "document": _l("Documents"),
    "object": _l("Objects"),
}

DRAFT = "draft"
PUBLISHED = "published"
STATUSES = (DRAFT, PUBLISHED)
