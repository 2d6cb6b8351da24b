from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.timeline import TimelineEvent
from organisation.models import Employee

from .errors import message_for
from .models import LeaderReport, LeaderRequirement, NavDocument, PlanSubmissionAttempt, ReceivedSickNote


def open_leader_requirements(units) -> list[LeaderRequirement]:
    """NAV's requirements for a nearest leader in the HR user's units: HR's tasks."""
    return list(
        LeaderRequirement.objects.filter(integration__unit__in=units, state=LeaderRequirement.State.OPEN)
        .select_related("employee__manager", "integration__unit")
        .order_by("created_at_nav")[:200]
    )


def manager_choices(requirements):
    """Who may be chosen as nearest leader: people who lead someone already, and the current managers."""
    organisations = {r.integration.unit.organisation_id for r in requirements}
    current = [r.employee.manager_id for r in requirements if r.employee and r.employee.manager_id]
    return (
        Employee.objects.filter(organisation_id__in=organisations)
        .active(timezone.localdate())
        .filter(Q(reports__isnull=False) | Q(pk__in=current))
        .distinct()
        .order_by("last_name", "first_name")
    )


def leader_problems(units) -> list[LeaderReport]:
    """Nearest leaders NAV refused or that wait for another try, newest first."""
    newer = LeaderReport.objects.filter(employee=OuterRef("employee"), pk__gt=OuterRef("pk"))
    return list(
        LeaderReport.objects.filter(
            employee__unit__in=units, status__in=[LeaderReport.Status.FAILED, LeaderReport.Status.RETRYING]
        )
        .exclude(Exists(newer))
        .select_related("employee", "manager")[:100]
    )


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """ "Mottatt fra NAV <when>" for each sick note from NAV whose periods are on the case."""
    notes = ReceivedSickNote.objects.filter(
        status=ReceivedSickNote.Status.RECORDED,
        absence_periods__employee=case.employee,
        absence_periods__start__lte=case.end,
        absence_periods__end__gte=case.start,
    ).distinct()
    events = []
    for note in notes:
        when = timezone.localtime(note.received_by_nav_at)
        events.append(
            TimelineEvent(
                date=when.date(),
                label=_("Received from NAV %(when)s") % {"when": date_format(when, "SHORT_DATETIME_FORMAT")},
                kind="nav_sick_note_received",
            )
        )
    employer_side = case.employee.user_id != getattr(user, "pk", None)
    documents = NavDocument.objects.filter(case=case) if employer_side else NavDocument.objects.none()
    for document in documents.only("pk", "doc_type", "created_at_nav", "case_id"):
        events.append(
            TimelineEvent(
                date=timezone.localdate(document.created_at_nav),
                label=_("Letter from NAV: %(type)s") % {"type": document.get_doc_type_display()}
                if document.doc_type == NavDocument.Type.DIALOGMOTE
                else _("From NAV: %(type)s") % {"type": document.get_doc_type_display()},
                kind="nav_document",
                url=reverse("nav:document_pdf", args=[case.pk, document.pk]),
            )
        )
    for attempt in PlanSubmissionAttempt.objects.filter(submission__version__plan__case=case).select_related(
        "submission__version"
    ):
        number = {"number": attempt.submission.version.number}
        if attempt.outcome == "ok":
            label = _("Follow-up plan version %(number)s sent through NAV") % number
        else:
            label = _("Follow-up plan version %(number)s not sent: %(error)s") % {
                **number,
                "error": message_for(attempt.outcome),
            }
        events.append(
            TimelineEvent(
                date=timezone.localdate(attempt.at),
                label=label,
                kind="nav_plan_sent" if attempt.outcome == "ok" else "nav_plan_failed",
            )
        )
    return events
