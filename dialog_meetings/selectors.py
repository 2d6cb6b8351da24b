"""Reads for dialogue meetings: the case section, the meeting page and the case timeline.

Access is decided before these run (cases/access.py); what one side wrote
for itself (its preparation) is filtered here.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import deadlines
from cases import access
from cases.access import Action
from cases.models import Case, CaseMilestone
from cases.timeline import TimelineEvent
from cases.titles import milestone_reason_text

from .formatting import meeting_when
from .models import DialogMeeting, MeetingChange, MeetingNeedAnswer, Minutes, Participant, Preparation

MILESTONE_KEYS = ("dialogue_meeting_1", "nav_meeting_need_query", "dialogue_meeting_2", "plan_to_nav")


def side_of(user, case: Case) -> str:
    """Which side of the meeting the user prepares for: the employee, or the employer (manager, HR)."""
    me = access.employee_of(user)
    return Preparation.Side.EMPLOYEE if me is not None and me.pk == case.employee_id else Preparation.Side.MANAGER


def meetings_of(case: Case) -> QuerySet[DialogMeeting]:
    return case.dialog_meetings.order_by("starts_at", "pk")


@dataclass
class MilestoneView:
    obj: CaseMilestone
    state: str
    state_label: str
    title: str
    legal_basis: str
    reason_text: str


def _milestone_view(milestone: CaseMilestone | None, today: date, language: str) -> MilestoneView | None:
    if milestone is None:
        return None
    state = milestone.state(today)
    key = deadlines.MilestoneKey(milestone.key)
    reason = milestone_reason_text(milestone, today=today, language=language)
    return MilestoneView(
        obj=milestone,
        state=str(state),
        state_label=str(CaseMilestone.State(state).label),
        title=deadlines.milestone_title(key, language),
        legal_basis=deadlines.legal_basis(key, language),
        reason_text=reason,
    )


@dataclass
class Overview:
    """What the case page shows about meetings."""

    case: Case
    can_change: bool
    is_employee: bool
    milestones: dict[str, MilestoneView] = field(default_factory=dict)
    dm1: DialogMeeting | None = None
    nav_meetings: list[DialogMeeting] = field(default_factory=list)
    cancelled: list[DialogMeeting] = field(default_factory=list)
    need_answer: MeetingNeedAnswer | None = None
    employee_prepared: bool = False
    today: date | None = None

    @property
    def dm1_milestone(self) -> MilestoneView | None:
        return self.milestones.get("dialogue_meeting_1")

    @property
    def need_milestone(self) -> MilestoneView | None:
        return self.milestones.get("nav_meeting_need_query")

    @property
    def plan_to_nav(self) -> MilestoneView | None:
        return self.milestones.get("plan_to_nav")

    @property
    def dm2_milestone(self) -> MilestoneView | None:
        return self.milestones.get("dialogue_meeting_2")

    @property
    def can_invite_dm1(self) -> bool:
        m = self.dm1_milestone
        return (
            self.can_change
            and self.dm1 is None
            and self.case.status == Case.Status.OPEN
            and (m is None or not m.obj.completed_at)
        )

    @property
    def can_mark_dm1_not_required(self) -> bool:
        """Also when DM1 does not apply (graded leave): the manager records that nobody wants it."""
        m = self.dm1_milestone
        return (
            self.can_change
            and self.dm1 is None
            and m is not None
            and not m.obj.completed_at
            and not m.obj.not_required_reason
        )

    @property
    def dm1_minutes_possible(self) -> bool:
        """The planned DM1's day has come: the minutes can be written."""
        return (
            self.dm1 is not None
            and self.dm1.is_planned
            and self.today is not None
            and timezone.localtime(self.dm1.starts_at).date() <= self.today
        )

    @property
    def dm2_planned(self) -> DialogMeeting | None:
        return next((m for m in self.nav_meetings if m.kind == DialogMeeting.Kind.DM2 and m.is_planned), None)

    @property
    def can_record_nav_meeting(self) -> bool:
        kinds = {m.kind for m in self.nav_meetings}
        return self.can_change and not {DialogMeeting.Kind.DM2, DialogMeeting.Kind.DM3} <= kinds

    @property
    def plan_to_nav_alert(self) -> bool:
        """A DM2 date is known and the updated plan has not gone to NAV yet."""
        return self.dm2_planned is not None and self.plan_to_nav is not None and self.plan_to_nav.obj.is_open


def case_overview(case: Case, *, user, today: date | None = None) -> Overview:
    """The meeting section of a case, for this user."""
    today = today or timezone.localdate()
    language = translation.get_language() or "nb"
    overview = Overview(
        case=case,
        can_change=access.can(user, Action.CHANGE, case),
        is_employee=side_of(user, case) == Preparation.Side.EMPLOYEE,
        today=today,
    )
    for milestone in case.milestones.filter(key__in=MILESTONE_KEYS):
        milestone.case = case
        overview.milestones[milestone.key] = _milestone_view(milestone, today, language)
    meetings = list(meetings_of(case).prefetch_related("participants"))
    overview.dm1 = next(
        (m for m in meetings if m.kind == DialogMeeting.Kind.DM1 and m.status != DialogMeeting.Status.CANCELLED), None
    )
    overview.nav_meetings = [m for m in meetings if m.is_nav and m.status != DialogMeeting.Status.CANCELLED]
    overview.cancelled = [m for m in meetings if m.status == DialogMeeting.Status.CANCELLED]
    overview.need_answer = case.meeting_need_answers.select_related("answered_by").first()
    if overview.dm1 is not None:
        overview.employee_prepared = overview.dm1.preparations.filter(side=Preparation.Side.EMPLOYEE).exists()
    return overview


@dataclass
class MeetingPage:
    meeting: DialogMeeting
    side: str
    can_change: bool
    can_participate: bool
    participants: list[Participant]
    own_preparation: Preparation | None
    other_preparation: Preparation | None  # only when the other side shared it
    changes: list[MeetingChange]
    minutes: Minutes | None
    actions: list
    comments: list
    doctor_awaiting_consent: Participant | None
    day_reached: bool  # the minutes can be written now (the service's own rule, services.minutes_refusal)


def meeting_page(meeting: DialogMeeting, *, user) -> MeetingPage:
    from .services import minutes_refusal  # services read selectors; the rule is the service's

    case = meeting.case
    side = side_of(user, case)
    preparations = {p.side: p for p in meeting.preparations.all()}
    other_side = Preparation.Side.MANAGER if side == Preparation.Side.EMPLOYEE else Preparation.Side.EMPLOYEE
    other = preparations.get(other_side)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    participants = list(meeting.participants.all())
    return MeetingPage(
        meeting=meeting,
        side=side,
        can_change=access.can(user, Action.CHANGE, case),
        can_participate=access.can(user, Action.PARTICIPATE, case) and side == Preparation.Side.EMPLOYEE,
        participants=participants,
        own_preparation=preparations.get(side),
        other_preparation=other if other is not None and other.shared else None,
        changes=list(meeting.changes.select_related("by")),
        minutes=minutes,
        actions=list(minutes.actions.all()) if minutes else [],
        comments=list(minutes.comments.all()) if minutes else [],
        doctor_awaiting_consent=next((p for p in participants if p.needs_consent and not p.added_in_minutes), None),
        day_reached=minutes_refusal(meeting) is None,
    )


def meeting_for_case(case: Case, pk) -> DialogMeeting | None:
    if not str(pk).isdigit():
        return None
    return (
        case.dialog_meetings.select_related("case__employee__manager")
        .prefetch_related(Prefetch("participants"))
        .filter(pk=pk)
        .first()
    )


# The case timeline -----------------------------------------------------------


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def case_timeline_events(case, *, user) -> list[TimelineEvent]:
    """Dated events of this app to show on the case's timeline."""
    events: list[TimelineEvent] = []
    meetings = list(meetings_of(case).prefetch_related("changes"))
    for meeting in meetings:
        url = reverse("dialog_meetings:detail", args=[case.pk, meeting.pk])
        name = meeting.get_kind_display()
        for change in meeting.changes.all():
            day = _local_date(change.at)
            if change.kind == MeetingChange.Kind.INVITED:
                events.append(
                    TimelineEvent(
                        day,
                        _("Invitation sent: %(meeting)s on %(date)s")
                        % {"meeting": name, "date": date_format(_local_date(change.starts_at), "DATE_FORMAT")},
                        "meeting_invited",
                        url,
                    )
                )
            elif change.kind == MeetingChange.Kind.RECORDED:
                events.append(
                    TimelineEvent(
                        day,
                        _("NAV called in: %(meeting)s on %(date)s")
                        % {"meeting": name, "date": date_format(_local_date(change.starts_at), "DATE_FORMAT")},
                        "meeting_nav_date",
                        url,
                    )
                )
            elif change.kind == MeetingChange.Kind.RESCHEDULED:
                events.append(
                    TimelineEvent(
                        day,
                        _("%(meeting)s moved from %(before)s to %(after)s")
                        % {
                            "meeting": name,
                            "before": date_format(_local_date(change.previous_starts_at), "DATE_FORMAT"),
                            "after": date_format(_local_date(change.starts_at), "DATE_FORMAT"),
                        },
                        "meeting_rescheduled",
                        url,
                    )
                )
            elif change.kind == MeetingChange.Kind.CANCELLED:
                events.append(
                    TimelineEvent(
                        day,
                        _("%(meeting)s cancelled: %(reason)s") % {"meeting": name, "reason": change.reason},
                        "meeting_cancelled",
                        url,
                    )
                )
            elif change.kind == MeetingChange.Kind.NAV_REPLY:
                events.append(
                    TimelineEvent(
                        day,
                        _("Reply to NAV about %(meeting)s: %(reply)s")
                        % {"meeting": name, "reply": meeting.get_nav_reply_display()},
                        "meeting_nav_reply",
                        url,
                    )
                )
        if meeting.status == DialogMeeting.Status.PLANNED:
            events.append(
                TimelineEvent(
                    _local_date(meeting.starts_at),
                    _("%(meeting)s planned: %(when)s") % {"meeting": name, "when": meeting_when(meeting)},
                    "meeting_planned",
                    url,
                )
            )
        elif meeting.status == DialogMeeting.Status.HELD:
            events.append(
                TimelineEvent(
                    _local_date(meeting.starts_at), _("%(meeting)s held") % {"meeting": name}, "meeting_held", url
                )
            )
    dm1 = case.milestones.filter(key="dialogue_meeting_1").exclude(not_required_reason="").first()
    if dm1 is not None and dm1.not_required_at:
        events.append(
            TimelineEvent(
                _local_date(dm1.not_required_at),
                _("Dialogue meeting 1 not required: %(reason)s") % {"reason": dm1.not_required_reason},
                "dm1_not_required",
            )
        )
    for answer in case.meeting_need_answers.all():
        label = (
            _("Answered NAV: a dialogue meeting is needed")
            if answer.needed
            else _("Answered NAV: no dialogue meeting is needed")
        )
        events.append(
            TimelineEvent(
                _local_date(answer.answered_at),
                label,
                "meeting_need_answered",
                reverse("dialog_meetings:index", args=[case.pk]) + "#need",
            )
        )
    return events
