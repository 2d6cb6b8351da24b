"""Page-shaped reads of follow-up plans, with a bounded number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseMilestone
from cases.timeline import TimelineEvent

from .models import FollowupPlan, PlanApproval, PlanEvaluation, PlanMeasure, PlanSharing, PlanTask, PlanVersion
from .services import PLAN_MILESTONE


def plan_for_case(case: Case) -> FollowupPlan | None:
    """The case's plan (the first one, should a joining of cases have brought two)."""
    return case.followup_plans.first()


def not_needed_milestone(case: Case) -> CaseMilestone | None:
    """The follow-up-plan milestone if the manager recorded that a plan is not needed."""
    milestone = case.milestones.filter(key=PLAN_MILESTONE).first()
    if milestone is None or not milestone.not_required_reason or milestone.completed_at:
        return None
    return milestone


def versions_of(plan: FollowupPlan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("created_by").prefetch_related("approvals").order_by("-number")


def version_detail(plan: FollowupPlan, number: int) -> PlanVersion | None:
    """One version with everything a page or the PDF shows, in a fixed number of queries."""
    return (
        plan.versions.filter(number=number)
        .select_related(
            "plan__case__employee__organisation",
            "plan__case__employee__manager",
            "plan__case__employee__unit",
            "updated_by",
            "copied_from",
        )
        .prefetch_related(
            Prefetch("tasks", queryset=PlanTask.objects.select_related("assessed_by")),
            Prefetch("measures", queryset=PlanMeasure.objects.select_related("task", "proposed_by")),
            "approvals",
            Prefetch("sharings", queryset=PlanSharing.objects.select_related("recorded_by")),
            Prefetch("evaluations", queryset=PlanEvaluation.objects.select_related("by")),
        )
        .first()
    )


def approval_by_role(version: PlanVersion) -> dict[str, PlanApproval]:
    return {a.role: a for a in version.approvals.all()}


def evaluation_due(version: PlanVersion | None, *, on: date) -> bool:
    """The manager is asked to evaluate from the evaluation date until an evaluation is recorded."""
    return (
        version is not None
        and version.is_completed
        and version.evaluation_date is not None
        and version.evaluation_date <= on
        and not version.evaluations.all()
    )


@dataclass
class PlanSummary:
    """What the case page shows about the plan."""

    plan: FollowupPlan | None
    not_needed: CaseMilestone | None = None
    draft: PlanVersion | None = None
    latest_completed: PlanVersion | None = None
    version_count: int = 0
    evaluation_due: bool = False
    sharings: list[PlanSharing] = field(default_factory=list)
    approvals: dict = field(default_factory=dict)


def plan_summary(case: Case, *, on: date | None = None) -> PlanSummary:
    on = on or timezone.localdate()
    plan = plan_for_case(case)
    not_needed = not_needed_milestone(case)
    if plan is None:
        return PlanSummary(plan=None, not_needed=not_needed)
    versions = list(
        plan.versions.order_by("-number").prefetch_related(
            "approvals", "evaluations", Prefetch("sharings", queryset=PlanSharing.objects.order_by("sent_on", "pk"))
        )
    )
    draft = next((v for v in versions if v.is_draft), None)
    latest = next((v for v in versions if v.is_completed), None)
    sharings = [s for v in versions for s in v.sharings.all()]
    return PlanSummary(
        plan=plan,
        not_needed=not_needed,
        draft=draft,
        latest_completed=latest,
        version_count=len(versions),
        evaluation_due=evaluation_due(latest, on=on),
        sharings=sorted(sharings, key=lambda s: (s.sent_on, s.pk)),
        approvals=approval_by_role(draft) if draft else {},
    )


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """Dated events of this app to show on the case's timeline: a few queries, whatever the plan's size."""
    events: list[TimelineEvent] = []
    index = reverse("followup_plans:index", kwargs={"case_pk": case.pk})
    not_needed = not_needed_milestone(case)
    if not_needed is not None:
        events.append(
            TimelineEvent(
                date=timezone.localdate(not_needed.not_required_at) if not_needed.not_required_at else not_needed.due,
                label=_("Follow-up plan marked not needed: %(reason)s") % {"reason": not_needed.not_required_reason},
                kind="plan_not_needed",
                url=index,
            )
        )
    versions = list(
        PlanVersion.objects.completed()
        .filter(plan__case=case)
        .order_by("plan_id", "number")
        .prefetch_related("sharings", "evaluations")
    )
    latest = {v.plan_id: v for v in versions}  # the last completed version of each plan
    for version in versions:
        url = reverse(
            "followup_plans:version", kwargs={"case_pk": case.pk, "plan_pk": version.plan_id, "number": version.number}
        )
        number = {"number": version.number}
        events.append(
            TimelineEvent(
                date=timezone.localdate(version.completed_at),
                label=_("Follow-up plan version %(number)s approved") % number,
                kind="plan_completed",
                url=url,
            )
        )
        for sharing in version.sharings.all():
            if sharing.recipient == PlanSharing.Recipient.DOCTOR:
                label = _("Follow-up plan version %(number)s sent to the doctor") % number
            else:
                label = _("Follow-up plan version %(number)s sent to NAV") % number
            events.append(
                TimelineEvent(date=sharing.sent_on, label=label, kind=f"plan_sent_to_{sharing.recipient}", url=url)
            )
        evaluations = list(version.evaluations.all())
        for evaluation in evaluations:
            events.append(
                TimelineEvent(
                    date=evaluation.evaluated_on,
                    label=_("Follow-up plan version %(number)s evaluated: %(effect)s")
                    % {**number, "effect": evaluation.get_effect_display().lower()},
                    kind="plan_evaluated",
                    url=url,
                )
            )
        # Only the newest version waits for its evaluation; an older one was replaced.
        if version.evaluation_date and not evaluations and latest[version.plan_id] is version:
            events.append(
                TimelineEvent(
                    date=version.evaluation_date,
                    label=_("Follow-up plan version %(number)s to be evaluated") % number,
                    kind="plan_evaluation_due",
                    url=url,
                )
            )
    return events


# What blocks approval, with the action that unblocks it ----------------------

FIELD_OF_BLOCKER = {
    "period": "period_start",
    "typical_workday": "typical_workday",
    "follow_up": "follow_up",
    "evaluation_date": "evaluation_date",
    "contact_person": "contact_person_name",
    "send_to_nav": "send_to_nav",
    "help_from_nav_description": "help_from_nav_description",
    "employee_not_contributed_reason": "employee_not_contributed_reason",
}


@dataclass(frozen=True)
class Blocker:
    """One thing that blocks approval, and what this reader can do about it."""

    code: str
    text: str
    action_label: str = ""  # empty when the reader cannot take the action
    action_url: str = ""
    waiting_for: str = ""  # who can, when the reader cannot


def approval_blockers(version: PlanVersion, *, user, as_employee: bool, can_change: bool) -> list[Blocker]:
    """completion_blockers for one reader: the action for those who can take it, whom to wait for otherwise."""
    from .services import completion_blockers, measure_decide_refusal

    case = version.plan.case
    kw = {"case_pk": case.pk, "plan_pk": version.plan_id}
    draft_url = reverse("followup_plans:draft", kwargs=kw)
    manager = case.employee.manager
    wait_for_manager = (
        _("your manager (%(name)s)") % {"name": manager.full_name} if manager is not None else _("your manager")
    )
    result = []
    for code, who, text in completion_blockers(version):
        if code == "unassessed_tasks" and (as_employee or can_change):
            task = next(t for t in version.tasks.all() if not t.assessment)
            result.append(
                Blocker(
                    code,
                    text,
                    _("Assess “%(task)s”") % {"task": task.title},
                    reverse("followup_plans:task_edit", kwargs={**kw, "task_pk": task.pk}),
                )
            )
        elif code == "proposed_measures" and (as_employee or can_change):
            mine = [m for m in version.measures.all() if measure_decide_refusal(m, user) is None]
            if mine:
                result.append(Blocker(code, text, _("Agree to or decline the measure"), f"#measure-{mine[0].pk}"))
            else:
                result.append(Blocker(code, text, waiting_for=wait_for_manager))
        elif who == "employer" and can_change and not as_employee:
            anchor = "#tasks" if code == "no_tasks" else f"#id_{FIELD_OF_BLOCKER.get(code, '')}"
            label = _("Add a work task") if code == "no_tasks" else _("Fill it in")
            result.append(Blocker(code, text, label, draft_url + anchor))
        elif as_employee:
            result.append(Blocker(code, text, waiting_for=wait_for_manager))
        else:
            result.append(Blocker(code, text))
    return result
