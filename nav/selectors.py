from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.timeline import TimelineEvent

from .errors import message_for
from .models import PlanSubmissionAttempt, ReceivedSickNote


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """"Mottatt fra NAV <when>" for each sick note from NAV whose periods are on the case."""
    notes = ReceivedSickNote.objects.filter(
        status=ReceivedSickNote.Status.RECORDED, absence_periods__employee=case.employee,
        absence_periods__start__lte=case.end, absence_periods__end__gte=case.start,
    ).distinct()
    events = []
    for note in notes:
        when = timezone.localtime(note.received_by_nav_at)
        events.append(TimelineEvent(
            date=when.date(),
            label=_("Received from NAV %(when)s") % {"when": date_format(when, "SHORT_DATETIME_FORMAT")},
            kind="nav_sick_note_received",
        ))
    for attempt in PlanSubmissionAttempt.objects.filter(submission__version__plan__case=case).select_related(
            "submission__version"):
        number = {"number": attempt.submission.version.number}
        if attempt.outcome == "ok":
            label = _("Follow-up plan version %(number)s sent through NAV") % number
        else:
            label = _("Follow-up plan version %(number)s not sent: %(error)s") % {
                **number, "error": message_for(attempt.outcome)}
        events.append(TimelineEvent(date=timezone.localdate(attempt.at), label=label,
                                    kind="nav_plan_sent" if attempt.outcome == "ok" else "nav_plan_failed"))
    return events
