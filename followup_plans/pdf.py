"""The plan as a PDF for the employee's doctor and for NAV."""

import re

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kernel.pdf import render_pdf

from .models import PlanApproval, PlanVersion
from .selectors import approval_by_role


def _css_string(text: str) -> str:
    """A CSS string literal; nothing in it can end the string or the <style> element."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>\n\r' else c for c in text)
    return f'"{escaped}"'


def css_counter_content(message: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as a CSS `content` value with page counters."""
    parts = re.split(r"(%\(page\)s|%\(pages\)s)", message)
    out = []
    for part in parts:
        if part == "%(page)s":
            out.append("counter(page)")
        elif part == "%(pages)s":
            out.append("counter(pages)")
        elif part:
            out.append(_css_string(part))
    return " ".join(out)


def plan_pdf_context(version: PlanVersion, *, language: str) -> dict:
    case = version.plan.case
    employee = case.employee
    with translation.override(language):
        page_label = css_counter_content(_("Page %(page)s of %(pages)s"))
        footer_label = _css_string(
            _("Follow-up plan, version %(number)s · %(name)s") % {"number": version.number, "name": employee.full_name}
        )
        draft_label = _css_string(_("DRAFT")) if version.is_draft else ""
        printed_label = _css_string(
            _("Printed %(date)s") % {"date": date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")}
        )
    tasks = list(version.tasks.all())
    measures = list(version.measures.all())
    approvals = approval_by_role(version)
    return {
        "version": version,
        "case": case,
        "employee": employee,
        "organisation": employee.organisation,
        "manager": employee.manager,
        "tasks": tasks,
        "measures": measures,
        "employee_approval": approvals.get(PlanApproval.Role.EMPLOYEE),
        "employer_approval": approvals.get(PlanApproval.Role.EMPLOYER),
        "page_label": page_label,
        "footer_label": footer_label,
        "printed_label": printed_label,
        "draft_label": draft_label,
        "organisation_label": _css_string(employee.organisation.name),
        "language": language,
    }


def plan_pdf(version: PlanVersion, *, language: str) -> bytes:
    """Render a version in the reader's language; a draft is marked DRAFT (UTKAST) on every page."""
    return render_pdf("followup_plans/plan_pdf.html", plan_pdf_context(version, language=language), language=language)
