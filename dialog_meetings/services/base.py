"""Shared pieces of the meeting services: errors, inputs, checks, history and audit."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from cases import access
from cases.models import Case, CaseMilestone
from kernel.errors import DomainError

from ..models import DialogMeeting, MeetingChange

DM1 = "dialogue_meeting_1"
NEED_QUERY = "nav_meeting_need_query"


class MeetingError(DomainError):
    pass


@dataclass(frozen=True)
class Invitee:
    """Someone besides the employee and the manager to invite."""

    role: str
    name: str
    email: str = ""
    language: str = "nb"
    consent: bool = False  # for the doctor: the employee has agreed


@dataclass(frozen=True)
class ActionInput:
    """One agreed action from the minutes form; `pk` for an existing one."""

    description: str
    responsible: str
    due: date | None = None
    pk: int | None = None
    delete: bool = False


def now() -> datetime:
    return timezone.now()


def user_label(user) -> str:
    """A person's name for history and documents: the employee's name, else the user name."""
    if user is None or not user.is_authenticated:
        return ""
    employee = access.employee_of(user)
    return employee.full_name if employee is not None else user.get_full_name() or user.get_username()


def user_or_none(user):
    return user if user is not None and user.is_authenticated else None


def history(meeting: DialogMeeting, kind: str, by, **fields) -> MeetingChange:
    return MeetingChange.objects.create(
        meeting=meeting, kind=kind, by=user_or_none(by), by_label=user_label(by), **fields
    )


def record(by, action: str, meeting: DialogMeeting, **detail) -> None:
    audit_record(actor=by, action=action, employee=meeting.case.employee, obj=meeting, detail=detail or None)


def lock(meeting: DialogMeeting) -> DialogMeeting:
    return DialogMeeting.objects.select_for_update().select_related("case__employee").get(pk=meeting.pk)


def milestone_of(case: Case, key: str) -> CaseMilestone | None:
    return case.milestones.filter(key=key).first()


def check_case(case: Case) -> None:
    if case.status == Case.Status.VOID:
        raise MeetingError(_("This case is void: its periods were removed."), "case_void")


def check_times(starts_at: datetime, ends_at: datetime, *, future: bool) -> None:
    if ends_at <= starts_at:
        raise MeetingError(_("The meeting must end after it starts."), "invalid_time", "end_time")
    if future and starts_at <= now():
        raise MeetingError(_("Choose a time in the future."), "in_the_past", "date")


def check_place(place: str, video_link: str) -> None:
    if not place.strip() and not video_link.strip():
        raise MeetingError(_("Give a place, a video link, or both."), "place_required", "place")


def send_after_commit(func, *args, **kwargs) -> None:
    transaction.on_commit(partial(func, *args, **kwargs))
