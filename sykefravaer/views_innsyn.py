"""The employee's own view of what the app holds about them (innsyn), on screen and as a download."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import access
from cases.access import Role
from kernel.pdf import render_pdf

from . import innsyn


def _me(request):
    if Role.EMPLOYEE not in access.roles(request.user):
        raise access.refuse(request.user, what="innsyn")
    return access.employee_of(request.user)


@login_required
def my_data(request):
    """Everything the app holds about the employee, and who has read it."""
    employee = _me(request)
    data = innsyn.my_data(employee)
    audit_record(actor=request.user, action="innsyn.view", employee=employee)
    return render(request, "start/innsyn.html", {"data": data, "employee": employee})


@login_required
def my_data_download(request, fmt: str):
    """The same as one file: JSON for a machine, PDF for a person (GDPR art. 15(3))."""
    employee = _me(request)
    data = innsyn.my_data(employee)
    audit_record(actor=request.user, action="innsyn.download", employee=employee, detail={"format": fmt})
    name = f"mine-data-{timezone.localdate():%Y-%m-%d}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data.as_json(), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    else:
        context = {
            "data": data,
            "employee": employee,
            "page_label": '"%s"'
            % (_("Page %(page)s of %(pages)s") % {"page": '" counter(page) "', "pages": '" counter(pages) "'}),
        }
        response = HttpResponse(
            render_pdf("start/innsyn_pdf.html", context, language=get_language()), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
