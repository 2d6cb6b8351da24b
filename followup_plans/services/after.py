"""After completion: sending the plan to the doctor or NAV, and its evaluation."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.services import (
    milestone_complete,
)

from ..models import (
    PlanEvaluation,
    PlanSharing,
    PlanVersion,
)
from .base import (
    PLAN_TO_NAV_MILESTONE,
    PlanError,
    _as_employer,
    _record,
    today,
)

# After completion: sharing and evaluation -----------------------------------


def _completed(version: PlanVersion) -> PlanVersion:
    if not version.is_completed:
        raise PlanError(_("Only a completed version can be sent or evaluated."), "not_completed")
    return version


@transaction.atomic
def sharing_record(
    *, version: PlanVersion, by, recipient: str, sent_on: date, nav_reason: str = "", note: str = ""
) -> PlanSharing:
    """Record that the plan was sent to the employee's doctor or to NAV."""
    _completed(version)
    _as_employer(version, by)
    completed_on = timezone.localdate(version.completed_at)
    if sent_on < completed_on:
        raise PlanError(
            _("The plan was completed on %(date)s; it cannot have been sent before that.")
            % {"date": date_format(completed_on, "SHORT_DATE_FORMAT")},
            "before_completed",
            "sent_on",
        )
    if sent_on > today():
        raise PlanError(_("Record the sending when it has happened."), "in_future", "sent_on")
    if recipient == PlanSharing.Recipient.NAV and not nav_reason:
        raise PlanError(_("Say why the plan was sent to NAV."), "nav_reason_required", "nav_reason")
    if recipient != PlanSharing.Recipient.NAV:
        nav_reason = ""
    sharing = PlanSharing.objects.create(
        version=version, recipient=recipient, sent_on=sent_on, nav_reason=nav_reason, note=note.strip(), recorded_by=by
    )
    _record(by, "plan.sent", version, recipient=recipient, sent_on=str(sent_on))
    case = version.plan.case
    # NAV's circular: the updated plan reaches NAV at the latest one week before dialogue meeting 2.
    if nav_reason == PlanSharing.NavReason.BEFORE_DIALOGUE_MEETING:
        milestone = case.milestones.filter(key=PLAN_TO_NAV_MILESTONE).first()
        if milestone is not None and not milestone.completed_at:
            milestone_complete(case=case, key=PLAN_TO_NAV_MILESTONE, by=by, fulfilled_by=sharing, done_on=sent_on)
    return sharing


@transaction.atomic
def evaluation_record(
    *, version: PlanVersion, by, evaluated_on: date, effect: str, why: str, next_steps: str
) -> PlanEvaluation:
    """Record the evaluation of a completed version: its effect, why, and what comes next."""
    _completed(version)
    _as_employer(version, by)
    if evaluated_on > today():
        raise PlanError(_("Record the evaluation when it has taken place."), "in_future", "evaluated_on")
    evaluation = PlanEvaluation(
        version=version, evaluated_on=evaluated_on, effect=effect, why=why.strip(), next_steps=next_steps.strip(), by=by
    )
    evaluation.full_clean(exclude=["version", "by"])
    evaluation.save()
    _record(by, "plan.evaluate", version, effect=effect)
    return evaluation
