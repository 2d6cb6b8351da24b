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
        if i < 0:
            continue  # before the first case: ignored (R23a)
        known = dates[i]
        if known is None or day > known:
            dates[i] = day
    return dates


def case_milestones(case: CaseSpan, sick: SickDays, dm2: int | None) -> tuple[Milestone, ...]:
    """Return the milestones of one case in the spec's order."""
    case_start = date.fromordinal(case.start)
    dm2_date = None if dm2 is None else date.fromordinal(dm2)
    milestones = []
    for key in MilestoneKey:
        applies, reason = _status(key, case, sick, dm2)
        if key is _M.PLAN_TO_NAV and dm2 is not None:
            due = dm2 - PLAN_BEFORE_DM2  # R23
        else:
            due = case.start + OFFSETS[key]
        milestones.append(
            Milestone(key, date.fromordinal(due), applies, reason, case_start, dm2_date if key in _DM2_KEYS else None)
        )
    return tuple(milestones)


_DM2_KEYS = (_M.DIALOGUE_MEETING_2, _M.PLAN_TO_NAV)


def _status(key: MilestoneKey, case: CaseSpan, sick: SickDays, dm2: int | None) -> tuple[bool, Reason | None]:
    """Return whether a milestone applies, and its reason code."""
    if key in _DM2_KEYS:
        # R22: applies when the case runs on the DM2 due date or a DM2 date is given for it.
        # R23: the plan to NAV applies exactly when DM2 does.
        applies = case.start + OFFSETS[_M.DIALOGUE_MEETING_2] <= case.end or dm2 is not None
        return (True, None) if applies else (False, _ENDED)
    due = case.start + OFFSETS[key]
    if due > case.end:  # R4: the case does not run on the due date
        return False, _ENDED
    if key is _M.FOLLOWUP_PLAN:
        # R18: applies whether wholly or partly absent; graded (20–99 %) on the due day gets a remark.
        grade = sick.grade_on(due)
        return True, Reason.GRADED_MAY_BE_UNNECESSARY if grade is not None and grade < 100 else None
    if key is _M.DIALOGUE_MEETING_1:
        # R19, A3: "wholly absent" is judged by the latest sick day on or before the due day.
        return (True, None) if sick.latest_grade(due) == 100 else (False, Reason.NOT_FULLY_ABSENT)
    if key is _M.ACTIVITY_REQUIREMENT:
        # R20: only 100 % sick on the due day itself; graded, at work or on holiday does not apply.
        return (True, None) if sick.grade_on(due) == 100 else (False, Reason.NOT_FULLY_SICK_ON_DUE)
    return True, None  # R17a (A6), R21: the case runs on the due date
