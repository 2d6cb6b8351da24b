"""A slow, literal, day-by-day model of docs/deadline-rules.md, to check the engine against.

The engine works on intervals for speed; this model walks one calendar day at a time
and follows the wording of the rules, so that property tests can compare the two on
random input. It renders the format's `expect` shape directly.
"""

from __future__ import annotations

from datetime import date, timedelta

from deadlines.codes import PeriodKind
from deadlines.dates import add_years
from deadlines.model import Event, Period

SICK, HOLIDAY, WORK, UNCOVERED = "sick", "holiday", "work", "uncovered"
PRIORITY = {
    "holiday": 4,
    "leave": 4,
    "work": 3,
    "sick": 2,
    "egenmelding": 2,
    "travel_grant": 1,
    "treatment_days": 1,
    "pending": 0,
}
OFFSETS = {
    "first_conversation": 4,
    "followup_plan": 27,
    "dialogue_meeting_1": 48,
    "activity_requirement": 55,
    "nav_meeting_need_query": 119,
    "dialogue_meeting_2": 181,
    "plan_to_nav": 174,
}
ONE = timedelta(days=1)


def classify(periods: list[Period]) -> dict[date, tuple[str, int]]:
    """R-IN3, R1, R5: the class and grade of every covered day."""
    days: dict[date, tuple[tuple[int, int], str, int]] = {}
    for index, p in enumerate(periods):
        if p.kind is PeriodKind.SICK:
            cls, grade = (SICK, p.grade) if p.grade else (WORK, 0)
        elif p.kind is PeriodKind.EGENMELDING:
            cls, grade = SICK, 100
        elif p.kind in (PeriodKind.HOLIDAY, PeriodKind.LEAVE):
            cls, grade = HOLIDAY, 0
        elif p.kind is PeriodKind.PENDING:
            cls, grade = UNCOVERED, 0
        else:
            cls, grade = WORK, 0
        rank = (PRIORITY[p.kind.value], index)
        day = p.start
        while day <= p.end:
            if day not in days or days[day][0] < rank:
                days[day] = (rank, cls, grade)
            day += ONE
    return {day: (cls, grade) for day, (_, cls, grade) in days.items()}


def cls_of(days: dict, day: date) -> str:
    return days.get(day, (UNCOVERED, 0))[0]


def build_cases(days: dict) -> list[dict]:
    """R2–R4, day by day."""
    cases: list[dict] = []
    current = None
    attached = False
    non_sick = 0
    if not days:
        return cases
    day, last = min(days), max(days)
    while day <= last:
        cls = cls_of(days, day)
        if cls == SICK:
            if current is not None and non_sick >= 16:
                current = None
            if current is None:
                current = {"start": day, "end": day, "sick_days": 0}
                cases.append(current)
            current["end"] = day
            current["sick_days"] += 1
            attached, non_sick = True, 0
        elif current is not None:
            if cls == HOLIDAY and attached:
                current["end"] = day
                current["sick_days"] += 1
            else:
                attached = False
                non_sick += 1
        day += ONE
    return cases


def employer_periods(days: dict, last: date) -> tuple[list[dict], set[date]]:
    """R10 day by day up to `last`: the periods and the set of employer-period days."""
    periods: list[dict] = []
    ep_days: set[date] = set()
    count = opphold = 0
    parked: list[date] = []
    chain = False  # the previous day was sick or parked
    day = min(d for d, (c, _) in days.items() if c == SICK)
    while day <= last:
        cls = cls_of(days, day)
        weekend = day.weekday() >= 5
        if cls == SICK:
            if not periods or opphold >= 16:
                periods.append({"start": day, "end": None})
                count = 0
            for p in [*parked, day]:
                if count < 16:
                    count += 1
                    ep_days.add(p)
                    if count == 16:
                        periods[-1]["end"] = p
            parked, opphold, chain = [], 0, True
        elif cls == HOLIDAY or (cls == UNCOVERED and weekend):
            if chain:
                parked.append(day)
            else:
                opphold += 1
        else:
            opphold += len(parked) + 1
            parked, chain = [], False
        day += ONE
    return periods, ep_days


def max_date(days: dict, case: dict) -> date:
    """R27–R29, A10 day by day: known days up to the case end, then 100 % sickness (R28)."""
    assumed = {d: v for d, v in days.items() if d <= case["end"]}
    horizon = case["end"] + timedelta(days=1200)
    day = case["end"] + ONE
    while day <= horizon:
        assumed[day] = (SICK, 100)
        day += ONE
    _, ep_days = employer_periods(assumed, horizon)
    used, exhausted_on, quota_started = 0, None, False
    opphold, renewable = 0, False
    day = min(d for d, (c, _) in assumed.items() if c == SICK)
    while True:
        cls = cls_of(assumed, day)
        weekday = day.weekday() < 5
        nav_day = cls == SICK and weekday and day not in ep_days
        if exhausted_on is not None:
            # R29, A10: every day after the quota ran out counts toward the 182; a known work
            # day, uncovered weekday or employer-period day on or after the 182nd renews, and
            # the next NAV day starts a new quota.
            if not renewable:
                if day > case["end"]:
                    return exhausted_on
                renewing = cls == WORK or (cls == UNCOVERED and weekday) or day in ep_days
                if renewing and (day - exhausted_on).days >= 182:
                    renewable = True
            elif nav_day:
                used, exhausted_on, renewable, opphold = 1, None, False, 0
            day += ONE
            continue
        if cls != SICK or day in ep_days:
            opphold += 1
        elif weekday:
            if opphold >= 182 or not quota_started:
                used, quota_started = 0, True
            used += 1
            opphold = 0
            if used == 248:
                exhausted_on = day
                if day >= case["end"]:
                    return day
        else:
            following = day + ONE
            while cls_of(assumed, following) == SICK and following.weekday() >= 5 and following not in ep_days:
                following += ONE
            if cls_of(assumed, following) != SICK:
                opphold += 1
        day += ONE


def milestones(days: dict, case: dict, dm2: date | None) -> dict:
    """R17a–R23, for one case."""
    start, end = case["start"], case["end"]

    def runs(key: str) -> bool:
        return start + timedelta(days=OFFSETS[key]) <= end

    def grade_on(day: date) -> int | None:
        cls, grade = days.get(day, (UNCOVERED, 0))
        return grade if cls == SICK else None

    def latest_grade(day: date) -> int:
        while grade_on(day) is None:
            day -= ONE
        return grade_on(day)

    out = {}
    for key in OFFSETS:
        due = start + timedelta(days=OFFSETS[key])
        # R23: the plan to NAV applies exactly when DM2 does.
        runs_on_due = runs("dialogue_meeting_2" if key == "plan_to_nav" else key)
        applies, reason = runs_on_due, None if runs_on_due else "case_ended_before_due"
        if applies and key == "followup_plan" and (grade_on(due) or 100) < 100:
            reason = "graded_may_be_unnecessary"
        if applies and key == "dialogue_meeting_1" and latest_grade(due) != 100:
            applies, reason = False, "not_fully_absent"
        if applies and key == "activity_requirement" and grade_on(due) != 100:
            applies, reason = False, "not_fully_sick_on_due"
        if key in ("dialogue_meeting_2", "plan_to_nav") and dm2 is not None:
            applies, reason = True, None
        if key == "plan_to_nav" and dm2 is not None:
            due = dm2 - timedelta(days=7)
        out[key] = {"due": due.isoformat(), "applies": applies, "reason": reason}
    return out


def expect(
    periods: list[Period], *, today: date | None = None, birth_date: date | None = None, events: tuple[Event, ...] = ()
) -> dict:
    """Return the `expect` shape of docs/vectors-format.md section 2."""
    days = classify(periods)
    cases = build_cases(days)
    if not cases:
        return {"cases": []}
    eps, _ = employer_periods(days, max(days))
    rendered = []
    for i, case in enumerate(cases):
        later = cases[i + 1]["start"] if i + 1 < len(cases) else date.max
        dm2s = [e.date for e in events if case["start"] <= e.date < later]
        inside = [p for p in eps if case["start"] <= p["start"] <= case["end"]]
        warnings = []
        if any(p["start"] > case["start"] for p in inside):
            warnings.append("new_employer_period_within_case")
        estimate = max_date(days, case)
        if birth_date is not None and add_years(birth_date, 67) <= estimate:
            warnings.append("age_rules_not_applied")
        out = {
            "start": case["start"].isoformat(),
            "end": case["end"].isoformat(),
            "sick_days": case["sick_days"],
            "employer_period_end": inside[0]["end"].isoformat() if inside and inside[0]["end"] else None,
            "max_date": estimate.isoformat(),
            "milestones": milestones(days, case, max(dm2s) if dm2s else None),
            "warnings": warnings,
        }
        if today is not None:
            out["open"] = today <= case["end"] + timedelta(days=16)
        rendered.append(out)
    return {"cases": rendered}
