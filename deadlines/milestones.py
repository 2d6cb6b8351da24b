"""The seven follow-up milestones of a case (R17a–R23a).

R0.3/R0.5 (A1, A2): every due date is a calendar-day offset from the case start; no
roll-over for weekends or holidays, and work days inside the case do not move it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date

from deadlines.cases import CaseSpan
from deadlines.codes import MilestoneKey, Reason
from deadlines.days import SickDays
from deadlines.model import Event, Milestone

_M = MilestoneKey

# Offsets from day 1 (R0.2, R0.4).
OFFSETS: dict[MilestoneKey, int] = {
    _M.FIRST_CONVERSATION: 4,  # R17a: "senest dag 5"
    _M.FOLLOWUP_PLAN: 27,  # R18: within 4 weeks
    _M.DIALOGUE_MEETING_1: 48,  # R19: within 7 weeks
    _M.ACTIVITY_REQUIREMENT: 55,  # R20: within 8 weeks
    _M.NAV_MEETING_NEED_QUERY: 119,  # R21
    _M.DIALOGUE_MEETING_2: 181,  # R22: within 26 weeks
    _M.PLAN_TO_NAV: 174,  # R23: without a DM2 date
}
# R23: the plan goes to NAV one week before dialogmøte 2.
PLAN_BEFORE_DM2 = 7

_ENDED = Reason.CASE_ENDED_BEFORE_DUE


def dm2_dates(cases: Sequence[CaseSpan], events: Iterable[Event]) -> list[int | None]:
    """Return each case's DM2 date (R23a).

    An event belongs to the last case that starts on or before its date; with several,
    the latest counts; one dated before the first case is ignored.
    """
    starts = [c.start for c in cases]
    dates: list[int | None] = [None] * len(cases)
    for event in events:  # every event is a DM2 (EventType has no other member yet)
        day = event.date.toordinal()
        i = bisect_right(starts, day) - 1
        if i >= 0 and (dates[i] is None or day > dates[i]):
            dates[i] = day
    return dates


def case_milestones(case: CaseSpan, sick: SickDays, dm2: int | None) -> tuple[Milestone, ...]:
    """Return the milestones of one case in the spec's order."""
    start, end = case.start, case.end
    case_start = date.fromordinal(start)
    dm2_date = date.fromordinal(dm2) if dm2 is not None else None

    def runs_on(key: MilestoneKey) -> bool:  # R4: gaps inside the case count
        return start + OFFSETS[key] <= end

    def milestone(key: MilestoneKey, applies: bool, reason: Reason | None, due: int | None = None) -> Milestone:
        day = date.fromordinal(start + OFFSETS[key] if due is None else due)
        shown_dm2 = dm2_date if key in (_M.DIALOGUE_MEETING_2, _M.PLAN_TO_NAV) else None
        return Milestone(key, day, applies, reason, case_start, shown_dm2)

    def plain(key: MilestoneKey) -> Milestone:  # R17a, R21: applies when the case runs on the due date
        return milestone(key, True, None) if runs_on(key) else milestone(key, False, _ENDED)

    # R18: applies whether wholly or partly absent; graded (20–99 %) on the due day gets a remark.
    if not runs_on(_M.FOLLOWUP_PLAN):
        plan = milestone(_M.FOLLOWUP_PLAN, False, _ENDED)
    else:
        grade = sick.grade_on(start + OFFSETS[_M.FOLLOWUP_PLAN])
        graded = grade is not None and grade < 100
        plan = milestone(_M.FOLLOWUP_PLAN, True, Reason.GRADED_MAY_BE_UNNECESSARY if graded else None)

    # R19, A3: "wholly absent" is judged by the latest sick day on or before the due day.
    if not runs_on(_M.DIALOGUE_MEETING_1):
        dm1 = milestone(_M.DIALOGUE_MEETING_1, False, _ENDED)
    elif sick.latest_grade(start + OFFSETS[_M.DIALOGUE_MEETING_1]) == 100:
        dm1 = milestone(_M.DIALOGUE_MEETING_1, True, None)
    else:
        dm1 = milestone(_M.DIALOGUE_MEETING_1, False, Reason.NOT_FULLY_ABSENT)

    # R20: only 100 % sick on the due day itself; graded, at work or on holiday does not apply.
    if not runs_on(_M.ACTIVITY_REQUIREMENT):
        activity = milestone(_M.ACTIVITY_REQUIREMENT, False, _ENDED)
    elif sick.grade_on(start + OFFSETS[_M.ACTIVITY_REQUIREMENT]) == 100:
        activity = milestone(_M.ACTIVITY_REQUIREMENT, True, None)
    else:
        activity = milestone(_M.ACTIVITY_REQUIREMENT, False, Reason.NOT_FULLY_SICK_ON_DUE)

    # R22: applies when the case runs on the due date or a DM2 date is given for it.
    # R23: the plan to NAV applies exactly when DM2 does.
    dm2_applies = runs_on(_M.DIALOGUE_MEETING_2) or dm2 is not None
    dm2_reason = None if dm2_applies else _ENDED
    return (
        plain(_M.FIRST_CONVERSATION),
        plan,
        dm1,
        activity,
        plain(_M.NAV_MEETING_NEED_QUERY),
        milestone(_M.DIALOGUE_MEETING_2, dm2_applies, dm2_reason),
        milestone(_M.PLAN_TO_NAV, dm2_applies, dm2_reason, None if dm2 is None else dm2 - PLAN_BEFORE_DM2),
    )
