from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_POST

from cases import access, selectors
from cases.access import Role

from . import innsyn
from .tasks import HEARTBEAT_KEY


@login_required
def home(request):
    """Send each user to the start page of their main role."""
    user_roles = access.roles(request.user)
    if Role.MANAGER in user_roles:
        return redirect("manager_start")
    if Role.HR in user_roles:
        return redirect("hr_start")
    if Role.EMPLOYEE in user_roles:
        return redirect("employee_start")
    if Role.ADMIN in user_roles:
        return redirect("admin:index")
    return render(request, "start/no_role.html")


def _require(request, role: Role) -> None:
    if role not in access.roles(request.user):
        raise access.refuse(request.user, what=f"{role}_start")


@login_required
def manager_start(request):
    """Mine sykmeldte: the manager's start page."""
    _require(request, Role.MANAGER)
    today = timezone.localdate()
    rows = selectors.manager_overview(request.user, today=today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    access.record_list_read(request, [row.case.employee for row in page.object_list])
    team_size = access.managed_employees(request.user).count()
    return render(request, "start/manager.html", {"page": page, "today": today, "team_size": team_size})


@login_required
def employee_start(request):
    _require(request, Role.EMPLOYEE)
    employee = access.employee_of(request.user)
    cases = access.visible_cases(request.user).filter(employee=employee).order_by("-start")[:10]
    if cases:
        access.record_list_read(request, [employee])
    return render(
        request,
        "start/employee.html",
        {
            "employee": employee,
            "cases": cases,
            "today": timezone.localdate(),
            "reads": innsyn.reads_of(employee, limit=10),
        },
    )


@require_POST
def set_language(request):
    """Switch language, remember it in a cookie and as the employee's preference."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        employee = access.employee_of(request.user)
        if employee is not None and employee.preferred_language != language:
            employee.preferred_language = language
            employee.save(update_fields=["preferred_language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


@require_GET
def health(request):
    """For load balancers and operators: the database answers; when beat last ran."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "worker_heartbeat": cache.get(HEARTBEAT_KEY)})
