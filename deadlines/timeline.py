"""compute_timeline: from absence periods to cases with milestones, employer period and max date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from deadlines.cases import CaseSpan, build_cases
from deadlines.codes import CaseWarning, DeadlineError, ErrorCode
from deadlines.dates import add_years
from deadlines.days import SickDays, resolve_runs, sick_blocks
from deadlines.employer_period import LENGTH, EmployerPeriods, employer_periods
from deadlines.max_date import QuotaCounter
from deadlines.milestones import case_milestones, dm2_dates
from deadlines.model import Case, EmployerPeriod, Event, MaxDateEstimate, Period, Timeline, check_date

# R4: a case is open while today <= end + 16.
OPEN_DAYS = 16
# R29a: after this age NAV's age rules apply, which the estimate leaves out.
AGE_RULES_FROM = 67


def compute_timeline(
    periods: Iterable[Period],
    *,
    today: date | None = None,
    birth_date: date | None = None,
    events: Iterable[Event] = (),
) -> Timeline:
    """Return every case of one employee's periods, in date order.

    `periods` may come in any order and may overlap (R-IN3). `today` only decides
    `Case.open`; nothing here reads the clock. `birth_date` is used only for the
    `age_rules_not_applied` warning, `events` for DM2 dates.
    """
    periods = tuple(periods)
    events = tuple(events)
    for i, period in enumerate(periods):
        if not isinstance(period, Period):
            raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected a Period, got {period!r}", f"periods[{i}]")
    for i, event in enumerate(events):
        if not isinstance(event, Event):
            raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected an Event, got {event!r}", f"events[{i}]")
    if today is not None:
        check_date(today, "today", ErrorCode.INVALID_INPUT)
    age_limit = None
    if birth_date is not None:
        age_limit = add_years(check_date(birth_date, "birth_date", ErrorCode.INVALID_INPUT), AGE_RULES_FROM)

    runs = resolve_runs(periods)
    blocks = sick_blocks(runs)
    spans = build_cases(blocks)
    eps = employer_periods(blocks)
    sick = SickDays(runs)
    quota = QuotaCounter()
    cases = []
    for span, dm2 in zip(spans, dm2_dates(spans, events), strict=True):
        for i in range(span.first_block, span.last_block + 1):
            block = blocks[i]
            gap = block.gap_before
            if gap is not None:
                # R29: every non-sick day is opphold; A10: work days, uncovered weekdays and
                # employer-period days renew a used-up quota.
                parked = eps.parked[i]
                renewing = block.renewing_before
                if parked and renewing is None:
                    renewing = block.start - gap - 1 + parked
                quota.add_opphold(gap, renewing)
            ep_days = eps.ep_days[i]
            # R27: employer-period days are not NAV days.
            quota.add_opphold(ep_days, block.start + ep_days - 1)
            if block.start + ep_days <= block.end:
                quota.add_sick(block.start + ep_days, block.end)
        last = blocks[span.last_block]
        # R28: known days up to the case end, then 100 % sickness; attached holiday days
        # followed by that sickness count for the employer period (R10).
        counted = eps.counted[span.last_block]
        ep_left = max(0, LENGTH - counted - last.holiday_after)
        ep_holiday = min(last.holiday_after, LENGTH - counted)
        estimate = quota.estimate(span.end, last.holiday_after, ep_left, ep_holiday)
        max_date = MaxDateEstimate(
            date.fromordinal(estimate.max_date),
            estimate.exhausted,
            date.fromordinal(estimate.quota_start),
            estimate.used_at_case_end,
            date.fromordinal(span.end),
        )
        employer_period, period_end, restarted = _employer_period(span, eps)
        warnings = []
        if restarted:
            warnings.append(CaseWarning.NEW_EMPLOYER_PERIOD_WITHIN_CASE)  # R10a
        if age_limit is not None and age_limit <= max_date.date:
            warnings.append(CaseWarning.AGE_RULES_NOT_APPLIED)  # R29a
        end = date.fromordinal(span.end)
        cases.append(
            Case(
                start=date.fromordinal(span.start),
                end=end,
                sick_days=span.sick_days,
                employer_period_end=period_end,
                employer_period=employer_period,
                max_date_estimate=max_date,
                milestones=case_milestones(span, sick, dm2),
                warnings=tuple(warnings),
                open=None if today is None else (today - end).days <= OPEN_DAYS,
                dm2_date=None if dm2 is None else date.fromordinal(dm2),
            )
        )
    return Timeline(tuple(cases), today)


def _employer_period(span: CaseSpan, eps: EmployerPeriods) -> tuple[EmployerPeriod, date | None, bool]:
    """Return the case's employer period, its `employer_period_end` and whether a new one starts later in it.

    R11: `employer_period_end` is the 16th day of the first employer period that starts
    inside the case. Only when a gap of parked days (A5) joins the employer periods but
    not the cases does none start there; then the period in force is shown and the end
    is null, as R11 says.
    """
    inside = [p for p in eps.periods if span.first_block <= p.first_block <= span.last_block]
    restarted = any(p.first_block > span.first_block for p in inside)
    if inside:
        first = inside[0]
        end = None if first.end is None else date.fromordinal(first.end)
        return EmployerPeriod(date.fromordinal(first.start), end), end, restarted
    running = [p for p in eps.periods if p.first_block < span.first_block][-1]
    end = None if running.end is None else date.fromordinal(running.end)
    return EmployerPeriod(date.fromordinal(running.start), end), None, restarted
