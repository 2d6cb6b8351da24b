"""Egenmelding (self-certification): how many days of a proposed absence may be self-certified (R12–R16)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from deadlines.codes import DeadlineError, EgenmeldingReason, ErrorCode
from deadlines.dates import add_months
from deadlines.model import DateRange, EgenmeldingDecision, EgenmeldingPolicy, EgenmeldingUsage, check_date

# R12: the right exists from this many calendar months after the employment start.
EMPLOYMENT_MONTHS = 2
# R14: an absence starting this many or fewer days after the return shares the cap.
AGGREGATION_GAP = 15
# R15: with this many occasions in 12 months the employer may withdraw the right.
WITHDRAW_OCCASIONS = 4
# R15, R16: the look-back window.
WINDOW_MONTHS = 12

_R = EgenmeldingReason


def egenmelding_decision(
    *,
    employment_start: date,
    proposed: DateRange,
    history: Iterable[DateRange] = (),
    policy: EgenmeldingPolicy | None = None,
    withdrawn: bool = False,
) -> EgenmeldingDecision:
    """Decide how many days of `proposed` the employee may self-certify.

    `history` holds earlier egenmelding days without a legeerklæring; days on or after
    the proposed start are ignored. The checks run in the spec's order: employment (R12),
    withdrawn (R15), the policy's 12-month quota (R16), the per-occasion cap (R13, R14).
    """
    check_date(employment_start, "employment_start", ErrorCode.INVALID_INPUT)
    if not isinstance(proposed, DateRange):
        raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected a DateRange, got {proposed!r}", "proposed")
    history = tuple(history)
    for i, entry in enumerate(history):
        if not isinstance(entry, DateRange):
            raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected a DateRange, got {entry!r}", f"history[{i}]")
    if policy is None:
        policy = EgenmeldingPolicy()
    elif not isinstance(policy, EgenmeldingPolicy):
        raise DeadlineError(ErrorCode.INVALID_POLICY, f"expected an EgenmeldingPolicy, got {policy!r}", "policy")
    if not isinstance(withdrawn, bool):
        raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected true or false, got {withdrawn!r}", "withdrawn")

    first = proposed.start.toordinal()
    occasions = _occasions(history, first)
    window_after = _window_after(proposed.start)
    occasions_12m = _occasions_in_window(occasions, window_after)  # R15

    # R14: earlier egenmelding within 15 days of the return counts in, as a chain.
    aggregated = 0
    following = first
    for start, end in reversed(occasions):
        if following - end - 1 > AGGREGATION_GAP:
            break
        aggregated += end - start + 1
        following = start

    quota_left = None
    if policy.max_days_per_12_months is not None:  # R16: days after `from − 12 months`
        used = _days_in_window(occasions, window_after)
        quota_left = max(0, policy.max_days_per_12_months - used)

    right_from = add_months(employment_start, EMPLOYMENT_MONTHS)
    cap = policy.max_days_per_occasion
    days = 0
    if proposed.start < right_from:
        reason = _R.EMPLOYMENT_UNDER_2_MONTHS
    elif withdrawn:  # R15: only an explicit employer decision withdraws the right
        reason = _R.WITHDRAWN
    elif quota_left == 0:
        reason = _R.POLICY_12_MONTH_QUOTA_USED
    elif aggregated >= cap:
        reason = _R.NO_DAYS_LEFT_IN_16_DAY_WINDOW
    else:
        days = min(proposed.days, cap - aggregated, proposed.days if quota_left is None else quota_left)
        reason = _R.OK if days == proposed.days else _R.CAPPED  # R13
    return EgenmeldingDecision(
        allowed=days > 0,
        days_allowed=days,
        last_day_allowed=proposed.start + timedelta(days=days - 1) if days else None,
        reason=reason,
        occasions_12m=occasions_12m,
        may_withdraw=occasions_12m >= WITHDRAW_OCCASIONS,
        proposed=proposed,
        right_from=right_from,
        cap=cap,
        aggregated_days=aggregated,
        quota_left=quota_left,
    )


def egenmelding_usage(history: Iterable[DateRange], *, on: date) -> EgenmeldingUsage:
    """Return the egenmelding used in the 12 months up to `on`, as `egenmelding_decision` counts it.

    That is what a decision on an absence starting the day after `on` sees: the occasions
    that start after that day − 12 months (R15, A8) and the days since then (R16), with
    adjacent or overlapping history entries as one occasion. Days after `on` are ignored.
    """
    check_date(on, "on", ErrorCode.INVALID_INPUT)
    history = tuple(history)
    for i, entry in enumerate(history):
        if not isinstance(entry, DateRange):
            raise DeadlineError(ErrorCode.INVALID_INPUT, f"expected a DateRange, got {entry!r}", f"history[{i}]")
    following = on + timedelta(days=1)
    occasions = _occasions(history, following.toordinal())
    window_after = _window_after(following)
    count = _occasions_in_window(occasions, window_after)
    return EgenmeldingUsage(
        occasions_12m=count,
        days_12m=_days_in_window(occasions, window_after),
        may_withdraw=count >= WITHDRAW_OCCASIONS,
        window_start=date.fromordinal(window_after + 1),
    )


def absence_occasions(history: Iterable[DateRange], *, on: date, months: int) -> int:
    """How many absence occasions started in the `months` months up to and including `on`.

    Adjacent or overlapping entries are one occasion (as for egenmelding, R15), so an
    egenmelding followed by a sick note counts once. Days after `on` are ignored.
    Used for the organisation's "frequent absence" rule (routines), not for a statutory one.
    """
    check_date(on, "on", ErrorCode.INVALID_INPUT)
    if months < 1:
        raise DeadlineError(ErrorCode.INVALID_INPUT, f"months must be at least 1, got {months}", "months")
    following = on + timedelta(days=1)
    occasions = _occasions(tuple(history), following.toordinal())
    return _occasions_in_window(occasions, add_months(following, -months).toordinal())


def _window_after(first: date) -> int:
    """A8: the 12-month window of an absence from `first` starts the day after this ordinal."""
    return add_months(first, -WINDOW_MONTHS).toordinal()


def _occasions_in_window(occasions: list[tuple[int, int]], window_after: int) -> int:
    """R15: occasions that start inside the window."""
    return sum(1 for start, _ in occasions if start > window_after)


def _days_in_window(occasions: list[tuple[int, int]], window_after: int) -> int:
    """R16: egenmelding days inside the window."""
    return sum(max(0, end - max(start, window_after + 1) + 1) for start, end in occasions)


def _occasions(history: Iterable[DateRange], before: int) -> list[tuple[int, int]]:
    """Merge history days before ordinal `before` into occasions: adjacent or overlapping entries are one."""
    occasions: list[tuple[int, int]] = []
    for start, end in sorted((h.start.toordinal(), h.end.toordinal()) for h in history):
        end = min(end, before - 1)
        if start > end:
            continue
        if occasions and start <= occasions[-1][1] + 1:
            occasions[-1] = (occasions[-1][0], max(occasions[-1][1], end))
        else:
            occasions.append((start, end))
    return occasions
