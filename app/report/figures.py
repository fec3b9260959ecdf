"""The report's figures as they are shown (page, PDF and CSV alike): counts of people under 5 read "< 5", and
the bars the charts draw (never one for a hidden count)."""

from dataclasses import dataclass

from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.report.service import HIDDEN, NOT_RECORDED, SMALL, UNKNOWN, Report

ORIGIN_LABELS = {"FR": _l("France"), "LU": _l("Luxembourg"), NOT_RECORDED: _l("Not recorded")}
OUTCOME_LABELS = {
    "job": _l("A job"),
    "training": _l("A qualifying training"),
    "other": _l("Other"),
    UNKNOWN: _l("Not known yet"),
}
SECTION_LABELS = {
    "home": _l("Home page"),
    "about": _l("About"),
    "item": _l("Items"),
    "collection": _l("Collections"),
    "exhibit": _l("Exhibits"),
    "tour": _l("Tours"),
    "interview": _l("Oral memories"),
    "search": _l("Search"),
    "map": _l("Map"),
    "timeline": _l("Timeline"),
    "memory": _l("Share a memory"),
}


@dataclass(frozen=True)
class Line:
    label: str
    shown: str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[Line]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    second: float | None = None  # a second bar in the same row (tasks: approved next to done)
    second_shown: str = ""


def people(count: int, total: int | None = None) -> str:
    """A count of people as shown: "< 5" under 5, else the count, with its share of `total` if given."""
    if count < SMALL:
        return HIDDEN
    if not total:
        return str(count)
    return f"{count} ({percent(round(100 * count / total))})"


def percent(value: int) -> str:
    return _("%(percent)s %%") % {"percent": value}


def number(value: float) -> str:
    return f"{value:,.1f}".replace(",", "\u202f") if isinstance(value, float) else f"{value:,}".replace(",", "\u202f")


def sections(report: Report) -> list[Section]:
    """Every figure of the report, by section, as shown."""
    return [_trainees(report), _tasks(report), _museum(report), _visits(report), _outcomes(report)]


def _trainees(report: Report) -> Section:
    lines = [Line(_("Trainees"), people(report.trainees)), Line(_("Hours logged"), number(report.hours))]
    for key, count in report.origins.items():
        lines.append(Line(_("Origin: %(origin)s") % {"origin": ORIGIN_LABELS[key]}, people(count, report.trainees)))
    for gender, count in (report.genders or {}).items():
        lines.append(Line(_("Gender: %(gender)s") % {"gender": gender}, people(count, report.trainees)))
    return Section("trainees", _("Trainees"), lines)


def _tasks(report: Report) -> Section:
    lines = []
    for task in report.tasks:
        lines.append(Line(_("%(type)s: done") % {"type": task.label}, number(task.done)))
        lines.append(Line(_("%(type)s: approved") % {"type": task.label}, number(task.approved)))
    return Section("tasks", _("Tasks done and approved"), lines or [Line(_("Tasks"), "0")])


def _museum(report: Report) -> Section:
    figures = (
        (_("Items catalogued (approved tasks)"), report.items_catalogued),
        (_("Items created"), report.items_created),
        (_("Items published"), report.items_published),
        (_("Minutes of interviews transcribed"), report.minutes_transcribed),
        (_("Translations"), report.translations),
        (_("Exhibits published"), report.exhibits_published),
        (_("Residents' memories received"), report.memories_received),
        (_("Residents' memories approved"), report.memories_approved),
    )
    return Section("museum", _("The museum's catalog"), [Line(label, number(value)) for label, value in figures])


def _visits(report: Report) -> Section:
    lines = [Line(_("Public visits"), number(report.visits_total))]
    for key, count in sorted(report.visits.items(), key=lambda pair: (-pair[1], pair[0])):
        lines.append(Line(_("Visits: %(section)s") % {"section": SECTION_LABELS.get(key, key)}, number(count)))
    return Section("visits", _("Public visits"), lines)


def _outcomes(report: Report) -> Section:
    lines = [Line(str(OUTCOME_LABELS[key]), people(n, report.trainees)) for key, n in report.outcomes.items()]
    lines.append(Line(_("Trainees who have left"), people(report.left)))
    lines.append(Line(_("Positive outcomes"), positive(report)))
    return Section("outcomes", _("Exit outcomes"), lines)


def positive(report: Report) -> str:
    """The share of positive outcomes among those who have left, hidden when fewer than 5 had one."""
    rate = report.positive_rate
    if rate is None or report.positive < SMALL:
        return HIDDEN if report.left else "–"
    return percent(rate)


def task_bars(report: Report) -> list[Bar]:
    """Tasks done and approved, by type."""
    return [Bar(t.label, t.done, number(t.done), t.approved, number(t.approved)) for t in report.tasks]


def hour_bars(report: Report) -> list[Bar]:
    """Hours logged, by month."""
    return [Bar(month, hours, number(hours)) for month, hours in report.hours_by_month]


def outcome_bars(report: Report) -> list[Bar]:
    """Exit outcomes: a count under 5 gets no bar (its length would tell it), only "< 5"."""
    return [
        Bar(str(OUTCOME_LABELS[key]), n if n >= SMALL else 0, people(n, report.trainees))
        for key, n in report.outcomes.items()
    ]
