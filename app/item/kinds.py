"""The kinds of item, their stable slugs and their translated names."""

from app.i18n import lazy_gettext as _l

KINDS = {
    "building": _l("Building"),
    "artwork": _l("Artwork"),
    "interview": _l("Oral memory"),
    "photograph": _l("Photograph"),
    "document": _l("Document"),
    "object": _l("Object"),
    "memory": _l("Memory"),
}
KINDS_PLURAL = {
    "building": _l("Buildings"),
    "artwork": _l("Artworks"),
    "interview": _l("Oral memories"),
    "photograph": _l("Photographs"),
    "document": _l("Documents"),
    "object": _l("Objects"),
    "memory": _l("Memories"),
}

# The workflow: curators write drafts and submit them; supervisors publish or send them back.
# Only PUBLISHED is ever shown to visitors, in pages, the API, counts, the index and exports' pages.
DRAFT = "draft"
IN_REVIEW = "in_review"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
STATUSES = (DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN)
STATUS_LABELS = {
    DRAFT: _l("Draft"),
    IN_REVIEW: _l("In review"),
    PUBLISHED: _l("Published"),
    WITHDRAWN: _l("Withdrawn"),
}
