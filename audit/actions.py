"""Every action the audit log records, with the text a reader sees (nb and en).

This is the one list of what is logged: HR's audit page, the admin and a
data-protection officer read it. `audit_record` refuses an action that is not
here (see `audit.services.check_action`), and `tests/audit/test_actions.py`
proves that every action recorded anywhere in the code is listed.

To log something new, add a member here (value `<area>.<what>`, at most 60
characters, the text in the past tense as a reader would say it), pass the
value to `audit_record`, and translate the text in `locale/nb`. The stored
value is the string, so an action is never renamed once it has been recorded.
The field's choices point at `choices` below, so a new action needs no migration.

Reads of case data are actions named `<object>.<access action>` after
`cases.access.Action` (`case.view`, `employee.view_national_id`, ...).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Signing in and out (audit/signals.py).
    AUTH_LOGIN = "auth.login", _("Signed in")
    AUTH_LOGOUT = "auth.logout", _("Signed out")
    AUTH_LOGIN_FAILED = "auth.login_failed", _("Sign-in failed")
    # Sign-in with django-allauth (sykefravaer/signin/).
    AUTH_THROTTLED = "auth.throttled", _("Sign-in refused: too many failed attempts")
    AUTH_SSO_REFUSED = "auth.sso_refused", _("Single sign-on refused: person not known here")
    AUTH_LOGOUT_EVERYWHERE = "auth.logout_everywhere", _("Signed out everywhere")
    AUTH_MFA_ADDED = "auth.mfa_added", _("Second factor added")
    AUTH_MFA_REMOVED = "auth.mfa_removed", _("Second factor removed")

    # Access (cases/access.py): a refusal, and reads of an employee or a case for an access action.
    ACCESS_DENIED = "access.denied", _("Access refused")
    EMPLOYEE_VIEW = "employee.view", _("Employee viewed")
    EMPLOYEE_CHANGE = "employee.change", _("Employee opened to change")
    EMPLOYEE_VIEW_PRIVATE = "employee.view_private", _("Employee's private notes viewed")
    EMPLOYEE_VIEW_AUDIT = "employee.view_audit", _("Employee's audit trail viewed")
    EMPLOYEE_PARTICIPATE = "employee.participate", _("Employee opened to take part")
    EMPLOYEE_VIEW_NATIONAL_ID = "employee.view_national_id", _("National identity number shown")
    CASE_VIEW = "case.view", _("Case viewed")
    CASE_CHANGE = "case.change", _("Case opened to change")
    CASE_VIEW_PRIVATE = "case.view_private", _("Case's private notes viewed")
    CASE_VIEW_AUDIT = "case.view_audit", _("Case's audit trail viewed")
    CASE_PARTICIPATE = "case.participate", _("Case opened to take part")
    CASE_VIEW_NATIONAL_ID = "case.view_national_id", _("Case opened with the national identity number")

    # Absence, cases and milestones (cases/).
    PERIOD_CREATE = "period.create", _("Absence registered")
    PERIOD_UPDATE = "period.update", _("Absence changed")
    PERIOD_DELETE = "period.delete", _("Absence deleted")
    CASE_CREATE = "case.create", _("Case opened")
    CASE_VOID = "case.void", _("Case voided")
    CASE_DM2_DATE = "case.dm2_date", _("Date of dialogue meeting 2 set by NAV recorded")
    CASE_MAX_DATE = "case.max_date", _("Maximum date from NAV recorded")
    MILESTONE_DONE = "milestone.done", _("Milestone marked done")
    MILESTONE_DONE_ON_CHANGE = "milestone.done_on_change", _("Date a milestone was done corrected")
    MILESTONE_NOT_REQUIRED = "milestone.not_required", _("Milestone marked not required")
    MILESTONE_REOPEN = "milestone.reopen", _("Milestone reopened")
    CONVERSATION_CREATE = "conversation.create", _("Conversation recorded")
    RETENTION_CASE_DELETED = "retention.case_deleted", _("Case deleted after the retention period")

    # Employees and units from an import (imports/).
    IMPORT_UPLOADED = "import.uploaded", _("Employee file uploaded")
    IMPORT_DISCARDED = "import.discarded", _("Employee file discarded")
    IMPORT_APPLIED = "import.applied", _("Employee file imported")
    EMPLOYEE_IMPORT_CREATE = "employee.import_create", _("Employee created by import")
    EMPLOYEE_IMPORT_CHANGE = "employee.import_change", _("Employee changed by import")
    EMPLOYEE_IMPORT_LEFT = "employee.import_left", _("Employee's end of employment set by import")
    UNIT_BUSINESS_NUMBER = "unit.business_number", _("Unit's business number set by import")

    # Follow-up plans (followup_plans/).
    PLAN_CREATE = "plan.create", _("Follow-up plan created")
    PLAN_VERSION_CREATE = "plan.version_create", _("Follow-up plan version started")
    PLAN_NOT_NEEDED = "plan.not_needed", _("Follow-up plan marked not needed")
    PLAN_NEEDED_AGAIN = "plan.needed_again", _("Follow-up plan marked needed again")
    PLAN_UPDATE = "plan.update", _("Follow-up plan changed")
    PLAN_TASK_ADD = "plan.task_add", _("Task added to a follow-up plan")
    PLAN_TASK_CHANGE = "plan.task_change", _("Task in a follow-up plan changed")
    PLAN_TASK_DELETE = "plan.task_delete", _("Task removed from a follow-up plan")
    PLAN_MEASURE_ADD = "plan.measure_add", _("Measure added to a follow-up plan")
    PLAN_MEASURE_CHANGE = "plan.measure_change", _("Measure in a follow-up plan changed")
    PLAN_MEASURE_DELETE = "plan.measure_delete", _("Measure removed from a follow-up plan")
    PLAN_MEASURE_DECIDE = "plan.measure_decide", _("Measure in a follow-up plan decided")
    PLAN_HAND_OVER = "plan.hand_over", _("Follow-up plan handed over")
    PLAN_COMMENT = "plan.comment", _("Comment on a follow-up plan")
    PLAN_APPROVE = "plan.approve", _("Follow-up plan approved")
    PLAN_APPROVAL_WITHDRAWN = "plan.approval_withdrawn", _("Approval of a follow-up plan withdrawn")
    PLAN_APPROVALS_WITHDRAWN = "plan.approvals_withdrawn", _("Approvals of a follow-up plan undone by a change")
    PLAN_COMPLETE = "plan.complete", _("Follow-up plan completed")
    PLAN_SENT = "plan.sent", _("Follow-up plan sharing recorded")
    PLAN_EVALUATE = "plan.evaluate", _("Follow-up plan evaluated")
    PLAN_TEMPLATE_ADD = "plan.template_add", _("Measure template added")
    PLAN_TEMPLATE_CHANGE = "plan.template_change", _("Measure template changed")
    PLAN_VIEW = "plan.view", _("Follow-up plan viewed")
    PLAN_CHANGES = "plan.changes", _("Changes between plan versions viewed")
    PLAN_PDF = "plan.pdf", _("Follow-up plan downloaded as PDF")
    PLAN_JSON = "plan.json", _("Follow-up plan exported for NAV")

    # Dialogue meetings (dialog_meetings/).
    MEETING_INVITE = "meeting.invite", _("Dialogue meeting called")
    MEETING_RESCHEDULE = "meeting.reschedule", _("Dialogue meeting moved")
    MEETING_CANCEL = "meeting.cancel", _("Dialogue meeting cancelled")
    MEETING_DOCTOR_CONSENT = "meeting.doctor_consent", _("Consent to the doctor taking part recorded")
    MEETING_PREPARE = "meeting.prepare", _("Meeting preparation saved")
    MEETING_HELD = "meeting.held", _("Dialogue meeting held")
    MEETING_MINUTES_EDIT = "meeting.minutes_edit", _("Meeting minutes changed")
    MEETING_MINUTES_COMMENT = "meeting.minutes_comment", _("Comment on meeting minutes")
    MEETING_ACTION_TO_PLAN = "meeting.action_to_plan", _("Agreed action taken into the follow-up plan")
    MEETING_NAV_RECORD = "meeting.nav_record", _("Dialogue meeting called by NAV recorded")
    MEETING_NAV_REPLY = "meeting.nav_reply", _("Reply to NAV's meeting recorded")
    MEETING_NEED_ANSWER = "meeting.need_answer", _("Answer to NAV on the need for dialogue meeting 2")
    MEETING_LIST = "meeting.list", _("Dialogue meetings listed")
    MEETING_VIEW = "meeting.view", _("Dialogue meeting viewed")
    MEETING_MINUTES_PDF = "meeting.minutes_pdf", _("Meeting minutes downloaded as PDF")
    MEETING_CALENDAR = "meeting.calendar", _("Dialogue meeting downloaded to a calendar")

    # Self-certification, egenmelding (self_certification/); reads are named after the access action.
    SELF_CERTIFICATION_SUBMIT = "self_certification.submit", _("Self-certification submitted")
    SELF_CERTIFICATION_CORRECT = "self_certification.correct", _("Self-certification corrected")
    SELF_CERTIFICATION_CANCEL = "self_certification.cancel", _("Self-certification withdrawn by the employee")
    SELF_CERTIFICATION_CONFIRM = "self_certification.confirm", _("Self-certification confirmed")
    SELF_CERTIFICATION_CORRECTION_REQUESTED = (
        "self_certification.correction_requested",
        _("Correction of a self-certification asked for"),
    )
    SELF_CERTIFICATION_POLICY_SET = "self_certification.policy_set", _("Self-certification policy changed")
    SELF_CERTIFICATION_POLICY_RESET = "self_certification.policy_reset", _("Self-certification policy reset")
    SELF_CERTIFICATION_WITHDRAWAL = "self_certification.withdrawal", _("Right to self-certify withdrawn")
    SELF_CERTIFICATION_MAY_WITHDRAW = (
        "self_certification.may_withdraw",
        _("HR told the right to self-certify may be withdrawn"),
    )
    SELF_CERTIFICATION_ASSESS = "self_certification.assess", _("Self-certification dates checked")
    SELF_CERTIFICATION_LIST = "self_certification.list", _("Self-certifications listed")
    SELF_CERTIFICATION_PENDING_LIST = "self_certification.pending_list", _("Self-certifications to confirm listed")
    SELF_CERTIFICATION_HR_OVERVIEW = "self_certification.hr_overview", _("Self-certification overview viewed")
    SELF_CERTIFICATION_VIEW = "self_certification.view", _("Self-certification viewed")
    SELF_CERTIFICATION_CHANGE = "self_certification.change", _("Self-certification opened to change")
    SELF_CERTIFICATION_VIEW_PRIVATE = "self_certification.view_private", _("Self-certification's notes viewed")
    SELF_CERTIFICATION_VIEW_AUDIT = "self_certification.view_audit", _("Self-certification's audit trail viewed")
    SELF_CERTIFICATION_PARTICIPATE = "self_certification.participate", _("Self-certification opened to take part")
    SELF_CERTIFICATION_VIEW_NATIONAL_ID = (
        "self_certification.view_national_id",
        _("Self-certification opened with the national identity number"),
    )

    # HR: the routine, quality rounds, exports (hr/).
    ROUTINE_STEP_CREATED = "routine.step_created", _("Routine step added")
    ROUTINE_STEP_CHANGED = "routine.step_changed", _("Routine step changed")
    ROUTINE_STEP_ENDED = "routine.step_ended", _("Routine step taken out of use")
    ROUTINE_STEP_RESUMED = "routine.step_resumed", _("Routine step taken into use again")
    QUALITY_ROUND_CREATED = "quality.round_created", _("Quality round started")
    QUALITY_ROUND_SAVED = "quality.round_saved", _("Quality round saved")
    EXPORT_DASHBOARD = "export.dashboard", _("Dashboard exported")
    EXPORT_STATISTICS = "export.statistics", _("Statistics exported")

    # Lists that show employees (cases.access.record_list_read): one event per read, the ids in detail.
    LIST_READ = "list.read", _("List of employees shown")
    # The employee's own data (sykefravaer/innsyn.py).
    INNSYN_VIEW = "innsyn.view", _("Own data viewed by the employee")
    INNSYN_DOWNLOAD = "innsyn.download", _("Own data downloaded by the employee")

    # The API (api/).
    API_TOKEN_CREATE = "api_token.create", _("API key created")
    API_TOKEN_REVOKE = "api_token.revoke", _("API key revoked")

    # NAV and Altinn (nav/).
    NAV_CALL = "nav.call", _("Call to NAV")
    NAV_INTEGRATIONS_VIEW = "nav.integrations.view", _("NAV integrations viewed")
    NAV_INTEGRATION_ENABLED = "nav.integration.enabled", _("NAV integration turned on")
    NAV_INTEGRATION_DISABLED = "nav.integration.disabled", _("NAV integration turned off")
    NAV_SICK_NOTES_FETCHED = "nav.sick_notes.fetched", _("Sick notes fetched from NAV")
    NAV_SICK_NOTE_RECORDED = "nav.sick_note.recorded", _("Sick note from NAV recorded")
    NAV_SICK_NOTE_CORRECTED = "nav.sick_note.corrected", _("Corrected sick note from NAV recorded")
    NAV_SICK_NOTE_WAITING = "nav.sick_note.waiting", _("Sick note from NAV waiting")
    NAV_SICK_NOTE_RETRY = "nav.sick_note.retry", _("Sick note from NAV tried again")
    NAV_SICK_NOTE_UNREADABLE = "nav.sick_note.unreadable", _("Unreadable sick note from NAV")
    NAV_PLAN_QUEUED = "nav.plan.queued", _("Follow-up plan queued for NAV")
    NAV_PLAN_SENT = "nav.plan.sent", _("Follow-up plan sent to NAV")
    NAV_PLAN_ATTEMPT_FAILED = "nav.plan.attempt_failed", _("Sending a follow-up plan to NAV failed")
    NAV_PLAN_SHARING_NOT_RECORDED = (
        "nav.plan.sharing_not_recorded",
        _("Follow-up plan sent to NAV, but its sharing not recorded"),
    )
    NAV_LEADER_QUEUED = "nav.leader.queued", _("Nearest leader queued for NAV")
    NAV_LEADER_SENT = "nav.leader.sent", _("Nearest leader sent to NAV")
    NAV_LEADER_ATTEMPT_FAILED = "nav.leader.attempt_failed", _("Sending the nearest leader to NAV failed")
    NAV_LEADER_RETRY = "nav.leader.retry", _("Nearest leader sent to NAV again")
    NAV_LEADER_REQUIREMENT_RECEIVED = (
        "nav.leader_requirement.received",
        _("NAV's request for a nearest leader received"),
    )
    EMPLOYEE_MANAGER = "employee.manager", _("Employee's manager chosen for NAV's request")
    NAV_DOCUMENT_RECEIVED = "nav.document.received", _("Document from NAV received")
    NAV_DOCUMENT_READ = "nav.document.read", _("Document from NAV read")
    NAV_DOCUMENT_DATE_CONFIRMED = "nav.document.date_confirmed", _("Meeting date from NAV's letter confirmed")
    NAV_DOCUMENT_NO_DATE = "nav.document.no_date", _("NAV's letter recorded as giving no date")
    NAV_INCOME_REQUEST_RECEIVED = "nav.income_request.received", _("NAV's request for an inntektsmelding received")
    NAV_INCOME_REQUEST_STATUS = "nav.income_request.status", _("Status of NAV's inntektsmelding request changed")

    # The routines employers follow (routines/): the max-date letter, the occupational health service.
    ROUTINES_TOGGLED = "routines.toggled", _("Routine step switched on or off")
    ROUTINES_SETTINGS_CHANGED = "routines.settings.changed", _("Routine settings changed")
    ROUTINES_MAX_DATE_LETTER_SENT = "routines.max_date_letter.sent", _("Max-date letter marked sent")
    ROUTINES_MAX_DATE_LETTER_OUTDATED = (
        "routines.max_date_letter.outdated",
        _("Max-date letter may be wrong: the max date moved"),
    )
    ROUTINES_MAX_DATE_LETTER_PDF = "routines.max_date_letter.pdf", _("Max-date letter downloaded")
    ROUTINES_BHT_REGISTERED = "routines.bht.registered", _("Occupational health service registered")
    ROUTINES_BHT_CHANGED = "routines.bht.changed", _("Occupational health service changed")
    ROUTINES_BHT_INVOLVED = "routines.bht.involved", _("Occupational health service's involvement recorded")
    ROUTINES_BHT_INVITED = "routines.bht.invited", _("Occupational health service invited to a meeting")


def choices() -> list[tuple[str, str]]:
    """The field's choices, read when used, so a new action needs no migration."""
    return AuditAction.choices


def is_registered(action: str) -> bool:
    return action in AuditAction._value2member_map_


def label(action: str) -> str:
    """The reader's text of an action; the stored code itself for one no longer (or never) listed."""
    member = AuditAction._value2member_map_.get(action)
    return str(member.label) if member is not None else action
