"""Writes to follow-up plans. Views (and later the API) all come through here.

One module per part of the work (base, plans, drafting, review, after, templates);
this package re-exports them, so callers import `followup_plans.services` as before.

The rules of writing a plan together:
- only a draft changes; a completed version is frozen;
- the manager (or HR) writes the plan; the employee comments, assesses the
  work tasks and proposes measures;
- any change to the content withdraws the approvals given so far, so both
  sides always approve the same text;
- when both have approved, or the manager completed it alone with a reason,
  the version is completed; the first completed version fulfils the case's
  follow-up-plan milestone (arbeidsmiljøloven § 4-6 third paragraph).
"""

from .after import (
    evaluation_record,
    sharing_record,
)
from .base import (
    ASSESSMENT_FIELDS,
    EMPLOYEE_MEASURE_FIELDS,
    MEASURE_FIELDS,
    PLAN_MILESTONE,
    PLAN_TO_NAV_MILESTONE,
    TASK_FIELDS,
    PlanError,
    draft_refusal,
    is_case_employee,
    today,
)
from .drafting import (
    measure_change_refusal,
    measure_decide,
    measure_decide_refusal,
    measure_delete,
    measure_from_template,
    measure_save,
    task_add_refusal,
    task_delete,
    task_save,
    version_update,
)
from .plans import (
    plan_mark_not_needed,
    plan_milestone,
    plan_needed_again,
    plan_start,
    version_new,
)
from .review import (
    approval_withdraw,
    comment_add,
    completion_blockers,
    completion_problems,
    version_approve,
    version_complete_without_employee,
    version_hand_over,
)
from .templates import (
    template_save,
)

__all__ = [
    "ASSESSMENT_FIELDS",
    "EMPLOYEE_MEASURE_FIELDS",
    "MEASURE_FIELDS",
    "PLAN_MILESTONE",
    "PLAN_TO_NAV_MILESTONE",
    "TASK_FIELDS",
    "PlanError",
    "approval_withdraw",
    "comment_add",
    "completion_blockers",
    "completion_problems",
    "draft_refusal",
    "evaluation_record",
    "is_case_employee",
    "measure_change_refusal",
    "measure_decide",
    "measure_decide_refusal",
    "measure_delete",
    "measure_from_template",
    "measure_save",
    "plan_mark_not_needed",
    "plan_milestone",
    "plan_needed_again",
    "plan_start",
    "sharing_record",
    "task_add_refusal",
    "task_delete",
    "task_save",
    "template_save",
    "today",
    "version_approve",
    "version_complete_without_employee",
    "version_hand_over",
    "version_new",
    "version_update",
]
