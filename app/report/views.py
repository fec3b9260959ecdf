"""The funders' report (`/workspace/report`, supervisors and admins): the page, and the same figures as CSV and PDF."""

import csv
import io
from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.clock import utcnow
from app.i18n import gettext as _
from app.media.store import store_of
from app.report import figures, service
from app.report.service import Report, ReportError
from app.web.deps import SessionDep
from app.web.render import base_context, render

router = APIRouter()
PAGE = "report/page.html"
DOCUMENT = "report/_document.html"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Query:
    cohort: str
    start: str
    end: str


@router.get("/workspace/report", name="report.page", include_in_schema=False)
def page(request: Request, session: SessionDep):
    """The report's form and figures, with its charts drawn on the server."""
    query = _query(request)
    try:
        report = _report(session, query)
    except ReportError as error:
        return _refused(request, session, query, error)
    return render(request, PAGE, _context(request, session, query, report))


@router.get("/workspace/report.csv", name="report.csv", include_in_schema=False)
def csv_file(request: Request, session: SessionDep):
    """Every figure as shown, one a row (section, figure, value), for a spreadsheet."""
    query = _query(request)
    try:
        report = _report(session, query)
    except ReportError as error:
        return _refused(request, session, query, error)
    headers = {"content-disposition": f'attachment; filename="{_file_name(report)}.csv"', "cache-control": "no-store"}
    return Response(to_csv(report), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/workspace/report.pdf", name="report.pdf", include_in_schema=False)
def pdf_file(request: Request, session: SessionDep):
    """The report as a tagged PDF, made by WeasyPrint from the page's figures and charts."""
    # Imported here: WeasyPrint loads Pango and fonts, which only this export needs.
    from app.exhibit import printer

    query = _query(request)
    try:
        report = _report(session, query)
    except ReportError as error:
        return _refused(request, session, query, error)
    context = base_context(request) | _context(request, session, query, report) | {"request": request}
    html = request.app.state.templates.get_template(DOCUMENT).render(context)
    data = printer.to_pdf(html, str(request.base_url), store_of(request.app.state.settings))
    headers = {"content-disposition": f'inline; filename="{_file_name(report)}.pdf"', "cache-control": "no-store"}
    return Response(data, media_type="application/pdf", headers=headers)


def _refused(request: Request, session: SessionDep, query: Query, error: ReportError) -> HTMLResponse:
    """The form again, as it was filled in, with what is wrong (400)."""
    return render(request, PAGE, _context(request, session, query, None, str(error)), status_code=400)


def _query(request: Request) -> Query:
    params = request.query_params
    return Query(params.get("cohort", "").strip(), params.get("from", "").strip(), params.get("to", "").strip())


def _report(session: SessionDep, query: Query) -> Report:
    cohort_id = _cohort_id(query.cohort)
    today = utcnow().date()
    start, end = service.default_period(session, cohort_id, today)
    start = _day(query.start, _("The period's first day")) or start
    end = _day(query.end, _("The period's last day")) or end
    return service.report(session, cohort_id, start, end)


def _cohort_id(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or len(text) > 12:
        raise ReportError(_("There is no such cohort."))
    return int(text)


def _day(text: str, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(_("%(what)s is not a date (YYYY-MM-DD).") % {"what": what}) from None


def _context(request: Request, session: SessionDep, query: Query, report: Report | None, error: str = "") -> dict:
    context: dict[str, object] = {"query": query, "cohorts": service.cohorts(session), "error": error}
    if report is not None:
        context |= {
            "report": report,
            "sections": figures.sections(report),
            "task_bars": figures.task_bars(report),
            "hour_bars": figures.hour_bars(report),
            "outcome_bars": figures.outcome_bars(report),
            "positive": figures.positive(report),
            "exports": _exports(report),
        }
    return context


def _exports(report: Report) -> dict[str, str]:
    """The query of the report's exports: the period and cohort it shows."""
    params = {"from": report.start.isoformat(), "to": report.end.isoformat()}
    return params | ({"cohort": str(report.cohort.id)} if report.cohort else {})


def _file_name(report: Report) -> str:
    who = report.cohort.slug if report.cohort else "all"
    return f"report-{who}-{report.start.isoformat()}-{report.end.isoformat()}"


def to_csv(report: Report) -> bytes:
    """The figures as CSV in UTF-8 with a BOM (so that Excel reads the accents), safe from formula injection."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Section"), _("Figure"), _("Value")])
    writer.writerow([_("Report"), _("Cohort"), _cell(report.cohort.name if report.cohort else _("All cohorts"))])
    writer.writerow([_("Report"), _("Period"), f"{report.start.isoformat()} – {report.end.isoformat()}"])
    for section in figures.sections(report):
        for line in section.lines:
            writer.writerow([_cell(section.title), _cell(line.label), _cell(line.shown)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
