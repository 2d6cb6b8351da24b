"""Between manager and employee: hand-over, comments, what blocks approval, approval and completion."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.services import milestone_complete
from reminders.models import Delivery

from ..models import (
    PlanApproval,
    PlanComment,
    PlanMeasure,
    PlanVersion,
)
from ..notifications import notify_other_party, other_party
from .base import (
    PLAN_MILESTONE,
    PlanError,
    _as_employer,
    _lock,
    _name,
    _record,
    is_case_employee,
)

# Hand-over ------------------------------------------------------------------


@transaction.atomic
def version_hand_over(*, version: PlanVersion, by) -> PlanVersion:
    """Hand the draft to the other party: the manager to the employee for review, the employee back.

    The other party is told in the app and, where their preference says so, by e-mail.
    """
    version = _lock(version)
    case = version.plan.case
    if is_case_employee(by, case):
        holder, kind = PlanVersion.Holder.EMPLOYER, Delivery.Kind.PLAN_RETURNED
        if other_party(version, by) is None:
            raise PlanError(_("Nobody is registered as your manager. Ask HR who follows you up."), "no_manager")
    else:
        holder, kind = PlanVersion.Holder.EMPLOYEE, Delivery.Kind.PLAN_REVIEW
        if other_party(version, by) is None:
            raise PlanError(
                _(
                    "%(name)s has no user account in the app. Go through the plan together, or complete "
                    "it without the employee."
                )
                % {"name": case.employee.full_name},
                "no_account",
            )
    version.holder = holder
    version.handed_over_at = timezone.now()
    version.save(update_fields=["holder", "handed_over_at"])
    event = _record(by, "plan.hand_over", version, to=str(holder))
    notify_other_party(version=version, by=by, kind=kind, event=event, actor_name=_name(by))
    return version


# Comments -------------------------------------------------------------------


@transaction.atomic
def comment_add(*, version: PlanVersion, by, text: str) -> PlanComment:
    """A comment on the draft; it does not change the content, so approvals stay."""
    version = _lock(version)
    text = text.strip()
    if not text:
        raise PlanError(_("Write a comment."), "comment_required", "text")
    comment = PlanComment.objects.create(
        version=version,
        author=by,
        author_name=_name(by),
        by_employee=is_case_employee(by, version.plan.case),
        text=text,
    )
    event = _record(by, "plan.comment", version, comment=comment.pk)
    notify_other_party(
        version=version, by=by, kind=Delivery.Kind.PLAN_COMMENT, event=event, actor_name=comment.author_name
    )
    return comment


# Approval and completion ----------------------------------------------------

EMPLOYER, EITHER = "employer", "either"


def completion_blockers(version: PlanVersion) -> list[tuple[str, str, str]]:
    """What still blocks approval: (code, who can unblock it, words for the reader)."""
    blockers = []

    def add(code: str, text: str, who: str = EMPLOYER) -> None:
        blockers.append((code, who, text))

    if not version.period_start or not version.period_end:
        add("period", _("Give the period the plan is for (from and to)."))
    if not version.typical_workday.strip():
        add("typical_workday", _("Describe the employee's typical working day."))
    tasks = list(version.tasks.all())
    if not tasks:
        add("no_tasks", _("List at least one work task."))
    elif any(not t.assessment for t in tasks):
        add("unassessed_tasks", _("Assess every work task."), EITHER)
    if any(m.status == PlanMeasure.Status.PROPOSED for m in version.measures.all()):
        add("proposed_measures", _("Decide on every proposed measure: agreed, not relevant or done."), EITHER)
    if not version.follow_up.strip():
        add("follow_up", _("Describe how the follow-up will be done."))
    if not version.evaluation_date:
        add("evaluation_date", _("Set the evaluation date."))
    # NAV's interface requires all three (contactPersonFullName, -PhoneNumber, -Email).
    if not (
        version.contact_person_name.strip()
        and version.contact_person_phone.strip()
        and version.contact_person_email.strip()
    ):
        add("contact_person", _("Give the employer's contact person with phone number and e-mail."))
    if version.needs_help_from_nav and not version.send_to_nav:
        add("send_to_nav", _("Help from NAV is asked for through the plan: tick that the plan is sent to NAV."))
    if version.needs_help_from_nav and not version.help_from_nav_description.strip():
        add("help_from_nav_description", _("Describe what you need help from NAV with."))
    if not version.employee_contributed and not version.employee_not_contributed_reason.strip():
        add("employee_not_contributed_reason", _("Write why the employee did not take part."))
    return blockers


def completion_problems(version: PlanVersion) -> list[str]:
    """What is still missing before the version can be approved, in words for the reader."""
    return [text for _code, _who, text in completion_blockers(version)]


def _check_complete(version: PlanVersion) -> None:
    problems = completion_problems(version)
    if problems:
        raise PlanError(" ".join(problems), "incomplete")


@transaction.atomic
def version_approve(*, version: PlanVersion, by) -> PlanVersion:
    """Approve the draft as the employee or as the employer; with both, the version is completed."""
    version = _lock(version)
    employee = is_case_employee(by, version.plan.case)
    role = PlanApproval.Role.EMPLOYEE if employee else PlanApproval.Role.EMPLOYER
    if employee and not version.employee_contributed:
        raise PlanError(
            _("The plan says you did not take part. Ask your manager to correct that before you approve."),
            "not_contributed",
        )
    if not employee and not version.employee_contributed:
        raise PlanError(
            _("The employee did not take part: complete the plan without the employee's approval instead."),
            "not_contributed",
        )
    _check_complete(version)
    if version.approvals.filter(role=role).exists():
        raise PlanError(_("You have already approved this version."), "already_approved")
    approval = PlanApproval.objects.create(version=version, role=role, by=by, by_name=_name(by))
    event = _record(by, "plan.approve", version, role=str(role))
    kind = Delivery.Kind.PLAN_APPROVED
    if version.approvals.count() == len(PlanApproval.Role):
        _complete(version, by)
        kind = Delivery.Kind.PLAN_COMPLETED
    notify_other_party(version=version, by=by, kind=kind, event=event, actor_name=approval.by_name)
    return version


@transaction.atomic
def approval_withdraw(*, version: PlanVersion, by) -> PlanVersion:
    """Take back one's own approval of a draft, e.g. to ask for a change."""
    version = _lock(version)
    role = PlanApproval.Role.EMPLOYEE if is_case_employee(by, version.plan.case) else PlanApproval.Role.EMPLOYER
    deleted, _count = version.approvals.filter(role=role).delete()
    if deleted:
        _record(by, "plan.approval_withdrawn", version, role=str(role))
    return version


@transaction.atomic
def version_complete_without_employee(*, version: PlanVersion, by, reason: str) -> PlanVersion:
    """The employee cannot take part: the employer completes the plan alone, with the reason recorded."""
    version = _lock(version)
    _as_employer(version, by)
    reason = reason.strip()
    if not reason:
        raise PlanError(_("Write why the employee could not take part."), "reason_required", "reason")
    version.employee_contributed = False
    version.employee_not_contributed_reason = reason
    version.save(update_fields=["employee_contributed", "employee_not_contributed_reason", "updated_at"])
    _check_complete(version)
    version.approvals.all().delete()
    PlanApproval.objects.create(
        version=version, role=PlanApproval.Role.EMPLOYER, by=by, by_name=_name(by), without_employee=True
    )
    _record(by, "plan.approve", version, role=str(PlanApproval.Role.EMPLOYER), without_employee=True)
    _complete(version, by)
    return version


def _complete(version: PlanVersion, by) -> None:
    version.status = PlanVersion.Status.COMPLETED
    version.completed_at = timezone.now()
    version.save(update_fields=["status", "completed_at", "updated_at"])
    _record(by, "plan.complete", version, number=version.number)
    case = version.plan.case
    first = not PlanVersion.objects.completed().filter(plan__case=case).exclude(pk=version.pk).exists()
    if first and case.milestones.filter(key=PLAN_MILESTONE).exists():
        # The duty is the employer's: the milestone is done by whoever approved for the employer.
        employer = version.approvals.filter(role=PlanApproval.Role.EMPLOYER).exclude(by=None).first()
        milestone_complete(
            case=case,
            key=PLAN_MILESTONE,
            by=employer.by if employer else by,
            fulfilled_by=version,
            note=_("Follow-up plan version %(number)s completed.") % {"number": version.number},
        )
