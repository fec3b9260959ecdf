"""The task types: what each asks of a trainee, and what its approved work is evidence of.

Which competences a type shows is data, not code: `app/task/competences.toml` (see `app.task.competences`).
"""

from dataclasses import dataclass

from app.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class TaskType:
    key: str
    label: object  # a lazy translated string
    target_kind: str | None  # what the task works on: item, media, interview, contribution, exhibit
    # What a portfolio counts for it: "items", "photos", "minutes", "translations", "exhibit_pages"...
    measure: str


TASK_TYPES = {
    t.key: t
    for t in (
        TaskType("catalogue_item", _l("Catalogue an item"), "item", "items"),
        TaskType("digitise", _l("Digitise a document or photo"), "item", "photos"),
        TaskType("describe_image", _l("Write alt text and captions"), "media", "images"),
        TaskType("translate", _l("Translate a title and description"), "item", "translations"),
        TaskType("transcribe", _l("Transcribe a time range of an interview"), "interview", "minutes"),
        TaskType("subtitle", _l("Subtitle an interview (time cues)"), "interview", "minutes"),
        TaskType("index_segment", _l("Index an interview segment"), "interview", "minutes"),
        TaskType("retouch_image", _l("Retouch or cut out an image"), "media", "images"),
        TaskType("clean_sound", _l("Clean a sound file"), "media", "sounds"),
        TaskType("check_contribution", _l("Check a resident's contribution"), "contribution", "contributions"),
        TaskType("write_exhibit_page", _l("Write an exhibit page"), "exhibit", "exhibit_pages"),
    )
}
