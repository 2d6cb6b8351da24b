"""Properties of the deadline engine on random input (hypothesis); no database."""

from __future__ import annotations

import os
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from deadlines import (
    DateRange,
    DayClass,
    EgenmeldingPolicy,
    EgenmeldingReason,
    Event,
    Period,
    PeriodKind,
    compute_timeline,
    egenmelding_decision,
)
from deadlines.days import resolve_runs
from deadlines.vectors import render_timeline

from . import reference

# DEADLINES_EXAMPLES_SCALE=50 runs a long search by hand; the suite keeps the defaults.
SCALE = int(os.environ.get("DEADLINES_EXAMPLES_SCALE", "1"))
# Under mutation testing (mutmut sets MUTANT_UNDER_TEST) every run draws the same, fewer examples
# and remembers none, so a mutant is killed or survives the same way each time, and a run of
# thousands of mutants stays within the hour (docs/mutation-testing.md).
MUTATING = "MUTANT_UNDER_TEST" in os.environ
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
if MUTATING:
    _COMMON |= {"derandomize": True, "database": None}
FAST = settings(max_examples=25 if MUTATING else 150 * SCALE, **_COMMON)
SLOW = settings(max_examples=15 if MUTATING else 100 * SCALE, **_COMMON)

BASE = date(2026, 1, 1)
KINDS = [PeriodKind.SICK] * 5 + [
    PeriodKind.EGENMELDING,
    PeriodKind.HOLIDAY,
    PeriodKind.LEAVE,
    PeriodKind.WORK,
    PeriodKind.TRAVEL_GRANT,
    PeriodKind.TREATMENT_DAYS,
    PeriodKind.PENDING,
]
GRADES = [100, 100, 100, 50, 20, 99, 0]
lengths = st.one_of(st.integers(1, 20), st.integers(1, 60), st.integers(100, 400))


@st.composite
def period(draw, kinds: list[PeriodKind] = KINDS, horizon: int = 800) -> Period:
    """Any period, anywhere in a few years."""
    kind = draw(st.sampled_from(kinds))
    start = BASE + timedelta(days=draw(st.integers(0, horizon)))
    grade = draw(st.sampled_from(GRADES)) if kind is PeriodKind.SICK else 100
    return Period(kind, start, start + timedelta(days=draw(lengths) - 1), grade)


@st.composite
def sequence(draw, kinds: list[PeriodKind] = KINDS, max_size: int = 8) -> list[Period]:
    """Non-overlapping periods laid one after another, with random holes between them."""
    periods = []
    day = BASE + timedelta(days=draw(st.integers(0, 6)))
    for _ in range(draw(st.integers(1, max_size))):
        kind = draw(st.sampled_from(kinds))
        grade = draw(st.sampled_from(GRADES)) if kind is PeriodKind.SICK else 100
        length = draw(lengths)
        periods.append(Period(kind, day, day + timedelta(days=length - 1), grade))
        day += timedelta(days=length + draw(st.sampled_from([0, 0, 0, 1, 2, 5, 15, 16, 17, 40, 200])))
    return periods


def render(periods: list[Period], **kwargs) -> dict:
    return render_timeline(compute_timeline(periods, **kwargs))


# The engine against the literal day-by-day model.


@SLOW
@given(
    periods=st.lists(period(), max_size=7),
    today=st.none() | st.dates(BASE, BASE + timedelta(days=1200)),
    birth_date=st.none() | st.dates(date(1955, 1, 1), date(1962, 12, 31)),
    dm2=st.lists(st.dates(BASE, BASE + timedelta(days=1200)), max_size=3),
)
def test_engine_agrees_with_the_day_by_day_model(periods, today, birth_date, dm2) -> None:
    events = tuple(Event.dm2(day) for day in dm2)
    kwargs = {"today": today, "birth_date": birth_date, "events": events}
    assert render(periods, **kwargs) == reference.expect(periods, **kwargs)


@SLOW
@given(periods=sequence())
def test_engine_agrees_with_the_day_by_day_model_on_laid_out_periods(periods) -> None:
    assert render(periods) == reference.expect(periods)


# Input shape does not matter.


@FAST
@given(periods=sequence(), data=st.data())
def test_order_of_non_overlapping_periods_changes_nothing(periods, data) -> None:
    # R-IN3: only overlapping periods of equal priority depend on list order.
    shuffled = data.draw(st.permutations(periods))
    assert render(shuffled) == render(periods)


@FAST
@given(periods=sequence(), data=st.data())
def test_splitting_a_period_into_adjacent_parts_changes_nothing(periods, data) -> None:
    i = data.draw(st.integers(0, len(periods) - 1))
    p = periods[i]
    assume(p.days >= 2)
    cut = p.start + timedelta(days=data.draw(st.integers(1, p.days - 1)))
    parts = [Period(p.kind, p.start, cut - timedelta(days=1), p.grade), Period(p.kind, cut, p.end, p.grade)]
    assert render([*periods[:i], *parts, *periods[i + 1 :]]) == render(periods)


@FAST
@given(periods=st.lists(period(), max_size=6), today=st.dates(BASE, BASE + timedelta(days=1500)))
def test_today_only_decides_open(periods, today) -> None:
    with_today = compute_timeline(periods, today=today)
    without = compute_timeline(periods)
    assert [c.open for c in without.cases] == [None] * len(without.cases)
    for a, b in zip(with_today.cases, without.cases, strict=True):
        assert a.open == (today <= a.end + timedelta(days=16))
        assert (a.start, a.end, a.milestones, a.max_date, a.employer_period_end) == (
            b.start,
            b.end,
            b.milestones,
            b.max_date,
            b.employer_period_end,
        )


# The 16-day rule (R2).


@FAST
@given(
    first=st.integers(1, 60),
    second=st.integers(1, 60),
    gap_kind=st.sampled_from([PeriodKind.WORK, PeriodKind.PENDING, PeriodKind.TRAVEL_GRANT, None]),
    grade=st.sampled_from([100, 60, 20]),
    offset=st.integers(0, 6),
)
def test_a_gap_of_15_non_sick_days_joins_and_16_splits(first, second, gap_kind, grade, offset) -> None:
    start = BASE + timedelta(days=offset)

    def cases(gap: int) -> list:
        end = start + timedelta(days=first - 1)
        periods = [Period(PeriodKind.SICK, start, end, grade)]
        if gap_kind is not None:  # None: the gap is uncovered
            periods.append(Period(gap_kind, end + timedelta(days=1), end + timedelta(days=gap)))
        again = end + timedelta(days=gap + 1)
        periods.append(Period(PeriodKind.SICK, again, again + timedelta(days=second - 1), grade))
        return compute_timeline(periods).cases

    assert len(cases(15)) == 1
    assert len(cases(16)) == 2


# Monotonicity.


@FAST
@given(periods=sequence(), data=st.data())
def test_adding_a_sick_day_never_ends_a_case_earlier_or_moves_a_deadline_later(periods, data) -> None:
    before = compute_timeline(periods)
    first = min(p.start for p in periods) - timedelta(days=20)
    day = first + timedelta(days=data.draw(st.integers(0, (max(p.end for p in periods) - first).days + 20)))
    after = compute_timeline([*periods, Period(PeriodKind.SICK, day, day)])
    for case in before.cases:
        joined = after.case_on(case.start)
        assert joined is not None
        assert joined.start <= case.start and joined.end >= case.end
        for old, new in zip(case.milestones, joined.milestones, strict=True):
            assert new.due <= old.due, old.key


@FAST
@given(
    periods=sequence(
        kinds=[PeriodKind.SICK, PeriodKind.SICK, PeriodKind.EGENMELDING, PeriodKind.HOLIDAY, PeriodKind.WORK]
    ),
    data=st.data(),
)
def test_adding_a_gap_never_brings_the_max_date_earlier(periods, data) -> None:
    sick_runs = [r for r in resolve_runs(periods) if r.day_class is DayClass.SICK]
    assume(sick_runs and sick_runs[-1].end - sick_runs[0].start >= 2)
    # While no quota runs out. After that, R29 counts the 182 days from the day it ran out,
    # so a gap that delays running out also delays the next quota: the max date can then
    # come earlier (hypothesis found such a case; it is what the rule says).
    assume(sum(r.end - r.start + 1 for r in sick_runs) < 340)
    first, last = sick_runs[0].start, sick_runs[-1].end
    # A work gap strictly between the first and the last sick day: the last case keeps its
    # end, so its estimate assumes sickness from the same day (R28).
    a = data.draw(st.integers(first + 1, last - 1))
    b = data.draw(st.integers(a, last - 1))
    gap = Period(PeriodKind.WORK, date.fromordinal(a), date.fromordinal(b))
    before = compute_timeline(periods).cases[-1]
    after = compute_timeline([*periods, gap]).cases[-1]
    assert after.end == before.end
    assert after.max_date >= before.max_date


# Invariants of every result.


@FAST
@given(periods=st.lists(period(), max_size=8))
def test_due_dates_and_case_shapes(periods) -> None:
    cases = compute_timeline(periods).cases
    for case in cases:
        assert 1 <= case.sick_days <= (case.end - case.start).days + 1
        for m in case.milestones:  # nothing is due before the first sick day
            assert m.due >= case.start
        assert [m.key.value for m in case.milestones] == list(reference.OFFSETS)
        if case.employer_period_end is not None:
            assert case.employer_period_end >= case.start + timedelta(days=15)
        assert case.max_date_estimate.exhausted or case.max_date > case.start
    for a, b in pairwise(cases):
        assert (b.start - a.end).days - 1 >= 16  # R2


@FAST
@given(
    start=st.dates(BASE, BASE + timedelta(days=800)), length=st.integers(16, 400), grade=st.sampled_from([100, 50, 20])
)
def test_without_a_gap_the_employer_period_ends_on_day_16(start, length, grade) -> None:
    (case,) = compute_timeline([Period(PeriodKind.SICK, start, start + timedelta(days=length - 1), grade)]).cases
    assert case.employer_period_end == start + timedelta(days=15)


@FAST
@given(start=st.dates(BASE, BASE + timedelta(days=800)), length=st.integers(1, 15))
def test_fewer_than_16_sick_days_have_no_employer_period_end(start, length) -> None:
    (case,) = compute_timeline([Period(PeriodKind.SICK, start, start + timedelta(days=length - 1))]).cases
    assert case.employer_period_end is None


# Egenmelding (R12–R16).

ranges = st.builds(
    lambda start, days: DateRange(start, start + timedelta(days=days - 1)),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.integers(1, 12),
)
policies = st.none() | st.builds(EgenmeldingPolicy, st.integers(1, 16), st.none() | st.integers(1, 40))


@FAST
@given(
    employment_start=st.dates(date(2024, 1, 1), date(2027, 12, 31)),
    proposed=ranges,
    history=st.lists(ranges, max_size=8),
    policy=policies,
    withdrawn=st.booleans(),
)
def test_egenmelding_decision_is_consistent(employment_start, proposed, history, policy, withdrawn) -> None:
    decision = egenmelding_decision(
        employment_start=employment_start, proposed=proposed, history=history, policy=policy, withdrawn=withdrawn
    )
    cap = policy.max_days_per_occasion if policy else 3
    assert 0 <= decision.days_allowed <= min(cap, proposed.days)
    assert decision.allowed == (decision.days_allowed > 0)
    if decision.allowed:
        assert decision.last_day_allowed == proposed.start + timedelta(days=decision.days_allowed - 1)
        assert (decision.reason is EgenmeldingReason.OK) == (decision.days_allowed == proposed.days)
    else:
        assert decision.last_day_allowed is None
        assert decision.reason not in (EgenmeldingReason.OK, EgenmeldingReason.CAPPED)
    assert decision.may_withdraw == (decision.occasions_12m >= 4)
    if withdrawn and decision.reason is not EgenmeldingReason.EMPLOYMENT_UNDER_2_MONTHS:
        assert decision.reason is EgenmeldingReason.WITHDRAWN
    if policy and policy.max_days_per_12_months is not None:
        assert decision.days_allowed <= policy.max_days_per_12_months


@FAST
@given(
    proposed=ranges,
    history=st.lists(ranges, max_size=6),
    extra=ranges,
    policy=policies,
    data=st.data(),
)
def test_more_egenmelding_history_never_allows_more_days(proposed, history, extra, policy, data) -> None:
    def decide(entries: list[DateRange]):
        return egenmelding_decision(
            employment_start=date(2020, 1, 1), proposed=proposed, history=entries, policy=policy
        )

    before = decide(history)
    after = decide([*history, extra])
    assert after.days_allowed <= before.days_allowed
    assert after.occasions_12m >= before.occasions_12m
    assert decide(data.draw(st.permutations(history))) == before


# The max date of a returning long-term sick employee (R28, R29, A10).


@FAST
@given(
    start=st.dates(BASE, BASE + timedelta(days=400)),
    work_from=st.integers(1, 181),
    work_days=st.integers(1, 15),
    more=st.integers(0, 300),
    kind=st.sampled_from([PeriodKind.WORK, PeriodKind.SICK, PeriodKind.PENDING]),
)
def test_a_renewing_day_before_the_182nd_opphold_day_never_changes_the_max_date(
    start, work_from, work_days, more, kind
) -> None:
    # The quota runs out inside one long sick period. Work (a 0 % sick note, or days no
    # period covers) after it but before the 182nd opphold day, too short to close the case
    # or start an employer period, opens no new right, however long the sickness goes on.
    plain = compute_timeline([Period(PeriodKind.SICK, start, start + timedelta(days=400))]).cases[0]
    assert plain.max_date_estimate.exhausted
    ran_out = plain.max_date
    first = ran_out + timedelta(days=work_from)
    last = min(first + timedelta(days=work_days - 1), ran_out + timedelta(days=181))
    end = ran_out + timedelta(days=182 + more)
    periods = [
        Period(PeriodKind.SICK, start, first - timedelta(days=1)),
        Period(PeriodKind.SICK, last + timedelta(days=1), end),
    ]
    if kind is not PeriodKind.PENDING:
        periods.append(Period(kind, first, last, 0))
    (case,) = compute_timeline(periods).cases
    assert case.max_date == ran_out
    assert case.max_date_estimate.exhausted


@FAST
@given(
    periods=sequence(
        kinds=[
            PeriodKind.SICK,
            PeriodKind.SICK,
            PeriodKind.EGENMELDING,
            PeriodKind.HOLIDAY,
            PeriodKind.WORK,
            PeriodKind.PENDING,
        ]
    ),
    extra=st.integers(1, 400),
)
def test_extending_the_last_sick_period_never_moves_the_max_date(periods, extra) -> None:
    # R28: the estimate assumes unbroken sickness from the day after the case end, so a
    # sick note that turns the assumption into a known period cannot change it, whether
    # the quota is still running, used up, or made ready for a new one.
    last = max(periods, key=lambda p: p.end)
    assume(last.kind in (PeriodKind.SICK, PeriodKind.EGENMELDING) and last.grade)
    assume(all(p is last or p.end < last.end for p in periods))
    before = compute_timeline(periods).cases[-1]
    longer = Period(last.kind, last.start, last.end + timedelta(days=extra), last.grade)
    after = compute_timeline([longer if p is last else p for p in periods]).cases[-1]
    assert after.start == before.start
    assert after.max_date == before.max_date


@st.composite
def long_history(draw) -> list[Period]:
    """A first sick period of 200–420 days, then work, holiday, uncovered days and new sickness."""
    day = BASE + timedelta(days=draw(st.integers(0, 6)))
    periods = [Period(PeriodKind.SICK, day, day + timedelta(days=draw(st.integers(200, 420)) - 1))]
    day = periods[0].end + timedelta(days=1)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from([PeriodKind.WORK, PeriodKind.HOLIDAY, PeriodKind.SICK, PeriodKind.SICK, PeriodKind.PENDING])
        )
        length = draw(st.one_of(st.integers(1, 20), st.integers(100, 250)))
        periods.append(
            Period(
                kind,
                day,
                day + timedelta(days=length - 1),
                draw(st.sampled_from([100, 100, 50])) if kind is PeriodKind.SICK else 100,
            )
        )
        day += timedelta(days=length + draw(st.sampled_from([0, 0, 1, 2, 16, 30])))
    return periods


@SLOW
@given(periods=long_history())
def test_engine_agrees_with_the_day_by_day_model_on_long_histories(periods) -> None:
    assert render(periods) == reference.expect(periods)
